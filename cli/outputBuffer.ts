// Guest output goes to the host's stdout and stderr in the order it was
// written, batched so that a program writing a byte at a time stays fast;
// the run flushes it at the end of every time slice, so nothing waits long
// and nothing written is kept once it is out. Writes are copied into one
// buffer of fixed size, so a million one-byte writes cost no more host
// memory than one large write.
import { writeAll } from './hostWrite.js';

const BUFFER_BYTES = 64 * 1024;

export class OutputBuffer {
  private readonly buffer = new Uint8Array(BUFFER_BYTES);
  private fd: 1 | 2 = 1;
  private size = 0;
  /** True once a write to stdout found its pipe closed (the reader went away): the run can stop. */
  stdoutClosed = false;
  private open = false;

  /** True when the guests' last write did not end its line (a prompt such as `name? `). */
  get lineOpen(): boolean {
    return this.open;
  }

  /** `beforeWrite` runs before bytes reach the host (the progress line erases itself). */
  constructor(private readonly beforeWrite: () => void = () => {}) {}

  write(fd: 1 | 2, bytes: Uint8Array): void {
    if (bytes.length > 0) this.open = bytes[bytes.length - 1] !== 0x0a;
    if (fd !== this.fd) {
      this.flush();
      this.fd = fd;
    }
    if (this.size + bytes.length > BUFFER_BYTES) {
      this.flush();
      if (bytes.length > BUFFER_BYTES) { this.send(bytes); return; }
    }
    this.buffer.set(bytes, this.size);
    this.size += bytes.length;
  }

  flush(): void {
    if (this.size === 0) return;
    const n = this.size;
    this.size = 0;
    this.send(this.buffer.subarray(0, n));
  }

  private send(bytes: Uint8Array): void {
    this.beforeWrite();
    try {
      writeAll(this.fd, bytes);
    } catch (e) {
      // A closed pipe (EPIPE): nobody listens any more. Closed stdout ends the run (the caller asks
      // stdoutClosed between slices); a closed stderr loses only the kill lines.
      if ((e as NodeJS.ErrnoException).code !== 'EPIPE') throw e;
      if (this.fd === 1) this.stdoutClosed = true;
    }
  }
}
