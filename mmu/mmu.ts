// The MMU's slow path: TLB lookup with a permission check, the two-level
// table walk in physical memory, A/D updates and TLB refill (SPEC section 5).
// The CPU's loop handles the common case (a hit that allows the access) on its
// own and calls translate() for everything else. The MMU never allocates a
// frame and knows nothing of processes: the kernel writes PTEs, then
// invalidates what it changed.
import { Access, FaultKind } from './access.js';
import { AccessLog } from './accessLog.js';
import { frameAddress, leafIndexOf, Page, rootIndexOf } from './page.js';
import type { HardwareObserver } from './observer.js';
import { PhysicalMemory } from './physicalMemory.js';
import { Pte, pteFrame } from './pte.js';
import { Tlb } from './tlb.js';

/**
 * Who handles a TLB miss (SPEC section 5): the MMU's table walker, or the
 * kernel, which the miss traps to (tlb_miss) and which writes the entry with
 * tlbwrite(). In software mode the MMU never reads or writes a page table.
 */
export type TlbRefill = 'hardware' | 'software';
export const TLB_REFILLS: readonly TlbRefill[] = ['hardware', 'software'];

/**
 * Software refill needs two ways at least: an instruction may need its fetch
 * page and its data page at once, and with one way per set two pages of the
 * same set would evict each other on every refill, so the instruction would
 * never complete (the hardware walker has no such problem: the fetch is done
 * before the data fill evicts it). MIPS's TLBs are fully associative.
 */
export const SOFTWARE_REFILL_MIN_WAYS = 2;
export const SOFTWARE_REFILL_WAYS_MESSAGE =
  'software TLB refill needs at least 2 TLB ways: with one way, an instruction whose fetch and data pages share a set would refill forever';

/** The permission bits an access kind needs (U and the kind's own right). */
function rightsFor(access: Access): number {
  return Pte.U | (access === Access.Fetch ? Pte.X : access === Access.Load ? Pte.R : Pte.W);
}

export interface WalkResult {
  /** The leaf PTE after A/D were set, or 0 when the walk faulted. */
  readonly pte: number;
  readonly fault: FaultKind;
  /** Page-table memory references made (1 or 2). */
  readonly refs: number;
}

export class Mmu {
  /** Frame number of the root page table. */
  ptbr = 0;
  private asid = 0;
  /** Walks made, and page-table memory references they made (for the cycle model). */
  walks = 0;
  walkRefs = 0;
  /** Why the last translate() returned -1. */
  lastFault: FaultKind = FaultKind.None;
  /** Told of every hit, miss and walk of the slow path (tracing only). */
  observer: HardwareObserver | undefined;
  /** The leaf PTEs whose A bit walk() set, for the kernel's harvest (one entry a frame fits between harvests). */
  readonly accessLog: AccessLog;

  /** Software refill: a miss is FaultKind.TlbMiss, a store without W is TlbModified; no walks. */
  readonly softwareRefill: boolean;

  constructor(readonly memory: PhysicalMemory, readonly tlb: Tlb, refill: TlbRefill = 'hardware') {
    this.softwareRefill = refill === 'software';
    this.accessLog = new AccessLog(memory.frames);
    if (this.softwareRefill && tlb.ways < SOFTWARE_REFILL_MIN_WAYS) throw new RangeError(SOFTWARE_REFILL_WAYS_MESSAGE);
  }

  setPtbr(frame: number): void {
    this.ptbr = frame >>> 0;
  }

  /** Sets the current address-space ID (ignored, i.e. always 0, when the TLB has ASIDs off). */
  setAsid(asid: number): void {
    this.asid = this.tlb.asidsEnabled ? asid & 0xff : 0;
  }

  /** The ASID the TLB tags with right now. */
  get currentAsid(): number {
    return this.asid;
  }

  /**
   * Translates a user access at `va`, counting it in the TLB. Returns the TLB
   * entry that now holds a translation granting the access, or -1 with
   * `lastFault` set. No register or memory but the PTE's A/D bits changes.
   */
  translate(va: number, access: Access): number {
    const vpn = va >>> Page.Shift;
    const tlb = this.tlb;
    const e = tlb.lookup(vpn, this.asid);
    const need = rightsFor(access);
    const obs = this.observer;
    if (e >= 0) {
      tlb.recordHit(e);
      obs?.tlbHit(vpn, this.asid, e, access);
      const flags = tlb.flags[e]!;
      // Software refill: the kernel decides whether a store without W is a first store or a real fault.
      if (this.softwareRefill && access === Access.Store && (flags & Pte.U) !== 0 && (flags & (Pte.W | Pte.D)) !== (Pte.W | Pte.D)) {
        return this.fail(FaultKind.TlbModified);
      }
      if ((flags & need) !== need) return this.fail(FaultKind.Protection);
      if (access === Access.Store && (flags & Pte.D) === 0) {
        // The first store through an entry filled by a read: walk to set D.
        const pte = this.walk(vpn, access);
        if (pte < 0) return -1;
        tlb.refresh(e, pte);
      }
      return e;
    }
    return this.refill(va, access);
  }

