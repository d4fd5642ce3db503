// Pass 1: define symbols, give every statement its section, offset and size.
// Everything that decides a size is known here, so pass 2 only fills in bytes.
import type { Defines } from './defines.js';
import { isExpr, spanAt, type Expr, type LineAst, type Pos, type Span, type Statement } from './ast.js';
import { diag, didYouMean, type Diagnostic } from './errors.js';
import { hex32 } from './expressions.js';
import { directiveHint, labelColonHint, MNEMONIC_HINTS } from './hints.js';
import { operandOrderHint } from './operandHints.js';
import { looksLikeRegister, matchForms, FORMS_BY_SHAPE, type Checked, type Form, type MatchResult as OperandMatch } from './operands.js';
import { PSEUDOS } from './pseudo.js';
import type { SectionName } from './image.js';
import { SymbolTable } from './symbols.js';
import { BY_NAME } from '../cpu/isa.js';
import { IMAGE_END_LIMIT } from '../mmu/layout.js';
import { PAGE_SIZE_BYTES } from '../mmu/page.js';

/** .text and .data are stored in the image and built in memory: large zero areas belong in .bss. */
export const MAX_STORED_SECTION_BYTES = 64 * 1024 * 1024;
/** Largest `.align`: section bases are page-aligned, so up to a page the alignment is exact. */
export const MAX_ALIGN_BYTES = PAGE_SIZE_BYTES;

export const DIRECTIVES = ['.text', '.data', '.bss', '.word', '.byte', '.ascii', '.asciz', '.space', '.align', '.equ', '.include', '.globl'] as const;

/** Names a line for a message, as seen from another line (see SymbolTable). */
export type LineNamer = (seq: number, from: number) => string;

/** A statement placed by pass 1. `operands` is set for well-formed instructions. */
export interface Item {
  readonly stmt: Statement;
  /** The statement's line (a sequence number, see include.ts): the statement itself may be shared by lines of the same text. */
  readonly line: number;
  readonly section: SectionName;
  readonly offset: number;
  readonly size: number;
  readonly operands: readonly Checked[] | undefined;
  /** Set when pass 1 already reported an error on it: pass 2 leaves it alone. */
  readonly bad: boolean;
}

export interface Layout {
  readonly items: Item[];
  readonly symbols: SymbolTable;
  readonly sizes: Record<SectionName, number>;
}

/**
 * The operand checks of a program's statements: a check depends on the
 * statement alone, so a statement shared by repeated lines (asm/lineCache.ts),
 * or laid out a second time, is checked once. One per assemble() call.
 */
export type OperandChecks = Map<Statement, OperandMatch>;

/**
 * `bssBase` is where .bss will start; it matters only to `.align` in .bss,
 * whose base is 4-aligned rather than page-aligned. The caller learns it from
 * a first run (the .data size never depends on it) and then runs again,
 * with the same `checks`.
 */
export function layOut(
  lines: readonly LineAst[], diags: Diagnostic[], bssBase = 0, where?: LineNamer, checks: OperandChecks = new Map(), defines?: Defines,
): Layout {
  const symbols = defineSymbols(lines, diags, where, defines);
  const sizes: Record<SectionName, number> = { text: 0, data: 0, bss: 0 };
  const items: Item[] = [];
  let section: SectionName = 'text';
  for (const l of lines) {
    if (l.label !== null) {
      const def = symbols.defs.get(l.label.name);
      // Only the first definition places the symbol (a duplicate was reported by defineSymbols).
      if (def !== undefined && def.kind === 'label' && def.span.line === l.line) { def.section = section; def.offset = sizes[section]; }
    }
    const s = l.statement;
    if (s === null) continue;
    const switched = sectionSwitch(s, l.line, diags);
    if (switched !== undefined) { section = switched; continue; }
    const alignBase = section === 'bss' ? bssBase : 0;
    const item = place(s, l.line, section, sizes[section], alignBase, symbols, diags, checks);
    if (section === 'bss' && bssBase + sizes.bss + item.size > IMAGE_END_LIMIT) {
      // Reported at the statement that crosses the line, not at the end of the program.
      const end = bssBase + sizes.bss + item.size;
      diags.push(diag(spanAt(l.line, s), `'${s.name}' here makes the program end at ${hex32(end)}; programs must end by ${hex32(IMAGE_END_LIMIT)}, where the mmap area starts`));
      continue;
    }
    if (section !== 'bss' && sizes[section] + item.size > MAX_STORED_SECTION_BYTES) {
      diags.push(diag(spanAt(l.line, s), `section .${section} would be larger than ${MAX_STORED_SECTION_BYTES} bytes; put large zero-filled areas in .bss`));
      continue;
    }
    sizes[section] += item.size;
    items.push(item);
  }
  return { items, symbols, sizes };
}

