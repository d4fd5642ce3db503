// System-call and process attacks (programs/attacks/sys-*.s, proc-*.s), each
// run beside the innocent bystander. Every process of a run must end exactly
// as expected (exit code and stdout, or kill cause and kill line), the
// bystander must print its usual line and exit 0, and the verdicts must be
// the same under every STRESS_CONFIGS entry (combined with what an attack
// needs, such as little memory or many processes). The harness checks the
// frame invariant and that no frame or swap slot leaked.
import { describe, expect, test } from 'vitest';
import type { MachineConfig } from '../../kernel/config.js';
import type { RunResult } from '../../kernel/result.js';
import { program, run, source, STRESS_CONFIGS } from './harness.js';

const BYSTANDER_STDOUT = 'bystander: PASS checksum=3380305920\n';

/** How one process ended, in the form the tests compare. */
type Ending = { status: 'exited'; code: number; stdout: string } | { status: 'killed'; cause: string; stdout: string };

const exited = (code: number, stdout = ''): Ending => ({ status: 'exited', code, stdout });
const killedBy = (cause: string): Ending => ({ status: 'killed', cause, stdout: '' });
const passLines = (...lines: string[]): string => lines.map((l) => `PASS: ${l}\n`).join('');

interface Scenario {
  file: string;
  stdin?: string;
  /** Run as pid 2 after the bystander; with bothOrders also as pid 1 (default configuration only). */
  bothOrders?: boolean;
  /** Merged over each stress configuration: what the attack needs. */
  needs?: (base: Partial<MachineConfig>) => Partial<MachineConfig>;
  /** Stress configurations to use (all when omitted). */
  configs?: string[];
  attacker: Ending;
  /** The processes it makes, pids 3, 4, ... in order; or a check over all of them. */
  descendants?: Ending[] | ((endings: Ending[]) => void);
  /** Exact kill lines (the bystander is never killed); a pattern where the figures depend on the order. */
  killLines?: (string | RegExp)[];
}

/** Enough frames that every process fits: fork tests are about max_procs, not memory. */
const roomy = (base: Partial<MachineConfig>): Partial<MachineConfig> => ({ ...base, frames: Math.max(base.frames ?? 1024, 512) });

const CHILD_EPERM = passLines('child: kill(its parent) -> EPERM', 'child: kill(1), the bystander -> EPERM', 'child: kill(itself) -> EPERM');

function forkCount(maxProcs: number): Scenario {
  const forks = maxProcs - 2; // the bystander and the attacker take two slots
  return {
    file: 'proc-fork-count.s',
    needs: (base) => ({ ...roomy(base), maxProcs }),
    attacker: exited(0, `proc-fork-count: ${forks} forks succeeded, then EAGAIN\n` + passLines(
      'the refused fork returned EAGAIN', 'wait reaped every child, each with status 1', 'then wait -> ECHILD', 'a fork after reaping succeeds',
    ) + 'proc-fork-count: PASS\n'),
    descendants: Array.from({ length: forks + 1 }, () => exited(1)),
  };
}

function forkBomb(maxProcs: number | undefined): Scenario {
  return {
    file: 'proc-fork-bomb.s',
    needs: (base) => ({ ...roomy(base), ...(maxProcs !== undefined ? { maxProcs } : {}) }),
    attacker: exited(0, 'proc-fork-bomb: PASS\n'),
    descendants: (endings) => {
      expect(endings.length).toBeGreaterThan(0);
      expect(endings.filter((e) => !(e.status === 'exited' && e.code === 0 && e.stdout === ''))).toEqual([]);
    },
  };
}

