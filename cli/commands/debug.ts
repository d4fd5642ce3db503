// `illusion debug FILE... [machine flags] [--input FILE]`: an interactive
// stepper over the same kernel `run` uses. Commands come from a terminal
// (readline, with a prompt) or from piped input, read line by line as they
// arrive; at the end of the input the debugger leaves. Ctrl-C (readline's
// on a terminal, SIGINT otherwise) interrupts a run; at the prompt it clears
// the line, and a second one on an empty line leaves. The commands are in
// cli/debug/session.ts.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeAll } from '../hostWrite.js';
import { createInterface, type Interface } from 'node:readline';
import { Command } from 'commander';
import { bootMachine } from '../../kernel/run.js';
import { DebugSession } from '../debug/session.js';
import { addMachineOptions, MachineFlags, machineConfigFrom } from '../machineOptions.js';
import { loadPrograms } from '../programs.js';
import { addDefineOption, definesFrom } from '../defines.js';
import type { ProgramInput } from '../../kernel/run.js';
import { fileErrorText, UsageError } from '../usage.js';
import type { FileTraceOutput } from '../../kernel/trace.js';
import { openTrace } from './run.js';

const PROMPT = '(illusion) ';
const LEAVE_HINT = '(Ctrl-C again on an empty line, or quit, leaves)';

interface DebugFlags extends MachineFlags {
  define?: string[];
  input?: string;
  trace?: string;
  traceHits?: boolean;
}

/** Per stream (1, 2): the guests' output there ended in the middle of a line. */
const lineOpen = [false, false, false];

/** Guest output, noting whether it left a line open. */
function guestOut(fd: number, bytes: Uint8Array): void {
  writeAll(fd, bytes);
  if (bytes.length > 0) lineOpen[fd] = bytes[bytes.length - 1] !== 0x0a;
}

/**
 * The debugger's own text, from the start of a line: a guest line left
 * open ("Answer:") is ended first, on stdout, and on stderr when both share
 * a terminal, so that neither runs into the other (nor the prompt, which
 * clears its line, into the guest's text).
 */
function out(text: string): void {
  if (text === '') return;
  if (lineOpen[1]) writeAll(1, '\n');
  if (lineOpen[2] && process.stderr.isTTY && process.stdout.isTTY) writeAll(2, '\n');
  lineOpen[1] = lineOpen[2] = false;
  writeAll(1, text.endsWith('\n') ? text : `${text}\n`);
}

/**
 * Source text of every file the line tables of the programs given as source
 * name (each program and what it includes), by line-table file name, for
 * the source column.
 */
function sourcesOf(files: readonly string[], programs: readonly ProgramInput[]): Map<string, string> {
  const sources = new Map<string, string>();
  const tried = new Set<string>();
  files.forEach((file, i) => {
    if (!file.endsWith('.s')) return;
    for (const row of programs[i]!.image.lines) {
      if (tried.has(row.file)) continue;
      tried.add(row.file);
      try {
        // The image names a file with control characters escaped (asm/controlChars.ts): the program's own is read by its real name.
        const path = row.file === programs[i]!.image.sourceName ? file : row.file;
        sources.set(row.file, readFileSync(path, 'utf8').replace(/\r\n/g, '\n'));
      } catch {
        // Already read once by the assembler; a vanished file only loses the source column.
      }
    }
  });
  return sources;
}

/**
 * One image per file: a file given twice (two copies of a program, each its
 * own process) is one program, so that its breakpoints stop both, as they
 * stop a fork child. The images are only read, by the loader and the views.
 */
function sharedImages(files: readonly string[], programs: ProgramInput[]): ProgramInput[] {
  const first = new Map<string, ProgramInput>();
  return programs.map((p, i) => {
    const key = resolve(files[i]!);
    const seen = first.get(key);
    if (seen === undefined) first.set(key, p);
    return seen === undefined ? p : { ...p, image: seen.image };
  });
}

