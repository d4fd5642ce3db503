// Makes dist/cli/cli.cjs.cache (scripts/bundle-cli.mjs runs this in a child
// process): compiles the bundle exactly as the launcher does, runs
// `illusion run programs/hello.s` with it, and at exit writes V8's cache of
// every function compiled so far. Stdout is the build's to discard.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadBundle } from '../dist/cli/bundleLoader.js';

const bundle = resolve('dist', 'cli', 'cli.cjs');
const loaded = loadBundle(bundle, undefined);
process.argv = [process.argv[0], join('dist', 'cli', 'main.js'), 'run', join('programs', 'hello.s')];
process.on('exit', (code) => {
  if (code === 0) writeFileSync(`${bundle}.cache`, loaded.script.createCachedData());
});
loaded.run();
