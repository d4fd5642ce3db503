// The words of a kill (SPEC sections 7 and 9): the one stderr line a student
// reads, made from the numbers in kernel/killReason.ts. Every form is listed
// in docs/kill-reports.md.
//
//   pid 2 (a.s) killed: bad_access: store to 0x00001008 in text, which is r-x (protection); pc 0x00001010, a.s:14
import type { ImageSymbol, ProgramImage } from '../asm/image.js';
import { heapBase, lineEntryAt, sourceFileName, TEXT_BASE } from '../asm/image.js';
import { SYSCALL_NAMES } from '../asm/syscallNames.js';
import { BY_OPCODE, MUST_BE_ZERO, REG_SP, REGISTER_NAMES } from '../cpu/isa.js';
import { STACK_SIZE_BYTES, STACK_TOP } from '../mmu/layout.js';
import { PROT_R, PROT_W, PROT_X } from './abi.js';
import { KILL_REASON_NAMES, KillReason, type KillDetail } from './killReason.js';
import { firstOddSpStep, functionRanOffEnd, isRet, lastSyscallNumber, memoryOperand, textWordAt } from './programText.js';

/** `n` as 0x and `digits` hex digits (kill reports, the debugger). */
export function hex(n: number, digits = 8): string {
  return `0x${(n >>> 0).toString(16).padStart(digits, '0')}`;
}

/**
 * Where `address` came from in the source, as `FILE:LINE`; undefined outside
 * the line table. The one place a kill report names a source line, so that an
 * include-aware line table changes only this function.
 */
export function sourceLocation(image: ProgramImage, address: number): string | undefined {
  const row = lineEntryAt(image, address);
  return row === undefined ? undefined : `${sourceFileName(image, row.file)}:${row.line}`;
}

/** A region's rights as ls shows them: `r-x`, `rw-`, `---`. */
export function rightsText(prot: number): string {
  return `${prot & PROT_R ? 'r' : '-'}${prot & PROT_W ? 'w' : '-'}${prot & PROT_X ? 'x' : '-'}`;
}

/** `pid N (NAME) killed: CAUSE: WHAT (REASON); pc PC[, FILE:LINE]` */
export function formatKill(pid: number, name: string, d: KillDetail, image: ProgramImage | undefined): string {
  const where = image === undefined ? undefined : sourceLocation(image, d.pc);
  const tail = `pc ${hex(d.pc)}${where === undefined ? '' : `, ${where}`}`;
  return `pid ${pid} (${name}) killed: ${d.cause}: ${describe(d, pid, image)}${jumpedFrom(d)} (${KILL_REASON_NAMES[d.reason]}); ${tail}`;
}

/** For a refused fetch that a call made: where that call is, since the pc alone (no code there) names no line of it. */
function jumpedFrom(d: KillDetail): string {
  const c = d.calledFrom;
  if (c === undefined) return '';
  return `; the call at ${hex(c.pc)}${c.line === undefined ? '' : ` (${c.file}:${c.line})`} jumped there`;
}

const PREPOSITION = { fetch: 'fetch from', load: 'load from', store: 'store to' } as const;

/** What a refused fetch means for code, by region: where a student's code or jump went wrong. */
const CODE_UNDER_DATA = ': instructions run only from .text (code written under .data or .bss? put it under .text)';
const JUMP_INTO_MEMORY = ': no page of the heap or the stack runs as code (none is both writable and executable): a jump through a bad pointer, or a return address overwritten?';
const FETCH_HINTS: Readonly<Record<string, string>> = {
  data: CODE_UNDER_DATA, bss: CODE_UNDER_DATA, heap: JUMP_INTO_MEMORY, stack: JUMP_INTO_MEMORY,
  mmap: ': an mmap page runs as code only when mapped with PROT_X (4) and without PROT_W',
};

/** The .data or .bss label nearest below `address`, if the program has one. */
function lastDataLabel(image: ProgramImage, address: number): ImageSymbol | undefined {
  let best: ImageSymbol | undefined;
  for (const s of image.symbols) {
    if ((s.section === 'data' || s.section === 'bss') && s.value <= address && (best === undefined || s.value > best.value)) best = s;
  }
  return best;
}

