// The MMU (and the CPU's own fast path in front of it) against a reference
// model that knows nothing of TLBs: a plain map from VPN to PTE per address
// space, and the SPEC section 5 rules applied to it directly. As long as the
// "kernel" invalidates after every PTE change, the TLB must be invisible:
// same faults, same fault kinds, same physical addresses, same A/D bits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeI, encodeN, encodeS, Op } from '../../cpu/isa.js';
import { Machine } from '../../cpu/machine.js';
import { DEFAULT_CYCLE_COSTS } from '../../cpu/cpu.js';
import { Access, FaultKind, TrapCause } from '../../cpu/trap.js';
import {
  makePte, PTE_A, PTE_D, PTE_G, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X,
} from '../../mmu/pte.js';
import { TlbPolicy } from '../../mmu/tlb.js';
import { HwFixture, RO, RW, RX } from './fixture.js';

// ---------------------------------------------------------------------------
// Physical layout of the scenario machine (64 frames):
//   frames 1, 2       root tables of address spaces 0 and 1
//   frames 4..11      second-level tables: space s, root index r -> 4 + 4*s + r
//   frames 24..39     data frames; every word holds `lui r5, (paddr >> 2)`, so a
//                     load or a fetch tells exactly which physical word it hit
//   frames 40, 41     the code page of each space (root index 3, vpn 0xC00)
// ---------------------------------------------------------------------------
const FRAMES = 64;
const ROOT_FRAME = [1, 2] as const;
const tableFrame = (space: number, rootIdx: number): number => 4 + 4 * space + rootIdx;
const DATA_FRAMES = Array.from({ length: 16 }, (_, i) => 24 + i);
const BAD_FRAME = 100; // beyond physical memory: the walk must refuse it
const CODE_FRAME = [40, 41] as const;
const CODE_VPN = 3 << 10;
const CODE_VA = CODE_VPN << 12;
const ROOTS = 3;
const LEAVES_PER_ROOT = 4;
/** The data pages: root indices 0..2, leaf indices 16..19. */
const VPNS = Array.from({ length: ROOTS * LEAVES_PER_ROOT }, (_, i) =>
  Math.floor(i / LEAVES_PER_ROOT) * 1024 + 16 + (i % LEAVES_PER_ROOT));
const MARK = 0x7e57_5a5a;

/** The code page: lw at +0, sw at +8, jalr at +16 (each followed by a syscall). */
const CODE = [
  encodeI(Op.LW, 2, 1, 0), encodeN(Op.SYSCALL),
  encodeS(Op.SW, 2, 1, 0), encodeN(Op.SYSCALL),
  encodeI(Op.JALR, 0, 1, 0),
];

const dataWord = (paddr: number): number => encodeI(Op.LUI, 5, 0, (paddr >>> 2) & 0xffff);

type RootKind = 'table' | 'tableWithBits' | 'missing' | 'malformed';

function rootEntry(space: number, rootIdx: number, kind: RootKind): number {
  const frame = tableFrame(space, rootIdx);
  switch (kind) {
    case 'table': return makePte(frame, PTE_V);
    // Still a pointer: R=W=X=0; U, A and the soft bits mean nothing here.
    case 'tableWithBits': return makePte(frame, PTE_V | PTE_U | PTE_A | 0x300);
    case 'missing': return makePte(frame, 0);
    case 'malformed': return makePte(frame, PTE_V | PTE_R);
  }
}

// ---------------------------------------------------------------------------
// The reference model
// ---------------------------------------------------------------------------
interface ModelSpace {
  roots: number[];              // root entry values, by root index 0..2
  leaves: Map<number, number>;  // vpn -> leaf PTE value
}

interface ModelResult {
  readonly fault: FaultKind;
  readonly paddr: number;
}

const RIGHT = [PTE_X, PTE_R, PTE_W];

