// `illusion run FILE... [machine flags] [--stats] [--json] [--trace FILE]` (SPEC section 9).
import { writeAll } from '../hostWrite.js';
import { setImmediate as yieldToHost } from 'node:timers/promises';
import { Command } from 'commander';
import { bootMachine, runSliced } from '../../kernel/run.js';
import { collectResult, runExitStatus } from '../../kernel/result.js';
import { FileTraceOutput } from '../../kernel/trace.js';
import { addMachineOptions, MachineFlags, machineConfigFrom } from '../machineOptions.js';
import { loadPrograms } from '../programs.js';
import { addDefineOption, definesFrom } from '../defines.js';
import { formatProcessTable, formatStatsTable } from '../statsTable.js';
import { fileErrorText, UsageError } from '../usage.js';
import { OutputBuffer } from '../outputBuffer.js';
import { ProgressLine } from '../progress.js';
import { StdinStream } from '../stdinStream.js';

/**
 * Instructions the kernel runs between two looks at the host (signals, the
 * progress line): a few milliseconds, so Ctrl-C acts at once; the yield
 * costs nothing measurable (docs/kill-reports.md has the numbers).
 */
const SLICE_INSTRUCTIONS = 1_000_000;
const EXIT_INTERRUPTED = 128 + 2; // SIGINT, SPEC section 9
import { writeResultJson } from '../resultJson.js';

interface RunFlags extends MachineFlags {
  define?: string[];
  stats?: boolean;
  json?: boolean;
  trace?: string;
  traceHits?: boolean;
  check?: boolean;
}

/** The --trace file, or a usage error naming it (run and debug). */
export function openTrace(path: string): FileTraceOutput {
  // Not stdout: the trace and the guests' output would share it, and a redirected stdout would be written at two offsets.
  if (path === '-') throw new UsageError("--trace: '-' would be a file named '-': give the trace a file (--trace run.jsonl) and watch it with tail -f");
  try {
    return new FileTraceOutput(path);
  } catch (err) {
    throw new UsageError(`--trace: cannot write '${path}': ${fileErrorText(err, path, 'write')}`);
  }
}

const STDIN_NOTICE = 'illusion: the program reads its input from this terminal: type it, then Ctrl-D on an empty line (Ctrl-C stops the run)\n';

export function registerRun(program: Command): void {
  const cmd = program
    .command('run')
    .description('run programs (source or image), one process each: pid 1, 2, ... in order')
    .argument('<files...>', 'programs: .s source or images made by illusion asm');
  addMachineOptions(cmd)
    .option('--stats', 'print a table of statistics on stderr after the run')
    .option('--json', 'print one JSON result object on stdout instead of the guest output')
    .option('--trace <file>', 'write one JSON event a line to FILE (schema: docs/trace.md)')
    .option('--trace-hits', 'with --trace, also record every TLB hit')
    .option('--check', 'checker mode: verify kernel invariants and the TLB after traps and at every TLB hit (slower; see docs/robustness.md)');
  addDefineOption(cmd)
    .action(async (files: string[], flags: RunFlags) => {
      const config = machineConfigFrom(flags);
      const defines = definesFrom(flags.define);
      const programs = loadPrograms(files, defines);
      if (programs.length > config.maxProcs) {
        throw new UsageError(`${programs.length} programs but --max-procs is ${config.maxProcs}`);
      }
      if (flags.traceHits && flags.trace === undefined) throw new UsageError('--trace-hits needs --trace FILE');
      let signal: 'SIGINT' | 'SIGTERM' | undefined;
      // Wakes a run that waits for stdin when a signal comes first.
      let wakeOnSignal: () => void = () => {};
      const signalled = new Promise<void>((resolve) => { wakeOnSignal = resolve; });
      const onInt = () => { signal ??= 'SIGINT'; wakeOnSignal(); };
      const onTerm = () => { signal ??= 'SIGTERM'; wakeOnSignal(); };
      const watch = () => { process.on('SIGINT', onInt); process.on('SIGTERM', onTerm); };
      const stopWatching = () => { process.off('SIGINT', onInt); process.off('SIGTERM', onTerm); };
      const progress = new ProgressLine(process.stdout.isTTY === true && process.stderr.isTTY === true);
      const out = new OutputBuffer(() => progress.clear());
      const trace = flags.trace === undefined ? undefined : openTrace(flags.trace);
      const stdin = new StdinStream(process.stdin, process.stdin.isTTY === true);
      let noticed = false;
      const kernel = bootMachine(programs, {
        ...(trace ? { trace: { output: trace, hits: flags.traceHits === true } } : {}),
        config,
        // A read(0) waits (the machine stops there) until the bytes it
        // takes are in (a terminal: or until Ctrl-D), or Ctrl-C. A prompt
        // written before it must show.
        stdin: (want) => {
          const bytes = stdin.take(want);
          if (bytes === undefined) {
            out.flush();
            progress.clear();
            // On a terminal the run now waits for typing; without a prompt of the program's own, say so (once).
            if (!noticed && process.stdin.isTTY === true && process.stderr.isTTY === true && !out.lineOpen) {
              noticed = true;
              writeAll(2, STDIN_NOTICE);
            }
          }
          return bytes;
        },
        // Without --json the output is streamed and not kept: constant memory.
        recordOutput: flags.json === true,
        onOutput: flags.json ? undefined : (_pid, fd, bytes) => out.write(fd, bytes),
        onKill: (line) => out.write(2, new TextEncoder().encode(`${line}\n`)),
        onSliceEnd: () => out.flush(),
        check: flags.check === true,
        checkHits: flags.check === true,
      });
      watch();
      let stoppedBy: 'SIGINT' | 'SIGTERM' | 'abandoned' | undefined;
      try {
        stoppedBy = await runSliced(kernel, {
          sliceInstructions: SLICE_INSTRUCTIONS,
          yieldToHost: () => yieldToHost(),
          interruption: () => signal,
          awaitInput: () => Promise.race([stdin.ready(), signalled]),
          abandoned: () => out.stdoutClosed,
          afterSlice: () => progress.update(kernel.cpu.instret, () => kernel.procs.alive().length),
        });
      } finally {
        stopWatching();
        // Input not read to its end (an interrupted wait, an endless pipe) must not keep the host alive.
        if (stdin.pending) process.stdin.destroy();
        // A kernel bug (KernelInvariantError) must not swallow what the guests wrote before it.
        trace?.close();
        out.flush();
        progress.clear();
      }
      // The reader of stdout went away (`| head -1`): stop as a Unix filter does, quietly, status 0
      // (as policy and disasm do); the run did not end, so there are no statistics to give.
      if (stoppedBy === 'abandoned') {
        process.exitCode = 0;
        return;
      }
      const result = collectResult(kernel);
      // The constants set with -D are part of what was run: recorded beside the configuration.
      if (flags.json) writeResultJson(1, defines === undefined ? result : { ...result, defines: Object.fromEntries(defines) });
      if (flags.stats) writeAll(2, formatStatsTable(result.stats, kernel.config.tlbRefill === 'software') + formatProcessTable(result));
      process.exitCode = stoppedBy !== undefined ? EXIT_INTERRUPTED : runExitStatus(result);
    });
}