const SCENARIOS: Record<string, Scenario> = {
  'bad pointers to write, read and wait': {
    file: 'sys-bad-pointers.s',
    stdin: 'secret input\n',
    bothOrders: true,
    attacker: exited(0, passLines(
      'write buf=0 (null page) -> EFAULT',
      'write buf=0x80000000 (kernel half) -> EFAULT',
      'write buf=0xFFFFFFFC (top of memory) -> EFAULT',
      'write buf=unmapped heap -> EFAULT',
      'write buf=guard page -> EFAULT',
      'write buf=PROT_NONE mmap page -> EFAULT',
      'write from the last mmap page into an unmapped page -> EFAULT',
      'write from the last heap page past the break -> EFAULT',
      'write from the top of the stack into the kernel half -> EFAULT',
      'write len=0xFFFFFFFF -> EFAULT',
      'write len wrapping past 2^32 -> EFAULT',
      'read buf=0 (null page) -> EFAULT',
      'read buf=0x80000000 (kernel half) -> EFAULT',
      'read buf=.text (not writable) -> EFAULT',
      '.text unchanged after the read',
      'read buf=unmapped heap -> EFAULT',
      'read buf=read-only mmap page -> EFAULT',
      'read into a good page running into an unmapped page -> EFAULT',
      "the good page's bytes are untouched",
      'read len=0xFFFFFFFF -> EFAULT',
      'read len wrapping past 2^32 -> EFAULT',
      'a good read after them gets all 13 bytes of input',
      'and they are the input from its start',
      'wait status_ptr=.text -> EFAULT',
      'wait status_ptr=0x80000000 (kernel half) -> EFAULT',
      'wait status_ptr=unmapped heap -> EFAULT',
      'wait status_ptr=read-only mmap page -> EFAULT',
      'wait status_ptr running into an unmapped page -> EFAULT',
      '.text unchanged after the waits',
      'a good wait after them still reaps the child',
      'and stores its status 42',
    ) + 'sys-bad-pointers: PASS\n'),
    descendants: [exited(42)],
  },
  'absurd numbers and arguments': {
    file: 'sys-absurd-args.s',
    bothOrders: true,
    attacker: exited(0, passLines(
      'syscall 13 -> ENOSYS', 'syscall 255 -> ENOSYS', 'syscall 0xFFFFFFFF -> ENOSYS', 'syscall 0x80000000 (negative) -> ENOSYS',
      'write(fd 0) -> EBADF', 'write(fd 3) -> EBADF', 'write(fd -1) -> EBADF', 'write(fd 1, len 0) -> 0', 'write(fd 1, buf 0) -> EFAULT',
      'read(fd 1) -> EBADF', 'read(fd 2) -> EBADF', 'read(fd -1) -> EBADF', 'read(fd 0, len 0) -> 0',
      'wait with no children -> ECHILD', 'yield -> 0', 'sleep(0) -> 0', 'sleep(1) -> 0',
      'mmap(len 0) -> EINVAL', 'mmap(prot W|X) -> EINVAL', 'mmap(prot R|W|X) -> EINVAL', 'mmap(prot 8) -> EINVAL',
      'mmap(prot 0xFFFFFFFF) -> EINVAL', 'mmap(len 0xFFFFFFFF) -> ENOMEM', 'mmap(len 0x7FE00000) -> ENOMEM',
      'kill(0) -> EPERM', 'kill(-1) -> EPERM', 'kill(99999) -> EPERM', 'kill(0x80000000) -> EPERM',
      'getpid -> its pid',
      'sbrk(-4096) below the heap start -> EINVAL', 'sbrk(-0x80000000) -> EINVAL', 'sbrk(+0x7FFFFFFF) -> ENOMEM',
      'sbrk(0) -> the heap start: the break never moved', 'sbrk(4096) -> the heap start',
      'munmap(unaligned address) -> EINVAL', 'munmap(len 0) -> EINVAL', 'munmap(past the end of the region) -> EINVAL',
      'munmap(len 0xFFFFFFFF) -> EINVAL', 'munmap(starting below the region) -> EINVAL', 'munmap(heap) -> EINVAL',
      'munmap(.text) -> EINVAL', 'munmap(.data) -> EINVAL', 'munmap(stack) -> EINVAL', 'munmap(kernel half) -> EINVAL',
      'mprotect(prot W|X) -> EINVAL', 'mprotect(prot 8) -> EINVAL', 'mprotect(unaligned address) -> EINVAL',
      'mprotect(.text, R|W) -> EINVAL', 'mprotect(.text, R) -> EINVAL', 'mprotect(heap) -> EINVAL', 'mprotect(stack, R|X) -> EINVAL',
      "the mmap'd pages kept their contents",
      "fork: the parent's registers are kept", "fork: the child's registers are kept (its exit status)",
    ) + 'sys-absurd-args: PASS\n'),
    descendants: [exited(0)],
  },
  'kill of processes that are not descendants': {
    file: 'proc-kill-nondescendant.s',
    attacker: exited(0, passLines(
      'kill(1), the bystander -> EPERM', 'kill(itself) -> EPERM', 'the forked child could kill no one it must not',
      'kill(spinning child) -> 0', 'wait -> that child', 'its status is 264 (killed)', 'kill(the reaped child) -> EPERM',
      'kill(grandchild) -> 0', 'the middle child saw its child killed',
      'kill(ended, unwaited child) -> 0', 'its status is still its exit code 7',
    ) + 'proc-kill-nondescendant: PASS\n'),
    descendants: [
      exited(0, CHILD_EPERM),
      killedBy('killed'),
      exited(0, passLines("middle child: its child's status is 264 (killed)")),
      killedBy('killed'),
      exited(7),
    ],
    killLines: [
      'pid 4 (proc-kill-nondescendant.s) killed: killed: pid 2 called kill(4) (kill_syscall); pc 0x000012b4, proc-kill-nondescendant.s:219',
      'pid 6 (proc-kill-nondescendant.s) killed: killed: pid 2 called kill(6) (kill_syscall); pc 0x000012b4, proc-kill-nondescendant.s:219',
    ],
  },
  'fork in a loop: exactly max_procs - 2 succeed (max_procs 64)': forkCount(64),
  'fork in a loop: exactly max_procs - 2 succeed (max_procs 8)': forkCount(8),
  'fork bomb (max_procs 64)': forkBomb(undefined),
  'fork bomb (max_procs 8)': forkBomb(8),
  'memory hog beyond RAM + swap': {
    file: 'proc-memory-hog.s',
    bothOrders: true,
    needs: (base) => ({ ...base, frames: 64, swapPages: 64 }),
    attacker: killedBy('out_of_memory'),
    // What it held depends on how much the bystander holds at that moment.
    killLines: [/^pid 2 \(proc-memory-hog\.s\) killed: out_of_memory: memory and swap are full and the kernel chose it as the largest process; it held \d+ frames and \d+ swap slots \(memory_and_swap_full\); pc 0x00001058, proc-memory-hog\.s:46$/],
  },
  'copy-on-write privacy': {
    file: 'proc-cow-privacy.s',
    bothOrders: true,
    attacker: exited(0, passLines(
      'parent: its pages hold the secret', 'parent: child A exited 0',
      'parent: its pages still hold the secret after child A rewrote them', 'parent: its pages hold its new pattern',
      'parent: kill(sleeping grandchild) -> 0', 'parent: child B exited 0',
    ) + 'proc-cow-privacy: PASS\n'),
    descendants: [
      exited(0, passLines('child A: sees the secret', 'child A: sees its own pattern after rewriting every page')),
      exited(0, passLines('child B: sees the secret', 'child B: its sleeping child was killed (status 264)', "child B: still sees the secret after the parent's writes")),
      killedBy('killed'),
    ],
    killLines: ['pid 5 (proc-cow-privacy.s) killed: killed: pid 2 called kill(5) (kill_syscall); pc 0x000011b4, proc-cow-privacy.s:146'],
  },
  'ASID recycling: 300 processes one after another': {
    file: 'proc-asid-recycling.s',
    configs: ['default', 'ASIDs off', 'ASIDs off, large TLB', 'tiny quantum'],
    attacker: exited(0, passLines('300 children each read back their own values', "the parent's own value survived") + 'proc-asid-recycling: PASS\n'),
    descendants: Array.from({ length: 300 }, () => exited(0)),
  },
  'ASID recycling, large TLB with ASIDs on': {
    file: 'proc-asid-recycling.s',
    configs: ['default'],
    needs: (base) => ({ ...base, tlbEntries: 1024, tlbWays: 1024 }),
    attacker: exited(0, passLines('300 children each read back their own values', "the parent's own value survived") + 'proc-asid-recycling: PASS\n'),
    descendants: Array.from({ length: 300 }, () => exited(0)),
  },
  'ASID recycling: 260 processes alive at once': {
    file: 'proc-asid-crowd.s',
    configs: ['tiny quantum', 'ASIDs off'],
    needs: (base) => ({ ...base, quantum: 3, maxProcs: 300, frames: 2048 }),
    attacker: exited(0, passLines('260 children alive at once each kept their own value', "the parent's own value survived") + 'proc-asid-crowd: PASS\n'),
    descendants: Array.from({ length: 260 }, () => exited(0)),
  },
  'ASID recycling: 260 processes alive at once, large TLB': {
    file: 'proc-asid-crowd.s',
    configs: ['default'],
    needs: (base) => ({ ...base, tlbEntries: 1024, tlbWays: 1024, maxProcs: 300, frames: 2048 }),
    attacker: exited(0, passLines('260 children alive at once each kept their own value', "the parent's own value survived") + 'proc-asid-crowd: PASS\n'),
    descendants: Array.from({ length: 260 }, () => exited(0)),
  },
  'wait edges, kills of blocked children, orphans': {
    file: 'proc-wait-edge.s',
    bothOrders: true,
    attacker: exited(0, passLines(
      'wait with no children -> ECHILD', 'and the status word is untouched', 'kill(sleeping child) -> 0', 'wait -> status 264',
      'kill(child blocked in wait) -> 0', 'wait -> status 264', 'a child that left two children behind exited 0',
      'wait with every child reaped -> ECHILD',
    ) + 'proc-wait-edge: PASS\n'),
    descendants: [
      killedBy('killed'),
      killedBy('killed'),
      exited(0, 'orphan: woke up after its parent was killed\n'),
      exited(0),
      exited(0, 'orphan: ran after its parent exited\n'),
      exited(0, 'orphan: ran after its parent exited\n'),
      exited(0, 'orphan: ran after the first process exited\n'),
    ],
    killLines: [
      'pid 3 (proc-wait-edge.s) killed: killed: pid 2 called kill(3) (kill_syscall); pc 0x00001060, proc-wait-edge.s:61',
      'pid 4 (proc-wait-edge.s) killed: killed: pid 2 called kill(4) (kill_syscall); pc 0x000010c8, proc-wait-edge.s:88',
    ],
  },
};

