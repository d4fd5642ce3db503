// The sweep's table as `illusion sweep` prints it (the plan, the runs'
// outcomes and the chart are the library's: sweep/).
import { formatPercent } from '../statsTable.js';
import { hitRatePercent, sweepAxes, type SweepOutcome } from '../../sweep/points.js';

/** The table: swept constants and configuration columns, then cycles, TLB hit rate, faults, swaps, status; numbers right-aligned. */
export function formatSweepTable(outcomes: readonly SweepOutcome[]): string {
  const axes = sweepAxes(outcomes.map((o) => o.point));
  const head = [...axes.map((d) => d.column), 'cycles', 'tlb_hit_%', 'page_faults', 'swaps', 'status'];
  const words = new Set(axes.filter((d) => outcomes.some((o) => typeof d.valueOf(o.point) === 'string')).map((d) => d.column));
  const rows = outcomes.map((o) => [
    ...axes.map((d) => String(d.valueOf(o.point))),
    String(o.stats.cycles),
    formatPercent(hitRatePercent(o.stats)),
    String(o.stats.page_faults),
    String(o.stats.swap_ins + o.stats.swap_outs),
    o.status,
  ]);
  const all = [head, ...rows];
  const widths = head.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  const numeric = (c: number): boolean => !words.has(head[c]!) && c !== head.length - 1;
  return `${all.map((r) => r.map((cell, c) => (numeric(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n')}\n`;
}
