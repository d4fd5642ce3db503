// Whole guest programs, start to finish through the kernel library: each
// timed call boots a fresh kernel (new machine, new physical memory), starts
// the programs and runs them to the end, as `illusion run` does minus the
// CLI. The programs are assembled once, outside the timing; each is run once
// untimed first and must exit 0 with its PASS line.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemble, readIncludeFile } from '../asm/index.js';
import type { MachineConfig } from '../kernel/config.js';
import type { RunStats } from '../kernel/result.js';
import { ProgramInput, runPrograms } from '../kernel/run.js';
import type { BaselineKind, BenchCase, CallFacts } from './measure.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What one "op" of a program case is, and how many a run makes. */
export interface ProgramUnit {
  readonly name: string;
  readonly count: (stats: RunStats) => number;
}

export interface ProgramSpec {
  readonly id: string;
  readonly name: string;
  /** Source files (relative to the repository root), one process each, pid 1 first. */
  readonly files: readonly string[];
  readonly config: Partial<MachineConfig>;
  /** `.equ` values to change in the source before assembling (name -> value). */
  readonly equ?: Readonly<Record<string, number>>;
  readonly baseline: BaselineKind;
  readonly unit: ProgramUnit;
}

const INSTRUCTION: ProgramUnit = { name: 'instruction', count: (s) => s.instructions };
const COW_FAULT: ProgramUnit = { name: 'COW fault', count: (s) => s.cow_copies };
const RUN: ProgramUnit = { name: 'run', count: () => 1 };
const SWAP_OUT: ProgramUnit = { name: 'swap-out', count: (s) => s.swap_outs };
const SWITCH: ProgramUnit = { name: 'switch', count: (s) => s.context_switches };
const YIELDERS = 4;
const yieldFiles = Array.from({ length: YIELDERS }, () => 'programs/bench/yield.s');

export const PROGRAM_SPECS: readonly ProgramSpec[] = [
  { id: 'program.hello', name: 'program: hello.s (kernel boot to exit)', files: ['programs/hello.s'], config: {}, baseline: 'register', unit: RUN },
  { id: 'program.regloop', name: 'program: regloop.s (register loop)', files: ['programs/bench/regloop.s'], config: {}, baseline: 'register', unit: INSTRUCTION },
  { id: 'program.calls', name: 'program: calls.s (recursive fib(25))', files: ['programs/bench/calls.s'], config: {}, baseline: 'register', unit: INSTRUCTION },
  { id: 'program.memloop', name: 'program: memloop.s (16 pages, in TLB reach)', files: ['programs/bench/memloop.s'], config: {}, baseline: 'memory', unit: INSTRUCTION },
  { id: 'program.sieve', name: 'program: sieve.s', files: ['programs/sieve.s'], config: {}, baseline: 'memory', unit: INSTRUCTION },
  {
    // The same program scaled to a million numbers (245 pages of .bss, beyond the TLB's reach): 13.7 M
    // instructions, so that the sieve's own speed, not the kernel's boot, is what is timed.
    id: 'program.sieve-1m', name: 'program: sieve.s, N = 1,000,000', files: ['programs/sieve.s'], config: {},
    equ: { N: 1_000_000, EXPECTED_COUNT: 78_498, EXPECTED_LARGEST: 999_983 }, baseline: 'memory', unit: INSTRUCTION,
  },
  { id: 'program.tlb', name: 'program: tlb.s (1..512 pages)', files: ['programs/tlb.s'], config: {}, baseline: 'memory', unit: INSTRUCTION },
  { id: 'program.cow', name: 'program: cow.s (64 forks x 32 COW writes)', files: ['programs/bench/cow.s'], config: {}, baseline: 'memory', unit: COW_FAULT },
  {
    id: 'program.cow-none', name: 'program: cow.s, children write nothing', files: ['programs/bench/cow.s'], config: {},
    equ: { TOUCH: 0 }, baseline: 'memory', unit: RUN,
  },
  { id: 'program.swap', name: 'program: swap.s (256 pages, 64 frames)', files: ['programs/bench/swap.s'], config: { frames: 64 }, baseline: 'memory', unit: SWAP_OUT },
  { id: 'program.yield-asid', name: `program: ${YIELDERS} x yield.s, ASIDs on`, files: yieldFiles, config: { asids: true }, baseline: 'memory', unit: SWITCH },
  { id: 'program.yield-noasid', name: `program: ${YIELDERS} x yield.s, ASIDs off`, files: yieldFiles, config: { asids: false }, baseline: 'memory', unit: SWITCH },
];

