// The assembler: parse every line, lay out (pass 1), then encode (pass 2).
// All errors of a file are collected and returned; nothing here throws for
// bad input.
import { diag, toAsmErrors, withHintBudget, type AsmError, type Diagnostic } from './errors.js';
import { encodeInstruction, type Fields } from './encode.js';
import { evaluate, hex32, WORD_MAX, WORD_MIN } from './expressions.js';
import { pageAlignUp, TEXT_BASE, type ImageSymbol, type LineEntry, type ProgramImage, type ZeroRun } from './image.js';
import { IMAGE_END_LIMIT } from '../mmu/layout.js';
import { layOut, type Item, type OperandChecks } from './layout.js';
import { MisalignedRuns } from './misalignedRuns.js';
import { isExpr, spanAt, type Expr } from './ast.js';
import { exprText, type Checked } from './operands.js';
import { expandIncludes, type FailedInclude, type IncludeReader } from './include.js';
import { PSEUDOS, type RealInstr } from './pseudo.js';
import { findZeroRuns } from './zeroRuns.js';
import { escapeControlChars } from './controlChars.js';
import { namesUsed, type Defines } from './defines.js';
import type { SectionBases, SymbolTable } from './symbols.js';
import { BY_NAME, REG_RA, type InstructionInfo } from '../cpu/isa.js';

/** `unusedDefines`: the defines the program neither defines with .equ nor refers to (a typo, most likely). */
export type AssembleResult = { ok: true; image: ProgramImage; unusedDefines: readonly string[] } | { ok: false; errors: AsmError[] };

export interface AssembleOptions {
  /** Reads the files named by `.include` (resolved against the including file); without it `.include` is an error. */
  readonly readInclude?: IncludeReader;
  /** Constants set from outside (asm/defines.ts): each replaces the program's .equ of its name. */
  readonly defines?: Defines;
}

export function assemble(source: string, fileName: string, options: AssembleOptions = {}): AssembleResult {
  return withHintBudget(() => assembleWithin(source, fileName, options));
}

function assembleWithin(source: string, fileName: string, options: AssembleOptions): AssembleResult {
  const { lines, errors, map, failed } = expandIncludes(source, fileName, options.readInclude);
  const diags: Diagnostic[] = errors;
  const where = (seq: number, from: number): string => map.describe(seq, from);
  const firstDiags: Diagnostic[] = [];
  const checks: OperandChecks = new Map();
  const firstRun = layOut(lines, firstDiags, 0, where, checks, options.defines);
  const dataBase = pageAlignUp(TEXT_BASE + firstRun.sizes.text);
  const bssBase = dataBase + align4(firstRun.sizes.data);
  // Only .bss statements depend on where .bss starts (an `.align` there, and
  // the check of its end): a program that never enters .bss is laid out once.
  const usesBss = lines.some((l) => l.statement?.kind === 'directive' && l.statement.name === '.bss');
  // A loop, not push(...firstDiags): a source of a million errors would overflow the stack.
  if (!usesBss) for (const d of firstDiags) diags.push(d);
  const layout = usesBss ? layOut(lines, diags, bssBase, where, checks, options.defines) : firstRun;
  const bases: SectionBases = { text: TEXT_BASE, data: dataBase, bss: bssBase };
  if (bssBase + layout.sizes.bss > IMAGE_END_LIMIT) {
    diags.push(diag({ line: 1, column: 1, length: 1 },
      `program too large: it ends at ${hex32(bssBase + layout.sizes.bss)}, and must end by ${hex32(IMAGE_END_LIMIT)}`));
    return { ok: false, errors: toAsmErrors(map, diags) };
  }
  layout.symbols.finalize(bases, diags);
  const text = new Uint8Array(layout.sizes.text);
  const data = new Uint8Array(layout.sizes.data);
  const views = { text: viewOf(text), data: viewOf(data) };
  const rows: Record<'text' | 'data', LineEntry[]> = { text: [], data: [] };
  const spaces: Record<'text' | 'data', ZeroRun[]> = { text: [], data: [] };
  const misaligned = new MisalignedRuns(map, diags);
  // The image records each file's name with control characters escaped
  // (`a\nb.s` for a name holding a newline), which the image reader accepts
  // and a kill line prints on one line (docs/image-format.md).
  const safeNames = new Map<string, string>();
  const safeName = (file: string): string => {
    let safe = safeNames.get(file);
    if (safe === undefined) safeNames.set(file, safe = escapeControlChars(file));
    return safe;
  };
  for (const item of layout.items) {
    if (item.section === 'bss') continue;
    const out = item.section === 'text' ? text : data;
    const pc = bases[item.section] + item.offset;
    if (item.size > 0) {
      const o = map.origin(item.line);
      rows[item.section].push({ address: pc, file: safeName(o.file), line: o.line });
      if (writesNothing(item)) addSpan(spaces[item.section], item.offset, item.offset + item.size);
    }
    if (item.bad || misaligned.took(item, pc)) continue;
    emit(item, pc, out, views[item.section], layout.symbols, diags);
  }
  misaligned.flush();
  const entry = entryPoint(layout.symbols, diags);
  if (diags.length > 0) return { ok: false, errors: toAsmErrors(map, failed.length > 0 ? blameFailedInclude(diags, failed, where) : nameLibrary(diags)) };
  const used = options.defines === undefined || options.defines.size === 0 ? undefined : namesUsed(lines);
  return {
    ok: true,
    unusedDefines: used === undefined ? [] : [...options.defines!.keys()].filter((name) => !used.has(name)),
    image: {
      sourceName: safeName(fileName), entry, text, dataBase, data, bssBase, bssSize: layout.sizes.bss,
      symbols: imageSymbols(layout.symbols), lines: [...rows.text, ...rows.data],
      // The spaces are zero without being written: only the bytes around them are read (issue 18).
      zeroRuns: { text: findZeroRuns(text, spaces.text), data: findZeroRuns(data, spaces.data) },
    },
  };
}

