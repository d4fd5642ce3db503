// A matcher compiled from asm/grammar.ohm: each rule of the grammar becomes
// one plain JavaScript function (a recursive-descent PEG matcher), generated
// from ohm's own parsing expressions when the grammar is first loaded, so the
// .ohm file stays the one definition of the syntax. It builds the same raw
// tree as ohm-js 17 (asm/lineTree.ts reads it) but keeps no memo table and no
// failure records: a line is short and no rule of the grammar is tried twice
// at one position often enough to matter. It only says "this line matches,
// here is its tree" or "it does not"; for a line that does not, ohm's own
// matcher is asked again for the error message (asm/parse.ts).
//
// Why: ohm's generic matcher allocated ~60 KB a line in memo tables and ran
// unoptimised for most of a 10,000-line program (issue 18, docs/benchmarks.md).
//
// Every kind of parsing expression the grammar uses is handled; any other
// kind (parameters, case-insensitive terminals, Unicode classes, syntactic
// rules that skip spaces) is refused with an error naming it, and asm/parse.ts
// then keeps to ohm alone (test/asm/lineMatcher.test.ts).
import type * as OhmModule from 'ohm-js';
import type { RawNode } from './lineTree.js';

/** A compiled matcher: the tree of `text` from the start rule, or null when the line does not match. */
export type LineMatcher = (text: string) => RawNode | null;

/** The parsing-expression classes ohm exports as `ohm.pexprs` (not in its type declarations). */
interface PExprClasses {
  readonly any: object;
  readonly end: object;
  readonly [kind: string]: unknown;
}

interface Rule {
  readonly body: PExpr;
  readonly formals: readonly string[];
}

type PExpr = { readonly constructor: { readonly name: string } } & Record<string, unknown>;

/** ohm's grammar object, as far as the compiler reads it. */
interface GrammarInternals {
  readonly rules: Record<string, Rule>;
  readonly defaultStartRule: string;
}

/** Thrown for a grammar the compiler does not handle; the message names the rule and the expression kind. */
export class UnsupportedGrammar extends Error {}

/** The JavaScript source of the matcher for `grammar` (exported so tests can show it). */
export function generateMatcherSource(grammar: OhmModule.Grammar, pexprs: PExprClasses, leaves: ReadonlySet<string> = new Set()): string {
  return new Generator(grammar as unknown as GrammarInternals, pexprs, leaves).source();
}

/**
 * Compiles `grammar` to a LineMatcher; throws UnsupportedGrammar for what it
 * cannot compile. The nodes of the rules in `leaves` are built without their
 * children (as ohm's, with empty child lists): for rules whose insides the
 * tree's reader never looks at (spaces, names, numbers), most of a line's
 * nodes, this saves their allocation and the garbage collection after it.
 */
export function compileMatcher(grammar: OhmModule.Grammar, pexprs: PExprClasses, leaves: ReadonlySet<string> = new Set()): LineMatcher {
  const source = generateMatcherSource(grammar, pexprs, leaves);
  // The source is built here from the grammar's own rule bodies, never from user input.
  return new Function(source)() as LineMatcher;
}

/**
 * Emitted code conventions: `s` is the line, `p` the position; each rule
 * function `r_<name>()` returns its nonterminal node (advancing `p`) or null
 * (leaving `p` where it was). Inside a rule, an expression appends its
 * bindings (child nodes) to arrays `B` and `O` (offsets from the rule's start
 * `base`, as ohm counts them) and on failure runs the given failure
 * statement; the caller restores `p` and the arrays.
 */
class Generator {
  private readonly rules = new Map<string, string>();
  private readonly pending: string[] = [];
  private label = 0;

  constructor(
    private readonly grammar: GrammarInternals,
    private readonly pexprs: PExprClasses,
    private readonly leaves: ReadonlySet<string>,
  ) {}

  source(): string {
    const start = this.grammar.defaultStartRule;
    this.want(start);
    while (this.pending.length > 0) {
      const name = this.pending.pop()!;
      this.rules.set(name, this.rule(name));
    }
    return [
      '"use strict";',
      'let s = "", p = 0;',
      // Terminal nodes hold only a length; one shared node per length (they are never changed).
      'const T = [0, 1, 2, 3, 4].map((n) => ({ ctorName: "_terminal", matchLength: n, children: [], childOffsets: [] }));',
      'function term(n) { return n < T.length ? T[n] : { ctorName: "_terminal", matchLength: n, children: [], childOffsets: [] }; }',
      // An iteration that matched nothing shares this empty list (trees are only read).
      'const NONE = Object.freeze([]);',
      'function iter(c, o, n) { return { ctorName: "_iter", matchLength: n, children: c, childOffsets: o }; }',
      ...this.rules.values(),
      `return function match(text) { s = text; p = 0; const n = r_${start}(); return n !== null && p === s.length ? n : null; };`,
    ].join('\n');
  }