/** The .data or .bss label nearest below an address inside the program's .data or .bss (same section); else undefined. */
function dataLabel(image: ProgramImage | undefined, address: number): ImageSymbol | undefined {
  if (image === undefined) return undefined;
  const inData = address >= image.dataBase && address < image.dataBase + image.data.length;
  const inBss = address >= image.bssBase && address < image.bssBase + image.bssSize;
  if (!inData && !inBss) return undefined;
  const label = lastDataLabel(image, address);
  return label === undefined || (label.section === 'bss') !== inBss ? undefined : label;
}

/** The break moves by any number of bytes, so a block sbrk hands out is word-aligned only if every size before it was. */
const HEAP_SLIP = ": in the heap, whose break moves by any number of bytes (an sbrk of a size that is not a multiple of 4 before it? round sizes up to a multiple of 4; or a pointer stepped by 1, not 4?)";

/** Most characters of a string a report quotes, and most bytes it reads to decide that one is there. */
const QUOTE_CHARS = 16;
const SCAN_BYTES = 256;

/**
 * The text at `address` of the program's .data, quoted as JSON quotes it,
 * when what is there reads as a string (.ascii, .asciz): three or more
 * printable characters (tab and newline too) up to a zero, the end of .data
 * or SCAN_BYTES; else undefined.
 */
function textAt(image: ProgramImage, address: number): string | undefined {
  const start = address - image.dataBase;
  if (start < 0) return undefined;
  const end = Math.min(image.data.length, start + SCAN_BYTES);
  let text = '';
  for (let at = start; at < end && image.data[at] !== 0; at++) {
    const b = image.data[at]!;
    if ((b < 0x20 || b >= 0x7f) && b !== 9 && b !== 10) return undefined;
    text += String.fromCharCode(b);
  }
  if (text.length < 3) return undefined;
  return JSON.stringify(text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}...` : text);
}

/**
 * A misaligned word access: in the program's data, name the place and the
 * likeliest slip. A whole number of words past a label that is itself
 * unaligned (a label after bytes or a string, or after an included file's
 * .bss) is the label's fault, not the index's.
 */
function misaligned(what: string, address: number, image: ProgramImage | undefined, region: string | undefined): string {
  const label = dataLabel(image, address);
  if (label === undefined) return `${what} ${hex(address)}, which is not a multiple of 4${region === 'heap' ? HEAP_SLIP : ''}`;
  const offset = address - label.value;
  const place = offset === 0 ? label.name : `${label.name}+${offset}`;
  const text = image === undefined ? undefined : textAt(image, label.value);
  const slip = (offset & 3) === 0
    ? `'${label.name}' itself is at ${hex(label.value)}, which is not a multiple of 4 (it follows bytes or a string): put '.align 4' on the line before it`
    : text !== undefined ? `'${label.name}' holds text (${text}): its characters are bytes, read with lb or lbu and written with sb`
    : 'word i of an array is 4*i bytes in (an index or a pointer stepped by 1, not 4?)';
  return `${what} ${hex(address)} (${place}), which is not a multiple of 4: ${slip}`;
}

/**
 * A misaligned lw or sw whose base is sp: sp itself off a word boundary (a
 * step of 2 bytes, say; the first such `addi sp, sp, N` is named), or an
 * offset from an aligned sp that is no multiple of 4.
 */
function throughSp(what: string, d: KillDetail, image: ProgramImage | undefined): string | undefined {
  const operand = memoryOperand(image, d.pc);
  if (operand === undefined || operand.base !== REG_SP) return undefined;
  const address = (d.address ?? 0) >>> 0;
  const sp = (address - operand.offset) >>> 0;
  if ((sp & 3) === 0) {
    return `${what} ${hex(address)}, ${operand.offset}(sp) with sp at ${hex(sp)}: the offset ${operand.offset} is not a multiple of 4 (a frame's words are at 0(sp), 4(sp), 8(sp), ...)`;
  }
  const step = firstOddSpStep(image);
  const where = step === undefined ? '' : ` ('addi sp, sp, ${step.step}'${at(image!, step.pc)} moved it by ${step.step})`;
  return `${what} ${hex(address)} through sp, which is ${hex(sp)}: the stack pointer itself is not a multiple of 4${where}; stack adjustments must be multiples of 4 (addi sp, sp, -4 for each word pushed)`;
}

