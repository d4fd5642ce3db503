// The machine behind a copy-on-write problem: the generated program
// (homework/cowProgram.ts) run by the real kernel with the default
// configuration, one instruction at a time, so that after each step the
// page tables and the frame table can be read as the step left them. What a
// step did comes from the kernel's own events: the page faults it resolved
// (and how), the frames it took and freed. Nothing here decides an answer.
import { assemble } from '../asm/index.js';
import type { ProgramImage } from '../asm/image.js';
import type { EventSink, KernelEvent } from '../kernel/events.js';
import type { Kernel } from '../kernel/kernel.js';
import { giveBackMemory } from '../kernel/memoryPool.js';
import { bootMachine } from '../kernel/run.js';
import { PTE_COW } from '../kernel/softPte.js';
import { PAGE_SHIFT, PAGE_SIZE_BYTES } from '../mmu/page.js';
import { PTE_V, PTE_W, pteFrame } from '../mmu/pte.js';
import { TEXT_BASE } from '../mmu/layout.js';
import type { CowStep } from './cowScenario.js';
import { stepLabel } from './cowProgram.js';

/** How the kernel resolved a step's fault, in its trace's words (docs/trace.md); none when the access did not fault. */
export type CowFault = 'none' | 'zero-fill' | 'copy-on-write' | 'cow-reclaim';

export interface PageMapping {
  readonly page: number;
  readonly frame: number;
  readonly writable: boolean;
  readonly cow: boolean;
}

/** The data area as a step left it: each live process's present pages, and each data frame's sharers (the frame table's reverse map). */
export interface CowSnapshot {
  readonly processes: readonly { readonly pid: number; readonly pages: readonly PageMapping[] }[];
  readonly frames: readonly { readonly frame: number; readonly refcount: number; readonly sharers: readonly { pid: number; page: number }[] }[];
  /** User frames the frame table counts (data pages and the text page). */
  readonly userFrames: number;
}

export interface CowObservation {
  /** For reads and writes; undefined for fork and exit. */
  readonly fault: CowFault | undefined;
  /** User frames the kernel took and freed during the step, in order. */
  readonly allocated: readonly number[];
  readonly freed: readonly number[];
  readonly after: CowSnapshot;
}

export interface CowRun {
  readonly observations: readonly CowObservation[];
  /** Every process's exit code at the end (all 0 when the program ran as planned). */
  readonly exitCodes: readonly (number | undefined)[];
  readonly areaBase: number;
  readonly instructions: number;
  /** The kernel's own counters at the end (its statistics). */
  readonly stats: { readonly zeroFills: number; readonly cowCopies: number; readonly cowReclaims: number; readonly pageFaults: number };
}

const MAX_INSTRUCTIONS = 100_000;

/** Assembles the generated program; a failure is a bug in the generator. */
export function assembleCowProgram(source: string): ProgramImage {
  const assembled = assemble(source, 'cow.s');
  if (!assembled.ok) throw new Error(`homework cow: the generated program does not assemble: ${assembled.errors[0]?.message}`);
  const image = assembled.image;
  // One text page: fetched by pid 1 first, so no child ever faults on code.
  if (image.text.length > PAGE_SIZE_BYTES) throw new Error('homework cow: the generated program needs more than one text page');
  return image;
}

export function areaBaseOf(image: ProgramImage): number {
  return image.symbols.find((s) => s.name === 'area')!.value;
}