  private want(name: string): void {
    if (!this.rules.has(name) && !this.pending.includes(name)) {
      this.rules.set(name, '');
      this.pending.push(name);
    }
  }

  private rule(name: string): string {
    const rule = this.grammar.rules[name];
    if (rule === undefined) throw new UnsupportedGrammar(`rule ${name} is not defined`);
    if (rule.formals.length > 0) throw new UnsupportedGrammar(`rule ${name} has parameters`);
    // A syntactic rule (capitalised) makes ohm skip spaces before each term; not compiled.
    if (name[0] !== name[0]!.toLowerCase() && name[0] !== '_') throw new UnsupportedGrammar(`rule ${name} is syntactic`);
    if (this.leaves.has(name)) {
      const skip = this.skip(rule.body, 'break F;', name);
      return `function r_${name}() {\n const base = p;\n F: {\n${skip}\n return { ctorName: ${JSON.stringify(name)}, matchLength: p - base, children: NONE, childOffsets: NONE };\n }\n p = base; return null;\n}`;
    }
    const body = this.expr(rule.body, 'B', 'O', 'break F;', name);
    return `function r_${name}() {\n const base = p; const B = [], O = [];\n F: {\n${body}\n return { ctorName: ${JSON.stringify(name)}, matchLength: p - base, children: B, childOffsets: O };\n }\n p = base; return null;\n}`;
  }

  private fresh(prefix: string): string {
    return `${prefix}${this.label++}`;
  }

  /** Code that matches `e`, appending its bindings to arrays `b`/`o`, running `fail` when it does not match. */
  private expr(e: PExpr, b: string, o: string, fail: string, rule: string): string {
    const k = this.pexprs;
    if (e === k.any) {
      return `if (p >= s.length) ${fail}\n{ const n = s.codePointAt(p) > 0xffff ? 2 : 1; ${b}.push(term(n)); ${o}.push(p - base); p += n; }`;
    }
    if (e === k.end) return `if (p !== s.length) ${fail}\n${b}.push(T[0]); ${o}.push(p - base);`;
    const kind = this.kindOf(e, rule);
    switch (kind) {
      case 'Terminal': return this.terminal(e['obj'] as string, b, o, fail);
      case 'Range': return this.range(e, b, o, fail);
      case 'Apply': return this.apply(e, b, o, fail, rule);
      case 'Seq': return (e['factors'] as PExpr[]).map((f) => this.expr(f, b, o, fail, rule)).join('\n');
      case 'Alt': case 'Extend': case 'Splice': return this.alt(e['terms'] as PExpr[], b, o, fail, rule);
      case 'Star': return this.iter(e, 0, Infinity, b, o, fail, rule);
      case 'Plus': return this.iter(e, 1, Infinity, b, o, fail, rule);
      case 'Opt': return this.iter(e, 0, 1, b, o, fail, rule);
      case 'Not': return this.not(e['expr'] as PExpr, fail, rule);
      case 'Lookahead': return this.lookahead(e['expr'] as PExpr, b, o, fail, rule);
      case 'Lex': return this.expr(e['expr'] as PExpr, b, o, fail, rule);
      default: throw new UnsupportedGrammar(`rule ${rule}: parsing expression ${kind} is not compiled`);
    }
  }

  /** The ohm class `e` is an instance of, most specific first (Star before Iter, Extend before Alt). */
  private kindOf(e: PExpr, rule: string): string {
    const kinds = ['CaseInsensitiveTerminal', 'Terminal', 'Range', 'Param', 'Extend', 'Splice', 'Alt', 'Seq',
      'Star', 'Plus', 'Opt', 'Iter', 'Not', 'Lookahead', 'Lex', 'Apply', 'UnicodeChar'];
    for (const kind of kinds) {
      const cls = this.pexprs[kind] as (abstract new (...args: never[]) => object) | undefined;
      if (cls !== undefined && e instanceof cls) return kind;
    }
    throw new UnsupportedGrammar(`rule ${rule}: unknown parsing expression ${e.constructor.name}`);
  }

  private terminal(text: string, b: string, o: string, fail: string): string {
    const test = text.length === 1
      ? `p >= s.length || s.charCodeAt(p) !== ${text.charCodeAt(0)}`
      : `!s.startsWith(${JSON.stringify(text)}, p)`;
    return `if (${test}) ${fail}\n${b}.push(term(${text.length})); ${o}.push(p - base); p += ${text.length};`;
  }