/**
 * Undefined symbols after an `.include` that was not carried out are most
 * likely ones the file would have defined (puts and putnum without
 * lib/print.s): each says so, since the include's own error, sorted by line,
 * often comes after them all.
 */
function blameFailedInclude(diags: Diagnostic[], failed: readonly FailedInclude[], where: (seq: number, from: number) => string): Diagnostic[] {
  const first = failed[0];
  if (first === undefined) return diags;
  const note = (line: number): string => ` (perhaps defined in '${first.path}', which was not included: ${where(first.seq, line)})`;
  return diags.map((d) => {
    const name = /^undefined symbol '[^']*'/.exec(d.message);
    return name === null ? d : { ...d, message: name[0] + note(d.span.line) + d.message.slice(name[0].length) };
  });
}

/** The routines of programs/lib/print.s, which a program calls but may forget to include. */
const PRINT_ROUTINES = new Set(['puts', 'putnum', 'flush']);

/** With no include failed: an undefined name that is a print routine (and no did-you-mean) says where it is. */
function nameLibrary(diags: Diagnostic[]): Diagnostic[] {
  return diags.map((d) => {
    const name = /^undefined symbol '([^']*)'$/.exec(d.message)?.[1];
    if (name === undefined || !PRINT_ROUTINES.has(name)) return d;
    return { ...d, message: `${d.message}; ${name} is a routine of illusion's print library, programs/lib/print.s: include it with '.include "PATH"' (a path relative to this file, lib/print.s for a program in programs/)` };
  });
}

/** `.space` and `.align` padding: bytes that pass 2 leaves as the fresh section's zeros. */
function writesNothing(item: Item): boolean {
  return item.stmt.kind === 'directive' && (item.stmt.name === '.space' || item.stmt.name === '.align');
}

/** Appends [start, end) to sorted spans, joining it to the last one when they touch. */
function addSpan(spans: ZeroRun[], start: number, end: number): void {
  const last = spans[spans.length - 1];
  if (last !== undefined && last.end === start) spans[spans.length - 1] = { start: last.start, end };
  else spans.push({ start, end });
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

function entryPoint(symbols: SymbolTable, diags: Diagnostic[]): number {
  const start = symbols.defs.get('_start');
  if (start === undefined) return TEXT_BASE;
  if (start.kind !== 'label' || start.section === 'bss' || start.section === undefined) {
    diags.push(diag(start.span, `'_start' must be a label in .text or .data: it is where the program starts`));
    return TEXT_BASE;
  }
  return symbols.valueOf(start);
}

function imageSymbols(symbols: SymbolTable): ImageSymbol[] {
  return [...symbols.defs.values()].map((d) => ({
    name: d.name, value: symbols.valueOf(d), section: d.kind === 'equ' ? 'abs' : (d.section ?? 'text'),
  }));
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Pass 2 for one statement: write its bytes at `pc` into `out` (`view` is a view of `out`). */
function emit(item: Item, pc: number, out: Uint8Array, view: DataView, symbols: SymbolTable, diags: Diagnostic[]): void {
  const s = item.stmt;
  const at = item.offset;
  if (s.kind === 'instruction') {
    const words = instructionWords(item, pc, symbols, diags);
    if (words !== undefined) for (let i = 0; i < words.length; i++) view.setUint32(at + 4 * i, words[i]!, true);
    return;
  }
  switch (s.name) {
    case '.word':
    case '.byte': {
      const size = s.name === '.word' ? 4 : 1;
      const [lo, hi] = size === 4 ? [WORD_MIN, WORD_MAX] : [-128, 255];
      s.operands.forEach((o, i) => {
        if (!isExpr(o)) return;
        const r = evaluate(o, symbols.lookup, item.line);
        if (!r.ok) { diags.push(...r.errors); return; }
        if (r.value < lo || r.value > hi) {
          diags.push(diag(spanAt(item.line, o), `value ${r.value} does not fit in '${s.name}': allowed ${lo}..${hi}`));
          return;
        }
        if (size === 4) view.setUint32(at + 4 * i, r.value >>> 0, true);
        else view.setUint8(at + i, r.value & 0xff);
      });
      return;
    }
    case '.ascii':
    case '.asciz': {
      let p = at;
      for (const o of s.operands) {
        if (o.kind !== 'str') continue;
        out.set(o.bytes, p);
        p += o.bytes.length + (s.name === '.asciz' ? 1 : 0); // the NUL is already zero
      }
      return;
    }
    default:
      return; // .space, .align and .equ: zero bytes or none
  }
}

/** Checked operands on `line` → one number each, reporting every undefined symbol. A memory operand gives its offset. */
function operandValues(ops: readonly Checked[], line: number, symbols: SymbolTable, diags: Diagnostic[]): number[] | undefined {
  let ok = true;
  const values = new Array<number>(ops.length);
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i]!;
    if (o.slot === 'reg') { values[i] = o.reg; continue; }
    const expr = o.slot === 'mem' ? o.offset : o.expr;
    let v = 0;
    if (expr !== null) {
      const r = evaluate(expr, symbols.lookup, line);
      if (r.ok) v = r.value; else { ok = false; diags.push(...r.errors); }
    }
    values[i] = v;
  }
  return ok ? values : undefined;
}

