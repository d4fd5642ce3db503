// Start-up: the wall time of `node dist/cli/main.js run programs/hello.s`
// (what `npx illusion run programs/hello.s` runs, minus npx) against a bare
// `node -e 0`, each spawned and waited for (spawnSync), interleaved so that
// a change in the machine's load hits both, median of `runs` each.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './programs.js';

export interface StartupResult {
  readonly runs: number;
  readonly helloMedianSeconds: number;
  readonly nodeMedianSeconds: number;
  /** hello / node: the target is at most 2. */
  readonly ratio: number;
}

function timeSpawn(args: readonly string[], check: (stdout: string, status: number | null) => boolean): number {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (!check(child.stdout, child.status)) {
    throw new Error(`node ${args.join(' ')} failed (status ${child.status}): ${child.stderr}`);
  }
  return seconds;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function measureStartup(runs: number): StartupResult {
  const hello = [join('dist', 'cli', 'main.js'), 'run', join('programs', 'hello.s')];
  const helloOk = (out: string, status: number | null) => status === 0 && out === 'Hello from illusion!\n';
  const nodeOk = (_out: string, status: number | null) => status === 0;
  // One untimed run of each warms the file cache.
  timeSpawn(hello, helloOk);
  timeSpawn(['-e', '0'], nodeOk);
  const helloTimes: number[] = [];
  const nodeTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    helloTimes.push(timeSpawn(hello, helloOk));
    nodeTimes.push(timeSpawn(['-e', '0'], nodeOk));
  }
  const helloMedianSeconds = median(helloTimes);
  const nodeMedianSeconds = median(nodeTimes);
  return { runs, helloMedianSeconds, nodeMedianSeconds, ratio: helloMedianSeconds / nodeMedianSeconds };
}