  /** Like ohm: a range of single code units compares one code unit, a wider one a code point. */
  private range(e: PExpr, b: string, o: string, fail: string): string {
    const from = (e['from'] as string).codePointAt(0)!;
    const to = (e['to'] as string).codePointAt(0)!;
    const c = this.fresh('c');
    const read = e['matchCodePoint'] === true ? 's.codePointAt(p)' : 's.charCodeAt(p)';
    // Reading past the end would deoptimise the function ("out of bounds"), hence the length test.
    return `const ${c} = p < s.length ? ${read} : -1;\nif (!(${c} >= ${from} && ${c} <= ${to})) ${fail}\n`
      + `{ const n = ${c} > 0xffff ? 2 : 1; ${b}.push(term(n)); ${o}.push(p - base); p += n; }`;
  }

  private apply(e: PExpr, b: string, o: string, fail: string, rule: string): string {
    if ((e['args'] as unknown[]).length > 0) throw new UnsupportedGrammar(`rule ${rule}: a rule applied with arguments`);
    const name = e['ruleName'] as string;
    this.want(name);
    const n = this.fresh('n');
    return `const ${n} = r_${name}();\nif (${n} === null) ${fail}\n${b}.push(${n}); ${o}.push(p - ${n}.matchLength - base);`;
  }

  /** The first alternative that matches; each one starts again from the same position and bindings. */
  private alt(terms: PExpr[], b: string, o: string, fail: string, rule: string): string {
    const done = this.fresh('A');
    const p0 = this.fresh('p');
    const n0 = this.fresh('k');
    const tries = terms.map((t) => {
      const next = this.fresh('L');
      const undo = this.atomic(t, rule) ? '' : `\np = ${p0}; ${this.truncate(b, o, n0)}`;
      return `${next}: {\n${this.expr(t, b, o, `break ${next};`, rule)}\nbreak ${done};\n}${undo}`;
    });
    return `${done}: {\nconst ${p0} = p, ${n0} = ${b}.length;\n${tries.join('\n')}\n${fail}\n}`;
  }

  /** Drops bindings back to `n` entries: pops, since setting an array's length is a slow runtime call in V8. */
  private truncate(b: string, o: string, n: string): string {
    return `while (${b}.length > ${n}) { ${b}.pop(); ${o}.pop(); }`;
  }

  /**
   * Whether `e`, when it fails, leaves the position and the bindings as they
   * were (so a caller need not restore them): a single token, a rule
   * application, a negation, or a choice among such.
   */
  private atomic(e: PExpr, rule: string): boolean {
    if (e === this.pexprs.any || e === this.pexprs.end) return true;
    switch (this.kindOf(e, rule)) {
      case 'Terminal': case 'Range': case 'Apply': case 'Not': return true;
      case 'Alt': case 'Extend': case 'Splice': return (e['terms'] as PExpr[]).every((t) => this.atomic(t, rule));
      case 'Lex': return this.atomic(e['expr'] as PExpr, rule);
      default: return false;
    }
  }

  /**
   * An iteration gives one iteration node per binding of its body (ohm's
   * "columns"); offsets count from the rule's start; an empty one sits at the
   * position where it was tried.
   */
  private iter(e: PExpr, min: number, max: number, b: string, o: string, fail: string, rule: string): string {
    const body = e['expr'] as PExpr;
    const arity = (body as unknown as { getArity(): number }).getArity();
    const cols = Array.from({ length: arity }, () => [this.fresh('col'), this.fresh('off')] as const);
    const [count, start, q, k, loop] = ['m', 'p', 'q', 'k', 'I'].map((x) => this.fresh(x));
    const lastCol = cols[arity - 1];
    const end = lastCol === undefined ? '0' : `${lastCol[1]}[${count} - 1] + ${lastCol[0]}[${count} - 1].matchLength`;
    const first = cols[0] === undefined ? `${start} - base` : `${cols[0][1]}[0]`;
    const undo = this.atomic(body, rule) ? '' : ` p = ${q}; ${this.truncate(b, o, k)}`;
    // The body binds into the rule's arrays; each match's bindings then move to their columns.
    // Columns are made on the first match: most iterations (spaces) match nothing.
    return [
      `const ${start} = p; let ${count} = 0;`,
      ...cols.map(([c, f]) => `let ${c} = NONE, ${f} = NONE;`),
      `while (${count} < ${max === Infinity ? 'Infinity' : max}) {`,
      ` const ${q} = p, ${k} = ${b}.length;`,
      ` ${loop}: {\n${this.expr(body, b, o, `break ${loop};`, rule)}`,
      ` if (${count} === 0) { ${cols.map(([c, f]) => `${c} = []; ${f} = [];`).join(' ')} }`,
      ...cols.map(([c, f], i) => ` ${c}.push(${b}[${k} + ${i}]); ${f}.push(${o}[${k} + ${i}]);`),
      ` ${this.truncate(b, o, k)}`,
      ` ${count}++; continue;`,
      ` }`,
      `${undo} break;`,
      `}`,
      min > 0 ? `if (${count} < ${min}) ${fail}` : '',
      `{ const at = ${count} > 0 ? ${first} : ${start} - base; const len = ${count} > 0 ? ${end} - at : 0;`,
      ...cols.map(([c, f]) => ` ${b}.push(iter(${c}, ${f}, len)); ${o}.push(at);`),
      `}`,
    ].join('\n');
  }

