// Runs a session in slices so that the page never freezes: each slice runs
// for at most SLICE_MS of wall time (or, at a set speed, the instructions
// that speed allows since the last slice), then yields to the browser.
// Pause takes effect at the next slice boundary, well within 100 ms; the
// panels are told at most every RENDER_MS.
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
  running = false;

  constructor(
    private readonly session: () => Session | undefined,
    private readonly onUpdate: () => void,
    public speed: Speed,
  ) {}

  start(): void {
    if (this.running) return;
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

  private schedule(): void {
    this.timer = setTimeout(() => this.slice(), Number.isFinite(this.speed) ? 16 : 0);
  }

  private slice(): void {
    const s = this.session();
    if (!this.running || s === undefined) return;
    const start = performance.now();
    let finished = false;
    if (Number.isFinite(this.speed)) {
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
      while (!finished && performance.now() - start < SLICE_MS) {
        finished = s.step(CHUNK);
      }
    }
    this.lastSlice = start;
    if (finished) {
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