function ending(p: RunResult['processes'][number]): Ending {
  return p.status === 'exited'
    ? { status: 'exited', code: p.code!, stdout: p.stdout }
    : { status: 'killed', cause: p.cause!, stdout: p.stdout };
}

function runScenario(s: Scenario, base: Partial<MachineConfig>, attackerFirst: boolean): void {
  const attacker = program(`programs/attacks/${s.file}`);
  const bystander = program('programs/attacks/bystander.s');
  const config = s.needs ? s.needs(base) : base;
  const { result, killLines } = run(attackerFirst ? [attacker, bystander] : [bystander, attacker], config, s.stdin ?? '');
  const [first, second, ...rest] = result.processes.map(ending);
  expect(attackerFirst ? second : first).toEqual(exited(0, BYSTANDER_STDOUT));
  expect(attackerFirst ? first : second).toEqual(s.attacker);
  if (typeof s.descendants === 'function') s.descendants(rest);
  else expect(rest).toEqual(s.descendants ?? []);
  // The attacker's own pid appears in its kill line, and as the killer of its
  // descendants; their pids are the same either way.
  const swapPid = (line: string): string => (attackerFirst ? line.replace(/^pid 2 /, 'pid 1 ').replace(': pid 2 called', ': pid 1 called') : line);
  const want = s.killLines ?? [];
  expect(killLines).toHaveLength(want.length);
  want.forEach((w, i) => {
    if (typeof w === 'string') expect(killLines[i]).toBe(swapPid(w));
    else expect(attackerFirst ? killLines[i]!.replace(/^pid 1 /, 'pid 2 ') : killLines[i]).toMatch(w);
  });
}

