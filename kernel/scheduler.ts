// Round-robin scheduling: a FIFO ready queue, and sleepers ordered by wake-up
// tick (then by when they went to sleep, so ties wake in order).
//
// Every operation costs O(log n) or amortised O(1) in the number of
// processes waiting: the sleepers are a binary heap, and a process removed
// (killed) is only marked, its entry dropped when it comes up or when dead
// entries outnumber live ones. Before (attack20), each sleep walked the
// sorted sleepers and each kill filtered both queues, so 10,000 sleepers
// made a sleep(1) loop or a Ctrl-C cost the host seconds.
import type { Process } from './process.js';

/** A process's place in a queue; kept on the process (a Map churned by every switch costs O(n) in V8). */
export interface SchedulerEntry {
  readonly p: Process;
  /** False once the process was removed: the entry is skipped. */
  live: boolean;
  /** In the sleepers' heap (else in the ready queue). */
  readonly sleeping: boolean;
  readonly wakeTick: bigint;
  /** Order of going to sleep: ties in wakeTick wake in this order. */
  readonly seq: number;
}

export class Scheduler {
  private ready: SchedulerEntry[] = [];
  /** Index of the ready queue's first entry (entries before it are taken). */
  private head = 0;
  private sleepers: SchedulerEntry[] = [];
  private deadSleepers = 0;
  private seq = 0;
  /** Work done, for the host-cost test: wake-order comparisons, and heap rebuilds after removals. */
  comparisons = 0;
  rebuilds = 0;

  enqueue(p: Process): void {
    p.state = 'ready';
    this.forget(p);
    const e: SchedulerEntry = { p, live: true, sleeping: false, wakeTick: 0n, seq: 0 };
    p.schedulerEntry = e;
    this.ready.push(e);
  }

  /** The next process to run, or undefined. */
  next(): Process | undefined {
    while (this.head < this.ready.length) {
      const e = this.ready[this.head++]!;
      if (this.head > 1024 && this.head * 2 > this.ready.length) {
        this.ready = this.ready.slice(this.head);
        this.head = 0;
      }
      if (!e.live) continue;
      e.p.schedulerEntry = undefined;
      return e.p;
    }
    return undefined;
  }

  sleep(p: Process, wakeTick: bigint): void {
    p.state = 'sleeping';
    p.wakeTick = wakeTick;
    this.forget(p);
    const e: SchedulerEntry = { p, live: true, sleeping: true, wakeTick, seq: this.seq++ };
    p.schedulerEntry = e;
    this.sleepers.push(e);
    this.siftUp(this.sleepers.length - 1);
  }

  /** Moves every sleeper due by `tick` to the ready queue, telling `woken` of each in wake order. */
  wake(tick: bigint, woken?: (p: Process) => void): void {
    for (;;) {
      const top = this.liveTop();
      if (top === undefined || top.wakeTick > tick) return;
      this.popTop();
      top.p.schedulerEntry = undefined;
      this.enqueue(top.p);
      woken?.(top.p);
    }
  }

  /** The earliest wake-up tick, or undefined when nobody sleeps. */
  nextWake(): bigint | undefined {
    return this.liveTop()?.wakeTick;
  }

  /** Forgets a process wherever it waits (it was killed). */
  remove(p: Process): void {
    this.forget(p);
  }

  readyPids(): number[] {
    return this.ready.slice(this.head).filter((e) => e.live).map((e) => e.p.pid);
  }

  private forget(p: Process): void {
    const e = p.schedulerEntry;
    if (e === undefined) return;
    e.live = false;
    p.schedulerEntry = undefined;
    if (e.sleeping) this.noteDeadSleeper();
  }

  private noteDeadSleeper(): void {
    this.deadSleepers++;
    if (this.deadSleepers * 2 <= this.sleepers.length) return;
    // Dead entries outnumber live ones: rebuild the heap from the live ones.
    this.rebuilds++;
    const live = this.sleepers.filter((e) => e.live);
    this.sleepers = [];
    this.deadSleepers = 0;
    for (const e of live) {
      this.sleepers.push(e);
      this.siftUp(this.sleepers.length - 1);
    }
  }

  /** The earliest live sleeper, dead entries above it dropped. */
  private liveTop(): SchedulerEntry | undefined {
    while (this.sleepers.length > 0 && !this.sleepers[0]!.live) {
      this.popTop();
      this.deadSleepers--;
    }
    return this.sleepers[0];
  }

  private popTop(): void {
    const last = this.sleepers.pop()!;
    if (this.sleepers.length === 0) return;
    this.sleepers[0] = last;
    this.siftDown(0);
  }

  private before(a: SchedulerEntry, b: SchedulerEntry): boolean {
    this.comparisons++;
    return a.wakeTick < b.wakeTick || (a.wakeTick === b.wakeTick && a.seq < b.seq);
  }

  private siftUp(i: number): void {
    const h = this.sleepers;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i]!, h[parent]!)) return;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const h = this.sleepers;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < h.length && this.before(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.before(h[r]!, h[m]!)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}
