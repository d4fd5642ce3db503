// The compiled matcher (asm/lineMatcher.ts) against ohm's own: the same lines
// accepted, the same raw tree, the same AST, over every line we ship and
// thousands of mutations of them; and a grammar changed or unsupported.
// The tests run dist/ (vitest.config.ts), so the matcher compared is the one
// the build ships (dist/asm/grammar.matcher.cjs); that it is the one
// grammar.ohm generates, and that with it a clean program never loads ohm, is
// checked at the end.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type * as OhmModule from 'ohm-js';
import { compileMatcher, generateMatcherSource, matcherModuleSource, memoizedRules, UnsupportedGrammar } from '../../asm/lineMatcher.js';
import { matchCompiled, matchWithOhm } from '../../asm/parse.js';
import { buildLine, LEAF_RULES, type LineCtx, type RawNode } from '../../asm/lineTree.js';

const ohm: typeof OhmModule = createRequire(import.meta.url)('ohm-js');
const pexprs = (ohm as unknown as { pexprs: Parameters<typeof compileMatcher>[1] }).pexprs;
const GRAMMAR = readFileSync('asm/grammar.ohm', 'utf8');

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return filesUnder(path, ext);
    return name.endsWith(ext) ? [path] : [];
  });
}

/** The lines of every fenced code block of a Markdown file. */
function codeBlockLines(md: string): string[] {
  const out: string[] = [];
  let inside = false;
  for (const line of md.split('\n')) {
    if (line.startsWith('```')) inside = !inside;
    else if (inside) out.push(line);
  }
  return out;
}

/** Every line of the shipped and test programs, the docs' code blocks and the assembler tests' sources. */
function corpus(): string[] {
  const lines = new Set<string>();
  for (const dir of ['programs', 'homework', 'test', 'docs']) {
    for (const f of filesUnder(dir, '.s')) for (const l of readFileSync(f, 'utf8').split('\n')) lines.add(l);
  }
  for (const f of [...filesUnder('docs', '.md'), 'README.md']) for (const l of codeBlockLines(readFileSync(f, 'utf8'))) lines.add(l);
  // The assembler tests' own lines hold many sources in strings, and many lines that are not assembly.
  for (const f of filesUnder('test/asm', '.ts')) for (const l of readFileSync(f, 'utf8').split('\n')) lines.add(l.trim());
  return [...lines];
}

/** A fixed LCG: the same mutations every run. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const NOISE = [',', '(', ')', "'", '"', '\\', ':', ';', '#', '.', '-', '+', ' ', '\t', 'x', '0', '_', '$', 'é', '\u{1F600}', '\r', 'a'];

function mutate(line: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (line.length + 1));
  const ch = NOISE[Math.floor(rnd() * NOISE.length)]!;
  switch (Math.floor(rnd() * 4)) {
    case 0: return line.slice(0, at) + line.slice(at + 1);
    case 1: return line.slice(0, at) + ch + line.slice(at);
    case 2: return line.slice(0, at) + ch + line.slice(at + 1);
    default: return line.slice(0, at) + line.slice(at, at + 3) + line.slice(at);
  }
}

/** A raw tree's observable shape (ohm's nodes are class instances with extra fields); of a leaf rule's node, only its length. */
function shape(n: RawNode | null, leaves: ReadonlySet<string> = LEAF_RULES): unknown {
  if (n === null) return null;
  if (leaves.has(n.ctorName)) return { ctorName: n.ctorName, matchLength: n.matchLength };
  return { ctorName: n.ctorName, matchLength: n.matchLength, childOffsets: [...(n.childOffsets ?? [])], children: (n.children ?? []).map((c) => shape(c, leaves)) };
}

function astOf(root: RawNode, text: string): unknown {
  const ctx: LineCtx = { text, line: 7, errors: [] };
  return { ast: buildLine(root, 0, ctx), errors: ctx.errors };
}

describe('the compiled matcher agrees with ohm', () => {
  const base = corpus();
  const rnd = lcg(18);
  const mutants: string[] = [];
  for (let i = 0; i < 6000; i++) mutants.push(mutate(base[Math.floor(rnd() * base.length)]!, rnd));

  for (const [name, lines] of [['the corpus', base], ['6,000 mutations of it', mutants]] as const) {
    test(`${name}: same lines accepted, same tree, same AST`, () => {
      let accepted = 0;
      const disagreements: string[] = [];
      for (const text of lines) {
        const fast = matchCompiled(text);
        const slow = matchWithOhm(text);
        if ((fast === null) !== (slow === null)) { disagreements.push(text); continue; }
        if (fast === null || slow === null) continue;
        accepted++;
        expect(shape(fast), text).toEqual(shape(slow));
        expect(astOf(fast, text), text).toEqual(astOf(slow, text));
      }
      expect(disagreements).toEqual([]);
      // Both kinds of line are really there: the corpus is mostly assembly, the mutations often broken.
      expect(accepted).toBeGreaterThan(lines.length / 5);
      expect(accepted).toBeLessThan(lines.length);
    });
  }
  test('the corpus is the size we think', () => {
    expect(base.length).toBeGreaterThan(3000);
  });
});