/**
 * Pass 0: every label and .equ, so that pass 1 can size `li` with constants
 * defined later. A define (asm/defines.ts) replaces the value of the .equ of
 * its name, or defines the name when the program has none.
 */
function defineSymbols(lines: readonly LineAst[], diags: Diagnostic[], where?: LineNamer, defines?: Defines): SymbolTable {
  const symbols = new SymbolTable(where);
  const add = (d: Diagnostic | undefined): void => { if (d !== undefined) diags.push(d); };
  for (const l of lines) {
    if (l.label !== null) {
      if (looksLikeRegister(l.label.name)) {
        diags.push(diag(spanAt(l.line, l.label), `'${l.label.name}' is a register name; choose another name for the label`));
      } else add(symbols.define({ name: l.label.name, span: spanAt(l.line, l.label), kind: 'label' }));
    }
    const s = l.statement;
    if (s === null || s.kind !== 'directive' || s.name !== '.equ') continue;
    const [nameOp, valueOp] = s.operands;
    if (s.operands.length !== 2 || nameOp!.kind !== 'sym' || !isExpr(valueOp!)) {
      diags.push(diag(spanAt(l.line, s), `'.equ' takes 'NAME, value', like '.equ SIZE, 64'`));
    } else if (looksLikeRegister(nameOp.name)) {
      diags.push(diag(spanAt(l.line, nameOp), `'${nameOp.name}' is a register name; choose another name for the constant`));
    } else {
      const given = defines?.get(nameOp.name);
      const expr: Expr = given === undefined ? valueOp : { kind: 'num', value: given, column: valueOp.column, length: valueOp.length };
      add(symbols.define({ name: nameOp.name, span: spanAt(l.line, nameOp), kind: 'equ', expr }));
    }
  }
  for (const [name, value] of defines ?? []) {
    const def = symbols.defs.get(name);
    if (def === undefined) {
      // A program-wide definition: its span is the first line's, as other program-wide messages are.
      symbols.define({ name, span: { line: 1, column: 1, length: 1 }, kind: 'equ', expr: { kind: 'num', value, column: 1, length: 1 } });
    } else if (def.kind === 'label') {
      diags.push(diag(def.span, `'${name}' is a label here; -D ${name}=${value} can set only an .equ constant (or a name the program uses without defining)`));
    }
  }
  return symbols;
}

function sectionSwitch(s: Statement, line: number, diags: Diagnostic[]): SectionName | undefined {
  if (s.kind !== 'directive' || !['.text', '.data', '.bss'].includes(s.name)) return undefined;
  if (s.operands.length > 0) diags.push(diag(spanAt(line, s.operands[0]!), `'${s.name}' takes no operands`));
  return s.name.slice(1) as SectionName;
}

function checkOperands(s: Statement, forms: readonly Form[], checks: OperandChecks): OperandMatch {
  let m = checks.get(s);
  if (m === undefined) {
    m = matchForms(s, forms);
    checks.set(s, m);
  }
  return m;
}

/**
 * The did-you-mean for an unknown mnemonic, among the names whose operands
 * fit the line's when one of those is close enough: `addd r6, r6, 1` is
 * `addi` (an immediate), `addd r6, r6, r7` is `add`. The operands are tried
 * only once a hint was found at all, so a file of errors costs no more than
 * the hint budget allows.
 */
function mnemonicHint(s: Statement, names: readonly string[]): string {
  const any = didYouMean(s.name, names);
  if (any === '') return '';
  const fits = names.filter((n) => {
    const real = BY_NAME.get(n);
    const forms = real !== undefined ? FORMS_BY_SHAPE[real.shape] : PSEUDOS.get(n)?.forms;
    return forms !== undefined && matchForms(s, forms).ok;
  });
  return didYouMean(s.name, fits) || any;
}

