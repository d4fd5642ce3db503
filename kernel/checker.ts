// Checker mode (`illusion run --check`, `check: true` in RunOptions; always on
// in the test suite). After the traps the kernel handles it verifies
//   (a) the kernel's invariants (kernel/invariants.ts): frame states and
//       reference counts add up, every user PTE maps a frame whose reverse
//       map names it, swap slots are accounted for, no user page is W+X;
//   (b) a TLB audit: no valid TLB entry grants more than the live PTE of the
//       address space that owns it (by ASID, or the loaded space with ASIDs
//       off): same frame, and no right (R W X U, and D for a store-ready
//       entry) that the PTE lacks.
// It records every PTE write (Vm.pteWatcher) so that a stale entry is
// reported with the PTE change that forgot its invalidation. With
// `check.hits` it also compares every TLB hit against the live table as it
// happens (the reference CPU sends every access through the MMU).
//
// Cost: a full check is O(frames + PTEs in every page table + TLB
// entries). After every trap that wrote PTEs, the pages written are checked
// at once, cheaply (frame state, reference count and reverse map, W+X, and
// the TLB entries that may cache them: O(pages written x ways)). The full
// check runs after a trap that changed anything (a PTE, the frame table, an
// ASID owner) when the run is small (a full check costs at most
// SMALL_RUN_COST units), else once the machine has run at least as many
// instructions as the last full check cost: the checker never costs more
// than about one PTE visit per guest instruction. A trap that only switched
// the loaded space gets the TLB audit alone (O(TLB entries)): a switch
// writes no PTE and moves no frame, and at a quantum of a few instructions
// a full check at every switch made the checker 17x the run. `everyTrap` runs the full
// check after every trap. A last full check runs when no process is left.
// A violation throws KernelInvariantError: a kernel bug, never the guest's.
import type { HardwareObserver } from '../mmu/observer.js';
import { frameAddress, leafIndexOf, pageOf, PTE_SIZE_BYTES, PTES_PER_TABLE, rootIndexOf } from '../mmu/page.js';
import { describePte, makePte, PTE_D, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X, PTE_G, pteFrame } from '../mmu/pte.js';
import type { AddressSpace } from './addressSpace.js';
import { checkInvariants } from './invariants.js';
import { FrameState } from './frameTable.js';
import type { Kernel } from './kernel.js';
import type { PteWatcher } from './vm.js';
import { KERNEL_BASE } from '../mmu/layout.js';
import { PTE_SWAPPED, swapSlotOf } from './softPte.js';

/** A broken kernel invariant or a stale TLB entry: a kernel bug, reported loudly. */
export class KernelInvariantError extends Error {
  override readonly name = 'KernelInvariantError';
}

export interface CheckerOptions {
  /** Check after every trap, not only after those that changed something. */
  readonly everyTrap?: boolean;
}

/** A run whose full check costs at most this (PTE visits, frames, TLB entries) is checked fully after every change. */
const SMALL_RUN_COST = 16_384;
const RIGHTS = PTE_R | PTE_W | PTE_X | PTE_U;
const RIGHT_NAMES: readonly (readonly [number, string])[] = [[PTE_R, 'R'], [PTE_W, 'W'], [PTE_X, 'X'], [PTE_U, 'U']];

interface PteWrite {
  readonly space: number;
  readonly vpn: number;
  readonly oldPte: number;
  readonly newPte: number;
  readonly site: string;
  readonly invalidated: boolean;
  readonly instret: number;
}

export class Checker {
  private changed = true;
  private traps = 0;
  private checks = 0;
  private readonly lastWrite = new Map<number, PteWrite>();
  /** Pages written since the last trap: (space, vpn) keys. */
  private written: { space: AddressSpace; vpn: number }[] = [];
  private seenFree = -1;
  private seenSpace: AddressSpace | undefined;
  private seenRecycled = -1;
  private lastFullAt = 0;
  private lastFullCost = 0;

