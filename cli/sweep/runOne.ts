// One configuration of a sweep: load the programs, run them with no guest
// output, and keep the statistics and pid 1's ending.
import type { MachineConfig } from '../../kernel/config.js';
import { giveBackMemory } from '../../kernel/memoryPool.js';
import { collectResult } from '../../kernel/result.js';
import { bootMachine } from '../../kernel/run.js';
import { loadPrograms } from '../programs.js';
import { outcomeOf, type SweepOutcome, type SweepPoint } from '../../sweep/points.js';

export interface SweepJob {
  readonly index: number;
  readonly files: readonly string[];
  readonly config: MachineConfig;
  readonly point: SweepPoint;
}

/** Instructions run between two looks at the clock: a few milliseconds. */
const STEP_INSTRUCTIONS = 2_000_000;

/**
 * Runs one job. `onProgress` is told the instructions run so far every
 * `progressEveryMs` of host time while the run lasts, so that a run that
 * takes long is seen to be going (and how far), not taken for a hang.
 * Running in steps changes nothing the machine does or counts.
 */
export function runJob(job: SweepJob, onProgress?: (instructions: number) => void, progressEveryMs = 5000): SweepOutcome {
  const defines = job.point.defines === undefined ? undefined : new Map(Object.entries(job.point.defines));
  const kernel = bootMachine(loadPrograms(job.files, defines), { config: job.config });
  let last = performance.now();
  while (kernel.step(STEP_INSTRUCTIONS) !== 'done') {
    const now = performance.now();
    if (onProgress !== undefined && now - last >= progressEveryMs) {
      last = now;
      onProgress(kernel.cpu.instret);
    }
  }
  const result = collectResult(kernel);
  giveBackMemory(kernel);
  return outcomeOf(job.point, result);
}
