// The cold section's pieces (bench/cold.ts, bench/bigProgram.ts,
// bench/processTimer.ts, bench/report.ts): the programs it times are right,
// the CPU-time hook's line is read back exactly, and the rows judge the
// issue-18 targets as they say. No timing is asserted here.
import { readFileSync, rmSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { assemble, readIncludeFile } from '../../asm/index.js';
import { bigProgram } from '../../bench/bigProgram.js';
import { ASM_LINES, type ColdResult, sieveOutputWrong, writeColdFiles } from '../../bench/cold.js';
import { CPU_MARKER, splitCpuUsage, summarize, timeProcess } from '../../bench/processTimer.js';
import { ROOT } from '../../bench/programs.js';
import { assemblerCases } from '../../bench/assembler.js';
import { assemblerRow, buildRows, coldRows, formatColdProcesses } from '../../bench/report.js';
import { runPrograms } from '../../kernel/run.js';

test('the cold runs assemble bench/bigProgram.ts\'s 10,000 lines (pinned in test/asm/speed.test.ts), without an error', () => {
  const files = writeColdFiles();
  try {
    const source = readFileSync(files.asmSource, 'utf8');
    expect(ASM_LINES).toBe(10_000);
    expect(source).toBe(bigProgram(ASM_LINES));
    const r = assemble(source, files.asmSource);
    expect(r.ok ? [] : r.errors.map((e) => `${e.line}: ${e.message}`)).toEqual([]);
  } finally {
    rmSync(files.dir, { recursive: true, force: true });
  }
});

test('the in-process assembler case (asm.big) is reported per line of its 10,000', () => {
  const [c] = assemblerCases();
  expect(c!.id).toBe('asm.big');
  const { facts } = c!.prepare();
  expect(facts.counters.lines).toBe(10_000);
  const m = { c: c!, facts, timing: { medianSeconds: 0.05, meanSeconds: 0.05, rme: 1, samples: 5 } };
  const r = assemblerRow(m);
  expect([r.id, r.op, r.nsPerOp, r.opsPerSecond, r.mips, r.target]).toEqual(['asm.big', 'line', 5000, 200_000, null, null]);
  const rows = buildRows({ measured: new Map([['asm.big', m]]), micro: new Map(), programs: new Map(), cold: undefined, errors: new Map() });
  expect(rows.map((x) => x.id)).toEqual(['asm.big']);
});

test('the 500K sieve written for the cold runs prints its answers and runs 6,724,492 instructions', () => {
  const files = writeColdFiles();
  try {
    const r = assemble(readFileSync(files.sieve, 'utf8'), files.sieve, { readInclude: readIncludeFile });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const run = runPrograms([{ name: 'sieve-500k.s', image: r.image }]);
    const p = run.processes[0]!;
    expect(sieveOutputWrong({ status: p.code ?? null, stdout: p.stdout, stderr: '' })).toBeNull();
    expect(run.stats.instructions).toBe(6_724_492);
    expect(sieveOutputWrong({ status: 0, stdout: 'PASS: sieve\n', stderr: '' })).toBe('printed "PASS: sieve\\n"');
    expect(sieveOutputWrong({ status: 1, stdout: p.stdout, stderr: '' })).toBe('exit status 1');
  } finally {
    rmSync(files.dir, { recursive: true, force: true });
  }
});

describe('processTimer', () => {
  test('splitCpuUsage takes the hook line off the end of stderr, in seconds', () => {
    expect(splitCpuUsage(`oops\n${CPU_MARKER}{"user":41500,"system":7250}`)).toEqual({ stderr: 'oops\n', userSeconds: 0.0415, systemSeconds: 0.00725 });
    expect(splitCpuUsage('no marker')).toBeNull();
    expect(splitCpuUsage(`${CPU_MARKER}{"user":"x"}`)).toBeNull();
    expect(splitCpuUsage(`${CPU_MARKER}{not json`)).toBeNull();
  });

  test('timeProcess reports the child\'s CPU time and its own stderr, and throws on a wrong run', () => {
    const ok = timeProcess(['-e', 'process.stderr.write("e"); let x = 0; for (let i = 0; i < 3e7; i++) x += i; console.log(x > 0)'], ROOT, (o) => (o.stdout === 'true\n' ? null : 'bad'));
    expect(ok.output).toEqual({ status: 0, stdout: 'true\n', stderr: 'e' });
    expect(ok.userSeconds).toBeGreaterThan(0);
    expect(ok.wallSeconds).toBeGreaterThan(0);
    expect(() => timeProcess(['-e', 'process.exit(3)'], ROOT, (o) => (o.status === 0 ? null : `exit status ${o.status}`))).toThrow('exit status 3');
  });

  test('summarize: medians of each column, user+sys per run, the fastest wall', () => {
    const s = summarize([
      { wallSeconds: 3, userSeconds: 1, systemSeconds: 1 },
      { wallSeconds: 1, userSeconds: 2, systemSeconds: 0 },
      { wallSeconds: 2, userSeconds: 4, systemSeconds: 5 },
    ]);
    expect(s).toEqual({ runs: 3, wallSeconds: 2, userSeconds: 2, systemSeconds: 1, cpuSeconds: 2, minWallSeconds: 1 });
  });
});

describe('the cold rows and their targets', () => {
  const stats = (wall: number) => ({ runs: 21, wallSeconds: wall, userSeconds: wall / 2, systemSeconds: 0.01, cpuSeconds: wall / 2 + 0.01, minWallSeconds: wall });
  const result = (coldMips: number, warmMips: number, asmSeconds: number, helloSeconds: number): ColdResult => ({
    rounds: 21,
    hello: stats(helloSeconds),
    node: stats(0.05),
    sieve: { ...stats(0.2), instructions: 6_724_492, coldMips, coldCpuMips: coldMips, warmSeconds: 0.04, warmMips, warmRuns: 7, ratio: coldMips / warmMips },
    asm: { ...stats(asmSeconds), lines: 10_000, imageBytes: 70_000 },
    startupRatio: helloSeconds / 0.05,
  });
  const verdicts = (c: ColdResult) => Object.fromEntries(coldRows(c).map((r) => [r.id, r.met]));

  test('all met: 0.8 of warm and 120 MIPS, 0.35 s, 2x', () => {
    expect(verdicts(result(130, 160, 0.35, 0.1))).toEqual({ 'cold.sieve': true, 'cold.sieve-warm': null, 'cold.asm': true, startup: true, 'startup-cpu': null });
  });

  test('fast but not 0.8 of warm, 120 MIPS but slow asm, start-up over 2x', () => {
    expect(verdicts(result(125, 200, 0.36, 0.101))).toEqual({ 'cold.sieve': false, 'cold.sieve-warm': null, 'cold.asm': false, startup: false, 'startup-cpu': null });
    expect(verdicts(result(110, 120, 0.2, 0.09))['cold.sieve']).toBe(false);
  });

  test('start-up by CPU time: the ratio of the two processes\' user+sys medians', () => {
    const cpu = coldRows(result(130, 160, 0.35, 0.1)).find((r) => r.id === 'startup-cpu')!;
    expect(cpu.ratio).toBeCloseTo(0.06 / 0.035, 12);
    expect([cpu.ratioTo, cpu.derived, cpu.met]).toEqual(['node -e 0', true, null]);
  });

  test('the process table shows each kind of process in ms', () => {
    const table = formatColdProcesses(result(130, 160, 0.35, 0.1)).split('\n');
    expect(table[0]).toBe('cold processes (median of 21 rounds, interleaved)');
    expect(table[3]).toBe('node -e 0                            50.0      50.0     25.0    10.0      35.0');
    expect(table[6]).toBe('illusion asm (10,000 lines)         350.0     350.0    175.0    10.0     185.0');
  });
});