  /** Built by the kernel in checker mode (KernelHooks.check), once the kernel's parts exist. */
  constructor(private readonly kernel: Kernel, private readonly options: CheckerOptions = {}) {
    const half = this.kernelHalfProblems();
    if (half.length > 0) this.fail(half);
  }

  /** Told of every PTE write before it happens (Vm.pteWatcher). */
  readonly pteWritten: PteWatcher = (space, vpn, oldPte, newPte, site, invalidated) => {
    this.changed = true;
    this.written.push({ space, vpn });
    this.lastWrite.set(space.id * 0x100000 + vpn, { space: space.id, vpn, oldPte, newPte, site, invalidated, instret: this.kernel.cpu.instret });
  };

  /** Full checks made so far. */
  get checksMade(): number {
    return this.checks;
  }

  afterTrap(): void {
    this.traps++;
    const k = this.kernel;
    if (this.written.length > 0) this.checkWritten();
    if (this.options.everyTrap) return this.checkNow();
    const changed = this.changed || k.vm.frames.freeFrames !== this.seenFree || k.asids.recycled !== this.seenRecycled;
    if (!changed) {
      if (k.vm.current === this.seenSpace) return;
      // A switch alone writes no PTE and moves no frame: what it can break is
      // the TLB (an entry of the last process left to the next one).
      this.seenSpace = k.vm.current;
      const stale = this.auditTlb();
      if (stale.length > 0) this.fail(stale);
      return;
    }
    const cost = this.fullCost();
    if (cost <= SMALL_RUN_COST || k.cpu.instret - this.lastFullAt >= this.lastFullCost || !k.procs.anyAlive()) {
      this.checkNow();
    }
  }

  /** Runs the full check now; throws KernelInvariantError on a violation. */
  checkNow(): void {
    const k = this.kernel;
    this.checks++;
    this.changed = false;
    this.written = [];
    this.seenFree = k.vm.frames.freeFrames;
    this.seenSpace = k.vm.current;
    this.seenRecycled = k.asids.recycled;
    this.lastFullAt = k.cpu.instret;
    this.lastFullCost = this.fullCost();
    const problems = [...checkInvariants(k), ...this.auditTlb()];
    if (problems.length > 0) this.fail(problems);
  }

  /** What a full check visits: frames, every PTE of every table, TLB entries. */
  private fullCost(): number {
    const vm = this.kernel.vm;
    let cost = vm.memory.frames + this.kernel.machine.tlb.entries;
    for (const space of vm.spaces.values()) cost += space.tableFrames * PTES_PER_TABLE;
    return cost;
  }

  /** The pages written since the last trap: their PTEs and the TLB entries that may cache them. */
  private checkWritten(): void {
    const vm = this.kernel.vm;
    const frames = vm.frames;
    const problems: string[] = [];
    for (const { space, vpn } of this.written) {
      if (!vm.spaces.has(space.id)) continue; // the space is gone: its tables with it
      const pte = vm.readPte(space, vpn);
      const at = `space ${space.id} page 0x${vpn.toString(16)}`;
      if ((pte & PTE_V) !== 0) {
        const f = pteFrame(pte);
        if (frames.state[f] !== FrameState.User) problems.push(`${at} maps non-user frame ${f}`);
        else {
          const maps = frames.mappings(f);
          if (!maps.some((m) => m.spaceId === space.id && m.vpn === vpn)) problems.push(`${at} maps frame ${f}, whose reverse map does not name it`);
          if (maps.length !== frames.refcount[f]) problems.push(`frame ${f}: reverse map holds ${maps.length} PTEs, refcount is ${frames.refcount[f]}`);
        }
        if ((pte & PTE_W) !== 0 && (pte & PTE_X) !== 0) problems.push(`${at} is writable and executable`);
      } else if ((pte & PTE_SWAPPED) !== 0 && vm.swap.refsOf(swapSlotOf(pte)) <= 0) {
        problems.push(`${at} names swap slot ${swapSlotOf(pte)}, which is free`);
      }
      const stale = this.auditPage(space, vpn);
      if (stale !== undefined) problems.push(stale);
    }
    this.written = [];
    if (problems.length > 0) this.fail(problems);
  }