/** SPEC section 5, applied to the model's map; sets A (and D) like the hardware must. */
function modelAccess(space: ModelSpace, va: number, access: Access): ModelResult {
  const vpn = va >>> 12;
  const root = space.roots[vpn >>> 10]!;
  if ((root & PTE_V) === 0) return { fault: FaultKind.NotPresent, paddr: 0 };
  if ((root & (PTE_R | PTE_W | PTE_X)) !== 0) return { fault: FaultKind.Protection, paddr: 0 };
  const pte = space.leaves.get(vpn) ?? 0;
  if ((pte & PTE_V) === 0) return { fault: FaultKind.NotPresent, paddr: 0 };
  if ((pte & PTE_W) !== 0 && (pte & PTE_R) === 0) return { fault: FaultKind.Protection, paddr: 0 };
  if (pte >>> 12 >= FRAMES) return { fault: FaultKind.Protection, paddr: 0 };
  const need = PTE_U | RIGHT[access]!;
  if ((pte & need) !== need) return { fault: FaultKind.Protection, paddr: 0 };
  space.leaves.set(vpn, (pte | PTE_A | (access === Access.Store ? PTE_D : 0)) >>> 0);
  return { fault: FaultKind.None, paddr: ((pte >>> 12) << 12) + (va & 0xfff) };
}

// ---------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------
type Inval = 'page' | 'asid' | 'all';
type Step =
  | { kind: 'access'; vpnIdx: number; offset: number; access: Access; viaCpu: boolean }
  | { kind: 'switch' }
  | { kind: 'setPte'; space: number; vpnIdx: number; pte: number; inval: Inval }
  | { kind: 'setRoot'; space: number; rootIdx: number; root: RootKind; inval: 'asid' | 'all' };

interface Scenario {
  entries: number;
  ways: number;
  policy: TlbPolicy;
  asids: boolean;
  seed: number;
  roots: RootKind[][];
  leaves: number[][];
  steps: Step[];
}

const pteArb = fc.tuple(
  fc.integer({ min: 0, max: 0xff }),
  fc.integer({ min: 0, max: 9 }),
  fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...DATA_FRAMES) }, { weight: 1, arbitrary: fc.constant(BAD_FRAME) }),
).map(([flags, bias, frame]) => {
  // Mostly valid user pages, so that protection and success are both common;
  // never G (a global mapping is the same in every space: tested on its own).
  const f = (bias < 7 ? flags | PTE_V | PTE_U : flags) & ~PTE_G;
  return makePte(frame, f);
});

const rootKindArb = fc.constantFrom<RootKind>('table', 'table', 'table', 'tableWithBits', 'missing', 'malformed');

/** Mostly a few hot pages, so that entries are reused before they are evicted. */
const vpnIdxArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 2 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: VPNS.length - 1 }) },
);

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('access' as const),
      vpnIdx: vpnIdxArb,
      offset: fc.integer({ min: 0, max: 4095 }),
      access: fc.constantFrom(Access.Fetch, Access.Load, Access.Store),
      viaCpu: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'switch' as const }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('setPte' as const),
      space: fc.integer({ min: 0, max: 1 }),
      vpnIdx: vpnIdxArb,
      pte: pteArb,
      inval: fc.constantFrom<Inval>('page', 'page', 'page', 'asid', 'all'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('setRoot' as const),
      space: fc.integer({ min: 0, max: 1 }),
      rootIdx: fc.integer({ min: 0, max: ROOTS - 1 }),
      root: rootKindArb,
      inval: fc.constantFrom<'asid' | 'all'>('asid', 'all'),
    }),
  },
);

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  geometry: fc.constantFrom([1, 1], [2, 1], [4, 2], [4, 4], [8, 2], [8, 1], [64, 4]),
  policy: fc.constantFrom<TlbPolicy>('lru', 'fifo', 'random', 'plru'),
  asids: fc.boolean(),
  seed: fc.integer({ min: 0, max: 1000 }),
  roots: fc.array(fc.array(rootKindArb, { minLength: ROOTS, maxLength: ROOTS }), { minLength: 2, maxLength: 2 }),
  leaves: fc.array(fc.array(pteArb, { minLength: VPNS.length, maxLength: VPNS.length }), { minLength: 2, maxLength: 2 }),
  steps: fc.array(stepArb, { minLength: 10, maxLength: 80 }),
}).map(({ geometry, ...rest }) => ({ entries: geometry[0]!, ways: geometry[1]!, ...rest }));

