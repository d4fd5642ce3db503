// The block engine (cpu/blocks/) against the interpreter (cpu/cpu.ts): the
// shipped programs, the benchmarks, the attacks and random programs, under
// TLB configurations of every policy, software refill and quanta small
// enough that the timer fires inside blocks, must give byte-identical
// results (output, kills, statistics) and leave the TLB holding the same
// entries in the same replacement order.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { attachBlockEngine } from '../../cpu/blocks/engine.js';
import type { MachineConfig } from '../../kernel/config.js';
import type { Kernel } from '../../kernel/kernel.js';
import { collectResult } from '../../kernel/result.js';
import { bootMachine, ProgramInput } from '../../kernel/run.js';
import type { Tlb } from '../../mmu/tlb.js';
import { program, ROOT, source } from '../e2e/harness.js';
import { randomBranchyProgram, randomProgram } from '../tools/randomProgram.js';

const CONFIGS: Record<string, Partial<MachineConfig>> = {
  default: {},
  'tiny TLB lru': { tlbEntries: 4, tlbWays: 2 },
  'direct-mapped fifo': { tlbEntries: 8, tlbWays: 1, tlbPolicy: 'fifo' },
  'random TLB': { tlbEntries: 8, tlbWays: 4, tlbPolicy: 'random', seed: 5 },
  'quantum 3': { quantum: 3, tlbEntries: 16, tlbWays: 4, tlbPolicy: 'fifo' },
  'quantum 7, plru': { quantum: 7, tlbEntries: 8, tlbWays: 4, tlbPolicy: 'plru' },
  'ASIDs off, fully associative': { asids: false, tlbEntries: 16, tlbWays: 16 },
  'few frames': { frames: 24, tlbEntries: 8, tlbWays: 2 },
  'wide plru': { tlbEntries: 16, tlbWays: 8, tlbPolicy: 'plru' },
  'software refill': { tlbRefill: 'software' },
  'software refill, tiny plru TLB, ASIDs off': { tlbRefill: 'software', tlbEntries: 4, tlbWays: 4, tlbPolicy: 'plru', asids: false },
  'software refill, few frames, quantum 5': { tlbRefill: 'software', frames: 24, tlbEntries: 8, tlbWays: 2, quantum: 5 },
};

/** Each set's valid entries from least to most recently used: what the TLB will evict, in order. */
function tlbPicture(tlb: Tlb): string[] {
  const sets: string[] = [];
  for (let set = 0; set < tlb.sets; set++) {
    const ways = Array.from({ length: tlb.ways }, (_, w) => set * tlb.ways + w).filter((e) => tlb.isValid(e));
    ways.sort((a, b) => tlb.useStamp[a]! - tlb.useStamp[b]!);
    sets.push(ways.map((e) => `${e}:${tlb.tags[e]}:${tlb.flags[e]}:${tlb.frameBase[e]}`).join(' '));
  }
  return sets;
}

/** `regionBlocks`: replace the kernel's block engine by one that compiles regions of that many blocks, each at once. */
function runWith(programs: ProgramInput[], config: Partial<MachineConfig>, limit: number, regionBlocks?: number) {
  const kills: string[] = [];
  const kernel: Kernel = bootMachine(programs, {
    config: { maxInstructions: limit, ...config },
    stdin: new TextEncoder().encode('some input\n'),
    onKill: (line) => kills.push(line),
  });
  // Regions, compiled at first sight: the other engine builds this test puts next to the default one.
  const blocks = regionBlocks === undefined ? kernel.machine.blocks : attachBlockEngine(kernel.cpu, { regionBlocks, hotAfter: 0 });
  kernel.run();
  const { config: used, ...result } = collectResult(kernel);
  return { json: JSON.stringify(result), kills, tlb: tlbPicture(kernel.machine.tlb), engine: used.engine, blocks };
}

/** Both engines under the same instruction limit; returns the share of instructions the blocks ran. */
function expectSame(programs: ProgramInput[], config: Partial<MachineConfig>, limit = 100_000, regions = false): number {
  const interp = runWith(programs, { ...config, engine: 'interp' }, limit);
  const blocks = runWith(programs, { ...config, engine: 'blocks' }, limit);
  expect(interp.engine).toBe('interp');
  expect(blocks.engine).toBe('blocks');
  for (const other of regions ? [blocks, runWith(programs, { ...config, engine: 'blocks' }, limit, 16)] : [blocks]) {
    expect(other.json).toBe(interp.json);
    expect(other.kills).toEqual(interp.kills);
    expect(other.tlb).toEqual(interp.tlb);
  }
  const instructions = (JSON.parse(interp.json) as { stats: { instructions: number } }).stats.instructions;
  return instructions === 0 ? 0 : blocks.blocks!.counts.blockInstructions / instructions;
}

const shipped = (dir: string): string[] =>
  readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.s')).map((f) => `${dir}/${f}`);

/**
 * Code over `pages` text pages: a loop calls one function per page in a
 * scrambled order, and each function loads and stores on its own data page,
 * so that a small TLB evicts code and data pages by their order of use.
 */
