// mmu/accessLog.ts and the walk that feeds it: a walk that turns A from 0 to
// 1 logs the leaf's word index, once; a walk that finds A set, a fault and a
// peek log nothing; a full log drops the entry and says it overflowed.
import { describe, expect, test } from 'vitest';
import { Access } from '../../mmu/access.js';
import { AccessLog } from '../../mmu/accessLog.js';
import { PTE_A, RO, RW, HwFixture } from './fixture.js';

const logged = (log: AccessLog) => [...log.words.subarray(0, log.length)];

describe('AccessLog', () => {
  test('keeps entries in order up to its capacity, then drops them and says so', () => {
    const log = new AccessLog(2);
    log.record(7);
    log.record(3);
    expect([logged(log), log.overflowed]).toEqual([[7, 3], false]);
    log.record(9);
    expect([logged(log), log.overflowed]).toEqual([[7, 3], true]);
    log.clear();
    expect([logged(log), log.overflowed]).toEqual([[], false]);
  });
});

describe('the walk logs the leaf PTEs whose A it sets', () => {
  test('first walk of a page logs its leaf; a second walk, a fault and a peek do not', () => {
    const hw = new HwFixture({ frames: 16 });
    const mmu = hw.machine.mmu;
    expect(mmu.accessLog.capacity).toBe(16);
    hw.map(5, RW);
    hw.map(6, RO | PTE_A);
    const leaf5 = hw.leafPteAddress(5) >>> 2;
    expect(mmu.walk(5, Access.Load)).toBeGreaterThan(0);
    expect(mmu.walk(5, Access.Store)).toBeGreaterThan(0); // sets D, A was set already
    expect(mmu.walk(6, Access.Load)).toBeGreaterThan(0); // A set by whoever wrote the PTE
    expect(mmu.walk(6, Access.Store)).toBe(-1); // read-only: faults, changes nothing
    expect(mmu.walk(7, Access.Load)).toBe(-1); // not present
    mmu.peek(5);
    expect([logged(mmu.accessLog), mmu.accessLog.overflowed]).toEqual([[leaf5], false]);
  });

  test('more new A bits than the log holds: the first fit, the rest overflow', () => {
    const hw = new HwFixture({ frames: 8 });
    const mmu = hw.machine.mmu;
    const vpns = Array.from({ length: 9 }, (_, i) => 1024 + i);
    for (const vpn of vpns) hw.map(vpn, RW, 7);
    for (const vpn of vpns) mmu.walk(vpn, Access.Load);
    expect(logged(mmu.accessLog)).toEqual(vpns.slice(0, 8).map((v) => hw.leafPteAddress(v) >>> 2));
    expect(mmu.accessLog.overflowed).toBe(true);
  });
});
