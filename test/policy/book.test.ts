// The worked examples of OSTEP chapter 22 and Belady's anomaly, run through
// simulatePolicy with exact hit/miss/evict sequences derived by hand.
import { describe, expect, it } from 'vitest';
import { simulatePolicy } from '../../kernel/policy/simulate.js';
import type { PolicyName } from '../../kernel/policy/policy.js';

type Name = PolicyName | 'opt';

function run(policy: Name, frames: number, references: number[], seed = 0) {
  return simulatePolicy({ policy, frames, references, seed });
}

/** 'M' miss, 'H' hit, 'M2' miss that evicted page 2. */
function trace(policy: Name, frames: number, references: number[], seed = 0): string[] {
  return run(policy, frames, references, seed).steps.map((s) => (s.hit ? 'H' : `M${s.evicted ?? ''}`));
}

const BOOK = [0, 1, 2, 0, 1, 3, 0, 3, 1, 2, 1];

describe('OSTEP chapter 22 example: 0,1,2,0,1,3,0,3,1,2,1 with 3 frames', () => {
  it('opt: 6 hits, 5 misses; evicts 2 at the 3, then 3 at the 2 (tie with 0, most recently admitted goes)', () => {
    const r = run('opt', 3, BOOK);
    expect([r.hits, r.misses]).toEqual([6, 5]);
    expect(trace('opt', 3, BOOK)).toEqual(['M', 'M', 'M', 'H', 'H', 'M2', 'H', 'H', 'H', 'M3', 'H']);
    expect(r.steps.map((s) => s.frames)).toEqual([
      [0], [0, 1], [0, 1, 2], [0, 1, 2], [0, 1, 2], [0, 1, 3], [0, 1, 3], [0, 1, 3], [0, 1, 3], [0, 1, 2], [0, 1, 2],
    ]);
    expect(r.hitRate).toBeCloseTo(6 / 11, 12);
  });

  it('fifo: 4 hits, 7 misses; evicts 0, 1, 2, 3 in turn', () => {
    const r = run('fifo', 3, BOOK);
    expect([r.hits, r.misses]).toEqual([4, 7]);
    expect(trace('fifo', 3, BOOK)).toEqual(['M', 'M', 'M', 'H', 'H', 'M0', 'M1', 'H', 'M2', 'M3', 'H']);
    expect(r.steps.map((s) => s.frames)).toEqual([
      [0], [0, 1], [0, 1, 2], [0, 1, 2], [0, 1, 2], [1, 2, 3], [2, 3, 0], [2, 3, 0], [3, 0, 1], [0, 1, 2], [0, 1, 2],
    ]);
  });

  it('lru: 6 hits, 5 misses; evicts 2 at the 3, then 0 at the 2', () => {
    const r = run('lru', 3, BOOK);
    expect([r.hits, r.misses]).toEqual([6, 5]);
    expect(trace('lru', 3, BOOK)).toEqual(['M', 'M', 'M', 'H', 'H', 'M2', 'H', 'H', 'H', 'M0', 'H']);
    expect(r.steps.map((s) => s.frames)).toEqual([
      [0], [0, 1], [0, 1, 2], [1, 2, 0], [2, 0, 1], [0, 1, 3], [1, 3, 0], [1, 0, 3], [0, 3, 1], [3, 1, 2], [3, 2, 1],
    ]);
  });

  it('clock: every page referenced by the time 3 arrives, so it behaves as fifo here (4 hits)', () => {
    expect(trace('clock', 3, BOOK)).toEqual(['M', 'M', 'M', 'H', 'H', 'M0', 'M1', 'H', 'M2', 'M3', 'H']);
  });
});

describe("Belady's anomaly: 1,2,3,4,1,2,5,1,2,3,4,5", () => {
  const S = [1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5];

  it('fifo misses more with 4 frames (10) than with 3 (9)', () => {
    expect(run('fifo', 3, S).misses).toBe(9);
    expect(trace('fifo', 3, S)).toEqual(['M', 'M', 'M', 'M1', 'M2', 'M3', 'M4', 'H', 'H', 'M1', 'M2', 'H']);
    expect(run('fifo', 4, S).misses).toBe(10);
    expect(trace('fifo', 4, S)).toEqual(['M', 'M', 'M', 'M', 'H', 'H', 'M1', 'M2', 'M3', 'M4', 'M5', 'M1']);
  });

  it('lru has no anomaly on it: 10 misses with 3 frames, 8 with 4', () => {
    expect(trace('lru', 3, S)).toEqual(['M', 'M', 'M', 'M1', 'M2', 'M3', 'M4', 'H', 'H', 'M5', 'M1', 'M2']);
    expect(run('lru', 3, S).misses).toBe(10);
    expect(trace('lru', 4, S)).toEqual(['M', 'M', 'M', 'M', 'H', 'H', 'M3', 'H', 'H', 'M4', 'M5', 'M1']);
    expect(run('lru', 4, S).misses).toBe(8);
  });
});

describe('clock on 0,1,2,3,1,4,1,5 with 3 frames (hand computed)', () => {
  const S = [0, 1, 2, 3, 1, 4, 1, 5];

  it('gives 1 a second chance where fifo evicts it', () => {
    // 3: all bits set, a full sweep clears them and 0 goes; ring 1,2,3 (3 set).
    // 1 hit sets 1. 4: 1 cleared, 2 unset goes; ring 3,1,4 (3, 4 set).
    // 1 hit sets 1. 5: 3, 1, 4 cleared in turn, then 3 goes; ring 1,4,5.
    const r = run('clock', 3, S);
    expect(trace('clock', 3, S)).toEqual(['M', 'M', 'M', 'M0', 'H', 'M2', 'H', 'M3']);
    expect(r.steps.map((s) => s.frames)).toEqual([
      [0], [0, 1], [0, 1, 2], [1, 2, 3], [1, 2, 3], [3, 1, 4], [3, 1, 4], [1, 4, 5],
    ]);
    expect([r.hits, r.misses]).toEqual([2, 6]);
    expect(trace('fifo', 3, S)).toEqual(['M', 'M', 'M', 'M0', 'H', 'M1', 'M2', 'M3']);
  });
});

describe('random', () => {
  const S = Array.from({ length: 200 }, (_, i) => (i * 7919 + (i >> 3)) % 23);

  it('the same seed gives the same run', () => {
    expect(run('random', 5, S, 42)).toEqual(run('random', 5, S, 42));
  });

  it('different seeds give different victims', () => {
    const victims = (seed: number) => run('random', 5, S, seed).steps.map((s) => s.evicted ?? -1);
    expect(victims(1)).not.toEqual(victims(2));
  });

  it('never evicts while a frame is free', () => {
    const r = run('random', 8, [0, 1, 2, 3, 0, 1, 4, 5, 6, 7, 9, 10], 7);
    expect(r.steps.slice(0, 10).every((s) => s.evicted === undefined)).toBe(true);
    expect(r.steps[10]!.evicted).toBeDefined();
    expect(r.steps[11]!.evicted).toBeDefined();
  });
});

describe('simulatePolicy edges', () => {
  it('an empty string gives no steps and a hit rate of 0', () => {
    expect(run('lru', 3, [])).toEqual({ hits: 0, misses: 0, hitRate: 0, steps: [] });
  });

  it('rejects fewer than one frame', () => {
    expect(() => run('fifo', 0, [1])).toThrow(/frames must be/);
  });
});