describe('system-call and process attacks beside the bystander', () => {
  for (const [name, s] of Object.entries(SCENARIOS)) {
    const configs = Object.entries(STRESS_CONFIGS).filter(([c]) => s.configs === undefined || s.configs.includes(c));
    describe(name, () => {
      test.each(configs)('%s', (_, base) => runScenario(s, base, false));
      if (s.bothOrders) test('as pid 1 (default configuration)', () => runScenario(s, {}, true));
    });
  }
});

// ---- one system call per process, many processes in one run ----

/** Where the sweep's one mmap'd RW page lands: the first region sits just below 0x7FE00000. */
const MMAP_PAGE = 0x7fdff000;

interface Call {
  n: number;
  args: [number, number, number];
  result: number;
}

const EPERM = -1, EBADF = -9, ECHILD = -10, ENOMEM = -12, EFAULT = -14, EINVAL = -22, ENOSYS = -38;

/**
 * Each row is one process: it maps one RW page at MMAP_PAGE, makes the call,
 * and exits 0 when the result is exactly as expected, else 1. The data
 * section is empty, so the heap starts at 0x2000 right after the one page of .text.
 */
const SWEEP: Record<string, Call> = {
  'write buf=0xFFF len=2 (null page into .text)': { n: 1, args: [1, 0xfff, 2], result: EFAULT },
  'write buf=0x80000000 len=0': { n: 1, args: [1, 0x8000_0000, 0], result: 0 },
  'write from the mmap page into the unmapped page above': { n: 1, args: [1, MMAP_PAGE + 0xfff, 2], result: EFAULT },
  'write from the unmapped page below into the mmap page': { n: 1, args: [1, MMAP_PAGE - 1, 2], result: EFAULT },
  'write buf=heap start (nothing allocated)': { n: 1, args: [2, 0x2000, 1], result: EFAULT },
  'write buf=guard page': { n: 1, args: [1, 0x7fef_f000, 1], result: EFAULT },
  'write from the guard page into the stack': { n: 1, args: [1, 0x7fef_fffc, 8], result: EFAULT },
  'write from the stack top into the kernel half': { n: 1, args: [1, 0x7fff_ffff, 2], result: EFAULT },
  'write buf=.text len=0x80000000': { n: 1, args: [1, 0x1000, 0x8000_0000], result: EFAULT },
  'write buf=0xFFFFFFFF len=1': { n: 1, args: [1, 0xffff_ffff, 1], result: EFAULT },
  'write buf=mmap page len wrapping to 0': { n: 1, args: [1, MMAP_PAGE, 0x1_0000_0000 - MMAP_PAGE], result: EFAULT },
  'write to fd 2 with buf=0': { n: 1, args: [2, 0, 1], result: EFAULT },
  'write to fd 0x101': { n: 1, args: [0x101, MMAP_PAGE, 1], result: EBADF },
  'read into .text': { n: 2, args: [0, 0x1000, 1], result: EFAULT },
  'read into the last byte of .text and the heap': { n: 2, args: [0, 0x1fff, 2], result: EFAULT },
  'read from the mmap page into the unmapped page above': { n: 2, args: [0, MMAP_PAGE + 0xffc, 8], result: EFAULT },
  'read into the kernel half': { n: 2, args: [0, 0x8000_1000, 1], result: EFAULT },
  'read into the mmap page at end of input': { n: 2, args: [0, MMAP_PAGE, 4096], result: 0 },
  'read from fd 0x100': { n: 2, args: [0x100, MMAP_PAGE, 1], result: EBADF },
  // The other arguments and the caller's state are judged before the pointers, as on Linux (docs/kernel.md, "System calls").
  'wait(bad pointer) with no children': { n: 5, args: [0x1000, 0, 0], result: ECHILD },
  'read from fd 3 into the kernel half': { n: 2, args: [3, 0x8000_1000, 1], result: EBADF },
  'sbrk(-1)': { n: 6, args: [-1, 0, 0], result: EINVAL },
  'sbrk up to the mmap page': { n: 6, args: [MMAP_PAGE - 0x2000 + 1, 0, 0], result: ENOMEM },
  'sbrk up to just below the mmap page': { n: 6, args: [MMAP_PAGE - 0x2000, 0, 0], result: 0x2000 },
  'mmap(prot 0x10)': { n: 8, args: [4096, 0x10, 0], result: EINVAL },
  'mmap(len 0x80000000)': { n: 8, args: [0x8000_0000, 3, 0], result: ENOMEM },
  'mmap(len 1) goes just below the first region': { n: 8, args: [1, 1, 0], result: MMAP_PAGE - 0x1000 },
  'munmap(len 1) of the mmap page': { n: 9, args: [MMAP_PAGE, 1, 0], result: 0 },
  'munmap(unaligned)': { n: 9, args: [MMAP_PAGE + 4, 4096, 0], result: EINVAL },
  'munmap(two pages, one unmapped)': { n: 9, args: [MMAP_PAGE, 8192, 0], result: EINVAL },
  'munmap(the page below the region)': { n: 9, args: [MMAP_PAGE - 4096, 4096, 0], result: EINVAL },
  'munmap(the guard page)': { n: 9, args: [0x7fef_f000, 4096, 0], result: EINVAL },
  'munmap(0xFFFFF000)': { n: 9, args: [0xffff_f000, 4096, 0], result: EINVAL },
  'munmap(len wrapping past 2^32)': { n: 9, args: [MMAP_PAGE, 0x1_0000_0000 - MMAP_PAGE + 4096, 0], result: EINVAL },
  'mprotect(R|X) of the mmap page': { n: 10, args: [MMAP_PAGE, 4096, 5], result: 0 },
  'mprotect(0) of the mmap page': { n: 10, args: [MMAP_PAGE, 4096, 0], result: 0 },
  'mprotect(prot 0x10)': { n: 10, args: [MMAP_PAGE, 4096, 0x10], result: EINVAL },
  'mprotect(len 0)': { n: 10, args: [MMAP_PAGE, 0, 1], result: EINVAL },
  'mprotect(the guard page)': { n: 10, args: [0x7fef_f000, 4096, 1], result: EINVAL },
  'sleep(0)': { n: 11, args: [0, 0, 0], result: 0 },
  'kill(0x7FFFFFFF)': { n: 12, args: [0x7fff_ffff, 0, 0], result: EPERM },
  'syscall 14': { n: 14, args: [0, 0, 0], result: ENOSYS },
  'syscall 0x7FFFFFFF': { n: 0x7fff_ffff, args: [0, 0, 0], result: ENOSYS },
  'syscall 0xFFFFFF00': { n: 0xffff_ff00, args: [0, 0, 0], result: ENOSYS },
};

