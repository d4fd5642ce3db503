// The current process's page table as a tree: root entries, the
// second-level tables they point at, and each non-zero leaf PTE. The kernel
// half (root entries 512 and up, shared by every space) is summarised, not
// listed: 1024 frames of supervisor-only mappings would bury the user's.
import { KERNEL_ROOT_INDEX } from '../mmu/layout.js';
import { PAGE_SHIFT, PTE_SIZE_BYTES, PTES_PER_TABLE } from '../mmu/page.js';
import { regionName, type RegionName } from '../kernel/killReason.js';
import { physicalWord, type Kernel, type Process } from './machine.js';
import { decodePte, isTablePointer, type PteView } from './pte.js';

export interface LeafView {
  /** Index in its table (the middle 10 bits of the address). */
  readonly index: number;
  readonly vpn: number;
  /** First virtual address of the page. */
  readonly va: number;
  /** Physical address of the PTE. */
  readonly address: number;
  readonly pte: PteView;
  /** The region the page belongs to, if any (.bss told apart from .data, as kill reports do). */
  readonly region?: RegionName;
}

export interface RootEntryView {
  readonly index: number;
  /** Physical address of the root entry. */
  readonly address: number;
  readonly value: number;
  /** First virtual address the entry covers (4 MiB each). */
  readonly va: number;
  /** The second-level table's frame, when the entry points at one. */
  readonly tableFrame?: number;
  /** Valid but with rights: the MMU faults on it. */
  readonly malformed: boolean;
  readonly leaves: readonly LeafView[];
}

export interface PageTableView {
  readonly pid: number;
  readonly rootFrame: number;
  /** User-half root entries that are non-zero, in order. */
  readonly roots: readonly RootEntryView[];
  /** Root entries of the shared kernel half that are valid. */
  readonly kernelRootEntries: number;
  /** Pages by state, over all leaves listed. */
  readonly present: number;
  readonly swapped: number;
}

/** The page table of `p`, or undefined when it has no address space (it ended). */
export function pageTableOf(k: Kernel, p: Process): PageTableView | undefined {
  const space = p.space;
  if (space === undefined) return undefined;
  const rootBase = space.root << PAGE_SHIFT;
  const roots: RootEntryView[] = [];
  let present = 0;
  let swapped = 0;
  for (let r = 0; r < KERNEL_ROOT_INDEX; r++) {
    const address = rootBase + r * PTE_SIZE_BYTES;
    const value = physicalWord(k, address);
    if (value === 0) continue;
    const table = isTablePointer(value);
    const leaves: LeafView[] = [];
    if (table) {
      const tableBase = (value >>> PAGE_SHIFT) << PAGE_SHIFT;
      for (let i = 0; i < PTES_PER_TABLE; i++) {
        const leafAddress = tableBase + i * PTE_SIZE_BYTES;
        const pteValue = physicalWord(k, leafAddress);
        if (pteValue === 0) continue;
        const vpn = (r << 10) | i;
        const pte = decodePte(pteValue);
        if (pte.state === 'present') present++;
        if (pte.state === 'swapped') swapped++;
        const region = regionName(space, vpn << PAGE_SHIFT);
        leaves.push({ index: i, vpn, va: (vpn << PAGE_SHIFT) >>> 0, address: leafAddress, pte, ...(region ? { region } : {}) });
      }
    }
    roots.push({
      index: r, address, value, va: (r << 22) >>> 0,
      ...(table ? { tableFrame: value >>> PAGE_SHIFT } : {}),
      malformed: !table && (value & 1) !== 0,
      leaves,
    });
  }
  let kernelRootEntries = 0;
  for (let r = KERNEL_ROOT_INDEX; r < PTES_PER_TABLE; r++) if ((physicalWord(k, rootBase + r * PTE_SIZE_BYTES) & 1) !== 0) kernelRootEntries++;
  return { pid: p.pid, rootFrame: space.root, roots, kernelRootEntries, present, swapped };
}