/** `check`: run in the kernel's checker mode (invariants and a TLB audit after every trap), as the tests do. */
export function runCowProgram(source: string, steps: readonly CowStep[], pages: number, check = false): CowRun {
  const image = assembleCowProgram(source);
  const events: KernelEvent[] = [];
  const sink: EventSink = { emit: (event) => events.push(event) };
  const kernel = bootMachine([{ name: 'cow.s', image }], { events: sink, ...(check ? { check: { everyTrap: true }, checkHits: true } : {}) });
  const at = (i: number) => image.symbols.find((s) => s.name === stepLabel(i))!.value;
  const areaBase = areaBaseOf(image);
  const areaVpn = areaBase >>> PAGE_SHIFT;
  const observations: CowObservation[] = [];
  let seen = 0;
  while (observations.length < steps.length) {
    if (kernel.cpu.instret >= MAX_INSTRUCTIONS || kernel.step(1) === 'done') {
      throw new Error(`homework cow: the program ended before step ${observations.length + 1} (a kernel or generator bug)`);
    }
    const i = observations.length;
    if (!stepDone(kernel, steps[i]!, at(i))) continue;
    const during = events.slice(seen);
    seen = events.length;
    observations.push({
      fault: faultOf(steps[i]!, during, areaBase, pages, i),
      allocated: during.flatMap((e) => (e.kind === 'frame_alloc' && e.use === 'user' ? [e.frame] : [])),
      freed: during.flatMap((e) => (e.kind === 'frame_free' ? [e.frame] : [])),
      after: snapshot(kernel, areaVpn, pages),
    });
  }
  if (kernel.step(MAX_INSTRUCTIONS) !== 'done') throw new Error('homework cow: the program did not end after its last step (a kernel or generator bug)');
  const { zeroFills, cowCopies, cowReclaims, pageFaults } = kernel.stats;
  const run = {
    observations, exitCodes: kernel.processes.map((p) => p.exitCode), areaBase, instructions: kernel.cpu.instret,
    stats: { zeroFills, cowCopies, cowReclaims, pageFaults },
  };
  // Everything kept above is a copy: the kernel's memory can serve the next problem.
  giveBackMemory(kernel);
  return run;
}

/** True once the step's own instruction has run: its process is just past it (or, for exit, gone). */
function stepDone(kernel: Kernel, s: CowStep, address: number): boolean {
  const p = kernel.processes.find((q) => q.pid === s.pid);
  if (p === undefined) return false;
  if (s.op === 'exit') return !p.alive;
  return p.alive && kernel.pcOf(p) === address + 4;
}

/**
 * The page faults of one step: none, or one by the step's process on its
 * page, resolved (the first fetch of the text page is pid 1's, before any
 * data access, and is not a step's).
 */
function faultOf(s: CowStep, during: readonly KernelEvent[], areaBase: number, pages: number, index: number): CowFault | undefined {
  const faults = during.filter((e): e is Extract<KernelEvent, { kind: 'page_fault' }> => e.kind === 'page_fault')
    .filter((e) => !(e.address >>> PAGE_SHIFT === TEXT_BASE >>> PAGE_SHIFT && e.resolution === 'image'));
  const bug = (what: string) => new Error(`homework cow: step ${index + 1} ${what} (a kernel or generator bug)`);
  if (s.op !== 'read' && s.op !== 'write') {
    if (faults.length > 0) throw bug('faulted');
    return undefined;
  }
  if (faults.length === 0) return 'none';
  const f = faults[0]!;
  const page = Math.floor((f.address - areaBase) / PAGE_SIZE_BYTES);
  if (faults.length > 1 || f.pid !== s.pid || page !== s.page || page >= pages) throw bug(`faulted unexpectedly: ${JSON.stringify(faults)}`);
  if (f.resolution !== 'zero-fill' && f.resolution !== 'copy-on-write' && f.resolution !== 'cow-reclaim') throw bug(`was resolved by ${f.resolution}`);
  return f.resolution;
}

function snapshot(kernel: Kernel, areaVpn: number, pages: number): CowSnapshot {
  const vm = kernel.vm;
  const inUse = new Set<number>();
  const processes = kernel.processes.filter((p) => p.alive).map((p) => {
    const mapped: PageMapping[] = [];
    for (let page = 0; page < pages; page++) {
      const pte = vm.readPte(p.space!, areaVpn + page);
      if ((pte & PTE_V) === 0) continue;
      inUse.add(pteFrame(pte));
      mapped.push({ page, frame: pteFrame(pte), writable: (pte & PTE_W) !== 0, cow: (pte & PTE_COW) !== 0 });
    }
    return { pid: p.pid, pages: mapped };
  });
  const frames = [...inUse].sort((a, b) => a - b).map((frame) => ({
    frame,
    refcount: vm.frames.refcount[frame]!,
    sharers: vm.frames.mappings(frame).map((m) => ({ pid: m.spaceId, page: m.vpn - areaVpn })).sort((a, b) => a.pid - b.pid),
  }));
  return { processes, frames, userFrames: vm.frames.userFrames };
}
