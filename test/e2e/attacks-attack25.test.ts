// attack25's attacks (docs/attacks.md): copy-on-write across three
// generations with munmap and an sbrk shrink between them; mprotect on pages
// shared copy-on-write, then fork; a software-refilled TLB entry (W withheld
// until the first store) after mprotect and munmap; code rewritten in a
// compiled frame through a copy-on-write reclaim; a child writing shared
// pages its parent pushed out to swap. Each runs as pid 2 beside the
// bystander under every STRESS_CONFIGS entry it is meant for and must end
// exactly as its header says; the harness checks the invariants and that no
// frame or swap slot leaked. Both engines run them in
// test/hw/blocks-differential.test.ts (every attack there).
import { describe, expect, test } from 'vitest';
import { program, run, STRESS_CONFIGS } from './harness.js';
import { bare, type Bare, BYSTANDER, exited, killed } from './bareProcess.js';

const hex = (...words: number[]) => `${words.map((w) => (w >>> 0).toString(16).padStart(8, '0')).join(' ')} \n`;

interface Scenario {
  /** Every process after the bystander, in pid order. */
  processes: Bare[];
  killLines: string[];
  /** STRESS_CONFIGS entries it is not meant for (and why, in a comment). */
  skip?: string[];
}

const GEN3 = 'proc-cow-3gen.s';
const MPROT = 'mem-mprotect-cow.s';
const SOFT = 'mem-stale-soft.s';
const RECLAIM = 'blk-cow-reclaim.s';
const SWAPPED = 'proc-swap-cow-child.s';

const SCENARIOS: Record<string, Scenario> = {
  [GEN3]: {
    processes: [
      exited(2, GEN3, hex(0x11, 0)), exited(3, GEN3, hex(0x22, 0), 0x11), exited(4, GEN3, hex(0x101, 0), 0x22),
      killed(5, GEN3, 'bad_access', 'unmapped', hex(0)),
    ],
    killLines: [`pid 5 (${GEN3}) killed: bad_access: load from 0x7fdf8000, which no region holds (never mapped, or unmapped by munmap) (unmapped); pc 0x000012d8, ${GEN3}:197`],
  },
  [MPROT]: {
    processes: [
      // c2 (pid 4) ends first: c1 sleeps 1000 ticks.
      exited(2, MPROT, hex(0, 0, 0) + hex(4, 0x32) + hex(3, 0x31) + hex(0xaaaa, 0xbbbb, 0xcccc)),
      exited(3, MPROT, hex(0x1111, 0x2222, 0) + hex(5, 0x101) + hex(0x5555, 0x2222), 0x31),
      exited(4, MPROT, hex(0xaaaa, 0xbbbb, 0xdddd), 0x32),
      killed(5, MPROT, 'bad_access', 'protection', hex(0x5555)),
    ],
    killLines: [`pid 5 (${MPROT}) killed: bad_access: store to 0x7fdfd000 in mmap, which is r-- (protection); pc 0x0000119c, ${MPROT}:117`],
  },
  [SOFT]: {
    processes: [
      exited(2, SOFT, hex(0x101, 0x42, 0x101, 0x43, 0x101, 0x43, 0, 0, 0x45, 0x44)),
      killed(3, SOFT, 'bad_access', 'protection'), killed(4, SOFT, 'bad_access', 'protection'), killed(5, SOFT, 'bad_access', 'protection'),
      exited(6, SOFT, '', 0x45),
    ],
    killLines: [
      `pid 3 (${SOFT}) killed: bad_access: store to 0x7fdfe000 in mmap, which is r-- (protection); pc 0x00001044, ${SOFT}:33`,
      `pid 4 (${SOFT}) killed: bad_access: store to 0x7fdff000 in mmap, which is r-- (protection); pc 0x00001088, ${SOFT}:50`,
      `pid 5 (${SOFT}) killed: bad_access: load from 0x7fdff000 in mmap, which is --- (protection); pc 0x000010e0, ${SOFT}:73`,
    ],
  },
  [RECLAIM]: { processes: [exited(2, RECLAIM, hex(200, 30)), exited(3, RECLAIM, hex(10, 30).slice(0, -1), 30)], killLines: [] },
  [SWAPPED]: { processes: [exited(2, SWAPPED, hex(0, 0)), exited(3, SWAPPED)], killLines: [] },
};

describe('attack25: copy-on-write over generations, mprotect and swap; software-refilled entries; a reclaimed code frame', () => {
  const cases = Object.keys(SCENARIOS).flatMap((name) => Object.keys(STRESS_CONFIGS)
    .filter((config) => !(SCENARIOS[name]!.skip ?? []).includes(config)).map((config) => [name, config] as const));
  test.each(cases)('%s, %s', (name, configName) => {
    const scenario = SCENARIOS[name]!;
    const { result, killLines } = run([program('programs/attacks/bystander.s'), program(`programs/attacks/${name}`)], STRESS_CONFIGS[configName]!);
    expect(result.processes.map(bare)).toEqual([BYSTANDER, ...scenario.processes]);
    expect(killLines).toEqual(scenario.killLines);
  });
});
