// A sweep: one run per configuration of the cartesian product of the swept
// lists, in product order, and what each cost. The library's, so that the
// CLI (`illusion sweep`, cli/sweep/) and the page's Sweep panel (web/) plan,
// measure and chart a sweep the same way; each formats it its own way.
import type { MachineConfig } from '../kernel/config.js';
import type { RunResult, RunStats } from '../kernel/result.js';
import { SOFTWARE_REFILL_MIN_WAYS } from '../mmu/mmu.js';
import { isPowerOfTwo } from '../mmu/plru.js';

/** The swept dimensions, in product order (the last varies fastest). */
export const DIMENSIONS = [
  { key: 'tlbEntries', flag: '--tlb-entries', column: 'entries' },
  { key: 'tlbWays', flag: '--tlb-ways', column: 'ways' },
  { key: 'tlbPolicy', flag: '--tlb-policy', column: 'tlb_policy' },
  { key: 'tlbRefill', flag: '--tlb-refill', column: 'tlb_refill' },
  { key: 'policy', flag: '--policy', column: 'policy' },
  { key: 'frames', flag: '--frames', column: 'frames' },
] as const;

export type DimensionKey = (typeof DIMENSIONS)[number]['key'];
/** A configuration, and the values of the program constants swept with -D (NAME -> value; absent when none is). */
export type SweepPoint = Pick<MachineConfig, DimensionKey> & { readonly defines?: Readonly<Record<string, number>> };
/** A program constant swept with -D, and its values in the order given. */
export interface DefineList {
  readonly name: string;
  readonly values: readonly number[];
}

/**
 * One column of a sweep's table and a possible x of its chart: a program
 * constant (its name; first, so that a program's own parameter is x by
 * default, as OSTEP draws pages touched against cost) or a machine setting.
 */
export interface SweepAxis {
  readonly key: string;
  readonly column: string;
  readonly label: string;
  readonly valueOf: (p: SweepPoint) => number | string;
}

const MACHINE_LABELS: Record<DimensionKey, string> = {
  tlbEntries: 'TLB entries', tlbWays: 'TLB ways', tlbPolicy: 'TLB replacement', tlbRefill: 'TLB refill', policy: 'page replacement', frames: 'physical frames',
};

/** The axes of these points: the swept constants (in the order of the first point's), then the machine's dimensions. */
export function sweepAxes(points: readonly SweepPoint[]): SweepAxis[] {
  const names = Object.keys(points[0]?.defines ?? {});
  return [
    ...names.map((name) => ({ key: name, column: name, label: name, valueOf: (p: SweepPoint) => p.defines?.[name] ?? 0 })),
    ...DIMENSIONS.map((d) => ({ key: d.key, column: d.column, label: MACHINE_LABELS[d.key], valueOf: (p: SweepPoint) => p[d.key] })),
  ];
}

/** Every combination of the constants' values, the first varying slowest; one empty combination when there are none. */
function defineCombinations(lists: readonly DefineList[]): Record<string, number>[] {
  let combos: Record<string, number>[] = [{}];
  for (const l of lists) combos = combos.flatMap((c) => l.values.map((v) => ({ ...c, [l.name]: v })));
  return combos;
}
/** The lists to sweep; tlbWays 'default' means min(4, entries) for each entry count. */
export type SweepLists = { [K in Exclude<DimensionKey, 'tlbWays'>]: readonly SweepPoint[K][] } & { tlbWays: readonly number[] | 'default' };

export interface SweepOutcome {
  readonly point: SweepPoint;
  readonly stats: RunStats;
  /** pid 1's ending: `exit N` or `killed: CAUSE`. */
  readonly status: string;
  /** What pid 1 wrote to stdout (for --plot-output). */
  readonly stdout: string;
}

/** Most combinations one sweep runs: a product of long lists is a typo or a plan of days, and building its points alone ran the host out of memory. */
export const MAX_SWEEP_RUNS = 10_000;

