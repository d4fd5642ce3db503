// Reading the program's own instructions for a kill report (kernel/killReport.ts):
// the word at pc, where sp was moved by a step that is not a whole word, and
// which function ran off the end of .text. Only the image's text is read,
// never memory, so the answer is the code the student wrote.
import type { ImageSymbol, ProgramImage } from '../asm/image.js';
import { TEXT_BASE } from '../asm/image.js';
import { BY_OPCODE, decodeFields, Op, REG_RA, REG_SP, REG_SYSCALL_NUMBER, signExtend16, signExtend20 } from '../cpu/isa.js';

/** The program's own instruction word at `pc`, if pc is in its text. */
export function textWordAt(image: ProgramImage | undefined, pc: number): number | undefined {
  const at = pc - TEXT_BASE;
  if (image === undefined || at < 0 || at + 4 > image.text.length || (at & 3) !== 0) return undefined;
  return (image.text[at]! | (image.text[at + 1]! << 8) | (image.text[at + 2]! << 16) | (image.text[at + 3]! << 24)) >>> 0;
}

/** The base register and offset of the load or store at `pc`, read from the text. */
export function memoryOperand(image: ProgramImage | undefined, pc: number): { base: number; offset: number } | undefined {
  const word = textWordAt(image, pc);
  const shape = word === undefined ? undefined : BY_OPCODE[word >>> 24]?.shape;
  if (shape !== 'rmem' && shape !== 'smem') return undefined;
  const f = decodeFields(word!);
  return { base: f.rs1, offset: signExtend16(f.imm16) };
}

/** Every instruction address of the text with its word, in order. */
function* words(image: ProgramImage): Generator<[number, number]> {
  for (let at = 0; at + 4 <= image.text.length; at += 4) yield [TEXT_BASE + at, textWordAt(image, TEXT_BASE + at)!];
}

/** The first `addi sp, sp, N` whose N is not a multiple of 4 (a push of 2 bytes, say): where sp lost its alignment. */
export function firstOddSpStep(image: ProgramImage | undefined): { pc: number; step: number } | undefined {
  if (image === undefined) return undefined;
  for (const [pc, word] of words(image)) {
    const f = decodeFields(word);
    if (f.op === Op.ADDI && f.rd === REG_SP && f.rs1 === REG_SP && (signExtend16(f.imm16) & 3) !== 0) return { pc, step: signExtend16(f.imm16) };
  }
  return undefined;
}

/** Where a jump or branch at `pc` goes, or undefined for any other word (jalr's target is in a register). */
function jumpTarget(pc: number, word: number): number | undefined {
  const shape = BY_OPCODE[word >>> 24]?.shape;
  if (shape === 'jal') return (pc + 4 + 4 * signExtend20(word & 0xfffff)) >>> 0;
  if (shape === 'branch') return (pc + 4 + 4 * signExtend16(word & 0xffff)) >>> 0;
  return undefined;
}

/** `ret` (jalr r0, 0(ra)), as the assembler writes it. */
export function isRet(word: number | undefined): boolean {
  if (word === undefined) return false;
  const f = decodeFields(word);
  return f.op === Op.JALR && f.rd === 0 && f.rs1 === REG_RA && f.imm16 === 0;
}

function isCallWord(word: number): boolean {
  const f = decodeFields(word);
  return (f.op === Op.JAL || f.op === Op.JALR) && f.rd === REG_RA;
}

/** A function that ran past the end of .text: its label (if one is at its start), its address, and a call of it. */
export interface RanOffFunction {
  readonly label?: ImageSymbol;
  readonly start: number;
  readonly callSite: number;
}

/**
 * The function whose last instruction is the last of .text, when pc ran past
 * it inside a call: ra points just after a call (a jal or jalr linking ra),
 * and the code from the last call target up to the end is one function (the
 * entry point is not inside it, and nothing before it jumps into it, as
 * `j done` past a function to _start's own end would). Undefined otherwise:
 * then it is _start that forgot its exit.
 */
export function functionRanOffEnd(image: ProgramImage | undefined, ra: number | undefined): RanOffFunction | undefined {
  if (image === undefined || ra === undefined) return undefined;
  const raSite = textWordAt(image, (ra - 4) >>> 0);
  if (raSite === undefined || !isCallWord(raSite)) return undefined;
  const last = TEXT_BASE + image.text.length - 4;
  let start: number | undefined;
  let callSite = 0;
  for (const [pc, word] of words(image)) {
    const to = isCallWord(word) ? jumpTarget(pc, word) : undefined;
    if (to !== undefined && to <= last && (start === undefined || to > start || (to === start && pc === ra - 4))) { start = to; callSite = pc; }
  }
  if (start === undefined || (image.entry > start && image.entry <= last)) return undefined;
  for (const [pc, word] of words(image)) {
    const to = jumpTarget(pc, word);
    if (pc < start && !isCallWord(word) && to !== undefined && to > start && to <= last) return undefined;
  }
  const label = image.symbols.find((s) => s.section === 'text' && s.value === start);
  return { start, callSite, ...(label !== undefined ? { label } : {}) };
}

/**
 * The call number of a `syscall` that is the last instruction of .text, when
 * the instruction before it is `li r1, N` (addi r1, r0, N); else undefined.
 */
export function lastSyscallNumber(image: ProgramImage | undefined): number | undefined {
  if (image === undefined || image.text.length < 8) return undefined;
  const last = TEXT_BASE + image.text.length - 4;
  if (textWordAt(image, last)! >>> 24 !== Op.SYSCALL) return undefined;
  const f = decodeFields(textWordAt(image, last - 4)!);
  return f.op === Op.ADDI && f.rd === REG_SYSCALL_NUMBER && f.rs1 === 0 ? signExtend16(f.imm16) : undefined;
}
