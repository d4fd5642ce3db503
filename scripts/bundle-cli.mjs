// Bundle the CLI into one file. Loading ~60 ES modules cost ~40 ms of every
// `illusion` start (bench: "startup"); one bundled file loads in a fraction
// of that. tsc's per-module output stays in dist/ for the library API and
// the tests; only the two entry points the CLI starts are replaced:
//   dist/cli/main.js    the command line
//   dist/cli/worker.js  the sweep's worker thread (pool.ts finds it beside
//                       the module that starts it, so the bundle needs its
//                       own copy beside main.js)
// The assembler's grammar files are copied beside the bundle for the same
// reason (asm/parse.ts reads them relative to its own module).
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // ohm-js is loaded at run time through createRequire (its CJS bundle).
  external: ['ohm-js'],
  // commander is CommonJS: give the ESM bundle a `require` for it.
  banner: { js: "import { createRequire as __illusionRequire } from 'node:module'; const require = __illusionRequire(import.meta.url);" },
};

await build({ ...common, entryPoints: ['dist/cli/main.js'], outfile: 'dist/cli/main.js', allowOverwrite: true });
await build({ ...common, entryPoints: ['dist/cli/sweep/worker.js'], outfile: 'dist/cli/worker.js', allowOverwrite: true });
for (const name of readdirSync(join('dist', 'asm'))) {
  if (name.startsWith('grammar.')) copyFileSync(join('dist', 'asm', name), join('dist', 'cli', name));
}