/** Runs one scenario on the real hardware and on the model, comparing after every step. */
function check(sc: Scenario): void {
  const m = new Machine({
    frames: FRAMES,
    tlb: { entries: sc.entries, ways: sc.ways, policy: sc.policy, asids: sc.asids, seed: sc.seed },
    costs: DEFAULT_CYCLE_COSTS,
    timerPeriod: 0,
  });
  const mem = m.memory;
  const leafAddr = (space: number, vpn: number) => tableFrame(space, vpn >>> 10) * 4096 + (vpn & 1023) * 4;
  const rootAddr = (space: number, rootIdx: number) => ROOT_FRAME[space]! * 4096 + rootIdx * 4;

  // Build both address spaces, in memory and in the model.
  const model: ModelSpace[] = [0, 1].map((s) => {
    const roots = sc.roots[s]!.map((k, r) => rootEntry(s, r, k));
    roots.forEach((v, r) => mem.writeWord(rootAddr(s, r), v));
    const leaves = new Map<number, number>();
    VPNS.forEach((vpn, i) => { leaves.set(vpn, sc.leaves[s]![i]!); mem.writeWord(leafAddr(s, vpn), sc.leaves[s]![i]!); });
    mem.writeWord(rootAddr(s, 3), makePte(tableFrame(s, 3), PTE_V));
    mem.writeWord(leafAddr(s, CODE_VPN), makePte(CODE_FRAME[s]!, RX));
    CODE.forEach((w, i) => mem.writeWord(CODE_FRAME[s]! * 4096 + 4 * i, w));
    return { roots, leaves };
  });
  for (const f of DATA_FRAMES) for (let o = 0; o < 4096; o += 4) mem.writeWord(f * 4096 + o, dataWord(f * 4096 + o));
  const dataRegion = () => Buffer.from(mem.bytes.subarray(DATA_FRAMES[0]! * 4096, (DATA_FRAMES.at(-1)! + 1) * 4096));

  const asidOf = (space: number) => (sc.asids ? space + 1 : 0);
  let current = 0;
  const enter = (space: number) => {
    current = space;
    m.mmu.setPtbr(ROOT_FRAME[space]!);
    m.mmu.setAsid(space + 1);
    if (!sc.asids) m.tlb.invalidateAll(); // ASIDs off: the kernel flushes on every switch
  };
  enter(0);

  const invalidate = (space: number, vpn: number, how: Inval) => {
    if (how === 'page') m.tlb.invalidatePage(vpn, asidOf(space));
    else if (how === 'asid') m.tlb.invalidateAsid(asidOf(space));
    else m.tlb.invalidateAll();
  };

  const compareTables = (where: string) => {
    for (const s of [0, 1]) {
      model[s]!.roots.forEach((v, r) => expect(mem.readWord(rootAddr(s, r)), `${where}: root ${s}/${r}`).toBe(v));
      for (const vpn of VPNS) {
        expect(mem.readWord(leafAddr(s, vpn)), `${where}: space ${s} vpn 0x${vpn.toString(16)}`).toBe(model[s]!.leaves.get(vpn));
      }
    }
  };

  sc.steps.forEach((step, i) => {
    const where = `step ${i} ${JSON.stringify(step)}`;
    switch (step.kind) {
      case 'switch': enter(1 - current); break;
      case 'setPte': {
        const vpn = VPNS[step.vpnIdx]!;
        model[step.space]!.leaves.set(vpn, step.pte);
        mem.writeWord(leafAddr(step.space, vpn), step.pte);
        invalidate(step.space, vpn, step.inval);
        break;
      }
      case 'setRoot': {
        const v = rootEntry(step.space, step.rootIdx, step.root);
        model[step.space]!.roots[step.rootIdx] = v;
        mem.writeWord(rootAddr(step.space, step.rootIdx), v);
        invalidate(step.space, 0, step.inval);
        break;
      }
      case 'access': {
        const vpn = VPNS[step.vpnIdx]!;
        if (!step.viaCpu) {
          const va = (vpn << 12) + step.offset;
          const want = modelAccess(model[current]!, va, step.access);
          const e = m.mmu.translate(va, step.access);
          if (want.fault === FaultKind.None) {
            expect(e, where).toBeGreaterThanOrEqual(0);
            expect((m.tlb.frameBase[e]! | (va & 0xfff)) >>> 0, where).toBe(want.paddr);
          } else {
            expect(e, where).toBe(-1);
            expect(m.mmu.lastFault, where).toBe(want.fault);
          }
        } else {
          cpuAccess(vpn, step, where);
        }
        break;
      }
    }
    compareTables(where);
  });

  function cpuAccess(vpn: number, step: Step & { kind: 'access' }, where: string): void {
    const cpu = m.cpu;
    const va = (vpn << 12) + (step.offset & ~3);
    const before = dataRegion();
    const want = modelAccess(model[current]!, va, step.access);
    cpu.regs[1] = va;
    cpu.regs[2] = step.access === Access.Store ? MARK : 0x5a5a;
    cpu.regs[5] = 0;
    const instrPc = CODE_VA + [16, 0, 8][step.access]!;
    cpu.pc = instrPc;
    const trap = cpu.run(2);
    if (want.fault !== FaultKind.None) {
      // A fetch faults at the jump target (the jalr itself completed).
      const faultPc = step.access === Access.Fetch ? va : instrPc;
      expect(trap, where).toEqual({ cause: TrapCause.PageFault, pc: faultPc, access: step.access, address: va, fault: want.fault });
      expect(cpu.pc, where).toBe(faultPc);
      expect(cpu.regs[2], where).toBe(step.access === Access.Store ? MARK : 0x5a5a);
      expect(dataRegion().equals(before), where).toBe(true);
      return;
    }
    switch (step.access) {
      case Access.Load:
        expect(trap, where).toEqual({ cause: TrapCause.Syscall, pc: CODE_VA + 4, access: Access.Fetch, address: 0, fault: FaultKind.None });
        expect(cpu.regs[2], where).toBe(dataWord(want.paddr) | 0);
        break;
      case Access.Store: {
        expect(trap?.cause, where).toBe(TrapCause.Syscall);
        expect(mem.readWord(want.paddr), where).toBe(MARK);
        mem.writeWord(want.paddr, dataWord(want.paddr)); // put the marker word back
        break;
      }
      case Access.Fetch:
        // jalr ran, then the fetched `lui r5, paddr >> 2` ran: the budget of 2 ends the run.
        expect(trap, where).toBeNull();
        expect(cpu.regs[5]! >>> 16, where).toBe((want.paddr >>> 2) & 0xffff);
        expect(cpu.pc, where).toBe(va + 4);
        break;
    }
    expect(dataRegion().equals(before), where).toBe(true);
  }
}

