// The kernel's view of page tables: a software walk with an `alloc` flag,
// PTE updates that always invalidate what the TLB may hold, and frame
// allocation that falls back on eviction when no frame is free.
import type { Cpu } from '../cpu/cpu.js';
import type { AccessLog } from '../mmu/accessLog.js';
import { frameAddress, leafIndexOf, PTE_SIZE_BYTES, PTES_PER_TABLE, rootIndexOf, vpnOf } from '../mmu/page.js';
import type { PhysicalMemory } from '../mmu/physicalMemory.js';
import { makePte, PTE_A, PTE_D, PTE_G, PTE_R, PTE_V, PTE_W, pteFrame } from '../mmu/pte.js';
import type { Tlb } from '../mmu/tlb.js';
import { AddressSpace } from './addressSpace.js';
import type { EventSink } from './events.js';
import { FrameState, FrameTable } from './frameTable.js';
import { KERNEL_ROOT_INDEX } from '../mmu/layout.js';
import type { ReplacementPolicy } from './policy/policy.js';
import type { KernelStats } from './stats.js';
import { PTE_SWAPPED } from './softPte.js';
import { SwapDevice } from './swapDevice.js';

/** Evicts one user page to make room; the Evictor implements it. Returns false when nothing can go. */
export type EvictOne = (pinned: ReadonlySet<number>) => boolean;

/** A PTE write: the space and page, the old and new PTE, the kernel site, and whether the TLB was told. */
export type PteWatcher = (space: AddressSpace, vpn: number, oldPte: number, newPte: number, site: string, invalidated: boolean) => void;

export class Vm {
  readonly frames: FrameTable;
  readonly swap: SwapDevice;
  readonly spaces = new Map<number, AddressSpace>();
  /** The space whose tables the MMU uses now (for TLB invalidation with ASIDs off). */
  current: AddressSpace | undefined;
  /** The fixed second-level tables mapping the kernel half, shared by every root table. */
  readonly kernelTables: number[] = [];
  evictOne: EvictOne = () => false;
  /** The MMU's log of PTEs that gained A (mmu/accessLog.ts); the kernel logs its own A writes there too. */
  readonly accessLog: AccessLog;
  events: EventSink | undefined;
  /** Told of every PTE write before it happens (the checker, kernel/checker.ts); undefined costs nothing. */
  pteWatcher: PteWatcher | undefined;

  constructor(
    readonly memory: PhysicalMemory,
    readonly tlb: Tlb,
    readonly cpu: Cpu,
    readonly policy: ReplacementPolicy,
    readonly stats: KernelStats,
    swapPages: number,
  ) {
    this.frames = new FrameTable(memory.frames);
    this.accessLog = cpu.mmu.accessLog;
    this.swap = new SwapDevice(swapPages);
    this.frames.onMappingChange = (id, delta) => this.countResident(id, delta);
    this.mapKernelHalf();
  }

  /**
   * Builds the kernel half: all of physical memory at 0x80000000 + paddr,
   * supervisor-only and global. These tables are the kernel's fixed frames.
   */
  private mapKernelHalf(): void {
    const tables = Math.ceil(this.memory.frames / PTES_PER_TABLE);
    for (let t = 0; t < tables; t++) {
      const table = this.frames.take(FrameState.Kernel);
      this.frames.markFixed();
      this.memory.zeroFrame(table);
      this.kernelTables.push(table);
    }
    const flags = PTE_V | PTE_R | PTE_W | PTE_G | PTE_A | PTE_D;
    for (let f = 0; f < this.memory.frames; f++) {
      const table = this.kernelTables[rootIndexOf(f)]!;
      this.memory.writeWord(frameAddress(table) + leafIndexOf(f) * PTE_SIZE_BYTES, makePte(f, flags));
    }
  }

  private countResident(spaceId: number, delta: 1 | -1): void {
    const stats = this.spaces.get(spaceId)?.stats;
    if (stats === undefined) return;
    stats.residentPages += delta;
    if (stats.residentPages > stats.peakResidentPages) stats.peakResidentPages = stats.residentPages;
  }

