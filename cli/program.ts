// The illusion command line as a function: parses, calls the library,
// formats, returns the exit status. cli/main.ts runs it; a test may run it
// in-process too (test/robustness/checker.test.ts injects a kernel bug).
// Each command lives in cli/commands/ and registers itself here.
import { readFileSync, writeSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { commanderErrorLine, ERROR_PREFIX, EXIT_USAGE, InputError, isFailedWrite, UsageError, WriteFailedError } from './usage.js';
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
  homework: async () => (await import('./commands/homework.js')).registerHomework,
  web: async () => (await import('./commands/web.js')).registerWeb,
  trace: async () => (await import('./commands/trace.js')).registerTrace,
};

async function buildProgram(argv: string[]): Promise<Command> {
  const program = new Command();
  program
    .name('illusion')
    .description('An emulated machine for learning, testing and measuring virtual memory.')
    .version(packageVersion(), '-V, --version', 'print the version of illusion')
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      // Commander says "error: ..."; every illusion error starts the same way.
      outputError: (s, write) => write(commanderErrorLine(s)),
    });
  // The command name comes first; anything else (help, a typo) needs them all.
  const named = argv[2];
  const wanted = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
  for (const name of wanted) (await COMMANDS[name]!())(program);
  return program;
}

/** The version in package.json, two levels above this module (dist/cli/). */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** True for a write to a pipe whose reader has gone (`illusion ... | head`). */
function isClosedPipe(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}

/** EX_IOERR (sysexits.h): the output could not be written. */
const EXIT_IO_ERROR = 74;

/** One line on stderr (written directly: process.stderr may be the stream that failed), then exit 74. */
function exitOnFailedWrite(err: unknown): never {
  try {
    writeSync(2, `${ERROR_PREFIX}cannot write output: ${(err as Error).message}\n`);
  } catch {
    // stderr itself cannot be written: the exit status still says it.
  }
  process.exit(EXIT_IO_ERROR);
}

/**
 * Nobody reads any more: stop quietly, as a Unix tool does, rather than
 * print a stack trace about it. Write errors on stdout and stderr arrive as
 * 'error' events (process.stdout.write) or as throws (writeSync, in main).
 */
export function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err) => {
      if (isClosedPipe(err)) process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      if (isFailedWrite(err)) exitOnFailedWrite(err);
      throw err;
    });
  }
}

/** Runs the command line `argv` (as process.argv: node, script, then the arguments); returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version asked for are not errors; help shown because no command was given is
      // (commander marks it with exit code 1), and so is everything else commander rejects.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return err.exitCode === 0 ? 0 : EXIT_USAGE;
      return EXIT_USAGE;
    }
    if (isClosedPipe(err)) return typeof process.exitCode === 'number' ? process.exitCode : 0;
    if (err instanceof UsageError) {
      process.stderr.write(err instanceof InputError ? `${err.message}\n` : `${ERROR_PREFIX}${err.message}\n`);
      return EXIT_USAGE;
    }
    if (err instanceof WriteFailedError) {
      process.stderr.write(`${ERROR_PREFIX}${err.message}\n`);
      return EXIT_IO_ERROR;
    }
    if (isFailedWrite(err)) exitOnFailedWrite(err);
    // A host bug, never a guest's doing: say so plainly, still no stack trace unless asked.
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`${ERROR_PREFIX}internal error: ${message}\n`);
    if (process.env['ILLUSION_DEBUG']) process.stderr.write(`${(err as Error).stack ?? ''}\n`);
    return 70;
  }
}
