// The swap device as data: how many slots it has, which are in use, and for
// each used slot the pages that name it (pid and vpn). The device itself
// keeps only a reference count per slot; who owns a slot is read from the
// page tables, where a swapped PTE holds its slot number. A copy-on-write
// page swapped out while shared is one slot named by every sharer.
import { KERNEL_ROOT_INDEX } from '../mmu/layout.js';
import { PAGE_SHIFT, PTE_SIZE_BYTES, PTES_PER_TABLE } from '../mmu/page.js';
import { physicalWord, spacesOf, type Kernel } from './machine.js';
import { decodePte, isTablePointer } from './pte.js';

export interface SwapPage {
  readonly pid: number;
  readonly vpn: number;
}

export interface SwapSlotView {
  readonly slot: number;
  /** The device's reference count: one per PTE that names the slot. */
  readonly refs: number;
  /** Every page that names the slot, by pid then vpn. */
  readonly pages: readonly SwapPage[];
}

export interface SwapView {
  readonly slots: number;
  readonly used: number;
  readonly free: number;
  /** The used slots, in slot order. */
  readonly usedSlots: readonly SwapSlotView[];
  /** Per pid with pages in swap, how many (a shared slot counts for each sharer), by pid. */
  readonly byPid: readonly { readonly pid: number; readonly pages: number }[];
}

export function swapOf(k: Kernel): SwapView {
  const device = k.vm.swap;
  const named = new Map<number, SwapPage[]>();
  const byPid: { pid: number; pages: number }[] = [];
  for (const [pid, space] of spacesOf(k)) {
    let pages = 0;
    const rootBase = space.root << PAGE_SHIFT;
    for (let r = 0; r < KERNEL_ROOT_INDEX; r++) {
      const root = physicalWord(k, rootBase + r * PTE_SIZE_BYTES);
      if (root === 0 || !isTablePointer(root)) continue;
      const tableBase = (root >>> PAGE_SHIFT) << PAGE_SHIFT;
      for (let i = 0; i < PTES_PER_TABLE; i++) {
        const value = physicalWord(k, tableBase + i * PTE_SIZE_BYTES);
        if (value === 0) continue;
        const pte = decodePte(value);
        if (pte.state !== 'swapped' || pte.slot === undefined) continue;
        let list = named.get(pte.slot);
        if (list === undefined) named.set(pte.slot, list = []);
        list.push({ pid, vpn: (r << 10) | i });
        pages++;
      }
    }
    if (pages > 0) byPid.push({ pid, pages });
  }
  const usedSlots = [...named].sort((a, b) => a[0] - b[0]).map(([slot, pages]) => ({
    slot, refs: device.refsOf(slot), pages: pages.sort((a, b) => a.pid - b.pid || a.vpn - b.vpn),
  }));
  return { slots: device.slots, used: device.usedSlots, free: device.freeSlots, usedSlots, byPid: byPid.sort((a, b) => a.pid - b.pid) };
}