  /** `~e`: succeeds, consuming nothing and binding nothing, when `e` does not match here. */
  private not(e: PExpr, fail: string, rule: string): string {
    const [q, label] = ['q', 'N'].map((x) => this.fresh(x));
    return `{ const ${q} = p;\n${label}: {\n${this.skip(e, `break ${label};`, rule)}\np = ${q}; ${fail}\n}\np = ${q}; }`;
  }

  /** Code that matches `e` and binds nothing: for the insides of leaf rules and of `~`. */
  private skip(e: PExpr, fail: string, rule: string): string {
    const k = this.pexprs;
    if (e === k.any) return `if (p >= s.length) ${fail}\np += s.codePointAt(p) > 0xffff ? 2 : 1;`;
    if (e === k.end) return `if (p !== s.length) ${fail}`;
    const kind = this.kindOf(e, rule);
    switch (kind) {
      case 'Terminal': {
        const text = e['obj'] as string;
        const test = text.length === 1 ? `p >= s.length || s.charCodeAt(p) !== ${text.charCodeAt(0)}` : `!s.startsWith(${JSON.stringify(text)}, p)`;
        return `if (${test}) ${fail}\np += ${text.length};`;
      }
      case 'Range': {
        const c = this.fresh('c');
        const read = e['matchCodePoint'] === true ? 's.codePointAt(p)' : 's.charCodeAt(p)';
        return `const ${c} = p < s.length ? ${read} : -1;\nif (!(${c} >= ${(e['from'] as string).codePointAt(0)} && ${c} <= ${(e['to'] as string).codePointAt(0)})) ${fail}\np += ${c} > 0xffff ? 2 : 1;`;
      }
      case 'Apply': {
        if ((e['args'] as unknown[]).length > 0) throw new UnsupportedGrammar(`rule ${rule}: a rule applied with arguments`);
        const name = e['ruleName'] as string;
        this.want(name);
        return `if (r_${name}() === null) ${fail}`;
      }
      case 'Seq': return (e['factors'] as PExpr[]).map((f) => this.skip(f, fail, rule)).join('\n');
      case 'Alt': case 'Extend': case 'Splice': {
        const [done, p0] = [this.fresh('A'), this.fresh('p')];
        const tries = (e['terms'] as PExpr[]).map((t) => {
          const next = this.fresh('L');
          return `${next}: {\n${this.skip(t, `break ${next};`, rule)}\nbreak ${done};\n}\np = ${p0};`;
        });
        return `${done}: {\nconst ${p0} = p;\n${tries.join('\n')}\n${fail}\n}`;
      }
      case 'Star': case 'Plus': case 'Opt': {
        const [m, q, loop] = [this.fresh('m'), this.fresh('q'), this.fresh('I')];
        const max = kind === 'Opt' ? '1' : 'Infinity';
        const check = kind === 'Plus' ? `if (${m} < 1) ${fail}` : '';
        return `let ${m} = 0;\nwhile (${m} < ${max}) {\n const ${q} = p;\n ${loop}: {\n${this.skip(e['expr'] as PExpr, `break ${loop};`, rule)}\n${m}++; continue;\n }\n p = ${q}; break;\n}\n${check}`;
      }
      case 'Not': return this.not(e['expr'] as PExpr, fail, rule);
      case 'Lookahead': {
        const q = this.fresh('q');
        return `const ${q} = p;\n${this.skip(e['expr'] as PExpr, fail, rule)}\np = ${q};`;
      }
      case 'Lex': return this.skip(e['expr'] as PExpr, fail, rule);
      default: throw new UnsupportedGrammar(`rule ${rule}: parsing expression ${kind} is not compiled`);
    }
  }

  /** `&e`: keeps `e`'s bindings but not its advance. */
  private lookahead(e: PExpr, b: string, o: string, fail: string, rule: string): string {
    const q = this.fresh('q');
    return `const ${q} = p;\n${this.expr(e, b, o, fail, rule)}\np = ${q};`;
  }
}