  /**
   * The miss path of translate(), for a caller that has just looked the page
   * up and not found it (the CPU's loop): walk, then cache or fault.
   */
  refill(va: number, access: Access): number {
    const vpn = va >>> Page.Shift;
    this.observer?.tlbMiss(vpn, this.asid, access);
    if (this.softwareRefill) {
      this.tlb.recordMiss();
      return this.fail(FaultKind.TlbMiss);
    }
    const pte = this.walk(vpn, access);
    if (pte < 0) {
      this.tlb.recordMiss();
      return -1;
    }
    return this.tlb.fill(vpn, this.asid, frameAddress(pteFrame(pte)), pte);
  }

  /**
   * The kernel's one way to write the TLB with software refill (MIPS's
   * tlbwr, after a tlbp that found nothing; or tlbwi over the entry that
   * holds the page): caches `pteFlags` and `frame` for (vpn, asid). The
   * TLB's replacement policy picks the way of a new entry. Returns the entry.
   */
  tlbwrite(vpn: number, asid: number, pteFlags: number, frame: number): number {
    return this.tlb.write(vpn, this.tlb.asidsEnabled ? asid & 0xff : 0, frameAddress(frame), pteFlags);
  }

  private fail(kind: FaultKind): number {
    this.lastFault = kind;
    return -1;
  }

  /**
   * Walks the two-level table for a user access to page `vpn`, setting A
   * (and D for a store) in the leaf PTE in memory, and counts the walk and
   * its memory references. Returns the updated leaf PTE (unsigned), or -1
   * with `lastFault` set. Allocation-free: this is the TLB-miss hot path.
   */
  walk(vpn: number, access: Access): number {
    this.walks++;
    const found = this.find(vpn);
    const refs = found >= 0 ? 2 : findRefs(found);
    this.walkRefs += refs;
    let fault = found >= 0 ? FaultKind.None : findFault(found);
    const pte = found >= 0 ? this.memory.words[found]! >>> 0 : 0;
    if (fault === FaultKind.None) {
      const need = rightsFor(access);
      if ((pte & need) !== need) fault = FaultKind.Protection;
    }
    if (fault !== FaultKind.None) {
      this.observer?.walk(vpn, 0, refs, fault);
      return this.fail(fault);
    }
    const updated = (pte | Pte.A | (access === Access.Store ? Pte.D : 0)) >>> 0;
    if (updated !== pte) {
      this.memory.words[found] = updated;
      if ((pte & Pte.A) === 0) this.accessLog.record(found);
    }
    this.observer?.walk(vpn, updated, refs, fault);
    return updated;
  }

  /**
   * The walk without side effects or statistics: the leaf PTE of `vpn` under
   * the current ptbr if the table is well formed, whatever its rights.
   */
  peek(vpn: number): WalkResult {
    const found = this.find(vpn);
    if (found >= 0) return { pte: this.memory.words[found]! >>> 0, fault: FaultKind.None, refs: 2 };
    return { pte: 0, fault: findFault(found), refs: findRefs(found) };
  }

  /**
   * The table walk itself, shared by walk() and peek(): follows ptbr and the
   * root entry to the leaf PTE of `vpn` and applies the format's validity
   * rules (not the access's rights). Returns the leaf PTE's word index in
   * memory when it is valid, else a negative code for the fault and the
   * words read (findFault, findRefs): numbers in and out, so that the miss
   * path stays in registers (bench: micro.4way.miss).
   */
  private find(vpn: number): number {
    const words = this.memory.words;
    const frames = this.memory.frames;
    if (this.ptbr >= frames) return notFound(FaultKind.Protection, 0);
    const root = words[(frameAddress(this.ptbr) + rootIndexOf(vpn) * Page.PteSizeBytes) >>> 2]! >>> 0;
    if ((root & Pte.V) === 0) return notFound(FaultKind.NotPresent, 1);
    // A valid root entry must point at a table: any rights make it malformed.
    if ((root & Pte.RWX) !== 0 || pteFrame(root) >= frames) return notFound(FaultKind.Protection, 1);
    const index = (frameAddress(pteFrame(root)) + leafIndexOf(vpn) * Page.PteSizeBytes) >>> 2;
    const pte = words[index]! >>> 0;
    if ((pte & Pte.V) === 0) return notFound(FaultKind.NotPresent, 2);
    if (((pte & Pte.W) !== 0 && (pte & Pte.R) === 0) || pteFrame(pte) >= frames) return notFound(FaultKind.Protection, 2);
    return index;
  }
}

/** find()'s answer when there is no valid leaf: the fault and the words read, packed below zero. */
function notFound(fault: FaultKind, refs: number): number {
  return -1 - (fault * 4 + refs);
}

function findFault(found: number): FaultKind {
  return ((-1 - found) >> 2) as FaultKind;
}

function findRefs(found: number): number {
  return (-1 - found) & 3;
}
