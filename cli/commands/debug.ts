// `illusion debug FILE... [machine flags] [--input FILE]`: an interactive
// stepper over the same kernel `run` uses. Commands come from a terminal
// (readline, with a prompt) or from piped input, one a line; at the end of
// the input the debugger leaves. The commands are in cli/debug/session.ts.
import { readFileSync } from 'node:fs';
import { writeAll } from '../hostWrite.js';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { bootMachine } from '../../kernel/run.js';
import { DebugSession } from '../debug/session.js';
import { addMachineOptions, MachineFlags, machineConfigFrom } from '../machineOptions.js';
import { loadPrograms } from '../programs.js';
import { UsageError } from '../usage.js';

const PROMPT = '(illusion) ';

interface DebugFlags extends MachineFlags {
  input?: string;
}

function out(text: string): void {
  if (text !== '') writeAll(1, text.endsWith('\n') ? text : `${text}\n`);
}

/** Source lines of each program given as source, for disassembly with source lines (by process name). */
function sourcesOf(files: readonly string[], names: readonly string[]): Map<string, string[]> {
  const sources = new Map<string, string[]>();
  files.forEach((file, i) => {
    if (!file.endsWith('.s')) return;
    try {
      sources.set(names[i]!, readFileSync(file, 'utf8').split(/\r?\n/));
    } catch {
      // Already loaded once by loadPrograms; a vanished file only loses the source column.
    }
  });
  return sources;
}

export function registerDebug(program: Command): void {
  const cmd = program
    .command('debug')
    .description('step through programs interactively (type help at the prompt); commands may be piped in')
    .argument('<files...>', 'programs: .s source or images made by illusion asm');
  addMachineOptions(cmd)
    .option('--input <file>', "the guests' standard input (default: empty; the debugger reads its own commands from stdin)")
    .action(async (files: string[], flags: DebugFlags) => {
      const config = machineConfigFrom(flags);
      const programs = loadPrograms(files);
      if (programs.length > config.maxProcs) throw new UsageError(`${programs.length} programs but --max-procs is ${config.maxProcs}`);
      let input = new Uint8Array(0);
      if (flags.input !== undefined) {
        try {
          input = readFileSync(flags.input);
        } catch (err) {
          throw new UsageError(`--input: cannot read '${flags.input}': ${(err as Error).message}`);
        }
      }
      let session: DebugSession | undefined;
      const kernel = bootMachine(programs, {
        config,
        stdin: input,
        events: { emit: (e) => session?.emit(e) },
        onOutput: (_pid, fd, bytes) => writeAll(fd, bytes),
        onKill: (line) => out(line),
      });
      session = new DebugSession(kernel, sourcesOf(files, programs.map((p) => p.name)));
      out(session.banner());
      await (process.stdin.isTTY ? interactive(session) : piped(session));
    });
}

/** Piped commands: each echoed after the prompt, so the transcript reads like a terminal session. */
async function piped(session: DebugSession): Promise<void> {
  let text: string;
  try {
    text = readFileSync(0, 'utf8');
  } catch {
    text = '';
  }
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    out(`${PROMPT}${line}`);
    const r = session.execute(line);
    out(r.text);
    if (r.quit) return;
  }
}

function interactive(session: DebugSession): Promise<void> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: PROMPT });
    rl.on('line', (line) => {
      const r = session.execute(line);
      out(r.text);
      if (r.quit) rl.close();
      else rl.prompt();
    });
    rl.on('close', () => resolve());
    rl.prompt();
  });
}