/** ` at a.s:3` for an address of the program's text, or ` at 0x...` outside its line table. */
function at(image: ProgramImage, pc: number): string {
  return ` at ${sourceLocation(image, pc) ?? hex(pc)}`;
}

/** For past_end: a last `syscall` that made another call than exit, which returns (the exit code put in r1, say). */
function notExit(image: ProgramImage | undefined): string | undefined {
  const n = lastSyscallNumber(image);
  if (n === undefined || n === 0) return undefined;
  const name = SYSCALL_NAMES.find((c) => c.number === n)?.name;
  return `: the syscall there made system call ${n}${name === undefined ? ' (no such call)' : ` (${name})`}, which returns; exit is call 0: 'li r1, 0', the exit code in r2, then 'syscall'`;
}

/** For past_end: the function (entered by a call) that ran off the end of .text, and what to add. */
function ranOffFunction(d: KillDetail, image: ProgramImage | undefined): string | undefined {
  const f = functionRanOffEnd(image, d.ra);
  if (f === undefined) return undefined;
  const name = f.label === undefined ? `the function at ${hex(f.start)}` : `function '${f.label.name}'`;
  return `, the end of ${name} (called${at(image!, f.callSite)}): is its 'ret' missing? (a function ends with ret; only _start ends with exit)`;
}

/**
 * A load or store through sp just above the stack's top (where an empty
 * stack's sp points): the stack was popped more than pushed, most often a
 * function that made a call without saving ra, so that its ret came back
 * into itself and popped again.
 */
function aboveStack(d: KillDetail, image: ProgramImage | undefined): string {
  if (d.access === 'fetch' || (d.address ?? 0) >>> 0 >= STACK_TOP + 256) return '';
  if (memoryOperand(image, d.pc)?.base !== REG_SP) return '';
  return `: through sp, just above the top of the stack (${hex(STACK_TOP)}, where sp starts): the stack was popped more than pushed (a call made without saving ra first?)`;
}

