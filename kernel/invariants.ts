// The frame invariant (issue: kernel): counts add up, no frame is both free
// and used, and every user frame is referenced exactly as often as PTEs map
// it. Returns the violations found; tests assert there are none.
import { PTE_V, PTE_W, PTE_X, pteFrame } from '../mmu/pte.js';
import { FrameState } from './frameTable.js';
import type { Kernel } from './kernel.js';
import { PTE_SWAPPED, swapSlotOf } from './softPte.js';

export function checkInvariants(k: Kernel): string[] {
  const problems: string[] = [];
  const vm = k.vm;
  const frames = vm.frames;
  const n = frames.frames;
  let free = 0, user = 0, kernel = 0;
  for (let f = 0; f < n; f++) {
    const s = frames.state[f];
    if (s === FrameState.Free) free++;
    else if (s === FrameState.User) user++;
    else kernel++;
  }
  if (free !== frames.freeFrames) problems.push(`free frames counted ${free}, free list holds ${frames.freeFrames}`);
  if (user !== frames.userFrames) problems.push(`user frames counted ${user}, table says ${frames.userFrames}`);
  if (kernel !== frames.kernelFrames) problems.push(`kernel frames counted ${kernel}, table says ${frames.kernelFrames}`);
  if (free + user + kernel !== n) problems.push('frame states do not add up');

  const mapped = new Int32Array(n);
  const slotRefs = new Map<number, number>();
  let tables = 0;
  for (const space of vm.spaces.values()) {
    tables += space.tableFrames;
    if (frames.state[space.root] !== FrameState.Kernel) problems.push(`space ${space.id}: root frame ${space.root} is not kernel-owned`);
    vm.forEachPte(space, (vpn, pte) => {
      if ((pte & PTE_V) !== 0) {
        const f = pteFrame(pte);
        if (frames.state[f] !== FrameState.User) problems.push(`space ${space.id} page 0x${vpn.toString(16)} maps non-user frame ${f}`);
        else {
          mapped[f]!++;
          // The frame is this process's own or shared with it: its reverse map names this PTE.
          if (!frames.mappings(f).some((m) => m.spaceId === space.id && m.vpn === vpn)) {
            problems.push(`space ${space.id} page 0x${vpn.toString(16)} maps frame ${f}, whose reverse map does not name it`);
          }
        }
        if ((pte & PTE_W) !== 0 && (pte & PTE_X) !== 0) problems.push(`space ${space.id} page 0x${vpn.toString(16)} is writable and executable`);
        if (vpn < 1) problems.push(`space ${space.id} maps the null page`);
      } else if ((pte & PTE_SWAPPED) !== 0) {
        const slot = swapSlotOf(pte);
        slotRefs.set(slot, (slotRefs.get(slot) ?? 0) + 1);
      }
    });
  }
  for (let f = 0; f < n; f++) {
    if (frames.state[f] !== FrameState.User) continue;
    if (mapped[f] !== frames.refcount[f]) problems.push(`frame ${f}: ${mapped[f]} PTEs map it, refcount is ${frames.refcount[f]}`);
    if (frames.refcount[f] === 0) problems.push(`frame ${f} is a user frame that nothing maps`);
  }
  for (const [slot, refs] of slotRefs) {
    if (vm.swap.refsOf(slot) !== refs) problems.push(`swap slot ${slot}: ${refs} PTEs name it, refcount is ${vm.swap.refsOf(slot)}`);
  }
  if (slotRefs.size !== vm.swap.usedSlots) problems.push(`${slotRefs.size} swap slots referenced, ${vm.swap.usedSlots} in use`);
  if (kernel !== frames.fixedKernelFrames + tables) problems.push(`kernel frames ${kernel} != fixed ${frames.fixedKernelFrames} + page tables ${tables}`);
  return problems;
}
