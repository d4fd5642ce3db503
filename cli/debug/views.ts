// The debugger's text: each function formats one of the machine views of
// views/ (the same data the browser draws), so there is one reading of the
// walk, the TLB, the frames and the rest. Nothing here reads the machine
// itself, and nothing sets an accessed bit or brings a page in.
import { sourceFileName, TEXT_BASE } from '../../asm/image.js';
import type { Kernel } from '../../kernel/kernel.js';
import { hex } from '../../kernel/proc.js';
import type { Process } from '../../kernel/process.js';
import { GUARD_PAGE, KERNEL_BASE, STACK_BOTTOM } from '../../mmu/layout.js';
import { PAGE_SHIFT, PAGE_SIZE_BYTES } from '../../mmu/page.js';
import { PROT_R, PROT_W } from '../../kernel/abi.js';
import { protAllows } from '../../kernel/addressSpace.js';
import { rightsText } from '../../kernel/killReport.js';
import { KILL_REASON_NAMES } from '../../kernel/killReason.js';
import {
  disassemblyOf, framesOf, physicalAddressOf, processesOf, pteBits, registersOf, tlbOf, walkOf, wordOf,
  type DisasmRow, type PteView, type SourceText,
} from '../../views/index.js';

export { hex };

/** r0..r12, fp, sp, ra: the names disassembly uses too (r0 stays r0). */
export function registerName(index: number, alias: string | undefined): string {
  return alias !== undefined && alias !== 'zero' ? alias : `r${index}`;
}

export function registersText(k: Kernel, p: Process): string {
  const v = registersOf(k, p)!;
  const cells = v.registers.map((r) => `${registerName(r.index, r.alias).padStart(3)} ${hex(r.value)}`);
  const rows: string[] = [];
  for (let i = 0; i < 16; i += 4) rows.push(cells.slice(i, i + 4).join('  '));
  rows.push(` pc ${hex(v.pc)}  instructions ${v.instructions}  cycles ${v.cycles}`);
  return rows.join('\n');
}

/** Why p cannot read `va` (no present page), in a few words. */
function unreadable(k: Kernel, p: Process, va: number): string {
  const w = walkOf(k, p, va);
  if (w === undefined) return 'no address space';
  if ((w.outcome === 'protection' && !w.levels[1]?.pte.u) || va >>> 0 >= KERNEL_BASE) {
    // The page above the stack: what `x sp` reaches at the start (sp is 0x80000000 before the first push) or past the last frame.
    const above = va >>> 0 >= KERNEL_BASE && va >>> 0 < KERNEL_BASE + PAGE_SIZE_BYTES;
    return above ? `kernel half: not user-accessible (the stack ends just below: its top word is ${hex(KERNEL_BASE - 4)}; sp is ${hex(KERNEL_BASE)} while nothing is pushed)` : 'kernel half: not user-accessible';
  }
  if (va >>> 0 >= GUARD_PAGE && va >>> 0 < STACK_BOTTOM) return 'not mapped (the guard page below the stack: a touch is a stack overflow)';
  // As the kill report names it (null_page): the address a null pointer gives, or a small offset from one.
  if (va >>> 0 < TEXT_BASE) return `not mapped (the null page, below ${hex(TEXT_BASE)}: a null pointer?)`;
  if (w.region === undefined) return va >>> 0 === TEXT_BASE && p.space?.image.text.length === 0 ? 'not mapped: the program has no instructions, its .text is empty' : 'not mapped';
  const leaf = w.levels[1]?.pte;
  if (leaf?.state === 'swapped') return `not present (swapped to slot ${leaf.slot})`;
  return 'not present (made on first touch)';
}

/** Longest string `x/s` shows: a pointer to anything but a string would otherwise print a page. */
export const MAX_STRING_BYTES = 256;

/**
 * `x/s ADDR` (gdb's string format): COUNT zero-terminated strings from
 * ADDRESS, one a line, quoted, with bytes outside printable ASCII escaped
 * (`\n`, `\x1b`), so a string's own newline or escape never reaches the
 * terminal. A string without its zero within MAX_STRING_BYTES, or running
 * into memory that cannot be read, says so.
 */
