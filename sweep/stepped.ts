// A sweep run a piece at a time, for a host that must not be held (the
// page's Sweep panel): one machine per point, in product order, each run
// as `illusion sweep` runs it (no standard input, pid 1's output kept),
// stepped a few thousand instructions at a time. Stepping changes nothing
// a run does or counts (Kernel.step), so each outcome is the CLI's.
import type { ProgramInput } from '../kernel/run.js';
import { bootMachine } from '../kernel/run.js';
import type { MachineConfig } from '../kernel/config.js';
import type { Kernel } from '../kernel/kernel.js';
import { giveBackMemory } from '../kernel/memoryPool.js';
import { collectResult } from '../kernel/result.js';
import { outcomeOf, type SweepOutcome, type SweepPoint } from './points.js';

export class SteppedSweep {
  readonly outcomes: SweepOutcome[] = [];
  private kernel: Kernel | undefined;

  /** `base` holds every setting but the swept ones (its maxInstructions is each run's limit); `points` come from sweepPoints. */
  constructor(
    private readonly programs: readonly ProgramInput[],
    private readonly base: MachineConfig,
    readonly points: readonly SweepPoint[],
  ) {}

  get done(): boolean {
    return this.outcomes.length === this.points.length;
  }

  /** The point being run now (undefined once done). */
  get current(): SweepPoint | undefined {
    return this.points[this.outcomes.length];
  }

  /** Instructions the current run has made so far (0 between runs). */
  get instructions(): number {
    return this.kernel?.cpu.instret ?? 0;
  }

  /**
   * Runs at most `instructions` more of the current run (a run that ends
   * first starts the next one only at the next call), or until `stop` says
   * so after a trap (a host's clock: a trap can cost far more than an
   * instruction). True once every point has run.
   */
  advance(instructions: number, stop?: () => boolean): boolean {
    if (this.done) return true;
    const point = this.current!;
    this.kernel ??= bootMachine(this.programs, { config: { ...this.base, ...point } });
    if (this.kernel.step(instructions, stop) === 'done') {
      this.outcomes.push(outcomeOf(point, collectResult(this.kernel)));
      // Ours alone and done: its memory can serve the next run, as runPrograms does.
      giveBackMemory(this.kernel);
      this.kernel = undefined;
    }
    return this.done;
  }
}
