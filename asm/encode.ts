// Encoding one machine instruction from resolved fields, with the range
// checks that give the user a clear error instead of a silently cut field.
import { spanAt, type Pos } from './ast.js';
import { diag, type Diagnostic } from './errors.js';
import { hex32 } from './expressions.js';
import {
  encodeB, encodeI, encodeJ, encodeN, encodeR, encodeS, type ImmKind, type InstructionInfo,
} from '../cpu/isa.js';

/** Fields of a machine instruction; which ones matter depends on its shape. */
export interface Fields {
  rd?: number;
  rs1?: number;
  rs2?: number;
  imm?: number;
  /** Absolute target address of a branch or jal. */
  target?: number;
}

export interface EncodeContext {
  readonly pc: number;
  /** Where to point an immediate or target error: at `immAt` on `line`. */
  readonly line: number;
  readonly immAt: Pos;
  /** The name the user wrote (a pseudo-instruction's name when expanding one). */
  readonly written: string;
}

const IMM_RANGE: Readonly<Record<Exclude<ImmKind, 'none'>, readonly [number, number]>> = {
  signed16: [-32768, 32767],
  unsigned16: [0, 65535],
  shift5: [0, 31],
};

export type Encoded = { readonly word: number } | { readonly error: Diagnostic };

export function encodeInstruction(info: InstructionInfo, f: Fields, ctx: EncodeContext): Encoded {
  const rd = f.rd ?? 0;
  const rs1 = f.rs1 ?? 0;
  switch (info.format) {
    case 'R': return { word: encodeR(info.op, rd, rs1, f.rs2 ?? 0) };
    case 'N': return { word: encodeN(info.op) };
    case 'I': {
      const imm = checkImm(info, f.imm ?? 0, ctx, f);
      return typeof imm === 'number' ? { word: encodeI(info.op, rd, rs1, imm) } : imm;
    }
    case 'S': {
      const imm = checkImm(info, f.imm ?? 0, ctx, f);
      return typeof imm === 'number' ? { word: encodeS(info.op, f.rs2 ?? 0, rs1, imm) } : imm;
    }
    case 'B': {
      const off = pcOffset(f.target ?? 0, 16, ctx);
      return typeof off === 'number' ? { word: encodeB(info.op, rs1, f.rs2 ?? 0, off) } : off;
    }
    case 'J': {
      const off = pcOffset(f.target ?? 0, 20, ctx);
      return typeof off === 'number' ? { word: encodeJ(info.op, rd, off) } : off;
    }
  }
}

function checkImm(info: InstructionInfo, value: number, ctx: EncodeContext, f: Fields): number | { error: Diagnostic } {
  if (info.imm === 'none') return 0;
  const [lo, hi] = IMM_RANGE[info.imm];
  if (value < lo || value > hi) {
    const unsigned = info.imm === 'unsigned16';
    const shown = unsigned && value > 0xffff ? `${value} (0x${value.toString(16)})` : `${value}`;
    const range = `${lo}..${hi}${unsigned ? ' (0xffff)' : ''}`;
    const hint = ctx.written === info.name ? immHint(info.name, value, f) : '';
    return { error: diag(spanAt(ctx.line, ctx.immAt), `immediate ${shown} is out of range for '${ctx.written}': allowed ${range}${hint}`) };
  }
  return value;
}

/** The register form of each instruction with an immediate whose value may not fit. */
const REGISTER_FORM: Readonly<Record<string, string>> = { addi: 'add', slti: 'slt', sltiu: 'sltu', andi: 'and', ori: 'or', xori: 'xor' };

/** "; ..." saying what takes a value too big for `name`'s immediate, or "". */
function immHint(name: string, value: number, f: Fields): string {
  if (name === 'lui') return `; 'lui' sets the upper 16 bits (rd = imm << 16): for a whole 32-bit value write 'li r${f.rd ?? 0}, 0x${(value >>> 0).toString(16)}'`;
  if (name === 'addi' && f.rs1 === 0) return `; to load a value this large write 'li r${f.rd ?? 0}, ${value}'`;
  if (['andi', 'ori', 'xori'].includes(name) && value < 0 && value >= -0x8000) {
    return `; its value is zero-extended: for the low 16 bits of ${value} write 0x${((value + 0x10000) >>> 0).toString(16)}`;
  }
  const reg = REGISTER_FORM[name];
  return reg === undefined ? '' : `; put the value in a register with 'li' first, then use '${reg}'`;
}

/**
 * The offset in words from pc + 4 to `target`, which must fit in `bits`.
 * Addresses wrap at 32 bits, as the CPU's pc arithmetic does.
 */
function pcOffset(target: number, bits: number, ctx: EncodeContext): number | { error: Diagnostic } {
  const bytes = (target - ctx.pc - 4) | 0;
  if (bytes % 4 !== 0) {
    return { error: diag(spanAt(ctx.line, ctx.immAt), `target ${hex32(target)} of '${ctx.written}' is not a multiple of 4; instructions are 4-aligned`) };
  }
  const words = bytes / 4;
  const max = 2 ** (bits - 1) - 1;
  if (words < -max - 1 || words > max) {
    return {
      error: diag(spanAt(ctx.line, ctx.immAt),
        `target ${hex32(target)} is too far for '${ctx.written}': ${words} words from the next instruction, allowed ${-max - 1}..${max}`),
    };
  }
  return words;
}
