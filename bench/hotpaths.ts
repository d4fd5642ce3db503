// Micro-benchmarks of the CPU's hot paths, measured through the CPU itself:
// small hand-built loops on a bare machine (bench/fixture.ts), each timed
// call running exactly INSTRUCTIONS_PER_CALL instructions with cpu.run().
//
// - "dispatch": a register-only loop (the xorshift loop of
//   programs/bench/regloop.s): ns per instruction and MIPS.
// - For each TLB shape (direct-mapped, 4-way, fully associative; 64 entries):
//   - "alu": 512 `add`s and a jump, the reference loop;
//   - "load/store hit, 1 page": 512 loads (stores) of one page: the CPU's
//     last-page cache in front of the TLB;
//   - "load/store hit, 8 pages": 512 loads (stores) going round 8 pages, so
//     every access looks the TLB up (and hits);
//   - "fetch hit, 8 pages": one `j` at the start of each of 8 code pages,
//     so every fetch looks the TLB up (and hits);
//   - "miss + walk": a 7-instruction loop whose load strides over 256 pages
//     (four times the TLB), so every load misses and walks the two-level
//     table: the "miss every ~7 instructions" loop of issue 6;
//   - "miss + software refill": the same loop with --tlb-refill software:
//     every miss traps out of cpu.run and the kernel's handler
//     (kernel/refill.ts) refills the TLB with tlbwrite (issue 16).
// The cost of an access is derived in bench/report.ts: (ns per instruction
// of the case - ns per instruction of the "alu" loop on the same TLB) /
// accesses per instruction, i.e. what the access costs beyond an ALU
// instruction in the same place.
import { TrapCause } from '../cpu/trap.js';
import { DEFAULT_CONFIG } from '../kernel/config.js';
import { RefillHandler, type RefillSpace } from '../kernel/refill.js';
import { TEXT_BASE } from '../mmu/layout.js';
import type { TlbRefill } from '../mmu/mmu.js';
import type { TlbConfig } from '../mmu/tlb.js';
import { LoopMachine, LoopSetup } from './fixture.js';
import type { BenchCase, CallFacts, Prepared } from './measure.js';

/** Instructions one timed call runs. */
export const INSTRUCTIONS_PER_CALL = 1_000_000;
// Data pages from VPN 0x410: in a 64-entry direct-mapped TLB their sets (16..23) are not the code pages' (1..8).
const DATA_BASE = 0x0041_0000;
const PAGE_BYTES = 4096;
const UNROLL = 512;
const MISS_PAGES = 256;

export interface TlbShape {
  readonly key: string;
  readonly label: string;
  readonly tlb: TlbConfig;
}

export const TLB_SHAPES: readonly TlbShape[] = [
  { key: 'dm', label: 'direct-mapped 64', tlb: { entries: 64, ways: 1, policy: 'lru', asids: true, seed: 1 } },
  { key: '4way', label: '4-way 64', tlb: { entries: 64, ways: 4, policy: 'lru', asids: true, seed: 1 } },
  { key: 'fa', label: 'fully assoc. 64', tlb: { entries: 64, ways: 64, policy: 'lru', asids: true, seed: 1 } },
];

/** A micro case: its loop, and how many TLB-visible data/fetch accesses each instruction makes. */
export interface LoopKind {
  readonly key: string;
  readonly label: string;
  readonly source: string;
  readonly dataPages: number;
  readonly regs: Readonly<Record<number, number>>;
  /** Accesses per instruction the derived figure divides by: 'measured-misses' for the miss loop. */
  readonly per: number | 'measured-misses';
  readonly accessName: string;
  readonly refill?: TlbRefill;
}

/** r1..r8 = the bases of data pages 0..7. */
const PAGE_REGS: Record<number, number> = Object.fromEntries(
  Array.from({ length: 8 }, (_, k) => [k + 1, DATA_BASE + k * PAGE_BYTES]),
);

