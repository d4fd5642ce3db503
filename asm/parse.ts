// The one parse boundary: source text in, one LineAst per line out, and every
// syntax problem as a Diagnostic in beginner terms (never ohm's raw dump).
// Lines are parsed one by one so that a mistake on one line cannot hide the
// errors of the others.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as OhmModule from 'ohm-js';

// ohm-js ships one bundled CommonJS file beside its many ES modules; loading
// the bundle costs ~15 ms of CPU against ~35 ms (measured at every CLI start).
const ohm: typeof OhmModule = createRequire(import.meta.url)('ohm-js');

import type { Expr, LabelDef, LineAst, Operand, Span, Statement } from './ast.js';
import { diag, type Diagnostic } from './errors.js';
import { directiveHint } from './hints.js';

export interface ParsedLine {
  readonly ast: LineAst;
  /** Syntax errors; when there are any, `ast.statement` is null (the label, if well formed, is kept). */
  readonly errors: readonly Diagnostic[];
}

/** Per-line state the semantic actions need: the line number and where to put bad-token errors. */
interface Ctx {
  readonly line: number;
  readonly errors: Diagnostic[];
}

let cached: { grammar: OhmModule.Grammar; semantics: OhmModule.Semantics } | undefined;

/**
 * The build (scripts/copy-assets.mjs) stores the compiled grammar beside the
 * module as an ohm recipe, which loads ~30x faster than compiling grammar.ohm
 * (about 4 ms against 120 ms: most of `illusion run`'s start-up). Under the
 * test runner, running from source, there is no recipe: compile the .ohm.
 */
function loadGrammar(): OhmModule.Grammar {
  let recipe: string | undefined;
  try {
    recipe = readFileSync(new URL('./grammar.recipe.json', import.meta.url), 'utf8');
  } catch {
    recipe = undefined;
  }
  // makeRecipe is exported by ohm-js but missing from its type declarations.
  const withRecipes = ohm as unknown as { makeRecipe(recipe: unknown): OhmModule.Grammar };
  if (recipe !== undefined) return withRecipes.makeRecipe(JSON.parse(recipe));
  return ohm.grammar(readFileSync(new URL('./grammar.ohm', import.meta.url), 'utf8'));
}

/** Compiles the grammar once, on first use (reading a file at import time would slow every CLI start). */
function compiled(): { grammar: OhmModule.Grammar; semantics: OhmModule.Semantics } {
  if (cached === undefined) {
    const grammar = loadGrammar();
    cached = { grammar, semantics: makeSemantics(grammar) };
  }
  return cached;
}

export function parseSource(source: string): ParsedLine[] {
  return source.split('\n').map((text, i) => parseLine(text, i + 1));
}

