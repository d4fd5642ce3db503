// One line's AST from ohm's parse tree (asm/grammar.ohm). A plain walk over
// the tree's raw nodes by position instead of a semantic operation: an ohm
// operation call builds an argument object, and ohm's node wrappers build an
// interval object per child, which together cost a quarter of assembling
// (issue 18, docs/benchmarks.md). The child indexes below follow the
// grammar's rules term by term.
//
// The raw tree is ohm-js 17's own (package.json pins the version): a
// nonterminal node has `ctorName`, `children`, `matchLength` and
// `childOffsets` relative to its own start; an iteration node (`*`, `?`)
// has `children` and `childOffsets` relative to the start of the nearest
// nonterminal around it; a terminal node has only `matchLength`.
import type { Expr, LabelDef, LineAst, Operand, Span, Statement } from './ast.js';
import { diag, type Diagnostic } from './errors.js';

/**
 * The rules whose nodes this walk reads only as a whole (their start and
 * length, never their children): the compiled matcher (asm/lineMatcher.ts)
 * builds their nodes without children. Checked by test/asm/lineMatcher.test.ts.
 */
export const LEAF_RULES: ReadonlySet<string> = new Set(['sp', 'name', 'directiveName', 'numberToken', 'any', 'end']);

/** A node of ohm's concrete syntax tree, as ohm-js 17 builds it. */
export interface RawNode {
  readonly ctorName: string;
  readonly matchLength: number;
  readonly children: readonly RawNode[];
  readonly childOffsets: readonly number[];
}

/** Per-line state of the walk: the line's text and number, and where to put bad-token errors. */
export interface LineCtx {
  readonly text: string;
  readonly line: number;
  readonly errors: Diagnostic[];
}

/** A nonterminal node and where it starts in the line. */
interface At {
  readonly node: RawNode;
  readonly at: number;
}

/** Child `i` of the nonterminal `n`. */
function child(n: At, i: number): At {
  return { node: n.node.children[i]!, at: n.at + n.node.childOffsets[i]! };
}

/** Element `j` of the iteration node that is child `i` of the nonterminal `n`. */
function element(n: At, i: number, j: number): At {
  const iter = n.node.children[i]!;
  return { node: iter.children[j]!, at: n.at + iter.childOffsets[j]! };
}

function count(n: At, i: number): number {
  return n.node.children[i]!.children.length;
}

function textOf(n: At, ctx: LineCtx): string {
  return ctx.text.slice(n.at, n.at + n.node.matchLength);
}

/** A node's span, for a message about it. */
function spanOf(n: At, ctx: LineCtx): Span {
  return { line: ctx.line, column: n.at + 1, length: n.node.matchLength };
}

/** `line = sp (name sp ":")? (sp statement)? sp end`; `root` is the match's tree, starting at `at`. */
export function buildLine(root: RawNode, at: number, ctx: LineCtx): LineAst {
  const line = { node: root, at };
  return {
    line: ctx.line,
    label: count(line, 1) === 0 ? null : labelDef(element(line, 1, 0), ctx),
    statement: count(line, 5) === 0 ? null : buildStatement(element(line, 5, 0), ctx),
  };
}

function labelDef(name: At, ctx: LineCtx): LabelDef {
  return { name: textOf(name, ctx), column: name.at + 1, length: name.node.matchLength };
}

/** `statement = (directiveName | name) sp operands` */
function buildStatement(s: At, ctx: LineCtx): Statement {
  const head = child(s, 0);
  const kind = head.node.ctorName === 'directiveName' ? 'directive' : 'instruction';
  return { kind, name: textOf(head, ctx).toLowerCase(), column: head.at + 1, length: head.node.matchLength, operands: operands(child(s, 2), ctx) };
}

const NO_OPERANDS: readonly Operand[] = Object.freeze([]);

/** `operands = (operand (sp "," sp operand)*)?`; the list is made at its size, since it lives until the image is made. */
function operands(list: At, ctx: LineCtx): readonly Operand[] {
  if (count(list, 0) === 0) return NO_OPERANDS;
  // Child 4 is the `?` around the `*` of further operands; both count from this rule's start.
  const rest = list.node.children[4]!.children[0]!;
  const out = new Array<Operand>(1 + rest.children.length);
  out[0] = operand(element(list, 0, 0), ctx);
  for (let j = 0; j < rest.children.length; j++) {
    out[j + 1] = operand({ node: rest.children[j]!, at: list.at + rest.childOffsets[j]! }, ctx);
  }
  return out;
}

/** `operand = memory | expr | string` */
function operand(n: At, ctx: LineCtx): Operand {
  const o = child(n, 0);
  switch (o.node.ctorName) {
    // An expression spans its operand exactly (`expr` ends with a term), so it is the operand.
    case 'expr': return expr(o, ctx);
    case 'memory': return memory(o, ctx);
    default: return string(o, ctx);
  }
}

