// kernel/frameTable.ts: frame states, reference counts and the reverse map.
import { describe, expect, test } from 'vitest';
import { FrameState, FrameTable } from '../../kernel/frameTable.js';

describe('FrameTable', () => {
  test('hands out low frames first and counts each state', () => {
    const t = new FrameTable(4);
    expect([t.take(FrameState.Kernel), t.take(FrameState.User), t.take(FrameState.User)]).toEqual([0, 1, 2]);
    t.markFixed();
    expect([t.freeFrames, t.userFrames, t.kernelFrames, t.fixedKernelFrames, t.usedByProcesses]).toEqual([1, 2, 1, 1, 2]);
    expect([...t.state]).toEqual([FrameState.Kernel, FrameState.User, FrameState.User, FrameState.Free]);
    expect(t.take(FrameState.User)).toBe(3);
    expect(t.take(FrameState.User)).toBe(-1);
  });

  test('a released frame is the next one taken', () => {
    const t = new FrameTable(3);
    t.take(FrameState.User);
    t.take(FrameState.User);
    t.release(0);
    expect([t.freeFrames, t.userFrames, t.state[0]]).toEqual([2, 1, FrameState.Free]);
    expect(t.take(FrameState.Kernel)).toBe(0);
  });

  test('the reverse map: one entry per PTE, the refcount follows it', () => {
    const t = new FrameTable(2);
    const f = t.take(FrameState.User);
    t.addMapping(f, 1, 0x10);
    t.addMapping(f, 2, 0x10);
    t.addMapping(f, 2, 0x11);
    expect([t.refcount[f], t.mappings(f)]).toEqual([3, [{ spaceId: 1, vpn: 0x10 }, { spaceId: 2, vpn: 0x10 }, { spaceId: 2, vpn: 0x11 }]]);
    expect(t.removeMapping(f, 2, 0x10)).toBe(2);
    expect(t.mappings(f)).toEqual([{ spaceId: 1, vpn: 0x10 }, { spaceId: 2, vpn: 0x11 }]);
    expect(t.removeMapping(f, 1, 0x10)).toBe(1);
    expect(t.removeMapping(f, 2, 0x11)).toBe(0);
    t.release(f);
    expect(t.mappings(f)).toEqual([]);
  });

  test('kernel bugs stop loudly', () => {
    const t = new FrameTable(2);
    const user = t.take(FrameState.User);
    const kernel = t.take(FrameState.Kernel);
    t.addMapping(user, 1, 5);
    expect(() => t.release(user)).toThrow('kernel bug: frame 0 freed with 1 mappings');
    expect(() => t.addMapping(kernel, 1, 6)).toThrow('kernel bug: mapping non-user frame 1');
    expect(() => t.removeMapping(user, 1, 6)).toThrow('kernel bug: frame 0 has no mapping for space 1 page 0x6');
    t.release(kernel);
    expect(() => t.release(kernel)).toThrow('kernel bug: frame 1 freed twice');
  });
});
