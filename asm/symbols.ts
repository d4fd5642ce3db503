// The symbol table: labels (a section and an offset, made addresses once the
// layout is known) and .equ constants (expressions that may use labels and
// other constants, defined before or after, evaluated after layout).
import { spanAt, type Expr, type Span } from './ast.js';
import { diag, didYouMean, type Diagnostic } from './errors.js';
import { evaluate, WORD_MAX, WORD_MIN, type Lookup, type SymbolValue } from './expressions.js';
import type { SectionName } from './image.js';

export interface SymbolDef {
  readonly name: string;
  readonly span: Span;
  readonly kind: 'label' | 'equ';
  /** Labels: set by pass 1. */
  section?: SectionName;
  offset?: number;
  /** .equ: the defining expression (on the line of `span`). */
  readonly expr?: Expr;
}

export type SectionBases = Readonly<Record<SectionName, number>>;

export class SymbolTable {
  /** In definition order, first definitions only. */
  readonly defs = new Map<string, SymbolDef>();
  private constMemo = new Map<string, number | undefined>();
  private finalMemo = new Map<string, number | 'bad'>();
  private bases: SectionBases | undefined;

  /** `where(seq, from)` names line `seq` as seen from line `from` ("line 3", or "lib/x.s:3" in another file). */
  constructor(private readonly where: (seq: number, from: number) => string = (seq) => `line ${seq}`) {}

  /** Adds a symbol, or returns the error naming where it was first defined. */
  define(def: SymbolDef): Diagnostic | undefined {
    const first = this.defs.get(def.name);
    if (first !== undefined) {
      return diag(def.span, `duplicate symbol '${def.name}': first defined on ${this.where(first.span.line, def.span.line)}`);
    }
    this.defs.set(def.name, def);
    return undefined;
  }

  /** Pass 1: an expression's value if it uses only numbers and label-free constants, else undefined. */
  constValue(expr: Expr): number | undefined {
    // Pass 1 discards the errors, so no line is needed for them.
    const r = evaluate(expr, (name) => this.constSymbol(name, []), 0);
    return r.ok ? r.value : undefined;
  }

  private constSymbol(name: string, visiting: string[]): SymbolValue {
    const def = this.defs.get(name);
    if (def === undefined || def.kind === 'label' || visiting.includes(name)) return 'unknown';
    if (!this.constMemo.has(name)) {
      const r = evaluate(def.expr!, (n) => this.constSymbol(n, [...visiting, name]), def.span.line);
      this.constMemo.set(name, r.ok ? r.value : undefined);
    }
    const v = this.constMemo.get(name);
    return v === undefined ? 'unknown' : { value: v };
  }

  /** After layout: fixes label addresses and evaluates every .equ, reporting its errors at its definition. */
  finalize(bases: SectionBases, diags: Diagnostic[]): void {
    this.bases = bases;
    for (const def of this.defs.values()) if (def.kind === 'equ') this.equValue(def, [], diags);
  }

  /** The final value of a symbol (labels: address). */
  valueOf(def: SymbolDef): number {
    if (def.kind === 'label') return this.bases![def.section!] + def.offset!;
    const v = this.finalMemo.get(def.name);
    return typeof v === 'number' ? v : 0;
  }

  /** Pass 2 lookup: undefined symbols are errors with a did-you-mean over the defined names. */
  readonly lookup: Lookup = (name, expr, line) => {
    const def = this.defs.get(name);
    if (def === undefined) {
      return { error: diag(spanAt(line, expr), `undefined symbol '${name}'${didYouMean(name, this.defs.keys())}`) };
    }
    return { value: this.valueOf(def) };
  };

  private equValue(def: SymbolDef, visiting: string[], diags: Diagnostic[]): number | 'bad' {
    const memo = this.finalMemo.get(def.name);
    if (memo !== undefined) return memo;
    const at = visiting.indexOf(def.name);
    if (at >= 0) {
      const chain = [...visiting.slice(at), def.name].join(' -> ');
      diags.push(diag(def.span, `'.equ ${def.name}' depends on itself: ${chain}`));
      this.finalMemo.set(def.name, 'bad');
      return 'bad';
    }
    let bad = false;
    const r = evaluate(def.expr!, (name, e, line) => {
      const d = this.defs.get(name);
      if (d === undefined || d.kind === 'label') return this.lookup(name, e, line);
      const v = this.equValue(d, [...visiting, def.name], diags);
      if (v === 'bad') { bad = true; return { value: 0 }; }
      return { value: v };
    }, def.span.line);
    let result: number | 'bad' = 'bad';
    if (!r.ok) diags.push(...r.errors);
    else if (r.value < WORD_MIN || r.value > WORD_MAX) {
      diags.push(diag(def.span, `'.equ ${def.name}' is ${r.value}, which does not fit in 32 bits`));
    } else if (!bad) result = r.value;
    if (!this.finalMemo.has(def.name)) this.finalMemo.set(def.name, result);
    return this.finalMemo.get(def.name)!;
  }
}
