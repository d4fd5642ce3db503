// Process life and death: making a process (spawn, fork), ending it (exit,
// kill), and its parent collecting the status (wait). Pids are handed out
// here and nowhere else: 1, 2, ... in order of creation, never reused.
import type { ProgramImage } from '../asm/image.js';
import { REG_RESULT, REG_SP } from '../cpu/isa.js';
import { EFAULT, KillCause, exitStatus, killStatus } from './abi.js';
import { forkSpace } from './fork.js';
import type { Kernel } from './kernel.js';
import { STACK_TOP } from '../mmu/layout.js';
import { destroySpace } from './pages.js';
import { FaultReport, Process } from './process.js';
import { copyOut, rangeAllowed } from './uaccess.js';

export class ProcessTable {
  /** Every process ever made, in pid order (pid i is all[i - 1]). */
  readonly all: Process[] = [];
  private endSeq = 0;

  constructor(private readonly k: Kernel) {}

  /** The pid the next process gets; a fork that fails to get memory takes none. */
  private get nextPid(): number {
    return this.all.length + 1;
  }

  /** The process with `pid`, reaped or not; undefined if there never was one. */
  byPid(pid: number): Process | undefined {
    return pid > 0 ? this.all[pid - 1] : undefined;
  }

  /** Processes that exist for max_procs: alive or ended but not yet waited for. */
  get liveCount(): number {
    let n = 0;
    for (const p of this.all) if (p.state !== 'reaped') n++;
    return n;
  }

  private add(name: string, parent: Process | undefined): Process {
    const p = new Process(this.nextPid, name, undefined);
    if (parent !== undefined) {
      p.parent = parent;
      parent.children.add(p);
    }
    this.all.push(p);
    this.k.events?.emit({ kind: 'process_start', pid: p.pid, name, parent: parent?.pid ?? 0 }, this.k.cpu.cycles());
    return p;
  }

  /** Starts a process running `image`; it joins the ready queue (or dies at once, out of memory). */
  spawn(name: string, image: ProgramImage): Process {
    const p = this.add(name, undefined);
    const space = this.k.vm.createSpace(p.pid, image);
    if (space === undefined) {
      this.kill(p, 'out_of_memory');
      return p;
    }
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

  kill(p: Process, cause: KillCause, report?: FaultReport): void {
    if (!p.alive) return;
    p.killCause = cause;
    p.status = killStatus(cause);
    p.fault = report ?? (p.space ? this.k.report(p, this.k.pcOf(p)) : undefined);
    this.k.hooks.onKill?.(formatKill(p));
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
      if (child.state === 'zombie') child.state = 'reaped';
    }
    p.children.clear();
    p.endSeq = ++this.endSeq;
    const parent = p.parent;
    p.state = parent !== undefined && parent.alive ? 'zombie' : 'reaped';
    k.events?.emit({
      kind: 'process_end', pid: p.pid, status: p.killCause ? 'killed' : 'exited',
      ...(p.killCause ? { cause: p.killCause } : { code: p.exitCode ?? 0 }),
    }, k.cpu.cycles());
    if (parent !== undefined && parent.state === 'waiting') this.finishWait(parent);
  }

  /** Completes a blocked wait now that a child has ended. */
  private finishWait(parent: Process): void {
    const result = this.reapChild(parent);
    if (result === undefined) return; // still nothing to reap
    if (!parent.alive) return;
    this.k.regsOf(parent)[REG_RESULT] = result;
    this.k.scheduler.enqueue(parent);
  }

  /**
   * Reaps the earliest-ended zombie child of `parent`, storing its status:
   * the child's pid, a negative error, or undefined when none has ended yet.
   */
  reapChild(parent: Process): number | undefined {
    let zombie: Process | undefined;
    for (const c of parent.children) if (c.state === 'zombie' && (zombie === undefined || c.endSeq < zombie.endSeq)) zombie = c;
    if (zombie === undefined) return undefined;
    if (parent.waitStatusPtr !== 0) {
      const ok = this.storeStatus(parent, parent.waitStatusPtr, zombie.status);
      if (ok !== 0) return ok;
    }
    zombie.state = 'reaped';
    parent.children.delete(zombie);
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

/** `pid N (NAME) killed: CAUSE (access at ADDRESS, pc PC, line L)` */
export function formatKill(p: Process): string {
  const f = p.fault;
  const parts: string[] = [];
  if (f?.access !== undefined && f.address !== undefined) parts.push(`${f.access} at ${hex(f.address)}`);
  if (f !== undefined) parts.push(`pc ${hex(f.pc)}`);
  if (f?.line !== undefined) parts.push(`line ${f.line}`);
  return `pid ${p.pid} (${p.name}) killed: ${p.killCause}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

/**
 * The report formatKill would print if `p` were killed now for `cause`,
 * without killing it (the debugger shows it before a deferred kill).
 */
export function formatKillOf(p: Process, cause: KillCause, report: FaultReport | undefined): string {
  const preview = Object.create(p) as Process;
  preview.killCause = cause;
  preview.fault = report;
  return formatKill(preview);
}

/** `n` as 0x and `digits` hex digits (kill reports, the debugger). */
export function hex(n: number, digits = 8): string {
  return `0x${(n >>> 0).toString(16).padStart(digits, '0')}`;
}
