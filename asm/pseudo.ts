// Pseudo-instructions (SPEC section 2): each expands to one or two machine
// instructions. Sizes are fixed in pass 1, so an expansion never depends on a
// value that pass 1 could not know (see `li`).
import type { Expr } from './ast.js';
import type { Fields } from './encode.js';
import { form, type Checked, type Form } from './operands.js';
import { REG_RA } from '../cpu/isa.js';

export interface RealInstr {
  readonly name: string;
  readonly fields: Fields;
}

export interface Pseudo {
  readonly forms: readonly Form[];
  /** Size in words; `constValue` gives an expression's value when pass 1 can know it. */
  size(operands: readonly Checked[], constValue: (e: Expr) => number | undefined): number;
  /** The machine instructions, or an error message about the last operand. `v` holds one number per operand. */
  expand(v: readonly number[], words: number): readonly RealInstr[] | string;
}

const SP = 14;

const one = (): number => 1;
const two = (): number => 2;
const r = (name: string, fields: Fields): RealInstr => ({ name, fields });

/** `li` accepts any value that fits 32 bits, read as signed or unsigned. */
export const LI_MIN = -0x8000_0000;
export const LI_MAX = 0xffff_ffff;

/**
 * `li` works on the 32-bit pattern, so 0xFFFFFFFF and -1 are the same value
 * and both take one `addi`. The shortest encoding wins.
 */
function liShort(rd: number, value: number): RealInstr | undefined {
  const signed = value | 0;
  const unsigned = value >>> 0;
  if (signed >= -32768 && signed <= 32767) return r('addi', { rd, rs1: 0, imm: signed });
  if (unsigned <= 65535) return r('ori', { rd, rs1: 0, imm: unsigned });
  if ((unsigned & 0xffff) === 0) return r('lui', { rd, imm: unsigned >>> 16 });
  return undefined;
}

/** How many words `li` needs for a value known in pass 1. */
export function liWords(value: number): number {
  return liShort(0, value) === undefined ? 2 : 1;
}

function expandLi(rd: number, value: number, words: number): readonly RealInstr[] | string {
  if (!Number.isInteger(value) || value < LI_MIN || value > LI_MAX) {
    return `value ${value} is out of range for 'li': allowed ${LI_MIN}..${LI_MAX}`;
  }
  const short = words === 1 ? liShort(rd, value) : undefined;
  if (short !== undefined) return [short];
  return [r('lui', { rd, imm: (value >>> 16) & 0xffff }), r('ori', { rd, rs1: rd, imm: value & 0xffff })];
}

function li(): Pseudo {
  return {
    forms: [form('rd, imm32', 'reg', 'imm')],
    size(ops, constValue) {
      const e = ops[1]!;
      const v = e.slot === 'imm' ? constValue(e.expr) : undefined;
      // A value pass 1 cannot know (it uses a label) always takes lui + ori.
      return v === undefined || v < LI_MIN || v > LI_MAX ? 2 : liWords(v);
    },
    expand: (v, words) => expandLi(v[0]!, v[1]!, words),
  };
}

/** A branch written with its operands swapped: `bgt a, b, L` is `blt b, a, L`. */
function swapped(real: string): Pseudo {
  return {
    forms: [form('rs1, rs2, label', 'reg', 'reg', 'target')],
    size: one,
    expand: (v) => [r(real, { rs1: v[1], rs2: v[0], target: v[2] })],
  };
}

function versusZero(real: string): Pseudo {
  return {
    forms: [form('rs, label', 'reg', 'target')],
    size: one,
    expand: (v) => [r(real, { rs1: v[0], rs2: 0, target: v[1] })],
  };
}

export const PSEUDOS: ReadonlyMap<string, Pseudo> = new Map<string, Pseudo>([
  ['nop', { forms: [form('')], size: one, expand: () => [r('addi', { rd: 0, rs1: 0, imm: 0 })] }],
  ['mv', { forms: [form('rd, rs', 'reg', 'reg')], size: one, expand: (v) => [r('addi', { rd: v[0], rs1: v[1], imm: 0 })] }],
  ['li', li()],
  ['la', {
    forms: [form('rd, label', 'reg', 'target')],
    size: two, // always two words, whatever the address, so that its size never depends on layout
    expand: (v) => [r('lui', { rd: v[0], imm: (v[1]! >>> 16) & 0xffff }), r('ori', { rd: v[0], rs1: v[0], imm: v[1]! & 0xffff })],
  }],
  ['j', { forms: [form('label', 'target')], size: one, expand: (v) => [r('jal', { rd: 0, target: v[0] })] }],
  ['call', { forms: [form('label', 'target')], size: one, expand: (v) => [r('jal', { rd: REG_RA, target: v[0] })] }],
  ['ret', { forms: [form('')], size: one, expand: () => [r('jalr', { rd: 0, rs1: REG_RA, imm: 0 })] }],
  ['neg', { forms: [form('rd, rs', 'reg', 'reg')], size: one, expand: (v) => [r('sub', { rd: v[0], rs1: 0, rs2: v[1] })] }],
  // xori zero-extends its immediate, so it cannot flip the upper half: use -rs - 1 instead.
  ['not', {
    forms: [form('rd, rs', 'reg', 'reg')],
    size: two,
    expand: (v) => [r('sub', { rd: v[0], rs1: 0, rs2: v[1] }), r('addi', { rd: v[0], rs1: v[0], imm: -1 })],
  }],
  ['beqz', versusZero('beq')],
  ['bnez', versusZero('bne')],
  ['bgt', swapped('blt')],
  ['ble', swapped('bge')],
  ['bgtu', swapped('bltu')],
  ['bleu', swapped('bgeu')],
  ['push', {
    forms: [form('rs', 'reg')],
    size: two,
    expand: (v) => [r('addi', { rd: SP, rs1: SP, imm: -4 }), r('sw', { rs2: v[0], rs1: SP, imm: 0 })],
  }],
  ['pop', {
    forms: [form('rd', 'reg')],
    size: two,
    expand: (v) => [r('lw', { rd: v[0], rs1: SP, imm: 0 }), r('addi', { rd: SP, rs1: SP, imm: 4 })],
  }],
]);
