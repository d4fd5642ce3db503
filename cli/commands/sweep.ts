// `illusion sweep FILE... --tlb-entries LIST [--tlb-ways LIST] [--tlb-policy LIST] [--tlb-refill LIST]
// [--policy LIST] [--frames LIST] [other machine flags] [--svg FILE]
// [--metric M] [--plot-output REGEX] [--json]` (SPEC section 10): one run per
// combination, in parallel on worker threads, a table in product order, and
// optionally a chart. Progress lines go to stderr.
import { statSync, writeFileSync } from 'node:fs';
import { writeAll } from '../hostWrite.js';
import { basename, dirname } from 'node:path';
import { Command } from 'commander';
import { CONFIG_LIMITS, DEFAULT_CONFIG } from '../../kernel/config.js';
import { configJson } from '../../kernel/result.js';
import { POLICY_NAMES, type PolicyName } from '../../kernel/policy/policy.js';
import { TLB_REFILLS, type TlbRefill } from '../../mmu/mmu.js';
import { TLB_POLICIES, type TlbPolicy } from '../../mmu/tlb.js';
import { addMachineOptions, MachineFlags, machineConfigFrom } from '../machineOptions.js';
import { loadPrograms } from '../programs.js';
import { softwareHitRateNote } from '../statsTable.js';
import { runJobs } from '../sweep/pool.js';
import type { SweepJob } from '../sweep/runOne.js';
import { formatSweepTable } from '../sweep/table.js';
import { chartOf, outputPattern, renderSvg } from '../../sweep/chart.js';
import { combinationCount, describePoint, DIMENSIONS, type DefineList, hitRatePercent, MAX_SWEEP_RUNS, METRICS, type Metric, sweepPoints, type SweepLists, type SweepPoint } from '../../sweep/points.js';
import { ERROR_PREFIX, fileErrorText, InputError, isFailedWrite, parseChoiceFlag, parseIntFlag, UsageError, WriteFailedError } from '../usage.js';
import { parseDefine } from '../../asm/index.js';
import { addDefineOption } from '../defines.js';

interface SweepFlags extends MachineFlags {
  define?: string[];
  svg?: string;
  metric?: string;
  plotOutput?: string;
  x?: string;
  json?: boolean;
}

/**
 * Without --max-instructions, each run of a sweep stops here: a sweep
 * measures programs that end, and one that never ends (a missing exit, a
 * loop waiting for input that never comes) would otherwise keep the sweep
 * from ever printing its table. A billion instructions is 55 times the
 * longest shipped program (programs/bench/regloop.s, 18 million) and a few
 * seconds of host time for a tight loop; --max-instructions N sets another
 * limit (docs/tools.md).
 */
export const SWEEP_MAX_INSTRUCTIONS = 1_000_000_000;

/** How often a run still going says how far it is, on stderr (ILLUSION_SWEEP_PROGRESS_MS sets it, for the tests). */
const PROGRESS_EVERY_MS = Number(process.env['ILLUSION_SWEEP_PROGRESS_MS'] ?? 5000);

/** The sweep's table names the hit rate tlb_hit_%. */
const SOFTWARE_HIT_RATE_NOTE = softwareHitRateNote('tlb_hit_%');

/** The chart flags mean nothing without a chart: refuse them rather than ignore them. */
function checkChartFlags(flags: SweepFlags): void {
  if (flags.svg !== undefined) {
    svgPathProblem(flags.svg);
    if (flags.plotOutput !== undefined && flags.x !== undefined) throw new UsageError('--x chooses the swept setting of a metric chart; with --plot-output, x is group 1 of the expression');
    if (flags.plotOutput !== undefined && flags.metric !== undefined) throw new UsageError('--metric and --plot-output both choose what the chart shows: give one');
    return;
  }
  for (const [flag, value] of [['--plot-output', flags.plotOutput], ['--metric', flags.metric], ['--x', flags.x]] as const) {
    if (value !== undefined) throw new UsageError(`${flag} shapes the chart: give --svg FILE too`);
  }
}

/**
 * A chart that could not be written is refused before the sweep runs, not
 * after it (a long sweep would be lost): the path must not be a folder, and
 * its folder must exist. Other failures (no permission, a full disk) still
 * show when it is written.
 */
