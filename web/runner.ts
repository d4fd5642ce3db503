// Runs a session in slices so that the page never freezes: each slice runs
// for at most SLICE_MS of wall time (or, at a set speed, the instructions
// that speed allows since the last slice), then yields to the browser.
// Pause takes effect at the next slice boundary, well within 100 ms; the
// panels are told at most every RENDER_MS. A big Step N runs here too, at
// full speed, until its count is used up.
import type { Session } from './session.js';

const SLICE_MS = 12;
export const RENDER_MS = 100;
/** Instructions run between clock checks at full speed. */
const CHUNK = 2000;

/** Instructions per second; Infinity for as fast as the host goes. */
export type Speed = number;

export class Runner {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastSlice = 0;
  private lastRender = 0;
  private credit = 0;
  /** Instructions left to run for a Step N; Infinity for Run. */
  private budget = Infinity;
  running = false;

  constructor(
    private readonly session: () => Session | undefined,
    private readonly onUpdate: () => void,
    public speed: Speed,
  ) {}

  /** Runs until every process has ended, or Pause. */
  start(): void {
    this.run(Infinity);
  }

  /**
   * Runs `n` instructions: at once when they fit in one chunk, else in
   * slices at full speed (a Step N of millions of swapping instructions
   * would otherwise hold the page for seconds), Pause still answering.
   */
  step(n: number): void {
    const s = this.session();
    if (s === undefined) return;
    this.pause();
    if (n <= CHUNK) {
      s.step(n);
      this.onUpdate();
    } else {
      this.run(n);
    }
  }

  private run(budget: number): void {
    if (this.running) return;
    this.budget = budget;
    this.running = true;
    this.lastSlice = performance.now();
    this.credit = 0;
    this.schedule();
  }

  pause(): void {
    this.running = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.onUpdate();
  }

  /** A Run at a set speed (a Step N goes at full speed). */
  private paced(): boolean {
    return Number.isFinite(this.speed) && !Number.isFinite(this.budget);
  }

  private schedule(): void {
    this.timer = setTimeout(() => this.slice(), this.paced() ? 16 : 0);
  }

  private slice(): void {
    const s = this.session();
    if (!this.running || s === undefined) return;
    const start = performance.now();
    let finished = false;
    if (this.paced()) {
      // Instructions owed since the last slice, capped so a hidden tab does not burst on return.
      this.credit = Math.min(this.credit + ((start - this.lastSlice) / 1000) * this.speed, this.speed / 4 + 1);
      let owed = Math.floor(this.credit);
      this.credit -= owed;
      while (owed > 0 && !finished && performance.now() - start < SLICE_MS) {
        const n = Math.min(owed, CHUNK);
        finished = s.step(n);
        owed -= n;
      }
    } else {
      while (!finished && this.budget > 0 && performance.now() - start < SLICE_MS) {
        const n = Math.min(CHUNK, this.budget);
        finished = s.step(n);
        this.budget -= n;
      }
    }
    this.lastSlice = start;
    if (finished || this.budget <= 0) {
      this.running = false;
      this.onUpdate();
      return;
    }
    if (start - this.lastRender >= RENDER_MS) {
      this.lastRender = start;
      this.onUpdate();
    }
    this.schedule();
  }
}
