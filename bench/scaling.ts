// `npm run bench:scaling`: does the host's cost per guest operation stay flat
// as a guest makes more of them (issue 13)? Host time per mmap region at two
// region counts and per fork+wait round at two round counts (the ratio of
// the per-operation times should be near 1, the ratio of the totals near the
// ratio of the sizes), and the host's peak RSS for a 100 MiB output flood
// with and without --json and for a byte-at-a-time writer. Times are the best
// of three runs in this process (library calls); RSS comes from a child
// process running the CLI. Method and numbers: docs/benchmarks.md.
//
//   node dist/bench/scaling.js [--quick]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { assemble } from '../asm/index.js';
import { runPrograms, type ProgramInput } from '../kernel/run.js';
import { ROOT, withEqu } from './programs.js';

const PAGE = 4096;
const MMAP_TOP = 0x7fe0_0000;
const quick = process.argv.includes('--quick');

function load(file: string, equ: Record<string, number>): ProgramInput {
  const result = assemble(withEqu(readFileSync(join(ROOT, file), 'utf8'), equ), file);
  if (!result.ok) throw new Error(`${file} does not assemble: ${result.errors.map((e) => e.message).join('; ')}`);
  return { name: basename(file), image: result.image };
}

/** Best of three host times (ms) of a run, checking that pid 1 printed PASS. */
function timeRun(program: ProgramInput): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const result = runPrograms([program], { config: { maxProcs: 64 } });
    const ms = performance.now() - start;
    const out = result.processes[0]?.stdout ?? '';
    if (!out.includes('PASS')) throw new Error(`${program.name} failed: ${JSON.stringify(out)}`);
    best = Math.min(best, ms);
  }
  return best;
}

interface Scaling { what: string; small: number; large: number; smallMs: number; largeMs: number }

function scaling(what: string, sizes: [number, number], make: (n: number) => ProgramInput): Scaling {
  const [small, large] = sizes;
  return { what, small, large, smallMs: timeRun(make(small)), largeMs: timeRun(make(large)) };
}

const mmapProgram = (n: number) => load('programs/attacks/host-mmap-many.s', { COUNT: n, BELOW_ALL: MMAP_TOP - n * PAGE - 2 * PAGE });
const forkProgram = (n: number) => load('programs/attacks/host-fork-many.s', { ROUNDS: n });

/** Peak RSS (MiB) of the CLI running `args`, read by a preloaded hook at exit; guest stdout goes nowhere. */
function cliRss(args: string[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'illusion-rss-'));
  const hook = join(dir, 'rss.cjs');
  const out = join(dir, 'rss.txt');
  writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, String(process.resourceUsage().maxRSS)));\n`);
  const r = spawnSync(process.execPath, ['-r', hook, join(ROOT, 'dist/cli/main.js'), ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`illusion ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return Number(readFileSync(out, 'utf8')) / 1024;
}

function byteWriter(writes: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'illusion-bytes-'));
  const file = join(dir, 'bytes.s');
  writeFileSync(file, `; ${writes} writes of one byte each
        .text
_start: li   r10, ${writes}
loop:   li   r1, 1
        li   r2, 1
        la   r3, byte
        li   r4, 1
        syscall
        addi r10, r10, -1
        bnez r10, loop
        li   r1, 0
        li   r2, 0
        syscall
        .data
byte:   .ascii "x"
`);
  return file;
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

const mmapSizes: [number, number] = quick ? [5_000, 20_000] : [20_000, 80_000];
const forkSizes: [number, number] = quick ? [10_000, 40_000] : [40_000, 160_000];
const rows = [scaling('mmap (one-page regions)', mmapSizes, mmapProgram), scaling('fork+exit+wait rounds', forkSizes, forkProgram)];
console.log('host time per operation (best of 3)');
console.log('operation                  size     total ms   us/op   | size     total ms   us/op   | per-op ratio  total ratio (size ratio)');
for (const r of rows) {
  const a = (r.smallMs * 1000) / r.small;
  const b = (r.largeMs * 1000) / r.large;
  console.log(`${r.what.padEnd(26)} ${String(r.small).padStart(7)}  ${fmt(r.smallMs).padStart(9)}  ${fmt(a, 2).padStart(6)}   | ${String(r.large).padStart(7)}  ${fmt(r.largeMs).padStart(9)}  ${fmt(b, 2).padStart(6)}   | ${fmt(b / a, 2).padStart(12)}  ${fmt(r.largeMs / r.smallMs, 2).padStart(11)} (${r.large / r.small})`);
}

const flood = 'programs/attacks/host-output-flood.s';
const writes = quick ? 200_000 : 2_000_000;
const bytes = byteWriter(writes);
console.log('\nhost peak RSS of the CLI (MiB)');
console.log(`hello.s (for scale)                            ${fmt(cliRss(['run', 'programs/hello.s']))}`);
console.log(`100 MiB flood, streamed (no --json)            ${fmt(cliRss(['run', flood]))}`);
console.log(`100 MiB flood, --json (1 MiB kept)             ${fmt(cliRss(['run', flood, '--json']))}`);
console.log(`100 MiB flood, --json --max-output 16777216    ${fmt(cliRss(['run', flood, '--json', '--max-output', String(16 << 20)]))}`);
console.log(`${String(writes).padStart(9)} one-byte writes, streamed            ${fmt(cliRss(['run', bytes]))}`);
console.log(`${String(writes).padStart(9)} one-byte writes, --json              ${fmt(cliRss(['run', bytes, '--json']))}`);
