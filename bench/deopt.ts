// `npm run bench:deopt`: does V8 throw the CPU loop's optimised code away
// during a cold run? Runs the CLI on the 500K sieve of the cold section
// (bench/cold.ts) under `node --trace-opt --trace-deopt-verbose --log-code`,
// and reports for each optimised function of the machine (cpu/, mmu/,
// kernel/) how often it was optimised and deoptimised, and why. Issue 18's
// criterion: no deoptimisation of the CPU loop after its first optimisation.
// The CPU loop is the interpreter's Cpu.loop and, with the block engine (the
// default), BlockEngine.stretch and its inner loop runOnPage, which run the compiled blocks.
// Exit status 0 either way (a measurement); MET / NOT MET is printed.
// Progress on stderr. Method: docs/benchmarks.md ("Deopt check").
//
//   node dist/bench/deopt.js [--runs N] [--all] [--keep]
//
// --runs N: traced runs (default 3; what V8 does varies from run to run with
//   the timing of its concurrent compiles). Each run gets its own table.
// --all: every function in the tables, the CLI's and ohm's too.
// --keep: leave the traces and the logs in the temporary directory (printed).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeColdFiles } from './cold.js';
import { bundleLocator, parseCodeLog, parseTrace, type BundlePlace, type Deopt, type FunctionTrace } from './deoptTrace.js';
import { ROOT } from './programs.js';

const BUNDLE = join(ROOT, 'dist', 'cli', 'cli.cjs');
/** The hardware and the kernel: what runs during the guest's instructions. */
const MACHINE = /^(cpu|mmu|kernel)\//;
/** Named in every report, optimised or not. */
/** The functions that are the CPU loop: the interpreter's, and the block engine's dispatcher. */
const LOOPS = ['Cpu.loop', 'BlockEngine.stretch', 'runOnPage'];
const WATCHED = [...LOOPS, 'Cpu.run', 'Mmu.walk', 'Mmu.translate', 'Mmu.refill', 'Tlb.lookup', 'Tlb.fill'];

interface Row {
  readonly label: string;
  readonly module: string | null;
  readonly f: FunctionTrace | null;
}

function usage(message: string): never {
  process.stderr.write(`usage: node dist/bench/deopt.js [--runs N] [--all] [--keep]\n${message}\n`);
  process.exit(2);
}

function describeDeopt(d: Deopt, place: (file: string, line: number) => string): string {
  const where = d.at.map((loc) => {
    const m = /^(.*):(\d+):(\d+)$/.exec(loc);
    return m === null ? loc : place(m[1]!, Number(m[2]));
  });
  const at = where.length === 0 ? '' : ` at ${where[0]}${where.length > 1 ? ` (inlined into ${where.slice(1).join(' < ')})` : ''}`;
  return `${d.kind}: ${d.reason}${d.bytecodeOffset === null ? '' : `, bytecode offset ${d.bytecodeOffset}`}${at}`;
}

/** Identical deoptimisations (same kind, reason, place) on one line, in the order of their first one, with how many and of how many optimised codes. */
function groupDeopts(deopts: readonly Deopt[], place: (file: string, line: number) => string): string[] {
  const groups = new Map<string, { count: number; codes: Set<number | null> }>();
  for (const d of deopts) {
    const key = describeDeopt(d, place);
    const g = groups.get(key) ?? { count: 0, codes: new Set() };
    g.count++;
    g.codes.add(d.optId);
    groups.set(key, g);
  }
  return [...groups].map(([key, g]) => `${String(g.count).padStart(4)} x ${key}${g.count > 1 ? ` [${g.codes.size} optimised code${g.codes.size === 1 ? '' : 's'}]` : ''}`);
}

interface Options {
  readonly all: boolean;
  readonly keep: boolean;
  readonly runs: number;
}

function parseArgs(argv: readonly string[]): Options {
  let all = false;
  let keep = false;
  let runs = 3;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--all') all = true;
    else if (a === '--keep') keep = true;
    else if (a === '--runs' && /^[1-9]\d*$/.test(argv[i + 1] ?? '')) runs = Number(argv[++i]);
    else usage(`unknown or incomplete argument: ${a}`);
  }
  return { all, keep, runs };
}

interface Traced {
  readonly rows: Row[];
  readonly place: (file: string, line: number) => string;
  readonly trace: string;
}

