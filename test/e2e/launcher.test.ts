// dist/cli/main.js is a launcher (cli/launcher.ts) that runs the bundled CLI
// (dist/cli/cli.cjs) through V8's code cache made at build time. The cache
// only saves time: with it, without it, or with one V8 refuses, the CLI
// prints the same and exits the same, and says nothing about the cache.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadBundle } from '../../cli/bundleLoader.js';
import { ROOT } from './harness.js';

const DIST_CLI = resolve(ROOT, 'dist', 'cli');
const HELLO = resolve(ROOT, 'programs', 'hello.s');
let copy = '';

/** A copy of the launcher, the bundle and the grammar files, so that the cache can be removed or spoiled. */
beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'illusion-launcher-'));
  for (const name of readdirSync(DIST_CLI)) {
    if (name === 'main.js' || name.startsWith('cli.cjs') || name.startsWith('grammar.')) copyFileSync(join(DIST_CLI, name), join(copy, name));
  }
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

function run(dir: string, args: string[]) {
  const r = spawnSync(process.execPath, [join(dir, 'main.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the build made a cache that V8 takes', () => {
  expect(existsSync(join(DIST_CLI, 'cli.cjs.cache'))).toBe(true);
  const bundle = join(DIST_CLI, 'cli.cjs');
  expect(loadBundle(bundle, `${bundle}.cache`).cacheRejected).toBe(false);
});

describe('the same behaviour with any cache', () => {
  const cases: Record<string, () => void> = {
    'the cache made by the build': () => undefined,
    'a cache V8 refuses (other bytes)': () => writeFileSync(join(copy, 'cli.cjs.cache'), Buffer.alloc(4096, 7)),
    'no cache file': () => rmSync(join(copy, 'cli.cjs.cache'), { force: true }),
  };
  for (const [name, prepare] of Object.entries(cases)) {
    test(name, () => {
      prepare();
      expect(run(copy, ['run', HELLO])).toEqual({ status: 0, stdout: 'Hello from illusion!\n', stderr: '' });
      expect(run(copy, ['run', join(copy, 'missing.s')])).toEqual({ status: 2, stdout: '', stderr: `illusion: error: cannot read ${join(copy, 'missing.s')}: no such file\n` });
    });
  }

  test('loadBundle says when V8 refused a cache', () => {
    const bundle = join(copy, 'cli.cjs');
    writeFileSync(`${bundle}.cache`, Buffer.alloc(4096, 7));
    expect(loadBundle(bundle, `${bundle}.cache`).cacheRejected).toBe(true);
    expect(loadBundle(bundle, join(copy, 'none.cache')).cacheRejected).toBe(false);
  });
});
