// Assembler speed (issue 18), two ways:
// - assemblerCases(): in-process cases for bench/run.ts (warm: the timed body
//   assembles the generated program again and again in one process);
// - measureAssembler(): the whole process a user feels, `node dist/cli/main.js
//   asm big.s -o x.img` spawned and waited for, interleaved with a trivial
//   `asm programs/hello.s` and `node -e 0` so that a change in the machine's
//   load hits all three alike; medians of `runs` each.
//
//   node dist/bench/assembler.js [RUNS]     prints the whole-process figures
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { assemble } from '../asm/index.js';
import { bigProgram } from './bigProgram.js';
import type { BenchCase } from './measure.js';
import { ROOT } from './programs.js';

export const BIG_PROGRAM_LINES = 10_000;

export function assemblerCases(): BenchCase[] {
  const source = bigProgram(BIG_PROGRAM_LINES);
  return [{
    id: 'asm.big', name: `assembler: ${BIG_PROGRAM_LINES.toLocaleString('en')}-line program (in process)`,
    group: 'micro', baseline: 'register', length: 'long',
    prepare() {
      const check = assemble(source, 'big.s');
      if (!check.ok) throw new Error(`big.s does not assemble: ${check.errors[0]?.message}`);
      return {
        body: () => { assemble(source, 'big.s'); },
        facts: { instructions: 0, cycles: 0, counters: { lines: BIG_PROGRAM_LINES, textBytes: check.image.text.length } },
      };
    },
  }];
}

export interface AssemblerTiming {
  readonly runs: number;
  readonly lines: number;
  readonly bigMedianSeconds: number;
  readonly helloMedianSeconds: number;
  readonly nodeMedianSeconds: number;
  /** Lines per second of the big program's whole process minus a trivial `asm`'s. */
  readonly linesPerSecond: number;
}

function timeSpawn(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} failed (status ${child.status}): ${child.stderr}`);
  return seconds;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function measureAssembler(runs: number, lines = BIG_PROGRAM_LINES): AssemblerTiming {
  const dir = mkdtempSync(join(tmpdir(), 'illusion-asm-bench-'));
  try {
    const big = join(dir, 'big.s');
    writeFileSync(big, bigProgram(lines));
    const cli = join('dist', 'cli', 'main.js');
    const bigArgs = [cli, 'asm', big, '-o', join(dir, 'big.img')];
    const helloArgs = [cli, 'asm', join('programs', 'hello.s'), '-o', join(dir, 'hello.img')];
    const nodeArgs = ['-e', '0'];
    // One untimed run of each warms the file cache.
    for (const a of [bigArgs, helloArgs, nodeArgs]) timeSpawn(a);
    const times: [number[], number[], number[]] = [[], [], []];
    for (let i = 0; i < runs; i++) {
      times[0].push(timeSpawn(bigArgs));
      times[1].push(timeSpawn(helloArgs));
      times[2].push(timeSpawn(nodeArgs));
    }
    const [bigMedianSeconds, helloMedianSeconds, nodeMedianSeconds] = times.map(median) as [number, number, number];
    return {
      runs, lines, bigMedianSeconds, helloMedianSeconds, nodeMedianSeconds,
      linesPerSecond: lines / Math.max(1e-9, bigMedianSeconds - helloMedianSeconds),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runs = Number(process.argv[2] ?? '9');
  const t = measureAssembler(Number.isInteger(runs) && runs > 0 ? runs : 9);
  const ms = (s: number): string => `${(s * 1e3).toFixed(1)} ms`;
  process.stdout.write(`asm ${t.lines}-line program: ${ms(t.bigMedianSeconds)}; asm hello.s: ${ms(t.helloMedianSeconds)}; ` +
    `node -e 0: ${ms(t.nodeMedianSeconds)}; ${Math.round(t.linesPerSecond)} lines/s beyond hello (median of ${t.runs})\n`);
}
