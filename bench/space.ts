// A `.space` of any size in .data (issue 18): the same program with a
// `.space` of 1 KiB and of 64 MiB - 8 (the most .data holds beside its
// byte, .align and word), timed two ways:
// - in process: assemble, encode, decode and run, each the median of
//   `runs` after two untimed rounds, with the bytes the zero-run finder read;
// - as whole processes: `illusion asm -o`, `illusion run IMAGE` and
//   `illusion run SOURCE`, the two sizes interleaved, min and median wall.
//
//   node dist/bench/space.js [RUNS]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { assemble, decodeImage, encodeImage } from '../asm/index.js';
import { bytesExamined } from '../asm/zeroRuns.js';
import { runPrograms } from '../kernel/run.js';
import { median, timeProcess } from './processTimer.js';
import { ROOT } from './programs.js';

export const SPACE_SIZES = [1024, 64 * 1024 * 1024 - 8] as const;

/** Reads back the byte before the space and the word after it; exits 5 + 37. */
export function spaceProgram(n: number): string {
  return [
    '_start: la   r1, after', '        lw   r2, 0(r1)', '        la   r3, before', '        lbu  r4, 0(r3)',
    '        add  r2, r2, r4', '        li   r1, 0', '        syscall',
    '        .data', 'before: .byte 5', '        .align 4', `        .space ${n}`, 'after:  .word 37', '',
  ].join('\n');
}

interface InProcess { assemble: number; encode: number; decode: number; run: number; examined: number }

function measureInProcess(n: number, runs: number): InProcess {
  const source = spaceProgram(n);
  const t: Record<'assemble' | 'encode' | 'decode' | 'run', number[]> = { assemble: [], encode: [], decode: [], run: [] };
  let examined = 0;
  for (let i = 0; i < runs + 2; i++) {
    const before = bytesExamined();
    const a = performance.now();
    const r = assemble(source, 's.s');
    const b = performance.now();
    if (!r.ok) throw new Error(`the .space ${n} program does not assemble: ${r.errors[0]?.message}`);
    const bytes = encodeImage(r.image);
    const c = performance.now();
    const d = decodeImage(bytes, 's.img');
    const e = performance.now();
    if (!d.ok) throw new Error(d.message);
    examined = bytesExamined() - before;
    const result = runPrograms([{ name: 's', image: d.image }]);
    const f = performance.now();
    if (result.processes[0]?.code !== 42) throw new Error(`the .space ${n} program exited ${result.processes[0]?.code}, not 42`);
    if (i < 2) continue;
    t.assemble.push(b - a); t.encode.push(c - b); t.decode.push(e - c); t.run.push(f - e);
  }
  return { assemble: median(t.assemble), encode: median(t.encode), decode: median(t.decode), run: median(t.run), examined };
}

type Command = 'asm' | 'run image' | 'run source';

function measureProcesses(runs: number): Map<string, number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'illusion-space-bench-'));
  const cli = join(ROOT, 'dist', 'cli', 'main.js');
  const walls = new Map<string, number[]>();
  try {
    for (const n of SPACE_SIZES) {
      writeFileSync(join(dir, `s${n}.s`), spaceProgram(n));
      timeProcess([cli, 'asm', `s${n}.s`, '-o', `s${n}.img`], dir, (o) => (o.status === 0 ? null : 'asm failed'));
    }
    const args: Record<Command, (n: number) => string[]> = {
      'asm': (n) => [cli, 'asm', `s${n}.s`, '-o', `t${n}.img`],
      'run image': (n) => [cli, 'run', `s${n}.img`],
      'run source': (n) => [cli, 'run', `s${n}.s`],
    };
    for (const [command, make] of Object.entries(args) as [Command, (n: number) => string[]][]) {
      for (let i = 0; i < runs; i++) {
        for (const n of SPACE_SIZES) {
          const want = command === 'asm' ? 0 : 42;
          const s = timeProcess(make(n), dir, (o) => (o.status === want ? null : `exit ${o.status}, not ${want}`));
          const key = `${command} ${n}`;
          walls.set(key, [...(walls.get(key) ?? []), s.wallSeconds * 1e3]);
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return walls;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = Number(process.argv[2] ?? '9');
  const runs = Number.isInteger(arg) && arg > 0 ? arg : 9;
  const ms = (v: number): string => v.toFixed(2);
  for (const n of SPACE_SIZES) {
    const p = measureInProcess(n, runs);
    process.stdout.write(`in process, .space ${n}: assemble ${ms(p.assemble)} ms, encode ${ms(p.encode)} ms, ` +
      `decode ${ms(p.decode)} ms, run ${ms(p.run)} ms (medians of ${runs}); ${p.examined} bytes read for zero runs\n`);
  }
  for (const [key, walls] of measureProcesses(runs)) {
    process.stdout.write(`whole process, ${key}: min ${ms(Math.min(...walls))} ms, median ${ms(median(walls))} ms (${walls.length} runs)\n`);
  }
}
