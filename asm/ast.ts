// The assembler's syntax tree: one `LineAst` per source line, every node with
// the column and length of the token it came from so that errors can point at
// it. The nodes below a LineAst hold no line number: the same text always
// gives the same tree, so a line that repeats shares the tree of its first
// occurrence (asm/lineCache.ts), and a Span (with its line) is made only for
// a message. Fewer, smaller objects that live until the image is written were
// most of the assembler's garbage-collection time (issue 18, docs/benchmarks.md).

/** Where a token sits in its line: 1-based column and length in characters. */
export interface Pos {
  readonly column: number;
  readonly length: number;
}

/** 1-based line and column of a token, and its length in characters. */
export interface Span extends Pos {
  readonly line: number;
}

/** The span of the token at `p` on `line` (a sequence number over the expanded program, see include.ts). */
export function spanAt(line: number, p: Pos): Span {
  return { line, column: p.column, length: p.length };
}

export type Expr =
  | { readonly kind: 'num'; readonly value: number; readonly column: number; readonly length: number }
  | { readonly kind: 'sym'; readonly name: string; readonly column: number; readonly length: number }
  | { readonly kind: 'neg'; readonly operand: Expr; readonly column: number; readonly length: number }
  | { readonly kind: 'binop'; readonly op: '+' | '-'; readonly left: Expr; readonly right: Expr; readonly column: number; readonly length: number };

export interface MemOperand {
  readonly kind: 'mem';
  readonly offset: Expr | null;
  readonly base: string;
  readonly baseColumn: number;
  readonly baseLength: number;
  readonly column: number;
  readonly length: number;
}

export interface StrOperand {
  readonly kind: 'str';
  readonly bytes: readonly number[];
  readonly column: number;
  readonly length: number;
}

/** An operand: an expression (the expression's own node: it spans the whole operand), memory, or a string. */
export type Operand = Expr | MemOperand | StrOperand;

export function isExpr(o: Operand): o is Expr {
  return o.kind !== 'mem' && o.kind !== 'str';
}

/** An instruction or directive; its column and length are its name's. */
export interface Statement extends Pos {
  readonly kind: 'instruction' | 'directive';
  /** Lower-cased; directives keep their leading dot. */
  readonly name: string;
  readonly operands: readonly Operand[];
}

export interface LabelDef extends Pos {
  readonly name: string;
}

/** A line's tree; `label` and `statement` may be shared with other lines of the same text, and are never changed. */
export interface LineAst {
  readonly line: number;
  readonly label: LabelDef | null;
  readonly statement: Statement | null;
}
