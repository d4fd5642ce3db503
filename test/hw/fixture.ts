// A hand-built address space for hardware tests: no kernel, just frames and
// PTEs written straight into physical memory.
import { Machine } from '../../cpu/machine.js';
import { DEFAULT_CYCLE_COSTS, CycleCosts } from '../../cpu/cpu.js';
import { TlbConfig, DEFAULT_TLB_CONFIG } from '../../mmu/tlb.js';
import { PTE_A, PTE_D, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X, makePte } from '../../mmu/pte.js';

export const RX = PTE_V | PTE_R | PTE_X | PTE_U;
export const RW = PTE_V | PTE_R | PTE_W | PTE_U;
export const RO = PTE_V | PTE_R | PTE_U;
export { PTE_A, PTE_D };

export interface FixtureOptions {
  frames?: number;
  tlb?: Partial<TlbConfig>;
  costs?: CycleCosts;
  timerPeriod?: number;
}

/** A machine whose frame 0 is the root table; frames are handed out in order. */
export class HwFixture {
  readonly machine: Machine;
  private nextFrame = 1;
  readonly root = 0;

  constructor(opts: FixtureOptions = {}) {
    this.machine = new Machine({
      frames: opts.frames ?? 64,
      tlb: { ...DEFAULT_TLB_CONFIG, ...opts.tlb },
      costs: opts.costs ?? DEFAULT_CYCLE_COSTS,
      timerPeriod: opts.timerPeriod ?? 0,
    });
    this.machine.mmu.setPtbr(this.root);
  }

  allocFrame(): number {
    return this.nextFrame++;
  }

  /** The physical address of the leaf PTE for `vpn`, making the second-level table if needed. */
  leafPteAddress(vpn: number): number {
    const mem = this.machine.memory;
    const rootAddr = this.root * 4096 + (vpn >>> 10) * 4;
    let root = mem.readWord(rootAddr);
    if ((root & PTE_V) === 0) {
      root = makePte(this.allocFrame(), PTE_V);
      mem.writeWord(rootAddr, root);
    }
    return (root >>> 12) * 4096 + (vpn & 1023) * 4;
  }

  /** Maps page `vpn` to a new frame (or `frame`) with `flags`; returns the frame. */
  map(vpn: number, flags: number, frame = this.allocFrame()): number {
    this.machine.memory.writeWord(this.leafPteAddress(vpn), makePte(frame, flags));
    return frame;
  }

  pte(vpn: number): number {
    return this.machine.memory.readWord(this.leafPteAddress(vpn));
  }

  setPte(vpn: number, pte: number): void {
    this.machine.memory.writeWord(this.leafPteAddress(vpn), pte);
  }

  /** Writes words into the page mapped at `va` (its frame must be mapped). */
  poke(va: number, words: readonly number[]): void {
    const frame = this.pte(va >>> 12) >>> 12;
    words.forEach((w, i) => this.machine.memory.writeWord(frame * 4096 + (va & 0xfff) + 4 * i, w));
  }

  peekWord(va: number): number {
    const frame = this.pte(va >>> 12) >>> 12;
    return this.machine.memory.readWord(frame * 4096 + (va & 0xfff));
  }

  /** Maps a code page at `base` holding `program` and sets pc there. */
  loadCode(base: number, program: readonly number[]): void {
    const pages = Math.max(1, Math.ceil((program.length * 4) / 4096));
    for (let p = 0; p < pages; p++) this.map((base >>> 12) + p, RX);
    program.forEach((w, i) => {
      const va = base + 4 * i;
      this.poke(va, [w]);
    });
    this.machine.cpu.pc = base;
  }
}
