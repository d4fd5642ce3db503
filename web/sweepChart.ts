// The Sweep panel's chart: the SVG `illusion sweep --svg` writes for the
// same runs (sweep/chart.ts), with the panel's choice of what it shows, or
// why there is none. Apart from the panel, so that a test without a browser
// holds it to the CLI's.
import { chartOf, outputPattern, renderSvg } from '../sweep/chart.js';
import type { Metric, SweepOutcome } from '../sweep/points.js';

export type ChartKind = Metric | 'output';
/**
 * The chart a sweep gets unless another is chosen: a statistic every run
 * has, whatever the program prints (the output pattern, tlb.s's, matched
 * nothing in swap.s's output, so a first sweep of it drew no chart).
 */
export const DEFAULT_CHART: ChartKind = 'cycles';

/**
 * The chart as an image (the SVG `illusion sweep --svg` writes for the same
 * runs, byte for byte: the runs' instruction limit goes in, so runs cut short
 * are noted as the CLI notes them), or why there is none.
 */
export function sweepChart(name: string, outcomes: readonly SweepOutcome[], chart: ChartKind, patternText: string, limit: number): { svg: string; warnings: string[] } | string {
  const pattern = chart === 'output' ? outputPattern(patternText) : undefined;
  if (typeof pattern === 'string') return `output pattern: ${pattern}`;
  const spec = chartOf(name, outcomes, { metric: chart === 'output' ? 'cycles' : chart, maxInstructions: limit, ...(pattern ? { pattern } : {}) });
  if (pattern) {
    const empty = spec.series.filter((s) => s.points.length === 0);
    if (empty.length === spec.series.length) {
      return `no chart: /${pattern.source}/ matched no numbers in pid 1's output of any run; choose a statistic in Chart (cycles, TLB hit rate, ...), or a pattern whose two groups, x then y, match what the program prints`;
    }
    return { svg: renderSvg(spec), warnings: empty.map((s) => `the pattern matched nothing for ${s.name}: that line is missing from the chart`) };
  }
  return { svg: renderSvg(spec), warnings: [] };
}
