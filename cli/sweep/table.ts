// The sweep's table as `illusion sweep` prints it (the plan, the runs'
// outcomes and the chart are the library's: sweep/).
import { formatPercent } from '../statsTable.js';
import { DIMENSIONS, hitRatePercent, type SweepOutcome } from '../../sweep/points.js';

/** The table: configuration columns, then cycles, TLB hit rate, faults, swaps, status; numbers right-aligned. */
export function formatSweepTable(outcomes: readonly SweepOutcome[]): string {
  const head = [...DIMENSIONS.map((d) => d.column), 'cycles', 'tlb_hit_%', 'page_faults', 'swaps', 'status'];
  const rows = outcomes.map((o) => [
    ...DIMENSIONS.map((d) => String(o.point[d.key])),
    String(o.stats.cycles),
    formatPercent(hitRatePercent(o.stats)),
    String(o.stats.page_faults),
    String(o.stats.swap_ins + o.stats.swap_outs),
    o.status,
  ]);
  const all = [head, ...rows];
  const widths = head.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  const numeric = (c: number): boolean => c !== 2 && c !== 3 && c !== 4 && c !== head.length - 1;
  return `${all.map((r) => r.map((cell, c) => (numeric(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n')}\n`;
}
