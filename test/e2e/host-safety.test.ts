// What a guest must not do to the host (issue 13, SPEC section 7): flood it
// with output, make its bookkeeping cost grow with every mmap or fork, push
// the clock past what a double counts, or steer the out-of-memory killer
// onto an innocent process. Each attack runs beside the bystander, whose
// exact result must survive; results are asserted, never host time (that is
// bench/scaling.ts). Also the timing channel through the TLB, which
// isolation does not promise to close (docs/attacks.md).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MachineConfig } from '../../kernel/config.js';
import type { ProcessResult, RunResult } from '../../kernel/result.js';
import { collectResult } from '../../kernel/result.js';
import { bootMachine, type ProgramInput } from '../../kernel/run.js';
import { AddressSpace } from '../../kernel/addressSpace.js';
import { program, ROOT, run, source } from './harness.js';

/** Results without each process's own stats (json-result.test.ts checks those): the rest compared exactly. */
type Bare = Omit<ProcessResult, 'stats'>;
type BareResult = Omit<RunResult, 'processes'> & { processes: Bare[] };
function bare(r: RunResult): BareResult {
  return { ...r, processes: r.processes.map(({ stats: _stats, ...rest }) => rest) };
}

const BYSTANDER: Bare = {
  pid: 1, name: 'bystander.s', parent: 0, status: 'exited', code: 0, stdout: 'bystander: PASS checksum=3380305920\n', stderr: '',
};
const MiB = 1 << 20;

/** Runs without checker mode: these runs are long, and the checker's own tests cover the paths they take. */
function runFast(programs: ProgramInput[], config: Partial<MachineConfig> = {}): { result: BareResult; killLines: string[] } {
  const killLines: string[] = [];
  const kernel = bootMachine(programs, { config, onKill: (l) => killLines.push(l) });
  kernel.run();
  const result = bare(collectResult(kernel));
  expect(result.stats.user_frames_at_end).toBe(0);
  expect(result.stats.swap_slots_at_end).toBe(0);
  return { result, killLines };
}

/** A program under programs/attacks/ with `.equ NAME, old` rewritten to `.equ NAME, value` for each pair. */
function variant(file: string, ...changes: [string, string][]): ProgramInput {
  let text = readFileSync(resolve(ROOT, 'programs/attacks', file), 'utf8');
  for (const [name, value] of changes) {
    const changed = text.replace(new RegExp(`(\\.equ ${name}, )\\S+`), `$1${value}`);
    expect(changed).not.toBe(text);
    text = changed;
  }
  return source(file, text);
}

const bystander = () => program('programs/attacks/bystander.s');

