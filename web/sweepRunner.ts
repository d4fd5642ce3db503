// Runs a sweep on the page's own thread in slices, as the Runner runs a
// session: each slice at most SLICE_MS of wall time (the clock is read
// every CHUNK instructions and after each trap), then the browser has the
// thread back, so the page answers, the progress shows and Cancel works.
import type { SteppedSweep } from '../sweep/stepped.js';

const SLICE_MS = 12;
const CHUNK = 20_000;
/** The panel is told at most this often while it runs. */
const PROGRESS_MS = 100;

export class SweepRunner {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastProgress = 0;
  running = false;

  constructor(private readonly sweep: SteppedSweep, private readonly onProgress: (finished: boolean) => void) {}

  start(): void {
    if (this.running || this.sweep.done) return;
    this.running = true;
    this.timer = setTimeout(() => this.slice(), 0);
  }

  /** Stops between two slices; the runs already done keep their outcomes. */
  cancel(): void {
    this.running = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private slice(): void {
    if (!this.running) return;
    const start = performance.now();
    const late = (): boolean => performance.now() - start >= SLICE_MS;
    let done = false;
    while (!done && !late()) done = this.sweep.advance(CHUNK, late);
    if (done) {
      this.running = false;
      this.onProgress(true);
      return;
    }
    if (start - this.lastProgress >= PROGRESS_MS) {
      this.lastProgress = start;
      this.onProgress(false);
    }
    this.timer = setTimeout(() => this.slice(), 0);
  }
}
