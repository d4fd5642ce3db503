// Reference solver for `illusion homework protect`, written from SPEC v2
// (sections 2, 4, 6, 7) and the rules the problem states, never from
// homework/, kernel/ or mmu/ code: it reads only what a student reads, the
// problem object of --json, and says for each access what the machine must
// do. It also draws the address space from the layout's numbers alone, as
// SPEC section 4 places it, for the test to hold the problem's bands to.

export interface ProtectAreaIn {
  name: string;
  start: number;
  end: number;
  rights: string;
  present: number[];
}

export interface ProtectLayoutIn {
  code_start: number;
  text_end: number;
  data_base: number;
  data_bytes: number;
  bss_base: number;
  bss_bytes: number;
  heap_start: number;
  heap_bytes: number;
  brk: number;
  heap_end: number;
  stack_pages: number;
  mmaps: { start: number; end: number; prot: number }[];
  mprotect: { start: number; end: number; prot: number } | null;
}

export interface ProtectProblemIn {
  layout: ProtectLayoutIn;
  areas: ProtectAreaIn[];
  accesses: { kind: 'fetch' | 'load' | 'store'; width: 1 | 4; address: number }[];
}

export interface ProtectAnswerOut {
  verdict: 'ok' | 'fault' | 'killed';
  fault: string | null;
  cause: string | null;
  reason: string | null;
  region: string | null;
}

const PAGE = 4096;
const up = (a: number) => Math.ceil(a / PAGE) * PAGE;
const rights = (prot: number) => `${prot & 1 ? 'r' : '-'}${prot & 2 ? 'w' : '-'}${prot & 4 ? 'x' : '-'}`;

/** SPEC section 4's bands for a layout: [name, start, end, rights]. */
export function drawLayout(l: ProtectLayoutIn): [string, number, number, string][] {
  const bands: [string, number, number, string][] = [];
  const add = (name: string, start: number, end: number, r: string) => { if (end > start) bands.push([name, start, end, r]); };
  const dataBase = up(l.text_end);
  const bssBase = dataBase + Math.ceil(l.data_bytes / 4) * 4;
  const heapStart = up(bssBase + l.bss_bytes);
  const heapEnd = up(heapStart + l.heap_bytes);
  add('null', 0, 0x1000, '---');
  add('text', 0x1000, dataBase, 'r-x');
  if (l.bss_bytes === 0) add('data', dataBase, heapStart, 'rw-');
  else {
    add('data', dataBase, bssBase, 'rw-');
    add('bss', bssBase, heapStart, 'rw-');
  }
  add('heap', heapStart, heapEnd, 'rw-');
  // mmap: top-down from 0x7FE00000, each below the one before; mprotect changes the rights of its pages.
  let top = 0x7fe0_0000;
  const pages: [number, string, number][] = [];
  l.mmaps.forEach((m, i) => {
    const size = m.end - m.start;
    for (let a = top - size; a < top; a += PAGE) {
      const p = l.mprotect !== null && a >= l.mprotect.start && a < l.mprotect.end ? l.mprotect.prot : m.prot;
      pages.push([a, rights(p), i]);
    }
    top -= size;
  });
  pages.sort((a, b) => a[0] - b[0]);
  // One band per run of pages of one mmap with the same rights (two mmaps side by side stay two regions).
  let at = heapEnd;
  let last: [number, string, number] | undefined;
  for (const page of pages) {
    const [a, r, i] = page;
    const band = bands[bands.length - 1]!;
    if (last !== undefined && last[2] === i && last[1] === r && band[2] === a) band[2] = a + PAGE;
    else {
      add('none', at, a, '---');
      add('mmap', a, a + PAGE, r);
    }
    last = page;
    at = a + PAGE;
  }
  add('none', at, 0x7feff000, '---');
  add('guard', 0x7feff000, 0x7ff00000, '---');
  add('stack', 0x7ff00000, 0x8000_0000, 'rw-');
  add('kernel', 0x8000_0000, 0x1_0000_0000, '---');
  return bands;
}

/** The region a kill report names for an address: SPEC's text, data, bss, heap, stack, mmap; null where none holds it. */
function regionOf(p: ProtectProblemIn, address: number): string | null {
  const band = p.areas.find((a) => address >= a.start && address < a.end)!;
  return ['text', 'data', 'bss', 'heap', 'mmap', 'stack'].includes(band.name) ? band.name : null;
}

export function solveProtect(p: ProtectProblemIn): ProtectAnswerOut[] {
  const l = p.layout;
  return p.accesses.map((x) => {
    const a = x.address;
    const kill = (cause: string, reason: string, region: string | null, fault: string | null = null): ProtectAnswerOut =>
      ({ verdict: 'killed', fault, cause, reason, region });
    // SPEC section 2: lw and sw need an aligned address, and a jalr to a misaligned target traps at the jalr.
    if (x.width === 4 && a % 4 !== 0) {
      return kill('misaligned', x.kind === 'fetch' ? 'jump_target' : x.kind === 'load' ? 'word_load' : 'word_store', regionOf(p, a));
    }
    // SPEC section 7's reasons, in its order.
    if (a < 0x1000) return kill('bad_access', 'null_page', null);
    if (a >= 0x8000_0000) return kill('bad_access', 'kernel_half', null);
    if (a >= 0x7feff000 && a < 0x7ff00000) return kill('bad_access', 'guard_page', null);
    const band = p.areas.find((b) => a >= b.start && a < b.end)!;
    const region = regionOf(p, a);
    if (region === null) return kill('bad_access', 'unmapped', null);
    const r = band.rights;
    const allowed = x.kind === 'fetch' ? r[2] === 'x' : x.kind === 'load' ? r[0] === 'r' || r[1] === 'w' : r[1] === 'w';
    if (!allowed) return kill('bad_access', 'protection', region);
    const page = a - (a % PAGE);
    let fault: string | null = null;
    if (!band.present.includes(page)) {
      const holds = (start: number, end: number) => start < page + PAGE && end > page;
      if (region === 'stack') fault = 'stack-growth';
      else if (holds(0x1000, l.text_end) || (l.data_bytes > 0 && holds(l.data_base, l.data_base + l.data_bytes))) fault = 'image';
      else fault = 'zero-fill';
    }
    // An allowed fetch runs the word there: nothing past the last instruction.
    if (x.kind === 'fetch' && a >= l.text_end) return kill('illegal_instruction', 'past_end', 'text', fault);
    return { verdict: fault === null ? 'ok' : 'fault', fault, cause: null, reason: null, region: null };
  });
}
