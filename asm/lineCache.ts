// Lines that repeat (`ret`, `push ra`, `.text`, `addi sp, sp, -16`) are
// parsed once per program: the grammar matches one line at a time, so the
// same text always gives the same tree, only the line number in its spans
// differs. A hit copies the tree with the new line number, some 20 times
// cheaper than asking ohm again (issue 18, docs/benchmarks.md). Only clean
// lines are kept: a line with errors is rare and is parsed again.
import type { Expr, LineAst, Operand, Span, Statement } from './ast.js';

export class LineCache {
  private readonly byText = new Map<string, LineAst>();

  /** The tree of `text` at `line`, if this text was parsed cleanly before. */
  find(text: string, line: number): LineAst | undefined {
    const hit = this.byText.get(text);
    return hit === undefined ? undefined : restampLine(hit, line);
  }

  keep(text: string, ast: LineAst): void {
    this.byText.set(text, ast);
  }
}

function restampSpan(s: Span, line: number): Span {
  return { line, column: s.column, length: s.length };
}

function restampLine(l: LineAst, line: number): LineAst {
  return {
    line,
    label: l.label === null ? null : { name: l.label.name, span: restampSpan(l.label.span, line) },
    statement: l.statement === null ? null : restampStatement(l.statement, line),
  };
}

function restampStatement(s: Statement, line: number): Statement {
  return { kind: s.kind, name: s.name, span: restampSpan(s.span, line), operands: s.operands.map((o) => restampOperand(o, line)) };
}

function restampOperand(o: Operand, line: number): Operand {
  switch (o.kind) {
    case 'expr': return { kind: 'expr', expr: restampExpr(o.expr, line), span: restampSpan(o.span, line) };
    case 'mem': return {
      kind: 'mem', offset: o.offset === null ? null : restampExpr(o.offset, line),
      base: o.base, baseSpan: restampSpan(o.baseSpan, line), span: restampSpan(o.span, line),
    };
    case 'str': return { kind: 'str', bytes: o.bytes, span: restampSpan(o.span, line) };
  }
}

function restampExpr(e: Expr, line: number): Expr {
  switch (e.kind) {
    case 'num': return { kind: 'num', value: e.value, span: restampSpan(e.span, line) };
    case 'sym': return { kind: 'sym', name: e.name, span: restampSpan(e.span, line) };
    case 'neg': return { kind: 'neg', operand: restampExpr(e.operand, line), span: restampSpan(e.span, line) };
    case 'binop': return { kind: 'binop', op: e.op, left: restampExpr(e.left, line), right: restampExpr(e.right, line), span: restampSpan(e.span, line) };
  }
}
