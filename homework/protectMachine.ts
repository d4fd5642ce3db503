// The machine behind a protection problem: one process per access, each
// running its own generated program (homework/protectProgram.ts), all on one
// real kernel with the default configuration. They share nothing (each has
// its own address space), so a kill ends only its own access. What an
// access did is read from the kernel: the page faults it took after its
// getpid marker (kernel/pager.ts's resolutions, from the event stream), and
// how the process ended (its exit code, or the kill's cause, reason and
// region, and the line `illusion run` prints). At the marker the machine
// also records the process's regions and present pages as the kernel holds
// them, so that the problem's drawing of them can be checked. Nothing here
// decides an answer.
import { assemble } from '../asm/index.js';
import type { ProgramImage } from '../asm/image.js';
import type { EventSink, KernelEvent } from '../kernel/events.js';
import type { Kernel } from '../kernel/kernel.js';
import { KILL_REASON_NAMES } from '../kernel/killReason.js';
import { giveBackMemory } from '../kernel/memoryPool.js';
import { bootMachine } from '../kernel/run.js';
import { PAGE_SHIFT } from '../mmu/page.js';
import { PTE_V } from '../mmu/pte.js';

export interface ObservedFault {
  readonly address: number;
  readonly access: string;
  /** image, zero-fill, stack-growth, ... (docs/trace.md). */
  readonly resolution: string;
}

export interface ObservedKill {
  readonly cause: string;
  readonly reason: string;
  readonly region: string | undefined;
  readonly prot: number | undefined;
  readonly access: string | undefined;
  readonly address: number | undefined;
  /** The kill's line, as `illusion run` prints it on stderr. */
  readonly report: string;
}

/** What the kernel held at an access's marker. */
export interface MarkerSnapshot {
  readonly regions: readonly { readonly kind: string; readonly start: number; readonly end: number; readonly prot: number }[];
  /** Page addresses with a valid PTE. */
  readonly present: readonly number[];
}

export interface AccessRun {
  /** Resolved page faults after the marker, in order. */
  readonly faults: readonly ObservedFault[];
  readonly exitCode: number | undefined;
  readonly kill: ObservedKill | undefined;
  /** undefined when the process never reached its marker (a generator or kernel bug). */
  readonly marker: MarkerSnapshot | undefined;
}

const MAX_INSTRUCTIONS = 1_000_000;

export function assembleProtectProgram(source: string, name: string): ProgramImage {
  const assembled = assemble(source, name);
  if (!assembled.ok) throw new Error(`homework protect: the generated program does not assemble: ${assembled.errors[0]?.message}`);
  return assembled.image;
}

export const programName = (index: number) => `protect-${index + 1}.s`;

/** Runs every access's program, pid i+1 for access i. `check`: the kernel's checker mode, as the tests use it. */
export function runProtectPrograms(sources: readonly string[], check = false): AccessRun[] {
  const marked = new Map<number, { faults: ObservedFault[]; marker: MarkerSnapshot }>();
  let kernel: Kernel | undefined;
  const sink: EventSink = { emit: (e) => observe(e) };
  const observe = (e: KernelEvent) => {
    if (e.kind === 'syscall' && e.name === 'getpid') marked.set(e.pid, { faults: [], marker: snapshot(kernel!, e.pid) });
    else if (e.kind === 'page_fault' && e.resolution !== 'kill') marked.get(e.pid)?.faults.push({ address: e.address, access: e.access, resolution: e.resolution });
  };
  const images = sources.map((s, i) => ({ name: programName(i), image: assembleProtectProgram(s, programName(i)) }));
  kernel = bootMachine(images, {
    events: sink, config: { maxProcs: Math.max(64, sources.length), maxInstructions: MAX_INSTRUCTIONS },
    ...(check ? { check: { everyTrap: true }, checkHits: true } : {}),
  });
  kernel.run();
  const runs = kernel.processes.map((p): AccessRun => {
    const m = marked.get(p.pid);
    const k = p.kill;
    return {
      faults: m?.faults ?? [],
      exitCode: p.exitCode,
      kill: k === undefined ? undefined : {
        cause: k.cause, reason: KILL_REASON_NAMES[k.reason], region: k.region, prot: k.prot,
        access: k.access, address: k.address, report: p.killReport ?? '',
      },
      marker: m?.marker,
    };
  });
  // Everything kept above is a copy: the kernel's memory can serve the next problem.
  giveBackMemory(kernel);
  return runs;
}

function snapshot(kernel: Kernel, pid: number): MarkerSnapshot {
  const space = kernel.processes.find((p) => p.pid === pid)!.space!;
  const present: number[] = [];
  kernel.vm.forEachPte(space, (vpn, pte) => { if ((pte & PTE_V) !== 0) present.push(vpn << PAGE_SHIFT >>> 0); });
  return {
    regions: space.regions.filter((r) => r.end > r.start).map((r) => ({ kind: r.kind, start: r.start, end: r.end, prot: r.prot })),
    present: present.sort((a, b) => a - b),
  };
}