/** One traced run of the CLI on the sieve, read into rows (one per function V8 optimised or deoptimised). */
function traceRun(sieve: string, logFile: string): Traced {
  const flags = ['--trace-opt', '--trace-deopt-verbose', '--log-code', `--logfile=${logFile}`, '--no-logfile-per-isolate'];
  const child = spawnSync(process.execPath, [...flags, join('dist', 'cli', 'main.js'), 'run', sieve], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20,
  });
  // V8 prints its traces on stdout, among the guest's lines.
  if (child.status !== 0 || !child.stdout.includes('PASS: sieve')) {
    process.stderr.write(`the sieve did not pass (status ${child.status}): ${child.stderr.slice(0, 500)}\n`);
    process.exit(1);
  }
  const trace = parseTrace(child.stdout);
  const sources = parseCodeLog(readFileSync(logFile, 'utf8'));
  const locate = bundleLocator(readFileSync(BUNDLE, 'utf8'));
  const placeOf = (file: string, line: number): BundlePlace => (file === BUNDLE ? locate(line) : { module: null, className: null, text: '' });
  const place = (file: string, line: number): string => {
    const p = placeOf(file, line);
    if (p.module === null) return `${file}:${line}`;
    const code = p.text.length > 70 ? `${p.text.slice(0, 67)}...` : p.text;
    return `${p.module}${p.className === null ? '' : ` (${p.className})`}, bundle line ${line}: ${code}`;
  };
  const rows: Row[] = [];
  for (const f of trace.values()) {
    const src = sources.get(f.sfi);
    const p = src === undefined ? { module: null, className: null, text: '' } : placeOf(src.file, src.line);
    rows.push({ label: p.className === null ? f.name : `${p.className}.${f.name}`, module: p.module, f });
  }
  return { rows, place, trace: child.stdout };
}

const lateDeopts = (f: FunctionTrace | null): number =>
  f === null || f.firstOptimized === null ? 0 : f.deopts.filter((d) => d.seq > f.firstOptimized!).length;

/** The table and the grouped deoptimisations of one run. */
function report(traced: Traced, all: boolean): string[] {
  const { rows, place } = traced;
  const shown = rows.filter((r) => all || WATCHED.includes(r.label) || (r.module !== null && MACHINE.test(r.module) && r.f!.optimized + r.f!.deopts.length > 0));
  for (const w of WATCHED) if (!rows.some((r) => r.label === w)) shown.push({ label: w, module: null, f: null });
  shown.sort((a, b) => (b.f?.deopts.length ?? -1) - (a.f?.deopts.length ?? -1) || (b.f?.compileMs ?? 0) - (a.f?.compileMs ?? 0) || a.label.localeCompare(b.label));
  const header = ['function', 'module', 'marked', 'optimised (OSR)', 'compile ms', 'deopts', 'after 1st opt'];
  const cells = shown.map((r) => {
    const f = r.f;
    if (f === null) return [r.label, '-', '0', '0 (inlined or cold)', '0.0', '0', '0'];
    return [r.label, r.module ?? '?', String(f.marked), `${f.optimized} (${f.osr})`, f.compileMs.toFixed(1), String(f.deopts.length), String(lateDeopts(f))];
  });
  const widths = header.map((_, i) => Math.max(...[header, ...cells].map((l) => l[i]!.length)));
  const render = (l: string[]) => l.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(render)];
  for (const r of shown) {
    if (r.f === null || r.f.deopts.length === 0) continue;
    out.push('', `${r.label}: ${r.f.deopts.length} deoptimisation${r.f.deopts.length === 1 ? '' : 's'}`);
    out.push(...groupDeopts(r.f.deopts, place));
  }
  return out;
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const files = writeColdFiles();
  const out: string[] = [`deopt check: illusion run sieve (N = 500,000), ${options.runs} run${options.runs === 1 ? '' : 's'}, node ${process.version}`];
  const verdicts: { run: number; label: string; optimized: number; osr: number; compileMs: number; late: number }[] = [];
  for (let run = 1; run <= options.runs; run++) {
    process.stderr.write(`[${run}/${options.runs}] node --trace-opt --trace-deopt-verbose --log-code dist/cli/main.js run ${files.sieve}\n`);
    const logFile = join(files.dir, `v8-${run}.log`);
    const traced = traceRun(files.sieve, logFile);
    if (options.keep) writeFileSync(join(files.dir, `trace-${run}.txt`), traced.trace);
    for (const label of LOOPS) {
      const f = traced.rows.find((r) => r.label === label)?.f ?? null;
      verdicts.push(f === null || f.firstOptimized === null
        ? { run, label, optimized: 0, osr: 0, compileMs: 0, late: 0 }
        : { run, label, optimized: f.optimized, osr: f.osr, compileMs: f.compileMs, late: lateDeopts(f) });
    }
    out.push('', `run ${run}`, '', ...report(traced, options.all));
  }
  out.push('');
  for (const v of verdicts) {
    out.push(v.optimized === 0
      ? `run ${v.run}: ${v.label} was not optimised`
      : `run ${v.run}: ${v.label} optimised ${v.optimized} times (${v.osr} OSR, ${v.compileMs.toFixed(1)} ms compiling), deoptimised ${v.late} times after its first optimisation`);
  }
  // Met when, in every run, some loop function was optimised and none was deoptimised after that.
  const runs = [...new Set(verdicts.map((v) => v.run))];
  const met = runs.every((r) => verdicts.some((v) => v.run === r && v.optimized > 0)) && verdicts.every((v) => v.late === 0);
  out.push(`no deoptimisation of the CPU loop (${LOOPS.join(', ')}) after its first optimisation, in every run: ${met ? 'MET' : 'NOT MET'}`);
  process.stdout.write(`${out.join('\n')}\n`);
  if (options.keep) process.stderr.write(`traces and logs kept in ${files.dir}\n`);
  else rmSync(files.dir, { recursive: true, force: true });
}

main();
