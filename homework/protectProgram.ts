// The guest program of one access of a protection problem: it builds the
// layout (sbrk, mmap, the pages it uses, mprotect), marks the start of the
// access with a getpid system call (the trace's `syscall` line), makes the
// one access, and exits 0 if it lives. Every access's program has the same
// size and layout: only the access's three words differ, and every address
// is loaded with lui + ori, two words whatever its value. Below _start, .text
// holds nothing but a `j landed` at each word some access fetches.
import { TEXT_BASE } from '../mmu/layout.js';
import { rightsText } from '../kernel/killReport.js';
import type { ProtectAccess } from './protectAccesses.js';
import type { ProtectLayout } from './protectLayout.js';

const SYS_EXIT = 0;
const SYS_GETPID = 3;
const SYS_SBRK = 6;
const SYS_MMAP = 8;
const SYS_MPROTECT = 10;

const hex = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/** `lui` + `ori`: an address in two words, whatever it is. */
function load32(reg: string, value: number): string[] {
  const v = value >>> 0;
  return [`    lui  ${reg}, 0x${(v >>> 16).toString(16)}`, `    ori  ${reg}, ${reg}, 0x${(v & 0xffff).toString(16)}`];
}

export function describeAccess(a: ProtectAccess): string {
  if (a.kind === 'fetch') return `fetch from ${hex(a.address)}`;
  return `${a.kind} ${a.width === 4 ? 'word' : 'byte'} ${a.kind === 'load' ? 'from' : 'to'} ${hex(a.address)}`;
}

/** The instruction that makes the access, with its address in r7. */
function accessInstruction(a: ProtectAccess | undefined): string {
  if (a === undefined) return '    lw   r6, 0(r7)          ; (no access: this program only measures the code)';
  if (a.kind === 'fetch') return '    jalr r0, 0(r7)          ; a fetch: jump there';
  const op = a.kind === 'load' ? (a.width === 4 ? 'lw ' : 'lb ') : a.width === 4 ? 'sw ' : 'sb ';
  return `    ${op}  r6, 0(r7)`;
}

/** .text below _start: zeros, with a `j landed` at each address a fetch lands on. */
function padLines(l: ProtectLayout, fetchSlots: readonly number[]): string[] {
  const lines: string[] = [];
  let at = TEXT_BASE;
  for (const slot of fetchSlots) {
    if (slot > at) lines.push(`    .space ${slot - at}`);
    lines.push(`    j    landed             ; ${hex(slot)}: an access fetches here`);
    at = slot + 4;
  }
  if (l.codeStart > at) lines.push(`    .space ${l.codeStart - at}`);
  return lines;
}

export interface ProtectProgramOptions {
  readonly layout: ProtectLayout;
  /** Words below _start that some access fetches (sorted, 4-aligned). */
  readonly fetchSlots: readonly number[];
  readonly access: ProtectAccess | undefined;
  /** The first comment lines. */
  readonly header: readonly string[];
}

export function makeProtectProgram(o: ProtectProgramOptions): string {
  const l = o.layout;
  const code: string[] = ['_start:'];
  if (l.heapBytes > 0) code.push(`    ; the heap: sbrk(${l.heapBytes}), the break goes to ${hex(l.brk)}`, `    li   r1, ${SYS_SBRK}`, `    li   r2, ${l.heapBytes}`, '    syscall');
  for (const m of l.mmaps) {
    code.push(`    ; mmap(${m.end - m.start}, ${rightsText(m.prot)}): the kernel places it at ${hex(m.start)}`,
      `    li   r1, ${SYS_MMAP}`, `    li   r2, ${m.end - m.start}`, `    li   r3, ${m.prot}`, '    syscall');
  }
  code.push('    ; the pages the process uses before the access');
  for (const t of l.touched) code.push(...load32('r7', t.address), `    ${t.store ? 'sw   r0' : 'lw   r6'}, 0(r7)          ; the page at ${hex(t.address)}`);
  const p = l.mprotect;
  if (p !== undefined) {
    code.push(`    ; mprotect(${hex(p.start)}, ${p.end - p.start}, ${rightsText(p.prot)})`,
      `    li   r1, ${SYS_MPROTECT}`, ...load32('r2', p.start), `    li   r3, ${p.end - p.start}`, `    li   r4, ${p.prot}`, '    syscall');
  }
  code.push('    ; getpid: the access starts after it (the trace\'s syscall line)', `    li   r1, ${SYS_GETPID}`, '    syscall');
  code.push('access:', ...load32('r7', o.access?.address ?? 0), accessInstruction(o.access));
  code.push('landed:', '    ; the access went through: exit 0', `    li   r1, ${SYS_EXIT}`, '    li   r2, 0', '    syscall');
  const out = [...o.header.map((h) => `; ${h}`), '.text', ...padLines(l, o.fetchSlots), ...code];
  if (l.dataBytes > 0) out.push('.data', `    .space ${l.dataBytes}`);
  if (l.bssBytes > 0) out.push('.bss', `    .space ${l.bssBytes}`);
  out.push('');
  return out.join('\n');
}
