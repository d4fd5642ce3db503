// The process list: every process that ever ran, its state, its parent and
// how it ended (exit code, or the kill cause with where it happened).
import { KILL_REASON_NAMES, type KillDetail, type KillReasonName, type RegionName } from '../kernel/killReason.js';
import type { ProcessState } from '../kernel/process.js';
import type { Kernel } from './machine.js';

export interface ProcessView {
  readonly pid: number;
  readonly name: string;
  readonly state: ProcessState;
  /** The pid that forked it (the trace's `parent`), 0 for a program the run started; it stays after that parent ends. */
  readonly parent: number;
  /** On the CPU now. */
  readonly current: boolean;
  /** pc while alive. */
  readonly pc?: number;
  readonly exitCode?: number;
  readonly killCause?: string;
  /** Why, as `--json` names it (SPEC section 7): null_page, protection, ... */
  readonly reason?: KillReasonName;
  /** The region holding the address (or the pc), when one does. */
  readonly region?: RegionName;
  /** The kill report line, as `illusion run` prints it on stderr. */
  readonly killReport?: string;
  /** Where the fatal access was: access, address, pc, source line and the file that holds it (an included file's own, as the kill report names it). */
  readonly fault?: { readonly access?: string; readonly address?: number; readonly pc: number; readonly line?: number; readonly file?: string };
}

function faultOf(d: KillDetail): NonNullable<ProcessView['fault']> {
  return {
    ...(d.access !== undefined ? { access: d.access } : {}),
    ...(d.address !== undefined ? { address: d.address } : {}),
    pc: d.pc,
    ...(d.line !== undefined ? { line: d.line } : {}),
    ...(d.file !== undefined ? { file: d.file } : {}),
  };
}

export function processesOf(k: Kernel): ProcessView[] {
  return k.processes.map((p) => {
    const alive = p.alive;
    return {
      pid: p.pid, name: p.name, state: p.state, parent: p.forkedBy, current: p === k.current,
      ...(alive ? { pc: k.pcOf(p) >>> 0 } : {}),
      ...(!alive && p.killCause === undefined ? { exitCode: p.exitCode ?? 0 } : {}),
      ...(p.kill !== undefined ? {
        killCause: p.kill.cause, reason: KILL_REASON_NAMES[p.kill.reason], ...(p.kill.region !== undefined ? { region: p.kill.region } : {}),
        killReport: p.killReport ?? '', fault: faultOf(p.kill),
      } : {}),
    };
  });
}