  /** The TLB entries that may cache page `vpn` of `space`, against its live PTE. */
  private auditPage(space: AddressSpace, vpn: number): string | undefined {
    const k = this.kernel;
    const tlb = k.machine.tlb;
    let asid: number;
    if (tlb.asidsEnabled) {
      if (space.asid < 0) return undefined;
      asid = space.asid;
    } else {
      if (space !== k.vm.current) return undefined;
      asid = 0;
    }
    const e = tlb.lookup(vpn, asid);
    if (e < 0 || (tlb.flags[e]! & PTE_G) !== 0) return undefined;
    const where = `TLB entry ${e} (set ${Math.floor(e / tlb.ways)}, way ${e % tlb.ways}) for page 0x${vpn.toString(16)} ASID ${asid}`;
    const problem = this.compare(where, e, k.vm.readPte(space, vpn), `space ${space.id}`);
    return problem === undefined ? undefined : `${problem}${this.lastChange(space.id, vpn)}`;
  }

  /** Every valid TLB entry against the live PTE of its owner. */
  auditTlb(): string[] {
    const k = this.kernel;
    const tlb = k.machine.tlb;
    const problems: string[] = [];
    for (let e = 0; e < tlb.entries; e++) {
      if (!tlb.isValid(e)) continue;
      const vpn = tlb.vpns[e]!;
      const asid = tlb.asids[e]!;
      const where = `TLB entry ${e} (set ${Math.floor(e / tlb.ways)}, way ${e % tlb.ways}) for page 0x${vpn.toString(16)} ASID ${asid}`;
      if ((tlb.flags[e]! & PTE_G) !== 0) {
        const problem = this.compare(where, e, this.kernelPte(vpn), 'the kernel half');
        if (problem !== undefined) problems.push(problem);
        continue;
      }
      let space: AddressSpace | undefined;
      if (tlb.asidsEnabled) {
        space = k.asids.ownerOf(asid);
        if (space === undefined) {
          problems.push(`stale TLB: ${where} survives, but no address space owns ASID ${asid} (freed or recycled without a flush)`);
          continue;
        }
      } else {
        // With ASIDs off nothing is loaded between a process's end and the
        // next switch, which flushes everything: there is nothing to compare.
        space = k.vm.current;
        if (space === undefined) continue;
      }
      const problem = this.compare(where, e, k.vm.readPte(space, vpn), `space ${space.id}`);
      if (problem !== undefined) problems.push(`${problem}${this.lastChange(space.id, vpn)}`);
    }
    return problems;
  }

  /** A TLB hit (reported by the MMU's slow path) against the live table under the current ptbr. */
  checkHit(vpn: number, entry: number): void {
    const k = this.kernel;
    const peek = k.machine.mmu.peek(vpn);
    const space = k.vm.current;
    const problem = this.compare(`TLB hit on entry ${entry} for page 0x${vpn.toString(16)}`, entry, peek.pte, space ? `space ${space.id}` : 'the loaded table');
    if (problem !== undefined) this.fail([`${problem}${space ? this.lastChange(space.id, vpn) : ''}`]);
  }

  /** Why entry `e` grants more than `pte`, or undefined when it does not. */
  private compare(where: string, e: number, pte: number, owner: string): string | undefined {
    const tlb = this.kernel.machine.tlb;
    const flags = tlb.flags[e]!;
    const frame = pageOf(tlb.frameBase[e]!);
    const cached = `${where} maps ${describePte(makePte(frame, flags))}`;
    if ((pte & PTE_V) === 0) return `stale TLB: ${cached}, but the live PTE of ${owner} is not present (0x${(pte >>> 0).toString(16)})`;
    if (pteFrame(pte) !== frame) return `stale TLB: ${cached}, but the live PTE of ${owner} maps ${describePte(pte)}`;
    const extra = flags & RIGHTS & ~pte;
    const staleD = (flags & PTE_W) !== 0 && (flags & PTE_D) !== 0 && (pte & PTE_D) === 0;
    if (extra !== 0 || staleD) {
      const names = RIGHT_NAMES.filter(([bit]) => (extra & bit) !== 0).map(([, name]) => name);
      if (staleD) names.push('D');
      return `stale TLB: ${cached}, granting ${names.join(' ')} that the live PTE of ${owner} lacks (${describePte(pte)})`;
    }
    return undefined;
  }

