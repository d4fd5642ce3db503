// The "cold" section of `npm run bench`: what a user feels, who runs
// `illusion run prog.s` once. Spawns the CLI as a user would
// (`node dist/cli/main.js ...`), round after round, interleaving
//   - hello.s (a trivial run: start-up, boot, exit),
//   - `node -e 0` (Node's own start),
//   - the sieve over 500,000 numbers (6.7 M instructions, 124 pages),
//   - `illusion asm` of a generated 10,000-line program,
// in an order that rotates every round so that a change of load hits all
// four. Medians of each. Cold MIPS = the sieve's instructions / (sieve wall
// - hello wall); the same image is also run warm in this process through
// the library, so cold/warm is a ratio within one run. Method and figures:
// docs/benchmarks.md ("Cold runs and start-up").
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { assemble, readIncludeFile } from '../asm/index.js';
import { runPrograms, type ProgramInput } from '../kernel/run.js';
import { bigProgram } from './bigProgram.js';
import { median, summarize, timeProcess, type ProcessOutput, type ProcessSample, type ProcessStats } from './processTimer.js';
import { ROOT, withEqu } from './programs.js';

/** The sieve of issue 18: 500,000 numbers (bytes of .bss), and its known answers. */
export const COLD_SIEVE_EQU = { N: 500_000, EXPECTED_COUNT: 41_538, EXPECTED_LARGEST: 499_979 } as const;
export const ASM_LINES = 10_000;
const CLI = join('dist', 'cli', 'main.js');

export interface ColdOptions {
  /** Rounds of the four processes (the start-up ratio wants at least 20). */
  readonly rounds: number;
  /** Library runs of the sieve before the timed ones, and the timed ones. */
  readonly warmUpRuns: number;
  readonly warmTimedRuns: number;
}

export const COLD_FULL: ColdOptions = { rounds: 21, warmUpRuns: 3, warmTimedRuns: 7 };
export const COLD_QUICK: ColdOptions = { rounds: 3, warmUpRuns: 2, warmTimedRuns: 3 };

export interface ColdResult {
  readonly rounds: number;
  readonly hello: ProcessStats;
  readonly node: ProcessStats;
  readonly sieve: ProcessStats & {
    readonly instructions: number;
    /** instructions / (sieve wall - hello wall), in millions a second. */
    readonly coldMips: number;
    /** The same from the children's CPU time (user + system): steadier on a loaded machine. */
    readonly coldCpuMips: number;
    /** The same image through the library in this process, after warm-up runs: median. */
    readonly warmSeconds: number;
    readonly warmMips: number;
    /** Timed library runs (after the untimed warm-up ones). */
    readonly warmRuns: number;
    /** coldMips / warmMips: the target is at least 0.8. */
    readonly ratio: number;
  };
  readonly asm: ProcessStats & { readonly lines: number; readonly imageBytes: number };
  /** hello wall / node wall: the target is at most 2. */
  readonly startupRatio: number;
}

/** The temporary copies the cold runs use: the sieve variant beside its library, and the generated program. */
export interface ColdFiles {
  readonly dir: string;
  readonly sieve: string;
  readonly asmSource: string;
  readonly asmImage: string;
}

/** Writes the 500K sieve (programs/sieve.s with its `.equ` lines changed, lib/print.s beside it) and the 10,000-line program. */
export function writeColdFiles(): ColdFiles {
  const dir = mkdtempSync(join(tmpdir(), 'illusion-cold-'));
  mkdirSync(join(dir, 'lib'));
  copyFileSync(join(ROOT, 'programs', 'lib', 'print.s'), join(dir, 'lib', 'print.s'));
  const sieve = join(dir, 'sieve-500k.s');
  writeFileSync(sieve, withEqu(readFileSync(join(ROOT, 'programs', 'sieve.s'), 'utf8'), COLD_SIEVE_EQU));
  const asmSource = join(dir, 'generated-10k.s');
  writeFileSync(asmSource, bigProgram(ASM_LINES));
  return { dir, sieve, asmSource, asmImage: join(dir, 'generated-10k.img') };
}

/** What the sieve prints (its message keeps the source's "below 10000"; the figures are the 500K ones). */
export function sieveOutputWrong(out: ProcessOutput): string | null {
  const want = `primes below 10000: ${COLD_SIEVE_EQU.EXPECTED_COUNT}\nlargest: ${COLD_SIEVE_EQU.EXPECTED_LARGEST}\nPASS: sieve\n`;
  if (out.status !== 0) return `exit status ${out.status}`;
  return out.stdout === want ? null : `printed ${JSON.stringify(out.stdout)}`;
}