function unrolled(line: (i: number) => string): string {
  const lines = ['        .text', '_start:'];
  for (let i = 0; i < UNROLL; i++) lines.push(`        ${line(i)}`);
  lines.push('        j    _start');
  return lines.join('\n') + '\n';
}

const PER_UNROLLED = UNROLL / (UNROLL + 1);

const FETCH_PAGES = 8;
/** One jump at the start of each code page, to the next page (the last back to the first). */
const FETCH_SOURCE = ['        .text', '_start:']
  .concat(Array.from({ length: FETCH_PAGES }, (_, p) => [
    `page${p}:  j    page${(p + 1) % FETCH_PAGES}`,
    ...(p < FETCH_PAGES - 1 ? ['        .space 4092'] : []),
  ]).flat())
  .join('\n') + '\n';

/** 7 instructions an iteration, one load, striding a page at a time over MISS_PAGES pages. */
const MISS_SOURCE = `        .text
_start:
loop:   add  r4, r7, r2         ; r4 = base + offset
        lw   r3, 0(r4)          ; misses: the last use of this page was MISS_PAGES loads ago
        addi r2, r2, ${PAGE_BYTES}
        and  r2, r2, r6         ; wrap round
        add  r9, r9, r3
        addi r10, r10, 1
        j    loop
`;

export const ALU_KIND: LoopKind = {
  key: 'alu', label: 'alu reference (512 add)', source: unrolled(() => 'add  r9, r9, r1'),
  dataPages: 0, regs: {}, per: 0, accessName: 'instruction',
};

export const LOOP_KINDS: readonly LoopKind[] = [
  ALU_KIND,
  {
    key: 'load-1', label: 'load hit, 1 page', source: unrolled((i) => `lw   r9, ${(i % 1024) * 4}(r1)`),
    dataPages: 1, regs: PAGE_REGS, per: PER_UNROLLED, accessName: 'load',
  },
  {
    key: 'load-8', label: 'load hit, 8 pages', source: unrolled((i) => `lw   r9, 0(r${(i % 8) + 1})`),
    dataPages: 8, regs: PAGE_REGS, per: PER_UNROLLED, accessName: 'load',
  },
  {
    key: 'store-1', label: 'store hit, 1 page', source: unrolled((i) => `sw   r9, ${(i % 1024) * 4}(r1)`),
    dataPages: 1, regs: PAGE_REGS, per: PER_UNROLLED, accessName: 'store',
  },
  {
    key: 'store-8', label: 'store hit, 8 pages', source: unrolled((i) => `sw   r9, 0(r${(i % 8) + 1})`),
    dataPages: 8, regs: PAGE_REGS, per: PER_UNROLLED, accessName: 'store',
  },
  {
    key: 'fetch-8', label: 'fetch hit, 8 pages', source: FETCH_SOURCE,
    dataPages: 0, regs: {}, per: 1, accessName: 'fetch',
  },
  {
    key: 'miss', label: 'load miss + walk, 1 in 7 instr.', source: MISS_SOURCE,
    dataPages: MISS_PAGES, regs: { 2: 0, 6: MISS_PAGES * PAGE_BYTES - 1, 7: DATA_BASE },
    per: 'measured-misses', accessName: 'miss+walk',
  },
  {
    key: 'miss-sw', label: 'load miss + software refill, 1 in 7 instr.', source: MISS_SOURCE,
    dataPages: MISS_PAGES, regs: { 2: 0, 6: MISS_PAGES * PAGE_BYTES - 1, 7: DATA_BASE },
    per: 'measured-misses', accessName: 'miss+refill', refill: 'software',
  },
];

/** The register-only loop of programs/bench/regloop.s, without its end (bench/bareInterpreter.ts runs it too). */
export const DISPATCH_SOURCE = `        .text
_start:
loop:   shli r9, r7, 13
        xor  r7, r7, r9
        shri r9, r7, 17
        xor  r7, r7, r9
        shli r9, r7, 5
        xor  r7, r7, r9
        add  r8, r8, r7
        addi r6, r6, -1
        bnez r6, loop
        j    loop
`;

