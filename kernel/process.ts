// A process: registers, pc, address space, family, and how it ended.
import { REGISTER_COUNT } from '../cpu/isa.js';
import type { AddressSpace } from './addressSpace.js';
import type { KillCause } from './abi.js';
import type { KillDetail } from './killReason.js';
import { KeptOutput } from './keptOutput.js';
import { ProcessStats } from './processStats.js';
import type { SchedulerEntry } from './scheduler.js';

export type ProcessState = 'ready' | 'running' | 'sleeping' | 'waiting' | 'zombie' | 'reaped';

export class Process {
  readonly regs = new Int32Array(REGISTER_COUNT);
  pc = 0;
  state: ProcessState = 'ready';
  parent: Process | undefined;
  readonly children = new Set<Process>();
  /** The pid of the started program it descends from (itself when started, not forked): the OOM killer's family. */
  lineage = 0;
  /** The pid that forked it, 0 for a program the run started; kept after the parent ends (`parent` is then undefined). */
  forkedBy = 0;
  /** sleep: the tick to wake at. */
  wakeTick = 0n;
  /** Its place in the scheduler's ready queue or sleepers while it waits there (kernel/scheduler.ts). */
  schedulerEntry: SchedulerEntry | undefined;
  /** wait: where to store the child's status (0 for nowhere). */
  waitStatusPtr = 0;
  /** How it ended. */
  exitCode: number | undefined;
  killCause: KillCause | undefined;
  /** Why it was killed (kernel/killReason.ts). */
  kill: KillDetail | undefined;
  /** The kill's line as `run` printed it (kept: the image it names lines from is gone with the space). */
  killReport: string | undefined;
  /** The wait status (exit code, or 256 + cause). */
  status = 0;
  /** Order in which processes ended, so wait reaps the earliest first. */
  endSeq = 0;
  /**
   * Its children that have ended and are not yet reaped, in the order they
   * ended, from `endedHead` on: wait takes the first in O(1) instead of
   * looking at every child (attack23: n zombies cost n^2/2 looks).
   */
  readonly endedChildren: Process[] = [];
  endedHead = 0;
  /** What is kept of its output for the result (bounded: kernel/keptOutput.ts). */
  readonly stdout = new KeptOutput();
  readonly stderr = new KeptOutput();
  /** Its own figures (SPEC section 9), kept by the kernel where the events happen. */
  readonly stats = new ProcessStats();

  constructor(readonly pid: number, readonly name: string, public space: AddressSpace | undefined) {}

  get alive(): boolean {
    return this.state !== 'zombie' && this.state !== 'reaped';
  }
}
