// Physical memory reused from one library run to the next. A kernel's 4 MiB
// (at the default 1024 frames) of physical memory was most of the cost of a
// short run: allocating it, and the garbage collections that much external
// memory sets off (about one every 6 runs of hello.s; docs/benchmarks.md,
// "Before and after the architecture pass"). runPrograms
// owns its kernel and nothing of that kernel's memory leaves it (results,
// output and events are copies), so when it is done it can hand the buffer
// on. The next kernel of the same size takes it, zeroed: a new kernel's
// memory reads 0 everywhere, as a new buffer would.
//
// Only the frames the frame table ever handed out can have been written
// (the kernel writes only frames it took; a guest reaches only frames mapped
// for it), so only those are zeroed. One buffer is kept, and none above
// MAX_POOLED_BYTES, so that a big machine's memory is not held after its run.
import type { Kernel } from './kernel.js';
import { PAGE_SIZE_BYTES } from '../mmu/page.js';

/** 64 MiB: 16384 frames. */
export const MAX_POOLED_BYTES = 64 << 20;

let spare: ArrayBuffer | undefined;

/** A zeroed buffer for a machine of `frames` frames, if one is kept; it is no longer kept. */
export function takeMemory(frames: number): ArrayBuffer | undefined {
  const buffer = spare;
  if (buffer === undefined || buffer.byteLength !== frames * PAGE_SIZE_BYTES) return undefined;
  spare = undefined;
  return buffer;
}

/** Keeps the physical memory of `kernel`, which must never run or be read again. */
export function giveBackMemory(kernel: Kernel): void {
  const memory = kernel.machine.memory;
  if (memory.sizeBytes > MAX_POOLED_BYTES) return;
  memory.bytes.fill(0, 0, kernel.vm.frames.highWater * PAGE_SIZE_BYTES);
  spare = memory.bytes.buffer as ArrayBuffer;
}
