// What a homework problem is made from in the page: the kind, the seed and
// the kind's options (homework/limits.ts), checked as the CLI checks its
// flags. Light on purpose: the page reads a homework link with this alone,
// and loads the problem makers (web/homeworkSheet.ts) only when the
// Homework view opens.
import { HOMEWORK_OPTIONS, type OptionLimit } from '../homework/limits.js';
import { CONFIG_LIMITS } from '../kernel/config.js';
import type { SimulatedPolicyName } from '../kernel/policy/simulate.js';
import type { TlbPolicy } from '../mmu/tlb.js';

/** In the CLI's order. */
export const HOMEWORK_KINDS = ['policy', 'tlb', 'translate', 'cow', 'protect'] as const;
export type HomeworkKind = (typeof HOMEWORK_KINDS)[number];
export const MAX_HOMEWORK_SEED = CONFIG_LIMITS.seed[1];

export interface HomeworkSettings {
  readonly kind: HomeworkKind;
  readonly seed: number;
  /** The kind's numeric options by their CLI flag (HOMEWORK_OPTIONS); a missing one takes its default. */
  readonly options: Readonly<Record<string, number>>;
  /** tlb only: the replacement policy and whether ASIDs are on. */
  readonly tlbPolicy?: TlbPolicy;
  readonly asids?: boolean;
  /** policy only: the page replacement policy (fifo when absent, as the CLI's). */
  readonly pagePolicy?: SimulatedPolicyName;
}

/** Answers the page draws at most for a policy problem, counted in resident pages (a step lists them all): past that the CLI makes it. */
export const MAX_POLICY_RESIDENT_SHOWN = 200_000;

const countsReferences = (s: HomeworkSettings) => s.pagePolicy === 'clock' || s.pagePolicy === 'clock-ostep';

export function optionsOf(kind: HomeworkKind): readonly OptionLimit[] {
  return HOMEWORK_OPTIONS[kind];
}

/** The options the form offers for these settings: clockbits only for the policies that count references. */
export function shownOptions(s: HomeworkSettings): readonly OptionLimit[] {
  return optionsOf(s.kind).filter((l) => s.kind !== 'policy' || l.flag !== 'clockbits' || countsReferences(s));
}

/** The settings' value of a numeric option, or its default. */
export function optionValue(s: HomeworkSettings, flag: string): number {
  const limit = optionsOf(s.kind).find((l) => l.flag === flag)!;
  if (s.kind === 'tlb' && flag === 'ways' && s.options[flag] === undefined) return Math.min(2, optionValue(s, 'entries'));
  if (s.kind === 'policy' && flag === 'clockbits' && s.options[flag] === undefined) return s.pagePolicy === 'clock-ostep' ? 2 : 1;
  return s.options[flag] ?? limit.fallback;
}

/** Why the settings make no problem, in one line as the CLI says it, or undefined. */
export function settingsProblem(s: HomeworkSettings): string | undefined {
  if (!Number.isInteger(s.seed) || s.seed < 0 || s.seed > MAX_HOMEWORK_SEED) return `--seed: expected a whole number from 0 to ${MAX_HOMEWORK_SEED}`;
  if (s.kind === 'policy' && s.options['clockbits'] !== undefined && !countsReferences(s)) {
    return `--clockbits: only clock and clock-ostep count references, not ${s.pagePolicy ?? 'fifo'}`;
  }
  for (const l of optionsOf(s.kind)) {
    const v = optionValue(s, l.flag);
    const max = s.kind === 'tlb' && l.flag === 'ways' ? optionValue(s, 'entries') : l.max;
    if (!Number.isInteger(v) || v < l.min || v > max) return `--${l.flag}: expected a whole number from ${l.min} to ${max}`;
  }
  if (s.kind === 'tlb' && optionValue(s, 'entries') % optionValue(s, 'ways') !== 0) {
    return `--ways: ${optionValue(s, 'ways')} does not divide the ${optionValue(s, 'entries')} entries`;
  }
  if (s.kind === 'policy') {
    const resident = optionValue(s, 'numaddrs') * Math.min(optionValue(s, 'frames'), optionValue(s, 'maxpage'));
    if (resident > MAX_POLICY_RESIDENT_SHOWN) {
      return `too large for the page: the answers would list up to ${resident} resident pages (numaddrs x the smaller of frames and maxpage), at most ${MAX_POLICY_RESIDENT_SHOWN} here; the CLI makes it`;
    }
  }
  if (s.kind === 'cow' && optionValue(s, 'exits') > optionValue(s, 'forks')) {
    return `--exits: ${optionValue(s, 'exits')} exits need --forks ${optionValue(s, 'exits')} or more (one process is always left)`;
  }
  return undefined;
}

/** The CLI command that prints this problem (`-c` for the answers); the tlb policy and ASIDs only when not the default. */
export function commandOf(s: HomeworkSettings): string {
  const parts = [`illusion homework ${s.kind}`, `-s ${s.seed}`];
  if (s.kind === 'policy' && (s.pagePolicy ?? 'fifo') !== 'fifo') parts.push(`-p ${s.pagePolicy}`);
  for (const l of optionsOf(s.kind)) if (s.options[l.flag] !== undefined) parts.push(`--${l.flag} ${s.options[l.flag]}`);
  if (s.kind === 'tlb' && (s.tlbPolicy ?? 'lru') !== 'lru') parts.push(`-p ${s.tlbPolicy}`);
  if (s.kind === 'tlb' && s.asids === false) parts.push('--no-asid');
  return parts.join(' ');
}

