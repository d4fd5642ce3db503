// kernel/swapDevice.ts: slots are handed out lowest first, the last freed
// slot before any never-used one, with reference counts; a full device says -1.
import { describe, expect, test } from 'vitest';
import { SwapDevice } from '../../kernel/swapDevice.js';

describe('SwapDevice', () => {
  test('never-used slots in order; a freed slot is taken again first, the last freed first', () => {
    const swap = new SwapDevice(5);
    expect([swap.allocate(1), swap.allocate(1), swap.allocate(1)]).toEqual([0, 1, 2]);
    swap.release(1);
    swap.release(0);
    expect([swap.freeSlots, swap.usedSlots]).toEqual([4, 1]);
    expect([swap.allocate(1), swap.allocate(1), swap.allocate(1), swap.allocate(1), swap.allocate(1)]).toEqual([0, 1, 3, 4, -1]);
    expect([swap.freeSlots, swap.usedSlots]).toEqual([0, 5]);
  });

  test('a shared slot is free only when its last reference goes', () => {
    const swap = new SwapDevice(2);
    const slot = swap.allocate(2);
    swap.addRef(slot);
    swap.release(slot);
    swap.release(slot);
    expect([swap.refsOf(slot), swap.freeSlots]).toEqual([1, 1]);
    swap.release(slot);
    expect([swap.refsOf(slot), swap.freeSlots, swap.allocate(1)]).toEqual([0, 2, 0]);
    expect(() => swap.release(1)).toThrow('kernel bug: swap slot 1 released twice');
  });

  test('pages come back as written; a device of 0 slots has none to give', () => {
    const swap = new SwapDevice(3);
    const slot = swap.allocate(1);
    swap.write(slot, new Uint8Array(4096).fill(7));
    const back = new Uint8Array(4096);
    swap.read(slot, back);
    expect(back.every((b) => b === 7)).toBe(true);
    expect(() => swap.read(2, back)).toThrow('kernel bug: swap slot 2 read before written');
    expect([new SwapDevice(0).allocate(1), new SwapDevice(0).freeSlots]).toEqual([-1, 0]);
  });
});
