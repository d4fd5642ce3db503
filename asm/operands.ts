// Operand forms: which operands each instruction shape takes, how to check a
// statement against them, and register names.
import { isExpr, type Expr, type Operand, type Pos, type Statement } from './ast.js';
import { REGISTER_ALIASES, REGISTER_COUNT, type OperandShape } from '../cpu/isa.js';
import { foreignRegisterHint } from './hints.js';

export const REGISTER_HELP = 'registers are r0..r15, zero, fp, sp, ra';

/** Every register name, lower-cased: r0..r15 (no leading zeros) and the aliases. One lookup per operand. */
const REGISTER_NUMBERS: ReadonlyMap<string, number> = new Map([
  ...Array.from({ length: REGISTER_COUNT }, (_, r): [string, number] => [`r${r}`, r]),
  ...REGISTER_ALIASES,
]);

/** The register a name stands for (case-insensitive), or undefined. */
export function registerNumber(name: string): number | undefined {
  return REGISTER_NUMBERS.get(name.toLowerCase());
}

/** Names reserved for registers, valid or not (`r16` is a mistaken register, not a label). */
export function looksLikeRegister(name: string): boolean {
  return registerNumber(name) !== undefined || /^r\d+$/i.test(name);
}

/** One operand position: a register, a value, a memory operand, or a branch/jump target. */
export type Slot = 'reg' | 'imm' | 'mem' | 'target';

export interface Form {
  readonly slots: readonly Slot[];
  /** How the manual writes it, for error messages: `rd, imm(rs1)`. */
  readonly text: string;
}

export function form(text: string, ...slots: Slot[]): Form {
  return { text, slots };
}

export const FORMS_BY_SHAPE: Readonly<Record<OperandShape, readonly Form[]>> = {
  rrr: [form('rd, rs1, rs2', 'reg', 'reg', 'reg')],
  rri: [form('rd, rs1, imm', 'reg', 'reg', 'imm')],
  ri: [form('rd, imm', 'reg', 'imm')],
  rmem: [form('rd, imm(rs1)', 'reg', 'mem')],
  smem: [form('rs2, imm(rs1)', 'reg', 'mem')],
  branch: [form('rs1, rs2, label', 'reg', 'reg', 'target')],
  // `jal label` links into ra, as `call` does (docs/assembly.md).
  jal: [form('rd, label', 'reg', 'target'), form('label', 'target')],
  jalr: [form('rd, rs1, imm', 'reg', 'reg', 'imm'), form('rd, imm(rs1)', 'reg', 'mem')],
  rd: [form('rd', 'reg')],
  rs1: [form('rs1', 'reg')],
  none: [form('')],
};

/**
 * A checked operand: a register number, an expression still to evaluate, or
 * a memory operand; with the operand's column and length. Like the tree it
 * comes from, it holds no line: a statement shared by repeated lines is
 * checked once (asm/layout.ts).
 */
export type Checked =
  | { readonly slot: 'reg'; readonly reg: number; readonly column: number; readonly length: number }
  | { readonly slot: 'imm' | 'target'; readonly expr: Expr; readonly column: number; readonly length: number }
  | { readonly slot: 'mem'; readonly offset: Expr | null; readonly base: number; readonly column: number; readonly length: number };

/** What is wrong with a statement's operands, and where in its line; the caller makes the diagnostic. */
export interface Refusal {
  readonly at: Pos;
  readonly message: string;
}

export type MatchResult =
  | { readonly ok: true; readonly form: number; readonly operands: readonly Checked[] }
  | { readonly ok: false; readonly error: Refusal };

export function formsText(name: string, forms: readonly Form[]): string {
  if (forms.length === 1 && forms[0]!.slots.length === 0) return `'${name}' takes no operands`;
  return `'${name}' takes ${forms.map((f) => `'${f.text}'`).join(' or ')}`;
}

const SLOT_WORDS: Readonly<Record<Slot, string>> = {
  reg: 'a register',
  imm: 'a number or constant',
  mem: 'a memory operand like 8(sp)',
  target: 'a label or address',
};

