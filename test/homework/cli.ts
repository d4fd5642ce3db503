// Spawning the built CLI's homework command, as a TA would run it.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const CLI = process.env['ILLUSION_CLI'] ?? resolve('dist/cli/main.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function homework(...args: string[]): CliRun {
  const r = spawnSync(process.execPath, [CLI, 'homework', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The parsed --json object of a successful run. */
export function homeworkJson(...args: string[]): Record<string, any> {
  const r = homework(...args, '--json');
  if (r.status !== 0) throw new Error(`homework ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, any>;
}
