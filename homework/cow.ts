// The fork and copy-on-write homework: a seeded scenario (homework/
// cowScenario.ts) of reads, writes, forks and exits, carried out by a
// generated guest program (homework/cowProgram.ts) on the real kernel
// (homework/cowMachine.ts). The answers are read from what the machine did:
// each step's fault as the kernel resolved it, and the page tables and the
// frame table after it. Frames are named F1, F2, ... in the order the kernel
// filled them, so that a student can name them; the machine's own frame
// numbers come along for the trace.
import { withDefaults } from '../kernel/config.js';
import { assembleCowProgram, areaBaseOf, runCowProgram, type CowFault, type CowSnapshot } from './cowMachine.js';
import { makeCowProgram } from './cowProgram.js';
import { makeCowScenario, type CowScenarioOptions, type CowStep } from './cowScenario.js';

export type CowProblemOptions = CowScenarioOptions;

export interface CowProblem extends CowProblemOptions {
  readonly kind: 'cow';
  readonly command: string;
  readonly scenario: readonly CowStep[];
  /** Where page 0 of the data area is. */
  readonly areaBase: number;
  /** Frames of the machine (the default configuration, as `illusion run` has it). */
  readonly machineFrames: number;
  readonly program: string;
}

/** The answer's kinds of fault: the kernel's resolutions, with COW's two cases named apart. */
export type CowFaultName = 'none' | 'zero-fill' | 'cow-copy' | 'cow-reclaim';

export interface SharedFrame {
  readonly frame: string;
  readonly page: number;
  readonly pids: readonly number[];
}

/** The step's own page before it ran (reads and writes): undefined when the process did not have it. */
export interface PageBefore {
  readonly frame: string;
  readonly sharers: number;
  readonly writable: boolean;
}

export interface CowStepAnswer {
  /** undefined for fork and exit. */
  readonly fault: CowFaultName | undefined;
  /** Frames holding data pages after the step. */
  readonly frames: number;
  /** Frames two or more processes map after the step, in the order they were filled. */
  readonly shared: readonly SharedFrame[];
  readonly before: PageBefore | undefined;
  /** The frame the step filled, if any. */
  readonly filled: string | undefined;
  /** Frames the step freed (an exit). */
  readonly freed: readonly string[];
  /** Pages the step's new child got (a fork). */
  readonly forked: number | undefined;
}

export interface FinalPage {
  readonly page: number;
  readonly frame: string;
  readonly writable: boolean;
}

export interface CowAnswers {
  readonly steps: readonly CowStepAnswer[];
  /** Each live process's pages after the last step. */
  readonly final: readonly { readonly pid: number; readonly pages: readonly FinalPage[] }[];
  /** F1, F2, ... and the machine's frame numbers. */
  readonly frameNumbers: readonly { readonly frame: string; readonly number: number }[];
}

export function cowCommandLine(o: CowProblemOptions): string {
  return `illusion homework cow --seed ${o.seed} --pages ${o.pages} --steps ${o.steps} --forks ${o.forks} --exits ${o.exits}`;
}

export function makeCowProblem(opts: CowProblemOptions): CowProblem {
  const scenario = makeCowScenario(opts);
  const command = cowCommandLine(opts);
  const program = makeCowProgram({ seed: opts.seed, pages: opts.pages, steps: scenario.steps, command });
  return {
    ...opts,
    kind: 'cow',
    command,
    scenario: scenario.steps,
    areaBase: areaBaseOf(assembleCowProgram(program)),
    machineFrames: withDefaults({}).frames,
    program,
  };
}

const FAULT_NAMES: Record<CowFault, CowFaultName> = {
  none: 'none', 'zero-fill': 'zero-fill', 'copy-on-write': 'cow-copy', 'cow-reclaim': 'cow-reclaim',
};

/** Runs the problem's program on the real kernel and reads the answers from it. */
export function solveCowProblem(p: CowProblem): CowAnswers {
  const run = runCowProgram(p.program, p.scenario, p.pages);
  if (run.exitCodes.some((c) => c !== 0)) throw new Error(`homework cow: a process did not exit 0: ${run.exitCodes.join(', ')}`);
  const names = new Map<number, string>();
  const frameNumbers: { frame: string; number: number }[] = [];
  let previous: CowSnapshot = { processes: [], frames: [], userFrames: 0 };
  const steps = run.observations.map((o, i): CowStepAnswer => {
    const s = p.scenario[i]!;
    const before = s.op === 'read' || s.op === 'write' ? pageBefore(previous, s.pid, s.page, names) : undefined;
    const freed = o.freed.filter((f) => names.has(f)).map((f) => names.get(f)!).sort((a, b) => labelOrder(a) - labelOrder(b));
    for (const f of o.freed) names.delete(f);
    const fresh = o.after.frames.filter((f) => !names.has(f.frame));
    if (fresh.length > 1 || fresh.some((f) => !o.allocated.includes(f.frame))) throw new Error(`homework cow: step ${i + 1} has frames it did not fill`);
    let filled: string | undefined;
    for (const f of fresh) {
      filled = `F${frameNumbers.length + 1}`;
      names.set(f.frame, filled);
      frameNumbers.push({ frame: filled, number: f.frame });
    }
    const shared = o.after.frames.filter((f) => f.sharers.length > 1).map((f) => ({
      frame: names.get(f.frame)!, page: f.sharers[0]!.page, pids: f.sharers.map((m) => m.pid),
    })).sort((a, b) => labelOrder(a.frame) - labelOrder(b.frame));
    const child = s.op === 'fork' ? o.after.processes.find((q) => q.pid === s.child) : undefined;
    previous = o.after;
    return {
      fault: o.fault === undefined ? undefined : FAULT_NAMES[o.fault],
      frames: o.after.frames.length,
      shared, before, filled, freed,
      forked: child?.pages.length,
    };
  });
  const final = previous.processes.map((q) => ({
    pid: q.pid,
    pages: q.pages.map((m) => ({ page: m.page, frame: names.get(m.frame)!, writable: m.writable })),
  }));
  return { steps, final, frameNumbers };
}

const labelOrder = (label: string) => Number(label.slice(1));

function pageBefore(snap: CowSnapshot, pid: number, page: number, names: ReadonlyMap<number, string>): PageBefore | undefined {
  const m = snap.processes.find((q) => q.pid === pid)?.pages.find((x) => x.page === page);
  if (m === undefined) return undefined;
  const sharers = snap.frames.find((f) => f.frame === m.frame)!.sharers.length;
  return { frame: names.get(m.frame)!, sharers, writable: m.writable };
}
