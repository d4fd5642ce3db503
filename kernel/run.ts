// The library's entry point: build a machine from a configuration, start one
// process per program, run to the end and return the result object that
// `illusion run --json` prints.
import type { ProgramImage } from '../asm/image.js';
import { MachineConfig, withDefaults } from './config.js';
import type { EventSink } from './events.js';
import { giveBackMemory } from './memoryPool.js';
import { Kernel, type CheckOptions, type KernelHooks, type TraceOptions } from './kernel.js';
import { collectResult, RunResult } from './result.js';

export interface ProgramInput {
  /** Shown in kill reports and results (the CLI uses the file's base name). */
  readonly name: string;
  readonly image: ProgramImage;
}

export interface RunOptions {
  readonly config?: Partial<MachineConfig>;
  /** Standard input for read(0); empty when omitted. */
  /** A function gives the next `want` bytes, or undefined while the host has not got them (KernelHooks.stdin): drive such a run with runSliced and `awaitInput`. */
  readonly stdin?: Uint8Array | ((want: number) => Uint8Array | undefined);
  readonly onOutput?: KernelHooks['onOutput'];
  readonly onKill?: KernelHooks['onKill'];
  readonly onSliceEnd?: KernelHooks['onSliceEnd'];
  /** Keep each process's output in the result (default true); false when it is only streamed. */
  readonly recordOutput?: boolean;
  readonly events?: EventSink;
  /** Asked before a trap kills a process; 'stop' defers the kill (the debugger's post-mortem). */
  readonly beforeKill?: KernelHooks['beforeKill'];
  /** Write the event trace (docs/trace.md) to this output; the caller closes it. */
  readonly trace?: TraceOptions;
  /** Checker mode (kernel/checker.ts): verify invariants and the TLB after traps; a violation throws KernelInvariantError. */
  readonly check?: boolean | CheckOptions;
  /** With `check`, also compare every TLB hit against the live page table (runs the reference CPU: slower). */
  readonly checkHits?: boolean;
  /** Run on the reference CPU (cpu/referenceCpu.ts); results are identical, only slower. */
  readonly referenceCpu?: boolean;
}

/** Boots a kernel with the programs started (pid 1, 2, ... in order) but not yet run. */
export function bootMachine(programs: readonly ProgramInput[], options: RunOptions = {}): Kernel {
  const stdin = options.stdin;
  const check: CheckOptions | undefined = options.check || options.checkHits
    ? { ...(typeof options.check === 'object' ? options.check : {}), ...(options.checkHits ? { hits: true } : {}) }
    : undefined;
  const kernel = new Kernel(withDefaults(options.config), {
    stdin: typeof stdin === 'function' ? stdin : cursorOver(stdin ?? new Uint8Array(0)),
    ...(options.onOutput ? { onOutput: options.onOutput } : {}),
    ...(options.onKill ? { onKill: options.onKill } : {}),
    ...(options.onSliceEnd ? { onSliceEnd: options.onSliceEnd } : {}),
    ...(options.recordOutput === false ? { recordOutput: false } : {}),
    ...(options.events ? { events: options.events } : {}),
    ...(options.beforeKill ? { beforeKill: options.beforeKill } : {}),
    ...(options.trace ? { trace: options.trace } : {}),
    ...(check ? { check } : {}),
    ...(options.referenceCpu ? { referenceCpu: true } : {}),
  });
  for (const p of programs) kernel.spawn(p.name, p.image);
  return kernel;
}

/** A stdin hook that hands out `bytes` in order. */
function cursorOver(bytes: Uint8Array): (want: number) => Uint8Array {
  let pos = 0;
  return (want) => {
    const out = bytes.subarray(pos, pos + want);
    pos += out.length;
    return out;
  };
}

/** Runs programs to the end and returns the result. */
export function runPrograms(programs: readonly ProgramInput[], options: RunOptions = {}): RunResult {
  const kernel = bootMachine(programs, options);
  kernel.run();
  const result = collectResult(kernel);
  // The kernel is ours alone and done: its memory can serve the next run.
  giveBackMemory(kernel);
  return result;
}

/** How a sliced run is driven: how much to run at once, what to do between slices. */
export interface SliceOptions {
  /** Instructions per slice (a few milliseconds of guest time). */
  readonly sliceInstructions: number;
  /** Gives the host's event loop a turn (signal handlers, timers); e.g. `setImmediate` as a promise. */
  readonly yieldToHost: () => Promise<void>;
  /** Asked after every slice: a signal name stops the run (every live process is killed `interrupted`). */
  readonly interruption?: () => 'SIGINT' | 'SIGTERM' | undefined;
  /** Told after every slice (progress lines). */
  readonly afterSlice?: () => void;
  /**
   * Awaited instead of yieldToHost while a read(0) waits for the host's
   * stdin (`Kernel.awaitingInput`): resolves once the stdin hook has the
   * bytes it was last asked for, or once an interruption is due.
   */
  readonly awaitInput?: () => Promise<void>;
  /**
   * Asked between slices: true once nobody reads the run's output any more
   * (the host's stdout was closed: `illusion run prog.s | head -1`). The run
   * then stops where it is, its processes left as they are, as a Unix
   * program stops when the reader of its pipe goes away.
   */
  readonly abandoned?: () => boolean;
}

/**
 * Host time a slice may take before it yields, whatever its instruction count:
 * instructions that trap (a fork of a large process, an out-of-memory kill)
 * cost the host far more than others, and a slice of a million of them took
 * seconds to hear Ctrl-C. Checked after each trap, which costs more than the
 * clock read.
 */
export const SLICE_HOST_MS = 20;

/**
 * Runs `kernel` to the end in slices, yielding to the host between them, so
 * that a run can be interrupted (SPEC section 9). A slice ends after
 * `sliceInstructions` or SLICE_HOST_MS of host time, whichever comes first.
 * Slicing changes nothing the machine does or counts. Resolves to the signal
 * that stopped it, or 'abandoned', if either did.
 */
export async function runSliced(kernel: Kernel, options: SliceOptions): Promise<'SIGINT' | 'SIGTERM' | 'abandoned' | undefined> {
  for (;;) {
    const signal = options.interruption?.();
    if (signal !== undefined) {
      kernel.interrupt(signal);
      return signal;
    }
    if (options.abandoned?.() === true) return 'abandoned';
    const deadline = performance.now() + SLICE_HOST_MS;
    if (kernel.step(options.sliceInstructions, () => performance.now() >= deadline) === 'done') return undefined;
    options.afterSlice?.();
    await (kernel.awaitingInput && options.awaitInput !== undefined ? options.awaitInput() : options.yieldToHost());
  }
}
