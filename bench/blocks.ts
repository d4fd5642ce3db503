// The block engine against the interpreter (docs/engine.md), two ways:
//
// - as `npm run bench` cases: the register loop and the sieve of a million
//   numbers again with `engine: 'interp'` (withBlockCases, one line in
//   bench/run.ts), timed like every program case;
// - as its own script, `node dist/bench/blocks.js [--rounds N]`: both
//   engines in the same process, interleaved round by round (the order
//   alternating) so that a change in the machine's load hits both, then cold
//   from the CLI: one process per run, its wall time minus that of a trivial
//   run (hello.s), also interleaved, each program assembled beforehand;
//   and the first run in a fresh process, timed inside it. Medians of N
//   rounds.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { assemble, readIncludeFile } from '../asm/index.js';
import type { EngineName } from '../cpu/blocks/engine.js';
import { runPrograms, type ProgramInput } from '../kernel/run.js';
import { PROGRAM_SPECS, programCases, ROOT, withEqu, type ProgramSpec } from './programs.js';
import type { BenchCase } from './measure.js';

const COMPARED = ['program.regloop', 'program.calls', 'program.sieve-1m'];

/** The compared programs on the interpreter (blocks is the default engine), under ids ending in `.interp`. */
export const BLOCK_SPECS: readonly ProgramSpec[] = PROGRAM_SPECS.filter((s) => COMPARED.includes(s.id)).map((s) => ({
  ...s, id: `${s.id}.interp`, name: `${s.name}, --engine interp`, config: { ...s.config, engine: 'interp' },
}));

type Cases = { cases: BenchCase[]; specs: Map<string, ProgramSpec> };

/** Adds the block-engine cases to the program cases. */
export function withBlockCases(programs: Cases, onSkip: (why: string) => void = () => undefined): Cases {
  const extra = programCases(onSkip, BLOCK_SPECS);
  return { cases: [...programs.cases, ...extra.cases], specs: new Map([...programs.specs, ...extra.specs]) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function sourceOf(spec: ProgramSpec): string {
  return withEqu(readFileSync(join(ROOT, spec.files[0]!), 'utf8'), spec.equ ?? {});
}

function imageOf(spec: ProgramSpec): ProgramInput[] {
  const path = join(ROOT, spec.files[0]!);
  const result = assemble(sourceOf(spec), path, { readInclude: readIncludeFile });
  if (!result.ok) throw new Error(`${spec.id}: ${result.errors.map((e) => e.message).join('; ')}`);
  return [{ name: spec.id, image: result.image }];
}

export interface EngineTiming {
  readonly id: string;
  readonly instructions: number;
  /** Guest MIPS, median over the rounds, per engine. */
  readonly warm: Record<EngineName, number>;
  /** Guest MIPS of a whole CLI process (minus a trivial run's wall time), per engine. */
  readonly cold: Record<EngineName, number> | undefined;
  /** Guest MIPS of the first run in a fresh process, timed inside it. */
  readonly first: Record<EngineName, number> | undefined;
}

/** Runs one program to the end on `engine`; returns seconds and instructions, checking its verdict. */
function timeRun(programs: ProgramInput[], engine: EngineName): { seconds: number; instructions: number } {
  const start = process.hrtime.bigint();
  const result = runPrograms(programs, { config: { engine } });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const p = result.processes[0]!;
  if (p.status !== 'exited' || p.code !== 0 || !/^PASS: /m.test(p.stdout)) throw new Error(`${programs[0]!.name} on ${engine}: no PASS`);
  return { seconds, instructions: result.stats.instructions };
}

/** Both engines on each compared program in this process, interleaved. */
export function measureWarm(rounds: number): Map<string, { instructions: number; seconds: Record<EngineName, number[]> }> {
  const out = new Map<string, { instructions: number; seconds: Record<EngineName, number[]> }>();
  const programs = PROGRAM_SPECS.filter((s) => COMPARED.includes(s.id)).map((s) => [s.id, imageOf(s)] as const);
  for (let round = 0; round < rounds; round++) {
    const order: EngineName[] = round % 2 === 0 ? ['interp', 'blocks'] : ['blocks', 'interp'];
    for (const [id, images] of programs) {
      for (const engine of order) {
        const { seconds, instructions } = timeRun(images, engine);
        const entry = out.get(id) ?? { instructions, seconds: { interp: [], blocks: [] } };
        entry.seconds[engine].push(seconds);
        out.set(id, entry);
      }
    }
  }
  return out;
}

function spawnSeconds(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  return seconds;
}

/**
 * Each compared program run once per process from the CLI, both engines
 * interleaved with runs of hello.s; the run's median wall time minus hello's
 * (a difference of medians: one pair at a time is swamped by noise).
 */
export function measureCold(rounds: number): Map<string, Record<EngineName, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'illusion-blocks-bench-'));
  const cli = join(ROOT, 'dist', 'cli', 'main.js');
  mkdirSync(join(dir, 'lib'));
  copyFileSync(join(ROOT, 'programs', 'lib', 'print.s'), join(dir, 'lib', 'print.s'));
  // Assembled once beforehand, so that a run's wall time is the engine's and the kernel's, not the
  // assembler's (a 1 MB .space alone costs the assembler ~0.1 s).
  const files = PROGRAM_SPECS.filter((s) => COMPARED.includes(s.id)).map((s) => {
    const file = join(dir, `${s.id}.s`);
    writeFileSync(file, sourceOf(s));
    spawnSeconds([cli, 'asm', file, '-o', `${file}.img`]);
    return [s.id, `${file}.img`] as const;
  });
  const hello = [cli, 'run', join(ROOT, 'programs', 'hello.s')];
  spawnSeconds(hello);
  const runs = new Map<string, Record<EngineName, number[]>>();
  const base: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const order: EngineName[] = round % 2 === 0 ? ['interp', 'blocks'] : ['blocks', 'interp'];
    for (const [id, file] of files) {
      for (const engine of order) {
        base.push(spawnSeconds(hello));
        const entry = runs.get(id) ?? { interp: [], blocks: [] };
        entry[engine].push(spawnSeconds([cli, 'run', file, '--engine', engine]));
        runs.set(id, entry);
      }
    }
  }
  const trivial = median(base);
  return new Map([...runs].map(([id, r]) => [id, { interp: median(r.interp) - trivial, blocks: median(r.blocks) - trivial }]));
}

