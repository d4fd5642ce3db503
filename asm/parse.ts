// The one parse boundary: source text in, one LineAst per line out, and every
// syntax problem as a Diagnostic in beginner terms (never ohm's raw dump).
// Lines are parsed one by one so that a mistake on one line cannot hide the
// errors of the others.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as OhmModule from 'ohm-js';

let ohmModule: typeof OhmModule | undefined;

/**
 * ohm-js, loaded on first use: with the matcher the build ships (see
 * lineMatcher() below), only a line with a syntax error needs ohm, and a
 * clean program never loads it (issue 18). ohm-js ships one bundled CommonJS
 * file beside its many ES modules; loading that bundle costs ~15 ms of CPU
 * against ~35 ms. scripts/bundle-cli.mjs rewrites this exact call.
 */
function ohm(): typeof OhmModule {
  ohmModule ??= createRequire(import.meta.url)('ohm-js') as typeof OhmModule;
  return ohmModule;
}

import type { LabelDef, LineAst, Span } from './ast.js';
import { diag, type Diagnostic } from './errors.js';
import { directiveHint } from './hints.js';
import { LineCache } from './lineCache.js';
import { compileMatcher, type LineMatcher } from './lineMatcher.js';
import { buildLine, LEAF_RULES, type LineCtx, type RawNode } from './lineTree.js';
import { habitHint, lineMistake, tokenMistake } from './syntaxHints.js';

export interface ParsedLine {
  readonly ast: LineAst;
  /** Syntax errors; when there are any, `ast.statement` is null (the label, if well formed, is kept). */
  readonly errors: readonly Diagnostic[];
}

let cached: OhmModule.Grammar | undefined;

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
  const withRecipes = ohm() as unknown as { makeRecipe(recipe: unknown): OhmModule.Grammar };
  if (recipe !== undefined) return withRecipes.makeRecipe(JSON.parse(recipe));
  return ohm().grammar(readFileSync(new URL('./grammar.ohm', import.meta.url), 'utf8'));
}

/** Compiles the grammar once, on first use (reading a file at import time would slow every CLI start). */
function compiled(): OhmModule.Grammar {
  cached ??= loadGrammar();
  return cached;
}

let matcher: LineMatcher | null | undefined;

/**
 * The grammar compiled to plain functions (asm/lineMatcher.ts): the one the
 * build generated from grammar.ohm and wrote beside this module (and which
 * scripts/bundle-cli.mjs puts inside the CLI's bundle), else made now from the
 * loaded grammar's own rules (under the test runner, running from source, and
 * in the browser); null if the grammar ever uses what the compiler does not
 * handle, and then ohm matches every line.
 */
function lineMatcher(): LineMatcher | null {
  if (matcher === undefined) matcher = shippedMatcher() ?? generatedMatcher();
  return matcher;
}

function shippedMatcher(): LineMatcher | undefined {
  let shipped: unknown;
  try {
    // scripts/bundle-cli.mjs rewrites this exact call, so that the bundle holds the matcher.
    shipped = createRequire(import.meta.url)('./grammar.matcher.cjs');
  } catch {
    return undefined;
  }
  return typeof shipped === 'function' ? shipped as LineMatcher : undefined;
}

function generatedMatcher(): LineMatcher | null {
  const pexprs = (ohm() as unknown as { pexprs: Parameters<typeof compileMatcher>[1] }).pexprs;
  try {
    return compileMatcher(compiled(), pexprs, LEAF_RULES);
  } catch {
    return null;
  }
}

/** The tree of a successful match and where it starts: ohm-js 17 keeps them on the result (see asm/lineTree.ts). */
function treeOf(result: OhmModule.MatchResult): { root: RawNode; at: number } {
  const r = result as unknown as { _cst: RawNode; _cstOffset: number };
  return { root: r._cst, at: r._cstOffset };
}

export function parseSource(source: string): ParsedLine[] {
  const cache = new LineCache();
  return source.split('\n').map((text, i) => parseLine(text, i + 1, cache));
}

/** The errors of a clean line: one shared empty list, since every line's result lives until the image is made. */
const NO_ERRORS: readonly Diagnostic[] = Object.freeze([]);

