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

test('the sweep\'s plan and chart are the library\'s (sweep/): the CLI and the page import them there, no copy left in cli/', () => {
  const users = [...importsOf('web'), ...importsOf('cli')].filter((i) => /sweep\/(points|chart|stepped)\.js$/.test(i.from)).map((i) => `${i.file} <- ${i.from}`);
  expect(users.sort()).toEqual([
    'cli/commands/sweep.ts <- ../../sweep/chart.js',
    'cli/commands/sweep.ts <- ../../sweep/points.js',
    'cli/sweep/pool.ts <- ../../sweep/points.js',
    'cli/sweep/runOne.ts <- ../../sweep/points.js',
    'cli/sweep/svg.ts <- ../../sweep/chart.js',
    'cli/sweep/table.ts <- ../../sweep/points.js',
    'web/panels/sweep.tsx <- ../../sweep/points.js',
    'web/sweepChart.ts <- ../sweep/chart.js',
    'web/sweepChart.ts <- ../sweep/points.js',
    'web/sweepPlan.ts <- ../sweep/points.js',
    'web/sweepPlan.ts <- ../sweep/stepped.js',
    'web/sweepRunner.ts <- ../sweep/stepped.js',
  ]);
  // What is left in cli/sweep/ runs jobs on worker threads and prints the table; svg.ts only re-exports the chart for its old importers.
  expect(readdirSync(join(ROOT, 'cli', 'sweep')).sort()).toEqual(['pool.ts', 'runOne.ts', 'svg.ts', 'table.ts', 'worker.ts']);
  expect(readFileSync(join(ROOT, 'cli', 'sweep', 'svg.ts'), 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('//'))).toEqual([
    "export { niceTicks, outputChart, renderSvg, sweepChart, type ChartSeries, type ChartSpec } from '../../sweep/chart.js';",
  ]);
});