/** `memory = expr? sp "(" sp name sp ")"` */
function memory(m: At, ctx: LineCtx): Operand {
  const base = child(m, 4);
  return {
    kind: 'mem', offset: count(m, 0) === 0 ? null : expr(element(m, 0, 0), ctx),
    base: textOf(base, ctx), baseColumn: base.at + 1, baseLength: base.node.matchLength, column: m.at + 1, length: m.node.matchLength,
  };
}

/**
 * Most terms in one expression, and most minus signs before one term. The
 * tree is walked recursively (evaluation, the symbols named, the text shown
 * in a message), so its depth must stay far below the host's stack: a line of
 * `1+1+...` with 10,000 terms overflowed it (exit 70, attack28).
 */
export const MAX_EXPR_TERMS = 1000;

/** `expr = term (sp ("+" | "-") sp term)*`, folded to the left. */
function expr(e: At, ctx: LineCtx): Expr {
  const first = child(e, 0);
  const terms = 1 + count(e, 4);
  if (terms > MAX_EXPR_TERMS) {
    ctx.errors.push(diag(spanOf(e, ctx), `this expression has ${terms} terms, more than ${MAX_EXPR_TERMS}: give parts of it names with .equ`));
    return { kind: 'num', value: 0, column: e.at + 1, length: e.node.matchLength };
  }
  let left = term(first, ctx);
  // Each partial sum spans from the first term to its own last term.
  for (let j = 0; j < count(e, 4); j++) {
    const t = element(e, 4, j);
    const right = term(t, ctx);
    const op = ctx.text[element(e, 2, j).at] === '+' ? '+' : '-';
    left = { kind: 'binop', op, left, right, column: first.at + 1, length: t.at + t.node.matchLength - first.at };
  }
  return left;
}

/** `term = ("-" sp)* (name | numberToken | charLit)`: each minus spans from itself to the end of the term. */
function term(t: At, ctx: LineCtx): Expr {
  const atom = child(t, 2);
  let value = atomExpr(atom, ctx);
  const end = atom.at + atom.node.matchLength;
  if (count(t, 0) > MAX_EXPR_TERMS) {
    ctx.errors.push(diag(spanOf(t, ctx), `this term has ${count(t, 0)} minus signs, more than ${MAX_EXPR_TERMS}`));
    return { kind: 'num', value: 0, column: t.at + 1, length: t.node.matchLength };
  }
  for (let j = count(t, 0) - 1; j >= 0; j--) {
    const at = element(t, 0, j).at;
    const column = at + 1;
    const length = end - at;
    // Fold `-5` into a number so that `.word -5` and `li r1, -5` need no evaluation.
    value = value.kind === 'num' ? { kind: 'num', value: -value.value, column, length } : { kind: 'neg', operand: value, column, length };
  }
  return value;
}

function atomExpr(atom: At, ctx: LineCtx): Expr {
  switch (atom.node.ctorName) {
    case 'name': return { kind: 'sym', name: textOf(atom, ctx), column: atom.at + 1, length: atom.node.matchLength };
    case 'numberToken': return numberToken(atom, ctx);
    // `charLit = "'" charChar "'"`, and charChar is one of its two cases.
    default: return { kind: 'num', value: charValue(child(child(atom, 1), 0), ctx), column: atom.at + 1, length: atom.node.matchLength };
  }
}

function numberToken(n: At, ctx: LineCtx): Expr {
  const text = textOf(n, ctx);
  const column = n.at + 1;
  const length = n.node.matchLength;
  const value = parseNumber(text);
  if (value !== undefined) return { kind: 'num', value, column, length };
  const wellFormed = /^(0x[0-9a-f]+|0b[01]+|[0-9]+)$/i.test(text);
  ctx.errors.push(diag(spanOf(n, ctx), wellFormed
    ? `number '${text}' is too large`
    : `bad number '${text}': write decimal (42), hex (0x2a) or binary (0b101010)`));
  return { kind: 'num', value: 0, column, length };
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
function charValue(c: At, ctx: LineCtx): number {
  if (c.node.children.length === 1) return ctx.text.codePointAt(c.at)!;
  const escaped = child(c, 1);
  const v = ESCAPES.get(textOf(escaped, ctx));
  if (v !== undefined) return v;
  const span = spanOf(escaped, ctx);
  ctx.errors.push(diag({ ...span, column: span.column - 1 },
    `unknown escape '\\${textOf(escaped, ctx)}'; the escapes are \\n \\t \\r \\0 \\\\ \\' \\"`));
  return 0;
}

const utf8 = new TextEncoder();

/** `string = "\"" stringChar* "\""`: escapes give one byte, plain text is stored as UTF-8. */
function string(s: At, ctx: LineCtx): Operand {
  const bytes: number[] = [];
  for (let j = 0; j < count(s, 1); j++) {
    const c = child(element(s, 1, j), 0);
    if (c.node.children.length === 2) { bytes.push(charValue(c, ctx)); continue; }
    const code = ctx.text.codePointAt(c.at)!;
    if (code < 0x80) bytes.push(code);
    else for (const b of utf8.encode(textOf(c, ctx))) bytes.push(b);
  }
  return { kind: 'str', bytes, column: s.at + 1, length: s.node.matchLength };
}
