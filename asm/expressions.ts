// Operand expressions: numbers, symbols, unary minus, and chains of + and -.
import { spanAt, type Expr } from './ast.js';
import { diag, type Diagnostic } from './errors.js';
import { looksLikeRegister } from './operands.js';

/**
 * What a symbol means to the evaluator: its value, an error (undefined
 * symbol, cycle), or `unknown` (a label address in pass 1, not known yet).
 */
export type SymbolValue = { readonly value: number } | { readonly error: Diagnostic } | 'unknown';

export type EvalResult =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly errors: readonly Diagnostic[] }
  | { readonly ok: false; readonly unknown: true; readonly errors: readonly Diagnostic[] };

/** A symbol's value; `expr` on `line` is where it is used, for an error about it. */
export type Lookup = (name: string, expr: Expr & { kind: 'sym' }, line: number) => SymbolValue;

/** Evaluates an expression written on `line`; every undefined symbol in it is reported, not only the first. */
export function evaluate(expr: Expr, lookup: Lookup, line: number): EvalResult {
  // Most operands are one number or one name: their value without the walk's closure and error list.
  if (expr.kind === 'num') return { ok: true, value: expr.value };
  if (expr.kind === 'sym' && !looksLikeRegister(expr.name)) {
    const v = lookup(expr.name, expr, line);
    if (v === 'unknown') return { ok: false, unknown: true, errors: [] };
    if ('error' in v) return { ok: false, errors: [v.error] };
    return { ok: true, value: v.value };
  }
  const errors: Diagnostic[] = [];
  let unknown = false;
  const walk = (e: Expr): number => {
    switch (e.kind) {
      case 'num': return e.value;
      case 'neg': return -walk(e.operand);
      case 'binop': {
        const l = walk(e.left);
        const r = walk(e.right);
        return e.op === '+' ? l + r : l - r;
      }
      case 'sym': {
        if (looksLikeRegister(e.name)) {
          errors.push(diag(spanAt(line, e), `register '${e.name}' cannot be used as a value here`));
          return 0;
        }
        const v = lookup(e.name, e, line);
        if (v === 'unknown') { unknown = true; return 0; }
        if ('error' in v) { errors.push(v.error); return 0; }
        return v.value;
      }
    }
  };
  const value = walk(expr);
  if (errors.length > 0) return { ok: false, errors };
  if (unknown) return { ok: false, unknown: true, errors: [] };
  return { ok: true, value };
}

/** The symbol names an expression refers to. */
export function symbolsIn(expr: Expr): string[] {
  switch (expr.kind) {
    case 'num': return [];
    case 'sym': return [expr.name];
    case 'neg': return symbolsIn(expr.operand);
    case 'binop': return [...symbolsIn(expr.left), ...symbolsIn(expr.right)];
  }
}

/** Lowest and highest 32-bit values (signed or unsigned reading). */
export const WORD_MIN = -0x8000_0000;
export const WORD_MAX = 0xffff_ffff;

export function hex32(v: number): string {
  return `0x${(v >>> 0).toString(16).padStart(8, '0')}`;
}
