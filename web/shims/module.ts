// node:module for the browser bundle: asm/parse.ts loads ohm-js through
// createRequire (its CommonJS bundle, for start-up speed under Node); here
// the bundler has ohm-js already.
import * as ohm from 'ohm-js';

export function createRequire(): (name: string) => unknown {
  return () => ohm;
}
