// One configuration of a sweep: load the programs, run them with no guest
// output, and keep the statistics and pid 1's ending.
import type { MachineConfig } from '../../kernel/config.js';
import { runPrograms } from '../../kernel/run.js';
import { loadPrograms } from '../programs.js';
import type { SweepOutcome, SweepPoint } from './sweep.js';

export interface SweepJob {
  readonly index: number;
  readonly files: readonly string[];
  readonly config: MachineConfig;
  readonly point: SweepPoint;
}

export function runJob(job: SweepJob): SweepOutcome {
  const result = runPrograms(loadPrograms(job.files), { config: job.config });
  const first = result.processes[0];
  const status = first === undefined ? '-' : first.status === 'exited' ? `exit ${first.code ?? 0}` : `killed: ${first.cause}`;
  return { point: job.point, stats: result.stats, status, stdout: first?.stdout ?? '' };
}