function svgPathProblem(path: string): void {
  const kind = (p: string): 'dir' | 'file' | 'none' => {
    try { return statSync(p).isDirectory() ? 'dir' : 'file'; } catch { return 'none'; }
  };
  if (kind(path) === 'dir') throw new UsageError(`--svg: '${path}' is a directory: give a file name, e.g. ${path.replace(/\/+$/, '')}/chart.svg`);
  if (kind(dirname(path)) !== 'dir') throw new UsageError(`--svg: cannot write '${path}': no folder '${dirname(path)}'`);
}

/**
 * `--x entries` (a table column), `--x tlb-entries` (a flag without its
 * dashes) or `--x PAGES` (a constant swept with -D): the axis of the chart's x.
 */
function xDimension(text: string | undefined, defines: readonly DefineList[]): string | undefined {
  if (text === undefined) return undefined;
  const constant = defines.find((d) => d.name === text.trim());
  if (constant !== undefined) return constant.name;
  const t = text.trim().toLowerCase().replace(/^--/, '');
  const found = DIMENSIONS.find((d) => d.column === t || d.column.replace('_', '-') === t || d.flag.slice(2) === t);
  if (found === undefined) {
    const choices = [...defines.map((d) => d.name), ...DIMENSIONS.map((d) => d.flag.slice(2))];
    throw new UsageError(`--x: expected one of ${choices.join(', ')}, got '${text}'`);
  }
  return found.key;
}

/** Names a swept constant may not take: the table's own columns (and so --x's words). */
const RESERVED_COLUMNS = new Set<string>([...DIMENSIONS.flatMap((d) => [d.column, d.flag.slice(2)]), 'cycles', 'tlb_hit_%', 'page_faults', 'swaps', 'status']);

/**
 * `-D NAME=V` (one value, every run) or `-D NAME=V1,V2,...` (swept: one run
 * per value, outermost in the product). Each list is checked as -D checks one value.
 */