export function stringsText(k: Kernel, p: Process, address: number, count: number): string {
  const rows: string[] = [];
  let a = address >>> 0;
  for (let n = 0; n < count; n++) {
    const start = a;
    let text = '';
    let end = '';
    for (let i = 0; ; i++) {
      if (i === MAX_STRING_BYTES) { end = ` ... (no zero byte in the first ${MAX_STRING_BYTES}: not a string?)`; break; }
      const word = wordOf(k, p, (a & ~3) >>> 0);
      if (word === undefined) { end = a === start ? unreadable(k, p, a) : ` then ${hex(a)}: ${unreadable(k, p, a)}`; break; }
      const c = (word >>> (8 * (a & 3))) & 0xff;
      a = (a + 1) >>> 0;
      if (c === 0) break;
      text += stringChar(c);
    }
    rows.push(a === start ? `${hex(start)}: ${end}` : `${hex(start)}: "${text}"${end}`);
    if (end !== '') break;
  }
  return rows.join('\n');
}

const CHAR_ESCAPES: Readonly<Record<number, string>> = { 0x0a: '\\n', 0x09: '\\t', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };

function stringChar(c: number): string {
  return CHAR_ESCAPES[c] ?? (c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, '0')}`);
}

/** COUNT words from ADDRESS (rounded down to a word), four a line with their bytes as text. */
export function memoryText(k: Kernel, p: Process, address: number, count: number): string {
  const start = (address & ~3) >>> 0;
  const rows: string[] = [];
  for (let i = 0; i < count; i += 4) {
    const words: string[] = [];
    let text = '';
    let stop = '';
    let fromImage = false;
    for (let j = i; j < Math.min(count, i + 4); j++) {
      const a = (start + j * 4) >>> 0;
      const word = wordOf(k, p, a);
      if (word === undefined) { stop = unreadable(k, p, a); break; }
      // Not brought in yet: the loader would fill it from the program image.
      if (physicalAddressOf(k, p, a) === undefined) fromImage = true;
      words.push(hex(word));
      for (let b = 0; b < 4; b++) {
        const c = (word >>> (8 * b)) & 0xff;
        text += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
      }
    }
    if (words.length > 0) rows.push(`${hex(start + i * 4)}: ${words.join(' ')}  |${text}|${fromImage ? '  (from the image: not loaded yet)' : ''}`);
    if (stop !== '') {
      rows.push(`${hex(start + (i + words.length) * 4)}: ${stop}`);
      break;
    }
  }
  return rows.join('\n');
}

/** A PTE's meaning: frame, bits and rights, and the kernel's software bits by name. */
export function pteText(pte: PteView): string {
  const soft: string[] = [];
  if (pte.cow) soft.push('copy-on-write');
  if (pte.softDirty) soft.push('modified');
  const marks = soft.length > 0 ? `, ${soft.join(', ')}` : '';
  switch (pte.state) {
    case 'present': return `frame ${hex(pte.frame!, 3)} ${pteBits(pte)} ${pte.rights}${marks}`;
    case 'swapped': return `not present: swapped to slot ${pte.slot}${marks}`;
    case 'untouched': return 'not present: not made yet';
    case 'invalid': return `not present ${pteBits(pte)}${marks}`;
  }
}

/** The two-level walk of `va` in p's table, without setting A/D. */
export function walkText(k: Kernel, p: Process, va: number): string {
  const w = walkOf(k, p, va);
  if (w === undefined) return `pid ${p.pid} has no address space`;
  const region = w.region !== undefined ? ` (${w.region} region)` : '';
  const lines = [`walk ${hex(w.va)} in pid ${p.pid}: vpn ${hex(w.vpn, 5)} = root index ${w.rootIndex}, leaf index ${w.leafIndex}, offset ${hex(w.offset, 3)}${region}`];
  for (const level of w.levels) {
    const what = level.level === 'root'
      ? (level.pte.v ? (w.levels.length > 1 ? `leaf table at frame ${hex(level.pte.value >>> PAGE_SHIFT, 3)}` : 'malformed') : 'not valid')
      : pteText(level.pte);
    lines.push(`  ${level.level}[${level.index}] at ${hex(level.address)} (table in frame ${hex(level.tableFrame, 3)}) = ${hex(level.pte.value)}  ${what}`);
  }
  lines.push(w.outcome === 'translated' ? `  physical address ${hex(w.physical!)}` : `  ${w.explanation}${regionRights(p, w.va, w.outcome)}`);
  return lines.join('\n');
}

/**
 * For a page not present yet in a region that does not allow every access
 * (text r-x, a PROT_READ mmap), what a touch may be: only those accesses
 * bring the page in, the others kill (the walk alone cannot tell).
 */
function regionRights(p: Process, va: number, outcome: string): string {
  const region = outcome === 'not_present' ? p.space?.regionAt(va) : undefined;
  if (region === undefined || region.prot === (PROT_R | PROT_W)) return '';
  const allowed = (['fetch', 'load', 'store'] as const).filter((a) => protAllows(region.prot, a));
  const rights = rightsText(region.prot);
  return allowed.length === 0
    ? ` (but its rights are ${rights}: any touch kills)`
    : ` (its rights are ${rights}: only a ${allowed.join(' or ')} does; any other access kills)`;
}

/** Every valid TLB entry by set and way. */
export function tlbText(k: Kernel): string {
  const v = tlbOf(k);
  const rows: string[] = [];
  for (const set of v.sets) {
    for (const e of set) {
      if (!e.valid) continue;
      const b = (on: boolean, c: string): string => (on ? c : '-');
      const bits = `V${b(e.r, 'R')}${b(e.w, 'W')}${b(e.x, 'X')}${b(e.u, 'U')}${b(e.global, 'G')}${b(e.a, 'A')}${b(e.d, 'D')}`;
      rows.push(`${String(e.set).padStart(4)} ${String(e.way).padStart(4)}  ${hex(e.vpn, 5)}  ${String(e.asid).padStart(4)}  ${hex(e.frame, 3)}  ${bits}`);
    }
  }
  const head = `TLB: ${v.entries} entries, ${v.sets.length} sets x ${v.ways} ways, ${v.policy}, ASIDs ${v.asidsEnabled ? 'on' : 'off'}, ${k.machine.mmu.softwareRefill ? 'software' : 'hardware'} refill; ${v.valid} valid`;
  if (rows.length === 0) return head;
  return [head, ' set  way  vpn      asid  frame  flags', ...rows].join('\n');
}

/** Free, kernel and user frames, with owners and share counts; runs of free frames summarised. */
export function framesText(k: Kernel): string {
  const v = framesOf(k);
  const lines = [`frames: ${v.total} total, ${v.free} free, ${v.kernel} kernel, ${v.user} user`];
  const fs = v.frames;
  for (let i = 0; i < fs.length; i++) {
    const f = fs[i]!;
    switch (f.use) {
      case 'free': {
        let end = i;
        while (end + 1 < fs.length && fs[end + 1]!.use === 'free') end++;
        lines.push(end === i ? `  ${hex(i, 3)}  free` : `  ${hex(i, 3)}-${hex(end, 3)}  free (${end - i + 1} frames)`);
        i = end;
        break;
      }
      case 'kernel': lines.push(`  ${hex(i, 3)}  kernel  kernel half page table (fixed)`); break;
      case 'root_table': lines.push(`  ${hex(i, 3)}  kernel  root table of pid ${f.owners[0]}`); break;
      case 'page_table': lines.push(`  ${hex(i, 3)}  kernel  page table of pid ${f.owners[0]} (root index ${f.rootIndex})`); break;
      case 'user': {
        const maps = f.pages.map((m) => `${m.pid}:${hex(m.vpn, 5)}`).join(' ');
        lines.push(`  ${hex(i, 3)}  user    refs ${f.shares}  ${maps}`);
        break;
      }
    }
  }
  return lines.join('\n');
}

export function processText(k: Kernel): string {
  const dying = k.deferredKill;
  const rows = processesOf(k).map((p) => {
    const alive = p.pc !== undefined;
    let how = p.killCause !== undefined ? `killed: ${p.killCause}` : alive ? '' : `exit ${p.exitCode ?? 0}`;
    const process = k.procs.byPid(p.pid);
    let state = process === undefined ? p.state : stateText(process);
    // The debugger's post-mortem stop: the kill is deferred, not undone (a brk is the program's breakpoint, never a kill here).
    if (dying !== undefined && dying.process.pid === p.pid) {
      const brk = dying.detail.cause === 'breakpoint';
      state = brk ? 'at brk' : 'dying';
      how = brk ? '(continue goes on past it)' : `about to be killed: ${dying.detail.cause} (${KILL_REASON_NAMES[dying.detail.reason]}); continue lets it die`;
    }
    // ppid 0: started from the command line, or orphaned (its parent ended first; the kernel reaps it), as the trace's `parent`.
    return [`${p.current ? '*' : ' '}${String(p.pid).padStart(4)}`, String(p.parent).padStart(4), p.name, state, alive ? hex(p.pc!) : '-', how];
  });
  const all = [['  pid', 'ppid', 'name', 'state', 'pc', 'ended'], ...rows];
  const widths = [0, 1, 2, 3, 4].map((c) => Math.max(...all.map((r) => r[c]!.length)));
  return all.map((r) => r.map((cell, c) => (c < 5 ? cell.padEnd(widths[c]!) : cell)).join('  ').trimEnd()).join('\n');
}

/** A row's source note: `  ; 7: li r1, 1` for the program's own line, `  ; lib/print.s:26: push r2` for an included file's. */
function sourceNote(r: DisasmRow, p: Process): string {
  if (r.line === undefined) return '';
  const image = p.space?.image;
  const own = image === undefined ? p.name : sourceFileName(image, image.sourceName);
  const where = r.file === undefined || r.file === own ? `${r.line}` : `${r.file}:${r.line}`;
  return `  ; ${where}: ${r.source ?? ''}`.trimEnd();
}

/** N instructions from `address` through p's page table, with labels and source lines; `=>` marks pc. */
export function disassemblyText(k: Kernel, p: Process, address: number, count: number, source: SourceText | undefined): string {
  const v = disassemblyOf(k, p, source, { around: address, before: 0, after: count, aliases: true });
  if (v === undefined) return `pid ${p.pid} has no address space`;
  if (v.rows.length === 0) return `${hex(address)}: ${unreadable(k, p, address)}`;
  const lines: string[] = [];
  for (const r of v.rows) {
    if (r.label !== undefined) lines.push(`${r.label}:`);
    lines.push(`${r.isPc ? '=>' : '  '} ${hex(r.address)}  ${hex(r.word).slice(2)}  ${r.text.padEnd(24)}${sourceNote(r, p)}`.trimEnd());
  }
  // The listing ends with the program's instructions; a pc that ran past them is still shown, and why.
  const pc = k.pcOf(p) >>> 0;
  const last = v.rows[v.rows.length - 1]!;
  const image = p.space?.image;
  if (!v.rows.some((r) => r.isPc) && image !== undefined && pc > last.address && pc < address + 4 * count && pc >= TEXT_BASE + image.text.length) {
    const word = wordOf(k, p, pc);
    const what = word === undefined ? unreadable(k, p, pc) : `${hex(word).slice(2)}  past the last instruction: the program ran off its end`;
    lines.push(`=> ${hex(pc)}  ${what}`);
  }
  return lines.join('\n');
}

/** `child pid 2` or `children pid 2, 3`: the live children a wait of p waits for; '' for none. */
function liveChildrenText(p: Process): string {
  const live = [...p.children].filter((c) => c.alive).map((c) => c.pid);
  return live.length === 0 ? '' : `${live.length === 1 ? 'child' : 'children'} pid ${live.join(', ')}`;
}

/** The state as ps shows it: a blocked process also says what it waits for. */
function stateText(p: Process): string {
  if (p.state === 'waiting') return `waiting for ${liveChildrenText(p) || 'a child'}`;
  if (p.state === 'sleeping') return `sleeping until tick ${p.wakeTick}`;
  return p.state;
}

/** Why p is not running, when it is blocked in a system call (its pc is already past the syscall). */
export function blockedText(k: Kernel, p: Process): string | undefined {
  if (p.state === 'waiting') {
    const live = liveChildrenText(p);
    const children = live === '' ? '' : ` (${live.replace(' pid', ': pid')})`;
    return `pid ${p.pid} is blocked in wait: none of its children has ended yet${children}; r1 gets the result when it returns`;
  }
  if (p.state === 'sleeping') return `pid ${p.pid} is blocked in sleep until tick ${p.wakeTick} (now tick ${k.stats.ticks})`;
  return undefined;
}

/** The instruction at p's pc with its source line: `addi r1, r0, 1  ; 7: li r1, 1`. */
export function instructionText(k: Kernel, p: Process, source: SourceText | undefined): string {
  const pc = k.pcOf(p) >>> 0;
  const image = p.space?.image;
  if (image !== undefined && image.text.length > 0 && pc === TEXT_BASE + image.text.length) return 'past the last instruction: the program ran off its end';
  const row = disassemblyOf(k, p, source, { around: pc, before: 0, after: 1, aliases: true })?.rows[0];
  if (row === undefined || row.address !== pc) return `(${unreadable(k, p, pc)})`;
  return `${row.text}${sourceNote(row, p)}`;
}
