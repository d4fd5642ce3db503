// The host's standard input as the kernel takes it (KernelHooks.stdin): read
// without blocking the event loop (so that Ctrl-C is still heard while a
// guest waits), started only at the first read(0), and held in a bounded
// window: the stream is paused once HIGH_WATER_BYTES wait unread, so an
// endless input (`yes | illusion run ...`) costs the host constant memory.
import type { Readable } from 'node:stream';

/** Unread bytes past which the stream is paused: the kernel asks for at most 1 MiB a read. */
export const HIGH_WATER_BYTES = 4 * 1024 * 1024;

export class StdinStream {
  private chunks: Buffer[] = [];
  /** Bytes in `chunks`; the first chunk's first `offset` bytes are already taken. */
  private buffered = 0;
  private offset = 0;
  private started = false;
  private ended = false;
  /** Bytes the last take() asked for and did not get. */
  private wanted = 0;
  private wake: (() => void) | undefined;

  constructor(private readonly input: Readable) {}

  /** The next `want` bytes (fewer only at the end of input), or undefined while they have not all arrived. */
  take(want: number): Uint8Array | undefined {
    this.start();
    if (this.buffered < want && !this.ended) {
      this.wanted = want;
      this.input.resume(); // wanted beyond the window: let more in
      return undefined;
    }
    this.wanted = 0;
    const out = new Uint8Array(Math.min(want, this.buffered));
    let done = 0;
    while (done < out.length) {
      const chunk = this.chunks[0]!;
      const n = Math.min(out.length - done, chunk.length - this.offset);
      out.set(chunk.subarray(this.offset, this.offset + n), done);
      done += n;
      this.offset += n;
      if (this.offset === chunk.length) {
        this.chunks.shift();
        this.offset = 0;
      }
    }
    this.buffered -= out.length;
    if (!this.ended && this.buffered < HIGH_WATER_BYTES) this.input.resume();
    return out;
  }

  /** Resolves once the bytes the last take() missed are in (or the input ended). */
  ready(): Promise<void> {
    if (this.satisfied()) return Promise.resolve();
    return new Promise((resolve) => { this.wake = resolve; });
  }

  /** True once reading began and the input is not over: the host must let go of it at the end of a run. */
  get pending(): boolean {
    return this.started && !this.ended;
  }

  /** Unread bytes held now (tests). */
  get held(): number {
    return this.buffered;
  }

  private satisfied(): boolean {
    return this.ended || this.buffered >= this.wanted;
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    const end = () => { this.ended = true; this.notify(); };
    try {
      this.input.on('data', (chunk: Buffer) => {
        this.chunks.push(chunk);
        this.buffered += chunk.length;
        if (this.buffered >= Math.max(HIGH_WATER_BYTES, this.wanted)) this.input.pause();
        this.notify();
      });
      // A closed or failing stdin ends the input with what was read.
      this.input.once('end', end);
      this.input.once('error', end);
    } catch {
      end();
    }
  }

  private notify(): void {
    if (this.wake !== undefined && this.satisfied()) {
      const wake = this.wake;
      this.wake = undefined;
      wake();
    }
  }
}
