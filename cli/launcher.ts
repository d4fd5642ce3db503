#!/usr/bin/env node
// What `illusion` starts (dist/cli/main.js after the build): the bundled
// command line beside it, through the code cache (cli/bundleLoader.ts).
// cli/main.ts is the command line itself; scripts/bundle-cli.mjs bundles it
// into dist/cli/cli.cjs and this file, bundled, into dist/cli/main.js.
import { fileURLToPath } from 'node:url';
import { loadBundle } from './bundleLoader.js';

const bundle = fileURLToPath(new URL('./cli.cjs', import.meta.url));
loadBundle(bundle, `${bundle}.cache`).run();