describe('MMU and TLB against the reference model', () => {
  it('random page tables, accesses and PTE changes with the required invalidations', () => {
    fc.assert(fc.property(scenarioArb, (sc) => { check(sc); }), { seed: 20240611, numRuns: 200 });
  });
});

// ---------------------------------------------------------------------------
// The guarantees one at a time
// ---------------------------------------------------------------------------
const DATA_VPN = 0x10;
const DATA_VA = DATA_VPN << 12;

describe('the TLB never grants what the table no longer grants (after invalidation)', () => {
  it('revoking W: the next store faults (protection), loads still work', () => {
    const hw = new HwFixture();
    const { mmu, tlb } = hw.machine;
    const frame = hw.map(DATA_VPN, RW);
    expect(mmu.translate(DATA_VA, Access.Store)).toBeGreaterThanOrEqual(0);
    hw.setPte(DATA_VPN, makePte(frame, RO | PTE_A | PTE_D));
    // Without the invalidation the stale entry would still grant the store:
    expect(mmu.translate(DATA_VA, Access.Store)).toBeGreaterThanOrEqual(0);
    tlb.invalidatePage(DATA_VPN, 0);
    expect(mmu.translate(DATA_VA, Access.Store)).toBe(-1);
    expect(mmu.lastFault).toBe(FaultKind.Protection);
    expect(mmu.translate(DATA_VA + 8, Access.Load)).toBeGreaterThanOrEqual(0);
  });

  it('unmapping: the next load faults (not present)', () => {
    const hw = new HwFixture();
    const { mmu, tlb } = hw.machine;
    hw.map(DATA_VPN, RW);
    expect(mmu.translate(DATA_VA, Access.Load)).toBeGreaterThanOrEqual(0);
    hw.setPte(DATA_VPN, 0);
    tlb.invalidatePage(DATA_VPN, 0);
    expect(mmu.translate(DATA_VA, Access.Load)).toBe(-1);
    expect(mmu.lastFault).toBe(FaultKind.NotPresent);
  });

  it('the same through the CPU: sw after W is revoked traps, with nothing stored', () => {
    const hw = new HwFixture();
    const frame = hw.map(DATA_VPN, RW);
    hw.loadCode(0x1000, [encodeS(Op.SW, 2, 1, 0), encodeN(Op.SYSCALL)]);
    const cpu = hw.machine.cpu;
    cpu.regs[1] = DATA_VA;
    cpu.regs[2] = 111;
    expect(cpu.run(10)?.cause).toBe(TrapCause.Syscall);
    hw.setPte(DATA_VPN, makePte(frame, RO | PTE_A | PTE_D));
    hw.machine.tlb.invalidatePage(DATA_VPN, 0);
    cpu.pc = 0x1000;
    cpu.regs[2] = 222;
    expect(cpu.run(10)).toEqual({ cause: TrapCause.PageFault, pc: 0x1000, access: Access.Store, address: DATA_VA, fault: FaultKind.Protection });
    expect(hw.peekWord(DATA_VA)).toBe(111);
  });
});

