// Running the built CLI as a user would, for the tools tests.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../e2e/harness.js';

export const CLI = join(ROOT, 'dist', 'cli', 'main.js');

export function illusion(args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, cwd: ROOT });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
