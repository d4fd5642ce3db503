// Eviction: when no frame is free, the replacement policy picks a user frame;
// every PTE that maps it (the reverse map finds the sharers) is rewritten to
// point at a swap slot (dirty pages) or cleared (clean pages, which the
// region can make again from the image or zeros).
import { PTE_A, PTE_D } from '../mmu/pte.js';
import { FrameState } from './frameTable.js';
import { PTE_COW, PTE_DIRTY, swappedPte } from './softPte.js';
import type { Vm } from './vm.js';

export class Evictor {
  constructor(private readonly vm: Vm, private readonly swapCycles: number) {}

  /** Evicts one evictable user frame; false when none can go. */
  evictOne(pinned: ReadonlySet<number>): boolean {
    const vm = this.vm;
    if (vm.policy.usesReferences) this.harvestAccessedBits();
    const victim = vm.policy.chooseVictim((f) => !pinned.has(f) && this.canEvict(f));
    if (victim === undefined) return false;
    this.evict(victim);
    return true;
  }

  /** A dirty page needs a free swap slot; a clean one can always go. */
  private canEvict(frame: number): boolean {
    return !this.isDirty(frame) || this.vm.swap.freeSlots > 0;
  }

  isDirty(frame: number): boolean {
    const vm = this.vm;
    for (const m of vm.frames.mappings(frame)) {
      const pte = vm.readPte(vm.spaces.get(m.spaceId)!, m.vpn);
      if ((pte & (PTE_D | PTE_DIRTY)) !== 0) return true;
    }
    return false;
  }

  /**
   * The kernel learns of references only through accessed bits: tell the
   * policy which resident frames were touched since the last look, and clear
   * the bits (invalidating the TLB entries, which cache A=1).
   */
  private harvestAccessedBits(): void {
    const vm = this.vm;
    const frames = vm.frames;
    for (let f = 0; f < frames.frames; f++) {
      if (frames.state[f] !== FrameState.User) continue;
      let touched = false;
      for (const m of frames.mappings(f)) {
        const space = vm.spaces.get(m.spaceId)!;
        const at = vm.pteAddress(space, m.vpn, false);
        const pte = vm.pteAt(at);
        if ((pte & PTE_A) === 0) continue;
        touched = true;
        vm.writePteAt(space, m.vpn, at, (pte & ~PTE_A) >>> 0, 'harvest');
      }
      if (touched) vm.policy.touch(f);
    }
  }

  private evict(frame: number): void {
    const vm = this.vm;
    const dirty = this.isDirty(frame);
    const sharers = [...vm.frames.mappings(frame)];
    let slot = -1;
    if (dirty) {
      slot = vm.swap.allocate(sharers.length);
      vm.swap.write(slot, vm.memory.frameBytes(frame));
      vm.cpu.chargeCycles(this.swapCycles);
      vm.stats.swapOuts++;
      // A shared page goes out once: its first mapper is charged, so the processes' figures sum to the run's.
      if (sharers.length > 0) vm.spaces.get(sharers[0]!.spaceId)!.stats.swapOuts++;
    } else {
      vm.stats.cleanDrops++;
    }
    for (const m of sharers) {
      const space = vm.spaces.get(m.spaceId)!;
      const at = vm.pteAddress(space, m.vpn, false);
      const pte = vm.pteAt(at);
      vm.writePteAt(space, m.vpn, at, dirty ? swappedPte(slot, (pte & PTE_COW) !== 0) : 0, 'evict');
      vm.frames.removeMapping(frame, m.spaceId, m.vpn);
    }
    const owner = sharers.length > 0 ? sharers[0]!.spaceId : 0;
    vm.freeFrame(frame);
    vm.events?.emit({ kind: 'evict', pid: owner, frame, to: dirty ? 'swap' : 'drop', ...(dirty ? { slot } : {}), sharers: sharers.length }, vm.cycle);
  }
}

