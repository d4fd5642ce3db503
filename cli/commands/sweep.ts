// `illusion sweep FILE... --tlb-entries LIST [--tlb-ways LIST] [--tlb-policy LIST] [--tlb-refill LIST]
// [--policy LIST] [--frames LIST] [other machine flags] [--svg FILE]
// [--metric M] [--plot-output REGEX] [--json]` (SPEC section 10): one run per
// combination, in parallel on worker threads, a table in product order, and
// optionally a chart. Progress lines go to stderr.
import { writeFileSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { Command } from 'commander';
import { CONFIG_LIMITS, DEFAULT_CONFIG } from '../../kernel/config.js';
import { POLICY_NAMES, type PolicyName } from '../../kernel/policy/policy.js';
import { TLB_REFILLS, type TlbRefill } from '../../mmu/mmu.js';
import { TLB_POLICIES, type TlbPolicy } from '../../mmu/tlb.js';
import { addMachineOptions, MachineFlags, machineConfigFrom } from '../machineOptions.js';
import { loadPrograms } from '../programs.js';
import { runJobs } from '../sweep/pool.js';
import type { SweepJob } from '../sweep/runOne.js';
import { outputChart, renderSvg, sweepChart } from '../sweep/svg.js';
import { describePoint, formatSweepTable, hitRatePercent, METRICS, type Metric, sweepPoints, type SweepLists } from '../sweep/sweep.js';
import { parseChoiceFlag, parseIntFlag, UsageError } from '../usage.js';

interface SweepFlags extends MachineFlags {
  svg?: string;
  metric?: string;
  plotOutput?: string;
  json?: boolean;
}

function list(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new UsageError(`expected a comma-separated list, got '${text}'`);
  return items;
}

function intList(flag: string, text: string | undefined, fallback: number, range: readonly [number, number]): number[] {
  return list(text)?.map((t) => parseIntFlag(flag, t, range[0], range[1])) ?? [fallback];
}

function sweepLists(flags: SweepFlags): SweepLists {
  if (flags.tlbEntries === undefined) throw new UsageError('--tlb-entries: missing; give a list, e.g. --tlb-entries 8,16,32,64');
  const d = DEFAULT_CONFIG;
  const entries = intList('--tlb-entries', flags.tlbEntries, d.tlbEntries, CONFIG_LIMITS.tlbEntries);
  return {
    tlbEntries: entries,
    // Without --tlb-ways: the default 4 ways, or fully associative for fewer entries.
    tlbWays: flags.tlbWays === undefined ? 'default' : intList('--tlb-ways', flags.tlbWays, d.tlbWays, CONFIG_LIMITS.tlbEntries),
    tlbPolicy: list(flags.tlbPolicy)?.map((t) => parseChoiceFlag<TlbPolicy>('--tlb-policy', t, TLB_POLICIES)) ?? [d.tlbPolicy],
    tlbRefill: list(flags.tlbRefill)?.map((t) => parseChoiceFlag<TlbRefill>('--tlb-refill', t, TLB_REFILLS)) ?? [d.tlbRefill],
    policy: list(flags.policy)?.map((t) => parseChoiceFlag<PolicyName>('--policy', t, POLICY_NAMES)) ?? [d.policy],
    frames: intList('--frames', flags.frames, d.frames, CONFIG_LIMITS.frames),
  };
}

function plotRegex(text: string): RegExp {
  let re: RegExp;
  try {
    re = new RegExp(text, 'gm');
  } catch (err) {
    throw new UsageError(`--plot-output: not a regular expression: ${(err as Error).message}`);
  }
  if (new RegExp(`${re.source}|`).exec('')!.length - 1 < 2) throw new UsageError('--plot-output: the expression needs two groups, x then y');
  return re;
}

export function registerSweep(program: Command): void {
  const cmd = program
    .command('sweep')
    .description('run programs once per combination of the listed TLB and memory settings; print a table, optionally draw a chart')
    .argument('<files...>', 'programs: .s source or images made by illusion asm');
  addMachineOptions(cmd)
    .option('--svg <file>', 'draw a chart to FILE: x = the first swept setting with several values, one line per combination of the others')
    .option('--metric <m>', `what the chart shows: ${METRICS.join(', ')} (default cycles)`)
    .option('--plot-output <regex>', "chart the program's own output instead: every match of REGEX in pid 1's stdout is a point (group 1 = x, group 2 = y; named groups name the axes), one line per configuration")
    .option('--json', 'print one JSON array of {config, stats, status} instead of the table')
    .action(async (files: string[], flags: SweepFlags) => {
      const lists = sweepLists(flags);
      const metric = flags.metric === undefined ? 'cycles' : parseChoiceFlag<Metric>('--metric', flags.metric, METRICS);
      const regex = flags.plotOutput === undefined ? undefined : plotRegex(flags.plotOutput);
      // The fixed settings are validated as a run would; the swept ones are replaced per job.
      const base = machineConfigFrom({ ...flags, tlbEntries: undefined, tlbWays: undefined, tlbPolicy: undefined, tlbRefill: undefined, policy: undefined, frames: undefined });
      loadPrograms(files); // bad input stops here with exit 2, before any worker starts
      const { points, skipped } = sweepPoints(lists);
      if (points.length === 0) throw new UsageError(`no combination is valid: ${skipped[0]!.replace(/^.*: /, '')}`);
      const jobs: SweepJob[] = points.map((point, index) => ({ index, files, config: { ...base, ...point }, point }));
      const outcomes = await runJobs(jobs, (job, finished) => {
        process.stderr.write(`[${finished}/${jobs.length}] ${describePoint(job.point)}\n`);
      });
      if (flags.json) {
        const rows = outcomes.map((o) => ({ config: o.point, stats: o.stats, tlb_hit_rate: hitRatePercent(o.stats), status: o.status }));
        writeSync(1, `${JSON.stringify(rows)}\n`);
      } else {
        writeSync(1, formatSweepTable(outcomes));
      }
      for (const s of skipped) writeSync(flags.json ? 2 : 1, `skipped ${s}\n`);
      if (flags.svg !== undefined) {
        const name = files.map((f) => basename(f)).join(' ');
        const spec = regex === undefined ? sweepChart(name, outcomes, metric) : outputChart(name, outcomes, regex);
        try {
          writeFileSync(flags.svg, renderSvg(spec));
        } catch (err) {
          throw new UsageError(`--svg: cannot write '${flags.svg}': ${(err as Error).message}`);
        }
      }
    });
}
