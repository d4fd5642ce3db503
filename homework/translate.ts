// The address-translation homework (SPEC section 12): the page tables of a
// process the real kernel made (homework/translateMachine.ts) and seeded
// virtual addresses, each with an access kind. The answers come from the
// real MMU: translate() on a copy of physical memory with an empty TLB, so
// the machine itself is left as it was (the copy takes the A/D updates).
// Why a fault happens, and what the kernel would do about it, comes from the
// kernel's own regions and PTE bits (homework/faultReason.ts).
import type { AddressSpace } from '../kernel/addressSpace.js';
import { GUARD_PAGE, KERNEL_BASE, STACK_BOTTOM, STACK_TOP } from '../mmu/layout.js';
import { PTE_COW, PTE_SWAPPED } from '../kernel/softPte.js';
import { Access, ACCESS_NAMES, FaultKind, type AccessName } from '../mmu/access.js';
import { Mmu } from '../mmu/mmu.js';
import { leafIndexOf, PAGE_SHIFT, PAGE_SIZE_BYTES, PTE_SIZE_BYTES, PTES_PER_TABLE, rootIndexOf } from '../mmu/page.js';
import { PhysicalMemory } from '../mmu/physicalMemory.js';
import { Prng } from '../mmu/prng.js';
import { PTE_V } from '../mmu/pte.js';
import { Tlb } from '../mmu/tlb.js';
import { shuffled } from './referenceString.js';
import { explainFault, type FaultExplanation } from './faultReason.js';
import { rightsText } from '../kernel/killReport.js';
import { buildTranslateMachine, TRANSLATE_POLICY, type TranslateMachine } from './translateMachine.js';

export interface TranslateProblemOptions {
  readonly seed: number;
  readonly pages: number;
  readonly count: number;
}

export interface TableEntry {
  readonly index: number;
  readonly pte: number;
}

export interface SecondLevelTable {
  readonly rootIndex: number;
  readonly frame: number;
  /** Non-zero entries (valid ones, and the kernel's swapped-out marks). */
  readonly entries: readonly TableEntry[];
}

export interface Question {
  readonly va: number;
  readonly access: AccessName;
}

export interface TranslateProblem extends TranslateProblemOptions {
  readonly kind: 'translate';
  readonly frames: number;
  readonly policy: string;
  readonly pid: number;
  /** Frame of the root table. */
  readonly ptbr: number;
  readonly regions: readonly { kind: string; start: number; end: number; rights: string }[];
  /** Valid root entries. */
  readonly root: readonly TableEntry[];
  readonly tables: readonly SecondLevelTable[];
  readonly questions: readonly Question[];
  readonly program: string;
}

export interface WalkRead {
  readonly table: 'root' | 'leaf';
  readonly address: number;
  readonly pte: number;
}

export interface TranslateAnswer {
  readonly va: number;
  readonly access: AccessName;
  readonly rootIndex: number;
  readonly leafIndex: number;
  readonly offset: number;
  /** The page-table words the MMU read, in order. */
  readonly reads: readonly WalkRead[];
  /** The physical address, or undefined when the access faults. */
  readonly physical: number | undefined;
  readonly fault: FaultExplanation | undefined;
}

/** A problem and the machine it was read from (the tests look at both). */
export interface MadeTranslateProblem {
  readonly problem: TranslateProblem;
  readonly machine: TranslateMachine;
}

export function makeTranslateProblem(opts: TranslateProblemOptions): MadeTranslateProblem {
  const machine = buildTranslateMachine({ seed: opts.seed, pages: opts.pages });
  const space = machine.process.space!;
  const memory = machine.kernel.machine.memory;
  const root = readTable(memory, space.root).filter((e) => (e.pte & PTE_V) !== 0);
  const tables = root.map((e) => ({
    rootIndex: e.index,
    frame: e.pte >>> PAGE_SHIFT,
    entries: readTable(memory, e.pte >>> PAGE_SHIFT),
  }));
  const problem: TranslateProblem = {
    ...opts,
    kind: 'translate',
    frames: machine.frames,
    policy: TRANSLATE_POLICY,
    pid: machine.process.pid,
    ptbr: space.root,
    regions: regionRows(space),
    root,
    tables,
    questions: makeQuestions(opts, machine),
    program: machine.source,
  };
  return { problem, machine };
}

type RegionRow = TranslateProblem['regions'][number];

/**
 * The process's regions under the names a fault answer uses (the kernel's
 * regionName): the kernel keeps .data and .bss as one rw- region, but a kill
 * report tells them apart, so the problem lists them apart too.
 */
function regionRows(space: AddressSpace): RegionRow[] {
  const { bssBase, bssSize } = space.image;
  return space.regions.filter((r) => r.end > r.start).flatMap((r): RegionRow[] => {
    const rights = rightsText(r.prot);
    if (r.kind !== 'data' || bssSize === 0) return [{ kind: r.kind, start: r.start, end: r.end, rights }];
    const rows: RegionRow[] = [];
    if (bssBase > r.start) rows.push({ kind: 'data', start: r.start, end: bssBase, rights });
    rows.push({ kind: 'bss', start: bssBase, end: r.end, rights });
    return rows;
  });
}

function readTable(memory: PhysicalMemory, frame: number): TableEntry[] {
  const out: TableEntry[] = [];
  for (let i = 0; i < PTES_PER_TABLE; i++) {
    const pte = memory.readWord((frame << PAGE_SHIFT) + i * PTE_SIZE_BYTES);
    if (pte !== 0) out.push({ index: i, pte });
  }
  return out;
}

