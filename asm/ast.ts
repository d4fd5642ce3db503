// The assembler's syntax tree: one `LineAst` per source line, every node with
// the span of the token it came from so that errors can point at it.

/** 1-based line and column of a token, and its length in characters. */
export interface Span {
  readonly line: number;
  readonly column: number;
  readonly length: number;
}

export type Expr =
  | { readonly kind: 'num'; readonly value: number; readonly span: Span }
  | { readonly kind: 'sym'; readonly name: string; readonly span: Span }
  | { readonly kind: 'neg'; readonly operand: Expr; readonly span: Span }
  | { readonly kind: 'binop'; readonly op: '+' | '-'; readonly left: Expr; readonly right: Expr; readonly span: Span };

export type Operand =
  | { readonly kind: 'expr'; readonly expr: Expr; readonly span: Span }
  | { readonly kind: 'mem'; readonly offset: Expr | null; readonly base: string; readonly baseSpan: Span; readonly span: Span }
  | { readonly kind: 'str'; readonly bytes: readonly number[]; readonly span: Span };

export interface Statement {
  readonly kind: 'instruction' | 'directive';
  /** Lower-cased; directives keep their leading dot. */
  readonly name: string;
  readonly span: Span;
  readonly operands: readonly Operand[];
}

export interface LabelDef {
  readonly name: string;
  readonly span: Span;
}

export interface LineAst {
  readonly line: number;
  readonly label: LabelDef | null;
  readonly statement: Statement | null;
}
