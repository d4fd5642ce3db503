#!/usr/bin/env node
// The illusion command line: parses, calls the library, formats, sets the exit
// code. Each command lives in cli/commands/ and registers itself here.
import { Command, CommanderError } from 'commander';
import { EXIT_USAGE, InputError, UsageError } from './usage.js';
import { registerAsm } from './commands/asm.js';
import { registerDebug } from './commands/debug.js';
import { registerSweep } from './commands/sweep.js';
import { registerDisasm } from './commands/disasm.js';
import { registerPolicy } from './commands/policy.js';
import { registerRun } from './commands/run.js';

function buildProgram(): Command {
  const program = new Command();
  program
    .name('illusion')
    .description('An emulated machine for learning, testing and measuring virtual memory.')
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerAsm(program);
  registerDisasm(program);
  registerRun(program);
  registerPolicy(program);
  registerDebug(program);
  registerSweep(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are not errors; everything else commander rejects is bad usage.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return EXIT_USAGE;
    }
    if (err instanceof UsageError) {
      process.stderr.write(err instanceof InputError ? `${err.message}\n` : `illusion: ${err.message}\n`);
      return EXIT_USAGE;
    }
    // A host bug, never a guest's doing: say so plainly, still no stack trace unless asked.
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`illusion: internal error: ${message}\n`);
    if (process.env['ILLUSION_DEBUG']) process.stderr.write(`${(err as Error).stack ?? ''}\n`);
    return 70;
  }
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
