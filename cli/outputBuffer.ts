// Guest output goes to the host's stdout and stderr in the order it was
// written, batched so that a program writing a byte at a time stays fast;
// the run flushes it at the end of every time slice, so nothing waits long
// and nothing written is kept once it is out.
import { writeSync } from 'node:fs';

const FLUSH_AT_BYTES = 64 * 1024;

export class OutputBuffer {
  private chunks: Uint8Array[] = [];
  private fd: 1 | 2 = 1;
  private size = 0;

  /** `beforeWrite` runs before bytes reach the host (the progress line erases itself). */
  constructor(private readonly beforeWrite: () => void = () => {}) {}

  write(fd: 1 | 2, bytes: Uint8Array): void {
    if (fd !== this.fd) {
      this.flush();
      this.fd = fd;
    }
    this.chunks.push(bytes);
    this.size += bytes.length;
    if (this.size >= FLUSH_AT_BYTES) this.flush();
  }

  flush(): void {
    if (this.size === 0) return;
    this.beforeWrite();
    const all = Buffer.concat(this.chunks);
    let at = 0;
    while (at < all.length) {
      try {
        at += writeSync(this.fd, all, at);
      } catch (e) {
        // A full non-blocking pipe: try again; a closed one (EPIPE): nobody listens, drop it.
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        break;
      }
    }
    this.chunks = [];
    this.size = 0;
  }
}