  /** Frames (page tables included) and swap slots `space` holds now: what an OOM kill reports. */
  holdings(space: AddressSpace): { frames: number; swapSlots: number } {
    let frames = space.tableFrames;
    let swapSlots = 0;
    this.forEachPte(space, (_vpn, pte) => {
      if ((pte & PTE_V) !== 0) frames++;
      else if ((pte & PTE_SWAPPED) !== 0) swapSlots++;
    });
    return { frames, swapSlots };
  }

  get cycle(): number {
    return this.cpu.cycles();
  }

  /** A frame for a user page or a page table, evicting if none is free; -1 when none can be had. */
  allocFrame(use: 'user' | 'table', pinned: ReadonlySet<number> = NO_PINS): number {
    const state = use === 'user' ? FrameState.User : FrameState.Kernel;
    let f = this.frames.take(state);
    while (f < 0) {
      if (!this.evictOne(pinned)) return -1;
      f = this.frames.take(state);
    }
    if (use === 'user') this.policy.admit(f);
    else this.stats.pageTableFrames++;
    const used = this.frames.usedByProcesses;
    if (used > this.stats.peakFrames) this.stats.peakFrames = used;
    if (this.stats.pageTableFrames > this.stats.peakPageTableFrames) this.stats.peakPageTableFrames = this.stats.pageTableFrames;
    this.events?.emit({ kind: 'frame_alloc', frame: f, use }, this.cycle);
    return f;
  }

  freeFrame(f: number): void {
    if (this.frames.state[f] === FrameState.User) this.policy.forget(f);
    else this.stats.pageTableFrames--;
    this.frames.release(f);
    this.events?.emit({ kind: 'frame_free', frame: f }, this.cycle);
  }

  /** A new address space with its root table (kernel half mapped); undefined when no frame can be had. */
  createSpace(id: number, image: AddressSpace['image'], pinned: ReadonlySet<number> = NO_PINS): AddressSpace | undefined {
    const root = this.allocFrame('table', pinned);
    if (root < 0) return undefined;
    this.memory.zeroFrame(root);
    for (let i = 0; i < this.kernelTables.length; i++) {
      this.memory.writeWord(frameAddress(root) + (KERNEL_ROOT_INDEX + i) * PTE_SIZE_BYTES, makePte(this.kernelTables[i]!, PTE_V));
    }
    const space = new AddressSpace(id, root, image);
    space.tableFrames = 1;
    this.spaces.set(id, space);
    return space;
  }

  /**
   * The software walk: the physical address of the leaf PTE of `vpn`, making
   * the second-level table when `alloc`; -1 when there is none (or none could
   * be made). A caller that reads and then writes a PTE walks once and
   * passes the address on (pteAt, writePteAt).
   */
  pteAddress(space: AddressSpace, vpn: number, alloc: boolean, pinned: ReadonlySet<number> = NO_PINS): number {
    const rootAddr = frameAddress(space.root) + rootIndexOf(vpn) * PTE_SIZE_BYTES;
    let root = this.memory.readWord(rootAddr);
    if ((root & PTE_V) === 0) {
      if (!alloc) return -1;
      const table = this.allocFrame('table', pinned);
      if (table < 0) return -1;
      this.memory.zeroFrame(table);
      space.tableFrames++;
      root = makePte(table, PTE_V);
      this.memory.writeWord(rootAddr, root);
    }
    return frameAddress(pteFrame(root)) + leafIndexOf(vpn) * PTE_SIZE_BYTES;
  }

  /** The PTE at physical address `at` (from pteAddress). */
  pteAt(at: number): number {
    return this.memory.readWord(at);
  }

  /** The PTE of `vpn`, 0 when its table does not exist. */
  readPte(space: AddressSpace, vpn: number): number {
    const at = this.pteAddress(space, vpn, false);
    return at < 0 ? 0 : this.pteAt(at);
  }

  /**
   * Writes a PTE (its table must exist) and drops whatever the TLB may hold
   * for it. `site` names the kernel code that made the change, for the
   * checker's stale-TLB reports.
   */
  writePte(space: AddressSpace, vpn: number, pte: number, site: string): void {
    const at = this.pteAddress(space, vpn, false);
    if (at < 0) throw new Error(`kernel bug: no table for page 0x${vpn.toString(16)}`);
    this.writePteAt(space, vpn, at, pte, site);
  }

  /** writePte through the address a walk of (space, vpn) found. */
  writePteAt(space: AddressSpace, vpn: number, at: number, pte: number, site: string): void {
    this.store(space, vpn, at, pte, site, true);
  }

