// Runs a Seek (web/replay.ts) in slices, as the Runner runs a session: each
// slice at most SLICE_MS of wall time, then the browser has the thread back,
// so the page answers during a long replay, its progress shows, and Pause
// or a newer request (a drag of the timeline) replaces it. Requests are
// coalesced: a drag sends many, and only the newest is started, at the next
// slice; one that can be reached by stepping on from the seek under way
// (a drag to the right) keeps it.
import { Seek, StopSeek } from './replay.js';
import type { Session } from './session.js';

const SLICE_MS = 12;
/** Instructions between clock checks, as the Runner has them (a swapping run can take 10 ms for 2000). */
const CHUNK = 2000;
/** The page is told of the progress at most this often. */
const PROGRESS_MS = 100;

export type SeekRequest = { readonly to: number } | { readonly back: number } | { readonly lastStop: true };

/** A seek under way: to an instruction (Seek) or back to the last stop (StopSeek). */
export type SeekJob = Seek | StopSeek;

export class SeekRunner {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastProgress = 0;
  private pending: SeekRequest | undefined;
  /** The seek under way, if any. */
  job: SeekJob | undefined;

  constructor(
    private readonly shown: () => Session | undefined,
    private readonly onProgress: () => void,
    private readonly onLanded: (job: SeekJob) => void,
  ) {}

  get busy(): boolean {
    return this.job !== undefined || this.pending !== undefined;
  }

  /** The instruction the page is going to (the newest request's, once known). */
  get heading(): number | undefined {
    const p = this.pending;
    if (p !== undefined && 'to' in p) return p.to;
    return this.job?.target;
  }

  /** Asks for a seek; it starts at the next slice unless a newer request comes first. */
  request(r: SeekRequest): void {
    // Stepping back while a seek is under way goes back from where that one is going.
    if ('back' in r && this.job !== undefined && this.pending === undefined) r = { to: Math.max(0, this.job.target - r.back) };
    else if ('back' in r && this.pending !== undefined && 'to' in this.pending) r = { to: Math.max(0, this.pending.to - r.back) };
    this.pending = r;
    if (this.timer === undefined) this.schedule();
  }

  /** Drops the seek under way and any request; the page keeps what it shows. */
  cancel(): void {
    this.pending = undefined;
    this.job = undefined;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Runs a seek to the end at once (a test, or a share link's position before the page draws). */
  static runNow(job: SeekJob): Session {
    while (!job.advance(CHUNK)) { /* until landed */ }
    return job.session;
  }

  private schedule(): void {
    this.timer = setTimeout(() => this.slice(), 0);
  }

  private take(): void {
    const r = this.pending;
    this.pending = undefined;
    if (r === undefined) return;
    if ('to' in r && this.job !== undefined && this.job.retarget(r.to)) return;
    const shown = this.shown();
    if (shown === undefined) { this.job = undefined; return; }
    if (this.job === undefined) this.lastProgress = performance.now();
    this.job = 'to' in r ? Seek.to(shown, r.to) : 'back' in r ? Seek.back(shown, r.back) : new StopSeek(shown);
  }

  private slice(): void {
    this.timer = undefined;
    this.take();
    const job = this.job;
    if (job === undefined) return;
    const start = performance.now();
    let landed = job.landed;
    while (!landed && performance.now() - start < SLICE_MS) landed = job.advance(CHUNK);
    if (landed && this.pending === undefined) {
      this.job = undefined;
      this.onLanded(job);
      return;
    }
    if (start - this.lastProgress >= PROGRESS_MS) {
      this.lastProgress = start;
      this.onProgress();
    }
    this.schedule();
  }
}
