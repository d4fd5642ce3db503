// The instruction set: the one table from which the assembler, the
// disassembler and the CPU's decoder derive (SPEC section 2).
//
// Every instruction is one 32-bit word; bits 31..24 hold the opcode.
//
//   format  31..24  23..20  19..16  15..12  11..0
//   R       op      rd      rs1     rs2     0
//   I       op      rd      rs1     imm16 (15..0)
//   S       op      rs2     rs1     imm16 (15..0)     rs2 is the value stored
//   B       op      rs1     rs2     off16 (15..0)     target = pc + 4 + 4*off16
//   J       op      rd      off20 (19..0)             target = pc + 4 + 4*off20
//   N       op      0 (23..0)                         no operands

/** Opcodes. A const enum so that the CPU's dispatch switch compiles to literals. */
export const enum Op {
  ADD = 0x01, SUB = 0x02, AND = 0x03, OR = 0x04, XOR = 0x05,
  SHL = 0x06, SHR = 0x07, SRA = 0x08, SLT = 0x09, SLTU = 0x0a,
  MUL = 0x0b, DIV = 0x0c, DIVU = 0x0d, REM = 0x0e, REMU = 0x0f,
  ADDI = 0x11, ANDI = 0x13, ORI = 0x14, XORI = 0x15,
  SHLI = 0x16, SHRI = 0x17, SRAI = 0x18, SLTI = 0x19, SLTIU = 0x1a,
  LUI = 0x1f,
  LW = 0x20, LB = 0x21, LBU = 0x22,
  SW = 0x28, SB = 0x29,
  BEQ = 0x30, BNE = 0x31, BLT = 0x32, BGE = 0x33, BLTU = 0x34, BGEU = 0x35,
  JAL = 0x38, JALR = 0x39,
  SYSCALL = 0x40, BRK = 0x41, RDCYCLE = 0x42,
  HALT = 0x50, SETPTBR = 0x51, TLBFLUSH = 0x52, IRET = 0x53,
}

export type Format = 'R' | 'I' | 'S' | 'B' | 'J' | 'N';

/**
 * How the assembler writes an instruction's operands, and so how the
 * disassembler prints them:
 * - `rrr`    rd, rs1, rs2
 * - `rri`    rd, rs1, imm
 * - `ri`     rd, imm            (lui)
 * - `rmem`   rd, imm(rs1)       (loads)
 * - `smem`   rs2, imm(rs1)      (stores)
 * - `branch` rs1, rs2, label
 * - `jal`    rd, label
 * - `jalr`   rd, rs1, imm  or  rd, imm(rs1)
 * - `rd`     rd                 (rdcycle)
 * - `rs1`    rs1                (setptbr)
 * - `none`   no operands
 */
export type OperandShape =
  | 'rrr' | 'rri' | 'ri' | 'rmem' | 'smem' | 'branch' | 'jal' | 'jalr' | 'rd' | 'rs1' | 'none';

/** How the 16-bit immediate field is read by the CPU, and so what the assembler accepts. */
export type ImmKind =
  | 'none'
  | 'signed16'   // -32768..32767, sign-extended
  | 'unsigned16' // 0..65535, zero-extended (andi ori xori lui)
  | 'shift5';    // 0..31; the CPU uses the low 5 bits only

export interface InstructionInfo {
  readonly name: string;
  readonly op: Op;
  readonly format: Format;
  readonly shape: OperandShape;
  readonly imm: ImmKind;
  /** Bits that must be zero; a word with any of them set is an illegal instruction. */
  readonly mustBeZero: number;
  /** Traps in user mode. */
  readonly privileged: boolean;
}

/** Must-be-zero bits of every R-format instruction (the CPU checks these inline). */
export const R_MUST_BE_ZERO = 0x0000_0fff;
const R_ZERO = R_MUST_BE_ZERO;
const N_ZERO = 0x00ff_ffff;
const RD_FIELD = 0x00f0_0000;
const RS1_FIELD = 0x000f_0000;
const IMM_FIELD = 0x0000_ffff;

function info(
  name: string, op: Op, format: Format, shape: OperandShape, imm: ImmKind,
  mustBeZero = 0, privileged = false,
): InstructionInfo {
  return { name, op, format, shape, imm, mustBeZero, privileged };
}

