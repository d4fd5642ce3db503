// The symbol table: labels (a section and an offset, made addresses once the
// layout is known) and .equ constants (expressions that may use labels and
// other constants, defined before or after, evaluated after layout).
import { spanAt, type Expr, type Span } from './ast.js';
import { diag, didYouMean, type Diagnostic } from './errors.js';
import { syscallHint } from './syscallNames.js';
import { evaluate, symbolsIn, WORD_MAX, WORD_MIN, type Lookup, type SymbolValue } from './expressions.js';
import { looksLikeRegister } from './operands.js';
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
    const r = evaluate(expr, (name) => this.constSymbol(name), 0);
    return r.ok ? r.value : undefined;
  }

  private constSymbol(name: string): SymbolValue {
    const def = this.defs.get(name);
    if (def === undefined || def.kind === 'label') return 'unknown';
    // A constant met again on its own path is unknown here: pass 2 reports the cycle.
    this.inDependencyOrder(def, (n) => this.constMemo.has(n), () => {}, (d) => {
      const r = evaluate(d.expr!, (n) => this.constKnown(n), d.span.line);
      this.constMemo.set(d.name, r.ok ? r.value : undefined);
    });
    return this.constKnown(name);
  }

  private constKnown(name: string): SymbolValue {
    const v = this.constMemo.get(name);
    return v === undefined ? 'unknown' : { value: v };
  }

  /**
   * Calls `finish` for `root` and every .equ constant it depends on, each
   * after the constants it names, without recursion: a generated program may
   * chain thousands of constants (`.equ OFF2, OFF1 + 4`), and a recursive
   * walk overflowed the host's stack at about 5,000 (exit 70, attack28).
   * `done` says a constant needs no visit; `onCycle(path, def)` is told of a
   * constant met again while its own dependencies are being visited.
   */
  private inDependencyOrder(root: SymbolDef, done: (name: string) => boolean,
    onCycle: (path: readonly string[], def: SymbolDef) => void, finish: (def: SymbolDef) => void): void {
    if (done(root.name)) return;
    const frames: { def: SymbolDef; deps: string[]; next: number }[] = [];
    const path: string[] = [];
    const onPath = new Set<string>();
    const enter = (def: SymbolDef) => {
      frames.push({ def, deps: symbolsIn(def.expr!).filter((n) => !looksLikeRegister(n)), next: 0 });
      path.push(def.name);
      onPath.add(def.name);
    };
    enter(root);
    while (frames.length > 0) {
      const top = frames[frames.length - 1]!;
      if (top.next < top.deps.length) {
        const d = this.defs.get(top.deps[top.next++]!);
        if (d === undefined || d.kind === 'label' || done(d.name)) continue;
        if (onPath.has(d.name)) onCycle(path, d);
        else enter(d);
        continue;
      }
      frames.pop();
      path.pop();
      onPath.delete(top.def.name);
      finish(top.def);
    }
  }

  /** After layout: fixes label addresses and evaluates every .equ, reporting its errors at its definition. */
  finalize(bases: SectionBases, diags: Diagnostic[]): void {
    this.bases = bases;
    for (const def of this.defs.values()) if (def.kind === 'equ') this.equValue(def, diags);
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
      return { error: diag(spanAt(line, expr), `undefined symbol '${name}'${syscallHint(name) ?? didYouMean(name, this.defs.keys())}`) };
    }
    return { value: this.valueOf(def) };
  };

  private equValue(root: SymbolDef, diags: Diagnostic[]): void {
    this.inDependencyOrder(root, (n) => this.finalMemo.has(n), (path, def) => {
      const chain = [...path.slice(path.indexOf(def.name)), def.name].join(' -> ');
      diags.push(diag(def.span, `'.equ ${def.name}' depends on itself: ${chain}`));
      this.finalMemo.set(def.name, 'bad');
    }, (def) => {
      let bad = false;
      const r = evaluate(def.expr!, (name, e, line) => {
        const d = this.defs.get(name);
        if (d === undefined || d.kind === 'label') return this.lookup(name, e, line);
        // Every constant it names is done (inDependencyOrder) or marked bad as part of a cycle.
        const v = this.finalMemo.get(d.name);
        if (v === undefined || v === 'bad') { bad = true; return { value: 0 }; }
        return { value: v };
      }, def.span.line);
      let result: number | 'bad' = 'bad';
      if (!r.ok) diags.push(...r.errors);
      else if (r.value < WORD_MIN || r.value > WORD_MAX) {
        diags.push(diag(def.span, `'.equ ${def.name}' is ${r.value}, which does not fit in 32 bits`));
      } else if (!bad) result = r.value;
      if (!this.finalMemo.has(def.name)) this.finalMemo.set(def.name, result);
    });
  }
}
