// Eviction: when no frame is free, the replacement policy picks a user frame;
// every PTE that maps it (the reverse map finds the sharers) is rewritten to
// point at a swap slot (dirty pages) or cleared (clean pages, which the
// region can make again from the image or zeros).
import { PTE_A, PTE_D, PTE_V, pteFrame } from '../mmu/pte.js';
import { FrameState } from './frameTable.js';
import { PTE_COW, PTE_DIRTY, swappedPte } from './softPte.js';
import type { Vm } from './vm.js';

/** What the harvests cost: frames looked at (every frame in a full scan, one per log entry otherwise). */
export interface HarvestWork {
  harvests: number;
  fullScans: number;
  framesVisited: number;
}

export class Evictor {
  /**
   * Harvest through the MMU's accessed log (true) or scan every frame
   * (false): the same result either way, the log is only faster. A run's
   * figures never depend on it; tests compare the two.
   */
  useAccessLog = true;
  readonly work: HarvestWork = { harvests: 0, fullScans: 0, framesVisited: 0 };
  /** Scratch for the logged PTEs' frames, at most one per log entry; made at the first harvest (most runs never evict). */
  private candidates: Int32Array | undefined;

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
   * policy which resident frames were touched since the last look, in frame
   * order, and clear the bits (invalidating the TLB entries, which cache
   * A=1). The MMU's accessed log names the PTEs that gained A since then, so
   * only their frames are looked at; when it overflowed (or is not used),
   * every frame is. Both ways make the same touches, clears and
   * invalidations, in the same order (test/kernel/harvest.test.ts).
   */
  private harvestAccessedBits(): void {
    const log = this.vm.accessLog;
    this.work.harvests++;
    if (this.useAccessLog && !log.overflowed) this.harvestLogged();
    else this.harvestAll();
    log.clear();
  }

  /** The fallback: every frame, in order. */
  private harvestAll(): void {
    const frames = this.vm.frames;
    this.work.fullScans++;
    this.work.framesVisited += frames.frames;
    for (let f = 0; f < frames.frames; f++) {
      if (frames.state[f] === FrameState.User) this.harvestFrame(f);
    }
  }

  /**
   * Only the frames of logged PTEs that still hold V and A (a logged PTE may
   * have been rewritten since, or its table freed and reused: such an entry
   * names a frame with no A bit set, and harvesting it changes nothing).
   */
  private harvestLogged(): void {
    const vm = this.vm;
    const { words, length } = vm.accessLog;
    const memory = vm.memory.words;
    const frames = vm.frames;
    const candidates = (this.candidates ??= new Int32Array(vm.accessLog.capacity));
    let n = 0;
    for (let i = 0; i < length; i++) {
      const pte = memory[words[i]!]! >>> 0;
      if ((pte & (PTE_V | PTE_A)) !== (PTE_V | PTE_A)) continue;
      const f = pteFrame(pte);
      if (f < frames.frames && frames.state[f] === FrameState.User) candidates[n++] = f;
    }
    this.work.framesVisited += length;
    const sorted = candidates.subarray(0, n).sort();
    for (let i = 0; i < n; i++) {
      if (i === 0 || sorted[i] !== sorted[i - 1]) this.harvestFrame(sorted[i]!);
    }
  }

  /** Clears A in every PTE that maps `frame`; touches the frame when one had it. */
  private harvestFrame(frame: number): void {
    const vm = this.vm;
    let touched = false;
    for (const m of vm.frames.mappings(frame)) {
      const space = vm.spaces.get(m.spaceId)!;
      const at = vm.pteAddress(space, m.vpn, false);
      const pte = vm.pteAt(at);
      if ((pte & PTE_A) === 0) continue;
      touched = true;
      vm.writePteAt(space, m.vpn, at, (pte & ~PTE_A) >>> 0, 'harvest');
    }
    if (touched) vm.policy.touch(frame);
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
    // The event names the first sharer's mapping: its pid and its page.
    const owner = sharers.length > 0 ? sharers[0]!.spaceId : 0;
    const vpn = sharers.length > 0 ? sharers[0]!.vpn : 0;
    vm.freeFrame(frame);
    vm.events?.emit({ kind: 'evict', pid: owner, vpn, frame, to: dirty ? 'swap' : 'drop', ...(dirty ? { slot } : {}), sharers: sharers.length }, vm.cycle);
  }
}

