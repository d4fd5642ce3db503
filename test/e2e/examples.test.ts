// The example programs in programs/ (the ones a newcomer runs first), run
// through the library: exact output and exit status, the same output under
// every stress configuration, the TLB curve of tlb.s, swapping in swap.s.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MachineConfig } from '../../kernel/config.js';
import type { RunResult } from '../../kernel/result.js';
import { runPrograms } from '../../kernel/run.js';
import { program, ROOT, run, STRESS_CONFIGS } from './harness.js';

interface Example {
  /** File under programs/. */
  file: string;
  stdin?: string;
  /** Exact stdout of each process, pid 1 first; each exits with the code given. */
  processes: { stdout: string; code: number }[];
  /** The combined stdout under the default configuration, as `illusion run` prints it. */
  combined: string;
}

const FORKWAIT_PARENT = [
  'parent pid 1: forking 3 children',
  'reaped pid 2, status 11',
  'reaped pid 3, status 12',
  'reaped pid 4, status 13',
  'parent: counter is still 100',
  'PASS: forkwait',
  '',
].join('\n');
const FORKWAIT_CHILD = (i: number, pid: number, n: number, sum: number) =>
  `child ${i} (pid ${pid}) computing\nchild ${i} (pid ${pid}): sum 1..${n} = ${sum}, counter = ${100 + i}\n`;

const EXAMPLES: Example[] = [
  {
    file: 'hello.s',
    processes: [{ stdout: 'Hello from illusion!\n', code: 0 }],
    combined: 'Hello from illusion!\n',
  },
  {
    file: 'echo.s',
    stdin: 'one line\nand a second, longer line that does not fit in one 64-byte read\n',
    processes: [{ stdout: 'one line\nand a second, longer line that does not fit in one 64-byte read\n', code: 0 }],
    combined: 'one line\nand a second, longer line that does not fit in one 64-byte read\n',
  },
  {
    file: 'forkwait.s',
    processes: [
      { stdout: FORKWAIT_PARENT, code: 0 },
      { stdout: FORKWAIT_CHILD(1, 2, 100, 5050), code: 11 },
      { stdout: FORKWAIT_CHILD(2, 3, 200, 20100), code: 12 },
      { stdout: FORKWAIT_CHILD(3, 4, 300, 45150), code: 13 },
    ],
    combined: [
      'parent pid 1: forking 3 children',
      'child 1 (pid 2) computing',
      'child 1 (pid 2): sum 1..100 = 5050, counter = 101',
      'child 2 (pid 3) computing',
      'child 2 (pid 3): sum 1..200 = 20100, counter = 102',
      'child 3 (pid 4) computing',
      'child 3 (pid 4): sum 1..300 = 45150, counter = 103',
      'reaped pid 2, status 11',
      'reaped pid 3, status 12',
      'reaped pid 4, status 13',
      'parent: counter is still 100',
      'PASS: forkwait',
      '',
    ].join('\n'),
  },
  {
    file: 'sieve.s',
    processes: [{ stdout: 'primes below 10000: 1229\nlargest: 9973\nPASS: sieve\n', code: 0 }],
    combined: 'primes below 10000: 1229\nlargest: 9973\nPASS: sieve\n',
  },
  {
    file: 'swap.s',
    processes: [{ stdout: 'wrote 600 pages\nverified 600 pages\nPASS: swap\n', code: 0 }],
    combined: 'wrote 600 pages\nverified 600 pages\nPASS: swap\n',
  },
  {
    file: 'cow.s',
    processes: [
      { stdout: 'parent: child exited 0, my array still holds 1s\nPASS: cow\n', code: 0 },
      { stdout: 'child: my copy now holds 2s\n', code: 0 },
    ],
    combined: 'child: my copy now holds 2s\nparent: child exited 0, my array still holds 1s\nPASS: cow\n',
  },
  {
    file: 'sleep.s',
    processes: [
      { stdout: 'reaped pid 3, status 10\nreaped pid 2, status 30\nPASS: sleep\n', code: 0 },
      { stdout: 'pid 2: slept 30 ticks\n', code: 30 },
      { stdout: 'pid 3: slept 10 ticks\n', code: 10 },
    ],
    combined: 'pid 3: slept 10 ticks\nreaped pid 3, status 10\npid 2: slept 30 ticks\nreaped pid 2, status 30\nPASS: sleep\n',
  },
];