/** Two address spaces (roots in frames 0 and 1) that both map DATA_VPN, to different frames. */
function twoSpaces(asids: boolean) {
  const hw = new HwFixture({ tlb: { asids } });
  const { memory, mmu } = hw.machine;
  const frameA = hw.map(DATA_VPN, RW);
  // Space B: its own root table in a fresh frame, its own leaf table.
  const rootB = hw.allocFrame();
  const leafB = hw.allocFrame();
  const frameB = hw.allocFrame();
  memory.writeWord(rootB * 4096 + 0, makePte(leafB, PTE_V));
  memory.writeWord(leafB * 4096 + DATA_VPN * 4, makePte(frameB, RW));
  const enterA = () => { mmu.setPtbr(hw.root); mmu.setAsid(1); };
  const enterB = () => { mmu.setPtbr(rootB); mmu.setAsid(2); };
  const paddrOf = (va: number, access = Access.Load) => {
    const e = mmu.translate(va, access);
    return e < 0 ? -1 : (hw.machine.tlb.frameBase[e]! | (va & 0xfff)) >>> 0;
  };
  return { hw, frameA, frameB, rootB, leafB, enterA, enterB, paddrOf };
}

describe('address spaces', () => {
  it('two ASIDs sharing a VPN never see each other\'s translations', () => {
    const { hw, frameA, frameB, enterA, enterB, paddrOf } = twoSpaces(true);
    const tlb = hw.machine.tlb;
    enterA();
    expect(paddrOf(DATA_VA + 4)).toBe(frameA * 4096 + 4);
    enterB();
    expect(paddrOf(DATA_VA + 4)).toBe(frameB * 4096 + 4);
    enterA();
    expect(paddrOf(DATA_VA + 8)).toBe(frameA * 4096 + 8);
    enterB();
    expect(paddrOf(DATA_VA + 8)).toBe(frameB * 4096 + 8);
    // Both stayed cached side by side: 2 misses, then 2 hits.
    expect(tlb.stats()).toEqual({ accesses: 4, hits: 2, misses: 2, fills: 2, evictions: 0 });
    // Invalidating ASID 1 leaves ASID 2's entry alone.
    tlb.invalidateAsid(1);
    expect(paddrOf(DATA_VA)).toBe(frameB * 4096);
    enterA();
    expect(paddrOf(DATA_VA)).toBe(frameA * 4096);
    expect(tlb.stats().misses).toBe(3);
  });

  it('ASIDs off: every entry is ASID 0, so the kernel flushes on a switch', () => {
    const { hw, frameA, frameB, enterA, enterB, paddrOf } = twoSpaces(false);
    const { mmu, tlb } = hw.machine;
    enterA();
    expect(mmu.currentAsid).toBe(0);
    expect(paddrOf(DATA_VA)).toBe(frameA * 4096);
    enterB();
    expect(mmu.currentAsid).toBe(0);
    // Without the flush, B would be handed A's translation: this is why the kernel flushes.
    expect(paddrOf(DATA_VA)).toBe(frameA * 4096);
    tlb.invalidateAll();
    expect(paddrOf(DATA_VA)).toBe(frameB * 4096);
    enterA();
    tlb.invalidateAll();
    expect(paddrOf(DATA_VA)).toBe(frameA * 4096);
  });

  it('a global entry matches any ASID, survives invalidateAsid, not invalidateAll', () => {
    const { hw, frameA, enterA, enterB, paddrOf, leafB } = twoSpaces(true);
    const { mmu, tlb, memory } = hw.machine;
    const GVPN = 0x20;
    const gframe = hw.map(GVPN, RO | PTE_G);
    enterA();
    expect(paddrOf(GVPN << 12)).toBe(gframe * 4096);
    const walks = mmu.walks;
    // Space B does not even map GVPN: the global entry answers without a walk.
    expect(memory.readWord(leafB * 4096 + GVPN * 4)).toBe(0);
    enterB();
    expect(paddrOf((GVPN << 12) + 12)).toBe(gframe * 4096 + 12);
    expect(mmu.walks).toBe(walks);
    mmu.setAsid(200);
    expect(paddrOf(GVPN << 12)).toBe(gframe * 4096);
    tlb.invalidateAsid(200);
    tlb.invalidateAsid(1);
    tlb.invalidateAsid(2);
    expect(paddrOf(GVPN << 12)).toBe(gframe * 4096);
    expect(mmu.walks).toBe(walks);
    tlb.invalidateAll();
    expect(paddrOf(GVPN << 12)).toBe(-1);
    expect(mmu.lastFault).toBe(FaultKind.NotPresent);
    enterA();
    expect(paddrOf(DATA_VA)).toBe(frameA * 4096);
  });

  it('invalidatePage drops both the ASID\'s entry and a global entry for the page', () => {
    // Space A maps DATA_VPN privately; space B maps the same VPN as global.
    // Both end up in the same set; invalidating the page for ASID 1 must drop both,
    // else B's global translation would answer for A.
    const { hw, frameA, frameB, enterA, enterB, paddrOf, leafB } = twoSpaces(true);
    const { memory, tlb } = hw.machine;
    memory.writeWord(leafB * 4096 + DATA_VPN * 4, makePte(frameB, RW | PTE_G));
    enterA();
    expect(paddrOf(DATA_VA)).toBe(frameA * 4096);
    enterB();
    expect(paddrOf(DATA_VA)).toBe(frameB * 4096);
    // The kernel unmaps A's page and invalidates it.
    enterA();
    hw.setPte(DATA_VPN, 0);
    tlb.invalidatePage(DATA_VPN, 1);
    expect(paddrOf(DATA_VA)).toBe(-1);
    expect(hw.machine.mmu.lastFault).toBe(FaultKind.NotPresent);
  });
});

