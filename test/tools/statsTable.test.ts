// The --stats table: counts with separators, the hit rate always with two decimals (never rounded to 100.00 or 0.00 it has not reached).
import { expect, test } from 'vitest';
import { formatProcessTable, formatStatsTable } from '../../cli/statsTable.js';
import type { RunStats } from '../../kernel/result.js';
import { illusion } from './cli.js';

const stats = (tlb_hits: number, tlb_misses: number): RunStats => ({ instructions: 1234567, tlb_hits, tlb_misses } as unknown as RunStats);

test.each([
  [199, 1, '99.50'],
  [1, 0, '100.00'],
  [0, 0, '0.00'],
  [2, 1, '66.67'],
  // Never a bound not reached: 14 misses are not 100.00, one hit is not 0.00.
  [899_986, 14, '99.99'],
  [1, 999_999, '0.01'],
  [0, 5, '0.00'],
])('%i hits, %i misses: %s', (hits, misses, rate) => {
  const table = formatStatsTable(stats(hits, misses));
  expect(table.split('\n').at(-2)).toBe(`tlb_hit_rate_%  ${rate.padStart(9)}`);
  expect(table.split('\n')[1]).toBe('instructions    1,234,567');
});

test('under software refill the --stats table ends with the sweep\'s note on the hit rate (named as the table names it); the JSON is unchanged', () => {
  const note = 'note: with software refill, tlb_hit_rate_% also counts each access retried after a refill or tlb_modified trap: across refill designs compare the misses (--json stats.tlb_misses) or the cycles';
  const software = illusion(['run', 'programs/hello.s', '--tlb-refill', 'software', '--stats']);
  expect(software.status).toBe(0);
  const lines = software.stderr.split('\n');
  expect(lines.slice(-3)).toEqual(['tlb_hit_rate_%      83.33', note, '']);
  const hardware = illusion(['run', 'programs/hello.s', '--stats']).stderr.split('\n');
  expect(hardware.slice(-2)).toEqual(['tlb_hit_rate_%      81.82', '']);
  // The debugger's info stats is the same table, with the same note.
  const debug = illusion(['debug', 'programs/hello.s', '--tlb-refill', 'software'], 'c\ninfo stats\n');
  expect(debug.stdout.trimEnd().split('\n').slice(-2)).toEqual(['tlb_hit_rate_%      83.33', note]);
  const json = (refill: string) => JSON.parse(illusion(['run', 'programs/hello.s', '--tlb-refill', refill, '--json']).stdout) as Record<string, unknown>;
  expect(Object.keys(json('software'))).toEqual(Object.keys(json('hardware')));
  expect(JSON.stringify(json('software'))).not.toContain('note');
});

test('more than one process: a table per process after the machine\'s, whose columns sum to the machine\'s figures', () => {
  const r = illusion(['run', 'programs/forkwait.s', 'programs/attacks/mem-null-write.s', '--stats']);
  const table = r.stderr.slice(r.stderr.indexOf('per process\n'));
  expect(table).toBe([
    'per process',
    'pid  name              ended               instructions  page_faults  tlb_misses  cow_copies  swap_ins  swap_outs  peak_resident_pages',
    '  1  forkwait.s        exit 0                     1,940            7          14           3         0          0                    3',
    '  2  mem-null-write.s  killed: bad_access             3            2           3           0         0          0                    1',
    '  3  forkwait.s        exit 11                    1,428            2           5           1         0          0                    3',
    '  4  forkwait.s        exit 12                    1,743            2           5           1         0          0                    3',
    '  5  forkwait.s        exit 13                    2,043            2           5           1         0          0                    3',
    '',
  ].join('\n'));
  const machine = (name: string) => Number(/^(\w+) +([\d,]+)$/m.exec(r.stderr.slice(r.stderr.indexOf(`\n${name} `) + 1))![2]!.replace(/,/g, ''));
  expect(machine('instructions')).toBe(1940 + 3 + 1428 + 1743 + 2043);
  expect(machine('cow_copies')).toBe(3 + 1 + 1 + 1);
  // One process: the machine's table is the whole story, and no second table.
  expect(illusion(['run', 'programs/hello.s', '--stats']).stderr).not.toContain('per process');
});

test('a fork storm: the first 16 and the last 8 processes, and a line saying how many more and where they are', () => {
  const p = (pid: number) => ({ pid, name: 'bomb.s', parent: pid - 1, status: 'exited' as const, code: 0, stdout: '', stderr: '',
    stats: { instructions: pid, page_faults: 0, tlb_misses: 1, cow_copies: 0, swap_ins: 0, swap_outs: 0, peak_resident_pages: 1 } });
  const lines = formatProcessTable({ processes: Array.from({ length: 2000 }, (_, i) => p(i + 1)), processes_omitted: 3000 }).trimEnd().split('\n');
  expect(lines.length).toBe(2 + 16 + 1 + 8);
  expect(lines[17]).toMatch(/^ +16  bomb\.s/);
  expect(lines[18]).toBe('... 4,976 more processes (--json lists the first 1,000 and the last 1,000)');
  expect(lines[19]).toMatch(/^1993  bomb\.s/);
  expect(lines.at(-1)).toMatch(/^2000  bomb\.s/);
});