/** `--first ID ENGINE`: in this fresh process, assemble program ID (untimed), time its first run, print seconds. */
function timeFirstRun(id: string, engine: EngineName): void {
  const spec = PROGRAM_SPECS.find((s) => s.id === id);
  if (spec === undefined) throw new Error(`no program ${id}`);
  const { seconds } = timeRun(imageOf(spec), engine);
  process.stdout.write(`${seconds}\n`);
}

/**
 * The first run in a fresh process, timed inside it (V8 has compiled
 * nothing of the machine yet): what a user's one `illusion run` gets,
 * without the start-up and the assembler that both engines share.
 */
export function measureFirstRun(rounds: number): Map<string, Record<EngineName, number>> {
  const self = join(ROOT, 'dist', 'bench', 'blocks.js');
  const out = new Map<string, Record<EngineName, number>>();
  for (const id of COMPARED) {
    const seconds: Record<EngineName, number[]> = { interp: [], blocks: [] };
    for (let round = 0; round < rounds; round++) {
      for (const engine of round % 2 === 0 ? ['interp', 'blocks'] as const : ['blocks', 'interp'] as const) {
        const child = spawnSync(process.execPath, [self, '--first', id, engine], { cwd: ROOT, encoding: 'utf8' });
        if (child.status !== 0) throw new Error(`first run of ${id} on ${engine}: ${child.stderr}`);
        seconds[engine].push(Number(child.stdout));
      }
    }
    out.set(id, { interp: median(seconds.interp), blocks: median(seconds.blocks) });
  }
  return out;
}

/** The whole comparison: warm and cold MIPS per program and engine. */
export function compareEngines(rounds: number, cold: boolean): EngineTiming[] {
  const warm = measureWarm(rounds);
  const coldTimes = cold ? measureCold(rounds) : undefined;
  const firstTimes = cold ? measureFirstRun(rounds) : undefined;
  return [...warm].map(([id, w]) => {
    const mips = (seconds: number) => w.instructions / seconds / 1e6;
    const c = coldTimes?.get(id);
    const f = firstTimes?.get(id);
    return {
      id,
      instructions: w.instructions,
      warm: { interp: mips(median(w.seconds.interp)), blocks: mips(median(w.seconds.blocks)) },
      // A run no longer than a trivial one's has no meaningful rate.
      cold: c === undefined ? undefined : { interp: c.interp > 0 ? mips(c.interp) : NaN, blocks: c.blocks > 0 ? mips(c.blocks) : NaN },
      first: f === undefined ? undefined : { interp: mips(f.interp), blocks: mips(f.blocks) },
    };
  });
}

export function formatComparison(rows: readonly EngineTiming[]): string {
  const f = (n: number) => `${n.toFixed(0).padStart(6)} MIPS`;
  const pair = (p: Record<EngineName, number> | undefined) =>
    p === undefined ? '' : `  ${f(p.interp)}  ${f(p.blocks)}  ${(p.blocks / p.interp).toFixed(2).padStart(5)}x`;
  const lines = [`${'program'.padEnd(22)} ${'instructions'.padStart(12)}  ${['warm', 'cli', 'first run'].map((w) => `${`${w} interp`.padStart(16)}  ${`${w} blocks`.padStart(16)}  ratio`).join('  ')}`];
  for (const r of rows) lines.push(`${r.id.padEnd(22)} ${String(r.instructions).padStart(12)}${pair(r.warm)}${pair(r.cold)}${pair(r.first)}`);
  return lines.join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2] === '--first') {
  timeFirstRun(process.argv[3]!, process.argv[4] === 'blocks' ? 'blocks' : 'interp');
} else if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--rounds');
  const rounds = at >= 0 ? Number(process.argv[at + 1]) : 7;
  if (!Number.isInteger(rounds) || rounds < 1) {
    process.stderr.write('usage: node dist/bench/blocks.js [--rounds N] [--no-cold]\n');
    process.exit(2);
  }
  process.stdout.write(formatComparison(compareEngines(rounds, !process.argv.includes('--no-cold'))) + '\n');
}
