// kernel/evictor.ts: harvesting A bits through the MMU's accessed log gives
// the policy the same touches, clears the same bits and invalidates the same
// TLB entries as scanning every frame (the fallback, kept for an overflowed
// log), while looking at a number of frames that follows what was touched,
// not how much memory there is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { MachineConfig } from '../../kernel/config.js';
import type { KernelEvent } from '../../kernel/events.js';
import { collectResult } from '../../kernel/result.js';
import { bootMachine, type ProgramInput } from '../../kernel/run.js';
import { Prng } from '../../mmu/prng.js';
import { ROOT, source } from '../e2e/harness.js';

const STDIN = new TextEncoder().encode('stdin bytes for read() into the heap, copied out by the kernel\n'.repeat(8));

/**
 * A random program that keeps more heap pages than memory holds busy:
 * rounds of loads and stores at random pages, write() from a heap page
 * (the kernel reads it and sets A), read() into one (the kernel writes it
 * and sets A and D), and forks whose children store to shared pages (COW)
 * and exit.
 */
function swapProgram(seed: number): { program: ProgramInput; pages: number } {
  const rng = new Prng(seed);
  const pages = 16 + rng.below(32);
  const at = () => `${rng.below(pages) * 4096 + rng.below(1024) * 4}`;
  const body: string[] = [];
  const children: string[] = [];
  const ops = 30 + rng.below(50);
  for (let i = 0; i < ops; i++) {
    const k = rng.below(100);
    const address = ['  li r12, ' + at(), '  add r12, r10, r12'];
    if (k < 45) body.push(...address, '  lw r3, 0(r12)');
    else if (k < 85) body.push(...address, '  sw r9, 0(r12)');
    else if (k < 91) body.push(...address, '  li r1, 1', '  li r2, 1', '  mv r3, r12', '  li r4, 4', '  syscall');
    else if (k < 96) body.push(...address, '  li r1, 2', '  li r2, 0', '  mv r3, r12', '  li r4, 4', '  syscall');
    else {
      const label = `child${children.length}`;
      body.push('  li r1, 4', '  syscall', `  beqz r1, ${label}`);
      children.push(`${label}:`);
      for (let j = 0; j < 1 + rng.below(6); j++) children.push('  li r12, ' + at(), '  add r12, r10, r12', '  sw r9, 0(r12)');
      children.push('  li r1, 0', '  li r2, 0', '  syscall');
    }
  }
  const text = [
    '_start:',
    `  li r1, 6`, `  li r2, ${pages * 4096}`, '  syscall', '  mv r10, r1',
    `  li r9, ${2 + rng.below(3)}`,
    'round:',
    ...body,
    '  addi r9, r9, -1',
    '  bne r9, r0, round',
    '  li r1, 0', '  li r2, 0', '  syscall',
    ...children,
  ];
  return { program: source(`swap-${seed}.s`, `${text.join('\n')}\n`), pages };
}

interface Outcome {
  json: string;
  /** The policy's touch() calls, in order. */
  touches: number[];
  /** Every PTE write: space, page, old and new PTE, site, whether the TLB was told. */
  pteWrites: string[];
  events: string[];
  trace: string[];
  work: { harvests: number; fullScans: number; framesVisited: number };
}

/** One run, harvesting through the log or by scanning; with the trace (reference CPU) when `traced`. */
function runWith(program: ProgramInput, config: Partial<MachineConfig>, useAccessLog: boolean, traced: boolean): Outcome {
  const events: string[] = [];
  const trace: string[] = [];
  const kernel = bootMachine([program], {
    config: { maxInstructions: 200_000, ...config },
    stdin: STDIN,
    events: { emit: (e: KernelEvent, cycle: number) => events.push(`${cycle} ${JSON.stringify(e)}`) },
    ...(traced ? { trace: { output: { write: (line: string) => trace.push(line), close: () => {} } } } : {}),
  });
  kernel.evictor.useAccessLog = useAccessLog;
  const touches: number[] = [];
  const policy = kernel.vm.policy;
  const touch = policy.touch.bind(policy);
  policy.touch = (frame) => {
    touches.push(frame);
    touch(frame);
  };
  const pteWrites: string[] = [];
  kernel.vm.pteWatcher = (space, vpn, oldPte, newPte, site, invalidated) => pteWrites.push(`${space.id} ${vpn} ${oldPte} ${newPte} ${site} ${invalidated}`);
  kernel.run();
  return { json: JSON.stringify(collectResult(kernel)), touches, pteWrites, events, trace, work: { ...kernel.evictor.work } };
}