describe('walk rules', () => {
  const cases: [string, number, number, Access, FaultKind][] = [
    // [name, root flags, leaf flags, access, expected]
    ['root invalid', 0, RW, Access.Load, FaultKind.NotPresent],
    ['root with R is malformed', PTE_V | PTE_R, RW, Access.Load, FaultKind.Protection],
    ['root with X is malformed', PTE_V | PTE_X, RW, Access.Load, FaultKind.Protection],
    ['root with U only is a pointer', PTE_V | PTE_U, RW, Access.Load, FaultKind.None],
    ['leaf invalid', PTE_V, RW & ~PTE_V, Access.Load, FaultKind.NotPresent],
    ['leaf W without R is malformed, even for a store', PTE_V, PTE_V | PTE_W | PTE_U, Access.Store, FaultKind.Protection],
    ['leaf without U (kernel page)', PTE_V, PTE_V | PTE_R | PTE_W, Access.Load, FaultKind.Protection],
    ['fetch needs X', PTE_V, RW, Access.Fetch, FaultKind.Protection],
    ['fetch from X-only', PTE_V, PTE_V | PTE_X | PTE_U, Access.Fetch, FaultKind.None],
    ['load needs R', PTE_V, PTE_V | PTE_X | PTE_U, Access.Load, FaultKind.Protection],
    ['store needs W', PTE_V, RO, Access.Store, FaultKind.Protection],
    ['store to RW', PTE_V, RW, Access.Store, FaultKind.None],
    ['V alone grants nothing', PTE_V, PTE_V | PTE_U, Access.Load, FaultKind.Protection],
  ];
  it.each(cases)('%s', (_name, rootFlags, leafFlags, access, expected) => {
    const hw = new HwFixture();
    const { mmu, memory } = hw.machine;
    const frame = hw.map(DATA_VPN, leafFlags);
    memory.writeWord(0, (memory.readWord(0) & ~0xfff) | rootFlags);
    const e = mmu.translate(DATA_VA, access);
    if (expected === FaultKind.None) {
      expect(hw.machine.tlb.frameBase[e]).toBe(frame * 4096);
    } else {
      expect(e).toBe(-1);
      expect(mmu.lastFault).toBe(expected);
      // A refused walk sets neither A nor D.
      expect(hw.pte(DATA_VPN) & (PTE_A | PTE_D)).toBe(0);
    }
  });

  it('a leaf frame beyond physical memory is refused (protection)', () => {
    const hw = new HwFixture({ frames: 16 });
    hw.map(DATA_VPN, RW, 16);
    expect(hw.machine.mmu.translate(DATA_VA, Access.Load)).toBe(-1);
    expect(hw.machine.mmu.lastFault).toBe(FaultKind.Protection);
  });

  it('the walk never touches the kernel\'s soft bits 11..8', () => {
    const hw = new HwFixture();
    const frame = hw.map(DATA_VPN, RW | 0xa00);
    expect(hw.machine.mmu.translate(DATA_VA, Access.Store)).toBeGreaterThanOrEqual(0);
    expect(hw.pte(DATA_VPN)).toBe(makePte(frame, RW | 0xa00 | PTE_A | PTE_D));
  });
});
