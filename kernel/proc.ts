// Process life and death: making a process (spawn, fork), ending it (exit,
// kill), and its parent collecting the status (wait). Pids are handed out
// here and nowhere else: 1, 2, ... in order of creation, never reused.
import type { ProgramImage } from '../asm/image.js';
import { REG_RESULT, REG_SP } from '../cpu/isa.js';
import { EFAULT, exitStatus, killStatus } from './abi.js';
import { forkSpace } from './fork.js';
import type { Kernel } from './kernel.js';
import { STACK_TOP } from '../mmu/layout.js';
import { destroySpace } from './pages.js';
import { KILL_REASON_NAMES, type KillDetail } from './killReason.js';
import { formatKill } from './killReport.js';
import { Process } from './process.js';
import { copyOut, rangeAllowed } from './uaccess.js';

/** Results kept of reaped processes: the first pids made, and the last ones reaped (docs/kernel.md). */
export const FIRST_KEPT = 1000;
export const LAST_KEPT = 1000;

export class ProcessTable {
  /** Processes that exist: alive, or ended and not yet reaped; in pid order (a Map keeps insertion order). */
  private readonly live = new Map<number, Process>();
  /** Pids 1..FIRST_KEPT, kept for the result whatever becomes of them. */
  private readonly first: Process[] = [];
  /** The last LAST_KEPT reaped processes past FIRST_KEPT, a ring in reap order. */
  private readonly recent: (Process | undefined)[] = [];
  private recentNext = 0;
  /** Processes made in all. */
  created = 0;
  /** Reaped processes whose results were dropped to keep the rest bounded. */
  omitted = 0;
  private endSeq = 0;
  /** Children reapChild looked at: work done, for the host-cost test. */
  reapVisits = 0;

  constructor(private readonly k: Kernel) {}

  /** The pid the next process gets; a fork that fails to get memory takes none. */
  private get nextPid(): number {
    return this.created + 1;
  }

  /** The process with `pid` if it exists (not reaped); undefined otherwise. */
  byPid(pid: number): Process | undefined {
    return this.live.get(pid);
  }

  /** Processes that exist for max_procs: alive or ended but not yet waited for. */
  get liveCount(): number {
    return this.live.size;
  }

  /** The processes that have not ended, in pid order (a copy: ending one while iterating is safe). */
  alive(): Process[] {
    const out: Process[] = [];
    for (const p of this.live.values()) if (p.alive) out.push(p);
    return out;
  }

  anyAlive(): boolean {
    for (const p of this.live.values()) if (p.alive) return true;
    return false;
  }

  /** Every process whose result is kept, in pid order: O(kept), for results and views. */
  get all(): Process[] {
    const seen = new Set<Process>(this.first);
    for (const p of this.recent) if (p !== undefined) seen.add(p);
    for (const p of this.live.values()) seen.add(p);
    return [...seen].sort((a, b) => a.pid - b.pid);
  }

  /** A process leaves the kernel's structures; its result stays if it is among the kept. */
  private retire(p: Process): void {
    p.state = 'reaped';
    this.live.delete(p.pid);
    if (p.pid <= FIRST_KEPT) return;
    const dropped = this.recent[this.recentNext];
    if (dropped !== undefined) {
      dropped.stdout.release(this.k.outputBudget);
      dropped.stderr.release(this.k.outputBudget);
      this.omitted++;
    }
    this.recent[this.recentNext] = p;
    this.recentNext = (this.recentNext + 1) % LAST_KEPT;
  }

  private add(name: string, parent: Process | undefined): Process {
    const p = new Process(this.nextPid, name, undefined);
    p.lineage = parent?.lineage ?? p.pid;
    if (parent !== undefined) {
      p.parent = parent;
      p.forkedBy = parent.pid;
      parent.children.add(p);
    }
    this.created++;
    this.live.set(p.pid, p);
    if (p.pid <= FIRST_KEPT) this.first.push(p);
    this.k.events?.emit({ kind: 'process_start', pid: p.pid, name, parent: p.forkedBy }, this.k.cpu.cycles());
    return p;
  }

  /** Starts a process running `image`; it joins the ready queue (or dies at once, out of memory). */
  spawn(name: string, image: ProgramImage): Process {
    const p = this.add(name, undefined);
    const space = this.k.vm.createSpace(p.pid, image);
    if (space === undefined) {
      this.kill(p, { cause: 'out_of_memory', reason: this.k.oomReason(), pc: image.entry, frames: 0, swapSlots: 0, ...this.k.oomMemory() });
      return p;
    }
    space.stats = p.stats;
    p.space = space;
    p.pc = image.entry;
    p.regs[REG_SP] = STACK_TOP | 0;
    this.k.scheduler.enqueue(p);
    return p;
  }

