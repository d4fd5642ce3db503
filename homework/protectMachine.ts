// The machine behind a protection problem: one machine per access, each
// running that access's generated program (homework/protectProgram.ts) as
// pid 1 on the real kernel with the default configuration, as `illusion run`
// would: a kill ends only its own access, and its report is the very line
// `illusion run` prints. What an
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

/** Runs every access's program, each as pid 1 of a machine of its own. `check`: the kernel's checker mode, as the tests use it. */
export function runProtectPrograms(sources: readonly string[], check = false): AccessRun[] {
  return sources.map((source, i) => runOne(source, programName(i), check));
}

/** One access: `illusion run NAME` on the default machine, watched through the kernel's events. */
function runOne(source: string, name: string, check: boolean): AccessRun {
  let marker: MarkerSnapshot | undefined;
  const faults: ObservedFault[] = [];
  let kernel: Kernel | undefined;
  const sink: EventSink = {
    emit: (e: KernelEvent) => {
      if (e.kind === 'syscall' && e.name === 'getpid') marker = snapshot(kernel!, e.pid);
      else if (e.kind === 'page_fault' && e.resolution !== 'kill' && marker !== undefined) faults.push({ address: e.address, access: e.access, resolution: e.resolution });
    },
  };
  kernel = bootMachine([{ name, image: assembleProtectProgram(source, name) }], {
    events: sink, config: { maxInstructions: MAX_INSTRUCTIONS },
    ...(check ? { check: { everyTrap: true }, checkHits: true } : {}),
  });
  kernel.run();
  const p = kernel.processes[0]!;
  const k = p.kill;
  const run: AccessRun = {
    faults,
    exitCode: p.exitCode,
    kill: k === undefined ? undefined : {
      cause: k.cause, reason: KILL_REASON_NAMES[k.reason], region: k.region, prot: k.prot,
      access: k.access, address: k.address, report: p.killReport ?? '',
    },
    marker,
  };
  // Everything kept above is a copy: the kernel's memory can serve the next access.
  giveBackMemory(kernel);
  return run;
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
