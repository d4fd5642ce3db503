// The kernel's TLB refill handler, for a software-managed TLB (SPEC section
// 5, `--tlb-refill software`; MIPS and OS/161 work this way). The MMU does
// not walk: a miss traps as tlb_miss, and this handler finds the page in the
// kernel's own table and writes one entry with the hardware's tlbwrite().
// The kernel also keeps A and D, which the walker keeps in hardware mode:
//   - a refill sets A in the PTE (harvesting clears A and invalidates the
//     entry, so the next use refills and sets A again);
//   - an entry is written without W until the page's first store, which
//     traps as tlb_modified; the handler then sets D and rewrites the entry
//     with W.
// Whatever it cannot serve (no valid PTE, or one that forbids the access) is
// a page fault, handled exactly as the hardware walker's would be: it is
// counted and charged as the CPU counts and charges one, then the kernel
// resolves it (zero-fill, copy-on-write, swap-in) or kills.
//
// Cost (SPEC section 8): each tlb_miss or tlb_modified trap adds
// refill_trap_cycles plus walk_cycles per page-table word the handler reads.
import type { Cpu } from '../cpu/cpu.js';
import { FaultKind, Trap, TrapCause } from '../cpu/trap.js';
import type { Mmu } from '../mmu/mmu.js';
import { frameAddress, leafIndexOf, PAGE_SHIFT, PTE_SIZE_BYTES, rootIndexOf } from '../mmu/page.js';
import type { PhysicalMemory } from '../mmu/physicalMemory.js';
import { PTE_A, PTE_D, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X, pteFrame } from '../mmu/pte.js';

/** What an access needs in the PTE, indexed by Access (the walker's rule). */
const NEEDS = [PTE_V | PTE_U | PTE_X, PTE_V | PTE_U | PTE_R, PTE_V | PTE_U | PTE_W] as const;

export interface RefillCosts {
  readonly walkCycles: number;
  readonly refillTrapCycles: number;
}

/** An address space as the handler sees it: the frame of its root table. */
export interface RefillSpace {
  readonly root: number;
}

/** What the handler needs of the kernel's page tables (kernel/vm.ts is one; the benchmark's bare machine another). */
export interface RefillTables<S extends RefillSpace> {
  readonly memory: PhysicalMemory;
  writePte(space: S, vpn: number, pte: number, site: string, invalidate: boolean): void;
}

/** The counters the handler keeps (KernelStats has them). */
export interface RefillCounters {
  tlbRefillTraps: number;
  tlbModifiedTraps: number;
}

export class RefillHandler<S extends RefillSpace> {
  constructor(
    private readonly tables: RefillTables<S>,
    private readonly mmu: Mmu,
    private readonly cpu: Cpu,
    private readonly stats: RefillCounters,
    private readonly costs: RefillCosts,
  ) {}

  /**
   * Handles a tlb_miss or tlb_modified trap of the running space. Returns
   * undefined when the entry is written (the instruction runs again), or the
   * page-fault trap the kernel must handle instead.
   */
  handle(space: S, trap: Trap): Trap | undefined {
    const vpn = trap.address >>> PAGE_SHIFT;
    const { pte, words } = this.find(space, vpn);
    this.cpu.chargeCycles(this.costs.refillTrapCycles + words * this.costs.walkCycles);
    const need = NEEDS[trap.access];
    if (trap.cause === TrapCause.TlbMiss) this.stats.tlbRefillTraps++;
    else this.stats.tlbModifiedTraps++;
    if ((pte & need) !== need) return this.pageFault(trap, pte);
    // A on every refill; D on the first store (a tlb_modified, or a store that missed: its retry traps as one).
    const updated = (pte | PTE_A | (trap.cause === TrapCause.TlbModified ? PTE_D : 0)) >>> 0;
    // No invalidation: the TLB holds nothing for this page (a miss) or the
    // entry is rewritten in place just below, with rights the PTE grants.
    if (updated !== pte) this.tables.writePte(space, vpn, updated, trap.cause === TrapCause.TlbMiss ? 'refill' : 'tlb-modified', false);
    const flags = (updated & PTE_D) !== 0 ? updated : updated & ~PTE_W;
    this.mmu.tlbwrite(vpn, this.mmu.currentAsid, flags & 0xff, updated >>> PAGE_SHIFT);
    return undefined;
  }

  /** The leaf PTE of `vpn` in the space's table (0 when there is none) and the table words read to find it. */
  private find(space: S, vpn: number): { pte: number; words: number } {
    const memory = this.tables.memory;
    const root = memory.readWord(frameAddress(space.root) + rootIndexOf(vpn) * PTE_SIZE_BYTES);
    if ((root & PTE_V) === 0) return { pte: 0, words: 1 };
    return { pte: memory.readWord(frameAddress(pteFrame(root)) + leafIndexOf(vpn) * PTE_SIZE_BYTES), words: 2 };
  }

  /** The page fault the walker would have raised: counted as the CPU does (cpu/cpu.ts); the kernel charges it when it handles it. */
  private pageFault(trap: Trap, pte: number): Trap {
    this.cpu.pageFaults++;
    const fault = (pte & PTE_V) === 0 ? FaultKind.NotPresent : FaultKind.Protection;
    return { cause: TrapCause.PageFault, pc: trap.pc, access: trap.access, address: trap.address, fault };
  }
}

