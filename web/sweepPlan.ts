// The Sweep panel's plan: which setting to sweep over which values, with the
// rest of the page's configuration, as `illusion sweep` would be asked for
// it. The plan, the runs and the chart are the library's (sweep/); this
// reads the panel's boxes and says, in one line, what it refuses.
import { assemble, DEFAULT_CONFIG, type IncludeReader, type MachineConfig } from '../index.js';
import { CONFIG_LIMITS } from '../kernel/config.js';
import { sweepPoints, type SweepLists } from '../sweep/points.js';
import { SteppedSweep } from '../sweep/stepped.js';
import type { ProgramSource, WebConfig } from './session.js';

/** The settings the panel sweeps, each with its `illusion sweep` flag (for the equivalent command line). */
export const SWEPT = [
  { key: 'tlbEntries', label: 'TLB entries', flag: '--tlb-entries', range: CONFIG_LIMITS.tlbEntries },
  { key: 'tlbWays', label: 'TLB ways', flag: '--tlb-ways', range: CONFIG_LIMITS.tlbEntries },
  { key: 'frames', label: 'frames', flag: '--frames', range: CONFIG_LIMITS.frames },
] as const;
export type SweptKey = (typeof SWEPT)[number]['key'];

/** Each run stops here, every live process killed (instruction_limit), so a runaway guest cannot hold the sweep: `--max-instructions`. */
export const DEFAULT_RUN_LIMIT = 20_000_000;

/** `4, 8,16` as numbers: whole, within the setting's limits, none twice; else why not, in one line. */
export function parseValues(text: string, key: SweptKey): number[] | string {
  const swept = SWEPT.find((s) => s.key === key)!;
  const items = text.split(',').map((t) => t.trim());
  if (items.length === 0 || items.some((t) => t === '')) return `${swept.label}: expected a comma-separated list of numbers, e.g. 4,8,16,32,64`;
  const values: number[] = [];
  for (const t of items) {
    const n = /^\d+$/.test(t) ? Number(t) : NaN;
    const [lo, hi] = swept.range;
    if (!Number.isSafeInteger(n) || n < lo || n > hi) return `${swept.label}: '${t}' is not a whole number in ${lo}..${hi}`;
    if (values.includes(n)) return `${swept.label}: ${n} is listed twice`;
    values.push(n);
  }
  return values;
}

export interface SweepPlan {
  readonly sweep: SteppedSweep;
  /** Combinations the TLB cannot be built with, each with why (`illusion sweep` prints them as `skipped ...`). */
  readonly skipped: readonly string[];
  /** The command line that gives the same numbers. */
  readonly command: string;
  /** Each run's instruction limit (`--max-instructions`): the chart notes runs that reached it. */
  readonly limit: number;
}

/**
 * The sweep of `key` over `values`, every other setting the page's; each
 * run limited to `limit` instructions. Refuses, in one line, what cannot run:
 * a program that does not assemble, a bad limit, no valid combination.
 */
export function planSweep(programs: readonly ProgramSource[], config: WebConfig, key: SweptKey, values: readonly number[], limit: number, readInclude?: IncludeReader): SweepPlan | string {
  const [lo, hi] = CONFIG_LIMITS.maxInstructions;
  if (!Number.isSafeInteger(limit) || limit < lo || limit > hi) return `instruction limit: expected a whole number from ${lo}`;
  const inputs = [];
  for (const p of programs) {
    const r = assemble(p.source, p.name, readInclude ? { readInclude } : {});
    if (!r.ok) return `${p.name} does not assemble: ${r.errors[0]!.line}:${r.errors[0]!.column}: ${r.errors[0]!.message}`;
    inputs.push({ name: p.name, image: r.image });
  }
  const one = <K extends keyof SweepLists>(k: K, v: SweepLists[K]): SweepLists[K] => (k === key ? values : v) as SweepLists[K];
  const lists: SweepLists = {
    tlbEntries: one('tlbEntries', [config.tlbEntries]), tlbWays: one('tlbWays', [config.tlbWays]), tlbPolicy: [config.tlbPolicy],
    tlbRefill: [config.tlbRefill], policy: [config.policy], frames: one('frames', [config.frames]),
  };
  const { points, skipped } = sweepPoints(lists);
  if (points.length === 0) return `no combination is valid: ${skipped[0]!.replace(/^.*: /, '')}`;
  const base: MachineConfig = { ...DEFAULT_CONFIG, ...config, maxInstructions: limit };
  return { sweep: new SteppedSweep(inputs, base, points), skipped, command: commandOf(programs, config, key, values, limit), limit };
}

/** `illusion sweep` with the flags that give the same runs: the swept list, and each setting that is not its default. */
function commandOf(programs: readonly ProgramSource[], config: WebConfig, key: SweptKey, values: readonly number[], limit: number): string {
  const flags: string[] = [];
  const fixed: [keyof WebConfig, string][] = [
    ['tlbEntries', '--tlb-entries'], ['tlbWays', '--tlb-ways'], ['tlbPolicy', '--tlb-policy'], ['tlbRefill', '--tlb-refill'], ['frames', '--frames'],
    ['policy', '--policy'], ['swapPages', '--swap-pages'], ['quantum', '--quantum'], ['seed', '--seed'],
  ];
  for (const [k, flag] of fixed) {
    if (k === key) flags.push(`${flag} ${values.join(',')}`);
    // The ways always, even at their default: without --tlb-ways the CLI gives each entry count min(4, entries) ways.
    else if (config[k] !== DEFAULT_CONFIG[k] || k === 'tlbWays') flags.push(`${flag} ${String(config[k])}`);
  }
  if (!config.asids) flags.push('--no-asid');
  flags.push(`--max-instructions ${limit}`);
  return `illusion sweep ${programs.map((p) => p.name).join(' ')} ${flags.join(' ')}`;
}
