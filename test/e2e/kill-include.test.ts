// A kill in a line that came from an included file names that file's line
// (SPEC section 3): relative to the program's folder, as the .include wrote it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT } from './harness.js';

test('a kill inside an included helper names lib/crash.s:3, from any working folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'illusion-inc-'));
  mkdirSync(join(dir, 'prog', 'lib'), { recursive: true });
  writeFileSync(join(dir, 'prog', 'main.s'), '        .text\n_start: call crash\n        li r1, 0\n        syscall\n        .include "lib/crash.s"\n');
  writeFileSync(join(dir, 'prog', 'lib', 'crash.s'), '; writes through a null pointer\ncrash:  li r5, 0\n        sw r5, 8(r5)\n        ret\n');
  const line = 'pid 1 (main.s) killed: bad_access: store to 0x00000008 in the null page (below 0x00001000): was the pointer null? (null_page); pc 0x00001010, lib/crash.s:3\n';
  for (const [cwd, file] of [[join(dir, 'prog'), 'main.s'], [dir, 'prog/main.s']] as const) {
    const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'run', file], { cwd, encoding: 'utf8' });
    expect([r.status, r.stdout, r.stderr]).toEqual([139, '', line]);
  }
});

test("--json names the file of the kill's line beside the line: lib/crash.s, line 3, as the kill report does", () => {
  const dir = mkdtempSync(join(tmpdir(), 'illusion-inc-'));
  mkdirSync(join(dir, 'prog', 'lib'), { recursive: true });
  writeFileSync(join(dir, 'prog', 'main.s'), '        .text\n_start: call crash\n        li r1, 0\n        syscall\n        .include "lib/crash.s"\n');
  writeFileSync(join(dir, 'prog', 'lib', 'crash.s'), '; writes through a null pointer\ncrash:  li r5, 0\n        sw r5, 8(r5)\n        ret\n');
  writeFileSync(join(dir, 'prog', 'own.s'), '_start: lw r1, 0(r0)\n');
  for (const [cwd, dirPart] of [[join(dir, 'prog'), ''], [dir, 'prog/']] as const) {
    const json = (file: string) => {
      const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'run', `${dirPart}${file}`, '--json'], { cwd, encoding: 'utf8' });
      const p = (JSON.parse(r.stdout) as { processes: Record<string, unknown>[] }).processes[0]!;
      return [p['pc'], p['line'], p['file']];
    };
    expect(json('main.s')).toEqual([0x1010, 3, 'lib/crash.s']);
    expect(json('own.s')).toEqual([0x1000, 1, 'own.s']);
  }
});
