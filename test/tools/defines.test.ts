// -D NAME=VALUE on the command line: one source run, assembled, debugged and
// swept with other sizes, without editing it (docs/tools.md). looping.s is
// OSTEP's looping workload over PAGES pages: with 60 frames, 50 pages fit
// (53 faults: the pages, text and data once each) and 70 do not (every one
// of the 10,000 references faults, and swaps).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { illusion } from './cli.js';

const LOOPING = 'programs/measure/looping.s';

function faults(...args: string[]): { status: number | null; faults: number; defines: unknown } {
  const r = illusion(['run', LOOPING, '--frames', '60', '--json', ...args]);
  const j = JSON.parse(r.stdout) as { stats: { page_faults: number }; defines?: unknown };
  return { status: r.status, faults: j.stats.page_faults, defines: j.defines };
}

test('run: -D PAGES replaces the program\'s .equ PAGES, 100; --json records it', () => {
  expect(faults('-D', 'PAGES=50')).toEqual({ status: 0, faults: 53, defines: { PAGES: 50 } });
  expect(faults('--define', 'PAGES=70')).toEqual({ status: 0, faults: 10_073, defines: { PAGES: 70 } });
  // 70 pages made once (73 faults), then each of the 100 references faults.
  expect(faults('-D', 'PAGES=70', '-D', 'REFS=0x64')).toEqual({ status: 0, faults: 173, defines: { PAGES: 70, REFS: 100 } });
  expect(faults()).toEqual({ status: 0, faults: 10_103, defines: undefined });
});

test('a define no program uses is refused with the nearest constant; one that any program uses is fine', () => {
  expect(illusion(['run', LOOPING, '-D', 'PAEGS=50'])).toEqual({
    status: 2, stdout: '',
    stderr: `illusion: error: -D PAEGS=50: ${LOOPING} has no constant PAEGS and uses no such name; did you mean 'PAGES'?\n`,
  });
  const both = illusion(['run', LOOPING, 'programs/hello.s', '-D', 'PAGES=50', '--frames', '60']);
  expect([both.status, both.stdout, both.stderr]).toEqual([0, 'Hello from illusion!\n10000 references to 50 pages\n', '']);
});

test('bad -D values are usage errors (exit 2) that say what is wrong', () => {
  const refused = (value: string) => illusion(['run', LOOPING, '-D', value]);
  expect(refused('PAGES')).toEqual({ status: 2, stdout: '', stderr: "illusion: error: -D: expected NAME=VALUE, like PAGES=64, got 'PAGES'\n" });
  expect(refused('PAGES=many')).toEqual({ status: 2, stdout: '', stderr: "illusion: error: -D: PAGES: expected a whole number (like 64, -1 or 0x1000), got 'many'\n" });
  expect(refused('r3=1')).toEqual({ status: 2, stdout: '', stderr: "illusion: error: -D: 'r3' is a register name, not a constant\n" });
  expect(illusion(['run', LOOPING, '-D', 'PAGES=1', '-D', 'PAGES=2'])).toEqual({ status: 2, stdout: '', stderr: 'illusion: error: -D: PAGES is given twice\n' });
  expect(refused('next_page=1')).toEqual({
    status: 2, stdout: '',
    stderr: `${LOOPING}:16:1: 'next_page' is a label here; -D next_page=1 can set only an .equ constant (or a name the program uses without defining)\n`,
  });
});

test('asm -D bakes the value into the image; an image takes no -D', () => {
  const dir = mkdtempSync(join(tmpdir(), 'illusion-defines-'));
  const img = join(dir, 'looping50.img');
  expect(illusion(['asm', LOOPING, '-D', 'PAGES=50', '-o', img])).toEqual({ status: 0, stdout: '', stderr: '' });
  const r = illusion(['run', img, '--frames', '60', '--json']);
  expect((JSON.parse(r.stdout) as { stats: { page_faults: number } }).stats.page_faults).toBe(53);
  expect(illusion(['run', img, '-D', 'PAGES=60'])).toEqual({
    status: 2, stdout: '', stderr: `illusion: error: -D sets constants of source programs, and ${img} is an image: assemble it again with illusion asm -D\n`,
  });
  expect(illusion(['asm', LOOPING, '-D', 'PAEGS=50', '-o', join(dir, 'typo.img')]).status).toBe(2);
});