  /**
   * Writes a PTE and leaves the TLB alone: only for a change that makes no
   * cached entry grant more than the PTE, i.e. setting A (an entry is cached
   * with A=1 only, and A grants nothing).
   */
  writePteKeepingTlb(space: AddressSpace, vpn: number, at: number, pte: number, site: string): void {
    this.store(space, vpn, at, pte, site, false);
  }

  private store(space: AddressSpace, vpn: number, at: number, pte: number, site: string, invalidate: boolean): void {
    const old = this.memory.readWord(at);
    if (this.pteWatcher !== undefined) this.pteWatcher(space, vpn, old, pte >>> 0, site, invalidate);
    this.memory.writeWord(at, pte);
    // A PTE that had V and A already is in the log (or the log overflowed).
    if ((old & (PTE_V | PTE_A)) !== (PTE_V | PTE_A)) this.noteAccessed(at, pte);
    if (invalidate) this.invalidatePage(space, vpn);
  }

  /**
   * Logs a PTE the kernel wrote with V and A at `at` in the MMU's accessed log, as the walker logs the A bits it sets:
   * the harvest reads only logged PTEs (kernel/evictor.ts), so every PTE
   * that gains A must be logged, whoever sets it (software refill, copyIn,
   * copyOut, a fork's copy of a parent's PTE).
   */
  noteAccessed(at: number, pte: number): void {
    if ((pte & (PTE_V | PTE_A)) === (PTE_V | PTE_A)) this.accessLog.record(at >>> 2);
  }

  invalidatePage(space: AddressSpace, vpn: number): void {
    if (this.tlb.asidsEnabled) {
      if (space.asid >= 0) this.tlb.invalidatePage(vpn, space.asid);
    } else if (space === this.current) {
      this.tlb.invalidatePage(vpn, 0);
    }
  }

  /** Calls `visit` for every non-zero user PTE of a space (kernel half excluded). */
  forEachPte(space: AddressSpace, visit: (vpn: number, pte: number) => void): void {
    for (let r = 0; r < KERNEL_ROOT_INDEX; r++) {
      const root = this.memory.readWord(frameAddress(space.root) + r * PTE_SIZE_BYTES);
      if ((root & PTE_V) === 0) continue;
      const table = frameAddress(pteFrame(root));
      for (let i = 0; i < PTES_PER_TABLE; i++) {
        const pte = this.memory.readWord(table + i * PTE_SIZE_BYTES);
        if (pte !== 0) visit(vpnOf(r, i), pte);
      }
    }
  }

  /**
   * Frees the second-level table that spans `vpn` if no entry in it is left
   * (munmap and an sbrk shrink empty them), so that later calls over its span
   * skip it. No TLB entry can come from it: each of its PTEs was invalidated
   * when it was cleared.
   */
  releaseTableIfEmpty(space: AddressSpace, vpn: number): void {
    const rootAddr = frameAddress(space.root) + rootIndexOf(vpn) * PTE_SIZE_BYTES;
    const root = this.memory.readWord(rootAddr);
    if ((root & PTE_V) === 0) return;
    const table = frameAddress(pteFrame(root));
    for (let i = 0; i < PTES_PER_TABLE; i++) {
      if (this.memory.readWord(table + i * PTE_SIZE_BYTES) !== 0) return;
    }
    this.memory.writeWord(rootAddr, 0);
    this.freeFrame(pteFrame(root));
    space.tableFrames--;
  }

  /** Frees a space's page tables (its pages must be gone already). */
  releaseTables(space: AddressSpace): void {
    for (let r = 0; r < KERNEL_ROOT_INDEX; r++) {
      const root = this.memory.readWord(frameAddress(space.root) + r * PTE_SIZE_BYTES);
      if ((root & PTE_V) !== 0) this.freeFrame(pteFrame(root));
    }
    this.freeFrame(space.root);
    space.tableFrames = 0;
    this.spaces.delete(space.id);
  }

  /** Frames and swap slots a space accounts for: the OOM killer's measure. */
  footprint(space: AddressSpace): number {
    let pages = space.tableFrames;
    this.forEachPte(space, () => pages++);
    return pages;
  }
}

export const NO_PINS: ReadonlySet<number> = new Set();