/** Replaces `.equ NAME, value` lines. */
export function withEqu(source: string, equ: Readonly<Record<string, number>>): string {
  let out = source;
  for (const [name, value] of Object.entries(equ)) {
    const line = new RegExp(`^(\\s*\\.equ\\s+${name}\\s*,\\s*)[^;\\n]+`, 'm');
    if (!line.test(out)) throw new Error(`no .equ ${name} to change`);
    out = out.replace(line, `$1${value} `);
  }
  return out;
}

function load(spec: ProgramSpec): ProgramInput[] {
  const images = new Map<string, ProgramInput>();
  return spec.files.map((file) => {
    const known = images.get(file);
    if (known !== undefined) return known;
    const source = withEqu(readFileSync(join(ROOT, file), 'utf8'), spec.equ ?? {});
    // `.include` names come resolved against `file`, which is relative to the repository root.
    const result = assemble(source, file, { readInclude: (name) => readIncludeFile(join(ROOT, name)) });
    if (!result.ok) throw new Error(`${file} does not assemble: ${result.errors.map((e) => `${e.line}: ${e.message}`).join('; ')}`);
    const input = { name: basename(file), image: result.image };
    images.set(file, input);
    return input;
  });
}

/** Runs the programs once and checks that every process exited 0 and each started one printed PASS. */
function checkedRun(spec: ProgramSpec, programs: ProgramInput[]): RunStats {
  const result = runPrograms(programs, { config: spec.config });
  for (const p of result.processes) {
    if (p.status !== 'exited' || p.code !== 0) throw new Error(`${spec.id}: pid ${p.pid} ended ${p.status} ${p.code ?? p.cause}`);
  }
  const verdict = spec.files[0] === 'programs/hello.s' ? /Hello/ : /^PASS: /m;
  for (let pid = 1; pid <= programs.length; pid++) {
    const out = result.processes[pid - 1]?.stdout ?? '';
    if (!verdict.test(out)) throw new Error(`${spec.id}: pid ${pid} printed no verdict: ${JSON.stringify(out)}`);
  }
  if (result.stats.user_frames_at_end !== 0) throw new Error(`${spec.id}: frames leaked`);
  return result.stats;
}

const checked = new Map<string, { programs: ProgramInput[]; facts: CallFacts }>();

export function programCases(onSkip: (why: string) => void, list: readonly ProgramSpec[] = PROGRAM_SPECS): { cases: BenchCase[]; specs: Map<string, ProgramSpec> } {
  const cases: BenchCase[] = [];
  const specs = new Map<string, ProgramSpec>();
  for (const spec of list) {
    const missing = spec.files.find((f) => !existsSync(join(ROOT, f)));
    if (missing !== undefined) {
      onSkip(`${spec.id}: ${missing} is missing, case skipped`);
      continue;
    }
    specs.set(spec.id, spec);
    cases.push({
      id: spec.id,
      name: spec.name,
      group: 'program',
      baseline: spec.baseline,
      length: 'long',
      prepare: () => {
        // Assembly and the check run happen once; every timed call still boots its own kernel.
        let known = checked.get(spec.id);
        if (known === undefined) {
          const programs = load(spec);
          const { cycles_exact: _exact, ticks_exact: _exactTicks, ...stats } = checkedRun(spec, programs);
          const facts: CallFacts = {
            instructions: stats.instructions,
            cycles: stats.cycles,
            counters: { ...stats, units: spec.unit.count(stats) },
          };
          known = { programs, facts };
          checked.set(spec.id, known);
        }
        const { programs, facts } = known;
        return { body: () => { runPrograms(programs, { config: spec.config }); }, facts };
      },
    });
  }
  return { cases, specs };
}