function place(
  s: Statement, line: number, section: SectionName, offset: number, alignBase: number, symbols: SymbolTable,
  diags: Diagnostic[], checks: OperandChecks,
): Item {
  const bad = (size = 0): Item => ({ stmt: s, line, section, offset, size, operands: undefined, bad: true });
  const fail = (d: Diagnostic, size = 0): Item => { diags.push(d); return bad(size); };
  const inBss = section === 'bss' && !['.space', '.align', '.equ', '.globl'].includes(s.name);
  if (s.kind === 'instruction') {
    const real = BY_NAME.get(s.name);
    const pseudo = PSEUDOS.get(s.name);
    if (real === undefined && pseudo === undefined) {
      const names = [...BY_NAME.keys(), ...PSEUDOS.keys(), ...DIRECTIVES];
      const next = s.operands[0];
      const colon = next?.kind === 'sym' && (BY_NAME.has(next.name.toLowerCase()) || PSEUDOS.has(next.name.toLowerCase()));
      const hint = colon ? labelColonHint(s.name) : MNEMONIC_HINTS.get(s.name) ?? mnemonicHint(s, names);
      return fail(diag(spanAt(line, s), `unknown instruction '${s.name}'${hint}`), 4);
    }
    if (inBss) return fail(bssError(s, line), 0);
    const m = checkOperands(s, real !== undefined ? FORMS_BY_SHAPE[real.shape] : pseudo!.forms, checks);
    const words = pseudo === undefined ? 1 : m.ok ? pseudo.size(m.operands, (e) => symbols.constValue(e)) : 1;
    if (!m.ok) return fail(diag(spanAt(line, m.error.at), m.error.message + operandOrderHint(s, real?.shape)), 4 * words);
    return { stmt: s, line, section, offset, size: 4 * words, operands: m.operands, bad: false };
  }
  if (!(DIRECTIVES as readonly string[]).includes(s.name)) {
    return fail(diag(spanAt(line, s), `unknown directive '${s.name}'${directiveHint(s.name, sectionOperand(s)) ?? didYouMean(s.name, DIRECTIVES)}`));
  }
  if (inBss) return fail(bssError(s, line));
  const size = directiveSize(s, line, alignBase + offset, symbols);
  if (typeof size !== 'number') return fail(size);
  return { stmt: s, line, section, offset, size, operands: undefined, bad: false };
}

function bssError(s: Statement, line: number): Diagnostic {
  return diag(spanAt(line, s), `'${s.name}' cannot be used in .bss: .bss holds only labels, .space and .align (it takes no room in the image)`);
}

/** Bytes a directive on `line` occupies at `address` (mod 4096), or what is wrong with it. */
function directiveSize(s: Statement, line: number, address: number, symbols: SymbolTable): number | Diagnostic {
  const ops = s.operands;
  const at = (p: Pos): Span => spanAt(line, p);
  switch (s.name) {
    case '.equ': return 0;
    case '.globl': {
      // Accepted and ignored: one image is one program, every symbol is already visible to all of it.
      const bad = ops.find((o) => o.kind !== 'sym');
      if (ops.length === 0 || bad !== undefined) return diag(at(bad ?? s), `'.globl' takes a symbol name, like .globl _start`);
      return 0;
    }
    case '.word':
    case '.byte': {
      if (ops.length === 0) return diag(at(s), `'${s.name}' takes one value or a comma-separated list`);
      const str = ops.find((o) => !isExpr(o));
      if (str !== undefined) return diag(at(str), `'${s.name}' takes numbers or labels${str.kind === 'str' ? `; use '.ascii' for strings` : ''}`);
      return ops.length * (s.name === '.word' ? 4 : 1);
    }
    case '.ascii':
    case '.asciz': {
      if (ops.length === 0) return diag(at(s), `'${s.name}' takes a string, like ${s.name} "hello"`);
      let n = 0;
      for (const o of ops) {
        if (o.kind !== 'str') return diag(at(o), `'${s.name}' takes strings in double quotes, like ${s.name} "hello"`);
        n += o.bytes.length + (s.name === '.asciz' ? 1 : 0);
      }
      return n;
    }
    case '.space': {
      const n = constOperand(s, line, symbols);
      if (typeof n !== 'number') return n;
      if (n < 0 || n > IMAGE_END_LIMIT) return diag(at(ops[0]!), `'.space' takes a byte count from 0 to ${IMAGE_END_LIMIT}, not ${n}`);
      // `| 0` (exact: the limit is below 2^31) makes the count a small integer even when it was read from a
      // boxed number: a size or offset stored boxed once makes V8 box it in every Item (issue 18).
      return n | 0;
    }
    case '.align': {
      const n = constOperand(s, line, symbols);
      if (typeof n !== 'number') return n;
      if (n < 1 || n > MAX_ALIGN_BYTES || (n & (n - 1)) !== 0) {
        return diag(at(ops[0]!), `'.align' takes a power of two from 1 to ${MAX_ALIGN_BYTES} (bytes), not ${n}`);
      }
      return ((n - (address % n)) % n) | 0; // a small integer, as for .space
    }
  }
  return diag(at(s), `unknown directive '${s.name}'`);
}

/** The one operand of .space or .align, which must be known in pass 1 (no labels). */
function constOperand(s: Statement, line: number, symbols: SymbolTable): number | Diagnostic {
  const op = s.operands[0];
  if (s.operands.length !== 1 || !isExpr(op!)) return diag(spanAt(line, s), `'${s.name}' takes one number, like ${s.name} 4`);
  const v = symbols.constValue(op);
  if (v === undefined) {
    return diag(spanAt(line, op!), `'${s.name}' needs a value known before layout: a number or a .equ constant that uses no labels`);
  }
  return v;
}

/** The name after `.section` (`.section .data` parses only when the grammar accepts it; see parse.ts for the rest). */
function sectionOperand(s: Statement): string | undefined {
  const op = s.operands[0];
  return op?.kind === 'sym' ? op.name : undefined;
}
