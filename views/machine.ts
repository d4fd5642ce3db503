// The one place the views reach into the kernel: which process is current,
// its address space, registers and pc, the frame table and the hardware.
// Everything here only reads; a view never sets an A bit, counts a TLB
// access or brings a page in. (Keeping this small and apart makes the views
// easy to follow a change in the kernel's internals.)
import type { Kernel } from '../kernel/kernel.js';
import type { Process } from '../kernel/process.js';
import type { AddressSpace } from '../kernel/addressSpace.js';
import { PAGE_SHIFT } from '../mmu/page.js';

export type { Kernel, Process, AddressSpace };

/** The process on the CPU, or else the lowest-numbered live one, or else the last one. */
export function focusProcess(k: Kernel): Process | undefined {
  return k.current ?? k.processes.find((p) => p.alive) ?? k.processes[k.processes.length - 1];
}

export function processByPid(k: Kernel, pid: number): Process | undefined {
  return k.processes[pid - 1]?.pid === pid ? k.processes[pid - 1] : k.processes.find((p) => p.pid === pid);
}

/** A word of physical memory; 0 outside it (a malformed PTE may point anywhere). */
export function physicalWord(k: Kernel, paddr: number): number {
  const mem = k.machine.memory;
  if (paddr < 0 || paddr + 4 > mem.frames << PAGE_SHIFT) return 0;
  return mem.readWord(paddr) >>> 0;
}

export function physicalByte(k: Kernel, paddr: number): number {
  const mem = k.machine.memory;
  if (paddr < 0 || paddr >= mem.frames << PAGE_SHIFT) return 0;
  return mem.readByte(paddr);
}

/** Address spaces by id (a space's id is its process's pid). */
export function spacesOf(k: Kernel): ReadonlyMap<number, AddressSpace> {
  return k.vm.spaces;
}
