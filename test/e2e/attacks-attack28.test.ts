// attack28's attacks (docs/attacks.md, "Attack round 28"): hostile sources
// for the assembler, and guest programs that probe what rounds 23-27 left.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { illusion } from '../tools/cli.js';
import { bare, BYSTANDER, exited, killed } from './bareProcess.js';
import { program, run, STRESS_CONFIGS } from './harness.js';

const DIR = mkdtempSync(join(tmpdir(), 'illusion-attack28-'));

function sourceFile(name: string, lines: string[]): string {
  const path = join(DIR, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const EXIT_WITH_R2 = ['li r1, 0', 'syscall'];

describe('attack28: sources that once overflowed the assembler\'s stack', () => {
  // Found by attack28: each printed `illusion: error: internal error: Maximum call stack size exceeded`, exit 70.
  test('a chain of 5,000 .equ constants, each the one before plus 1, assembles (used before or after it is defined)', () => {
    const chain = ['.equ A0, 1', ...Array.from({ length: 4999 }, (_, i) => `.equ A${i + 1}, A${i} + 1`)];
    const before = sourceFile('chain-before.s', ['.text', ...chain, 'li r2, A4999', ...EXIT_WITH_R2]);
    const after = sourceFile('chain-after.s', ['.text', 'li r2, A4999', ...EXIT_WITH_R2, ...chain]);
    // 5000 & 0xFF = 136: the exit status is the constant's low byte.
    expect(illusion(['run', before])).toEqual({ status: 136, stdout: '', stderr: '' });
    expect(illusion(['run', after])).toEqual({ status: 136, stdout: '', stderr: '' });
  });

  test('a cycle through 5,000 constants is named, not a crash', () => {
    const names = Array.from({ length: 5000 }, (_, i) => `A${i}`);
    const path = sourceFile('cycle.s', ['li r2, A0', ...EXIT_WITH_R2, ...names.map((n, i) => `.equ ${n}, ${names[(i + 1) % 5000]} + 1`)]);
    const r = illusion(['run', path]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${path}:4:6: '.equ A0' depends on itself: ${[...names, 'A0'].join(' -> ')}\n`);
  });

  test.each([
    ['1+1+... of 8,001 terms', `li r2, 1${'+1'.repeat(8000)}`, 'this expression has 8001 terms, more than 1000: give parts of it names with .equ'],
    ['10,000 minus signs before a name', `li r2, ${'-'.repeat(10000)}X`, 'this term has 10000 minus signs, more than 1000'],
  ])('an expression of %s is refused at its column, exit 2', (_what, line, message) => {
    const path = sourceFile('long-expr.s', ['.equ X, 5', line, ...EXIT_WITH_R2]);
    expect(illusion(['run', path])).toEqual({ status: 2, stdout: '', stderr: `${path}:2:8: ${message}\n` });
  });

  test('1,000 terms and 1,000 minus signs still assemble', () => {
    const path = sourceFile('long-ok.s', ['.equ X, 5', `.equ Y, ${'-'.repeat(1000)}X`, `li r2, Y${'+1'.repeat(999)}`, ...EXIT_WITH_R2]);
    // 5 + 999 = 1004, and 1004 & 0xFF = 236.
    expect(illusion(['run', path])).toEqual({ status: 236, stdout: '', stderr: '' });
  });
});

describe('attack28: a trace line nested 100,000 deep', () => {
  // Found by attack28: JSON.parse took it, and showing the field overflowed the stack (internal error, exit 70).
  test('illusion trace shows the field as not shown, and a field 100 deep as it is', () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const path = join(DIR, 'deep.jsonl');
    writeFileSync(path, `{"cycle":1,"kind":"zz","a":${deep(100_000)}}\n{"cycle":2,"kind":"zz","b":${deep(100)},"c":${deep(101)}}\n`);
    expect(illusion(['trace', path])).toEqual({
      status: 0,
      stderr: '',
      stdout: [
        '     cycle  pid  kind             what happened',
        '         1    -  zz               a=(nested more than 100 deep: not shown)',
        `         2    -  zz               b=${deep(100)} c=(nested more than 100 deep: not shown)`,
        '',
      ].join('\n'),
    });
  });
});

const hex = (...words: number[]) => words.map((w) => `${(w >>> 0).toString(16).padStart(8, '0')} `).join('');

describe('attack28: mprotect of pages that are out in swap', () => {
  const NAME = 'mem-swapped-mprotect.s';
  const at = (pid: number, what: string, rights: string, line: number, pc: number) =>
    `pid ${pid} (${NAME}) killed: bad_access: ${what} in mmap, which is ${rights} (protection); pc 0x0000${pc.toString(16)}, ${NAME}:${line}`;
  test.each(Object.keys(STRESS_CONFIGS))('%s', (configName) => {
    const { result, killLines } = run([program('programs/attacks/bystander.s'), program(`programs/attacks/${NAME}`)], STRESS_CONFIGS[configName]!);
    expect(result.processes.map(bare)).toEqual([
      BYSTANDER,
      exited(2, NAME, `${hex(0x101, 0x100, 0x101, 0x102, 0x103, 0x101, 0x101, 0x101, -14, 0x200, 0x201, 0x202, 0x203)}\n`),
      killed(3, NAME, 'bad_access', 'protection'), killed(4, NAME, 'bad_access', 'protection'),
      killed(5, NAME, 'bad_access', 'protection'), killed(6, NAME, 'bad_access', 'protection'),
    ]);
    expect(killLines).toEqual([
      at(3, 'store to 0x7fdfd000', 'r--', 119, 0x1164), at(4, 'store to 0x7fdfe000', 'r--', 119, 0x1164),
      at(5, 'load from 0x7fdff000', '---', 127, 0x1184), at(6, 'load from 0x7fdfc000', '--x', 127, 0x1184),
    ]);
    // With few frames the four pages really were out: the heap pushed them to swap and they came back.
    if (configName.startsWith('few frames') || configName.startsWith('software')) expect(result.stats.swap_ins).toBeGreaterThan(20);
  });
});
