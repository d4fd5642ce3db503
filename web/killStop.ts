// A stop before a kill: the kernel's beforeKill hook defers a kill for the
// process's own trap (a bad access, a misaligned access, an illegal
// instruction, a division by zero, brk), so that the page can show the
// process whole, its pc still on the faulting instruction, before the kill
// frees it. The next step carries the kill out exactly as it would have
// happened (kernel/kernel.ts: beforeKill), so a stopped run counts the same.
import { KILL_REASON_NAMES, type KillDetail, type ProgramImage, type WalkAccess } from '../index.js';
import { formatKillOf } from '../kernel/proc.js';
import type { Process } from '../kernel/process.js';

export interface KillStop {
  readonly pid: number;
  /** Index of the program (the editor's tab) the process runs. */
  readonly program: number;
  /** The source line of the faulting instruction, and its file (the program's own or an included one). */
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly pc: number;
  readonly cause: string;
  readonly reason: string;
  readonly access?: WalkAccess;
  readonly address?: number;
  /** The line the kill will print, as `illusion run` prints it. */
  readonly text: string;
}

/** What the page shows of a deferred kill of `p` for `detail`. */
export function killStopOf(p: Process, detail: KillDetail, images: readonly ProgramImage[]): KillStop {
  const image = p.space?.image;
  return {
    pid: p.pid,
    program: image === undefined ? -1 : images.indexOf(image),
    file: detail.line === undefined ? undefined : detail.file ?? image?.sourceName,
    line: detail.line,
    pc: detail.pc,
    cause: detail.cause,
    reason: KILL_REASON_NAMES[detail.reason]!,
    ...(detail.access !== undefined ? { access: detail.access } : {}),
    ...(detail.address !== undefined ? { address: detail.address } : {}),
    text: formatKillOf(p, detail),
  };
}
