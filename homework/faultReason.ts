// Why a translation faults, in the kernel's words (SPEC section 7's
// reasons), and what the kernel would do about it. The MMU only says "not
// present" or "protection"; the kernel's regions and the PTE's software bits
// say whether that is a page to make, to read back from swap, to copy, or a
// bad access that kills the process.
import { protAllows, type AddressSpace } from '../kernel/addressSpace.js';
import { TEXT_BASE } from '../mmu/layout.js';
import { classifyBadAccess, KILL_REASON_NAMES, regionName } from '../kernel/killReason.js';
import { rightsText } from '../kernel/killReport.js';
import { PTE_COW, PTE_SWAPPED } from '../kernel/softPte.js';
import type { Vm } from '../kernel/vm.js';
import type { AccessName } from '../mmu/access.js';
import { PAGE_SHIFT, PAGE_SIZE_BYTES } from '../mmu/page.js';
import { PTE_V } from '../mmu/pte.js';

export type FaultReason =
  | 'null_page' | 'kernel_half' | 'guard_page' | 'unmapped' | 'protection'
  | 'copy_on_write' | 'swapped_out' | 'not_present';

/** kill for a bad access; otherwise how the kernel makes the access possible before it runs again. */
export type KernelAction = 'kill' | 'zero_fill' | 'image' | 'stack_growth' | 'swap_in' | 'copy_on_write' | 'cow_reclaim';

export interface FaultExplanation {
  /** What the MMU reported. */
  readonly mmu: 'not_present' | 'protection';
  readonly reason: FaultReason;
  /** The region that holds the address, if any. */
  readonly region: string | undefined;
  /** Its rights, e.g. r-x. */
  readonly rights: string | undefined;
  /** The PTE right the access needs and the page lacks (U for the kernel half), when that is the reason. */
  readonly missing: 'R' | 'W' | 'X' | 'U' | undefined;
  readonly kernel: KernelAction;
}

const NEEDS: Record<AccessName, 'R' | 'W' | 'X'> = { fetch: 'X', load: 'R', store: 'W' };

export function explainFault(vm: Vm, space: AddressSpace, va: number, access: AccessName, mmu: FaultExplanation['mmu']): FaultExplanation {
  const a = va >>> 0;
  const kill = (reason: FaultReason, missing?: FaultExplanation['missing'], region?: string, rights?: string): FaultExplanation =>
    ({ mmu, reason, region, rights, missing, kernel: 'kill' });
  const region = space.regionAt(a);
  if (region === undefined || !protAllows(region.prot, access)) {
    // The kernel's own classification of a refused access (kernel/killReason.ts), named as its kill report names it.
    const c = classifyBadAccess(space, a);
    const reason = KILL_REASON_NAMES[c.reason] as FaultReason;
    const missing = reason === 'kernel_half' ? 'U' : reason === 'protection' ? NEEDS[access] : undefined;
    return kill(reason, missing, c.region, region === undefined ? undefined : rightsText(region.prot));
  }
  const rights = rightsText(region.prot);
  // Named as a kill report names it: .bss told apart from .data.
  const name = regionName(space, a)!;
  const pte = vm.readPte(space, a >>> PAGE_SHIFT);
  const found = (reason: FaultReason, kernel: KernelAction, missing?: FaultExplanation['missing']): FaultExplanation =>
    ({ mmu, reason, region: name, rights, missing, kernel });
  if ((pte & PTE_V) !== 0) {
    // The region allows it and the page is there: only a store to a shared copy-on-write page faults.
    if (access === 'store' && (pte & PTE_COW) !== 0) {
      return found('copy_on_write', vm.frames.refcount[pte >>> PAGE_SHIFT] === 1 ? 'cow_reclaim' : 'copy_on_write', 'W');
    }
    return kill('protection', NEEDS[access], name, rights);
  }
  if ((pte & PTE_SWAPPED) !== 0) return found('swapped_out', 'swap_in');
  return found('not_present', firstTouch(space, a, region.kind));
}

/** How a page never touched is made: from the image, as stack, or zeros. */
function firstTouch(space: AddressSpace, va: number, kind: string): KernelAction {
  if (kind === 'stack') return 'stack_growth';
  const page = va & ~(PAGE_SIZE_BYTES - 1);
  const overlaps = (base: number, length: number) => length > 0 && base < page + PAGE_SIZE_BYTES && base + length > page;
  const image = space.image;
  return overlaps(TEXT_BASE, image.text.length) || overlaps(image.dataBase, image.data.length) ? 'image' : 'zero_fill';
}
