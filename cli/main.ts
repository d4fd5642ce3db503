#!/usr/bin/env node
// The illusion command line (cli/program.ts), run as a program.
import { endQuietlyOnClosedPipe, main } from './program.js';

endQuietlyOnClosedPipe();
main(process.argv).then((code) => {
  process.exitCode = code;
});
