// The --stats table: one statistic a line, names left, numbers right-aligned.
import type { RunStats } from '../kernel/result.js';

export function formatStatsTable(stats: RunStats): string {
  const rows = Object.entries(stats) as [string, number | string][];
  const hits = stats.tlb_hits;
  const total = hits + stats.tlb_misses;
  rows.push(['tlb_hit_rate_%', total === 0 ? 0 : Math.round((hits / total) * 10000) / 100]);
  const nameWidth = Math.max(...rows.map(([n]) => n.length));
  // cycles_exact is a decimal string (past 2^53): grouped like the numbers.
  const values = rows.map(([, v]) => (typeof v === 'string' ? BigInt(v) : v).toLocaleString('en-US'));
  const valueWidth = Math.max(...values.map((v) => v.length));
  const lines = rows.map(([n], i) => `${n.padEnd(nameWidth)}  ${values[i]!.padStart(valueWidth)}`);
  return `statistics\n${lines.join('\n')}\n`;
}
