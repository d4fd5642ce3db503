// Attacks on the block engine's caches and on the kernel's own stores
// (programs/attacks/blk-*.s, sys-cow-write.s), found by attack20: code that
// runs off a compiled page, code replaced in a reused frame, compiled code
// swapped out and in, a fault deep in a long block, a loop across two text
// pages, calls into the middle of a block, read() and wait() into
// copy-on-write pages. Each runs as pid 2 beside the bystander under every
// STRESS_CONFIGS entry and must end exactly as its header says; the harness
// checks the frame invariant and that nothing leaked. The engines' results
// are compared byte for byte in test/hw/blocks-differential.test.ts.
import { describe, expect, test } from 'vitest';
import { program, run, STRESS_CONFIGS } from './harness.js';
import { bare, type Bare, BYSTANDER, exited, killed } from './bareProcess.js';

interface Scenario {
  stdin?: string;
  /** Every process after the bystander, in pid order. */
  processes: Bare[];
  killLines: string[];
}


const SCENARIOS: Record<string, Scenario> = {
  'blk-run-off-page.s': {
    processes: [killed(2, 'blk-run-off-page.s', 'bad_access', 'unmapped')],
    killLines: ['pid 2 (blk-run-off-page.s) killed: bad_access: fetch from 0x7fe00000, which no region holds: a jump through a bad pointer, a return address overwritten, or code run off its end? (unmapped); pc 0x7fe00000'],
  },
  'blk-code-reuse.s': {
    processes: [exited(2, 'blk-code-reuse.s', 'blk-code-reuse: PASS\n'), ...Array.from({ length: 15 }, (_, i) => exited(i + 3, 'blk-code-reuse.s'))],
    killLines: [],
  },
  'blk-swapped-code.s': { processes: [exited(2, 'blk-swapped-code.s', 'blk-swapped-code: PASS\n')], killLines: [] },
  'blk-long-block-fault.s': {
    processes: [killed(2, 'blk-long-block-fault.s', 'bad_access', 'null_page')],
    killLines: ['pid 2 (blk-long-block-fault.s) killed: bad_access: load from 0x00000000 in the null page (below 0x00001000): was the pointer null? (null_page); pc 0x000010a8, blk-long-block-fault.s:56'],
  },
  'blk-loop-two-pages.s': { processes: [exited(2, 'blk-loop-two-pages.s', 'blk-loop-two-pages: PASS\n')], killLines: [] },
  'blk-mid-block.s': { processes: [exited(2, 'blk-mid-block.s', 'blk-mid-block: PASS\n')], killLines: [] },
  'sys-cow-write.s': {
    stdin: 'override',
    processes: [exited(2, 'sys-cow-write.s', 'sys-cow-write: PASS\n'), exited(3, 'sys-cow-write.s'), exited(4, 'sys-cow-write.s')],
    killLines: [],
  },
};

describe('block-engine and copy-on-write attacks beside the bystander', () => {
  const cases = Object.keys(SCENARIOS).flatMap((name) => Object.keys(STRESS_CONFIGS).map((config) => [name, config] as const));
  test.each(cases)('%s, %s', (name, configName) => {
    const scenario = SCENARIOS[name]!;
    const { result, killLines } = run(
      [program('programs/attacks/bystander.s'), program(`programs/attacks/${name}`)], STRESS_CONFIGS[configName]!, scenario.stdin);
    expect(result.processes.map(bare)).toEqual([BYSTANDER, ...scenario.processes]);
    expect(killLines).toEqual(scenario.killLines);
  });
});
