// The --stats table: counts with separators, the hit rate always with two decimals (never rounded to 100.00 or 0.00 it has not reached).
import { expect, test } from 'vitest';
import { formatStatsTable } from '../../cli/statsTable.js';
import type { RunStats } from '../../kernel/result.js';

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
