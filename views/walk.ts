// The two-level walk of one virtual address in one process, as the MMU makes
// it (SPEC section 5: 10/10/12 split), level by level, but without setting A
// or D and without counting anything. With an access kind, it also says
// whether the user may make that access; without one, only where it leads.
import { GUARD_PAGE, KERNEL_BASE, STACK_BOTTOM, TEXT_BASE } from '../mmu/layout.js';
import { regionName, type RegionName } from '../kernel/killReason.js';
import { leafIndexOf, PAGE_SHIFT, pageOffsetOf, PTE_SIZE_BYTES, rootIndexOf } from '../mmu/page.js';
import { physicalWord, type Kernel, type Process } from './machine.js';
import { decodePte, isTablePointer, rightsOf, type PteView } from './pte.js';

export type WalkAccess = 'fetch' | 'load' | 'store';

export interface WalkLevel {
  readonly level: 'root' | 'leaf';
  /** Frame of the table read at this level. */
  readonly tableFrame: number;
  /** Index into it (10 bits). */
  readonly index: number;
  /** Physical address of the entry read, and its value. */
  readonly address: number;
  readonly pte: PteView;
}

/**
 * translated: the page is present (physical holds the address).
 * not_present: a root or leaf entry has V=0 (`swapped`/`untouched` say more).
 * malformed: a valid root entry with rights, or a leaf with W and no R.
 * protection: present, but the access (or any user access, for U=0) is not allowed.
 */
export type WalkOutcome = 'translated' | 'not_present' | 'malformed' | 'protection';

export interface WalkView {
  readonly pid: number;
  readonly va: number;
  readonly vpn: number;
  /** The 10/10/12 split. */
  readonly rootIndex: number;
  readonly leafIndex: number;
  readonly offset: number;
  readonly levels: readonly WalkLevel[];
  readonly outcome: WalkOutcome;
  /** The physical address, when the page is present. */
  readonly physical?: number;
  readonly access?: WalkAccess;
  /** The region holding the address, if any (.bss told apart from .data, as kill reports do). */
  readonly region?: RegionName;
  /** One sentence a student can act on. */
  readonly explanation: string;
}

const NEEDS: Record<WalkAccess, (p: PteView) => boolean> = {
  fetch: (p) => p.x,
  load: (p) => p.r,
  store: (p) => p.w,
};

/** Walks `va` in p's page table; undefined when p has no address space. */
export function walkOf(k: Kernel, p: Process, va: number, access?: WalkAccess): WalkView | undefined {
  const space = p.space;
  if (space === undefined) return undefined;
  const addr = va >>> 0;
  const vpn = addr >>> PAGE_SHIFT;
  const rootIndex = rootIndexOf(vpn);
  const leafIndex = leafIndexOf(vpn);
  const region = regionName(space, addr);
  const base = {
    pid: p.pid, va: addr, vpn, rootIndex, leafIndex, offset: pageOffsetOf(addr),
    ...(access ? { access } : {}), ...(region ? { region } : {}),
  };
  const rootAddress = (space.root << PAGE_SHIFT) + rootIndex * PTE_SIZE_BYTES;
  const root = physicalWord(k, rootAddress);
  const levels: WalkLevel[] = [{ level: 'root', tableFrame: space.root, index: rootIndex, address: rootAddress, pte: decodePte(root) }];
  if ((root & 1) === 0) {
    return { ...base, levels, outcome: 'not_present', explanation: absent(addr, region, 'no second-level table yet') };
  }
  if (!isTablePointer(root)) {
    return { ...base, levels, outcome: 'malformed', explanation: `root entry ${rootIndex} is valid but has rights ${rightsOf(root)}: a malformed table, the MMU faults` };
  }
  const table = root >>> PAGE_SHIFT;
  const leafAddress = (table << PAGE_SHIFT) + leafIndex * PTE_SIZE_BYTES;
  const leafValue = physicalWord(k, leafAddress);
  const leaf = decodePte(leafValue);
  levels.push({ level: 'leaf', tableFrame: table, index: leafIndex, address: leafAddress, pte: leaf });
  if (!leaf.v) {
    const why = leaf.state === 'swapped' ? `swapped out to slot ${leaf.slot}` : 'not made yet';
    return { ...base, levels, outcome: 'not_present', explanation: absent(addr, region, why) };
  }
  if (leaf.w && !leaf.r) return { ...base, levels, outcome: 'malformed', explanation: 'leaf has W without R: malformed, the MMU faults' };
  const physical = (((leafValue >>> PAGE_SHIFT) << PAGE_SHIFT) | base.offset) >>> 0;
  if (!leaf.u) {
    const where = addr >= KERNEL_BASE ? 'the kernel half' : 'a supervisor page';
    return { ...base, levels, outcome: 'protection', physical, explanation: `${where}: U=0, so any user access faults` };
  }
  if (access !== undefined && !NEEDS[access](leaf)) {
    const cow = access === 'store' && leaf.cow ? ' (copy-on-write: the kernel copies the page on this fault)' : '';
    return { ...base, levels, outcome: 'protection', physical, explanation: `a ${access} needs ${access === 'fetch' ? 'X' : access === 'load' ? 'R' : 'W'}; the page is ${leaf.rights}${cow}` };
  }
  return { ...base, levels, outcome: 'translated', physical, explanation: `frame ${leaf.frame}, offset ${base.offset}: physical 0x${physical.toString(16).padStart(8, '0')}` };
}

function absent(addr: number, region: RegionName | undefined, why: string): string {
  const area = unmappableArea(addr);
  if (area !== undefined) return `${why}; this is ${area.name}: ${area.why}, so a touch kills the process (${area.reason})`;
  return region === undefined ? `${why}; no region holds this address, so a touch kills the process` : `${why}; the ${region} region holds it, so a touch brings the page in`;
}

/** A part of every address space where no user page can ever be (SPEC section 4). */
export interface UnmappableArea {
  /** "the guard page below the stack (0x7feff000-0x7fefffff)" */
  readonly name: string;
  readonly why: string;
  /** The kill reason a user access there gets. */
  readonly reason: 'null_page' | 'guard_page' | 'kernel_half';
}

/** The null page, the guard page or the kernel half, when `va` is in one; undefined elsewhere. */
export function unmappableArea(va: number): UnmappableArea | undefined {
  const a = va >>> 0;
  if (a < TEXT_BASE) return { name: `the null page (below ${hex(TEXT_BASE)})`, why: 'never mapped (a null pointer lands here)', reason: 'null_page' };
  if (a >= KERNEL_BASE) {
    return { name: `the kernel half (${hex(KERNEL_BASE)} and up)`, why: 'supervisor-only, and a user process can map nothing here', reason: 'kernel_half' };
  }
  if (a >= GUARD_PAGE && a < STACK_BOTTOM) {
    return { name: `the guard page below the stack (${hex(GUARD_PAGE)}-${hex(STACK_BOTTOM - 1)})`, why: 'never mapped (a stack overflow lands here)', reason: 'guard_page' };
  }
  return undefined;
}

const hex = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