/** Builds the machine, runs one untimed call to warm it, then one more to learn what a call does. */
function prepareLoop(setup: LoopSetup): Prepared {
  const loop = new LoopMachine(setup);
  const { cpu, tlb, mmu } = loop.machine;
  const call = setup.refill === 'software' ? softwareRefillCall(loop) : (): void => {
    if (cpu.run(INSTRUCTIONS_PER_CALL) !== null) throw new Error(`bench loop trapped at pc 0x${cpu.pc.toString(16)}`);
  };
  call();
  const before = { instret: cpu.instret, cycles: cpu.cycles(), tlb: tlb.stats(), walks: mmu.walks };
  call();
  const after = tlb.stats();
  const instructions = cpu.instret - before.instret;
  if (instructions !== INSTRUCTIONS_PER_CALL) throw new Error(`bench loop ran ${instructions} instructions, not ${INSTRUCTIONS_PER_CALL}`);
  if (cpu.pc < TEXT_BASE) throw new Error('bench loop left its code');
  const facts: CallFacts = {
    instructions,
    cycles: cpu.cycles() - before.cycles,
    counters: {
      tlb_accesses: after.accesses - before.tlb.accesses,
      tlb_hits: after.hits - before.tlb.hits,
      tlb_misses: after.misses - before.tlb.misses,
      page_walks: mmu.walks - before.walks,
    },
  };
  return { body: call, facts };
}

/** One call with software refill: run, hand each tlb_miss / tlb_modified trap to the kernel's handler, run on. */
function softwareRefillCall(loop: LoopMachine): () => void {
  const { cpu, mmu, memory } = loop.machine;
  const space: RefillSpace = { root: 0 };
  const tables = { memory, writePte: (_s: RefillSpace, vpn: number, pte: number) => loop.writeLeaf(vpn, pte) };
  const counters = { tlbRefillTraps: 0, tlbModifiedTraps: 0 };
  const handler = new RefillHandler(tables, mmu, cpu, counters, DEFAULT_CONFIG);
  return () => {
    const end = cpu.instret + INSTRUCTIONS_PER_CALL;
    while (cpu.instret < end) {
      const trap = cpu.run(end - cpu.instret);
      if (trap === null) continue;
      const refill = trap.cause === TrapCause.TlbMiss || trap.cause === TrapCause.TlbModified;
      if (!refill || handler.handle(space, trap) !== undefined) throw new Error(`bench loop trapped at pc 0x${cpu.pc.toString(16)}`);
    }
  };
}

export function microCases(): { cases: BenchCase[]; kinds: Map<string, { shape: TlbShape; kind: LoopKind }> } {
  const cases: BenchCase[] = [];
  const kinds = new Map<string, { shape: TlbShape; kind: LoopKind }>();
  cases.push({
    id: 'micro.dispatch', name: 'dispatch: register loop (4-way TLB)', group: 'micro', baseline: 'register', length: 'short',
    prepare: () => prepareLoop({ tlb: TLB_SHAPES[1]!.tlb, source: DISPATCH_SOURCE, dataPages: 0, dataBase: DATA_BASE, regs: { 6: 0x7fff_ffff, 7: 1 } }),
  });
  for (const shape of TLB_SHAPES) {
    for (const kind of LOOP_KINDS) {
      // Software refill needs two ways (mmu/mmu.ts, SOFTWARE_REFILL_MIN_WAYS).
      if (kind.refill === 'software' && shape.tlb.ways < 2) continue;
      const id = `micro.${shape.key}.${kind.key}`;
      kinds.set(id, { shape, kind });
      cases.push({
        id,
        name: `tlb ${shape.label}: ${kind.label}`,
        group: 'micro',
        baseline: kind.dataPages > 0 ? 'memory' : 'register',
        length: 'short',
        prepare: () => prepareLoop({ tlb: shape.tlb, source: kind.source, dataPages: kind.dataPages, dataBase: DATA_BASE, regs: kind.regs, ...(kind.refill ? { refill: kind.refill } : {}) }),
      });
    }
  }
  return { cases, kinds };
}
