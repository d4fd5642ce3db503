// The seeded scenario of a fork and copy-on-write problem: what each
// process does, in order. Process 1 touches some of its data pages, forks
// process 2, and then the live processes read and write pages, with any
// further forks and exits at seeded places. Only the plan: the machine
// (homework/cowMachine.ts) carries it out and says what happened.
import { Prng } from '../mmu/prng.js';
import { shuffled } from './referenceString.js';

export type CowStep =
  | { readonly op: 'read' | 'write'; readonly pid: number; readonly page: number }
  | { readonly op: 'fork'; readonly pid: number; readonly child: number }
  | { readonly op: 'exit'; readonly pid: number };

export interface CowScenarioOptions {
  readonly seed: number;
  /** Data pages in the process's area (pages 0..pages-1). */
  readonly pages: number;
  /** Reads and writes after the first fork. */
  readonly steps: number;
  /** Forks in all, the first one included. */
  readonly forks: number;
  /** Processes that exit among the steps (fewer than the processes, so one is left). */
  readonly exits: number;
}

export interface CowScenario {
  readonly steps: readonly CowStep[];
  /** Pages process 1 touches before the first fork. */
  readonly touchedBeforeFork: readonly number[];
}

/** A read or write goes back to a page someone had at the first fork this often (in 10), so that copies happen. */
const SHARED_PAGE_BIAS = 7;

export function makeCowScenario(opts: CowScenarioOptions): CowScenario {
  const prng = new Prng(opts.seed ^ 0x636f_7721);
  // About half the pages before the fork, at least one, and one left untouched when there are two or more.
  const touchedCount = Math.max(1, Math.min(opts.pages - 1, Math.ceil(opts.pages / 2)));
  const touchedBeforeFork = shuffled(opts.pages, prng).slice(0, touchedCount);
  const steps: CowStep[] = touchedBeforeFork.map((page) => ({ op: prng.below(4) === 0 ? 'read' : 'write', pid: 1, page }));
  steps.push({ op: 'fork', pid: 1, child: 2 });
  // Where the later forks and the exits go among the reads and writes: before access i.
  const events: ('fork' | 'exit')[] = [...Array<'fork'>(opts.forks - 1).fill('fork'), ...Array<'exit'>(opts.exits).fill('exit')];
  const at = events.map(() => prng.below(opts.steps));
  const order = shuffled(events.length, prng).sort((a, b) => at[a]! - at[b]! || a - b);
  const live = [1, 2];
  let nextPid = 3;
  let exitsLeft = opts.exits;
  let forksLeft = opts.forks - 1;
  let e = 0;
  const pick = () => live[prng.below(live.length)]!;
  for (let i = 0; i < opts.steps; i++) {
    for (; e < order.length && at[order[e]!]! <= i; e++) {
      // The counts are kept exactly; an exit that would leave no process becomes a fork (one is always left to come).
      let want = events[order[e]!]!;
      if (want === 'exit' && (exitsLeft === 0 || live.length === 1)) want = 'fork';
      if (want === 'fork' && forksLeft === 0) want = 'exit';
      if (want === 'fork') {
        steps.push({ op: 'fork', pid: pick(), child: nextPid });
        live.push(nextPid++);
        forksLeft--;
      } else {
        const pid = pick();
        steps.push({ op: 'exit', pid });
        live.splice(live.indexOf(pid), 1);
        exitsLeft--;
      }
    }
    const page = prng.below(10) < SHARED_PAGE_BIAS
      ? touchedBeforeFork[prng.below(touchedBeforeFork.length)]!
      : prng.below(opts.pages);
    steps.push({ op: prng.below(5) < 3 ? 'write' : 'read', pid: pick(), page });
  }
  return { steps, touchedBeforeFork };
}

/** The pids a scenario makes, in order (1, 2, ...). */
export function pidsOf(steps: readonly CowStep[]): number[] {
  return [1, ...steps.flatMap((s) => (s.op === 'fork' ? [s.child] : []))];
}