const helloWrong = (out: ProcessOutput) => (out.status === 0 && out.stdout === 'Hello from illusion!\n' ? null : `printed ${JSON.stringify(out.stdout)}`);
const statusWrong = (out: ProcessOutput) => (out.status === 0 && out.stderr === '' ? null : `exit status ${out.status}`);

/** The sieve's instruction count, from one untimed `illusion run --json`. */
function sieveInstructions(files: ColdFiles): number {
  const { output } = timeProcess([CLI, 'run', files.sieve, '--json'], ROOT, statusWrong);
  const result = JSON.parse(output.stdout) as { processes: { code: number | null; stdout: string }[]; stats: { instructions: number } };
  const wrong = sieveOutputWrong({ status: result.processes[0]?.code ?? null, stdout: result.processes[0]?.stdout ?? '', stderr: '' });
  if (wrong !== null) throw new Error(`sieve (--json): ${wrong}`);
  return result.stats.instructions;
}

/** Warm speed: the same source assembled once here, run through the library after warm-up runs. */
function warmSieveSeconds(files: ColdFiles, options: ColdOptions, instructions: number): number {
  const result = assemble(readFileSync(files.sieve, 'utf8'), files.sieve, { readInclude: readIncludeFile });
  if (!result.ok) throw new Error(`the 500K sieve does not assemble: ${result.errors[0]?.message}`);
  const program: ProgramInput = { name: 'sieve-500k.s', image: result.image };
  const times: number[] = [];
  for (let i = 0; i < options.warmUpRuns + options.warmTimedRuns; i++) {
    const start = performance.now();
    const run = runPrograms([program], {});
    const seconds = (performance.now() - start) / 1e3;
    const p = run.processes[0];
    if (p?.code !== 0 || run.stats.instructions !== instructions) {
      throw new Error(`warm sieve: exit ${p?.code}, ${run.stats.instructions} instructions (the CLI ran ${instructions})`);
    }
    if (i >= options.warmUpRuns) times.push(seconds);
  }
  return median(times);
}

type Kind = 'hello' | 'node' | 'sieve' | 'asm';
const KINDS: readonly Kind[] = ['hello', 'node', 'sieve', 'asm'];

function runOnce(kind: Kind, files: ColdFiles): ProcessSample {
  switch (kind) {
    case 'hello': return timeProcess([CLI, 'run', join('programs', 'hello.s')], ROOT, helloWrong);
    case 'node': return timeProcess(['-e', '0'], ROOT, statusWrong);
    case 'sieve': return timeProcess([CLI, 'run', files.sieve], ROOT, sieveOutputWrong);
    case 'asm': return timeProcess([CLI, 'asm', files.asmSource, '-o', files.asmImage], ROOT, statusWrong);
  }
}

/** Runs the section; `progress` gets one short line now and then (stderr). The temporary files go at the end. */
export function measureCold(options: ColdOptions, progress: (line: string) => void): ColdResult {
  const files = writeColdFiles();
  try {
    return measureWith(files, options, progress);
  } finally {
    rmSync(files.dir, { recursive: true, force: true });
  }
}

function measureWith(files: ColdFiles, options: ColdOptions, progress: (line: string) => void): ColdResult {
  const instructions = sieveInstructions(files);
  // One untimed run of each warms the file cache.
  for (const kind of KINDS) runOnce(kind, files);
  const samples = new Map<Kind, ProcessSample[]>(KINDS.map((k) => [k, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < KINDS.length; i++) {
      const kind = KINDS[(round + i) % KINDS.length]!;
      samples.get(kind)!.push(runOnce(kind, files));
    }
    if ((round + 1) % 5 === 0 || round + 1 === options.rounds) progress(`round ${round + 1}/${options.rounds}`);
  }
  const hello = summarize(samples.get('hello')!);
  const node = summarize(samples.get('node')!);
  const sieveCli = summarize(samples.get('sieve')!);
  const asmCli = summarize(samples.get('asm')!);
  const warmSeconds = warmSieveSeconds(files, options, instructions);
  const coldMips = instructions / (sieveCli.wallSeconds - hello.wallSeconds) / 1e6;
  const warmMips = instructions / warmSeconds / 1e6;
  const coldCpuMips = instructions / (sieveCli.cpuSeconds - hello.cpuSeconds) / 1e6;
  return {
    rounds: options.rounds,
    hello,
    node,
    sieve: { ...sieveCli, instructions, coldMips, coldCpuMips, warmSeconds, warmMips, warmRuns: options.warmTimedRuns, ratio: coldMips / warmMips },
    asm: { ...asmCli, lines: ASM_LINES, imageBytes: statSync(files.asmImage).size },
    startupRatio: hello.wallSeconds / node.wallSeconds,
  };
}