describe('output flood: what is kept is bounded, every result survives', () => {
  const flood = () => program('programs/attacks/host-output-flood.s');
  const FLOOD_STDERR = 'host-output-flood: wrote 100 MiB\n';

  it('keeps the first 1 MiB of 100 MiB (the default --max-output), marks it truncated, keeps the bystander exact', () => {
    const { result } = runFast([bystander(), flood()]);
    expect(result.processes).toHaveLength(2);
    expect(result.processes[0]).toEqual(BYSTANDER);
    const { stdout, ...rest } = result.processes[1]!;
    expect(stdout).toBe('x'.repeat(MiB));
    expect(rest).toEqual({
      pid: 2, name: 'host-output-flood.s', parent: 0, status: 'exited', code: 0, stderr: FLOOD_STDERR,
      stdout_truncated: true, stdout_bytes: 100 * MiB,
    });
  });

  it('keeps exactly --max-output bytes per stream: a cut stderr is marked too', () => {
    const { result } = runFast([bystander(), flood()], { maxOutputBytes: 10 });
    expect(result.processes[0]).toEqual({ ...BYSTANDER, stdout: BYSTANDER.stdout.slice(0, 10), stdout_truncated: true, stdout_bytes: 36 });
    expect(result.processes[1]).toEqual({
      pid: 2, name: 'host-output-flood.s', parent: 0, status: 'exited', code: 0,
      stdout: 'xxxxxxxxxx', stderr: FLOOD_STDERR.slice(0, 10),
      stdout_truncated: true, stdout_bytes: 100 * MiB, stderr_truncated: true, stderr_bytes: FLOOD_STDERR.length,
    });
  });

  it('keeps nothing with --max-output 0, and still counts every byte', () => {
    const { result } = runFast([flood()], { maxOutputBytes: 0 });
    expect(result.processes[0]).toMatchObject({ stdout: '', stdout_bytes: 100 * MiB, stderr: '', stderr_bytes: FLOOD_STDERR.length });
  });

  it('through the CLI with --json: both results in one valid JSON object', () => {
    const cli = resolve(ROOT, 'dist/cli/main.js');
    const files = ['programs/attacks/bystander.s', 'programs/attacks/host-output-flood.s'];
    const r = spawnSync(process.execPath, [cli, 'run', ...files, '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * MiB });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stderr).toBe('');
    const json = bare(JSON.parse(r.stdout) as RunResult);
    expect(json.processes[0]).toEqual(BYSTANDER);
    expect(json.processes[1]).toMatchObject({ pid: 2, status: 'exited', code: 0, stdout_truncated: true, stdout_bytes: 100 * MiB, stderr: FLOOD_STDERR });
    expect(json.processes[1]!.stdout).toHaveLength(MiB);
  });

  it('without --json the output streams whole (and the kernel keeps none of it)', () => {
    const cli = resolve(ROOT, 'dist/cli/main.js');
    const r = spawnSync(process.execPath, [cli, 'run', 'programs/attacks/host-output-flood.s'], { cwd: ROOT, maxBuffer: 128 * MiB });
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBe(100 * MiB);
    expect(r.stdout.subarray(0, 8).toString()).toBe('xxxxxxxx');
    expect(r.stderr.toString()).toBe(FLOOD_STDERR);
  });
});

describe('many mmap regions', () => {
  it('places, unmaps and reuses 20,000 regions exactly (checked by the guest), beside the bystander', () => {
    const { result } = runFast([bystander(), program('programs/attacks/host-mmap-many.s')]);
    expect(result.processes).toEqual([
      BYSTANDER,
      { pid: 2, name: 'host-mmap-many.s', parent: 0, status: 'exited', code: 0, stdout: 'host-mmap-many: PASS\n', stderr: '' },
    ]);
  });

  it('does the same in checker mode with 2,000 regions (invariants and the TLB audited after every trap)', () => {
    const result = bare(run([bystander(), variant('host-mmap-many.s', ['COUNT', '2000'], ['BELOW_ALL', '0x7F62E000'])]).result);
    expect(result.processes).toEqual([
      BYSTANDER,
      { pid: 2, name: 'host-mmap-many.s', parent: 0, status: 'exited', code: 0, stdout: 'host-mmap-many: PASS\n', stderr: '' },
    ]);
  });
});

describe('calls over a huge range that holds one page', () => {
  /** Runs the attack beside the bystander, counting the kernel's software walks (vm.pteAddress). */
  function countWalks(): { result: BareResult; walks: number } {
    const kernel = bootMachine([bystander(), program('programs/attacks/host-huge-range.s')], {});
    const vm = kernel.vm;
    const walk = vm.pteAddress.bind(vm);
    let walks = 0;
    vm.pteAddress = (...args: Parameters<typeof walk>) => { walks++; return walk(...args); };
    kernel.run();
    return { result: bare(collectResult(kernel)), walks };
  }

  it('50 rounds of mmap, mprotect twice, fork, munmap and sbrk up and down over 458,752 pages: exact, and the walks follow the tables that hold pages, not the range', () => {
    const { result, walks } = countWalks();
    expect(result.processes.slice(0, 2)).toEqual([
      BYSTANDER,
      { pid: 2, name: 'host-huge-range.s', parent: 0, status: 'exited', code: 0, stdout: 'host-huge-range: PASS\n', stderr: '' },
    ]);
    expect(result.processes.slice(2).map((p) => `${p.pid}:${p.status}:${p.code}`)).toEqual(
      Array.from({ length: 50 }, (_, i) => `${i + 3}:exited:0`));
    expect(result.stats.user_frames_at_end).toBe(0);
    // Round 0's munmap has pages in 448 tables: it walks them all (458,752)
    // and frees them, so each later call looks at most at every root
    // entry (512) and the one table that holds a page (1024). Before, every
    // call walked every page of the range, emptied tables or none (about 92
    // million walks); then emptied tables stayed (about 68 million).
    expect(walks).toBeLessThan(458_752 + 50 * 4 * (512 + 1024) + 100_000);
  });
});

describe('a buffer of 1.75 GiB', () => {
  it('200 writes and 200 reads of a whole mmap region plus one byte: each EFAULT, checked region by region', () => {
    const lookUp = AddressSpace.prototype.regionAt;
    let lookups = 0;
    AddressSpace.prototype.regionAt = function (this: AddressSpace, va: number) { lookups++; return lookUp.call(this, va); };
    try {
      const { result } = runFast([bystander(), program('programs/attacks/host-huge-buffer.s')]);
      expect(result.processes).toEqual([
        BYSTANDER,
        { pid: 2, name: 'host-huge-buffer.s', parent: 0, status: 'exited', code: 0, stdout: 'host-huge-buffer: PASS\n', stderr: '' },
      ]);
    } finally {
      AddressSpace.prototype.regionAt = lookUp;
    }
    // Two look-ups a call (the region, the gap), plus the faults'. Before: 458,753 a call, 183 million.
    expect(lookups).toBeLessThan(10_000);
  });
});

describe('many processes', () => {
  it('20,000 fork+wait rounds: exact statuses, the count of processes, the first 1000 and last 1000 results', () => {
    const { result } = runFast([bystander(), program('programs/attacks/host-fork-many.s')]);
    const [first, second, ...children] = result.processes;
    expect(first).toEqual(BYSTANDER);
    expect(second).toEqual({ pid: 2, name: 'host-fork-many.s', parent: 0, status: 'exited', code: 0, stdout: 'host-fork-many: PASS\n', stderr: '' });
    expect(result.stats.processes).toBe(20_002);
    expect(result.processes_omitted).toBe(18_002);
    // Kept: pids 1..1000 and the last 1000 reaped, 19003..20002; child round r (pid r + 3) exited r mod 128.
    const pids = [...Array.from({ length: 998 }, (_, i) => i + 3), ...Array.from({ length: 1000 }, (_, i) => 19_003 + i)];
    expect(children.map((p) => p.pid)).toEqual(pids);
    for (const c of children) expect([c.status, c.code]).toEqual(['exited', (c.pid - 3) % 128]);
  });

  // Found by attack23: wait looked at every child to find the one that ended first.
  it('20,000 zombie children reaped in the order they ended: exact, and each wait looks at O(1) children, not all of them', () => {
    const kernel = bootMachine([bystander(), program('programs/attacks/host-zombie-reap.s')], { config: { maxProcs: 20_002 } });
    kernel.run();
    const result = bare(collectResult(kernel));
    expect(result.processes.slice(0, 2)).toEqual([
      BYSTANDER,
      { pid: 2, name: 'host-zombie-reap.s', parent: 0, status: 'exited', code: 0, stdout: 'host-zombie-reap: PASS\n', stderr: '' },
    ]);
    expect(result.stats.processes).toBe(20_002);
    expect(result.stats.user_frames_at_end).toBe(0);
    // One look per reap (and per ECHILD); before: every remaining child, 200 million.
    expect(kernel.procs.reapVisits).toBeLessThanOrEqual(20_001);
  });

  it('fewer processes than the cap: every one kept, none omitted', () => {
    const { result } = runFast([bystander(), variant('host-fork-many.s', ['ROUNDS', '1500'])]);
    expect(result.processes).toHaveLength(1502);
    expect(result.processes_omitted).toBeUndefined();
    expect(result.processes[1]!.stdout).toBe('host-fork-many: PASS\n');
  });
});

describe('the clock past 2^53', () => {
  const T = 0xffff_ffffn;
  const SMALL_T = 400_000n;
  /** Cycles of one run, exact: cycles_exact from 2^53 on, else the number. */
  const exact = (r: BareResult): bigint => BigInt(r.stats.cycles_exact ?? r.stats.cycles);

  it('300 sleeps of 0xFFFFFFFF ticks: rdcycle differences exact, the JSON count exact', () => {
    const big = runFast([bystander(), program('programs/attacks/host-clock-skip.s')]).result;
    const small = runFast([bystander(), variant('host-clock-skip.s', ['TICKS', String(SMALL_T)])]).result;
    expect(big.processes[0]).toEqual(BYSTANDER);
    // Each sleep is T ticks of 10000 cycles; rdcycle reads them mod 2^32.
    expect(big.processes[1]!.stdout).toBe(`host-clock-skip: PASS delta=${(T * 10_000n) % 2n ** 32n}\n`);
    expect(small.processes[1]!.stdout).toBe(`host-clock-skip: PASS delta=${(SMALL_T * 10_000n) % 2n ** 32n}\n`);
    // The two runs differ only in how long each of the 300 sleeps is.
    expect(exact(big) - exact(small)).toBe(300n * (T - SMALL_T) * 10_000n);
    expect(big.stats.cycles_exact).toBe('12884901885032704');
    expect(big.stats.cycles).toBe(Number(12884901885032704n));
    expect(small.stats.cycles_exact).toBeUndefined();
    expect(big.stats.ticks - small.stats.ticks).toBe(Number(300n * (T - SMALL_T)));
  });

  // Found by attack23: the tick count was a double, so past 2^53 ticks a tick no longer moved it.
  it('past 2^53 ticks a sleep still ends after its ticks: the child sleeping 3 ticks wakes while its parent spins 20', () => {
    const { result } = runFast([program('programs/attacks/host-tick-skip.s')]);
    expect(result.processes).toEqual([
      { pid: 1, name: 'host-tick-skip.s', parent: 0, status: 'exited', code: 0, stdout: 'host-tick-skip: PASS\n', stderr: '' },
      { pid: 2, name: 'host-tick-skip.s', parent: 1, status: 'exited', code: 0, stdout: '', stderr: '' },
    ]);
    // 2,100,000 skips of 2^32 - 1 ticks, and the 20 the parent spun (2 instructions a pass, 10,000 a tick).
    const ticks = 2_100_000n * 0xffff_ffffn + 20n;
    expect(BigInt(result.stats.ticks_exact!)).toBe(ticks);
    expect(result.stats.ticks).toBe(Number(ticks));
  });

  it('--stats and --json through the CLI show the exact count', () => {
    const cli = resolve(ROOT, 'dist/cli/main.js');
    const file = 'programs/attacks/host-clock-skip.s';
    const stats = spawnSync(process.execPath, [cli, 'run', file, '--stats'], { cwd: ROOT, encoding: 'utf8' });
    const json = JSON.parse(spawnSync(process.execPath, [cli, 'run', file, '--json'], { cwd: ROOT, encoding: 'utf8' }).stdout) as RunResult;
    const exactCount = BigInt(json.stats.cycles_exact!);
    expect(exactCount > 2n ** 53n).toBe(true);
    expect(stats.stderr.split('\n').find((l) => l.startsWith('cycles_exact'))?.split(/\s+/)[1]).toBe(exactCount.toLocaleString('en-US'));
  });

  it('at --quantum 10^9 the 64-bit counter wraps, and stays exact modulo 2^64', () => {
    const config = { quantum: 1_000_000_000 };
    const big = runFast([bystander(), program('programs/attacks/host-clock-skip.s')], config).result;
    const small = runFast([bystander(), variant('host-clock-skip.s', ['TICKS', String(SMALL_T)])], config).result;
    expect(big.processes[0]).toEqual(BYSTANDER);
    expect(big.processes[1]!.stdout).toBe(`host-clock-skip: PASS delta=${(T * 1_000_000_000n) % 2n ** 32n}\n`);
    const mod = 2n ** 64n;
    expect(((exact(big) - exact(small)) % mod + mod) % mod).toBe((300n * (T - SMALL_T) * 1_000_000_000n) % mod);
    expect(exact(big) < mod).toBe(true);
  });
});

describe('the out-of-memory killer cannot be steered onto the innocent', () => {
  it('memory spread over 40 small children: family members die, the bystander (larger than any one of them) survives', () => {
    const { result, killLines } = runFast([bystander(), program('programs/attacks/host-oom-family.s')], { frames: 96, swapPages: 32 });
    expect(result.processes[0]).toEqual(BYSTANDER);
    expect(result.processes[1]).toEqual({
      pid: 2, name: 'host-oom-family.s', parent: 0, status: 'exited', code: 0, stdout: 'host-oom-family: 10 exited, 30 killed out_of_memory\n', stderr: '',
    });
    const killed = result.processes.filter((p) => p.status === 'killed');
    expect(killed).toHaveLength(30);
    for (const p of killed) expect([p.name, p.cause, p.pid > 2]).toEqual(['host-oom-family.s', 'out_of_memory', true]);
    expect(result.stats.oom_kills).toBe(30);
    expect(killLines.every((l) => /^pid ([3-9]|[1-4]\d) \(host-oom-family\.s\) killed: out_of_memory/.test(l))).toBe(true);
  });

  it('a process that really holds the most still dies, innocent or not', () => {
    const big = source('big.s', `
        .text
_start: la   r2, pages              ; touch 60 pages, then sleep holding them
        li   r3, 60
touch:  sw   r3, 0(r2)
        li   r5, 4096
        add  r2, r2, r5
        addi r3, r3, -1
        bnez r3, touch
        li   r1, 11
        li   r2, 100
        syscall
        li   r1, 0
        li   r2, 0
        syscall
        .bss
        .align 4096
pages:  .space 245760
`);
    const { result } = runFast([bystander(), variant('host-oom-family.s', ['CHILDREN', '4']), big], { frames: 80, swapPages: 32 });
    expect(result.processes.slice(0, 3).map((p) => [p.name, p.status, p.code ?? p.cause, p.stdout])).toEqual([
      ['bystander.s', 'exited', 0, BYSTANDER.stdout],
      ['host-oom-family.s', 'exited', 0, 'host-oom-family: 4 exited, 0 killed out_of_memory\n'],
      ['big.s', 'killed', 'out_of_memory', ''],
    ]);
    expect(result.stats.oom_kills).toBe(1);
  });
});

describe('timing channel through the TLB (outside what isolation promises)', () => {
  const channel = () => program('programs/attacks/timing-tlb.s');
  const received = (config: Partial<MachineConfig>) => run([channel()], config).result.processes.map((p) => [p.status, p.code, p.stdout]);

  it('the receiver reads the sender\'s secret from its own load timings', () => {
    expect(received({})).toEqual([['exited', 0, 'timing-tlb: received "Hi" (0100100001101001) through the TLB\n'], ['exited', 0, '']]);
  });

  it('closed by a TLB too large to contend for (all 0) and by a flush on every switch (all 1; 0xFF is not UTF-8: U+FFFD)', () => {
    expect(received({ tlbEntries: 1024, tlbWays: 1024 })[0]![2]).toBe('timing-tlb: received "\u0000\u0000" (0000000000000000) through the TLB\n');
    expect(received({ asids: false })[0]![2]).toBe('timing-tlb: received "\ufffd\ufffd" (1111111111111111) through the TLB\n');
  });
});
