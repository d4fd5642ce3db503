// The --stats table: counts with separators, the hit rate always with two decimals (never rounded to 100.00 or 0.00 it has not reached).
import { expect, test } from 'vitest';
import { formatStatsTable } from '../../cli/statsTable.js';
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
