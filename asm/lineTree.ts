// One line's AST from ohm's parse tree (asm/grammar.ohm). A plain walk over
// the tree's nodes by position and rule name instead of a semantic operation:
// an ohm operation call builds an argument object and wraps every child of
// every node, which cost a quarter of assembling (issue 18, docs/benchmarks.md).
// The child indexes below follow the grammar's rules term by term.
import type * as OhmModule from 'ohm-js';
import type { Expr, LabelDef, LineAst, Operand, Span, Statement } from './ast.js';
import { diag, type Diagnostic } from './errors.js';

type N = OhmModule.Node;

/** Per-line state of the walk: the line number and where to put bad-token errors. */
export interface LineCtx {
  readonly line: number;
  readonly errors: Diagnostic[];
}

/** `line = sp (name sp ":")? (sp statement)? sp end` */
export function buildLine(line: N, ctx: LineCtx): LineAst {
  const label = line.child(1);
  const statement = line.child(5);
  return {
    line: ctx.line,
    label: label.numChildren === 0 ? null : labelDef(label.child(0), ctx),
    statement: statement.numChildren === 0 ? null : buildStatement(statement.child(0), ctx),
  };
}

function spanOf(node: N, ctx: LineCtx): Span {
  const src = node.source;
  return { line: ctx.line, column: src.startIdx + 1, length: src.endIdx - src.startIdx };
}

function labelDef(name: N, ctx: LineCtx): LabelDef {
  return { name: name.sourceString, span: spanOf(name, ctx) };
}

/** `statement = (directiveName | name) sp operands` */
function buildStatement(s: N, ctx: LineCtx): Statement {
  const head = s.child(0);
  const kind = head.ctorName === 'directiveName' ? 'directive' : 'instruction';
  return { kind, name: head.sourceString.toLowerCase(), span: spanOf(head, ctx), operands: operands(s.child(2), ctx) };
}

/** `operands = (operand (sp "," sp operand)*)?` */
function operands(list: N, ctx: LineCtx): Operand[] {
  const first = list.child(0);
  if (first.numChildren === 0) return [];
  const out = [operand(first.child(0), ctx)];
  const rest = list.child(4).child(0);
  for (let i = 0; i < rest.numChildren; i++) out.push(operand(rest.child(i), ctx));
  return out;
}

/** `operand = memory | expr | string` */
function operand(node: N, ctx: LineCtx): Operand {
  const o = node.child(0);
  switch (o.ctorName) {
    case 'expr': return { kind: 'expr', expr: expr(o, ctx), span: spanOf(o, ctx) };
    case 'memory': return memory(o, ctx);
    default: return string(o, ctx);
  }
}

/** `memory = expr? sp "(" sp name sp ")"` */
function memory(m: N, ctx: LineCtx): Operand {
  const offset = m.child(0);
  const base = m.child(4);
  return {
    kind: 'mem', offset: offset.numChildren === 0 ? null : expr(offset.child(0), ctx),
    base: base.sourceString, baseSpan: spanOf(base, ctx), span: spanOf(m, ctx),
  };
}

/** `expr = term (sp ("+" | "-") sp term)*`, folded to the left. */
function expr(e: N, ctx: LineCtx): Expr {
  const first = e.child(0);
  let left = term(first, ctx);
  const ops = e.child(2);
  const terms = e.child(4);
  const start = first.source.startIdx;
  // Each partial sum spans from the first term to its own last term.
  for (let i = 0; i < terms.numChildren; i++) {
    const t = terms.child(i);
    const right = term(t, ctx);
    const op = ops.child(i).sourceString === '+' ? '+' : '-';
    left = { kind: 'binop', op, left, right, span: { line: ctx.line, column: start + 1, length: t.source.endIdx - start } };
  }
  return left;
}

/** `term = ("-" sp)* (name | numberToken | charLit)`: each minus spans from itself to the end of the term. */
function term(t: N, ctx: LineCtx): Expr {
  const atom = t.child(2);
  let value = atomExpr(atom, ctx);
  const minuses = t.child(0);
  const end = atom.source.endIdx;
  for (let i = minuses.numChildren - 1; i >= 0; i--) {
    const at = minuses.child(i).source.startIdx;
    const span = { line: ctx.line, column: at + 1, length: end - at };
    // Fold `-5` into a number so that `.word -5` and `li r1, -5` need no evaluation.
    value = value.kind === 'num' ? { kind: 'num', value: -value.value, span } : { kind: 'neg', operand: value, span };
  }
  return value;
}

function atomExpr(atom: N, ctx: LineCtx): Expr {
  switch (atom.ctorName) {
    case 'name': return { kind: 'sym', name: atom.sourceString, span: spanOf(atom, ctx) };
    case 'numberToken': return numberToken(atom, ctx);
    default: return { kind: 'num', value: charValue(atom.child(1).child(0), ctx), span: spanOf(atom, ctx) };
  }
}

function numberToken(n: N, ctx: LineCtx): Expr {
  const text = n.sourceString;
  const span = spanOf(n, ctx);
  const value = parseNumber(text);
  if (value !== undefined) return { kind: 'num', value, span };
  const wellFormed = /^(0x[0-9a-f]+|0b[01]+|[0-9]+)$/i.test(text);
  ctx.errors.push(diag(span, wellFormed
    ? `number '${text}' is too large`
    : `bad number '${text}': write decimal (42), hex (0x2a) or binary (0b101010)`));
  return { kind: 'num', value: 0, span };
}

/** Decimal, 0x hex or 0b binary; undefined when malformed. */
export function parseNumber(text: string): number | undefined {
  let value: number;
  if (/^0x[0-9a-f]+$/i.test(text)) value = parseInt(text.slice(2), 16);
  else if (/^0b[01]+$/i.test(text)) value = parseInt(text.slice(2), 2);
  else if (/^[0-9]+$/.test(text)) value = parseInt(text, 10);
  else return undefined;
  return Number.isSafeInteger(value) ? value : undefined;
}

const ESCAPES: ReadonlyMap<string, number> = new Map([
  ['n', 10], ['t', 9], ['r', 13], ['0', 0], ['\\', 92], ["'", 39], ['"', 34],
]);

/** A `charChar` or `stringChar` case: `"\\" any -- escape` or `any -- plain`; the plain character's code point. */
function charValue(c: N, ctx: LineCtx): number {
  if (c.numChildren === 1) return c.sourceString.codePointAt(0)!;
  const escaped = c.child(1);
  const v = ESCAPES.get(escaped.sourceString);
  if (v !== undefined) return v;
  const span = spanOf(escaped, ctx);
  ctx.errors.push(diag({ ...span, column: span.column - 1 },
    `unknown escape '\\${escaped.sourceString}'; the escapes are \\n \\t \\r \\0 \\\\ \\' \\"`));
  return 0;
}

const utf8 = new TextEncoder();

/** `string = "\"" stringChar* "\""`: escapes give one byte, plain text is stored as UTF-8. */
function string(s: N, ctx: LineCtx): Operand {
  const bytes: number[] = [];
  const chars = s.child(1);
  for (let i = 0; i < chars.numChildren; i++) {
    const c = chars.child(i).child(0);
    if (c.numChildren === 1) {
      const code = c.sourceString.codePointAt(0)!;
      if (code < 0x80) bytes.push(code);
      else for (const b of utf8.encode(c.sourceString)) bytes.push(b);
    } else {
      bytes.push(charValue(c, ctx));
    }
  }
  return { kind: 'str', bytes, span: spanOf(s, ctx) };
}