/** What each process printed and how it ended, in pid order. */
function outcome(result: RunResult) {
  return result.processes.map((p) => ({ pid: p.pid, status: p.status, code: p.code, stdout: p.stdout }));
}

function expected(e: Example) {
  return e.processes.map((p, i) => ({ pid: i + 1, status: 'exited', code: p.code, stdout: p.stdout }));
}

/** The output of every process in the order it was written, as the CLI shows it. */
function combinedStdout(file: string, config: Partial<MachineConfig> = {}, stdin = ''): string {
  const chunks: Uint8Array[] = [];
  runPrograms([program(`programs/${file}`)], {
    config: { maxInstructions: 50_000_000, ...config },
    stdin: new TextEncoder().encode(stdin),
    onOutput: (_pid, fd, bytes) => { if (fd === 1) chunks.push(bytes.slice()); },
  });
  return Buffer.concat(chunks).toString('utf8');
}

describe('example programs', () => {
  it('every program at the top of programs/ is tested here', () => {
    const files = readdirSync(join(ROOT, 'programs')).filter((f) => f.endsWith('.s')).sort();
    expect(files).toEqual([...EXAMPLES.map((e) => e.file), 'tlb.s'].sort());
  });

  describe.each(EXAMPLES)('$file', (e) => {
    it('prints exactly its lines and exits as documented (default configuration)', () => {
      const { result, killLines } = run([program(`programs/${e.file}`)], {}, e.stdin);
      expect(outcome(result)).toEqual(expected(e));
      expect(killLines).toEqual([]);
      expect(combinedStdout(e.file, {}, e.stdin)).toBe(e.combined);
    });

    it.each(Object.entries(STRESS_CONFIGS))('gives the same output and verdict under %s', (_name, config) => {
      const { result, killLines } = run([program(`programs/${e.file}`)], config, e.stdin);
      expect(outcome(result)).toEqual(expected(e));
      expect(killLines).toEqual([]);
    });
  });
});

describe('echo.s', () => {
  const inputs: [string, string][] = [
    ['empty input', ''],
    ['one short line', 'hi\n'],
    ['no final newline', 'no newline at the end'],
    ['exactly one buffer (64 bytes)', 'x'.repeat(63) + '\n'],
    ['exactly two buffers (128 bytes)', 'y'.repeat(127) + '\n'],
    ['many buffers (1000 bytes, not a multiple of 64)', Array.from({ length: 1000 }, (_, i) => String.fromCharCode(32 + (i % 95))).join('')],
  ];
  it.each(inputs)('copies %s to stdout unchanged', (_name, stdin) => {
    const { result } = run([program('programs/echo.s')], {}, stdin);
    expect(outcome(result)).toEqual([{ pid: 1, status: 'exited', code: 0, stdout: stdin }]);
  });
});

/** The `pages N: C cycles per access` lines of tlb.s, as numbers. */
function tlbCurve(stdout: string): Map<number, number> {
  const lines = stdout.trimEnd().split('\n');
  expect(lines.at(-1)).toBe('PASS: tlb');
  const curve = new Map<number, number>();
  for (const line of lines.slice(0, -1)) {
    const m = /^pages (\d+): (\d+\.\d\d) cycles per access$/.exec(line);
    expect(m, line).not.toBeNull();
    curve.set(Number(m![1]), Number(m![2]));
  }
  expect([...curve.keys()]).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512]);
  return curve;
}