describe('the matcher follows grammar.ohm', () => {
  test('a rule changed in the grammar changes what the compiled matcher accepts', () => {
    // Operands separated by `|` instead of `,`.
    const changed = ohm.grammar(GRAMMAR.replace('(sp "," sp operand)*', '(sp "|" sp operand)*'));
    const m = compileMatcher(changed, pexprs);
    expect(m('add r1 | r2 | r3')).not.toBeNull();
    expect(m('add r1, r2, r3')).toBeNull();
    expect(shape(m('add r1 | r2 | r3'))).toEqual(shape((changed.match('add r1 | r2 | r3') as unknown as { _cst: RawNode })._cst));
  });

  test('what the compiler does not handle is refused by name', () => {
    const cases: [string, string][] = [
      ['G { start = letter+ }', 'parsing expression UnicodeChar is not compiled'],
      ['G { start = "a" caseInsensitive<"b"> }', 'rule start: a rule applied with arguments'],
      ['G { Start = "a" "b" }', 'rule Start is syntactic'],
      ['G { start = pair<"a"> \n pair<x> = x x }', 'rule start: a rule applied with arguments'],
    ];
    for (const [source, message] of cases) {
      const g = ohm.grammar(source);
      expect(() => compileMatcher(g, pexprs), source).toThrow(UnsupportedGrammar);
      expect(() => generateMatcherSource(g, pexprs), source).toThrow(message);
    }
  });

  test('a rule that an alternation tries again where an earlier alternative tried it is remembered; only that one', () => {
    // `operand = memory | expr | string`: `memory` starts with `expr?`.
    expect(memoizedRules(ohm.grammar(GRAMMAR), pexprs)).toEqual(['expr']);
    const g = ohm.grammar('G { start = b | a | c \n b = a "x" \n a = "q"+ \n c = "q" "z" }');
    expect(memoizedRules(g, pexprs)).toEqual(['a']);
    expect(generateMatcherSource(g, pexprs)).toContain('let G_a = 0');
    expect(generateMatcherSource(g, pexprs)).not.toContain('G_b');
    const m = compileMatcher(g, pexprs);
    // One line after another: what a rule remembers holds for its own line only.
    for (const text of ['qqx', 'qq', 'qz', 'qqx', 'q', 'x', '', 'qqz', 'qq']) {
      const r = g.match(text);
      const want = r.failed() ? null : shape((r as unknown as { _cst: RawNode })._cst);
      expect(shape(m(text)), JSON.stringify(text)).toEqual(want);
    }
  });

  test('lookahead, plus, and Unicode ranges compile and agree with ohm', () => {
    const g = ohm.grammar('G { start = &"a" ("a".."c")+ ~"x" "\\u{1F600}".."\\u{1F64F}"? end }');
    const m = compileMatcher(g, pexprs);
    for (const text of ['abc', 'a', 'ab\u{1F600}', 'b', 'abx', '', 'ac\u{1F650}', 'a\u{1F601}']) {
      const r = g.match(text);
      const want = r.failed() ? null : shape((r as unknown as { _cst: RawNode })._cst);
      expect(shape(m(text)), JSON.stringify(text)).toEqual(want);
    }
  });
});

describe('the matcher the build ships', () => {
  test('dist/asm/grammar.matcher.cjs is, byte for byte, the matcher asm/grammar.ohm generates', () => {
    const shipped = readFileSync('dist/asm/grammar.matcher.cjs', 'utf8');
    expect(shipped).toBe(matcherModuleSource(ohm.grammar(GRAMMAR), pexprs, LEAF_RULES));
    // A module whose export is the matcher itself.
    const m = createRequire(import.meta.url)('../../dist/asm/grammar.matcher.cjs') as (text: string) => RawNode | null;
    expect(shape(m('loop: addi r1, r1, -1 ; count down'))).toEqual(shape(matchWithOhm('loop: addi r1, r1, -1 ; count down')));
    expect(m('addi r1,, r2')).toBeNull();
  });

  test("the CLI's bundle holds it: every rule's function, under the module's name", () => {
    const bundle = readFileSync('dist/cli/cli.cjs', 'utf8');
    expect(bundle).toContain('// dist/asm/grammar.matcher.cjs');
    const rules = Object.keys((ohm.grammar(GRAMMAR) as unknown as { rules: object }).rules).filter((r) => GRAMMAR.includes(`  ${r} `));
    expect(rules).toEqual(['line', 'statement', 'operands', 'operand', 'memory', 'expr', 'term', 'directiveName', 'name', 'numberToken', 'charLit', 'charChar', 'string', 'stringChar', 'sp']);
    for (const r of rules) expect(bundle, r).toContain(`function r_${r}()`);
  });

  test('a program without a syntax error is assembled without loading ohm-js; the first syntax error loads it for its message', () => {
    // A fresh process on the built library: whether ohm-js's file is among the modules loaded, after each program.
    const script = [
      "import { createRequire } from 'node:module';",
      "import { assemble, formatAsmError } from './dist/asm/index.js';",
      'const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes("/node_modules/ohm-js/"));',
      "const clean = assemble('_start: li r1, 5\\nloop: addi r1, r1, -1\\n bnez r1, loop\\n halt\\n.data\\nmsg: .asciz \"hi\"\\n', 't.s');",
      'console.log(clean.ok, loaded());',
      "const bad = assemble('_start: nop\\n add r1,, r2\\n', 't.s');",
      'console.log(bad.ok, loaded(), bad.ok ? "" : bad.errors.map(formatAsmError).join("|"));',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'true false',
      "false true t.s:2:9: unexpected ','; expected an operand: a register, a number, a label, a character like 'a', a string or a memory operand like 8(sp)",
      '',
    ].join('\n'));
  });
});