/** Every instruction of the ISA, in opcode order. */
export const INSTRUCTIONS: readonly InstructionInfo[] = [
  info('add', Op.ADD, 'R', 'rrr', 'none', R_ZERO),
  info('sub', Op.SUB, 'R', 'rrr', 'none', R_ZERO),
  info('and', Op.AND, 'R', 'rrr', 'none', R_ZERO),
  info('or', Op.OR, 'R', 'rrr', 'none', R_ZERO),
  info('xor', Op.XOR, 'R', 'rrr', 'none', R_ZERO),
  info('shl', Op.SHL, 'R', 'rrr', 'none', R_ZERO),
  info('shr', Op.SHR, 'R', 'rrr', 'none', R_ZERO),
  info('sra', Op.SRA, 'R', 'rrr', 'none', R_ZERO),
  info('slt', Op.SLT, 'R', 'rrr', 'none', R_ZERO),
  info('sltu', Op.SLTU, 'R', 'rrr', 'none', R_ZERO),
  info('mul', Op.MUL, 'R', 'rrr', 'none', R_ZERO),
  info('div', Op.DIV, 'R', 'rrr', 'none', R_ZERO),
  info('divu', Op.DIVU, 'R', 'rrr', 'none', R_ZERO),
  info('rem', Op.REM, 'R', 'rrr', 'none', R_ZERO),
  info('remu', Op.REMU, 'R', 'rrr', 'none', R_ZERO),
  info('addi', Op.ADDI, 'I', 'rri', 'signed16'),
  info('andi', Op.ANDI, 'I', 'rri', 'unsigned16'),
  info('ori', Op.ORI, 'I', 'rri', 'unsigned16'),
  info('xori', Op.XORI, 'I', 'rri', 'unsigned16'),
  info('shli', Op.SHLI, 'I', 'rri', 'shift5'),
  info('shri', Op.SHRI, 'I', 'rri', 'shift5'),
  info('srai', Op.SRAI, 'I', 'rri', 'shift5'),
  info('slti', Op.SLTI, 'I', 'rri', 'signed16'),
  info('sltiu', Op.SLTIU, 'I', 'rri', 'signed16'),
  info('lui', Op.LUI, 'I', 'ri', 'unsigned16', RS1_FIELD),
  info('lw', Op.LW, 'I', 'rmem', 'signed16'),
  info('lb', Op.LB, 'I', 'rmem', 'signed16'),
  info('lbu', Op.LBU, 'I', 'rmem', 'signed16'),
  info('sw', Op.SW, 'S', 'smem', 'signed16'),
  info('sb', Op.SB, 'S', 'smem', 'signed16'),
  info('beq', Op.BEQ, 'B', 'branch', 'signed16'),
  info('bne', Op.BNE, 'B', 'branch', 'signed16'),
  info('blt', Op.BLT, 'B', 'branch', 'signed16'),
  info('bge', Op.BGE, 'B', 'branch', 'signed16'),
  info('bltu', Op.BLTU, 'B', 'branch', 'signed16'),
  info('bgeu', Op.BGEU, 'B', 'branch', 'signed16'),
  info('jal', Op.JAL, 'J', 'jal', 'none'),
  info('jalr', Op.JALR, 'I', 'jalr', 'signed16'),
  info('syscall', Op.SYSCALL, 'N', 'none', 'none', N_ZERO),
  info('brk', Op.BRK, 'N', 'none', 'none', N_ZERO),
  info('rdcycle', Op.RDCYCLE, 'I', 'rd', 'none', RS1_FIELD | IMM_FIELD),
  info('halt', Op.HALT, 'N', 'none', 'none', N_ZERO, true),
  info('setptbr', Op.SETPTBR, 'I', 'rs1', 'none', RD_FIELD | IMM_FIELD, true),
  info('tlbflush', Op.TLBFLUSH, 'N', 'none', 'none', N_ZERO, true),
  info('iret', Op.IRET, 'N', 'none', 'none', N_ZERO, true),
];

/** Instruction info by opcode (undefined for unassigned opcodes). */
export const BY_OPCODE: readonly (InstructionInfo | undefined)[] = (() => {
  const table: (InstructionInfo | undefined)[] = new Array(256).fill(undefined);
  for (const i of INSTRUCTIONS) table[i.op] = i;
  return table;
})();

/** Instruction info by lower-case mnemonic. */
export const BY_NAME: ReadonlyMap<string, InstructionInfo> = new Map(INSTRUCTIONS.map((i) => [i.name, i]));