describe('tlb.s', () => {
  const LOOP_CYCLES = 6; // instructions per access in tlb.s's timed loop
  const MISS_CYCLES = 2 * 20; // a two-level walk: 2 references at walk_cycles 20

  it('prints exactly this curve with the default TLB (64 entries, 4 ways)', () => {
    const { result } = run([program('programs/tlb.s')]);
    expect(outcome(result)).toEqual([{
      pid: 1, status: 'exited', code: 0, stdout: [
        'pages 1: 6.00 cycles per access',
        'pages 2: 6.00 cycles per access',
        'pages 4: 6.00 cycles per access',
        'pages 8: 6.00 cycles per access',
        'pages 16: 6.00 cycles per access',
        'pages 32: 6.00 cycles per access',
        // 64 data pages and the code page share 16 sets of 4: the 4 data
        // pages in the code page's set miss every time (4/64 of 40 cycles).
        'pages 64: 8.50 cycles per access',
        'pages 128: 46.00 cycles per access',
        'pages 256: 46.00 cycles per access',
        'pages 512: 46.00 cycles per access',
        'PASS: tlb',
        '',
      ].join('\n'),
    }]);
  });

  const tlbs: [string, Partial<MachineConfig>, number][] = [
    ['default (64 entries, 4 ways)', {}, 64],
    ['16 entries, 4 ways', { tlbEntries: 16, tlbWays: 4 }, 16],
    ['256 entries, fully associative', { tlbEntries: 256, tlbWays: 256 }, 256],
  ];
  it.each(tlbs)('the cost per access jumps by one page walk where the TLB fills: %s', (_name, config, entries) => {
    const { result } = run([program('programs/tlb.s')], config);
    const curve = tlbCurve(result.processes[0]!.stdout);
    for (const [pages, cycles] of curve) {
      // Well inside the TLB, only the loop's instructions; well beyond it, a walk each access.
      if (pages <= entries / 2) expect(cycles, `pages ${pages}`).toBeCloseTo(LOOP_CYCLES, 1);
      if (pages >= entries * 2) expect(cycles, `pages ${pages}`).toBeCloseTo(LOOP_CYCLES + MISS_CYCLES, 1);
    }
  });

  it('never misses with a TLB larger than every size it tries', () => {
    const { result } = run([program('programs/tlb.s')], { tlbEntries: 1024, tlbWays: 1024 });
    expect([...tlbCurve(result.processes[0]!.stdout).values()]).toEqual(Array(10).fill(LOOP_CYCLES));
  });

  it.each(Object.entries(STRESS_CONFIGS))('completes with PASS and exit code 0 under %s', (_name, config) => {
    const { result, killLines } = run([program('programs/tlb.s')], config);
    expect(result.processes.map((p) => [p.status, p.code])).toEqual([['exited', 0]]);
    expect(result.processes[0]!.stdout.endsWith('\nPASS: tlb\n')).toBe(true);
    expect(killLines).toEqual([]);
  });
});

describe('cow.s', () => {
  it('copies exactly the 4 array pages the child writes', () => {
    const { result } = run([program('programs/cow.s')]);
    expect(result.stats.cow_copies).toBe(4);
  });
});

describe('swap.s', () => {
  const PASS = 'wrote 600 pages\nverified 600 pages\nPASS: swap\n';

  it('swaps out and back in with 128 frames, and still verifies every page', () => {
    const { result } = run([program('programs/swap.s')], { frames: 128 });
    expect(outcome(result)).toEqual([{ pid: 1, status: 'exited', code: 0, stdout: PASS }]);
    expect(result.stats.swap_outs).toBeGreaterThan(0);
    expect(result.stats.swap_ins).toBeGreaterThan(0);
    // A page comes back in only after it went out.
    expect(result.stats.swap_ins).toBeLessThanOrEqual(result.stats.swap_outs);
  });

  it('does not swap with the default 1024 frames', () => {
    const { result } = run([program('programs/swap.s')]);
    expect(outcome(result)).toEqual([{ pid: 1, status: 'exited', code: 0, stdout: PASS }]);
    expect([result.stats.swap_ins, result.stats.swap_outs]).toEqual([0, 0]);
  });

  it.each(['fifo', 'clock', 'lru', 'random'] as const)('passes with the %s replacement policy', (policy) => {
    const { result } = run([program('programs/swap.s')], { frames: 128, policy });
    expect(outcome(result)).toEqual([{ pid: 1, status: 'exited', code: 0, stdout: PASS }]);
    expect(result.stats.swap_outs).toBeGreaterThan(0);
  });

  it('is deterministic: two runs give the same result object', () => {
    const config = { frames: 128, policy: 'random', seed: 3 } as const;
    const a = run([program('programs/swap.s')], config).result;
    const b = run([program('programs/swap.s')], config).result;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