test('disasm -D lists the source as assembled with the value', () => {
  const r = illusion(['disasm', LOOPING, '-D', 'PAGES=7']);
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('addi r2, r0, 7');
  expect(illusion(['disasm', LOOPING]).stdout).toContain('addi r2, r0, 100');
});

test('debug -D: the debugger sees the program as it was assembled', () => {
  const r = illusion(['debug', LOOPING, '-D', 'PAGES=7'], 'p PAGES\nq\n');
  expect(r.stdout).toContain('(illusion) p PAGES\nPAGES = 0x00000007 (7)\n');
  expect(r.stdout).toContain('addi r2, r0, 7  ; 11: _start: li   r2, PAGES');
});

test('sweep -D NAME=V1,V2 sweeps the constant: a column of its own, outermost, and the chart\'s x by default', () => {
  const dir = mkdtempSync(join(tmpdir(), 'illusion-defines-'));
  const svg = join(dir, 'pages.svg');
  const r = illusion(['sweep', LOOPING, '-D', 'PAGES=50,70', '--frames', '60,200', '--metric', 'faults', '--svg', svg]);
  expect(r.status).toBe(0);
  expect(r.stdout.split('\n').map((l) => l.replace(/ +/g, ' '))).toEqual([
    'PAGES entries ways tlb_policy tlb_refill policy frames cycles tlb_hit_% page_faults swaps status',
    expect.stringMatching(/^ 50 64 4 lru hardware clock 60 \d+ [\d.]+ 53 0 exit 0$/),
    expect.stringMatching(/^ 50 64 4 lru hardware clock 200 \d+ [\d.]+ 53 0 exit 0$/),
    expect.stringMatching(/^ 70 64 4 lru hardware clock 60 \d+ [\d.]+ 10073 20017 exit 0$/),
    expect.stringMatching(/^ 70 64 4 lru hardware clock 200 \d+ [\d.]+ 73 0 exit 0$/),
    '',
  ]);
  expect(r.stderr).toContain('[4/4] ');
  expect(r.stderr).toContain('PAGES=70 entries=64');
  const chart = illusion(['sweep', LOOPING, '-D', 'PAGES=50,70', '--frames', '60,200', '--metric', 'faults', '--svg', svg, '--x', 'frames']);
  expect(chart.status).toBe(0);
});

test('sweep --json gives the constants beside the configuration, not in it', () => {
  const r = illusion(['sweep', LOOPING, '-D', 'PAGES=50,70', '--frames', '60', '--json']);
  const rows = JSON.parse(r.stdout) as { config: Record<string, unknown>; defines: unknown; stats: { page_faults: number } }[];
  expect(rows.map((row) => [row.defines, row.stats.page_faults, 'defines' in row.config])).toEqual([[{ PAGES: 50 }, 53, false], [{ PAGES: 70 }, 10_073, false]]);
});

test('sweep refuses a constant named like a column, a value listed twice, and names the values a source error comes with', () => {
  expect(illusion(['sweep', LOOPING, '-D', 'frames=1,2'])).toEqual({
    status: 2, stdout: '', stderr: "illusion: error: -D: frames is the name of a column of the sweep's table; give the constant another name\n",
  });
  expect(illusion(['sweep', LOOPING, '-D', 'PAGES=5,5'])).toEqual({ status: 2, stdout: '', stderr: 'illusion: error: -D PAGES: 5 is listed twice\n' });
  expect(illusion(['sweep', LOOPING, '-D', 'PAGES=5,x'])).toEqual({
    status: 2, stdout: '', stderr: "illusion: error: -D: PAGES: expected a whole number (like 64, -1 or 0x1000), got 'x'\n",
  });
  const dir = mkdtempSync(join(tmpdir(), 'illusion-defines-'));
  const space = join(dir, 'space.s');
  writeFileSync(space, '.equ N, 4\n.data\nbuf: .space N\n.text\n_start: li r1, 0\nli r2, 0\nsyscall\n');
  expect(illusion(['sweep', space, '-D', 'N=4,-1'])).toEqual({
    status: 2, stdout: '', stderr: `illusion: error: with -D N=-1:\n${space}:3:13: '.space' takes a byte count from 0 to 2145386496, not -1\n`,
  });
  expect(illusion(['sweep', space, '--x', 'M', '--svg', join(dir, 'c.svg'), '-D', 'N=1,2']).stderr).toBe(
    "illusion: error: --x: expected one of N, tlb-entries, tlb-ways, tlb-policy, tlb-refill, policy, frames, got 'M'\n",
  );
});