function pagedProgram(pages: number): ProgramInput {
  const order = Array.from({ length: 3 * pages }, (_, i) => (i * 7 + 3) % pages);
  const text = [
    '_start: la r10, data', '  li r9, 40',
    'loop:', ...order.map((f) => `  call f${f}`), '  addi r9, r9, -1', '  bnez r9, loop',
    '  li r1, 1', '  li r2, 1', '  la r3, data', '  li r4, 16', '  syscall',
    '  li r1, 0', '  andi r2, r5, 255', '  syscall',
    ...Array.from({ length: pages }, (_, f) => [
      '  .align 4096', `f${f}: li r6, ${f * 4096 + 4 * f}`, '  add r6, r6, r10', '  lw r5, 0(r6)',
      `  addi r5, r5, ${f + 1}`, '  sw r5, 0(r6)', '  sb r5, 1(r10)', '  xor r7, r7, r5', '  ret',
    ]).flat(),
    '.data', `data: .space ${pages * 4096}`,
  ].join('\n');
  return source(`paged-${pages}.s`, text);
}

describe('block engine = interpreter', () => {
  test.each(['default', 'tiny TLB lru', 'direct-mapped fifo', 'wide plru', 'quantum 7, plru', 'software refill, tiny plru TLB, ASIDs off'])(
    'code over many pages, %s', (name) => {
      for (const pages of [3, 6]) expect(expectSame([pagedProgram(pages)], CONFIGS[name]!, 100_000, true)).toBeGreaterThan(name.includes('quantum') ? 0.03 : 0.3);
    },
  );

  for (const [name, config] of Object.entries(CONFIGS)) {
    test(`random programs, ${name}`, () => {
      let share = 0;
      for (let seed = 1; seed <= 6; seed++) share += expectSame([randomProgram(seed * 7919)], config, 100_000, true) / 6;
      // The comparison means something only if blocks ran much of the work; with a quantum shorter than
      // most blocks the interpreter runs each slice's tail (docs/engine.md), so less.
      expect(share).toBeGreaterThan(config.quantum !== undefined && config.quantum < 10 ? 0.03 : 0.4);
    });
  }

  for (const [name, config] of Object.entries(CONFIGS)) {
    test(`random programs with ifs, calls and jumps, ${name}`, () => {
      let share = 0;
      for (let seed = 1; seed <= 8; seed++) share += expectSame([randomBranchyProgram(seed * 6007)], config, 100_000, true) / 8;
      expect(share).toBeGreaterThan(config.quantum !== undefined && config.quantum < 10 ? 0.03 : 0.4);
    });
  }

  test.each(Object.entries(CONFIGS))('shipped programs and benchmarks, %s', (_name, config) => {
    for (const path of [...shipped('programs'), ...shipped('programs/bench'), ...shipped('programs/asm-examples'), ...shipped('programs/debug'), ...shipped('programs/measure')]) {
      expectSame([program(path)], config, 300_000);
    }
  });

  test.each(['default', 'quantum 3', 'software refill'])('attacks beside a bystander, %s', (name) => {
    const attacks = readdirSync(join(ROOT, 'programs', 'attacks')).filter((f) => f.endsWith('.s') && f !== 'bystander.s');
    for (const f of attacks) {
      expectSame([program(`programs/attacks/${f}`), program('programs/attacks/bystander.s')], CONFIGS[name]!, 30_000);
    }
  });

  // attack20's attacks on the engine's caches (docs/attacks.md), run to their end: code run off a
  // compiled page, replaced in a reused frame, swapped out and in, a fault deep in a block, a loop
  // across two text pages, calls into a block's middle; every configuration, with regions too.
  // attack24's: faults and a divide by zero in a callee a block runs on into, an entry inside a compiled if, a
  // jump through a page's last word, a code page rewritten with functions of other lengths, a compiled page losing X.
  const BLOCK_ATTACKS = ['blk-run-off-page.s', 'blk-code-reuse.s', 'blk-swapped-code.s', 'blk-long-block-fault.s', 'blk-loop-two-pages.s', 'blk-mid-block.s',
    'blk-call-faults.s', 'blk-then-entry.s', 'blk-last-word-jump.s', 'blk-rewrite-lengths.s', 'blk-callee-fault.s', 'blk-mprotect-code.s'];
  test.each(Object.entries(CONFIGS))('block-engine attacks beside a bystander, to their end, %s', (_name, config) => {
    for (const f of BLOCK_ATTACKS) {
      expect(expectSame([program('programs/attacks/bystander.s'), program(`programs/attacks/${f}`)], config, 2_000_000, true)).toBeGreaterThan(
        config.quantum !== undefined && config.quantum < 10 ? 0.03 : 0.4);
    }
  });

  test('several random programs at once, preempted mid-block', () => {
    const programs = [1, 2, 3, 4].map((i) => randomProgram(i * 104_729));
    for (const quantum of [1, 2, 9, 50]) {
      expect(expectSame(programs, { quantum, tlbEntries: 8, tlbWays: 2 }, 200_000)).toBeGreaterThan(quantum > 10 ? 0.1 : quantum > 2 ? 0.03 : 0);
    }
  });
});