  /** A copy of `parent` sharing its pages copy-on-write, queued to run; undefined when memory ran out. */
  fork(parent: Process): Process | undefined {
    const space = forkSpace(this.k.vm, parent.space!, this.nextPid);
    if (space === undefined) return undefined;
    const child = this.add(parent.name, parent);
    // The shared pages fork mapped were counted on a stats object of the space's own: adopt it.
    child.stats.residentPages = space.stats.residentPages;
    child.stats.peakResidentPages = space.stats.peakResidentPages;
    space.stats = child.stats;
    child.space = space;
    child.regs.set(this.k.regsOf(parent));
    child.regs[REG_RESULT] = 0;
    child.pc = this.k.pcOf(parent);
    this.k.scheduler.enqueue(child);
    return child;
  }

  exit(p: Process, code: number): void {
    p.exitCode = code & 0xff;
    p.status = exitStatus(code);
    this.end(p);
  }

  /** Kills `p` for the reason `detail` gives; the report line is made while its image is at hand. */
  kill(p: Process, detail: KillDetail): void {
    if (!p.alive) return;
    p.killCause = detail.cause;
    p.status = killStatus(detail.cause);
    p.kill = detail;
    p.killReport = formatKillOf(p, detail);
    this.k.hooks.onKill?.(p.killReport);
    this.end(p);
  }

  /** Ends a process: frees everything it holds, tells its parent, lets the kernel reap orphans. */
  private end(p: Process): void {
    const k = this.k;
    k.scheduler.remove(p);
    k.unload(p);
    const space = p.space;
    if (space !== undefined) {
      destroySpace(k.vm, space);
      k.asids.release(space);
      p.space = undefined;
    }
    for (const child of p.children) {
      child.parent = undefined;
      if (child.state === 'zombie') this.retire(child);
    }
    p.children.clear();
    p.endedChildren.length = 0;
    p.endedHead = 0;
    p.endSeq = ++this.endSeq;
    const parent = p.parent;
    if (parent !== undefined && parent.alive) {
      p.state = 'zombie';
      parent.endedChildren.push(p);
    } else this.retire(p);
    k.events?.emit({
      kind: 'process_end', pid: p.pid, status: p.killCause ? 'killed' : 'exited',
      ...(p.kill !== undefined ? {
        cause: p.kill.cause, reason: KILL_REASON_NAMES[p.kill.reason], ...(p.kill.region !== undefined ? { region: p.kill.region } : {}),
        // Where it was, as the kill report says: for a kill no trap preceded (a limit, kill(), Ctrl-C) the trace's only record.
        pc: p.kill.pc >>> 0, ...(p.kill.address !== undefined ? { address: p.kill.address >>> 0 } : {}),
        ...(p.kill.killer !== undefined ? { killer: p.kill.killer } : {}),
      } : { code: p.exitCode ?? 0 }),
    }, k.cpu.cycles());
    if (parent !== undefined && parent.state === 'waiting') this.finishWait(parent);
  }

  /** Completes a blocked wait now that a child has ended. */
  private finishWait(parent: Process): void {
    const result = this.reapChild(parent);
    if (result === undefined) return; // still nothing to reap
    if (!parent.alive) return;
    this.k.regsOf(parent)[REG_RESULT] = result;
    this.k.events?.emit({ kind: 'syscall', pid: parent.pid, name: 'wait', result }, this.k.cpu.cycles());
    this.k.scheduler.enqueue(parent);
  }

  /**
   * Reaps the earliest-ended zombie child of `parent`, storing its status:
   * the child's pid, a negative error, or undefined when none has ended yet.
   */
  reapChild(parent: Process): number | undefined {
    const ended = parent.endedChildren;
    if (parent.endedHead === ended.length) return undefined;
    this.reapVisits++;
    const zombie = ended[parent.endedHead]!;
    if (parent.waitStatusPtr !== 0) {
      const ok = this.storeStatus(parent, parent.waitStatusPtr, zombie.status);
      if (ok !== 0) return ok; // stays first: the next good wait reaps it
    }
    parent.endedHead++;
    if (parent.endedHead === ended.length || parent.endedHead > 1024 && parent.endedHead * 2 > ended.length) {
      ended.splice(0, parent.endedHead);
      parent.endedHead = 0;
    }
    parent.children.delete(zombie);
    this.retire(zombie);
    return zombie.pid;
  }

  private storeStatus(p: Process, ptr: number, status: number): number {
    const space = p.space!;
    if (!rangeAllowed(space, ptr, 4, 'store')) return EFAULT;
    const bytes = new Uint8Array(new Int32Array([status]).buffer);
    const ok = copyOut(this.k.vm, space, ptr, bytes, (va, access) => this.k.faultForSyscall(p, va, access));
    return ok ? 0 : EFAULT;
  }
}

export { hex } from './killReport.js';

/**
 * The line a kill of `p` for `detail` prints, without killing it (the
 * debugger shows it before a deferred kill).
 */
export function formatKillOf(p: Process, detail: KillDetail): string {
  return formatKill(p.pid, p.name, detail, p.space?.image);
}