  private lastChange(spaceId: number, vpn: number): string {
    const w = this.lastWrite.get(spaceId * 0x100000 + vpn);
    if (w === undefined) return '\n      no PTE write to this page was recorded';
    const pte = (p: number) => ((p & PTE_V) !== 0 ? describePte(p) : `0x${p.toString(16)} (not present)`);
    return `\n      last PTE change of space ${w.space} page 0x${w.vpn.toString(16)}: ${w.site}, ${pte(w.oldPte)} -> ${pte(w.newPte)}, ` +
      `${w.invalidated ? 'TLB invalidated' : 'TLB NOT invalidated'}, at instruction ${w.instret}`;
  }

  /** The kernel half's PTE for `vpn` (the same in every address space), 0 beyond physical memory. */
  private kernelPte(vpn: number): number {
    const vm = this.kernel.vm;
    const frame = vpn - pageOf(KERNEL_BASE);
    if (frame < 0 || frame >= vm.memory.frames) return 0;
    return vm.memory.readWord(frameAddress(vm.kernelTables[rootIndexOf(frame)]!) + leafIndexOf(frame) * PTE_SIZE_BYTES);
  }

  /** The kernel half maps every frame at KERNEL_BASE + paddr, supervisor-only. */
  private kernelHalfProblems(): string[] {
    const problems: string[] = [];
    const base = pageOf(KERNEL_BASE);
    for (let f = 0; f < this.kernel.vm.memory.frames; f++) {
      const pte = this.kernelPte(base + f);
      if ((pte & PTE_U) !== 0) problems.push(`the kernel half is user-accessible: page 0x${(base + f).toString(16)} has ${describePte(pte)}`);
      else if ((pte & PTE_V) === 0 || pteFrame(pte) !== f) problems.push(`the kernel half does not map frame ${f}: ${describePte(pte)}`);
      if (problems.length >= 4) break;
    }
    return problems;
  }

  private fail(problems: string[]): never {
    const k = this.kernel;
    const running = k.current ? `pid ${k.current.pid} (${k.current.name})` : 'no process';
    const shown = problems.slice(0, 8);
    throw new KernelInvariantError([
      `kernel invariant violated after trap ${this.traps} (instruction ${k.cpu.instret}, ${running} on the CPU):`,
      ...shown.map((p) => `  - ${p}`),
      ...(problems.length > shown.length ? [`  ... and ${problems.length - shown.length} more`] : []),
      'This is a bug in the kernel, not the guest program\'s fault.',
    ].join('\n'));
  }

  /**
   * An MMU observer that compares every TLB hit against the live page table
   * as it happens, then forwards everything to `next` (the tracer, if any).
   * The kernel installs it and runs the reference CPU, which sends every
   * access through the MMU's slow path.
   */
  hitObserver(next: HardwareObserver | undefined): HardwareObserver {
    return {
      tlbHit: (vpn, asid, entry, access) => {
        this.checkHit(vpn, entry);
        next?.tlbHit(vpn, asid, entry, access);
      },
      tlbMiss: (vpn, asid, access) => next?.tlbMiss(vpn, asid, access),
      walk: (vpn, pte, refs, fault) => next?.walk(vpn, pte, refs, fault),
      tlbFill: (vpn, asid, set, way, ev, ea) => next?.tlbFill(vpn, asid, set, way, ev, ea),
      tlbInvalidate: (kind, vpn, asid) => next?.tlbInvalidate(kind, vpn, asid),
    };
  }
}
