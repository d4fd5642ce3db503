// Transparency of the refill design (SPEC section 5): every shipped program
// (examples, benchmarks, attacks beside the bystander) gives the same output,
// exits and kills with --tlb-refill hardware and software, and the same
// statistics but for the ones the design is about: cycles, who walked
// (page_walks: the MMU; tlb_refill_traps, tlb_modified_traps: the kernel) and
// tlb_hits (a refilled instruction runs again, so its accesses hit again;
// misses are the same accesses in both designs). Both runs are in checker
// mode: a software-written entry never grants what the PTE does not.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { MachineConfig } from '../../kernel/config.js';
import type { RunStats } from '../../kernel/result.js';
import { program, ROOT, run, source, type RunOutcome } from './harness.js';

// cycles_exact is the cycle count itself, present once it passes 2^53 (host-tick-skip.s gets there at any quantum).
const DESIGN_STATS = ['cycles', 'cycles_exact', 'tlb_hits', 'page_walks', 'tlb_refill_traps', 'tlb_modified_traps'] as const;

/** Formatting what it measured costs tlb.s a few instructions more or less, so its instruction count (and ticks) follow. */
const TIMED_STATS = ['instructions', 'ticks'] as const;

function withoutDesignStats(stats: RunStats, timed: boolean): Partial<RunStats> {
  const rest: Partial<RunStats> = { ...stats };
  for (const k of DESIGN_STATS) delete rest[k];
  if (timed) for (const k of TIMED_STATS) delete rest[k];
  return rest;
}

/**
 * Programs whose size is about the host, not the refill: host-fork-many's
 * 20,000 rounds took over half of this file's time in checker mode; 2,500
 * rounds still pass the 2,000 results the kernel keeps (so some are left
 * out in both designs). Its full size runs in its own tests.
 */
const SMALLER: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'programs/attacks/host-fork-many.s': { ROUNDS: 2500 },
};

function both(files: readonly string[], config: Partial<MachineConfig>, stdin = 'some input\n'): { hw: RunOutcome; sw: RunOutcome } {
  const programs = files.map((f) => program(f, SMALLER[f]));
  return {
    hw: run(programs, { ...config, tlbRefill: 'hardware' }, stdin),
    sw: run(programs, { ...config, tlbRefill: 'software' }, stdin),
  };
}

/** tlb.s prints what it measured with rdcycle: the one output that must differ (its numbers; see the test below). */
const timed = (o: RunOutcome) => o.result.processes.map((p) => ({
  ...p, stdout: p.stdout.replace(/[\d.]+ cycles per access/g, 'N cycles per access'), stats: { ...p.stats, instructions: 0 },
}));

function expectTransparent(files: readonly string[], config: Partial<MachineConfig> = {}): void {
  const { hw, sw } = both(files, config);
  const selfTimed = files.includes('programs/tlb.s');
  if (selfTimed) expect(timed(sw)).toEqual(timed(hw));
  else expect(sw.result.processes).toEqual(hw.result.processes);
  expect(sw.killLines).toEqual(hw.killLines);
  expect(withoutDesignStats(sw.result.stats, selfTimed)).toEqual(withoutDesignStats(hw.result.stats, selfTimed));
  // Each design did its own work and none of the other's.
  expect(hw.result.stats.tlb_refill_traps + hw.result.stats.tlb_modified_traps).toBe(0);
  expect(sw.result.stats.page_walks).toBe(0);
  // Every miss is a refill trap: served, or turned into the walker's page fault.
  expect(sw.result.stats.tlb_refill_traps).toBe(sw.result.stats.tlb_misses);
  expect(sw.result.stats.cycles).toBeGreaterThan(hw.result.stats.cycles);
}

const list = (dir: string) => readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.s')).sort().map((f) => `${dir}/${f}`);
const EXAMPLES = [...list('programs'), ...list('programs/asm-examples')];
// bench/swap.s is left to the smaller-memory case below (it needs 64 frames to swap).
const BENCHMARKS = list('programs/bench');
const ATTACKS = list('programs/attacks').filter((f) => !f.endsWith('bystander.s'));

describe('software refill is invisible to programs', () => {
  test.each(EXAMPLES)('%s', (f) => expectTransparent([f]));
  test.each(BENCHMARKS)('%s (64 frames)', (f) => expectTransparent([f], { frames: 64 }));
  test.each(ATTACKS)('%s beside the bystander', (f) => expectTransparent([f, 'programs/attacks/bystander.s'], { quantum: 500 }));
  test('swap.s with 24 frames, clock (harvested A bits refill again), a small plru TLB, ASIDs off', () => {
    expectTransparent(['programs/swap.s'], { frames: 24, policy: 'clock', tlbEntries: 8, tlbWays: 4, tlbPolicy: 'plru', asids: false });
  });
  test('forkwait.s and cow.s together with ASIDs recycled (a crowd of address spaces)', () => {
    expectTransparent(['programs/attacks/proc-asid-recycling.s', 'programs/cow.s', 'programs/forkwait.s'], { tlbEntries: 16, tlbWays: 2, tlbPolicy: 'fifo' });
  });
});

test('the first store through a refilled page traps once as tlb_modified; a load-only page never does', () => {
  // Text: miss -> page fault (image) -> miss, served. Data: the load misses -> page
  // fault (image) -> miss, served without W (D is clear); the store hits that entry
  // and traps tlb_modified once (D set, W written); the second store just hits.
  const text = [
    '        .text',
    '_start: la   r2, word',
    '        lw   r3, 0(r2)',
    '        sw   r3, 4(r2)',
    '        sw   r3, 8(r2)',
    '        li   r1, 0',
    '        li   r2, 0',
    '        syscall',
    '        .data',
    'word:   .word 7, 0, 0',
    '',
  ].join('\n');
  const programs = [source('store.s', text)];
  const sw = run(programs, { tlbRefill: 'software' }).result.stats;
  const hw = run(programs, {}).result.stats;
  expect([sw.tlb_refill_traps, sw.tlb_modified_traps, sw.page_faults, sw.tlb_misses]).toEqual([4, 1, 2, 4]);
  expect([hw.tlb_refill_traps, hw.tlb_modified_traps, hw.page_faults, hw.tlb_misses, hw.page_walks]).toEqual([0, 0, 2, 4, 5]);
  // Cycles: the handler reads the same table words as the walker (its tlb_modified look-up
  // matches the walker's walk to set D), so only the 5 traps' 30 cycles each differ.
  expect(sw.cycles - hw.cycles).toBe(5 * 30);
});

test('tlb.s times a miss: 46 cycles an access with the walker, 76 with a software refill (30 for the trap)', () => {
  const { hw, sw } = both(['programs/tlb.s'], {});
  const line = (o: RunOutcome, pages: number) => o.result.processes[0]!.stdout.split('\n').find((l) => l.startsWith(`pages ${pages}:`));
  // 64 entries, 4 ways: up to 32 pages every access hits (6 cycles: the loop's instructions).
  expect([line(hw, 32), line(sw, 32)]).toEqual(['pages 32: 6.00 cycles per access', 'pages 32: 6.00 cycles per access']);
  // Beyond the TLB every access misses: 2 table words x 20 cycles, plus 30 for the trap in software.
  expect([line(hw, 512), line(sw, 512)]).toEqual(['pages 512: 46.00 cycles per access', 'pages 512: 76.00 cycles per access']);
});