type Kind = 'present' | 'cow' | 'swapped' | 'untouched' | 'text' | 'stack' | 'null' | 'kernel' | 'unmapped' | 'guard';

/** Addresses drawn from every kind of page the process has, so that each question teaches something. */
function makeQuestions(opts: TranslateProblemOptions, m: TranslateMachine): Question[] {
  const prng = new Prng(opts.seed ^ 0x7472_616e);
  const space = m.process.space!;
  const vm = m.kernel.vm;
  const areaBase = space.image.bssBase;
  const areaVpns = Array.from({ length: m.areaPages }, (_, i) => (areaBase >>> PAGE_SHIFT) + i);
  const byPte = (test: (pte: number) => boolean) => areaVpns.filter((vpn) => test(vm.readPte(space, vpn)));
  const pools: Partial<Record<Kind, number[]>> = {
    present: byPte((pte) => (pte & PTE_V) !== 0 && (pte & PTE_COW) === 0),
    cow: byPte((pte) => (pte & PTE_V) !== 0 && (pte & PTE_COW) !== 0),
    swapped: byPte((pte) => (pte & PTE_V) === 0 && (pte & PTE_SWAPPED) !== 0),
    untouched: byPte((pte) => pte === 0),
    text: [0x1000 >>> PAGE_SHIFT],
    stack: [(STACK_TOP >>> PAGE_SHIFT) - 1 - prng.below(4), STACK_BOTTOM >>> PAGE_SHIFT],
    null: [0],
    kernel: [(KERNEL_BASE >>> PAGE_SHIFT) + prng.below(m.frames)],
    unmapped: [(space.heapLimit() >>> PAGE_SHIFT) - 1 - prng.below(256), 0x0040_0000 >>> PAGE_SHIFT],
    guard: [GUARD_PAGE >>> PAGE_SHIFT],
  };
  const kinds = (Object.keys(pools) as Kind[]).filter((k) => pools[k]!.length > 0);
  // Each kind once in a seeded order, then any kind, rare ones less often.
  const first = shuffled(kinds.length, prng).map((i) => kinds[i]!);
  const weights: Record<Kind, number> = { present: 4, cow: 3, swapped: 3, untouched: 2, text: 3, stack: 1, null: 1, kernel: 1, unmapped: 1, guard: 1 };
  const bag = kinds.flatMap((k) => Array<Kind>(weights[k]).fill(k));
  return Array.from({ length: opts.count }, (_, i) => {
    const kind = i < first.length ? first[i]! : bag[prng.below(bag.length)]!;
    const pool = pools[kind]!;
    const vpn = pool[prng.below(pool.length)]!;
    const va = ((vpn << PAGE_SHIFT) | prng.below(PAGE_SIZE_BYTES)) >>> 0;
    return { va, access: accessFor(kind, prng) };
  });
}

function accessFor(kind: Kind, prng: Prng): AccessName {
  if (kind === 'cow') return prng.below(3) === 0 ? 'load' : 'store';
  if (kind === 'text') return (['fetch', 'fetch', 'load', 'store'] as const)[prng.below(4)]!;
  return (['load', 'store', 'load', 'store', 'fetch'] as const)[prng.below(5)]!;
}

/** Translates every question with the real MMU on a copy of the machine's memory. */
export function solveTranslateProblem(made: MadeTranslateProblem): TranslateAnswer[] {
  const { problem, machine } = made;
  const original = machine.kernel.machine.memory;
  const space = machine.process.space!;
  return problem.questions.map((q) => answer(q, original, space, machine));
}

function answer(q: Question, original: PhysicalMemory, space: AddressSpace, machine: TranslateMachine): TranslateAnswer {
  const copy = new PhysicalMemory(original.frames);
  copy.bytes.set(original.bytes);
  const mmu = new Mmu(copy, new Tlb({ entries: 1, ways: 1, policy: 'lru', asids: true, seed: 0 }));
  mmu.setPtbr(space.root);
  const access = ACCESS_NAMES.indexOf(q.access) as Access;
  const e = mmu.translate(q.va, access);
  const vpn = q.va >>> PAGE_SHIFT;
  const rootAddress = (space.root << PAGE_SHIFT) + rootIndexOf(vpn) * PTE_SIZE_BYTES;
  const rootPte = original.readWord(rootAddress);
  const reads: WalkRead[] = [{ table: 'root', address: rootAddress, pte: rootPte }];
  if (mmu.walkRefs >= 2) {
    const leafAddress = ((rootPte >>> PAGE_SHIFT) << PAGE_SHIFT) + leafIndexOf(vpn) * PTE_SIZE_BYTES;
    reads.push({ table: 'leaf', address: leafAddress, pte: original.readWord(leafAddress) });
  }
  const base = { va: q.va, access: q.access, rootIndex: rootIndexOf(vpn), leafIndex: leafIndexOf(vpn), offset: q.va & (PAGE_SIZE_BYTES - 1), reads };
  if (e >= 0) return { ...base, physical: (mmu.tlb.frameBase[e]! | base.offset) >>> 0, fault: undefined };
  const mmuFault = mmu.lastFault === FaultKind.NotPresent ? 'not_present' : 'protection';
  return { ...base, physical: undefined, fault: explainFault(machine.kernel.vm, space, q.va, q.access, mmuFault) };
}

