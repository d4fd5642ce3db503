// The hardware, assembled: physical memory, TLB, MMU and CPU (with its timer).
// This is only wiring; each part is its own module and can be tested alone.
// The kernel drives it through the operations real hardware offers: set the
// page-table base and ASID, invalidate TLB entries, read and write physical
// memory, set registers and pc, and run until the next trap.
import { Mmu, type TlbRefill } from '../mmu/mmu.js';
import { PhysicalMemory } from '../mmu/physicalMemory.js';
import { DEFAULT_TLB_CONFIG, Tlb, TlbConfig } from '../mmu/tlb.js';
import { attachBlockEngine, canCompileBlocks, type BlockEngine, type EngineName } from './blocks/engine.js';
import { Cpu, CycleCosts, DEFAULT_CYCLE_COSTS } from './cpu.js';

export interface HardwareConfig {
  readonly frames: number;
  readonly tlb: TlbConfig;
  readonly costs: CycleCosts;
  /** Instructions between timer traps; 0 disables the timer. */
  readonly timerPeriod: number;
  /** Who handles a TLB miss (default hardware: the MMU walks). */
  readonly refill?: TlbRefill;
  /** A zeroed buffer of frames * 4 KiB for physical memory, instead of a new one. */
  readonly memory?: ArrayBuffer;
  /** How guest code runs (default interp); the reference CPU, when the kernel sets it, overrides both. */
  readonly engine?: EngineName;
}

export const DEFAULT_HARDWARE_CONFIG: HardwareConfig = {
  frames: 1024,
  tlb: DEFAULT_TLB_CONFIG,
  costs: DEFAULT_CYCLE_COSTS,
  timerPeriod: 10_000,
};

export class Machine {
  readonly memory: PhysicalMemory;
  readonly tlb: Tlb;
  readonly mmu: Mmu;
  readonly cpu: Cpu;
  /** The block engine, with engine 'blocks' (where the host lets JavaScript be compiled). */
  readonly blocks: BlockEngine | undefined;

  constructor(readonly config: HardwareConfig = DEFAULT_HARDWARE_CONFIG) {
    this.memory = new PhysicalMemory(config.frames, config.memory);
    this.tlb = new Tlb(config.tlb);
    this.mmu = new Mmu(this.memory, this.tlb, config.refill);
    this.cpu = new Cpu(this.memory, this.tlb, this.mmu, config.costs, config.timerPeriod);
    this.blocks = config.engine === 'blocks' && canCompileBlocks() ? attachBlockEngine(this.cpu) : undefined;
  }
}
