// One configuration of a sweep: load the programs, run them with no guest
// output, and keep the statistics and pid 1's ending.
import type { MachineConfig } from '../../kernel/config.js';
import { runPrograms } from '../../kernel/run.js';
import { loadPrograms } from '../programs.js';
import { outcomeOf, type SweepOutcome, type SweepPoint } from '../../sweep/points.js';

export interface SweepJob {
  readonly index: number;
  readonly files: readonly string[];
  readonly config: MachineConfig;
  readonly point: SweepPoint;
}

export function runJob(job: SweepJob): SweepOutcome {
  const defines = job.point.defines === undefined ? undefined : new Map(Object.entries(job.point.defines));
  return outcomeOf(job.point, runPrograms(loadPrograms(job.files, defines), { config: job.config }));
}
