// The worked example of docs/debugger.md and the session of docs/labs.md's
// lab 1, run: a session shown (its commands are the lines after the prompt)
// must print exactly what it shows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT } from '../e2e/harness.js';
import { illusion } from './cli.js';
import { transcript } from './debugSession.js';

const DOC = readFileSync(join(ROOT, 'docs', 'debugger.md'), 'utf8');

/** The lines of the ```text block that starts with `$ npx illusion ARGS`, read without the block's indentation. */
function block(start: string, doc = DOC, indent = ''): string[] {
  const at = doc.indexOf(`${indent}\`\`\`text\n${indent}$ npx illusion ${start}\n`);
  expect(at).toBeGreaterThan(0);
  const body = doc.slice(doc.indexOf('\n', at) + 1, doc.indexOf(`\n${indent}\`\`\``, at + 8));
  return body.split('\n').slice(1).map((l) => l.slice(indent.length));
}

test('the crash of list.s, as run reports it', () => {
  const r = illusion(['run', 'programs/debug/list.s']);
  expect(r.status).toBe(139);
  expect(r.stderr.split('\n').slice(0, -1)).toEqual(block('run programs/debug/list.s'));
});

test('the debugging session of docs/debugger.md, line for line', () => {
  const shown = block('debug programs/debug/list.s');
  const commands = shown.filter((l) => l.startsWith('(illusion) ')).map((l) => l.slice('(illusion) '.length));
  expect(commands).toEqual(['c', 'bt', 'regs', 'x/3 node3', 'walk r3', 'disasm find 6', 'c']);
  expect(transcript(['programs/debug/list.s'], commands)).toEqual(shown);
});

test('the walks of docs/labs.md lab 1, line for line', () => {
  const shown = block('debug programs/hello.s', readFileSync(join(ROOT, 'docs', 'labs.md'), 'utf8'), '   ');
  const commands = shown.filter((l) => l.startsWith('(illusion) ')).map((l) => l.slice('(illusion) '.length));
  expect(commands).toEqual(['walk 0x1000', 'step', 'walk 0x1000', 'walk 0x80000000', 'quit']);
  expect(transcript(['programs/hello.s'], commands)).toEqual(shown);
});
