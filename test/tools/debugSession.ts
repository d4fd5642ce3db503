// Driving `illusion debug` with piped commands, for the debugger's tests: the
// whole transcript (banner, each command echoed after the prompt, answers).
import { expect } from 'vitest';
import { illusion } from './cli.js';

/** The transcript's lines; the debugger must leave with status 0. */
export function transcript(files: string[], commands: string[], flags: string[] = []): string[] {
  const r = illusion(['debug', ...files, ...flags], `${commands.join('\n')}\n`);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout.split('\n').slice(0, -1);
}
