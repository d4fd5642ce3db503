// Text and JSON for the translation homework: the page tables as words, the
// way a textbook prints them, then one line per question; with -c the
// physical address and the walk, or the fault and why.
import type { FaultExplanation } from './faultReason.js';
import type { TranslateAnswer, TranslateProblem } from './translate.js';

const hex = (n: number, digits = 8) => `0x${(n >>> 0).toString(16).padStart(digits, '0')}`;

export function translateCommandLine(p: TranslateProblem): string {
  return `illusion homework translate --seed ${p.seed} --pages ${p.pages} --count ${p.count}`;
}

function problemText(p: TranslateProblem): string[] {
  const lines = [
    `# ${translateCommandLine(p)}`,
    '',
    `Process ${p.pid}, made by the real kernel on a machine of ${p.frames} frames (${p.policy} replacement): its program wrote ${p.pages} pages`,
    'of its data area, forked (the child shares those pages copy-on-write), and wrote some of them again (--json holds the program).',
    '',
    'Virtual address: bits 31..22 root index, 21..12 leaf index, 11..0 offset. Physical address = frame << 12 | offset.',
    'PTE: bits 31..12 frame; 0 V, 1 R, 2 W, 3 X, 4 U (user), 5 G, 6 A, 7 D; the kernel\'s own bits: 8 COW, 9 SWAPPED',
    '(not present: bits 31..12 are then the swap slot), 10 DIRTY. A root entry with V=1 and R=W=X=0 points to a second-level table.',
    'A user access needs V, U and X (fetch), R (load) or W (store).',
    'The MMU reports "not present" when the walk meets an entry with V=0, "protection" when the leaf is valid but forbids the access.',
    'Why, in the kernel\'s words: null page, kernel half, guard page, unmapped, protection (the region\'s rights), copy-on-write, swapped out, not present (never touched);',
    'then what it does: kill the process (bad_access), make a zero-filled or stack page, load the page from the program image, read it back from swap, copy it, or make it writable again (the last sharer).',
    '',
    'Regions:',
    ...p.regions.map((r) => `  ${r.kind.padEnd(6)} ${hex(r.start)}-${hex(r.end - 1)}  ${r.rights}`),
    '',
    `Root table (ptbr = frame ${hex(p.ptbr, 3)}), valid entries:`,
    ...p.root.map((e) => `  [${String(e.index).padStart(4)}] ${hex(e.pte)}`),
  ];
  for (const t of p.tables) {
    lines.push(`Second-level table for root index ${t.rootIndex} (frame ${hex(t.frame, 3)}), non-zero entries:`);
    lines.push(...t.entries.map((e) => `  [${String(e.index).padStart(4)}] ${hex(e.pte)}`));
  }
  lines.push('');
  return lines;
}

export function questionLabel(p: TranslateProblem, i: number): string {
  const q = p.questions[i]!;
  const width = String(p.questions.length).length;
  return `${String(i + 1).padStart(width)}. ${q.access.padEnd(5)} ${hex(q.va)}`;
}

export function formatTranslateQuiz(p: TranslateProblem): string {
  const lines = [
    ...problemText(p),
    'For each access: the physical address, or why it faults and what the kernel then does?',
    '',
    ...p.questions.map((_, i) => `${questionLabel(p, i)}  ->  ?`),
  ];
  return `${lines.join('\n')}\n`;
}

const REASON_TEXT: Record<FaultExplanation['reason'], string> = {
  null_page: 'null page (below 0x1000, never mapped)',
  kernel_half: 'kernel half (0x80000000 and up: U is clear)',
  guard_page: 'guard page below the stack (never mapped)',
  unmapped: 'unmapped (no region holds the address)',
  protection: 'protection',
  copy_on_write: 'copy-on-write (shared with the child, W withheld)',
  swapped_out: 'swapped out',
  not_present: 'not present (never touched)',
};

const ACTION_TEXT: Record<FaultExplanation['kernel'], string> = {
  kill: 'the kernel kills the process (bad_access)',
  zero_fill: 'the kernel makes a zero-filled page and the access runs again',
  image: 'the kernel loads the page from the program image and the access runs again',
  stack_growth: 'the kernel makes a new stack page and the access runs again',
  swap_in: 'the kernel reads the page back from swap and the access runs again',
  copy_on_write: 'the kernel copies the page for this process and the store runs again',
  cow_reclaim: 'the last sharer: the kernel makes the page writable again and the store runs again',
};

function faultText(f: FaultExplanation): string {
  let why = REASON_TEXT[f.reason];
  if (f.reason === 'protection') why += `: ${f.region} is ${f.rights}, the access needs ${f.missing}`;
  return `page fault (MMU: ${f.mmu.replace('_', ' ')}); ${why}; ${ACTION_TEXT[f.kernel]}`;
}

/** The answer to one question: the physical address, or the fault with the kernel's reason and action. */
export function translateAnswerText(a: TranslateAnswer): string {
  return a.physical !== undefined ? hex(a.physical) : faultText(a.fault!);
}

export function walkText(a: TranslateAnswer): string {
  const reads = a.reads.map((r) => `${r.table}[${r.table === 'root' ? a.rootIndex : a.leafIndex}] at ${hex(r.address)} = ${hex(r.pte)}`);
  return `root index ${a.rootIndex}, leaf index ${a.leafIndex}, offset ${hex(a.offset, 3)}; read ${reads.join(', ')}`;
}

export function formatTranslateAnswers(p: TranslateProblem, answers: readonly TranslateAnswer[]): string {
  const lines = [...problemText(p), 'Answers:', ''];
  answers.forEach((a, i) => {
    lines.push(`${questionLabel(p, i)}  ->  ${translateAnswerText(a)}`);
    lines.push(`      ${walkText(a)}`);
  });
  return `${lines.join('\n')}\n`;
}

export function translateJson(p: TranslateProblem, answers: readonly TranslateAnswer[] | undefined): string {
  const entry = (e: { index: number; pte: number }) => ({ index: e.index, pte: e.pte });
  const problem = {
    command: translateCommandLine(p),
    seed: p.seed, pages: p.pages, count: p.count, frames: p.frames, policy: p.policy, pid: p.pid, ptbr: p.ptbr,
    regions: p.regions,
    root: p.root.map(entry),
    tables: p.tables.map((t) => ({ root_index: t.rootIndex, frame: t.frame, entries: t.entries.map(entry) })),
    questions: p.questions.map((q) => ({ va: q.va, access: q.access })),
    program: p.program,
  };
  const json = answers?.map((a) => ({
    va: a.va, access: a.access, root_index: a.rootIndex, leaf_index: a.leafIndex, offset: a.offset,
    reads: a.reads.map((r) => ({ table: r.table, address: r.address, pte: r.pte })),
    physical: a.physical ?? null,
    fault: a.fault === undefined ? null : {
      mmu: a.fault.mmu, reason: a.fault.reason, region: a.fault.region ?? null, rights: a.fault.rights ?? null,
      missing: a.fault.missing ?? null, kernel: a.fault.kernel,
    },
  }));
  return `${JSON.stringify({ kind: 'translate', problem, ...(json ? { answers: json } : {}) })}\n`;
}
