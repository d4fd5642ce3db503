// attack24's attacks (docs/attacks.md): shapes the block engine compiles
// (faults and a divide by zero in a callee a block runs on into, an entry
// inside a compiled if, a jump through a page's last word, a code page
// rewritten with functions of other lengths, a compiled page losing X),
// frames and pages handed on (a freed frame read by another process, a heap
// shrunk and grown again, PROT_NONE and back), every system call with hostile
// values in every register, four readers of one stdin, children reaped in
// the order they ended, and a wait's status word swapped out meanwhile.
// Each runs as pid 2 beside the bystander under every STRESS_CONFIGS entry
// it is meant for and must end exactly as its header says; the harness
// checks the invariants and that no frame or swap slot leaked. Both engines
// run them in test/hw/blocks-differential.test.ts (every attack there).
import { describe, expect, test } from 'vitest';
import { program, run, STRESS_CONFIGS } from './harness.js';
import { bare, type Bare, BYSTANDER, exited, killed } from './bareProcess.js';

const hex = (...words: number[]) => `${words.map((w) => (w >>> 0).toString(16).padStart(8, '0')).join(' ')} \n`;

interface Scenario {
  stdin?: string;
  /** Every process after the bystander, in pid order. */
  processes: Bare[];
  killLines: string[];
  /** STRESS_CONFIGS entries it is not meant for (and why, in a comment). */
  skip?: string[];
}

const REAP = 'proc-reap-orders.s';
const READERS = 'sys-stdin-readers.s';
const STDIN = 'attack24 reads this line in four processes\n'.repeat(50);
const FEW_FRAMES = ['few frames (swapping)', 'few frames, lru, random TLB', 'software refill, small plru TLB, few frames'];

const SCENARIOS: Record<string, Scenario> = {
  'blk-call-faults.s': { processes: [exited(2, 'blk-call-faults.s', hex(0xdbba0, 0x2476192c, 0x104c))], killLines: [] },
  'blk-then-entry.s': { processes: [exited(2, 'blk-then-entry.s', hex(0x65d484aa, 0xf7bdef3c))], killLines: [] },
  'blk-last-word-jump.s': { processes: [exited(2, 'blk-last-word-jump.s', hex(2000 * 2001 / 2))], killLines: [] },
  'blk-rewrite-lengths.s': { processes: [exited(2, 'blk-rewrite-lengths.s', hex(0x33e28))], killLines: [] },
  'blk-callee-fault.s': {
    processes: [killed(2, 'blk-callee-fault.s', 'divide_by_zero', 'zero_divisor')],
    killLines: ['pid 2 (blk-callee-fault.s) killed: divide_by_zero: div by zero (the divisor, r3, is 0) (zero_divisor); pc 0x00001020, blk-callee-fault.s:18'],
  },
  'blk-mprotect-code.s': {
    processes: [killed(2, 'blk-mprotect-code.s', 'bad_access', 'protection')],
    killLines: ['pid 2 (blk-mprotect-code.s) killed: bad_access: fetch from 0x7fdff000 in mmap, which is r--: an mmap page runs as code only when mapped with PROT_X (4) and without PROT_W; the call at 0x00001068 (blk-mprotect-code.s:36) jumped there (protection); pc 0x7fdff000'],
  },
  'mem-freed-zero.s': { processes: [exited(2, 'mem-freed-zero.s', hex(0)), exited(3, 'mem-freed-zero.s')], killLines: [] },
  'mem-sbrk-regrow.s': { processes: [exited(2, 'mem-sbrk-regrow.s', hex(0))], killLines: [] },
  'sys-arg-storm.s': {
    // Its forks that succeed make 62 children (max_procs 64 less the bystander and itself), each exiting 0 at once.
    processes: [exited(2, 'sys-arg-storm.s', hex(0, 0x478b5179)), ...Array.from({ length: 62 }, (_, i) => exited(i + 3, 'sys-arg-storm.s'))],
    killLines: [],
    // 24 frames cannot hold 62 unreaped children's page tables and its hostile sbrk and mmap growth: out of memory.
    skip: FEW_FRAMES,
  },
  [REAP]: {
    // Children are pids 3..10 (child i is 3 + i); 2 and 5 (pids 5, 8) are killed before they run.
    processes: [
      exited(2, REAP, hex(0, 0, 0) + hex(5, 264, 8, 264, 10, 7, 9, 6, 7, 4, 6, 3, 4, 1, 3, 0, -10, 8)),
      ...Array.from({ length: 8 }, (_, i) => (i === 2 || i === 5 ? killed(i + 3, REAP, 'killed', 'kill_syscall') : exited(i + 3, REAP, '', i))),
      ...[0, 1, 3, 4, 6, 7].map((i, k) => exited(11 + k, REAP, '', 100 + i)),
    ],
    killLines: [5, 8].map((pid) => `pid ${pid} (${REAP}) killed: killed: pid 2 called kill(${pid}) (kill_syscall); pc 0x00001014, ${REAP}:15`),
    // With a 3-instruction quantum the children run (and fork) before the kills; 24 frames do not hold 15 processes beside the bystander.
    skip: ['tiny quantum', ...FEW_FRAMES],
  },
  'proc-wait-swapped.s': { processes: [exited(2, 'proc-wait-swapped.s', hex(77, 0x5a5a)), exited(3, 'proc-wait-swapped.s', '', 77)], killLines: [] },
  [READERS]: {
    stdin: STDIN,
    // pid 2 reads 7 bytes and yields, pid 3 (4096-byte reads) takes the other 2,143 of the 2,150; pids 4 and 5 find the end.
    processes: [exited(2, READERS, hex(2, 1, 7, 0x339c)), exited(3, READERS, hex(3, 1, 2143, 0xa92c7c2c)), exited(4, READERS, hex(4, 0, 0, 0)), exited(5, READERS, hex(5, 0, 0, 0))],
    killLines: [],
    // A 3-instruction quantum lets another reader come first (the split changes; the bytes still add up).
    skip: ['tiny quantum'],
  },
};

describe('attack24: compiled shapes, frames handed on, hostile arguments, readers, reap order', () => {
  const cases = Object.keys(SCENARIOS).flatMap((name) => Object.keys(STRESS_CONFIGS)
    .filter((config) => !(SCENARIOS[name]!.skip ?? []).includes(config)).map((config) => [name, config] as const));
  test.each(cases)('%s, %s', (name, configName) => {
    const scenario = SCENARIOS[name]!;
    const { result, killLines } = run(
      [program('programs/attacks/bystander.s'), program(`programs/attacks/${name}`)], STRESS_CONFIGS[configName]!, scenario.stdin);
    expect(result.processes.map(bare)).toEqual([BYSTANDER, ...scenario.processes]);
    expect(killLines).toEqual(scenario.killLines);
  });
});