function instructionWords(item: Item, pc: number, symbols: SymbolTable, diags: Diagnostic[]): number[] | undefined {
  const s = item.stmt;
  const ops = item.operands!;
  const values = operandValues(ops, item.line, symbols, diags);
  if (values === undefined) return undefined;
  const immAt = ops.length > 0 ? ops[ops.length - 1]! : s;
  const real = BY_NAME.get(s.name);
  let instrs: readonly RealInstr[];
  if (real !== undefined) {
    instrs = [{ name: real.name, fields: realFields(real, ops, values) }];
  } else {
    const expanded = PSEUDOS.get(s.name)!.expand(values, item.size / 4);
    if (typeof expanded === 'string') { diags.push(diag(spanAt(item.line, immAt), expanded)); return undefined; }
    instrs = expanded;
  }
  const words: number[] = [];
  for (let i = 0; i < instrs.length; i++) {
    const instr = instrs[i]!;
    const r = encodeInstruction(BY_NAME.get(instr.name)!, instr.fields, { pc: (pc + 4 * i) >>> 0, line: item.line, immAt, written: s.name });
    if ('error' in r) { diags.push(real === undefined ? r.error : farAddressHint(r.error, real, ops)); return undefined; }
    words.push(r.word);
  }
  return words;
}

/**
 * `lw r1, far(r0)` where `far` lies beyond 0x7fff: the offset, 16 signed
 * bits, cannot hold that address. Says what does: the address in a register.
 */
function farAddressHint(error: Diagnostic, info: InstructionInfo, ops: readonly Checked[]): Diagnostic {
  const mem = ops[1];
  if ((info.shape !== 'rmem' && info.shape !== 'smem') || mem?.slot !== 'mem' || mem.offset === null || !namesSymbol(mem.offset)) return error;
  const text = exprText(mem.offset);
  return diag(error.span, `${error.message}; '${text}' is an address, too far for an offset: put it in a register with 'la r2, ${text}' and use '0(r2)'`);
}

function namesSymbol(e: Expr): boolean {
  return e.kind === 'sym' || (e.kind === 'neg' && namesSymbol(e.operand)) || (e.kind === 'binop' && (namesSymbol(e.left) || namesSymbol(e.right)));
}

/** A machine instruction's fields from its operands' values, by shape (see FORMS_BY_SHAPE). */
function realFields(info: InstructionInfo, ops: readonly Checked[], v: readonly number[]): Fields {
  const count = ops.length;
  const a = (i: number): number => v[i]!;
  const memBase = (i: number): number => { const o = ops[i]!; return o.slot === 'mem' ? o.base : 0; };
  switch (info.shape) {
    case 'rrr': return { rd: a(0), rs1: a(1), rs2: a(2) };
    case 'rri': return { rd: a(0), rs1: a(1), imm: a(2) };
    case 'ri': return { rd: a(0), imm: a(1) };
    case 'rmem': return { rd: a(0), rs1: memBase(1), imm: a(1) };
    case 'smem': return { rs2: a(0), rs1: memBase(1), imm: a(1) };
    case 'branch': return { rs1: a(0), rs2: a(1), target: a(2) };
    case 'jal': return count === 1 ? { rd: REG_RA, target: a(0) } : { rd: a(0), target: a(1) };
    case 'jalr': return count === 3 ? { rd: a(0), rs1: a(1), imm: a(2) } : { rd: a(0), rs1: memBase(1), imm: a(1) };
    case 'rd': return { rd: a(0) };
    case 'rs1': return { rs1: a(0) };
    case 'none': return {};
  }
}
