// Each homework kind's numeric options: their range and default. The CLI
// checks its flags against them and the page's Homework view builds its form
// from them, so that a problem the page makes is one the CLI makes too.
import { MAX_CLOCK_COUNT } from '../kernel/policy/clock.js';
import { MAX_SIM_FRAMES, MAX_SIM_PAGE } from '../kernel/policy/simulate.js';
import { MAX_TLB_ENTRIES } from '../mmu/tlb.js';

export interface OptionLimit {
  /** The CLI's long flag, without the dashes. */
  readonly flag: string;
  readonly min: number;
  readonly max: number;
  readonly fallback: number;
}

const limit = (flag: string, min: number, max: number, fallback: number): OptionLimit => ({ flag, min, max, fallback });

/** Problems are for people to work by hand: a few thousand references at most. */
export const MAX_HOMEWORK_REFERENCES = 10_000;
/** A TLB a person can draw; the TLB itself takes up to MAX_TLB_ENTRIES. */
export const MAX_HOMEWORK_TLB_ENTRIES = Math.min(256, MAX_TLB_ENTRIES);
/** Processes 1..N use ASIDs 1..N, within the 8-bit ASID. */
export const MAX_HOMEWORK_PROCESSES = 16;
/** Pages the translate program writes: enough for every kind of page, few enough to print. */
export const MAX_TRANSLATE_PAGES = 40;
export const MAX_TRANSLATE_QUESTIONS = 1000;
/** Accesses a student can judge by hand; each one is a process of its own, within the kernel's process limit. */
export const MAX_PROTECT_ACCESSES = 40;
export const MAX_PROTECT_MMAPS = 3;
/** A data area a student can draw, and steps that fit on a page (and in the program's one text page). */
export const MAX_COW_PAGES = 16;
export const MAX_COW_STEPS = 30;
export const MAX_COW_FORKS = 4;
/** A VPN has 20 bits. */
const TLB_PAGES = 1 << 20;

/** The numeric options of the kinds the page offers, in the CLI's order. */
export const HOMEWORK_OPTIONS = {
  // clockbits: clock and clock-ostep only; the default is 1 for clock, 2 (OSTEP's) for clock-ostep.
  policy: [limit('frames', 1, MAX_SIM_FRAMES, 3), limit('numaddrs', 1, MAX_HOMEWORK_REFERENCES, 10), limit('maxpage', 1, MAX_SIM_PAGE + 1, 10), limit('clockbits', 1, MAX_CLOCK_COUNT, 1)],
  translate: [limit('pages', 1, MAX_TRANSLATE_PAGES, 6), limit('count', 1, MAX_TRANSLATE_QUESTIONS, 8)],
  tlb: [
    limit('entries', 1, MAX_HOMEWORK_TLB_ENTRIES, 8), limit('ways', 1, MAX_HOMEWORK_TLB_ENTRIES, 2),
    limit('count', 1, MAX_HOMEWORK_REFERENCES, 12), limit('maxpage', 1, TLB_PAGES, 12), limit('processes', 1, MAX_HOMEWORK_PROCESSES, 2),
  ],
  protect: [limit('count', 1, MAX_PROTECT_ACCESSES, 10), limit('mmaps', 0, MAX_PROTECT_MMAPS, 1)],
  cow: [limit('pages', 1, MAX_COW_PAGES, 4), limit('steps', 1, MAX_COW_STEPS, 8), limit('forks', 1, MAX_COW_FORKS, 1), limit('exits', 0, MAX_COW_FORKS, 0)],
} as const satisfies Record<string, readonly OptionLimit[]>;
