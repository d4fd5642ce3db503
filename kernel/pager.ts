// Page-fault resolution: the kernel's answer to "may this access happen, and
// if so, make the page". Demand zero-fill, image pages, stack growth,
// swap-in and copy-on-write all start here (SPEC section 7).
import { pageOf } from '../mmu/page.js';
import { PTE_V, PTE_W, pteFrame } from '../mmu/pte.js';
import type { AccessName } from '../cpu/trap.js';
import type { AddressSpace } from './addressSpace.js';
import { protAllows } from './addressSpace.js';
import { fillInitial, mapFrame, rightsFor } from './pages.js';
import { PTE_COW, PTE_DIRTY, PTE_SWAPPED, swapSlotOf } from './softPte.js';
import { NO_PINS, type Vm } from './vm.js';

/** retry: the instruction may run again; bad_access: kill; oom: no frame could be had. */
export type FaultOutcome = 'retry' | 'bad_access' | 'oom';

export class Pager {
  constructor(private readonly vm: Vm, private readonly swapCycles: number) {}

  /**
   * `pinned`: frames that must not be evicted to make room (the page the
   * faulting instruction runs from: taking it would make the retried
   * instruction fault on its fetch, which would evict the page just made,
   * forever, when memory and swap are full).
   */
  resolve(space: AddressSpace, pid: number, va: number, access: AccessName, pinned: ReadonlySet<number> = NO_PINS): FaultOutcome {
    const region = space.regionAt(va);
    if (region === undefined || !protAllows(region.prot, access)) return 'bad_access';
    const vpn = pageOf(va);
    const vm = this.vm;
    // The one walk of this fault: every write below goes through `at`.
    // Making a frame may evict other pages, never this one (it is not
    // present, or its frame is pinned), and never frees a table.
    const at = vm.pteAddress(space, vpn, true, pinned);
    if (at < 0) return 'oom';
    const pte = vm.pteAt(at);
    let result: FaultOutcome;
    let how: string;
    if ((pte & PTE_V) !== 0) {
      // Present, and the region allows the access: only a write to a COW page can fault here.
      if (access !== 'store' || (pte & PTE_COW) === 0) return 'bad_access';
      [result, how] = this.breakCow(space, vpn, at, pte, region.prot, pinned);
    } else if ((pte & PTE_SWAPPED) !== 0) {
      [result, how] = this.swapIn(space, pid, vpn, at, pte, region.prot, pinned);
    } else {
      [result, how] = this.makePage(space, vpn, at, region.prot, region.kind === 'stack', pinned);
    }
    if (result === 'retry') vm.events?.emit({ kind: 'page_fault', pid, address: va >>> 0, access, resolution: how }, vm.cycle);
    return result;
  }

  /** First touch: a new frame with the page's initial content. */
  private makePage(space: AddressSpace, vpn: number, at: number, prot: number, stack: boolean, pinned: ReadonlySet<number>): [FaultOutcome, string] {
    const vm = this.vm;
    const frame = vm.allocFrame('user', pinned);
    if (frame < 0) return ['oom', 'oom'];
    const kind = fillInitial(vm, space, vpn, frame);
    mapFrame(vm, space, vpn, at, frame, rightsFor(prot), 'makePage');
    if (kind === 'image') vm.stats.imageLoads++;
    else vm.stats.zeroFills++;
    return ['retry', kind === 'image' ? 'image' : stack ? 'stack-growth' : 'zero-fill'];
  }

  /** A write to a shared copy-on-write page: copy it, or reclaim it when this is the last sharer. */
  private breakCow(space: AddressSpace, vpn: number, at: number, pte: number, prot: number, pinned: ReadonlySet<number>): [FaultOutcome, string] {
    const vm = this.vm;
    const old = pteFrame(pte);
    const rights = rightsFor(prot);
    if (vm.frames.refcount[old] === 1) {
      vm.writePteAt(space, vpn, at, ((pte & ~PTE_COW) | PTE_W | PTE_DIRTY) >>> 0, 'cow-reclaim');
      vm.stats.cowReclaims++;
      return ['retry', 'cow-reclaim'];
    }
    const frame = vm.allocFrame('user', new Set([...pinned, old]));
    if (frame < 0) return ['oom', 'oom'];
    vm.memory.copyFrame(old, frame);
    vm.frames.removeMapping(old, space.id, vpn);
    mapFrame(vm, space, vpn, at, frame, rights | PTE_DIRTY, 'cow-copy');
    vm.stats.cowCopies++;
    space.stats.cowCopies++;
    return ['retry', 'copy-on-write'];
  }

  /** Brings a page back from its swap slot. */
  private swapIn(space: AddressSpace, pid: number, vpn: number, at: number, pte: number, prot: number, pinned: ReadonlySet<number>): [FaultOutcome, string] {
    const vm = this.vm;
    const frame = vm.allocFrame('user', pinned);
    if (frame < 0) return ['oom', 'oom'];
    // allocFrame may have evicted other pages, never this one: it is not present.
    const slot = swapSlotOf(pte);
    vm.swap.read(slot, vm.memory.frameBytes(frame));
    vm.swap.release(slot);
    vm.cpu.chargeCycles(this.swapCycles);
    vm.stats.swapIns++;
    space.stats.swapIns++;
    const cow = (pte & PTE_COW) !== 0;
    let flags = rightsFor(prot) | PTE_DIRTY;
    if (cow) flags = (flags & ~PTE_W) | PTE_COW;
    mapFrame(vm, space, vpn, at, frame, flags, 'swapIn');
    vm.events?.emit({ kind: 'swap_in', pid, vpn, slot, frame }, vm.cycle);
    return ['retry', 'swap-in'];
  }
}
