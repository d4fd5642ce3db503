// Kernel access to user memory for system calls. Every buffer is checked
// page by page with the caller's own rights before anything happens (SPEC
// section 6); a page that is valid but not present is then brought in as if
// the process had touched it; only then are bytes copied.
import type { AccessName } from '../cpu/trap.js';
import { frameAddress, pageOf, pageOffsetOf, PAGE_SIZE_BYTES } from '../mmu/page.js';
import { PTE_A, PTE_D, PTE_V, PTE_W, pteFrame } from '../mmu/pte.js';
import type { AddressSpace } from './addressSpace.js';
import { protAllows } from './addressSpace.js';
import { KERNEL_BASE, MMAP_TOP } from '../mmu/layout.js';
import { PTE_COW, PTE_DIRTY } from './softPte.js';
import type { Vm } from './vm.js';

/** Resolves a fault the kernel takes on a process's behalf; false when the process did not survive it. */
export type FaultIn = (va: number, access: AccessName) => boolean;

/** True when [addr, addr+len) lies wholly in user regions that allow `access`. len 0 is always valid. */
export function rangeAllowed(space: AddressSpace, addr: number, len: number, access: 'load' | 'store'): boolean {
  if (len === 0) return true;
  const start = addr >>> 0;
  const end = start + len; // exclusive, may pass 2^32: then it is not valid
  if (end > KERNEL_BASE) return false;
  // Region by region (their bounds are page-aligned): a huge buffer in one
  // region costs one look-up, not one per page. The mmap regions lie
  // together below MMAP_TOP, and the part of the buffer among them is
  // checked by one query of their tree, however many regions it crosses.
  for (let a = start; a < end;) {
    const region = space.regionAt(a);
    if (region === undefined || !protAllows(region.prot, access)) return false;
    if (region.kind === 'mmap') {
      const stop = Math.min(end, MMAP_TOP);
      if (!space.mmapAllows(a, stop, access)) return false;
      a = stop;
    } else {
      a = region.end;
    }
  }
  return true;
}

/** True when the present PTE already allows the access without a fault. */
function presentFor(pte: number, access: 'load' | 'store'): boolean {
  if ((pte & PTE_V) === 0) return false;
  return access === 'load' || ((pte & PTE_W) !== 0 && (pte & PTE_COW) === 0);
}

/** Makes the page holding `va` present for `access`; false when the process did not survive. */
function ensurePresent(vm: Vm, space: AddressSpace, va: number, access: 'load' | 'store', faultIn: FaultIn): boolean {
  while (!presentFor(vm.readPte(space, pageOf(va)), access)) {
    if (!faultIn(va, access)) return false;
  }
  return true;
}

/**
 * Copies bytes out of user memory (the range must have passed rangeAllowed),
 * one page at a time, bringing each page in first. undefined when the
 * process did not survive a fault (out of memory).
 */
export function copyIn(vm: Vm, space: AddressSpace, addr: number, len: number, faultIn: FaultIn): Uint8Array | undefined {
  const out = new Uint8Array(len);
  let done = 0;
  while (done < len) {
    const va = (addr + done) >>> 0;
    if (!ensurePresent(vm, space, va, 'load', faultIn)) return undefined;
    const vpn = pageOf(va);
    const at = vm.pteAddress(space, vpn, false);
    const pte = vm.pteAt(at);
    const offset = pageOffsetOf(va);
    const n = Math.min(len - done, PAGE_SIZE_BYTES - offset);
    const base = frameAddress(pteFrame(pte)) + offset;
    out.set(vm.memory.bytes.subarray(base, base + n), done);
    // Setting A grants nothing more, and no TLB entry can hold A=0: no invalidation needed.
    if ((pte & PTE_A) === 0) vm.writePteKeepingTlb(space, vpn, at, (pte | PTE_A) >>> 0, 'copyIn');
    done += n;
  }
  return out;
}

/**
 * Copies bytes into user memory (the range must have passed rangeAllowed),
 * page by page, breaking copy-on-write and marking pages dirty as a user
 * store would. false when the process did not survive a fault.
 */
export function copyOut(vm: Vm, space: AddressSpace, addr: number, bytes: Uint8Array, faultIn: FaultIn): boolean {
  let done = 0;
  while (done < bytes.length) {
    const va = (addr + done) >>> 0;
    if (!ensurePresent(vm, space, va, 'store', faultIn)) return false;
    const vpn = pageOf(va);
    const at = vm.pteAddress(space, vpn, false);
    const pte = vm.pteAt(at);
    const offset = pageOffsetOf(va);
    const n = Math.min(bytes.length - done, PAGE_SIZE_BYTES - offset);
    vm.memory.bytes.set(bytes.subarray(done, done + n), frameAddress(pteFrame(pte)) + offset);
    const marked = (pte | PTE_A | PTE_D | PTE_DIRTY) >>> 0;
    if (marked !== pte) vm.writePteAt(space, vpn, at, marked, 'copyOut');
    done += n;
  }
  return true;
}
