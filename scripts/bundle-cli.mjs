// Bundle the CLI. Loading ~60 ES modules cost ~40 ms of every `illusion`
// start (bench: "startup"); one bundled file loads in a fraction of that.
// tsc's per-module output stays in dist/ for the library API and the tests;
// the build adds:
//   dist/cli/cli.cjs        the command line (cli/main.ts), ohm-js and
//                           commander inside, as one CommonJS file: its
//                           require()s of Node's own modules (http for the
//                           web page, worker_threads for the sweep...) run
//                           only when the command that needs them does
//   dist/cli/cli.cjs.cache  V8's code cache for it, made by running
//                           `run programs/hello.s` once (write-code-cache.mjs)
//   dist/cli/main.js        the launcher (cli/launcher.ts): loads cli.cjs
//                           with that cache, or without it if V8 refuses it
//   dist/cli/worker.js      the sweep's worker thread (pool.ts finds it beside
//                           the module that starts it, so the bundle needs its
//                           own copy beside main.js)
// The assembler's grammar files are copied beside the bundle for the same
// reason (asm/parse.ts reads them relative to its own module).
// Measured in docs/benchmarks.md ("Start-up").
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const base = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning' };

// asm/parse.ts loads ohm-js's CommonJS bundle through createRequire (the
// fastest way for ES modules). In a CommonJS bundle a plain require lets
// esbuild put ohm inside, so the code cache covers it too (it is still
// evaluated only when first required). If the line changes, the
// createRequire stays and ohm is loaded from node_modules. The line matcher
// that copy-assets.mjs generated (dist/asm/grammar.matcher.cjs) goes inside
// the same way, so the code cache holds it; that call must be found.
const ohmInside = {
  name: 'ohm-inside',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]asm[\\/]parse\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const matcherCall = /createRequire\(import\.meta\.url\)\((['"])\.\/grammar\.matcher\.cjs\1\)/;
      if (!matcherCall.test(source)) throw new Error('bundle-cli: asm/parse.ts no longer loads ./grammar.matcher.cjs as this script expects');
      return {
        contents: source
          .replace(/createRequire\(import\.meta\.url\)\((['"])ohm-js\1\)/, "require('ohm-js')")
          .replace(matcherCall, "require('./grammar.matcher.cjs')"),
        loader: 'js',
      };
    });
  },
};

// import.meta.url finds files beside the module (grammar, package.json,
// worker.js); in the CommonJS bundle it is the bundle's own URL.
await build({
  ...base,
  format: 'cjs',
  plugins: [ohmInside],
  define: { 'import.meta.url': '__illusionModuleUrl' },
  banner: { js: "var __illusionModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  entryPoints: ['dist/cli/main.js'],
  outfile: 'dist/cli/cli.cjs',
});

const esm = {
  ...base,
  format: 'esm',
  // ohm-js is loaded at run time through createRequire (its CJS bundle).
  external: ['ohm-js'],
  // commander is CommonJS: give the ESM bundle a `require` for it.
  banner: { js: "import { createRequire as __illusionRequire } from 'node:module'; const require = __illusionRequire(import.meta.url);" },
};
await build({ ...esm, entryPoints: ['dist/cli/sweep/worker.js'], outfile: 'dist/cli/worker.js', allowOverwrite: true });
await build({ ...base, format: 'esm', entryPoints: ['dist/cli/launcher.js'], outfile: 'dist/cli/main.js', allowOverwrite: true });
for (const name of readdirSync(join('dist', 'asm'))) {
  if (name.startsWith('grammar.')) copyFileSync(join('dist', 'asm', name), join('dist', 'cli', name));
}

// The code cache, made after a real run so that it holds the functions a run compiles.
rmSync('dist/cli/cli.cjs.cache', { force: true });
const made = spawnSync(process.execPath, ['scripts/write-code-cache.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (made.status !== 0) {
  process.stderr.write('bundle-cli: no code cache was made; the CLI works without it, only starts slower\n');
}
