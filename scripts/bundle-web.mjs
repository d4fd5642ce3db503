// Bundle the browser app (web/) into a static site in dist/web/: index.html,
// app.css and one ES module, app.js, with the library, Preact, CodeMirror
// and ohm-js inside; and homework.js, the Homework view, loaded on demand. Everything is referenced by relative URL, so any static
// host can serve the folder (`illusion web` serves it on 127.0.0.1).
//
// The library runs unchanged; only two Node modules it imports are replaced
// for the browser (web/shims/): node:fs, whose one read the assembler makes
// is its compiled grammar (bundled here from dist/asm/grammar.recipe.json,
// which scripts/copy-assets.mjs writes), and node:module, whose
// createRequire the assembler uses to load ohm-js's CommonJS bundle.
// The shipped programs are bundled too (the module 'illusion:programs').
// ILLUSION_WEB_DEBUG=1 leaves the bundle unminified, for profiling.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const OUT = join('dist', 'web');

function programsIn(dir) {
  return readdirSync(dir).filter((n) => n.endsWith('.s')).sort().map((name) => ({ name, source: readFileSync(join(dir, name), 'utf8') }));
}

function under(folder, programs) {
  return programs.map((p) => ({ name: `${folder}/${p.name}`, source: p.source }));
}

const browserShims = {
  name: 'illusion-browser-shims',
  setup(b) {
    b.onResolve({ filter: /^node:fs$/ }, () => ({ path: join(process.cwd(), 'web', 'shims', 'fs.ts') }));
    b.onResolve({ filter: /^node:module$/ }, () => ({ path: join(process.cwd(), 'web', 'shims', 'module.ts') }));
    b.onResolve({ filter: /^illusion:/ }, (args) => ({ path: args.path, namespace: 'illusion' }));
    b.onLoad({ filter: /^illusion:programs$/, namespace: 'illusion' }, () => ({
      contents: JSON.stringify({
        // The measurements by their path under programs/, so that their includes resolve as on disk:
        // measure/hot-cold.s's "lib/workload.s" is measure/lib/workload.s, whose "../../lib/print.s" is lib/print.s.
        examples: [...programsIn('programs'), ...under('measure', programsIn(join('programs', 'measure')))],
        attacks: programsIn(join('programs', 'attacks')),
        // What the shipped programs .include, by the name they include it as.
        libraries: [
          ...under('lib', [...programsIn(join('programs', 'lib')), ...programsIn(join('programs', 'attacks', 'lib'))]),
          ...under('measure/lib', programsIn(join('programs', 'measure', 'lib'))),
        ],
      }),
      loader: 'json',
    }));
    b.onLoad({ filter: /^illusion:grammar-recipe$/, namespace: 'illusion' }, () => ({
      contents: readFileSync(join('dist', 'asm', 'grammar.recipe.json'), 'utf8'),
      loader: 'text',
    }));
  },
};

mkdirSync(OUT, { recursive: true });
const common = {
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  minify: process.env.ILLUSION_WEB_DEBUG !== "1",
  sourcemap: false,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
  plugins: [browserShims],
};
await build({ ...common, entryPoints: ['web/main.tsx'], outfile: join(OUT, 'app.js') });
// The Homework view, a module of its own that the page imports when the view first opens (web/homeworkEntry.tsx).
// Not esbuild's code splitting: the library's index re-exports the homework solvers, so a split put them in a
// chunk every page load fetched; this module carries its own copy of what it uses, and costs nothing until opened.
await build({ ...common, entryPoints: ['web/homeworkEntry.tsx'], outfile: join(OUT, 'homework.js') });
copyFileSync(join('web', 'index.html'), join(OUT, 'index.html'));
copyFileSync(join('web', 'app.css'), join(OUT, 'app.css'));
// No programs named: a static host serves this, and the page opens with its default.
writeFileSync(join(OUT, 'files.json'), '[]\n');