function sweepProgram(name: string, call: Call): ReturnType<typeof source> {
  const u32 = (v: number): string => `0x${(v >>> 0).toString(16)}`;
  return source(name, `
        li   r1, 8              ; mmap(4096, R|W): lands at ${u32(MMAP_PAGE)}
        li   r2, 4096
        li   r3, 3
        syscall
        li   r1, ${u32(call.n)}
        li   r2, ${u32(call.args[0])}
        li   r3, ${u32(call.args[1])}
        li   r4, ${u32(call.args[2])}
        syscall
        li   r5, ${u32(call.result)}
        li   r2, 0
        beq  r1, r5, done
        li   r2, 1
done:   li   r1, 0              ; exit(0 when the result was right)
        syscall
`);
}

describe('argument sweep: one call per process, all beside the bystander', () => {
  const rows = Object.entries(SWEEP);
  test.each(Object.entries(STRESS_CONFIGS))('%s', (_, config) => {
    const programs = [program('programs/attacks/bystander.s'), ...rows.map(([name, call]) => sweepProgram(name, call))];
    // 45 processes need more than the few-frames configurations' 24 frames just for page tables.
    const { result, killLines } = run(programs, roomy(config));
    expect(killLines).toEqual([]);
    const [bystander, ...swept] = result.processes;
    expect(ending(bystander!)).toEqual(exited(0, BYSTANDER_STDOUT));
    const codes = Object.fromEntries(swept.map((p) => [p.name, { code: p.code, stdout: p.stdout }]));
    expect(codes).toEqual(Object.fromEntries(rows.map(([name]) => [name, { code: 0, stdout: '' }])));
  });
});