/** How many combinations the lists make (before any is skipped), and the lists with more than one value, for a refusal's words. */
export function combinationCount(lists: SweepLists, defineLists: readonly DefineList[] = []): { count: number; factors: { flag: string; values: number }[] } {
  const factors = [
    ...defineLists.map((l) => ({ flag: `-D ${l.name}`, values: l.values.length })),
    ...DIMENSIONS.map((d) => {
      const list = lists[d.key];
      return { flag: d.flag as string, values: list === 'default' ? 1 : list.length };
    }),
  ];
  return { count: factors.reduce((n, f) => n * f.values, 1), factors: factors.filter((f) => f.values > 1) };
}

/**
 * Every combination, in product order (the constants' values outermost);
 * combinations the TLB cannot be built with are skipped (and named once, with why).
 */
export function sweepPoints(lists: SweepLists, defineLists: readonly DefineList[] = []): { points: SweepPoint[]; skipped: string[] } {
  const machine = machinePoints(lists);
  if (defineLists.length === 0) return machine;
  return { points: defineCombinations(defineLists).flatMap((defines) => machine.points.map((p) => ({ defines, ...p }))), skipped: machine.skipped };
}

function machinePoints(lists: SweepLists): { points: SweepPoint[]; skipped: string[] } {
  const points: SweepPoint[] = [];
  const skipped: string[] = [];
  for (const tlbEntries of lists.tlbEntries) {
    for (const tlbWays of lists.tlbWays === 'default' ? [Math.min(4, tlbEntries)] : lists.tlbWays) {
      for (const tlbPolicy of lists.tlbPolicy) {
        for (const tlbRefill of lists.tlbRefill) {
          for (const policy of lists.policy) {
            for (const frames of lists.frames) {
              const point = { tlbEntries, tlbWays, tlbPolicy, tlbRefill, policy, frames };
              const why = tlbWays > tlbEntries || tlbEntries % tlbWays !== 0 ? 'the ways must divide the entries'
                : tlbPolicy === 'plru' && !isPowerOfTwo(tlbWays) ? 'plru needs a power-of-two number of ways'
                : tlbRefill === 'software' && tlbWays < SOFTWARE_REFILL_MIN_WAYS ? `software refill needs at least ${SOFTWARE_REFILL_MIN_WAYS} ways`
                : undefined;
              if (why !== undefined) skipped.push(`${describePoint(point)}: ${why}`);
              else points.push(point);
            }
          }
        }
      }
    }
  }
  return { points, skipped };
}

export function describePoint(p: SweepPoint): string {
  const defines = Object.entries(p.defines ?? {}).map(([name, value]) => `${name}=${value} `).join('');
  return `${defines}entries=${p.tlbEntries} ways=${p.tlbWays} tlb-policy=${p.tlbPolicy} tlb-refill=${p.tlbRefill} policy=${p.policy} frames=${p.frames}`;
}

export const METRICS = ['cycles', 'hit-rate', 'tlb-misses', 'faults', 'swaps'] as const;
export type Metric = (typeof METRICS)[number];

export function hitRatePercent(s: RunStats): number {
  const total = s.tlb_hits + s.tlb_misses;
  return total === 0 ? 0 : (s.tlb_hits / total) * 100;
}

export function metricOf(o: SweepOutcome, metric: Metric): number {
  switch (metric) {
    case 'cycles': return o.stats.cycles;
    case 'hit-rate': return hitRatePercent(o.stats);
    case 'tlb-misses': return o.stats.tlb_misses;
    case 'faults': return o.stats.page_faults;
    default: return o.stats.swap_ins + o.stats.swap_outs;
  }
}

export const METRIC_LABELS: Record<Metric, string> = {
  cycles: 'cycles',
  'hit-rate': 'TLB hit rate (%)',
  'tlb-misses': 'TLB misses',
  faults: 'page faults',
  swaps: 'swap transfers (in + out)',
};

/** A run's outcome as a sweep keeps it: its statistics, pid 1's ending (`exit N` or `killed: CAUSE`) and its output. */
export function outcomeOf(point: SweepPoint, result: RunResult): SweepOutcome {
  const first = result.processes[0];
  const status = first === undefined ? '-' : first.status === 'exited' ? `exit ${first.code ?? 0}` : `killed: ${first.cause}`;
  return { point, stats: result.stats, status, stdout: first?.stdout ?? '' };
}
