// A bare machine for the micro-benchmarks: no kernel, just frames and
// page-table entries written straight into physical memory, a code page (or
// several) at TEXT_BASE holding an assembled loop, and data pages mapped
// where the loop expects them. The CPU then runs the loop for a fixed number
// of instructions per timed call (bench/hotpaths.ts).
import { assemble } from '../asm/index.js';
import { TEXT_BASE } from '../mmu/layout.js';
import { DEFAULT_CYCLE_COSTS } from '../cpu/cpu.js';
import { Machine } from '../cpu/machine.js';
import { PAGE_SHIFT, PAGE_SIZE_BYTES } from '../mmu/page.js';
import { makePte, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X } from '../mmu/pte.js';
import type { TlbRefill } from '../mmu/mmu.js';
import type { TlbConfig } from '../mmu/tlb.js';

const CODE_FLAGS = PTE_V | PTE_R | PTE_X | PTE_U;
const DATA_FLAGS = PTE_V | PTE_R | PTE_W | PTE_U;
/** Frame 0 holds the root table; frames from 1 on are handed out in order. */
const ROOT_FRAME = 0;

export interface LoopSetup {
  readonly tlb: TlbConfig;
  /** The loop's source: `.text` only; it must never leave the loop. */
  readonly source: string;
  /** Data pages mapped read-write from `dataBase` on. */
  readonly dataPages: number;
  readonly dataBase: number;
  /** Registers set before the first run (index -> value). */
  readonly regs: Readonly<Record<number, number>>;
  /** Who handles a TLB miss (default hardware); software needs a handler around cpu.run (bench/hotpaths.ts). */
  readonly refill?: TlbRefill;
}

/** A machine with the loop loaded and pc at its entry; the timer is off. */
export class LoopMachine {
  readonly machine: Machine;
  private nextFrame = ROOT_FRAME + 1;

  constructor(setup: LoopSetup) {
    const text = assembledText(setup.source);
    const codePages = Math.ceil(text.length / PAGE_SIZE_BYTES);
    // Code, data, and at most two second-level tables per region, plus the root.
    const frames = 1 + codePages + setup.dataPages + 4;
    this.machine = new Machine({ frames, tlb: setup.tlb, costs: DEFAULT_CYCLE_COSTS, timerPeriod: 0, refill: setup.refill ?? 'hardware' });
    this.machine.mmu.setPtbr(ROOT_FRAME);
    this.machine.mmu.setAsid(1);
    for (let p = 0; p < codePages; p++) {
      const frame = this.map((TEXT_BASE >>> PAGE_SHIFT) + p, CODE_FLAGS);
      const chunk = text.subarray(p * PAGE_SIZE_BYTES, (p + 1) * PAGE_SIZE_BYTES);
      this.machine.memory.bytes.set(chunk, frame << PAGE_SHIFT);
    }
    for (let p = 0; p < setup.dataPages; p++) this.map((setup.dataBase >>> PAGE_SHIFT) + p, DATA_FLAGS);
    for (const [r, v] of Object.entries(setup.regs)) this.machine.cpu.regs[Number(r)] = v;
    this.machine.cpu.pc = TEXT_BASE;
  }

  /** Rewrites the leaf PTE of a mapped page (the software refill handler's A and D updates). */
  writeLeaf(vpn: number, pte: number): void {
    const memory = this.machine.memory;
    const root = memory.readWord((ROOT_FRAME << PAGE_SHIFT) + (vpn >>> 10) * 4);
    memory.writeWord(((root >>> PAGE_SHIFT) << PAGE_SHIFT) + (vpn & 1023) * 4, pte);
  }

  /** Maps page `vpn` to a new frame, making its second-level table if needed; returns the frame. */
  private map(vpn: number, flags: number): number {
    const memory = this.machine.memory;
    const rootAddress = (ROOT_FRAME << PAGE_SHIFT) + (vpn >>> 10) * 4;
    let root = memory.readWord(rootAddress);
    if ((root & PTE_V) === 0) {
      root = makePte(this.nextFrame++, PTE_V);
      memory.writeWord(rootAddress, root);
    }
    const frame = this.nextFrame++;
    memory.writeWord(((root >>> PAGE_SHIFT) << PAGE_SHIFT) + (vpn & 1023) * 4, makePte(frame, flags));
    return frame;
  }
}

const textCache = new Map<string, Uint8Array>();

/** The .text bytes of `source` (loaded at TEXT_BASE; the entry must be its first word). */
function assembledText(source: string): Uint8Array {
  const cached = textCache.get(source);
  if (cached !== undefined) return cached;
  const result = assemble(source, 'bench-loop.s');
  if (!result.ok) throw new Error(`bench loop does not assemble: ${result.errors.map((e) => e.message).join('; ')}`);
  if (result.image.entry !== TEXT_BASE) throw new Error('bench loop must start at the first word of .text');
  textCache.set(source, result.image.text);
  return result.image.text;
}
