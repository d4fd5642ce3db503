// A homework problem as the page shows it: the CLI's own quiz and answer
// text (the text makers in homework/), and one row of entry fields per
// question, each holding the machine's answer to check a student's entry
// against (web/homeworkCheck.ts). Every answer comes from the library's
// solvers; nothing here works one out.
import { makeCowProblem, solveCowProblem, type CowFaultName } from '../homework/cow.js';
import type { FaultReason, KernelAction } from '../homework/faultReason.js';
import { cowJson, cowReason, cowStepText, formatCowAnswers, formatCowQuiz, stepText } from '../homework/cowText.js';
import { makePolicyProblem, solvePolicyProblem } from '../homework/policy.js';
import { formatPolicyAnswers, formatPolicyQuiz, policyAccessLabels, policyAnswerLines, policyJson } from '../homework/policyText.js';
import { makeProtectProblem, solveProtectProblem } from '../homework/protect.js';
import { accessText, formatProtectAnswers, formatProtectQuiz, protectJson, protectReason, verdictText } from '../homework/protectText.js';
import { makeTlbProblem, solveTlbProblem } from '../homework/tlb.js';
import { accessLabels, formatTlbAnswers, formatTlbQuiz, tlbJson, tlbStepText } from '../homework/tlbText.js';
import { makeTranslateProblem, solveTranslateProblem } from '../homework/translate.js';
import { formatTranslateAnswers, formatTranslateQuiz, questionLabel, translateAnswerText, translateJson, walkText } from '../homework/translateText.js';
import { optionValue, settingsProblem, type HomeworkKind, type HomeworkSettings } from './homeworkSettings.js';

/** How an entry is read before it is compared (web/homeworkCheck.ts). */
export type FieldKind = 'choice' | 'hex' | 'number' | 'tlb-entry' | 'page' | 'pages';

export interface Field {
  readonly id: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly choices?: readonly string[];
  /** What a typed field's empty box shows: its name and how to write it. */
  readonly placeholder?: string;
  /** The machine's answer, canonical; undefined when this answer does not ask for the field. */
  readonly expected: string | undefined;
}

export interface SheetQuestion {
  /** The question as the quiz numbers it, e.g. ` 3. load  0x00403004`. */
  readonly label: string;
  readonly fields: readonly Field[];
  /** The machine's answer and its one-line reason, as `-c` prints them. */
  readonly answer: string;
  readonly reason: string | undefined;
  /** tlb with ASIDs off: an entry given as a bare VPN is ASID 0's. */
  readonly bareVpnAsid?: number;
}

export interface Sheet {
  readonly settings: HomeworkSettings;
  /** Byte for byte `illusion homework KIND ...`, `... -c` and `... -c --json`. */
  readonly quiz: string;
  readonly answers: string;
  readonly json: string;
  readonly questions: readonly SheetQuestion[];
}

const choice = (id: string, label: string, choices: readonly string[], expected: string | undefined): Field => ({ id, label, kind: 'choice', choices, expected });
const field = (id: string, label: string, kind: FieldKind, expected: string | undefined, placeholder: string): Field => ({ id, label, kind, expected, placeholder });
const hex = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/** Every member of the library's type T, in a list for a menu: the typecheck fails when T gains a word the list lacks. */
const allOf = <T extends string>() => <L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : never)): L => list;

export const TRANSLATE_MMU = ['not present', 'protection'] as const;
export const TRANSLATE_REASONS = allOf<FaultReason>()(['null_page', 'kernel_half', 'guard_page', 'unmapped', 'protection', 'copy_on_write', 'swapped_out', 'not_present'] as const);
export const TRANSLATE_ACTIONS = allOf<KernelAction>()(['kill', 'zero_fill', 'image', 'stack_growth', 'swap_in', 'copy_on_write', 'cow_reclaim'] as const);
export const PROTECT_FAULTS = ['image', 'zero-fill', 'stack-growth'] as const;
export const PROTECT_CAUSES = ['bad_access', 'misaligned', 'illegal_instruction'] as const;
export const PROTECT_REASONS = ['null_page', 'kernel_half', 'guard_page', 'unmapped', 'protection', 'word_load', 'word_store', 'jump_target', 'past_end'] as const;
/** '-' for a step that touches no page (a fork, an exit), as the answers print it. */
export const COW_FAULTS = [...allOf<CowFaultName>()(['none', 'zero-fill', 'cow-copy', 'cow-reclaim'] as const), '-'] as const;

function translateSheet(s: HomeworkSettings): Sheet {
  const made = makeTranslateProblem({ seed: s.seed, pages: optionValue(s, 'pages'), count: optionValue(s, 'count') });
  const answers = solveTranslateProblem(made);
  const p = made.problem;
  const questions = answers.map((a, i) => {
    const f = a.fault;
    return {
      label: questionLabel(p, i),
      fields: [
        choice('outcome', 'Outcome', ['translates', 'page fault'], f === undefined ? 'translates' : 'page fault'),
        field('physical', 'Physical address', 'hex', a.physical === undefined ? undefined : hex(a.physical), 'physical, hex'),
        choice('mmu', 'MMU reports', TRANSLATE_MMU, f?.mmu.replace('_', ' ')),
        choice('reason', 'Why', TRANSLATE_REASONS, f?.reason),
        choice('kernel', 'Kernel then', TRANSLATE_ACTIONS, f?.kernel),
      ],
      answer: translateAnswerText(a),
      reason: walkText(a),
    };
  });
  return { settings: s, quiz: formatTranslateQuiz(p), answers: formatTranslateAnswers(p, answers), json: translateJson(p, answers), questions };
}

