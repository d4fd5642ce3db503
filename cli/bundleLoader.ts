// Loads the bundled command line (dist/cli/cli.cjs, made by
// scripts/bundle-cli.mjs) with V8's code cache. Node 20 compiles every
// function of a module from source at each start; a vm.Script given the
// cache made at build time (dist/cli/cli.cjs.cache) skips most of that:
// about 20 ms of CPU of `illusion run programs/hello.s` (docs/benchmarks.md,
// "Start-up"). V8 rejects a cache made by another V8 version, with other
// flags (e.g. --trace-deopt) or for other source; the script then compiles
// as usual, so a missing or stale cache only costs time, never an error.
// (V8 knows "other source" by its length: the build always writes the
// bundle and its cache together; a hand edit of dist/cli/cli.cjs should
// delete the cache.)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

export interface LoadedBundle {
  readonly script: Script;
  /** True when a cache file was there and V8 refused it. */
  readonly cacheRejected: boolean;
  /** Runs the bundle's top level, as Node would run a CommonJS module. */
  run(): void;
}

/** The bundle as a CommonJS module function (its `#!` line, which only the shell reads, removed). */
function wrap(source: string): string {
  const body = source.startsWith('#!') ? source.slice(source.indexOf('\n') + 1) : source;
  return `(function (exports, require, module, __filename, __dirname) {${body}\n})`;
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Compiles `file` (a CommonJS bundle) with `cacheFile` if that can be read. */
export function loadBundle(file: string, cacheFile: string | undefined): LoadedBundle {
  const cachedData = cacheFile === undefined ? undefined : readCache(cacheFile);
  const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, ...(cachedData ? { cachedData } : {}) });
  return {
    script,
    cacheRejected: cachedData !== undefined && script.cachedDataRejected === true,
    run: () => {
      const module = { exports: {} };
      const fn = script.runInThisContext() as (e: object, r: NodeJS.Require, m: object, f: string, d: string) => void;
      fn.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
    },
  };
}
