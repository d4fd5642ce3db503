// Making and removing user pages: the rights a region gives a PTE, the
// initial content of a page (image bytes or zeros), and unmapping that
// returns frames and swap slots.
import { TEXT_BASE } from '../mmu/layout.js';
import { PAGE_SHIFT, PAGE_SIZE_BYTES, PTES_PER_TABLE } from '../mmu/page.js';
import { makePte, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X, pteFrame } from '../mmu/pte.js';
import { PROT_R, PROT_W, PROT_X } from './abi.js';
import type { AddressSpace } from './addressSpace.js';
import { PTE_COW, PTE_SWAPPED, swapSlotOf } from './softPte.js';
import type { Vm } from './vm.js';

/** PTE rights for a region's prot; W implies R (the MMU has no write-only pages). */
export function rightsFor(prot: number): number {
  let bits = PTE_V | PTE_U;
  if ((prot & (PROT_R | PROT_W)) !== 0) bits |= PTE_R;
  if ((prot & PROT_W) !== 0) bits |= PTE_W;
  if ((prot & PROT_X) !== 0) bits |= PTE_X;
  return bits;
}

/** Fills a frame with what page `vpn` holds before anyone writes it: image bytes, else zeros. */
export function fillInitial(vm: Vm, space: AddressSpace, vpn: number, frame: number): 'image' | 'zero' {
  const dest = vm.memory.frameBytes(frame);
  dest.fill(0);
  const pageStart = vpn << PAGE_SHIFT;
  const copied =
    copyOverlap(space.image.text, TEXT_BASE, pageStart, dest) +
    copyOverlap(space.image.data, space.image.dataBase, pageStart, dest);
  return copied > 0 ? 'image' : 'zero';
}

function copyOverlap(bytes: Uint8Array, base: number, pageStart: number, dest: Uint8Array): number {
  const from = Math.max(base, pageStart);
  const to = Math.min(base + bytes.length, pageStart + PAGE_SIZE_BYTES);
  if (from >= to) return 0;
  dest.set(bytes.subarray(from - base, to - base), from - pageStart);
  return to - from;
}

/** Maps user frame `frame` at `vpn`, whose PTE is at `at`, with `flags`, and records the mapping. */
export function mapFrame(vm: Vm, space: AddressSpace, vpn: number, at: number, frame: number, flags: number, site: string): void {
  vm.writePteAt(space, vpn, at, makePte(frame, flags), site);
  vm.frames.addMapping(frame, space.id, vpn);
}

/** Removes whatever page `vpn` holds (frame reference or swap slot) and clears its PTE. */
export function unmapPage(vm: Vm, space: AddressSpace, vpn: number, site: string): void {
  const at = vm.pteAddress(space, vpn, false);
  if (at < 0) return;
  const pte = vm.pteAt(at);
  if (pte === 0) return;
  vm.writePteAt(space, vpn, at, 0, site);
  if ((pte & PTE_V) !== 0) {
    const frame = pteFrame(pte);
    // The frame goes back only when no other sharer (fork, COW) still maps it.
    if (vm.frames.removeMapping(frame, space.id, vpn) === 0) vm.freeFrame(frame);
  } else if ((pte & PTE_SWAPPED) !== 0) {
    vm.swap.release(swapSlotOf(pte));
  }
}

/** The first page of the next second-level table's span after `vpn`'s. */
function nextTableStart(vpn: number): number {
  return vpn - (vpn % PTES_PER_TABLE) + PTES_PER_TABLE;
}

/**
 * Unmaps every page in [startVpn, endVpn). A span with no second-level table
 * holds no page and is skipped whole, and a table the call leaves empty is
 * freed, so that a call over a huge range costs the tables that hold pages,
 * not its pages (docs/attacks.md, host-huge-range.s).
 */
export function unmapRange(vm: Vm, space: AddressSpace, startVpn: number, endVpn: number, site: string): void {
  for (let vpn = startVpn; vpn < endVpn;) {
    const next = Math.min(nextTableStart(vpn), endVpn);
    if (vm.pteAddress(space, vpn, false) >= 0) {
      for (let v = vpn; v < next; v++) unmapPage(vm, space, v, site);
      // A table left empty would be walked by every later call over its span.
      vm.releaseTableIfEmpty(space, vpn);
    }
    vpn = next;
  }
}

/** Releases every page and table of a space. */
export function destroySpace(vm: Vm, space: AddressSpace): void {
  const vpns: number[] = [];
  vm.forEachPte(space, (vpn) => vpns.push(vpn));
  for (const vpn of vpns) unmapPage(vm, space, vpn, 'destroySpace');
  vm.releaseTables(space);
}

/** Rewrites the rights of the present pages of [startVpn, endVpn) for a new prot (COW pages stay read-only). */
export function reprotectRange(vm: Vm, space: AddressSpace, startVpn: number, endVpn: number, prot: number): void {
  for (let vpn = startVpn; vpn < endVpn; vpn++) {
    const at = vm.pteAddress(space, vpn, false);
    if (at < 0) {
      vpn = nextTableStart(vpn) - 1; // no table: no page in its span
      continue;
    }
    const pte = vm.pteAt(at);
    if ((pte & PTE_V) === 0) continue;
    let rights = rightsFor(prot);
    if ((pte & PTE_COW) !== 0) rights &= ~PTE_W;
    // Frame, A, D, G and the soft bits stay; the rights are replaced.
    const keep = pte & ~(PTE_V | PTE_R | PTE_W | PTE_X | PTE_U);
    vm.writePteAt(space, vpn, at, (keep | rights) >>> 0, 'mprotect');
  }
}
