// Text and JSON for the fork and copy-on-write homework: the steps, the
// kernel's rules an answer needs, and with -c per step the fault, the frames
// in use and what is shared, each with its reason in one line; then every
// live process's pages.
import type { CowAnswers, CowProblem, CowStepAnswer, SharedFrame } from './cow.js';
import type { CowStep } from './cowScenario.js';
import { describeStep } from './cowProgram.js';

const hex = (n: number, digits = 8) => `0x${(n >>> 0).toString(16).padStart(digits, '0')}`;
const STEP_WIDTH = 26;
const FAULT_WIDTH = 11;

function problemText(p: CowProblem): string[] {
  const last = p.pages - 1;
  return [
    `# ${p.command}`,
    '',
    `Process 1 has a data area of ${p.pages} page${p.pages === 1 ? '' : 's'} (${last === 0 ? 'page 0' : `0..${last}`}; page k at ${hex(p.areaBase)} + k*4096, in .bss), none of them`,
    `present at the start. The steps below run one at a time on the real kernel, on the default machine (${p.machineFrames} frames:`,
    'nothing is swapped). --program prints the program; `illusion run --trace` on it shows the same faults.',
    '',
    'The kernel\'s rules:',
    '- First touch: a read or a write of a page the process does not have is a zero-fill fault: a new frame of zeros,',
    '  the process\'s own, writable (a read takes a frame too).',
    '- fork: the child gets exactly the pages the parent has at that moment, in the same frames (nothing is copied);',
    '  every one of them becomes copy-on-write (COW: W withheld) in both, the parent\'s own writable pages too.',
    '- A read of a page the process has never faults. A write to a writable page never faults.',
    '- A write to a COW page faults. If other processes still map its frame, the kernel copies the page into a new',
    '  frame for the writer (cow-copy: the writer\'s page is then writable; the others keep the old frame, still COW).',
    '  If the writer is the frame\'s last sharer, the kernel makes the page writable again without a copy (cow-reclaim).',
    '- exit: the frames only the exiting process mapped are freed; the others stay as they were (COW until a write).',
    '- Frames counted: those holding data pages (not the text page, not page tables), named F1, F2, ... in the order',
    '  the kernel fills them (each zero-fill and each cow-copy fills one).',
    '',
  ];
}

export const stepText = (p: CowProblem, i: number) => {
  const width = String(p.scenario.length).length;
  return `${String(i + 1).padStart(width)}. ${describeStep(p.scenario[i]!).padEnd(STEP_WIDTH)}`;
};

export function formatCowQuiz(p: CowProblem): string {
  const lines = [
    ...problemText(p),
    'For each step: the fault (none, zero-fill, cow-copy or cow-reclaim; - for a fork or an exit), the data frames in',
    'use after it, and the frames two or more processes share (with the page and the pids)?',
    '',
    ...p.scenario.map((_, i) => `${stepText(p, i)}Fault?  Frames?  Shared?`),
    `After step ${p.scenario.length}: each live process's pages, their frames, and whether each is writable (rw) or COW?`,
  ];
  return `${lines.join('\n')}\n`;
}

const sharedText = (shared: readonly SharedFrame[]) =>
  shared.length === 0 ? '-' : shared.map((f) => `${f.frame} page ${f.page} (pids ${f.pids.join(' ')})`).join(', ');

const list = (xs: readonly string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/** The one-line reason of a step's answer, from what the machine saw before and after it. */
export function cowReason(s: CowStep, a: CowStepAnswer): string {
  if (s.op === 'fork') {
    const n = a.forked ?? 0;
    if (n === 0) return `pid ${s.child} gets no data page: pid ${s.pid} has none`;
    return `pid ${s.child} gets pid ${s.pid}'s ${n} page${n === 1 ? '' : 's'} in the same frame${n === 1 ? '' : 's'}; ${n === 1 ? 'it is' : 'all are'} COW in both now`;
  }
  if (s.op === 'exit') {
    if (a.freed.length === 0) return `pid ${s.pid}'s pages go, and no frame is freed: every frame it had is mapped by another process`;
    return `pid ${s.pid}'s pages go: ${list([...a.freed])} ${a.freed.length === 1 ? 'is' : 'are'} freed (no other process mapped ${a.freed.length === 1 ? 'it' : 'them'})`;
  }
  const b = a.before;
  if (b === undefined) return `pid ${s.pid} does not have page ${s.page}: a new zero-filled frame, ${a.filled}, its own and writable`;
  if (s.op === 'read') return `pid ${s.pid} has page ${s.page} (${b.frame}, ${b.writable ? 'writable' : 'COW'}): a read never faults`;
  if (b.writable) return `page ${s.page} is writable (${b.frame}): no fault`;
  if (a.fault === 'cow-copy') return `page ${s.page} is COW in ${b.frame}, which ${b.sharers} processes map: the kernel copies it into ${a.filled} for pid ${s.pid}`;
  return `page ${s.page} is COW in ${b.frame}, and pid ${s.pid} is its last sharer: the kernel makes it writable again, no copy`;
}

/** One step's answer: the fault, the data frames in use after it and the frames shared. */
export function cowStepText(a: CowStepAnswer): string {
  return `${(a.fault ?? '-').padEnd(FAULT_WIDTH)}  frames ${a.frames}  shared: ${sharedText(a.shared)}`;
}

export function formatCowAnswers(p: CowProblem, answers: CowAnswers): string {
  const lines = [...problemText(p), 'Answers:', ''];
  answers.steps.forEach((a, i) => {
    lines.push(`${stepText(p, i)}${cowStepText(a)}`);
    lines.push(`      ${cowReason(p.scenario[i]!, a)}`);
  });
  lines.push(`After step ${p.scenario.length}:`);
  for (const q of answers.final) {
    const pages = q.pages.map((m) => `page ${m.page} ${m.frame} ${m.writable ? 'rw' : 'cow'}`);
    lines.push(`  pid ${q.pid}: ${pages.length === 0 ? 'no data page' : pages.join(', ')}`);
  }
  lines.push(`The machine's frame numbers (the trace's frame_alloc): ${answers.frameNumbers.map((f) => `${f.frame} ${f.number}`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

export function cowJson(p: CowProblem, answers: CowAnswers | undefined): string {
  const problem = {
    command: p.command, seed: p.seed, pages: p.pages, steps: p.steps, forks: p.forks, exits: p.exits,
    area: p.areaBase, machine_frames: p.machineFrames,
    scenario: p.scenario.map((s) => ({ ...s })),
    program: p.program,
  };
  const json = answers === undefined ? undefined : {
    steps: answers.steps.map((a, i) => ({
      fault: a.fault ?? null, frames: a.frames,
      shared: a.shared.map((f) => ({ frame: f.frame, page: f.page, pids: [...f.pids] })),
      reason: cowReason(p.scenario[i]!, a),
    })),
    final: answers.final.map((q) => ({ pid: q.pid, pages: q.pages.map((m) => ({ page: m.page, frame: m.frame, writable: m.writable })) })),
    frame_numbers: Object.fromEntries(answers.frameNumbers.map((f) => [f.frame, f.number])),
  };
  return `${JSON.stringify({ kind: 'cow', problem, ...(json ? { answers: json } : {}) })}\n`;
}