function defineLists(texts: readonly string[] | undefined): DefineList[] {
  const lists: DefineList[] = [];
  for (const text of texts ?? []) {
    const eq = text.indexOf('=');
    const name = text.slice(0, eq);
    // Each value is read as a define of its own: the same words for a bad name or number (and for no '=').
    const values = (eq < 0 ? [text] : text.slice(eq + 1).split(',').map((v) => `${name}=${v}`)).map((one) => {
      const d = parseDefine(one);
      if (typeof d === 'string') throw new UsageError(`-D: ${d}`);
      return d.value;
    });
    const trimmed = name.trim();
    if (RESERVED_COLUMNS.has(trimmed)) throw new UsageError(`-D: ${trimmed} is the name of a column of the sweep's table; give the constant another name`);
    if (lists.some((l) => l.name === trimmed)) throw new UsageError(`-D: ${trimmed} is given twice`);
    lists.push({ name: trimmed, values: distinct(`-D ${trimmed}`, values) });
  }
  return lists;
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

/** A value listed twice would run twice and draw a line back over itself: a typo, refused. */
function distinct<T>(flag: string, values: T[]): T[] {
  // A Set, not indexOf: a list of a million values (refused later, as too many runs) is checked in linear time.
  const seen = new Set<T>();
  for (const v of values) {
    if (seen.has(v)) throw new UsageError(`${flag}: ${String(v)} is listed twice`);
    seen.add(v);
  }
  return values;
}

/** `constantsSwept`: a -D list counts as the one list a sweep needs. */
function sweepLists(flags: SweepFlags, constantsSwept: boolean): SweepLists {
  if (!constantsSwept && DIMENSIONS.every((dim) => flags[dim.key] === undefined)) {
    throw new UsageError(`nothing to sweep: give at least one list, e.g. --tlb-entries 8,16,32,64 or -D PAGES=1,2,4 (lists: ${DIMENSIONS.map((dim) => dim.flag).join(', ')}, -D NAME=...)`);
  }
  const d = DEFAULT_CONFIG;
  const entries = distinct('--tlb-entries', intList('--tlb-entries', flags.tlbEntries, d.tlbEntries, CONFIG_LIMITS.tlbEntries));
  return {
    tlbEntries: entries,
    // Without --tlb-ways: the default 4 ways, or fully associative for fewer entries.
    tlbWays: flags.tlbWays === undefined ? 'default' : distinct('--tlb-ways', intList('--tlb-ways', flags.tlbWays, d.tlbWays, CONFIG_LIMITS.tlbEntries)),
    tlbPolicy: distinct('--tlb-policy', list(flags.tlbPolicy)?.map((t) => parseChoiceFlag<TlbPolicy>('--tlb-policy', t, TLB_POLICIES)) ?? [d.tlbPolicy]),
    tlbRefill: distinct('--tlb-refill', list(flags.tlbRefill)?.map((t) => parseChoiceFlag<TlbRefill>('--tlb-refill', t, TLB_REFILLS)) ?? [d.tlbRefill]),
    policy: distinct('--policy', list(flags.policy)?.map((t) => parseChoiceFlag<PolicyName>('--policy', t, POLICY_NAMES)) ?? [d.policy]),
    frames: distinct('--frames', intList('--frames', flags.frames, d.frames, CONFIG_LIMITS.frames)),
  };
}

/** Each set of constant values assembles the sources anew: every one is loaded (and so checked) before the sweep starts. */
function loadEveryVariant(files: readonly string[], points: readonly SweepPoint[]): void {
  const variants = [...new Map(points.map((p) => [JSON.stringify(p.defines ?? null), p.defines])).values()];
  for (const values of variants) {
    const defines = values === undefined ? undefined : new Map(Object.entries(values));
    try {
      loadPrograms(files, defines);
    } catch (err) {
      if (!(err instanceof InputError) || defines === undefined || variants.length === 1) throw err;
      // Source errors that come with some values only: say which values they come with.
      throw new InputError(`${ERROR_PREFIX}with -D ${[...defines].map(([n, v]) => `${n}=${v}`).join(' -D ')}:\n${err.message}`);
    }
  }
}

function plotRegex(text: string): RegExp {
  const re = outputPattern(text);
  if (typeof re === 'string') throw new UsageError(`--plot-output: ${re}`);
  return re;
}

export function registerSweep(program: Command): void {
  const cmd = program
    .command('sweep')
    .description('run programs once per combination of the listed TLB and memory settings; print a table, optionally draw a chart')
    .argument('<files...>', 'programs: .s source or images made by illusion asm');
  addDefineOption(addMachineOptions(cmd), "set the sources' constant NAME (their .equ NAME is the default) to VALUE, or sweep it: NAME=V1,V2,...; may be given again")
    .option('--svg <file>', 'draw a chart to FILE: x = the first swept setting with several values (or --x), one line per combination of the others')
    .option('--metric <m>', `what the chart shows: ${METRICS.join(', ')} (default cycles)`)
    .option('--plot-output <regex>', "chart the program's own output instead: every match of REGEX in pid 1's stdout is a point (group 1 = x, group 2 = y; named groups name the axes), one line per configuration")
    .option('--x <setting>', `with --svg: the swept setting on the x axis (a constant swept with -D, ${DIMENSIONS.map((d) => d.flag.slice(2)).join(', ')}; default the first with several values)`)
    .option('--json', 'print one JSON array of {config, defines, stats, tlb_hit_rate, status} instead of the table')
    .addHelpText('after', [
      '',
      `Lists: ${DIMENSIONS.map((d) => d.flag).join(', ')} and -D NAME=... take a comma-separated list of values`,
      '(e.g. --tlb-entries 8,16,32 --policy fifo,lru -D PAGES=1,2,4); at least one is needed, and every combination runs.',
      'Every other machine flag takes one value, used by every run.',
    ].join('\n'))
    .action(async (files: string[], flags: SweepFlags) => {
      checkChartFlags(flags);
      const constants = defineLists(flags.define);
      const xKey = xDimension(flags.x, constants);
      const lists = sweepLists(flags, constants.some((c) => c.values.length > 1));
      const metric = flags.metric === undefined ? 'cycles' : parseChoiceFlag<Metric>('--metric', flags.metric, METRICS);
      const regex = flags.plotOutput === undefined ? undefined : plotRegex(flags.plotOutput);
      // The fixed settings are validated as a run would; the swept ones are replaced per job.
      const base = machineConfigFrom({ ...flags, tlbEntries: undefined, tlbWays: undefined, tlbPolicy: undefined, tlbRefill: undefined, policy: undefined, frames: undefined });
      const defaultLimit = base.maxInstructions === undefined;
      if (defaultLimit) base.maxInstructions = SWEEP_MAX_INSTRUCTIONS;
      const { count, factors } = combinationCount(lists, constants);
      if (count > MAX_SWEEP_RUNS) {
        throw new UsageError(`${factors.map((f) => `${f.values} ${f.flag}`).join(' x ')} values make ${count} combinations, more than ${MAX_SWEEP_RUNS}: a sweep runs every one; list fewer values`);
      }
      const { points, skipped } = sweepPoints(lists, constants);
      if (points.length === 0) throw new UsageError(`no combination is valid: ${skipped[0]!.replace(/^.*: /, '')}`);
      loadEveryVariant(files, points); // bad input stops here with exit 2, before any worker starts
      // The constants are the program's, not the machine's: they stay out of the config.
      const jobs: SweepJob[] = points.map((point, index) => {
        const { defines: _constants, ...machine } = point;
        return { index, files, config: { ...base, ...machine }, point };
      });
      const outcomes = await runJobs(jobs, {
        onDone: (job, finished) => { process.stderr.write(`[${finished}/${jobs.length}] ${describePoint(job.point)}\n`); },
        onProgress: (job, instructions) => {
          process.stderr.write(`[running] ${describePoint(job.point)}: ${instructions.toLocaleString('en-US')} of at most ${base.maxInstructions!.toLocaleString('en-US')} instructions so far\n`);
        },
        progressEveryMs: Number.isFinite(PROGRESS_EVERY_MS) && PROGRESS_EVERY_MS >= 0 ? PROGRESS_EVERY_MS : 5000,
      });
      if (flags.json) {
        // The whole configuration under run --json's names, so that a row can be run again alone (outcomes[i] is jobs[i]'s).
        const rows = outcomes.map((o, i) => ({
          config: configJson(jobs[i]!.config), ...(o.point.defines !== undefined ? { defines: o.point.defines } : {}),
          stats: o.stats, tlb_hit_rate: hitRatePercent(o.stats), status: o.status,
        }));
        writeAll(1, `${JSON.stringify(rows)}\n`);
      } else {
        writeAll(1, formatSweepTable(outcomes));
      }
      for (const s of skipped) writeAll(flags.json ? 2 : 1, `skipped ${s}\n`);
      if (jobs.some((j) => j.config.tlbRefill === 'software')) writeAll(flags.json ? 2 : 1, `${SOFTWARE_HIT_RATE_NOTE}\n`);
      const cut = outcomes.filter((o) => o.stats.instructions >= base.maxInstructions!).length;
      if (cut > 0) {
        const limit = base.maxInstructions!.toLocaleString('en-US');
        const why = defaultLimit
          ? `the sweep's limit of ${limit} instructions per run (a program that never ends? give --max-instructions N for another limit)`
          : `--max-instructions ${base.maxInstructions}`;
        writeAll(flags.json ? 2 : 1, `note: ${cut} of ${outcomes.length} run${outcomes.length === 1 ? '' : 's'} reached ${why}: their figures are of a run cut short\n`);
      }
      if (flags.svg !== undefined) {
        const name = files.map((f) => basename(f)).join(' ');
        const spec = chartOf(name, outcomes, { metric, maxInstructions: base.maxInstructions!, ...(regex !== undefined ? { pattern: regex } : {}), ...(xKey !== undefined ? { xKey } : {}) });
        if (regex !== undefined) {
          const empty = spec.series.filter((series) => series.points.length === 0);
          if (empty.length === spec.series.length) {
            throw new UsageError(`--plot-output: /${regex.source}/ matched no numbers in pid 1's output of any run; no chart written`);
          }
          for (const series of empty) process.stderr.write(`illusion: warning: --plot-output matched nothing for ${series.name}: that line is missing from the chart\n`);
        }
        try {
          writeFileSync(flags.svg, renderSvg(spec));
        } catch (err) {
          const text = `--svg: cannot write '${flags.svg}': ${fileErrorText(err, flags.svg, 'write')}`;
          throw isFailedWrite(err) ? new WriteFailedError(text) : new UsageError(text);
        }
      }
    });
}