/** Checks a statement's operands against the forms it may take; the first form with the right count decides. */
export function matchForms(stmt: Statement, forms: readonly Form[]): MatchResult {
  const candidates = forms.filter((f) => f.slots.length === stmt.operands.length);
  if (candidates.length === 0) {
    const n = stmt.operands.length;
    return { ok: false, error: { at: stmt, message: `${formsText(stmt.name, forms)}; found ${n} operand${n === 1 ? '' : 's'}` } };
  }
  let firstError: Refusal | undefined;
  for (const f of candidates) {
    const r = matchForm(stmt, f, forms);
    if (r.ok) return { ok: true, form: forms.indexOf(f), operands: r.operands };
    firstError ??= r.error;
  }
  return { ok: false, error: firstError! };
}

function matchForm(stmt: Statement, f: Form, all: readonly Form[]):
  { ok: true; operands: Checked[] } | { ok: false; error: Refusal } {
  // Made at its size: the checked operands live until the image is made.
  const out = new Array<Checked>(f.slots.length);
  for (let i = 0; i < f.slots.length; i++) {
    const slot = f.slots[i]!;
    const op = stmt.operands[i]!;
    const r = checkSlot(slot, op);
    if (typeof r === 'string') {
      return { ok: false, error: { at: op, message: `${formsText(stmt.name, all)}; operand ${i + 1} ${r}` } };
    }
    if ('message' in r) return { ok: false, error: r };
    out[i] = r;
  }
  return { ok: true, operands: out };
}

/** A Checked operand, a Refusal for a bad register name, or a string saying what the slot wanted. */
function checkSlot(slot: Slot, op: Operand): Checked | Refusal | string {
  if (slot === 'mem') {
    const wanted = `should be ${SLOT_WORDS[slot]}`;
    if (isExpr(op) && !(op.kind === 'sym' && looksLikeRegister(op.name))) {
      // `lw r1, label`: the assembler has no absolute addressing mode; say what does the same.
      const at = exprText(op);
      const load = op.kind === 'num' ? 'li' : 'la';
      return `${wanted}; for the word at ${at} write '${at}(r0)' (an address below 0x8000), or put the address in a register with '${load} r2, ${at}' and use '0(r2)'`;
    }
    if (op.kind !== 'mem') return wanted;
    const base = checkRegisterName(op.base, { column: op.baseColumn, length: op.baseLength });
    if (typeof base !== 'number') return base;
    return { slot, offset: op.offset, base, column: op.column, length: op.length };
  }
  // The words of a refusal are built only for a refusal: this runs for every operand of a program.
  const wanted = (): string => `should be ${SLOT_WORDS[slot]}`;
  if (!isExpr(op)) return wanted();
  if (slot === 'reg') {
    if (op.kind !== 'sym') return wanted();
    const reg = checkRegisterName(op.name, op);
    return typeof reg === 'number' ? { slot, reg, column: op.column, length: op.length } : reg;
  }
  if (op.kind === 'sym' && looksLikeRegister(op.name)) return `${wanted()}, not a register`;
  return { slot, expr: op, column: op.column, length: op.length };
}

function checkRegisterName(name: string, at: Pos): number | Refusal {
  const reg = registerNumber(name);
  if (reg !== undefined) return reg;
  return { at: { column: at.column, length: at.length }, message: `${name} is not a register; ${REGISTER_HELP}${foreignRegisterHint(name)}` };
}

/** An expression as the user could have written it. */
/** An expression as the user would write it (for hints). */
export function exprText(e: Expr): string {
  switch (e.kind) {
    case 'num': return e.value > 255 ? `0x${e.value.toString(16)}` : String(e.value);
    case 'sym': return e.name;
    case 'neg': return `-${exprText(e.operand)}`;
    case 'binop': return `${exprText(e.left)} ${e.op} ${exprText(e.right)}`;
  }
}
