// What a homework problem is made from in the page: the kind, the seed and
// the kind's options (homework/limits.ts), checked as the CLI checks its
// flags. Light on purpose: the page reads a homework link with this alone,
// and loads the problem makers (web/homeworkSheet.ts) only when the
// Homework view opens.
import { HOMEWORK_OPTIONS, type OptionLimit } from '../homework/limits.js';
import { CONFIG_LIMITS } from '../kernel/config.js';
import type { TlbPolicy } from '../mmu/tlb.js';

export const HOMEWORK_KINDS = ['translate', 'tlb', 'protect', 'cow'] as const;
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
}

export function optionsOf(kind: HomeworkKind): readonly OptionLimit[] {
  return HOMEWORK_OPTIONS[kind];
}

/** The settings' value of a numeric option, or its default. */
export function optionValue(s: HomeworkSettings, flag: string): number {
  const limit = optionsOf(s.kind).find((l) => l.flag === flag)!;
  if (s.kind === 'tlb' && flag === 'ways' && s.options[flag] === undefined) return Math.min(2, optionValue(s, 'entries'));
  return s.options[flag] ?? limit.fallback;
}

/** Why the settings make no problem, in one line as the CLI says it, or undefined. */
export function settingsProblem(s: HomeworkSettings): string | undefined {
  if (!Number.isInteger(s.seed) || s.seed < 0 || s.seed > MAX_HOMEWORK_SEED) return `--seed: expected a whole number from 0 to ${MAX_HOMEWORK_SEED}`;
  for (const l of optionsOf(s.kind)) {
    const v = optionValue(s, l.flag);
    const max = s.kind === 'tlb' && l.flag === 'ways' ? optionValue(s, 'entries') : l.max;
    if (!Number.isInteger(v) || v < l.min || v > max) return `--${l.flag}: expected a whole number from ${l.min} to ${max}`;
  }
  if (s.kind === 'tlb' && optionValue(s, 'entries') % optionValue(s, 'ways') !== 0) {
    return `--ways: ${optionValue(s, 'ways')} does not divide the ${optionValue(s, 'entries')} entries`;
  }
  if (s.kind === 'cow' && optionValue(s, 'exits') > optionValue(s, 'forks')) {
    return `--exits: ${optionValue(s, 'exits')} exits need --forks ${optionValue(s, 'exits')} or more (one process is always left)`;
  }
  return undefined;
}

/** The CLI command that prints this problem (`-c` for the answers); the tlb policy and ASIDs only when not the default. */
export function commandOf(s: HomeworkSettings): string {
  const parts = [`illusion homework ${s.kind}`, `-s ${s.seed}`];
  for (const l of optionsOf(s.kind)) if (s.options[l.flag] !== undefined) parts.push(`--${l.flag} ${s.options[l.flag]}`);
  if (s.kind === 'tlb' && (s.tlbPolicy ?? 'lru') !== 'lru') parts.push(`-p ${s.tlbPolicy}`);
  if (s.kind === 'tlb' && s.asids === false) parts.push('--no-asid');
  return parts.join(' ');
}

