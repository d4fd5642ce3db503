// `npm run bench`: times every case (bench/hotpaths.ts, bench/programs.ts,
// bench/baseline.ts, bench/assembler.ts) with benny, then the cold section (bench/cold.ts:
// the CLI spawned as a user runs it, and start-up), prints the tables on
// stdout and saves the JSON under bench/results/.
// Progress goes to stderr. Missing a target is reported, not an error: this
// is a measurement. Method: docs/benchmarks.md.
//
//   node dist/bench/run.js [--quick] [--filter REGEX] [--no-save]
//
// --quick: fewer samples, shorter cases and 3 cold rounds, a smoke check;
// its JSON goes to bench/results/<timestamp>-quick.json and leaves
// latest.json alone. --filter 'cold|startup' selects the cold section.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, arch, totalmem } from 'node:os';
import { join } from 'node:path';
import { assemblerCases } from './assembler.js';
import { baselineCases } from './baseline.js';
import { COLD_FULL, COLD_QUICK, ColdOptions, ColdResult, measureCold } from './cold.js';
import { withBlockCases } from './blocks.js';
import { microCases } from './hotpaths.js';
import { BenchCase, timeCase, TimingOptions } from './measure.js';
import { programCases, ROOT } from './programs.js';
import { buildRows, formatColdProcesses, formatTable, Measured } from './report.js';

interface Mode {
  readonly name: 'full' | 'quick';
  readonly short: TimingOptions;
  readonly long: TimingOptions;
  readonly cold: ColdOptions;
}

const FULL: Mode = { name: 'full', short: { minSamples: 5, maxTime: 1.2 }, long: { minSamples: 5, maxTime: 2.5 }, cold: COLD_FULL };
const QUICK: Mode = { name: 'quick', short: { minSamples: 2, maxTime: 0.15 }, long: { minSamples: 2, maxTime: 0.3 }, cold: COLD_QUICK };

function parseArgs(argv: readonly string[]): { mode: Mode; filter: RegExp | undefined; save: boolean } {
  let mode = FULL;
  let filter: RegExp | undefined;
  let save = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') mode = QUICK;
    else if (a === '--no-save') save = false;
    else if (a === '--filter' && argv[i + 1] !== undefined) filter = new RegExp(argv[++i]!);
    else {
      process.stderr.write(`usage: node dist/bench/run.js [--quick] [--filter REGEX] [--no-save]\nunknown argument: ${a}\n`);
      process.exit(2);
    }
  }
  return { mode, filter, save };
}

function machineInfo() {
  const cpu = cpus()[0];
  return {
    cpu: cpu?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    v8: process.versions.v8,
    platform: `${platform()} ${arch()}`,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

async function main(): Promise<void> {
  const { mode, filter, save } = parseArgs(process.argv.slice(2));
  const started = new Date();
  const atStart = machineInfo();
  const skipped: string[] = [];
  const micro = microCases();
  const programs = withBlockCases(programCases((why) => skipped.push(why)));
  const all: BenchCase[] = [...baselineCases(), ...micro.cases, ...programs.cases, ...assemblerCases()];
  const cases = filter === undefined ? all : all.filter((c) => filter.test(c.id));
  const runCold = filter === undefined || filter.test('cold') || filter.test('startup');
  const total = cases.length + (runCold ? 1 : 0);
  for (const why of skipped) process.stderr.write(`skipped ${why}\n`);
  process.stderr.write(`illusion bench (${mode.name}): ${total} cases\n`);

  const measured = new Map<string, Measured>();
  const errors = new Map<string, string>();
  let i = 0;
  for (const c of cases) {
    i++;
    process.stderr.write(`[${i}/${total}] ${c.name} ... `);
    const t0 = Date.now();
    try {
      const { facts } = c.prepare();
      const timing = await timeCase(c, c.length === 'long' ? mode.long : mode.short);
      measured.set(c.id, { c, timing, facts });
      process.stderr.write(`${(timing.medianSeconds * 1e3).toFixed(3)} ms/call, ${timing.samples} samples, ±${timing.rme.toFixed(1)}% (${((Date.now() - t0) / 1e3).toFixed(1)} s)\n`);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      errors.set(c.id, message);
      process.stderr.write(`ERROR: ${message}\n`);
    }
  }

  let cold: ColdResult | undefined;
  if (runCold) {
    i++;
    process.stderr.write(`[${i}/${total}] cold: the CLI spawned, ${mode.cold.rounds} rounds of hello.s, node -e 0, the 500K sieve, asm of 10,000 lines\n`);
    const t0 = Date.now();
    try {
      cold = measureCold(mode.cold, (line) => process.stderr.write(`  ${line} (${((Date.now() - t0) / 1e3).toFixed(1)} s)\n`));
      process.stderr.write(`  sieve ${cold.sieve.coldMips.toFixed(1)} MIPS cold (${cold.sieve.coldCpuMips.toFixed(1)} by CPU time), ${cold.sieve.warmMips.toFixed(1)} warm; asm ${(cold.asm.wallSeconds * 1e3).toFixed(0)} ms; start-up ${cold.startupRatio.toFixed(2)}x node -e 0\n`);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      errors.set('cold', message);
      process.stderr.write(`ERROR: ${message}\n`);
    }
  }

  const rows = buildRows({ measured, micro: micro.kinds, programs: programs.specs, cold, errors });
  const machine = { ...atStart, date: started.toISOString(), loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100) };
  const finished = new Date();
  process.stdout.write(`illusion bench, ${mode.name} run, ${started.toISOString()}\n`);
  process.stdout.write(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverageAtStart.join(' ')}\n\n`);
  process.stdout.write(formatTable(rows) + '\n');
  process.stdout.write('\n* derived from other rows (docs/benchmarks.md). ns/op of a tlb row: what the access costs beyond an ALU instruction.\n');
  if (cold !== undefined) process.stdout.write(`\n${formatColdProcesses(cold)}\n\n`);
  const targets = rows.filter((r) => r.target !== null);
  const met = targets.filter((r) => r.met === true).length;
  process.stdout.write(`targets met: ${met} of ${targets.length}\n`);

  if (save) {
    const result = {
      schema: 1,
      mode: mode.name,
      date: started.toISOString(),
      seconds: (finished.getTime() - started.getTime()) / 1e3,
      machine,
      options: { short: mode.short, long: mode.long, cold: mode.cold, filter: filter?.source ?? null },
      rows,
      cases: [...measured.values()].map((m) => ({
        id: m.c.id, name: m.c.name, group: m.c.group, baseline: m.c.baseline, timing: m.timing, facts: m.facts,
      })),
      cold: cold ?? null,
      skipped,
      errors: Object.fromEntries(errors),
    };
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const stamp = started.toISOString().replace(/[:.]/g, '-');
    const file = join(dir, `${stamp}${mode.name === 'quick' ? '-quick' : ''}.json`);
    const text = JSON.stringify(result, null, 2) + '\n';
    writeFileSync(file, text);
    if (mode.name === 'full' && filter === undefined) writeFileSync(join(dir, 'latest.json'), text);
    process.stderr.write(`saved ${file}${mode.name === 'full' && filter === undefined ? ' and bench/results/latest.json' : ''}\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