export function registerDebug(program: Command): void {
  const cmd = program
    .command('debug')
    .description('step through programs interactively (type help at the prompt); commands may be piped in')
    .argument('<files...>', 'programs: .s source or images made by illusion asm');
  addMachineOptions(cmd)
    .option('--input <file>', "the guests' standard input (default: empty; the debugger reads its own commands from stdin)")
    .option('--trace <file>', 'write the event trace of the debugged run to FILE (docs/trace.md), current at every prompt')
    .option('--trace-hits', 'with --trace, also record every TLB hit');
  addDefineOption(cmd)
    .action(async (files: string[], flags: DebugFlags) => {
      if (flags.traceHits && flags.trace === undefined) throw new UsageError('--trace-hits needs --trace FILE');
      const config = machineConfigFrom(flags);
      const programs = sharedImages(files, loadPrograms(files, definesFrom(flags.define)));
      if (programs.length > config.maxProcs) throw new UsageError(`${programs.length} programs but --max-procs is ${config.maxProcs}`);
      let input = new Uint8Array(0);
      if (flags.input !== undefined) {
        try {
          input = readFileSync(flags.input);
        } catch (err) {
          throw new UsageError(`--input: cannot read '${flags.input}': ${fileErrorText(err, flags.input, 'read')}`);
        }
      }
      let session: DebugSession | undefined;
      let trace: FileTraceOutput | undefined;
      // The same machine each time: restart boots it again from the same images, configuration and input
      // (and starts the trace file afresh: it is the trace of the run being debugged).
      const boot = () => {
        trace?.close();
        trace = flags.trace === undefined ? undefined : openTrace(flags.trace);
        return bootMachine(programs, {
          ...(trace ? { trace: { output: trace, hits: flags.traceHits === true } } : {}),
          config,
          stdin: input,
          events: { emit: (e) => session?.emit(e) },
          beforeKill: (p, detail) => session?.beforeKill(p, detail) ?? 'go',
          // Going back replays the run: what it writes up to where it lands was shown the first time.
          onOutput: (_pid, fd, bytes) => {
            if (session?.replaying !== true) guestOut(fd, bytes);
          },
          onKill: (line) => {
            if (session?.replaying !== true) out(line);
          },
        });
      };
      session = new DebugSession(boot(), sourcesOf(files, programs), boot, flags.input !== undefined);
      try {
        await converse(session, process.stdin.isTTY === true, () => trace?.flush());
      } finally {
        trace?.close();
      }
    });
}

/**
 * Reads command lines as they arrive and runs them one at a time. Piped
 * commands are echoed after the prompt, so the transcript reads like a
 * terminal session.
 */
async function converse(session: DebugSession, terminal: boolean, answered: () => void): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: terminal ? process.stdout : undefined, prompt: PROMPT, terminal });
  let ctrlCOnEmpty = false;
  const onInterrupt = (): void => {
    if (session.running) {
      session.interrupt();
      return;
    }
    const line = terminal ? rl.line : '';
    if (line !== '') {
      clearLine(rl);
      out('^C');
      rl.prompt();
      ctrlCOnEmpty = false;
      return;
    }
    if (ctrlCOnEmpty) {
      out('');
      rl.close();
      return;
    }
    ctrlCOnEmpty = true;
    out(terminal ? `^C\n${LEAVE_HINT}` : LEAVE_HINT);
    if (terminal) rl.prompt();
  };
  rl.on('SIGINT', onInterrupt);
  process.on('SIGINT', onInterrupt);
  // The banner only once Ctrl-C is ours: one that came earlier would end the process.
  out(session.banner());
  try {
    if (terminal) rl.prompt();
    for await (const line of rl) {
      ctrlCOnEmpty = false;
      if (!terminal) out(`${PROMPT}${line}`);
      const r = await session.execute(line);
      out(r.text);
      answered();
      if (r.quit) break;
      if (terminal) rl.prompt();
    }
  } finally {
    process.off('SIGINT', onInterrupt);
    rl.close();
    process.stdin.destroy();
  }
}

/** Empties the line being edited (Ctrl-E then Ctrl-U, as a user would). */
function clearLine(rl: Interface): void {
  rl.write(null, { ctrl: true, name: 'e' });
  rl.write(null, { ctrl: true, name: 'u' });
}
