// Round-robin scheduling: a FIFO ready queue, and sleepers ordered by wake-up
// tick (then by when they went to sleep, so ties wake in order).
import type { Process } from './process.js';

export class Scheduler {
  private ready: Process[] = [];
  private sleepers: Process[] = [];

  enqueue(p: Process): void {
    p.state = 'ready';
    this.ready.push(p);
  }

  /** The next process to run, or undefined. */
  next(): Process | undefined {
    return this.ready.shift();
  }

  sleep(p: Process, wakeTick: number): void {
    p.state = 'sleeping';
    p.wakeTick = wakeTick;
    let i = this.sleepers.length;
    while (i > 0 && this.sleepers[i - 1]!.wakeTick > wakeTick) i--;
    this.sleepers.splice(i, 0, p);
  }

  /** Moves every sleeper due by `tick` to the ready queue. */
  wake(tick: number): void {
    while (this.sleepers.length > 0 && this.sleepers[0]!.wakeTick <= tick) this.enqueue(this.sleepers.shift()!);
  }

  /** The earliest wake-up tick, or undefined when nobody sleeps. */
  nextWake(): number | undefined {
    return this.sleepers[0]?.wakeTick;
  }

  /** Forgets a process wherever it waits (it was killed). */
  remove(p: Process): void {
    this.ready = this.ready.filter((q) => q !== p);
    this.sleepers = this.sleepers.filter((q) => q !== p);
  }

  readyPids(): number[] {
    return this.ready.map((p) => p.pid);
  }
}
