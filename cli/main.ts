#!/usr/bin/env node
// The illusion command line (cli/program.ts), run as a program.
import { main } from './program.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