/** Blank and comment-only lines: what the grammar would say, without asking ohm (a third of most programs). */
const EMPTY_LINE = /^[ \t\r]*(?:[;#].*)?$/;

export function parseLine(text: string, line: number): ParsedLine {
  if (EMPTY_LINE.test(text)) return { ast: { line, label: null, statement: null }, errors: [] };
  const { grammar, semantics } = compiled();
  const result = grammar.match(text);
  if (result.failed()) {
    return { ast: { line, label: salvageLabel(text, line), statement: null }, errors: [syntaxError(text, line, result)] };
  }
  const ctx: Ctx = { line, errors: [] };
  const ast = semantics(result)['ast'](ctx) as LineAst;
  if (ctx.errors.length > 0) return { ast: { ...ast, statement: null }, errors: ctx.errors };
  return { ast, errors: [] };
}

/** Keeps `name:` at the start of a line that failed to parse, so other lines' uses of it are not reported as undefined. */
function salvageLabel(text: string, line: number): LabelDef | null {
  const m = /^(\s*)([A-Za-z_][A-Za-z0-9_.$]*)\s*:/.exec(text);
  if (m === null) return null;
  return { name: m[2]!, span: { line, column: m[1]!.length + 1, length: m[2]!.length } };
}

function spanOf(node: OhmModule.Node, ctx: Ctx): Span {
  const src = node.source;
  return { line: ctx.line, column: src.startIdx + 1, length: src.endIdx - src.startIdx };
}

const ESCAPES: ReadonlyMap<string, number> = new Map([
  ['n', 10], ['t', 9], ['r', 13], ['0', 0], ['\\', 92], ["'", 39], ['"', 34],
]);

function escapeValue(node: OhmModule.Node, ctx: Ctx): number {
  const c = node.sourceString;
  const v = ESCAPES.get(c);
  if (v === undefined) {
    ctx.errors.push(diag({ ...spanOf(node, ctx), column: spanOf(node, ctx).column - 1 },
      `unknown escape '\\${c}'; the escapes are \\n \\t \\r \\0 \\\\ \\' \\"`));
    return 0;
  }
  return v;
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

/** The `ctx` argument of the `ast(ctx)` operation (ohm's typings do not declare `args`). */
function ctxOf(node: OhmModule.Node): Ctx {
  return (node as unknown as { args: { ctx: Ctx } }).args.ctx;
}

function makeSemantics(grammar: OhmModule.Grammar): OhmModule.Semantics {
  const semantics = grammar.createSemantics();
  // The `ctx` argument carries the line number and the error list into every action.
  const ast = (n: OhmModule.Node, ctx: Ctx): unknown => n['ast'](ctx);
  semantics.addOperation('ast(ctx)', {
    Line(this: OhmModule.Node, label: OhmModule.Node, statement: OhmModule.Node, _end: OhmModule.Node): LineAst {
      const ctx = ctxOf(this);
      const l = label.children[0];
      const s = statement.children[0];
      return {
        line: ctx.line,
        label: l === undefined ? null : (ast(l, ctx) as LabelDef),
        statement: s === undefined ? null : (ast(s, ctx) as Statement),
      };
    },
    LabelDef(this: OhmModule.Node, name: OhmModule.Node, _colon: OhmModule.Node): LabelDef {
      return { name: name.sourceString, span: spanOf(name, ctxOf(this)) };
    },
    Statement(this: OhmModule.Node, s: OhmModule.Node) {
      return ast(s, ctxOf(this));
    },
    Directive(this: OhmModule.Node, name: OhmModule.Node, operands: OhmModule.Node): Statement {
      const ctx = ctxOf(this);
      return { kind: 'directive', name: name.sourceString.toLowerCase(), span: spanOf(name, ctx), operands: ast(operands, ctx) as Operand[] };
    },
    Instruction(this: OhmModule.Node, name: OhmModule.Node, operands: OhmModule.Node): Statement {
      const ctx = ctxOf(this);
      return { kind: 'instruction', name: name.sourceString.toLowerCase(), span: spanOf(name, ctx), operands: ast(operands, ctx) as Operand[] };
    },
    Operands(this: OhmModule.Node, first: OhmModule.Node, _commas: OhmModule.Node, rest: OhmModule.Node) {
      const ctx = ctxOf(this);
      const head = first.children[0];
      if (head === undefined) return [];
      return [ast(head, ctx), ...rest.children[0]!.children.map((c) => ast(c, ctx))];
    },
    Operand(this: OhmModule.Node, o: OhmModule.Node): Operand {
      const ctx = ctxOf(this);
      if (o.ctorName === 'Expr') return { kind: 'expr', expr: ast(o, ctx) as Expr, span: spanOf(o, ctx) };
      return ast(o, ctx) as Operand;
    },
    Memory(this: OhmModule.Node, offset: OhmModule.Node, _open: OhmModule.Node, base: OhmModule.Node, _close: OhmModule.Node): Operand {
      const ctx = ctxOf(this);
      const o = offset.children[0];
      return {
        kind: 'mem', offset: o === undefined ? null : (ast(o, ctx) as Expr),
        base: base.sourceString, baseSpan: spanOf(base, ctx), span: spanOf(this, ctx),
      };
    },
    Expr(this: OhmModule.Node, first: OhmModule.Node, ops: OhmModule.Node, terms: OhmModule.Node): Expr {
      const ctx = ctxOf(this);
      let left = ast(first, ctx) as Expr;
      const start = first.source.startIdx;
      // Left to right: each partial sum spans from the first term to its own last term.
      for (let i = 0; i < terms.children.length; i++) {
        const term = terms.children[i]!;
        const right = ast(term, ctx) as Expr;
        const op = ops.children[i]!.sourceString === '+' ? '+' : '-';
        left = { kind: 'binop', op, left, right, span: { line: ctx.line, column: start + 1, length: term.source.endIdx - start } };
      }
      return left;
    },
    Term_neg(this: OhmModule.Node, _minus: OhmModule.Node, t: OhmModule.Node): Expr {
      const ctx = ctxOf(this);
      const inner = ast(t, ctx) as Expr;
      const span = spanOf(this, ctx);
      // Fold `-5` into a number so that `.word -5` and `li r1, -5` need no evaluation.
      if (inner.kind === 'num') return { kind: 'num', value: -inner.value, span };
      return { kind: 'neg', operand: inner, span };
    },
    Term(this: OhmModule.Node, t: OhmModule.Node) {
      return ast(t, ctxOf(this));
    },
    numberToken(this: OhmModule.Node, _first: OhmModule.Node, _rest: OhmModule.Node): Expr {
      const ctx = ctxOf(this);
      const self = this;
      const span = spanOf(self, ctx);
      const value = parseNumber(self.sourceString);
      if (value === undefined) {
        const wellFormed = /^(0x[0-9a-f]+|0b[01]+|[0-9]+)$/i.test(self.sourceString);
        ctx.errors.push(diag(span, wellFormed
          ? `number '${self.sourceString}' is too large`
          : `bad number '${self.sourceString}': write decimal (42), hex (0x2a) or binary (0b101010)`));
        return { kind: 'num', value: 0, span };
      }
      return { kind: 'num', value, span };
    },
    charLit(this: OhmModule.Node, _open: OhmModule.Node, c: OhmModule.Node, _close: OhmModule.Node): Expr {
      const ctx = ctxOf(this);
      return { kind: 'num', value: ast(c, ctx) as number, span: spanOf(this, ctx) };
    },
    charChar_escape(this: OhmModule.Node, _backslash: OhmModule.Node, c: OhmModule.Node) {
      return escapeValue(c, ctxOf(this));
    },
    charChar_plain(this: OhmModule.Node, c: OhmModule.Node) {
      return c.sourceString.codePointAt(0)!;
    },
    name(this: OhmModule.Node, _first: OhmModule.Node, _rest: OhmModule.Node): Expr {
      const self = this;
      return { kind: 'sym', name: self.sourceString, span: spanOf(self, ctxOf(this)) };
    },
    string(this: OhmModule.Node, _open: OhmModule.Node, chars: OhmModule.Node, _close: OhmModule.Node): Operand {
      const ctx = ctxOf(this);
      const bytes: number[] = [];
      for (const c of chars.children) {
        const v = ast(c, ctx) as number | string;
        if (typeof v === 'number') bytes.push(v);
        else bytes.push(...new TextEncoder().encode(v)); // plain text is stored as UTF-8
      }
      return { kind: 'str', bytes, span: spanOf(this, ctx) };
    },
    stringChar_escape(this: OhmModule.Node, _backslash: OhmModule.Node, c: OhmModule.Node) {
      return escapeValue(c, ctxOf(this));
    },
    stringChar_plain(this: OhmModule.Node, c: OhmModule.Node) {
      return c.sourceString;
    },
  });
  return semantics;
}

/** Turns an ohm failure into one beginner-readable message at the offending column. */
function syntaxError(text: string, line: number, result: OhmModule.FailedMatchResult): Diagnostic {
  const quote = unterminatedQuote(text, line);
  if (quote !== undefined) return quote;
  // `.section .rodata`: the grammar takes no directive name as an operand; say which sections exist instead.
  const section = /^(\s*(?:[A-Za-z_][A-Za-z0-9_.$]*\s*:\s*)?)\.section\b\s*([^\s,;#]*)/i.exec(text);
  if (section !== null) {
    return diag({ line, column: section[1]!.length + 1, length: 8 }, `unknown directive '.section'${directiveHint('.section', section[2]!.toLowerCase())}`);
  }
  const dotted = /^(\s*)\.[A-Za-z0-9_.$]*\s*:/.exec(text);
  if (dotted !== null) {
    return diag({ line, column: dotted[1]!.length + 1, length: 1 }, `a label cannot start with '.': names start with a letter or '_'`);
  }
  const pos = result.getRightmostFailurePosition();
  const token = tokenAt(text, pos);
  const found = token === '' ? 'the end of the line' : /^[\x00-\x1f\x7f]$/.test(token) ? `control character 0x${token.charCodeAt(0).toString(16).padStart(2, '0')}` : `'${token}'`;
  const span: Span = { line, column: pos + 1, length: Math.max(1, token.length) };
  return diag(span, `unexpected ${found}; expected ${expectedText(result)}`);
}

/**
 * What the parser wanted at the failure, in the user's terms. Ohm lists every
 * token it could have taken (including `+` and `-` that would continue an
 * expression); a beginner needs only the gist.
 */
function expectedText(result: OhmModule.FailedMatchResult): string {
  const raw = result.getExpectedText();
  if (raw.includes('a name') && raw.includes('a number')) {
    return 'an operand: a register, a number, a label, a character like \'a\', a string or a memory operand like 8(sp)';
  }
  if (raw.includes('","')) return "',' or the end of the line";
  if (raw.includes('a directive')) return 'an instruction, a directive or a label';
  return raw.replace(/"((?:[^"\\]|\\.)*)"/g, "'$1'").replace(/end of input/g, 'the end of the line');
}

/** The word (or single character) starting at `pos`, for "unexpected 'X'". */
function tokenAt(text: string, pos: number): string {
  const m = /^[A-Za-z0-9_.$]+/.exec(text.slice(pos));
  if (m !== null) return m[0];
  return text.slice(pos, pos + 1).trim();
}

/** Finds a string or character literal with no closing quote (outside comments). */
function unterminatedQuote(text: string, line: number): Diagnostic | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ';' || c === '#') return undefined;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return diag({ line, column: i + 1, length: 1 }, `unterminated string: add a closing '"'`);
      i = j;
    } else if (c === "'") {
      const close = text[i + 1] === '\\' ? i + 3 : i + 2;
      if (text[close] !== "'") {
        return diag({ line, column: i + 1, length: 1 },
          `bad character literal: write one character between single quotes, like 'a' or '\\n'`);
      }
      i = close;
    }
  }
  return undefined;
}
