// The page imports the library as the CLI does, never the CLI's insides:
// no file of web/ imports anything under cli/, and the debugger's
// expression reader lives in the library (views/), read by both.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function importsOf(dir: string): { file: string; from: string }[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .flatMap((f) => [...readFileSync(join(ROOT, dir, f), 'utf8').matchAll(/^(?:import|export)\s[^'";]*?from\s+'([^']+)'/gms)]
      .map((m) => ({ file: `${dir}/${f}`, from: m[1]! })));
}

test('no file of web/ imports the CLI', () => {
  const all = importsOf('web');
  expect(all.length).toBeGreaterThan(50);
  expect(all.filter((i) => /(^|\/)cli\//.test(i.from))).toEqual([]);
});

test('the expression reader is the library\'s: the debugger and the page import it from views/, no copy left in cli/', async () => {
  const readers = [...importsOf('web'), ...importsOf('cli')].filter((i) => /(expression|debugError)\.js$/.test(i.from)).map((i) => `${i.file} <- ${i.from}`);
  expect(readers.sort()).toEqual([
    'cli/debug/gdbHabits.ts <- ../../views/debugError.js',
    'cli/debug/gdbHabits.ts <- ../../views/expression.js',
    'cli/debug/session.ts <- ../../views/debugError.js',
    'cli/debug/session.ts <- ../../views/expression.js',
    'cli/debug/store.ts <- ../../views/debugError.js',
  ]);
  expect(readdirSync(join(ROOT, 'cli', 'debug')).filter((f) => /^(expression|debugError)\.ts$/.test(f))).toEqual([]);
  // The page takes it from the library's index, as it takes every view.
  expect(importsOf('web').some((i) => i.file === 'web/watch.ts' && i.from === '../index.js')).toBe(true);
  const lib = await import('../../index.js');
  expect(lib.evaluate('0x10+4', { register: () => 0, symbol: () => undefined, owner: 'none' })).toBe(0x14);
  expect(() => lib.evaluate('nosuch', { register: () => 0, symbol: () => undefined, owner: 'any program' })).toThrow(lib.DebugError);
});
