// The one-line progress of a long run on a terminal (SPEC section 9): after
// SHOW_AFTER_MS it shows the instructions so far and the processes alive on
// stderr, rewritten in place, and erases itself before any other output and
// at the end. Never shown unless both stdout and stderr are terminals.
import { writeAll } from './hostWrite.js';

const SHOW_AFTER_MS = 2000;
const REDRAW_EVERY_MS = 200;
const ERASE_LINE = '\r\x1b[K';

export class ProgressLine {
  private readonly startedAt = Date.now();
  private drawnAt = 0;
  private shown = false;

  constructor(private readonly enabled: boolean) {}

  /**
   * Redraws the line if the run is long enough and the last drawing is old
   * enough. `countAlive` is asked only then: counting costs O(processes),
   * and slices end often (attack20: with 10,000 processes the count, made
   * after every slice, was most of a run's host time).
   */
  update(instructions: number, countAlive: () => number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.startedAt < SHOW_AFTER_MS || now - this.drawnAt < REDRAW_EVERY_MS) return;
    this.drawnAt = now;
    this.shown = true;
    const alive = countAlive();
    const text = `illusion: ${instructions.toLocaleString('en-US')} instructions, ${alive} process${alive === 1 ? '' : 'es'} alive (Ctrl-C stops)`;
    write(`${ERASE_LINE}${text}`);
  }

  /** Erases the line (before guest output, kill lines and at the end). */
  clear(): void {
    if (!this.shown) return;
    this.shown = false;
    write(ERASE_LINE);
  }
}

function write(text: string): void {
  try {
    writeAll(2, text);
  } catch {
    // A terminal gone away: the progress line is not worth failing for.
  }
}