/** What happened, in words a student can act on. */
function describe(d: KillDetail, pid: number, image: ProgramImage | undefined): string {
  const access = `${PREPOSITION[d.access ?? 'load']} ${hex(d.address ?? 0)}`;
  const word = d.word ?? 0;
  const mnemonic = BY_OPCODE[word >>> 24]?.name ?? '?';
  switch (d.reason) {
    case KillReason.NullPage:
      // A fetch there is a jump, most often a ret with ra never set: say so rather than ask about a pointer.
      if (d.access === 'fetch') {
        if (d.calledFrom !== undefined) return `${access} in the null page (below ${hex(TEXT_BASE)}): a call through a null pointer`;
        return `${access} in the null page (below ${hex(TEXT_BASE)}): the program jumped there (a ret with ra still 0, as in _start, which has no caller: end it with exit; or a call through a null pointer?)`;
      }
      return `${access} in the null page (below ${hex(TEXT_BASE)}): was the pointer null?`;
    case KillReason.KernelHalf:
      return `${access} in the kernel half (0x80000000 and up), which user code may not touch${aboveStack(d, image)}`;
    case KillReason.GuardPage:
      return `${access} in the guard page below the stack: a stack overflow (the stack holds ${STACK_SIZE_BYTES >> 20} MiB)`;
    case KillReason.Unmapped: {
      // A fetch is a jump: the heap's break and the data's end are beside the point.
      if (d.access === 'fetch') return `${access}, which no region holds: ${d.calledFrom !== undefined ? 'a call through a bad pointer' : 'a jump through a bad pointer, a return address overwritten, or code run off its end?'}`;
      if (d.brk === undefined) return `${access}, which no region holds (never mapped, or unmapped by munmap)`;
      if (d.brkPeak !== undefined) return `${access}, above the heap's break at ${hex(d.brk)}: the heap reached ${hex(d.brkPeak)} before an sbrk shrank it (memory used after it was given back?)`;
      // The heap is empty and the program has data: the access ran off the end of it, far likelier than a heap forgotten.
      const last = image !== undefined && d.brk === heapBase(image) ? lastDataLabel(image, d.address ?? 0) : undefined;
      return last !== undefined
        ? `${access}, past the end of the program's data, where the heap (empty until sbrk grows it) begins; the last label before it is '${last.name}' at ${hex(last.value)}: an index past the end of an array?`
        : `${access}, above the heap's break at ${hex(d.brk)}: grow the heap with sbrk first`;
    }
    case KillReason.Protection:
      return `${access} in ${d.region}, which is ${rightsText(d.prot ?? 0)}${d.access === 'fetch' ? FETCH_HINTS[d.region ?? ''] ?? '' : ''}`;
    case KillReason.PastEnd: {
      if (image?.text.length === 0) return `pc ${hex(d.pc)} is where .text starts, but the program has no instructions there: is its code under .text?`;
      const last = image === undefined ? '' : ` (the last is at ${hex(TEXT_BASE + image.text.length - 4)})`;
      return `pc ran past the last instruction${last}${ranOffFunction(d, image) ?? notExit(image) ?? ': did the program forget to call exit?'}`;
    }
    case KillReason.ZeroWord:
      return `the word at pc is ${hex(0)}, which is no instruction (data, or memory never written?)`;
    case KillReason.UnassignedOpcode:
      return `the word at pc, ${hex(word)}, has opcode ${hex(word >>> 24, 2)}, which no instruction uses`;
    case KillReason.NonzeroReservedBits:
      return `the word at pc, ${hex(word)}, is ${mnemonic} with must-be-zero bits set (${hex(word & MUST_BE_ZERO[word >>> 24]!)})`;
    case KillReason.WordLoad:
      return throughSp('lw from', d, image) ?? misaligned('lw from', d.address ?? 0, image, d.region);
    case KillReason.WordStore:
      return throughSp('sw to', d, image) ?? misaligned('sw to', d.address ?? 0, image, d.region);
    case KillReason.JumpTarget: {
      // A target outside the code is no slip of alignment but a bad pointer or a smashed ra.
      const a = (d.address ?? 0) >>> 0;
      const inText = image === undefined || (a >= TEXT_BASE && a < TEXT_BASE + image.text.length);
      if (!inText && isRet(textWordAt(image, d.pc))) return `ret to ${hex(a)}, which is not a multiple of 4 and lies outside the program's code: ra holds no return address (popped in another order than pushed, or overwritten?)`;
      return `jalr to ${hex(a)}, which is not a multiple of 4${inText ? '' : ' and lies outside the program\'s code: a jump through a bad pointer, or a return address overwritten?'}`;
    }
    case KillReason.SupervisorOnly: {
      // halt is how programs end on other teaching machines; here a program asks the kernel to end it.
      const end = mnemonic === 'halt' ? `; a program ends with exit: 'li r1, 0', 'li r2, CODE', 'syscall'` : '';
      return `${mnemonic} is privileged: only the kernel may run it, and guest code runs in user mode${end}`;
    }
    case KillReason.ZeroDivisor:
      return `${mnemonic} by zero (the divisor, ${REGISTER_NAMES[(word >>> 12) & 15]}, is 0)`;
    case KillReason.BrkInstruction:
      return 'brk executed outside the debugger (illusion debug stops there instead)';
    case KillReason.MemoryAndSwapFull:
      return `memory and swap are full and the kernel chose it as the largest process; it held ${d.frames ?? 0} frames and ${d.swapSlots ?? 0} swap slots`;
    case KillReason.NoEvictablePage: {
      const m = d.memory;
      const user = m === undefined ? 0 : m.frames - m.kernel - m.tables;
      const held = m === undefined ? '' : `: of ${m.frames} frames the kernel holds ${m.kernel} and page tables ${m.tables}, which stay in memory${user > 0 ? `, and the ${user === 1 ? 'one user page left is' : `${user} user pages left are`} needed by the faulting instruction` : ''}`;
      return `no page could be swapped out to make room (swap has space${held}); the kernel chose it as the largest process; it held ${d.frames ?? 0} frames and ${d.swapSlots ?? 0} swap slots. More --frames, or fewer processes at once, would let it run`;
    }
    case KillReason.KillSyscall:
      return `pid ${d.killer} called kill(${pid})`;
    case KillReason.MaxInstructions:
      return `the machine reached its limit of ${d.limit} instructions (--max-instructions) before it ended`;
    case KillReason.Sigint:
      return 'the run was stopped by SIGINT (Ctrl-C)';
    case KillReason.Sigterm:
      return 'the run was stopped by SIGTERM';
  }
}
