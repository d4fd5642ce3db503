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
    this.rearm();
    return true;
  }

  /** An expiry that another trap hid: the next run traps at once, before any instruction. */
  holdExpiry(): void {
    this.remaining = 0;
  }

  /**
   * Lets `ticks` expiries pass with nothing running (every process asleep):
   * returns the instructions' worth of time that passed and re-arms.
   */
  idle(ticks: number): bigint {
    // Up to 2^32 ticks of up to 10^9 instructions: more than a double holds exactly.
    const passed = BigInt(this.remaining) + BigInt(ticks - 1) * BigInt(this.period);
    this.rearm();
    return passed;
  }

  private rearm(): void {
    this.remaining = this.period > 0 ? this.period : Infinity;
  }
}
