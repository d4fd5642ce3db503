// The interval timer: raises a timer trap after every `period` instructions
// the machine executes, whichever process runs them. Period 0 disables it.

export class Timer {
  /** Instructions left before the next timer trap. */
  remaining: number;

  constructor(public period: number) {
    this.remaining = period > 0 ? period : Infinity;
  }

  /** Counts `n` executed instructions; true when the timer expires (and it re-arms). */
  advance(n: number): boolean {
    this.remaining -= n;
    if (this.remaining > 0) return false;
    this.remaining = this.period > 0 ? this.period : Infinity;
    return true;
  }
}
