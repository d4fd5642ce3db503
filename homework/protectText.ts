// Text and JSON for the protection homework: the address space drawn as
// bands (range, rights, present pages), the kernel's rules an answer needs,
// the accesses, and with -c each access's verdict with its reason in one
// line.
import type { ProtectAnswer, ProtectProblem } from './protect.js';
import type { ProtectAccess } from './protectAccesses.js';
import { areaAt, type Area, type ProtectLayout } from './protectLayout.js';
import { describeAccess } from './protectProgram.js';
import { rightsText } from '../kernel/killReport.js';

const hex = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
const ACCESS_WIDTH = 28;
const page = (a: number) => a - (a % 4096);

const BAND_NAMES: Record<Area['name'], string> = {
  null: 'null page', text: '.text', data: '.data', bss: '.bss', heap: 'heap', mmap: 'mmap',
  none: 'no region', guard: 'guard page', stack: 'stack', kernel: 'kernel half',
};

function presentText(a: Area): string {
  if (a.present.length === 0) return 'present: none';
  return `present: ${a.present.map(hex).join(', ')}`;
}

function mmapNote(l: ProtectLayout, a: Area): string {
  const m = l.mmaps.find((r) => a.start >= r.start && a.end <= r.end)!;
  const made = `mmap(${m.end - m.start}, ${rightsText(m.prot)})`;
  const p = l.mprotect;
  if (p !== undefined && p.start === a.start && p.end === a.end) return `${made} at ${hex(m.start)}, then mprotect(${hex(p.start)}, ${p.end - p.start}, ${a.rights})`;
  return m.start === a.start && m.end === a.end ? `${made} placed here` : `${made} at ${hex(m.start)}, this part`;
}

/** What a band is, in a few words. */
function bandNote(l: ProtectLayout, a: Area): string {
  switch (a.name) {
    case 'null': return 'never mapped';
    case 'text': return `code from _start ${hex(l.codeStart)} to ${hex(l.textEnd - 1)}, nothing after it; ${presentText(a)}`;
    case 'data': return `${l.dataBytes} bytes of the program's image${l.bssBytes === 0 ? ` (to ${hex(l.dataBase + l.dataBytes - 1)}) and the rest of the page` : ''}; ${presentText(a)}`;
    case 'bss': return `${l.bssBytes} bytes of zeros (to ${hex(l.bssBase + l.bssBytes - 1)}) and the rest of the page; ${presentText(a)}`;
    case 'heap': return `sbrk(${l.heapBytes}): the break is ${hex(l.brk)}; ${presentText(a)}`;
    case 'mmap': return `${mmapNote(l, a)}; ${presentText(a)}`;
    case 'none': return '';
    case 'guard': return 'never mapped';
    case 'stack': return `sp starts at 0x80000000; ${presentText(a)}`;
    case 'kernel': return 'supervisor-only (U=0)';
  }
}

function problemText(p: ProtectProblem): string[] {
  const l = p.layout;
  const bands = p.areas.map((a) => `  ${hex(a.start)}-${hex(a.end - 1)}  ${BAND_NAMES[a.name].padEnd(11)} ${a.rights}  ${bandNote(l, a)}`.trimEnd());
  return [
    `# ${p.command}`,
    '',
    'A process\'s address space as the kernel built it (SPEC section 4), each band with its range, its rights, and',
    'the pages present: the ones the process used before the accesses below (it has touched no other).',
    '',
    ...bands,
    '',
    'Each access is made by its own copy of this process (the same program up to the access; --program N prints',
    'access N\'s, for `illusion run`), so no access changes what another finds, and a kill ends only its own copy.',
    'The kernel\'s rules:',
    '- A fetch needs x, a load r, a store w. A region with w is readable too (the MMU has no write-only pages: -w-',
    '  reads as rw-). No region is both writable and executable (W^X).',
    '- A word (lw, sw, a fetch) needs an address that is a multiple of 4. The CPU checks that before it translates:',
    '  a misaligned word is killed `misaligned`, wherever it points. A fetch is a jalr to the address; a target that',
    '  is not a multiple of 4 traps at the jalr. A byte (lb, sb) may be anywhere.',
    '- Regions hold whole pages: the last page of .bss (of .data without .bss) and of the heap are theirs to the',
    '  page\'s end, past the break too.',
    '- A page of a region that is not present faults; the kernel makes it and the access runs: image when the page',
    '  holds any of the program\'s .text or .data bytes (read from the program), stack-growth in the stack,',
    '  zero-fill (a frame of zeros) otherwise. A present page the rights allow never faults.',
    '- An access no region allows kills the process: bad_access, with the reason null_page (below 0x00001000),',
    '  kernel_half (0x80000000 and up), guard_page, unmapped (no region holds the address), or protection (a region',
    '  holds it, but its rights forbid the access).',
    '- An allowed fetch runs the word there: below _start, .text holds a `j landed` (to exit 0) at each word an',
    '  access fetches; past the last instruction there is none: illegal_instruction (past_end).',
    '',
  ];
}