const CONFIGS: Record<string, Partial<MachineConfig>> = {
  'clock': { policy: 'clock' },
  'lru': { policy: 'lru' },
  'clock, software refill': { policy: 'clock', tlbRefill: 'software' },
  'lru, ASIDs off, 8-entry TLB': { policy: 'lru', asids: false, tlbEntries: 8, tlbWays: 2 },
};

describe.each(Object.entries(CONFIGS))('the log gives the full scan\'s run: %s', (_, config) => {
  test.each(Array.from({ length: 16 }, (_, i) => i + 1))('random swap-heavy program, seed %i', (seed) => {
    const { program, pages } = swapProgram(seed);
    // Fewer frames than the heap needs, so that most rounds evict (and some
    // runs end out of memory); short quanta, so that children run between
    // the parent's stores and exits free frames now and then.
    const rng = new Prng(seed + 1000);
    const machine = { ...config, frames: 10 + rng.below(pages >> 1), quantum: 20 + rng.below(200), seed };
    for (const traced of [false, true]) {
      const logged = runWith(program, machine, true, traced);
      const scanned = runWith(program, machine, false, traced);
      expect(logged.touches).toEqual(scanned.touches);
      expect(logged.pteWrites).toEqual(scanned.pteWrites);
      expect(logged.json).toBe(scanned.json);
      expect(logged.events).toEqual(scanned.events);
      expect(logged.trace).toEqual(scanned.trace);
      // Both ways were really taken: harvests happened, the scan scanned each time, the log mostly did not.
      expect(scanned.work.harvests).toBeGreaterThan(0);
      expect(logged.work.harvests).toBe(scanned.work.harvests);
      expect(scanned.work.fullScans).toBe(scanned.work.harvests);
      expect(logged.work.fullScans).toBeLessThan(logged.work.harvests);
      expect(logged.work.framesVisited).toBeLessThan(scanned.work.framesVisited);
    }
  });
});

/** programs/bench/swap.s over `pages` heap pages: 4 sweeps, one word a page, each a fault that evicts once memory is full. */
function sweep(pages: number): ProgramInput {
  const text = readFileSync(join(ROOT, 'programs/bench/swap.s'), 'utf8')
    .replace('.equ PAGES, 256', `.equ PAGES, ${pages}`)
    .replace('.equ HEAP_BYTES, 1048576', `.equ HEAP_BYTES, ${pages * 4096}`);
  return source(`swap-${pages}.s`, text);
}

describe('the harvest\'s work follows the pages touched, not the frames', () => {
  // Each harvest after the first reads 2 log entries, the page made by the
  // last fault and the text page (whose TLB entry the last harvest dropped);
  // the first reads every PTE that gained A since boot (the pages made while
  // memory filled, and the text and stack pages). A scan reads every frame.
  test.each([
    // frames, heap pages, harvests, frames visited through the log
    [256, 320, 1029, 253 + 2 * 1028],
    [1024, 1088, 3334, 1019 + 2 * 3333],
  ])('--frames %i, a sweep over %i pages: %i harvests, %i frames visited', (frames, pages, harvests, visited) => {
    const program = sweep(pages);
    const logged = runWith(program, { frames, maxInstructions: 10_000_000 }, true, false);
    const scanned = runWith(program, { frames, maxInstructions: 10_000_000 }, false, false);
    expect(logged.json).toBe(scanned.json);
    expect(logged.json).toContain('PASS: swap');
    expect(scanned.work).toEqual({ harvests, fullScans: harvests, framesVisited: harvests * frames });
    expect(logged.work).toEqual({ harvests, fullScans: 0, framesVisited: visited });
  });

  test('--frames 4096, a sweep over 4352 pages: still 2 frames a harvest through the log', () => {
    const logged = runWith(sweep(4352), { frames: 4096, maxInstructions: 10_000_000 }, true, false);
    expect(logged.json).toContain('PASS: swap');
    // A full scan would look at 13324 * 4096 = 54,575,104 frames (docs/benchmarks.md).
    expect(logged.work).toEqual({ harvests: 13_324, fullScans: 0, framesVisited: 4085 + 2 * 13_323 });
  });
});
