// The simulator-only policy modules (mru, unopt, clock with several bits,
// clock-ostep) against naive array versions written from their rules, step
// for step; and the two yardsticks: no policy misses less than opt or more
// than unopt on the same string.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naiveRecency, type Step } from '../policy/naive.js';
import { Prng } from '../../mmu/prng.js';
import { SIMULATED_POLICY_NAMES, simulatePolicy } from '../../kernel/policy/simulate.js';


const naiveMru = (frames: number, refs: number[]): Step[] => naiveRecency('most', frames, refs);

/** OSTEP's UNOPT: admission order; the first page with the nearest next use goes (never again counts as the end). */
function naiveUnopt(frames: number, refs: number[]): Step[] {
  const mem: number[] = [];
  return refs.map((page, now) => {
    if (mem.includes(page)) return { hit: true, evicted: undefined, frames: [...mem] };
    let evicted: number | undefined;
    if (mem.length === frames) {
      let nearest = refs.length + 1;
      let at = -1;
      mem.forEach((p, i) => {
        const next = refs.indexOf(p, now + 1);
        const when = next < 0 ? refs.length : next;
        if (when < nearest) [nearest, at] = [when, i];
      });
      evicted = mem.splice(at, 1)[0];
    }
    mem.push(page);
    return { hit: false, evicted, frames: [...mem] };
  });
}

/** A frame array and a hand, each slot a count saturating at `max`; the hand takes one from each count it passes. */
function naiveCountingClock(max: number) {
  return (frames: number, refs: number[]): Step[] => {
    const slot: number[] = [];
    const count: number[] = [];
    let hand = 0;
    const fromHand = () => slot.map((_, i) => slot[(hand + i) % slot.length]!);
    return refs.map((page) => {
      const at = slot.indexOf(page);
      if (at >= 0) {
        count[at] = Math.min(max, count[at]! + 1);
        return { hit: true, evicted: undefined, frames: fromHand() };
      }
      if (slot.length < frames) {
        slot.push(page);
        count.push(1);
        return { hit: false, evicted: undefined, frames: fromHand() };
      }
      while (count[hand]! > 0) {
        count[hand]!--;
        hand = (hand + 1) % frames;
      }
      const evicted = slot[hand];
      slot[hand] = page;
      count[hand] = 1;
      hand = (hand + 1) % frames;
      return { hit: false, evicted, frames: fromHand() };
    });
  };
}

/** OSTEP's CLOCK: random probes into admission-ordered memory, counts saturating at `max`; draws from the same seeded PRNG. */
function naiveClockOstep(max: number, seed: number) {
  return (frames: number, refs: number[]): Step[] => {
    const prng = new Prng(seed);
    const mem: number[] = [];
    const ref = new Map<number, number>();
    return refs.map((page) => {
      const hit = mem.includes(page);
      let evicted: number | undefined;
      if (!hit && mem.length === frames) {
        for (;;) {
          const p = mem[prng.below(mem.length)]!;
          if (ref.get(p)! >= 1) ref.set(p, ref.get(p)! - 1);
          else {
            evicted = p;
            mem.splice(mem.indexOf(p), 1);
            ref.delete(p);
            break;
          }
        }
      }
      if (!hit) mem.push(page);
      ref.set(page, hit ? Math.min(max, ref.get(page)! + 1) : 1);
      return { hit, evicted, frames: [...mem] };
    });
  };
}

const input = fc.record({
  frames: fc.integer({ min: 1, max: 6 }),
  refs: fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 60 }),
  seed: fc.integer({ min: 0, max: 1000 }),
  bits: fc.integer({ min: 1, max: 4 }),
});
const PARAMS = { seed: 20_261_201, numRuns: 300 };
const stepsOf = (r: ReturnType<typeof simulatePolicy>) => r.steps.map((s) => ({ hit: s.hit, evicted: s.evicted, frames: s.frames }));

describe('simulator-only policies, step for step', () => {
  it('mru matches the naive version', () => {
    fc.assert(fc.property(input, ({ frames, refs, seed }) => {
      expect(stepsOf(simulatePolicy({ policy: 'mru', frames, references: refs, seed }))).toEqual(naiveMru(frames, refs));
    }), PARAMS);
  });

  it('unopt matches OSTEP\'s rule', () => {
    fc.assert(fc.property(input, ({ frames, refs, seed }) => {
      expect(stepsOf(simulatePolicy({ policy: 'unopt', frames, references: refs, seed }))).toEqual(naiveUnopt(frames, refs));
    }), PARAMS);
  });

  it('clock with --clockbits N matches a counting clock with a hand', () => {
    fc.assert(fc.property(input, ({ frames, refs, seed, bits }) => {
      const got = simulatePolicy({ policy: 'clock', frames, references: refs, seed, clockBits: bits });
      expect(stepsOf(got)).toEqual(naiveCountingClock(bits)(frames, refs));
    }), PARAMS);
  });

  it('clock-ostep matches OSTEP\'s random-probe rule on the same draws', () => {
    fc.assert(fc.property(input, ({ frames, refs, seed, bits }) => {
      const got = simulatePolicy({ policy: 'clock-ostep', frames, references: refs, seed, clockBits: bits });
      expect(stepsOf(got)).toEqual(naiveClockOstep(bits, seed)(frames, refs));
    }), PARAMS);
  });
});

describe('yardsticks', () => {
  it('no policy misses less than opt or more than unopt', () => {
    fc.assert(fc.property(input, ({ frames, refs, seed, bits }) => {
      const misses = (policy: (typeof SIMULATED_POLICY_NAMES)[number]) =>
        simulatePolicy({ policy, frames, references: refs, seed, clockBits: bits }).misses;
      const opt = misses('opt');
      const unopt = misses('unopt');
      for (const policy of SIMULATED_POLICY_NAMES) {
        expect(misses(policy)).toBeGreaterThanOrEqual(opt);
        expect(misses(policy)).toBeLessThanOrEqual(unopt);
      }
    }), PARAMS);
  });

  it('MRU beats LRU on a loop one page larger than memory (exact counts)', () => {
    const loop = [0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3];
    expect(simulatePolicy({ policy: 'lru', frames: 3, references: loop, seed: 0 }).misses).toBe(12);
    expect(simulatePolicy({ policy: 'mru', frames: 3, references: loop, seed: 0 }).misses).toBe(6);
  });
});
