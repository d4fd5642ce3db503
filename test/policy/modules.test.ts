// Each policy module through the ReplacementPolicy interface: admit order,
// touch, forget, canEvict rejections, and the kernel-bug check on a double admit.
import { describe, expect, it } from 'vitest';
import { ClockPolicy, createOptPolicy, createPolicy, POLICY_NAMES } from '../../kernel/policy/index.js';
import type { ReplacementPolicy } from '../../kernel/policy/policy.js';

const all = () => true;
const none = () => false;
const except = (...pinned: number[]) => (p: number) => !pinned.includes(p);

function admitAll<P extends ReplacementPolicy>(policy: P, pages: number[]): P {
  for (const p of pages) policy.admit(p);
  return policy;
}

describe('every kernel policy', () => {
  for (const name of POLICY_NAMES) {
    describe(name, () => {
      it('throws when a resident page is admitted again (a kernel bug)', () => {
        const p = admitAll(createPolicy(name, 1), [4, 9]);
        expect(() => p.admit(9)).toThrow(/admitted twice/);
      });

      it('forget drops a resident page and ignores an unknown one', () => {
        const p = admitAll(createPolicy(name, 1), [4, 9, 2]);
        p.forget(9);
        p.forget(77);
        expect([...p.residents()].sort((a, b) => a - b)).toEqual([2, 4]);
        const victims = [p.chooseVictim(all), p.chooseVictim(all)].sort((a, b) => a! - b!);
        expect(victims).toEqual([2, 4]);
        expect(p.chooseVictim(all)).toBeUndefined();
        expect(p.residents()).toEqual([]);
      });

      it('returns undefined and keeps every page when canEvict rejects all', () => {
        const p = admitAll(createPolicy(name, 1), [3, 1, 2]);
        expect(p.chooseVictim(none)).toBeUndefined();
        expect([...p.residents()].sort()).toEqual([1, 2, 3]);
      });

      it('only evicts what canEvict accepts', () => {
        const p = admitAll(createPolicy(name, 5), [10, 11, 12, 13]);
        expect(p.chooseVictim(except(10, 11, 13))).toBe(12);
        expect([...p.residents()].sort()).toEqual([10, 11, 13]);
      });

      it('takes frame numbers up to the kernel\'s ~260k frames', () => {
        const p = admitAll(createPolicy(name, 1), [262_143, 0, 131_072]);
        expect(p.residents().length).toBe(3);
        expect(() => p.admit(-1)).toThrow();
        expect(() => p.admit(1.5)).toThrow();
      });
    });
  }
});

describe('fifo', () => {
  it('lists oldest first, ignores touches, and skips a pinned oldest page', () => {
    const p = admitAll(createPolicy('fifo', 0), [5, 6, 7]);
    p.touch(5);
    expect(p.residents()).toEqual([5, 6, 7]);
    expect(p.usesReferences).toBe(false);
    expect(p.chooseVictim(except(5))).toBe(6);
    expect(p.chooseVictim(all)).toBe(5);
    p.admit(6);
    expect(p.residents()).toEqual([7, 6]);
  });
});

describe('lru', () => {
  it('lists least recently used first; touch moves a page to the end', () => {
    const p = admitAll(createPolicy('lru', 0), [5, 6, 7]);
    p.touch(5);
    expect(p.residents()).toEqual([6, 7, 5]);
    expect(p.usesReferences).toBe(true);
    expect(p.chooseVictim(except(6))).toBe(7);
    expect(p.chooseVictim(all)).toBe(6);
    expect(p.residents()).toEqual([5]);
  });
});