/** Blank and comment-only lines: what the grammar would say, without asking ohm (a third of most programs). */
const EMPTY_LINE = /^[ \t\r]*(?:[;#].*)?$/;

/**
 * Longest line the assembler parses. Matching costs a few hundred bytes of
 * host memory per character of a line (a string's bytes, a list's items):
 * one .ascii of 50 MB or a .word list of 5 million items on one line ran
 * the host out of memory (attack24). Many lines of the same data cost a
 * tenth as much.
 */
export const MAX_LINE_CHARS = 65_536;

/** One line; with a `cache` (one per program), a line whose text was parsed before is not parsed again. */
export function parseLine(text: string, line: number, cache?: LineCache): ParsedLine {
  if (text.length > MAX_LINE_CHARS) {
    const message = `this line is ${text.length} characters long, more than ${MAX_LINE_CHARS}: split a long string or list over several lines (each .ascii, .byte or .word goes on where the one before it ended)`;
    return { ast: { line, label: salvageLabel(text), statement: null }, errors: [diag({ line, column: MAX_LINE_CHARS + 1, length: 1 }, message)] };
  }
  if (EMPTY_LINE.test(text)) return { ast: { line, label: null, statement: null }, errors: NO_ERRORS };
  const hit = cache?.find(text, line);
  if (hit !== undefined) return { ast: hit, errors: NO_ERRORS };
  // The compiled matcher takes the lines that match; ohm's own matcher says what is wrong with the rest.
  const fast = lineMatcher()?.(text) ?? null;
  let tree: { root: RawNode; at: number };
  if (fast !== null) tree = { root: fast, at: 0 };
  else {
    const result = compiled().match(text);
    if (result.failed()) {
      return { ast: { line, label: salvageLabel(text), statement: null }, errors: [syntaxError(text, line, result)] };
    }
    tree = treeOf(result);
  }
  const ctx: LineCtx = { text, line, errors: [] };
  const { root, at } = tree;
  const ast = buildLine(root, at, ctx);
  if (ctx.errors.length > 0) return { ast: { ...ast, statement: null }, errors: ctx.errors };
  cache?.keep(text, ast);
  return { ast, errors: NO_ERRORS };
}

/** Keeps `name:` at the start of a line that failed to parse, so other lines' uses of it are not reported as undefined. */
function salvageLabel(text: string): LabelDef | null {
  const m = /^(\s*)([A-Za-z_][A-Za-z0-9_.$]*)\s*:/.exec(text);
  if (m === null) return null;
  return { name: m[2]!, column: m[1]!.length + 1, length: m[2]!.length };
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
  const mistake = lineMistake(text, line);
  if (mistake !== undefined) return mistake;
  const pos = result.getRightmostFailurePosition();
  const token = tokenAt(text, pos);
  const found = token === '' ? 'end of the line' : /^[\x00-\x1f\x7f]$/.test(token) ? `control character 0x${token.charCodeAt(0).toString(16).padStart(2, '0')}` : `'${token}'`;
  const span: Span = { line, column: pos + 1, length: Math.max(1, token.length) };
  const register = tokenMistake(token, span);
  if (register !== undefined) return register;
  return diag(span, `unexpected ${found}; expected ${expectedText(result)}${habitHint(text, pos, token) || operatorHint(text, pos, token)}`);
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

/**
 * An arithmetic operator the language does not have (SPEC section 3: an
 * expression is a number, a symbol, or a symbol plus or minus a number),
 * met where an operand's expression could go on: say what there is instead.
 */
function operatorHint(text: string, pos: number, token: string): string {
  if (!['*', '/', '%', '<', '>', '&', '|', '^', '~'].includes(token)) return '';
  if (!/[A-Za-z0-9_)']\s*$/.test(text.slice(0, pos))) return '';
  const op = token === '<' || token === '>' ? text.slice(pos, pos + 2) : token;
  return `; expressions take only + and -, not '${op}': write the value (or an .equ of it) instead`;
}

/** The word (or single character) starting at `pos`, for "unexpected 'X'". */
function tokenAt(text: string, pos: number): string {
  const m = /^[A-Za-z0-9_.$]+/.exec(text.slice(pos));
  if (m !== null) return m[0];
  // A whole code point: half of a surrogate pair would print as U+FFFD.
  const cp = text.codePointAt(pos);
  return cp === undefined ? '' : String.fromCodePoint(cp).trim();
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
        // .ascii 'hello': a string in another language's quotes; say how strings are written here.
        const end = text.indexOf("'", i + 1);
        if (end > i + 2 && /\.(ascii|asciz)\s/i.test(text.slice(0, i))) {
          return diag({ line, column: i + 1, length: end - i + 1 },
            `single quotes hold one character, like 'a'; a string takes double quotes, like "${text.slice(i + 1, end)}"`);
        }
        return diag({ line, column: i + 1, length: 1 },
          `bad character literal: write one character between single quotes, like 'a' or '\\n'`);
      }
      i = close;
    }
  }
  return undefined;
}

/** The raw tree of `text` from ohm's own matcher, or null when it fails (for the differential test). */
export function matchWithOhm(text: string): RawNode | null {
  const result = compiled().match(text);
  return result.failed() ? null : treeOf(result).root;
}

/** The raw tree of `text` from the compiled matcher, or null when it fails (for the differential test). */
export function matchCompiled(text: string): RawNode | null {
  const m = lineMatcher();
  if (m === null) throw new Error('the grammar did not compile to a matcher');
  return m(text);
}
