// Every example command in README.md and docs/*.md, run against the built
// CLI as a reader would paste it: lines of ```sh blocks that call illusion,
// and `$ ` lines of other blocks, whose following lines are the output the
// doc shows (a line `...` stands for any number of lines). Each must exit
// as expected (0 unless EXIT_STATUS says otherwise) and print what the doc
// shows. Commands run in a scratch directory that sees programs/, so the
// files they write do not land in the repository.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT } from '../e2e/harness.js';

const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];

interface Example {
  readonly doc: string;
  readonly line: number;
  readonly command: string;
  /** The output the doc shows, when it shows one. */
  readonly output?: string[];
}

/** Exit statuses other than 0, by a piece of the command that identifies it. */
const EXIT_STATUS: readonly [string, (status: number) => boolean, string][] = [
  // pid 1 dies of bad_access: 128 + SIGSEGV (docs/abi.md).
  ['mem-null-write.s programs/attacks/bystander.s', (s) => s === 139, '139: pid 1 was killed for a bad access'],
  ['run programs/debug/list.s', (s) => s === 139, '139: pid 1 was killed for a bad access'],
  ['mem-kernel-read.s programs/attacks/bystander.s', (s) => s === 139, '139: pid 1 was killed for a bad access'],
  ['mem-text-write.s programs/attacks/bystander.s', (s) => s === 139, '139: pid 1 was killed for a bad access'],
  // A deliberately broken kernel: the CLI reports an internal error.
  ['cli-with-kernel-bug.mjs', (s) => s === 70, '70: internal error'],
];

/** Output the prose states for a command of a ```sh block. */
const STATED_STDOUT: Readonly<Record<string, string>> = {
  'npx illusion run programs/hello.s': 'Hello from illusion!\n',
};

function examplesOf(doc: string): Example[] {
  const lines = readFileSync(join(ROOT, doc), 'utf8').split('\n');
  const out: Example[] = [];
  let fence: string | undefined;
  let indent = '';
  let block: { text: string; line: number }[] = [];
  lines.forEach((text, i) => {
    // A block inside a list item is indented; its lines are read without that indentation.
    const open = /^(\s*)```(\w*)\s*$/.exec(text);
    if (open === null) { if (fence !== undefined) block.push({ text: text.startsWith(indent) ? text.slice(indent.length) : text, line: i + 1 }); return; }
    if (fence === undefined) { indent = open[1]!; fence = open[2]!; block = []; return; }
    out.push(...(fence === 'sh' ? shellExamples(doc, block) : transcriptExamples(doc, block)));
    fence = undefined;
  });
  return out;
}

/**
 * A ```sh block: every command line (backslash continuations joined), in
 * order, but the developer scripts (`npm ...`, `node dist/bench/...`: the
 * set-up, the test suite and the minutes-long benchmarks, which have their
 * own tests and CI).
 */
function shellExamples(doc: string, block: { text: string; line: number }[]): Example[] {
  const out: Example[] = [];
  for (let i = 0; i < block.length; i++) {
    const start = block[i]!.line;
    let command = block[i]!.text;
    while (command.endsWith('\\') && i + 1 < block.length) command = `${command.slice(0, -1)}${block[++i]!.text.trimStart()}`;
    if (command.trim() === '' || /^\s*#/.test(command) || /^\s*(npm|node)\s/.test(command)) continue;
    // `illusion web` serves until stopped: test/web/ runs it.
    if (/illusion web\b/.test(command)) continue;
    out.push({ doc, line: start, command: command.trim() });
  }
  return out;
}

/** Any other block: `$ command` lines, each followed by the output it shows. */
function transcriptExamples(doc: string, block: { text: string; line: number }[]): Example[] {
  const out: Example[] = [];
  let current: { line: number; command: string; output: string[] } | undefined;
  for (const { text, line } of block) {
    if (text.startsWith('$ ')) {
      if (current) out.push({ doc, ...current });
      current = { line, command: text.slice(2), output: [] };
    } else current?.output.push(text);
  }
  if (current) out.push({ doc, ...current });
  // A debugger session shows the commands typed at its prompt, which a shell
  // line cannot give it: test/tools/debug-example.test.ts replays those.
  return out.filter((e) => !/illusion debug /.test(e.command));
}

/** `npx illusion` and `illusion` both run the built CLI. */
const PRELUDE = `illusion() { node ${JSON.stringify(CLI)} "$@"; }\nnpx() { if [ "$1" = illusion ]; then shift; illusion "$@"; else command npx "$@"; fi; }\n`;

const scratch = mkdtempSync(join(tmpdir(), 'illusion-docs-'));
symlinkSync(join(ROOT, 'programs'), join(scratch, 'programs'));
// docs/robustness.md runs the CLI with a kernel bug injected by a test script.
symlinkSync(join(ROOT, 'test'), join(scratch, 'test'));
symlinkSync(join(ROOT, 'dist'), join(scratch, 'dist'));

/** The shown output matches: exact lines, where a `...` line may stand for any lines. */
function matches(shown: readonly string[], actual: readonly string[]): boolean {
  const at = (i: number, j: number): boolean => {
    if (i === shown.length) return j === actual.length;
    if (shown[i]!.trim() === '...') return Array.from({ length: actual.length - j + 1 }, (_, k) => j + k).some((k) => at(i + 1, k));
    return j < actual.length && shown[i] === actual[j] && at(i + 1, j + 1);
  };
  return at(0, 0);
}

const EXAMPLES = DOCS.flatMap(examplesOf);

describe('the documentation examples', () => {
  test('there are examples, in the README and in docs/', () => {
    expect(EXAMPLES.filter((e) => e.doc === 'README.md').length).toBeGreaterThanOrEqual(8);
    expect(EXAMPLES.filter((e) => e.doc !== 'README.md').length).toBeGreaterThanOrEqual(10);
  });

  test.each(EXAMPLES.map((e) => [`${e.doc}:${e.line}: ${e.command}`, e] as const))('%s', (_name, e) => {
    const r = spawnSync('bash', ['-c', `${PRELUDE}${e.command}`], { cwd: scratch, encoding: 'utf8', input: '', timeout: 120_000 });
    const rule = EXIT_STATUS.find(([piece]) => e.command.includes(piece));
    if (rule === undefined) expect({ status: r.status, stderr: r.stderr.slice(0, 2000) }).toMatchObject({ status: 0 });
    else expect(rule[1](r.status ?? -1), `exit status ${r.status}, expected ${rule[2]}`).toBe(true);
    // `# 4 hits, 7 misses` after an illusion policy command: the totals it prints.
    const counted = /#\s*(?:(\d+) hits, )?(\d+) misses/.exec(e.command);
    if (counted !== null && e.command.includes('illusion policy')) {
      const totals = r.stdout.trimEnd().split('\n').at(-1)!;
      expect(totals).toMatch(new RegExp(`^Totals: hits ${counted[1] ?? '\\d+'}  misses ${counted[2]}  `));
    }
    const stated = STATED_STDOUT[e.command];
    if (stated !== undefined) expect(r.stdout).toBe(stated);
    if (e.output !== undefined && e.output.some((l) => l.trim() !== '')) {
      const shown = e.output.join('\n').trimEnd().split('\n');
      const actual = `${r.stdout}${r.stderr}`.trimEnd().split('\n');
      expect(matches(shown, actual), `shown:\n${shown.join('\n')}\n\nprinted:\n${actual.join('\n')}`).toBe(true);
    }
  }, 130_000);
});