function policySheet(s: HomeworkSettings): Sheet {
  const p = makePolicyProblem({
    seed: s.seed, policy: s.pagePolicy ?? 'fifo', frames: optionValue(s, 'frames'), numAddrs: optionValue(s, 'numaddrs'), maxPage: optionValue(s, 'maxpage'),
    ...(s.options['clockbits'] !== undefined ? { clockBits: s.options['clockbits'] } : {}),
  });
  const r = solvePolicyProblem(p);
  const labels = policyAccessLabels(p);
  const lines = policyAnswerLines(r);
  const questions = r.steps.map((step, i) => ({
    label: labels[i]!,
    fields: [
      choice('hit', 'Hit/Miss', ['hit', 'miss'], step.hit ? 'hit' : 'miss'),
      field('evicted', 'Evicted', 'page', step.evicted === undefined ? '-' : String(step.evicted), 'evicted, -'),
      field('resident', 'Resident', 'pages', step.frames.join(','), 'resident, in order'),
    ],
    // The line after its `Access: N`, as -c prints it.
    answer: lines[i]!.slice(labels[i]!.length).trimStart(),
    reason: undefined,
  }));
  return { settings: s, quiz: formatPolicyQuiz(p), answers: formatPolicyAnswers(p, r, false), json: policyJson(p, r), questions };
}

function tlbSheet(s: HomeworkSettings): Sheet {
  const p = makeTlbProblem({
    seed: s.seed, entries: optionValue(s, 'entries'), ways: optionValue(s, 'ways'), policy: s.tlbPolicy ?? 'lru',
    asids: s.asids !== false, count: optionValue(s, 'count'), maxPage: optionValue(s, 'maxpage'), processes: optionValue(s, 'processes'),
  });
  const r = solveTlbProblem(p);
  const labels = accessLabels(p);
  const questions = r.steps.map((step, i) => ({
    label: labels[i]!.trimEnd(),
    fields: [
      choice('hit', 'Hit/Miss', ['hit', 'miss'], step.hit ? 'hit' : 'miss'),
      field('set', 'Set', 'number', String(step.set), 'set'),
      field('evicts', 'Evicts', 'tlb-entry', step.evicted === undefined ? '-' : `${step.evicted.asid}:${step.evicted.vpn}`, p.asids ? 'evicts asid:vpn, -' : 'evicts vpn, -'),
    ],
    answer: tlbStepText(step),
    reason: undefined,
    ...(p.asids ? {} : { bareVpnAsid: 0 }),
  }));
  return { settings: s, quiz: formatTlbQuiz(p), answers: formatTlbAnswers(p, r), json: tlbJson(p, r), questions };
}

function protectSheet(s: HomeworkSettings): Sheet {
  const p = makeProtectProblem({ seed: s.seed, count: optionValue(s, 'count'), mmaps: optionValue(s, 'mmaps') });
  const answers = solveProtectProblem(p);
  const questions = answers.map((a, i) => ({
    label: accessText(p, i).trimEnd(),
    fields: [
      choice('verdict', 'Verdict', ['ok', 'fault', 'killed'], a.verdict),
      choice('fault', 'Fault', PROTECT_FAULTS, a.verdict === 'fault' ? a.fault : undefined),
      choice('cause', 'Cause', PROTECT_CAUSES, a.verdict === 'killed' ? a.cause : undefined),
      choice('reason', 'Reason', PROTECT_REASONS, a.verdict === 'killed' ? a.reason : undefined),
    ],
    answer: verdictText(a),
    reason: protectReason(p, p.accesses[i]!, a),
  }));
  return { settings: s, quiz: formatProtectQuiz(p), answers: formatProtectAnswers(p, answers), json: protectJson(p, answers), questions };
}

function cowSheet(s: HomeworkSettings): Sheet {
  const p = makeCowProblem({ seed: s.seed, pages: optionValue(s, 'pages'), steps: optionValue(s, 'steps'), forks: optionValue(s, 'forks'), exits: optionValue(s, 'exits') });
  const r = solveCowProblem(p);
  const questions = r.steps.map((a, i) => ({
    label: stepText(p, i).trimEnd(),
    fields: [
      choice('fault', 'Fault', COW_FAULTS, a.fault ?? '-'),
      field('frames', 'Frames', 'number', String(a.frames), 'frames'),
    ],
    answer: cowStepText(a),
    reason: cowReason(p.scenario[i]!, a),
  }));
  return { settings: s, quiz: formatCowQuiz(p), answers: formatCowAnswers(p, r), json: cowJson(p, r), questions };
}

const SHEET_MAKERS: Record<HomeworkKind, (s: HomeworkSettings) => Sheet> = {
  policy: policySheet, translate: translateSheet, tlb: tlbSheet, protect: protectSheet, cow: cowSheet,
};

/** The problem, its answers and its questions; a one-line error for settings the CLI would refuse. */
export function makeSheet(s: HomeworkSettings): Sheet | { error: string } {
  const problem = settingsProblem(s);
  if (problem !== undefined) return { error: problem };
  try {
    return SHEET_MAKERS[s.kind](s);
  } catch (err) {
    // The TLB's own refusal (e.g. plru with ways that are not a power of two), as the CLI reports it.
    if (err instanceof RangeError) return { error: err.message };
    throw err;
  }
}

