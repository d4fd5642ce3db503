// Going back in time on the page. The machine is deterministic (the same
// programs, configuration and input give the same run), so the machine at
// instruction N (instret, counted over every process) is a fresh boot of
// the run stepped to N with every stop off: a replay. Forward from where
// the page is, it steps on instead. A Seek does either in pieces, so that
// web/seekRunner.ts can run it in slices as the Runner runs a session.
import type { Session } from './session.js';

export interface SeekProgress {
  /** Instructions stepped so far, over every phase. */
  readonly done: number;
  /** Instructions to step in all (the probe's too, for a Step back from a stop). */
  readonly total: number;
}

export class Seek {
  /** The session shown once landed: a fresh boot (a replay), or the shown one stepped on. */
  session: Session;
  /** The instruction to land on (the run's end, if it ends before). */
  target: number;
  /** True when `session` is a fresh boot; false when the shown session steps on. */
  replay: boolean;
  /**
   * A Step back from a state that may not be the first at its count (after
   * a stop or the end, which may follow traps there): a replay to that count
   * first, to see whether it lands on the same state. If it does not, that
   * replay is one step back (what came before the traps: the process alive,
   * at the instruction that kills it); if it does, the count goes down.
   */
  private probe: { readonly session: Session; readonly at: number; readonly back: number; readonly state: string } | undefined;
  /** Instructions the probe stepped, counted in the progress. */
  private probed = 0;
  /** Where the stepped session started (a forward seek's progress counts from there). */
  private readonly startedAt: number;

  private constructor(readonly from: Session, target: number, replay: boolean) {
    this.target = target;
    this.replay = replay;
    this.session = replay ? from.fresh() : from;
    this.startedAt = this.session.instructions;
  }

  /**
   * To instruction `target` of the run `shown` is in: forward by stepping
   * on (at the end of the run, nothing to do), back by a replay; to where
   * it is now, by a replay only if it is not the first state there (after
   * a stop or the end).
   */
  static to(shown: Session, target: number): Seek {
    const at = Math.max(0, Math.floor(target));
    const now = shown.instructions;
    const inPlace = at > now || (at === now && shown.settled);
    return new Seek(shown, at, !inPlace);
  }

  /**
   * Back `n` instructions from `shown`. From a state known to be the first
   * at its count (`settled`), to count - n; from another (a stop, the end),
   * the first step back is to the start of its own count when that differs
   * (found by a probe replay), then one per instruction.
   */
  static back(shown: Session, n: number): Seek {
    const now = shown.instructions;
    const back = Math.max(1, Math.floor(n));
    if (shown.settled) return Seek.to(shown, now - back);
    const seek = new Seek(shown, Math.max(0, now - back), true);
    seek.probe = { session: seek.session, at: now, back, state: shown.fingerprint() };
    return seek;
  }

  /** True once the session is at the target (or the run ended before it). */
  get landed(): boolean {
    return this.probe === undefined && (this.session.done || this.session.instructions >= this.target);
  }

  /**
   * Steps at most `max` instructions towards the target; true once there.
   * A forward seek that reaches the end of the run stops there.
   */
  advance(max: number): boolean {
    const probe = this.probe;
    if (probe !== undefined) {
      const p = probe.session;
      if (!p.done && p.instructions < probe.at) {
        p.advance(Math.min(max, probe.at - p.instructions));
        return false;
      }
      this.probe = undefined;
      this.probed = p.instructions;
      const same = p.fingerprint() === probe.state;
      const target = Math.max(0, probe.at - probe.back + (same ? 0 : 1));
      this.target = target;
      if (target === p.instructions) return true;
      this.session = this.from.fresh();
    }
    const s = this.session;
    if (!s.done && s.instructions < this.target) s.advance(Math.min(max, this.target - s.instructions));
    return this.landed;
  }

  /**
   * Aims a seek under way at `target` instead, if it can get there by
   * stepping on (a drag to the right): true then; false when it must start
   * again (the target is behind it, or a probe has not answered).
   */
  retarget(target: number): boolean {
    const at = Math.max(0, Math.floor(target));
    if (this.probe !== undefined || this.session.done || at < this.session.instructions) return false;
    this.target = at;
    return true;
  }

  get progress(): SeekProgress {
    const probe = this.probe;
    if (probe !== undefined) return { done: probe.session.instructions, total: probe.at + probe.at - probe.back };
    const start = this.session === this.from ? this.startedAt : 0;
    return { done: this.probed + this.session.instructions - start, total: this.probed + Math.max(this.target, this.session.instructions) - start };
  }
}

/**
 * Back to the latest stop a Run from the start would have made before here,
 * with the breakpoints, watches and Stop at boxes set now (the debugger's
 * reverse-continue): a replay with the stops on counts those before the
 * shown state, then a second one stops at the last of them, so the stop is
 * shown as it was made (its status line, the kill about to happen). With
 * none before here, the start.
 */
export class StopSeek {
  session: Session;
  /** Where it is heading: the shown count while counting, then the last stop's. */
  target: number;
  readonly replay = true;
  /** Stops found before here (0: none, landed at the start); known once counting is over. */
  found = 0;
  private counting = true;
  private made = 0;
  private finished = false;
  private readonly now: number;
  private readonly state: string;

  constructor(private readonly from: Session) {
    this.now = from.instructions;
    this.state = from.fingerprint();
    this.target = this.now;
    this.session = from.armedLike(from);
  }

  get landed(): boolean {
    return this.finished;
  }

  advance(max: number): boolean {
    if (this.finished) return true;
    const s = this.session;
    if (this.counting) {
      // Up to the shown state: stepped in pieces below its count, then one at a time through the traps at it.
      const here = s.instructions >= this.now && s.fingerprint() === this.state;
      if (here || s.done || s.instructions > this.now) return this.counted();
      s.step(s.instructions < this.now ? Math.min(max, this.now - s.instructions) : 1);
      if (s.stopped && s.fingerprint() !== this.state) {
        this.found++;
        this.target = s.instructions;
      }
      return false;
    }
    s.step(max);
    if (s.stopped && ++this.made === this.found) this.finished = true;
    return this.finished;
  }

  private counted(): boolean {
    this.counting = false;
    this.session = this.found === 0 ? this.from.fresh() : this.from.armedLike(this.from);
    if (this.found === 0) {
      this.target = 0;
      this.finished = true;
    }
    return this.finished;
  }

  retarget(): boolean {
    return false;
  }

  get progress(): SeekProgress {
    const s = this.session;
    return this.counting
      ? { done: s.instructions, total: this.now + this.target }
      : { done: this.now + s.instructions, total: this.now + this.target };
  }
}