/**
 * Must-be-zero masks by opcode, for the decoder's legality check: -1 marks an
 * unassigned opcode, so that `(word & mask) !== 0` is the whole test (the
 * all-zero word has opcode 0, which is unassigned and caught by the switch).
 */
export const MUST_BE_ZERO: Int32Array = (() => {
  const masks = new Int32Array(256).fill(-1);
  for (const i of INSTRUCTIONS) masks[i.op] = i.mustBeZero;
  return masks;
})();

/** 1 for the opcodes that only supervisor mode may run (a user program traps with privileged_instruction). */
export const PRIVILEGED: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (const i of INSTRUCTIONS) if (i.privileged) table[i.op] = 1;
  return table;
})();

/** True when `word` is a legal encoding (assigned opcode, must-be-zero bits clear). */
export function isLegal(word: number): boolean {
  const info = BY_OPCODE[word >>> 24];
  return info !== undefined && (word & info.mustBeZero) === 0;
}

/** The registers with a fixed role (SPEC sections 1 and 6). */
export const REG_ZERO = 0;
/** System call: the call number in, the result out. */
export const REG_SYSCALL_NUMBER = 1;
export const REG_RESULT = 1;
/** System call arguments, in order. */
export const REG_ARG0 = 2;
export const REG_ARG1 = 3;
export const REG_ARG2 = 4;
export const REG_FP = 13;
export const REG_SP = 14;
export const REG_RA = 15;

/** Register names: r0..r15 and the aliases of SPEC section 1. */
export const REGISTER_ALIASES: ReadonlyMap<string, number> = new Map([
  ['zero', REG_ZERO], ['fp', REG_FP], ['sp', REG_SP], ['ra', REG_RA],
]);
export const REGISTER_COUNT = 16;

/** How tools print each register: r0..r12, then fp, sp, ra. */
export const REGISTER_NAMES: readonly string[] = Array.from({ length: REGISTER_COUNT }, (_, i) =>
  i === REG_FP ? 'fp' : i === REG_SP ? 'sp' : i === REG_RA ? 'ra' : `r${i}`);

/** Decoded fields of a word (for the assembler, disassembler and tests; the CPU decodes inline). */
export interface Fields {
  op: number;
  rd: number;   // bits 23..20 (rs1 of B, rs2 of S)
  rs1: number;  // bits 19..16 (rs2 of B)
  rs2: number;  // bits 15..12 (R only)
  imm16: number; // bits 15..0, raw
  off20: number; // bits 19..0, raw (J)
}

export function decodeFields(word: number): Fields {
  return {
    op: word >>> 24,
    rd: (word >>> 20) & 15,
    rs1: (word >>> 16) & 15,
    rs2: (word >>> 12) & 15,
    imm16: word & 0xffff,
    off20: word & 0xfffff,
  };
}

export function signExtend16(v: number): number {
  return (v << 16) >> 16;
}

export function signExtend20(v: number): number {
  return (v << 12) >> 12;
}

/** Encoders: each returns the word as an unsigned 32-bit number. */
export function encodeR(op: Op, rd: number, rs1: number, rs2: number): number {
  return ((op << 24) | (rd << 20) | (rs1 << 16) | (rs2 << 12)) >>> 0;
}

export function encodeI(op: Op, rd: number, rs1: number, imm16: number): number {
  return ((op << 24) | (rd << 20) | (rs1 << 16) | (imm16 & 0xffff)) >>> 0;
}

/** S format: rs2 (the value) in 23..20, rs1 (the base) in 19..16. */
export function encodeS(op: Op, rs2: number, rs1: number, imm16: number): number {
  return ((op << 24) | (rs2 << 20) | (rs1 << 16) | (imm16 & 0xffff)) >>> 0;
}

/** B format: rs1 in 23..20, rs2 in 19..16, off16 counted in words from pc + 4. */
export function encodeB(op: Op, rs1: number, rs2: number, off16: number): number {
  return ((op << 24) | (rs1 << 20) | (rs2 << 16) | (off16 & 0xffff)) >>> 0;
}

export function encodeJ(op: Op, rd: number, off20: number): number {
  return ((op << 24) | (rd << 20) | (off20 & 0xfffff)) >>> 0;
}

export function encodeN(op: Op): number {
  return (op << 24) >>> 0;
}
