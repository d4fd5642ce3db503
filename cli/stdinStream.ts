// The host's standard input as the kernel takes it (KernelHooks.stdin): read
// without blocking the event loop (so that Ctrl-C is still heard while a
// guest waits), started only at the first read(0), and held in a bounded
// window: the stream is paused once HIGH_WATER_BYTES wait unread, so an
// endless input (`yes | illusion run ...`) costs the host constant memory.
// From a terminal a read ends at the end of a typed line, as a terminal's
// read does in its line mode, so that a program can ask, read the answer
// and reply; from a pipe or a file it gets every byte it asked for (or the
// rest of the input), whatever the chunks the input arrived in.
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

  /** `lines`: the input is a terminal, so a read ends at a line's end (TTY line mode). */
  constructor(private readonly input: Readable, private readonly lines = false) {}

  /**
   * The next `want` bytes (fewer at the end of input, or from a terminal at
   * the end of a line), or undefined while they have not all arrived.
   */
  take(want: number): Uint8Array | undefined {
    this.start();
    const line = this.lines ? this.lineLength(want) : 0;
    if (line > 0) want = line;
    else if (this.buffered < want && !this.ended) {
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
    return this.ended || this.buffered >= this.wanted || (this.lines && this.lineLength(this.wanted) > 0);
  }

  /** Bytes up to and including the first newline held, if one lies within the first `most`; else 0. */
  private lineLength(most: number): number {
    let seen = 0;
    for (let i = 0; i < this.chunks.length && seen < most; i++) {
      const chunk = this.chunks[i]!;
      const from = i === 0 ? this.offset : 0;
      const nl = chunk.indexOf(10, from);
      if (nl >= 0 && seen + (nl - from) < most) return seen + (nl - from) + 1;
      seen += chunk.length - from;
    }
    return 0;
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