export const accessText = (p: ProtectProblem, i: number) => {
  const width = String(p.accesses.length).length;
  return `${String(i + 1).padStart(width)}. ${describeAccess(p.accesses[i]!).padEnd(ACCESS_WIDTH)}`;
};

export function formatProtectQuiz(p: ProtectProblem): string {
  const lines = [
    ...problemText(p),
    'For each access: ok (no fault), a fault the kernel resolves and then ok (image, zero-fill or stack-growth),',
    'or killed (the cause and the reason)?',
    '',
    ...p.accesses.map((_, i) => `${accessText(p, i)}?`),
  ];
  return `${lines.join('\n')}\n`;
}

export function verdictText(a: ProtectAnswer): string {
  if (a.verdict === 'ok') return 'ok';
  if (a.verdict === 'fault') return `fault: ${a.fault}`;
  return `killed: ${a.cause} (${a.reason})`;
}

const REGION_LABELS: Record<string, string> = {
  text: '.text', data: '.data', bss: '.bss', heap: 'the heap', stack: 'the stack', mmap: 'this mmap page',
};
const NEEDS = { fetch: 'x', load: 'r', store: 'w' } as const;
const MADE = {
  image: 'the kernel reads it in from the program\'s image',
  'zero-fill': 'the kernel gives it a frame of zeros',
  'stack-growth': 'the kernel makes a new stack page',
} as Record<string, string>;

/** Where in its band an allowed access lies, when that is the point: past .bss's end or the break, still on the region's page. */
function pastEndNote(l: ProtectLayout, area: Area, address: number): string {
  if (area.name === 'heap' && address >= l.brk) return `, past the break ${hex(l.brk)} but on the heap's last page,`;
  const dataEnd = l.bssBytes > 0 ? l.bssBase + l.bssBytes : l.dataBase + l.dataBytes;
  if ((area.name === 'bss' || area.name === 'data') && address >= dataEnd) return `, past the end of ${BAND_NAMES[area.name]} but on its last page,`;
  return '';
}

/** A .bss page read in from the image does so because .data ends on it: say so, or the image looks like a mistake. */
function sharedDataPage(l: ProtectLayout, area: Area, address: number, fault: string | undefined): string {
  const dataEnd = l.dataBase + l.dataBytes;
  if (area.name !== 'bss' || fault !== 'image' || page(address) >= dataEnd) return '';
  return `it holds the end of .data too (to ${hex(dataEnd - 1)}), so `;
}

const mprotected = (l: ProtectLayout, address: number) => l.mprotect !== undefined && address >= l.mprotect.start && address < l.mprotect.end;

