// The --stats table: one statistic a line, names left, numbers right-aligned.
// Counts are whole numbers with thousands separators; percentages always
// carry two decimals (99.50, 100.00), so that a column of runs lines up and
// compares digit by digit.
import type { RunStats } from '../kernel/result.js';

/**
 * Under software refill an access retried after a refill (or tlb_modified)
 * trap looks up the TLB again and hits, so the hit rate reads higher than
 * the walker's for the same misses (docs/tlb-refill.md): a class comparing
 * the two designs must be told, or it learns the wrong lesson. `column` is
 * the hit rate's name where the note stands (the sweep's table, --stats).
 */
export function softwareHitRateNote(column: string): string {
  return `note: with software refill, ${column} also counts each access retried after a refill or tlb_modified trap: across refill designs compare the misses (--json stats.tlb_misses) or the cycles`;
}

/** The table; `softwareRefill`: the run refilled the TLB in software, so the hit rate gets its note. */
export function formatStatsTable(stats: RunStats, softwareRefill = false): string {
  const rows: [string, string][] = Object.entries(stats).map(([n, v]) => [n, (typeof v === 'string' ? BigInt(v) : (v as number)).toLocaleString('en-US')]);
  const hits = stats.tlb_hits;
  const total = hits + stats.tlb_misses;
  rows.push(['tlb_hit_rate_%', formatPercent(total === 0 ? 0 : (hits / total) * 100)]);
  let nameWidth = 0;
  let valueWidth = 0;
  for (const [n, v] of rows) { nameWidth = Math.max(nameWidth, n.length); valueWidth = Math.max(valueWidth, v.length); }
  const lines = rows.map(([n, v]) => `${n.padEnd(nameWidth)}  ${v.padStart(valueWidth)}`);
  const note = softwareRefill ? `${softwareHitRateNote('tlb_hit_rate_%')}\n` : '';
  return `statistics\n${lines.join('\n')}\n${note}`;
}

/**
 * A percentage with exactly two decimals, which never rounds to a bound it
 * has not reached: 14 misses in 900,000 accesses are 99.99, not 100.00 (a
 * student reads 100.00 as "no misses"), and one hit in a million is 0.01.
 */
export function formatPercent(value: number): string {
  const text = value.toFixed(2);
  if (text === '100.00' && value < 100) return '99.99';
  if (text === '0.00' && value > 0) return '0.01';
  return text;
}
