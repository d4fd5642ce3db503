// Text and JSON for the policy homework: the problem (same in quiz and
// answers), the quiz's blank lines, and the answers in `illusion policy`'s
// own line format.
import type { PolicyProblem } from './policy.js';
import type { SimulateResult } from '../kernel/policy/simulate.js';
import { formatPolicyText } from '../views/policyText.js';

/** How each policy lists the resident pages, so a student writes them in the same order. */
const RESIDENT_ORDER: Record<PolicyProblem['policy'], string> = {
  fifo: 'oldest first',
  lru: 'least recently used first',
  mru: 'least recently used first (the next victim is last)',
  opt: 'in the order they came in',
  unopt: 'in the order they came in',
  clock: 'from the hand, in the order it sweeps',
  'clock-ostep': 'in the order they came in',
  random: 'in the order they came in; when a page is evicted, the page listed last moves into its place and the new page goes at the end',
};

/**
 * The rule where the policy's name alone leaves a choice open (ties, where a
 * page comes in, what the hand does, what is drawn at random), so that the
 * quiz can be answered from the text alone, or says what cannot be
 * (kernel/policy/opt.ts, unopt.ts, clock.ts and clockOstep.ts keep these rules).
 */
const RULE: Partial<Record<PolicyProblem['policy'], string>> = {
  opt: 'The victim is the page whose next use is furthest away; among pages never used again, the one that came in last.',
  unopt: 'The victim is the page whose next use is soonest; a page never used again goes only when every page is one, and then the one that came in first.',
  random: 'The victim is drawn at random among the resident pages (a seeded draw that cannot be worked by hand: the answers give it); the rest follows from it.',
  'clock-ostep': 'OSTEP\'s clock, which has no hand: a page comes in with its count at 1 and a hit adds 1 (up to the limit); when memory is full, resident pages are probed at random (a seeded draw: the answers give the victim), each probe takes 1 from a count above 0, and the first page probed at 0 is the victim.',
  clock: 'A page comes in with its count at 1, just behind the hand; a hit adds 1 (up to the limit); when memory is full, the hand takes 1 from each page it passes, evicts the first it finds at 0 and stops just past it.',
};

/** The command that makes this problem again. */
export function policyCommandLine(p: PolicyProblem): string {
  const parts = ['illusion homework policy', `--seed ${p.seed}`, `--policy ${p.policy}`, `--frames ${p.frames}`];
  if (p.clockBits !== undefined) parts.push(`--clockbits ${p.clockBits}`);
  if (p.generator === undefined) parts.push(`--addresses ${p.references.join(',')}`);
  else {
    parts.push(`--numaddrs ${p.generator.numAddrs}`, `--maxpage ${p.generator.maxPage}`);
    if (p.generator.locality !== undefined) parts.push(`--locality ${p.generator.locality}`);
  }
  return parts.join(' ');
}

function problemText(p: PolicyProblem): string[] {
  const policy = p.clockBits !== undefined ? `${p.policy} with reference counts up to ${p.clockBits}` : p.policy;
  const lines = [`# ${policyCommandLine(p)}`, ''];
  const g = p.generator;
  if (g === undefined) lines.push(`Reference string (given, ${p.references.length} references):`);
  else {
    const hotSet = new Set(g.hotPages);
    const inHot = p.references.filter((r) => hotSet.has(r)).length;
    const hot = g.locality === undefined ? '' : `, ${inHot} of them to the hot set {${g.hotPages.join(', ')}}`;
    lines.push(`Reference string (${p.references.length} references to pages 0..${g.maxPage - 1}${hot}):`);
  }
  lines.push(`  ${p.references.join(' ')}`, '');
  lines.push(`Replacement policy ${policy}; ${p.frames} page frame${p.frames === 1 ? ', empty' : 's, all empty'} at the start.`);
  const counts = p.clockBits !== undefined ? '; the answers also give their reference counts, in the same order' : '';
  lines.push(`Resident pages are listed ${RESIDENT_ORDER[p.policy]}${counts}.`);
  const rule = RULE[p.policy];
  if (rule !== undefined) lines.push(rule);
  return lines;
}

/** `Access: 7`, padded as the quiz pads it. */
export function policyAccessLabels(p: PolicyProblem): string[] {
  const width = Math.max(1, ...p.references.map((r) => String(r).length));
  return p.references.map((r) => `Access: ${String(r).padStart(width)}`);
}

/** The problem with every answer left blank. */
export function formatPolicyQuiz(p: PolicyProblem): string {
  const lines = [
    ...problemText(p),
    'For each access: does it hit or miss, which page is evicted (if any), and which pages are resident after it?',
    '',
    ...policyAccessLabels(p).map((label) => `${label}  Hit/Miss?  Evicted?  Resident?`),
    'Totals: hits?  misses?  hit rate?',
  ];
  return `${lines.join('\n')}\n`;
}

/** `illusion policy`'s lines for the answers, each access's with its reference counts (clock), then the totals. */
export function policyAnswerLines(r: SimulateResult): string[] {
  const lines = formatPolicyText(r).trimEnd().split('\n');
  r.steps.forEach((s, i) => {
    if (s.counts !== undefined) lines[i] += `  counts: [${s.counts.join(', ')}]`;
  });
  return lines;
}

/** The same problem with the answers; `noTrace` keeps only the totals (OSTEP's -N). */
export function formatPolicyAnswers(p: PolicyProblem, r: SimulateResult, noTrace: boolean): string {
  const lines = policyAnswerLines(r);
  const shown = `${(noTrace ? lines.slice(-1) : lines).join('\n')}\n`;
  return `${[...problemText(p), 'Answers:', ''].join('\n')}\n${shown}`;
}

/** {"kind":"policy","problem":{...},"answers":{...}}; answers only when computed. */
export function policyJson(p: PolicyProblem, r: SimulateResult | undefined): string {
  const g = p.generator;
  const problem = {
    command: policyCommandLine(p),
    seed: p.seed,
    policy: p.policy,
    frames: p.frames,
    clockbits: p.clockBits ?? null,
    generator: g === undefined ? null : { numaddrs: g.numAddrs, maxpage: g.maxPage, locality: g.locality ?? null, hot_pages: g.hotPages },
    references: p.references,
  };
  const answers = r === undefined ? undefined : {
    hits: r.hits,
    misses: r.misses,
    hit_rate: r.hitRate,
    steps: r.steps.map((s) => ({ page: s.page, hit: s.hit, evicted: s.evicted ?? null, frames: s.frames, ...(s.counts ? { counts: s.counts } : {}) })),
  };
  return `${JSON.stringify({ kind: 'policy', problem, ...(answers ? { answers } : {}) })}\n`;
}
