// Properties over random reference strings: every policy accounts for every
// reference and never overfills memory; fifo, lru, clock and opt match naive
// array-based versions written here step for step; opt never misses more
// than any other policy.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naiveRecency, type Step } from './naive.js';
import { simulatePolicy } from '../../kernel/policy/simulate.js';


/** Oldest first. */
function naiveFifo(frames: number, refs: number[]): Step[] {
  const mem: number[] = [];
  return refs.map((page) => {
    if (mem.includes(page)) return { hit: true, evicted: undefined, frames: [...mem] };
    const evicted = mem.length === frames ? mem.shift() : undefined;
    mem.push(page);
    return { hit: false, evicted, frames: [...mem] };
  });
}

const naiveLru = (frames: number, refs: number[]): Step[] => naiveRecency('least', frames, refs);

/** OSTEP's paging-policy.py OPT: memory in admission order, the last page with the furthest next use goes. */
function naiveOpt(frames: number, refs: number[]): Step[] {
  const mem: number[] = [];
  return refs.map((page, now) => {
    if (mem.includes(page)) return { hit: true, evicted: undefined, frames: [...mem] };
    let evicted: number | undefined;
    if (mem.length === frames) {
      let furthest = -1;
      let at = -1;
      mem.forEach((p, i) => {
        const next = refs.indexOf(p, now + 1);
        const when = next < 0 ? refs.length : next;
        if (when >= furthest) [furthest, at] = [when, i];
      });
      evicted = mem.splice(at, 1)[0];
    }
    mem.push(page);
    return { hit: false, evicted, frames: [...mem] };
  });
}

/** A fixed frame array and a hand; the new page takes the victim's slot. Listed from the hand. */
function naiveClock(frames: number, refs: number[]): Step[] {
  const slot: number[] = [];
  const bit: number[] = [];
  let hand = 0;
  const fromHand = () => slot.map((_, i) => slot[(hand + i) % slot.length]!);
  return refs.map((page) => {
    const at = slot.indexOf(page);
    if (at >= 0) {
      bit[at] = 1;
      return { hit: true, evicted: undefined, frames: fromHand() };
    }
    if (slot.length < frames) {
      slot.push(page);
      bit.push(1);
      return { hit: false, evicted: undefined, frames: fromHand() };
    }
    while (bit[hand] === 1) {
      bit[hand] = 0;
      hand = (hand + 1) % frames;
    }
    const evicted = slot[hand];
    slot[hand] = page;
    bit[hand] = 1;
    hand = (hand + 1) % frames;
    return { hit: false, evicted, frames: fromHand() };
  });
}

const NAIVE = { fifo: naiveFifo, lru: naiveLru, opt: naiveOpt, clock: naiveClock } as const;
const ALL = ['fifo', 'lru', 'clock', 'random', 'opt'] as const;

const input = fc.record({
  frames: fc.integer({ min: 1, max: 6 }),
  refs: fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 60 }),
  seed: fc.integer({ min: 0, max: 1000 }),
});
const PARAMS = { seed: 20_240_601, numRuns: 300 };

describe('policy properties', () => {
  it('hits + misses = length and resident pages never exceed frames', () => {
    fc.assert(
      fc.property(input, ({ frames, refs, seed }) => {
        for (const policy of ALL) {
          const r = simulatePolicy({ policy, frames, references: refs, seed });
          expect(r.hits + r.misses).toBe(refs.length);
          expect(r.steps.length).toBe(refs.length);
          for (const s of r.steps) {
            expect(s.frames.length).toBeLessThanOrEqual(frames);
            expect(s.frames).toContain(s.page);
            expect(new Set(s.frames).size).toBe(s.frames.length);
          }
        }
      }),
      PARAMS,
    );
  });

  for (const [policy, naive] of Object.entries(NAIVE)) {
    it(`${policy} matches the naive version step for step`, () => {
      fc.assert(
        fc.property(input, ({ frames, refs, seed }) => {
          const got = simulatePolicy({ policy: policy as keyof typeof NAIVE, frames, references: refs, seed });
          const want = naive(frames, refs);
          expect(got.steps.map((s) => ({ hit: s.hit, evicted: s.evicted, frames: s.frames }))).toEqual(want);
        }),
        PARAMS,
      );
    });
  }

  it("opt's misses are at most every other policy's", () => {
    fc.assert(
      fc.property(input, ({ frames, refs, seed }) => {
        const opt = simulatePolicy({ policy: 'opt', frames, references: refs, seed }).misses;
        for (const policy of ALL) {
          expect(opt).toBeLessThanOrEqual(simulatePolicy({ policy, frames, references: refs, seed }).misses);
        }
      }),
      PARAMS,
    );
  });
});
