#!/usr/bin/env node
// The illusion command line: parses, calls the library, formats, sets the exit
// code. Each command lives in cli/commands/ and registers itself here.
import { Command, CommanderError } from 'commander';
import { EXIT_USAGE, InputError, UsageError } from './usage.js';
type Register = (program: Command) => void;

/**
 * The commands, each loaded only when needed: a run should not pay for
 * loading the debugger and the sweep's workers (start-up is measured by the
 * benchmark "startup: cli run hello.s vs node -e 0").
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  asm: async () => (await import('./commands/asm.js')).registerAsm,
  disasm: async () => (await import('./commands/disasm.js')).registerDisasm,
  run: async () => (await import('./commands/run.js')).registerRun,
  policy: async () => (await import('./commands/policy.js')).registerPolicy,
  debug: async () => (await import('./commands/debug.js')).registerDebug,
  sweep: async () => (await import('./commands/sweep.js')).registerSweep,
  web: async () => (await import('./commands/web.js')).registerWeb,
};

async function buildProgram(argv: string[]): Promise<Command> {
  const program = new Command();
  program
    .name('illusion')
    .description('An emulated machine for learning, testing and measuring virtual memory.')
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  // The command name comes first; anything else (help, a typo) needs them all.
  const named = argv[2];
  const wanted = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
  for (const name of wanted) (await COMMANDS[name]!())(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
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