describe('clock', () => {
  it('lists from the hand, clears bits as it sweeps, and puts new pages behind the hand', () => {
    const p = admitAll(new ClockPolicy(), [1, 2, 3]);
    expect(p.residents()).toEqual([1, 2, 3]);
    // All bits set: one pass clears them, then 1 (at the hand) goes.
    expect(p.chooseVictim(all)).toBe(1);
    expect(p.residents()).toEqual([2, 3]);
    expect([p.isReferenced(2), p.isReferenced(3)]).toEqual([false, false]);
    p.admit(4);
    expect(p.residents()).toEqual([2, 3, 4]);
    p.touch(2);
    // 2 referenced: cleared, hand moves; 3 unreferenced goes.
    expect(p.chooseVictim(all)).toBe(3);
    expect(p.residents()).toEqual([4, 2]);
    expect(p.isReferenced(2)).toBe(false);
    expect(p.isReferenced(4)).toBe(true);
  });

  it('skips a rejected page without touching its bit; the victim is the next acceptable one', () => {
    const p = admitAll(new ClockPolicy(), [1, 2, 3]);
    expect(p.chooseVictim(all)).toBe(1); // bits of 2 and 3 now clear
    p.admit(4);
    p.touch(3);
    // Hand at 2 (unreferenced but pinned): skipped; 3 referenced: cleared; 4 referenced: cleared; 2 skipped; 3 goes.
    expect(p.chooseVictim(except(2))).toBe(3);
    expect(p.isReferenced(4)).toBe(false);
    expect(p.residents()).toEqual([4, 2]);
  });

  it('forgetting the page under the hand moves the hand on', () => {
    const p = admitAll(new ClockPolicy(), [1, 2, 3]);
    p.forget(1);
    expect(p.residents()).toEqual([2, 3]);
    p.forget(2);
    p.forget(3);
    expect(p.residents()).toEqual([]);
    p.admit(8);
    expect(p.residents()).toEqual([8]);
    expect(p.chooseVictim(all)).toBe(8);
  });
});

describe('random', () => {
  it('keeps residents in a dense array: a removal moves the last page into the hole', () => {
    const p = admitAll(createPolicy('random', 3), [1, 2, 3, 4]);
    p.forget(2);
    expect(p.residents()).toEqual([1, 4, 3]);
  });

  it('finds the one acceptable page among many pinned ones', () => {
    const pages = Array.from({ length: 1000 }, (_, i) => i);
    const p = admitAll(createPolicy('random', 9), pages);
    expect(p.chooseVictim((q) => q === 777)).toBe(777);
    expect(p.residents().length).toBe(999);
  });

  it('picks every acceptable page at least sometimes (uniform, not stuck)', () => {
    const seen = new Set<number>();
    const p = admitAll(createPolicy('random', 11), [0, 1, 2, 3]);
    for (let i = 0; i < 200; i++) {
      const v = p.chooseVictim(except(0))!;
      seen.add(v);
      p.admit(v);
    }
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });
});

describe('opt', () => {
  it('evicts the page used furthest ahead, and follows the string with a cursor', () => {
    const refs = [1, 2, 3, 2, 1, 4, 1];
    const p = createOptPolicy(refs);
    for (const page of [1, 2, 3]) p.admit(page);
    p.touch(2);
    p.touch(1);
    expect(p.position).toBe(5);
    // At the 4: 1 is used next at 6, 2 and 3 never: tie to 3, admitted last.
    expect(p.chooseVictim(all)).toBe(3);
    expect(p.chooseVictim(except(2))).toBe(1);
    expect(p.residents()).toEqual([2]);
    p.admit(4);
    expect(p.residents()).toEqual([2, 4]);
  });

  it('throws when the caller strays from the reference string', () => {
    const p = createOptPolicy([1, 2]);
    p.admit(1);
    expect(() => p.admit(3)).toThrow(/step 1/);
    expect(() => p.touch(1)).toThrow(/reference string has 2/);
    p.admit(2);
    expect(() => p.touch(2)).toThrow(/ended/);
  });

  it('forget drops a page, after which it is never chosen', () => {
    const p = createOptPolicy([5, 6, 7]);
    p.admit(5);
    p.admit(6);
    p.forget(6);
    p.forget(42);
    expect(p.chooseVictim(all)).toBe(5);
    expect(p.chooseVictim(all)).toBeUndefined();
  });
});
