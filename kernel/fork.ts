// fork's memory half: a new address space that shares every page of the
// parent copy-on-write. Present pages outside .text get the COW bit in both
// tables (W withheld); swapped pages share their slot. Nothing is copied now.
import { PAGE_SHIFT } from '../mmu/page.js';
import { PTE_D, PTE_V, PTE_W, pteFrame } from '../mmu/pte.js';
import type { AddressSpace } from './addressSpace.js';
import { destroySpace } from './pages.js';
import { PTE_COW, PTE_DIRTY, PTE_SWAPPED, swapSlotOf } from './softPte.js';
import type { Vm } from './vm.js';

/** The child's address space, or undefined when its page tables cannot be had (ENOMEM). */
export function forkSpace(vm: Vm, parent: AddressSpace, childId: number): AddressSpace | undefined {
  const child = vm.createSpace(childId, parent.image);
  if (child === undefined) return undefined;
  child.cloneRegions(parent);
  // Make every table first: allocation may evict parent pages, which is fine
  // before any PTE has been copied.
  const vpns: number[] = [];
  vm.forEachPte(parent, (vpn) => vpns.push(vpn));
  const childAt: number[] = [];
  for (const vpn of vpns) {
    const at = vm.pteAddress(child, vpn, true);
    if (at < 0) {
      destroySpace(vm, child);
      return undefined;
    }
    childAt.push(at);
  }
  vpns.forEach((vpn, i) => {
    const at = vm.pteAddress(parent, vpn, false);
    const pte = vm.pteAt(at);
    if (pte === 0) return; // dropped by an eviction while the tables were made
    if ((pte & PTE_V) !== 0) shareFrame(vm, parent, child, vpn, at, childAt[i]!, pte);
    else if ((pte & PTE_SWAPPED) !== 0) {
      vm.swap.addRef(swapSlotOf(pte));
      vm.memory.writeWord(childAt[i]!, pte);
    }
  });
  return child;
}

/** Shares the frame of the parent's present PTE (at `parentAt`) with the child's PTE at `childAt`. */
function shareFrame(vm: Vm, parent: AddressSpace, child: AddressSpace, vpn: number, parentAt: number, childAt: number, pte: number): void {
  const region = parent.regionAt(vpn << PAGE_SHIFT);
  let shared = pte;
  // .text can never become writable (mprotect works on mmap'd pages only), so
  // it is shared as it is; everything else is COW, even read-only mmap pages,
  // which mprotect could make writable later.
  if (region !== undefined && region.kind !== 'text') {
    shared = ((pte & ~PTE_W) | PTE_COW | ((pte & PTE_D) !== 0 ? PTE_DIRTY : 0)) >>> 0;
    if (shared !== pte) vm.writePteAt(parent, vpn, parentAt, shared, 'fork');
  }
  vm.memory.writeWord(childAt, shared);
  vm.noteAccessed(childAt, shared);
  vm.frames.addMapping(pteFrame(pte), child.id, vpn);
}
