// A program file without end (attack24): `illusion run /dev/zero` (and asm,
// disasm, debug, web, or an `.include "/dev/zero"`) read the file until the
// host ran out of memory (3 GB after 20 s, never an answer). A program or
// included file is now read up to MAX_FILE_BYTES (asm/load.ts); past that
// it is one clear message, exit 2, at once. A pipe that ends still works.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { MAX_FILE_BYTES } from '../../asm/index.js';
import { CLI } from '../tools/cli.js';
import { ROOT } from '../e2e/harness.js';

const DIR = mkdtempSync(join(tmpdir(), 'illusion-endless-'));
const TOO_LARGE = `it holds more than ${MAX_FILE_BYTES} bytes (128 MiB), far more than a program: a device or a pipe that never ends?`;

function illusion(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: DIR, encoding: 'utf8', timeout: 30_000, input: input ?? '' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test.each([['run'], ['asm'], ['disasm'], ['debug'], ['web', '--port', '0']])('%s /dev/zero is refused at once', (command, ...flags) => {
  expect(illusion([command!, '/dev/zero', ...flags])).toEqual({ status: 2, stdout: '', stderr: `illusion: error: cannot read /dev/zero: ${TOO_LARGE}\n` });
});

test('an .include of /dev/zero is an error at its line', () => {
  writeFileSync(join(DIR, 'inc.s'), '_start: nop\n.include "/dev/zero"\n');
  expect(illusion(['run', 'inc.s'])).toEqual({ status: 2, stdout: '', stderr: `inc.s:2:10: cannot include '/dev/zero': ${TOO_LARGE}\n` });
});

test('a program read from a pipe that ends runs as before', () => {
  // A shell pipe (a socket, as spawnSync's own input is, cannot be opened as /dev/stdin).
  const r = spawnSync('sh', ['-c', `cat '${join(ROOT, 'programs', 'hello.s')}' | '${process.execPath}' '${CLI}' run /dev/stdin`], { encoding: 'utf8', timeout: 30_000 });
  expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: 'Hello from illusion!\n', stderr: '' });
});