/** The one-line reason of an access's answer. */
export function protectReason(p: ProtectProblem, access: ProtectAccess, a: ProtectAnswer): string {
  const l = p.layout;
  const area = areaAt(p.areas, access.address);
  const label = `${BAND_NAMES[area.name]} page ${hex(page(access.address))}`;
  if (a.verdict === 'ok') {
    const runs = access.kind === 'fetch' ? ': the jump there goes to exit' : '';
    const writeOnly = access.kind === 'load' && area.rights === '-w-' ? ' (the MMU has no write-only pages: -w- reads as rw-)' : '';
    return `${label}${pastEndNote(l, area, access.address)} is present and ${area.rights} allows a ${access.kind}${writeOnly}${runs}`;
  }
  if (a.verdict === 'fault') {
    return `${label}${pastEndNote(l, area, access.address)} is not present: ${sharedDataPage(l, area, access.address, a.fault)}${MADE[a.fault!] ?? a.fault}, then the ${access.kind} runs`;
  }
  switch (a.reason) {
    case 'word_load': case 'word_store':
      return `${hex(access.address)} is not a multiple of 4: a word must be aligned (checked before translation)`;
    case 'jump_target':
      return `the jalr to ${hex(access.address)}, not a multiple of 4, traps at the jalr itself`;
    case 'null_page':
      return 'below 0x00001000: the null page is never mapped (a null pointer?)';
    case 'kernel_half':
      return '0x80000000 and up is the kernel half: its pages are supervisor-only (U=0)';
    case 'guard_page':
      return 'the guard page below the stack is never mapped (where a stack overflow lands)';
    case 'unmapped': {
      const i = p.areas.indexOf(area);
      const below = p.areas[i - 1]!;
      const above = p.areas[i + 1]!;
      return `no region holds it: it lies between ${BAND_NAMES[below.name]} (to ${hex(below.end - 1)}) and ${BAND_NAMES[above.name]} (from ${hex(above.start)})`;
    }
    case 'protection': {
      const region = REGION_LABELS[a.region ?? ''] ?? a.region;
      if (a.rights === '---') return `${region} is ---: no access at all${mprotected(l, access.address) ? ' (mprotect made it so)' : ''}`;
      const wx = access.kind === 'fetch' && a.rights?.includes('w') ? ' (W^X: a writable page never runs)' : '';
      const by = mprotected(l, access.address) ? ' (mprotect made it so)' : '';
      return `${region} is ${a.rights}${by}: a ${access.kind} needs ${NEEDS[access.kind]}${wx}`;
    }
    case 'past_end':
      return `the fetch is allowed (.text is r-x), but no instruction was assembled past ${hex(l.textEnd - 4)}`;
    default:
      return a.report ?? '';
  }
}

export function formatProtectAnswers(p: ProtectProblem, answers: readonly ProtectAnswer[]): string {
  const lines = [...problemText(p), 'Answers:', ''];
  answers.forEach((a, i) => {
    lines.push(`${accessText(p, i)}${verdictText(a)}`);
    lines.push(`      ${protectReason(p, p.accesses[i]!, a)}`);
  });
  return `${lines.join('\n')}\n`;
}

export function protectJson(p: ProtectProblem, answers: readonly ProtectAnswer[] | undefined): string {
  const l = p.layout;
  const problem = {
    command: p.command, seed: p.seed, count: p.count, mmaps: p.mmaps,
    layout: {
      code_start: l.codeStart, text_end: l.textEnd, data_base: l.dataBase, data_bytes: l.dataBytes,
      bss_base: l.bssBase, bss_bytes: l.bssBytes, heap_start: l.heapStart, heap_bytes: l.heapBytes, brk: l.brk,
      heap_end: l.heapEnd, stack_pages: l.stackPages,
      mmaps: l.mmaps.map((m) => ({ ...m })), mprotect: l.mprotect === undefined ? null : { ...l.mprotect },
    },
    areas: p.areas.map((a) => ({ name: a.name, start: a.start, end: a.end, rights: a.rights, present: [...a.present] })),
    accesses: p.accesses.map((a) => ({ ...a })),
  };
  const json = answers === undefined ? undefined : answers.map((a, i) => ({
    verdict: a.verdict, fault: a.fault ?? null, cause: a.cause ?? null, reason: a.reason ?? null,
    region: a.region ?? null, rights: a.rights ?? null, why: protectReason(p, p.accesses[i]!, a), kill_report: a.report ?? null,
  }));
  return `${JSON.stringify({ kind: 'protect', problem, ...(json ? { answers: json } : {}) })}\n`;
}
