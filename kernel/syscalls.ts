// System calls (SPEC section 6): number in r1, arguments in r2..r4, result in
// r1; no other register changes. Every pointer is checked page by page with
// the caller's rights before the call does anything.
import { pageAlignUp } from '../mmu/layout.js';
import { pageOf, PAGE_SIZE_BYTES } from '../mmu/page.js';
import {
  EAGAIN, EBADF, ECHILD, EFAULT, EINVAL, ENOMEM, ENOSYS, EPERM,
  PROT_R, PROT_W, PROT_X,
} from './abi.js';
import { SYSCALL_NAMES as CALL_NAMES } from '../asm/syscallNames.js';
import { REG_ARG0, REG_ARG1, REG_ARG2, REG_RESULT, REG_SYSCALL_NUMBER } from '../cpu/isa.js';
import type { Kernel } from './kernel.js';
import { reprotectRange, unmapRange } from './pages.js';
import type { Process } from './process.js';
import { copyIn, copyOut, rangeAllowed } from './uaccess.js';

/**
 * A result to put in r1, or BLOCKED when the call ended the process or left
 * it waiting for a result it does not have yet (wait). A call that gives up
 * the CPU but knows its result (yield, sleep) returns the result.
 */
const BLOCKED = Symbol('blocked');
type Result = number | typeof BLOCKED;

type Handler = (k: Kernel, p: Process, a: number, b: number, c: number) => Result;

/** An error a call can return, and when (SPEC section 6); the debugger's `info syscalls` lists them. */
export type SyscallError = readonly [code: number, when: string];

interface Syscall {
  readonly number: number;
  readonly name: string;
  /** The arguments in r2, r3, r4, as a call is written: `write(fd, buf, len)`. */
  readonly call: string;
  readonly errors: readonly SyscallError[];
  readonly handler: Handler;
}

const NOT_READABLE: SyscallError = [EFAULT, 'buf is not wholly readable'];
const NOT_WRITABLE: SyscallError = [EFAULT, 'buf is not wholly writable'];
const NOT_MMAPPED: SyscallError = [EINVAL, 'addr not page-aligned, len 0, or a page of the range not mmap\'d'];
const BAD_PROT: SyscallError = [EINVAL, 'prot has bits beyond R=1 W=2 X=4, or both W and X'];

/**
 * The system calls of SPEC section 6: each one's errors and code, by number.
 * Names and arguments come from asm/syscallNames.ts, the one list of them
 * (the assembler and the debugger name calls too, and may not import the kernel).
 */
const HANDLERS: readonly Omit<Syscall, 'name' | 'call'>[] = [
  { number: 0, errors: [], handler: sysExit },
  { number: 1, errors: [[EBADF, 'fd is not 1 or 2'], NOT_READABLE], handler: sysWrite },
  { number: 2, errors: [[EBADF, 'fd is not 0'], NOT_WRITABLE], handler: sysRead },
  { number: 3, errors: [], handler: sysGetpid },
  { number: 4, errors: [[EAGAIN, 'max_procs processes exist'], [ENOMEM, 'no frame for the child\'s page tables']], handler: sysFork },
  { number: 5, errors: [[ECHILD, 'no children'], [EFAULT, 'status_ptr is not 0 and not writable']], handler: sysWait },
  { number: 6, errors: [[EINVAL, 'the break would go below the heap\'s start'], [ENOMEM, 'the heap would reach the stack or an mmap region']], handler: sysSbrk },
  { number: 7, errors: [], handler: sysYield },
  { number: 8, errors: [[EINVAL, 'len 0'], BAD_PROT, [ENOMEM, 'no gap of len bytes']], handler: sysMmap },
  { number: 9, errors: [NOT_MMAPPED], handler: sysMunmap },
  { number: 10, errors: [NOT_MMAPPED, BAD_PROT], handler: sysMprotect },
  { number: 11, errors: [], handler: sysSleep },
  { number: 12, errors: [[EPERM, 'pid is not the caller\'s descendant (or no longer exists)']], handler: sysKill },
];

export const SYSCALLS: readonly Syscall[] = HANDLERS.map((h) => {
  const named = CALL_NAMES.find((c) => c.number === h.number)!;
  return { ...h, name: named.name, call: `${named.name}(${named.args.join(', ')})` };
});

/** System-call names by number. */
export const SYSCALL_NAMES: readonly string[] = SYSCALLS.map((s) => s.name);

const BY_NUMBER: readonly (Syscall | undefined)[] = (() => {
  const table: Syscall[] = [];
  for (const s of SYSCALLS) table[s.number] = s;
  return table;
})();

export function handleSyscall(k: Kernel, p: Process): void {
  const regs = k.regsOf(p);
  const n = regs[REG_SYSCALL_NUMBER]! >>> 0;
  const call = BY_NUMBER[n];
  const result = call === undefined ? ENOSYS : call.handler(k, p, regs[REG_ARG0]!, regs[REG_ARG1]!, regs[REG_ARG2]!);
  if (result === BLOCKED) return;
  // The process may have died inside the call (out of memory while faulting a page in).
  if (!p.alive) return;
  k.regsOf(p)[REG_RESULT] = result;
  k.events?.emit({ kind: 'syscall', pid: p.pid, name: call?.name ?? `#${n}`, result }, k.cpu.cycles());
}

const faulter = (k: Kernel, p: Process) => (va: number, access: 'fetch' | 'load' | 'store') => k.faultForSyscall(p, va, access);

function sysExit(k: Kernel, p: Process, code: number): Result {
  k.procs.exit(p, code);
  return BLOCKED;
}

function sysWrite(k: Kernel, p: Process, fd: number, buf: number, len: number): Result {
  if (fd !== 1 && fd !== 2) return EBADF;
  const length = len >>> 0;
  const space = p.space!;
  if (!rangeAllowed(space, buf, length, 'load')) return EFAULT;
  // Page by page, so a huge buffer never needs a huge host copy at once.
  let done = 0;
  while (done < length) {
    const n = Math.min(length - done, 16 * PAGE_SIZE_BYTES);
    const bytes = copyIn(k.vm, space, (buf + done) >>> 0, n, faulter(k, p));
    if (bytes === undefined) return BLOCKED; // killed while faulting in
    k.output(p, fd, bytes);
    done += n;
  }
  return length | 0;
}

function sysRead(k: Kernel, p: Process, fd: number, buf: number, len: number): Result {
  if (fd !== 0) return EBADF;
  const length = len >>> 0;
  const space = p.space!;
  if (!rangeAllowed(space, buf, length, 'store')) return EFAULT;
  const bytes = k.readStdin(p, length);
  if (bytes === undefined) return BLOCKED; // the host has no stdin yet: made again once it has
  if (!copyOut(k.vm, space, buf, bytes, faulter(k, p))) return BLOCKED;
  return bytes.length;
}

function sysGetpid(_k: Kernel, p: Process): Result {
  return p.pid;
}

function sysFork(k: Kernel, p: Process): Result {
  if (k.procs.liveCount >= k.config.maxProcs) return EAGAIN;
  const child = k.procs.fork(p);
  return child === undefined ? ENOMEM : child.pid;
}

function sysWait(k: Kernel, p: Process, statusPtr: number): Result {
  if (p.children.size === 0) return ECHILD;
  if (statusPtr !== 0 && !rangeAllowed(p.space!, statusPtr, 4, 'store')) return EFAULT;
  p.waitStatusPtr = statusPtr >>> 0;
  const reaped = k.procs.reapChild(p);
  if (reaped !== undefined) return reaped;
  p.state = 'waiting';
  // The trace shows the wait blocking here and, when a child ends, returning (proc.ts finishWait).
  k.events?.emit({ kind: 'syscall_blocked', pid: p.pid, name: 'wait' }, k.cpu.cycles());
  k.block(p);
  return BLOCKED;
}

function sysSbrk(k: Kernel, p: Process, delta: number): Result {
  const space = p.space!;
  const old = space.brk;
  const next = old + delta; // delta is signed
  if (next < space.heapStart) return EINVAL;
  if (pageAlignUp(next) > space.heapLimit()) return ENOMEM;
  const heap = space.heap;
  const newEnd = pageAlignUp(next);
  if (newEnd < heap.end) unmapRange(k.vm, space, pageOf(newEnd), pageOf(heap.end), 'sbrk');
  heap.end = newEnd;
  space.brk = next;
  if (next > space.brkPeak) space.brkPeak = next;
  return old | 0;
}

function sysYield(k: Kernel, p: Process): Result {
  k.preempt(p);
  return 0;
}

const PROT_ALL = PROT_R | PROT_W | PROT_X;

function badProt(prot: number): boolean {
  return (prot & ~PROT_ALL) !== 0 || ((prot & PROT_W) !== 0 && (prot & PROT_X) !== 0);
}

function sysMmap(_k: Kernel, p: Process, len: number, prot: number): Result {
  const length = len >>> 0;
  if (length === 0 || badProt(prot)) return EINVAL;
  const bytes = pageAlignUp(length);
  const space = p.space!;
  const start = space.findMmapGap(bytes);
  if (start < 0) return ENOMEM;
  space.addRegion({ kind: 'mmap', start, end: start + bytes, prot });
  return start | 0;
}

/** Validates an munmap/mprotect range: page-aligned start, non-zero length, wholly mmap'd. */
function mmapRange(p: Process, addr: number, len: number): [number, number] | undefined {
  const start = addr >>> 0;
  const length = len >>> 0;
  if (start % PAGE_SIZE_BYTES !== 0 || length === 0) return undefined;
  const end = pageAlignUp(start + length);
  if (end > 0x1_0000_0000) return undefined;
  return p.space!.coveredByMmap(start, end) ? [start, end] : undefined;
}

function sysMunmap(k: Kernel, p: Process, addr: number, len: number): Result {
  const range = mmapRange(p, addr, len);
  if (range === undefined) return EINVAL;
  const [start, end] = range;
  unmapRange(k.vm, p.space!, pageOf(start), pageOf(end), 'munmap');
  p.space!.editMmap(start, end, () => null);
  return 0;
}

function sysMprotect(k: Kernel, p: Process, addr: number, len: number, prot: number): Result {
  const range = mmapRange(p, addr, len);
  if (range === undefined || badProt(prot)) return EINVAL;
  const [start, end] = range;
  p.space!.editMmap(start, end, (r) => ({ ...r, prot }));
  reprotectRange(k.vm, p.space!, pageOf(start), pageOf(end), prot);
  return 0;
}

function sysSleep(k: Kernel, p: Process, ticks: number): Result {
  const t = ticks >>> 0;
  if (t === 0) return 0;
  k.block(p);
  k.scheduler.sleep(p, k.stats.ticks + BigInt(t));
  // The trace shows the sleep blocking here and its syscall line when it wakes (kernel.ts wakeDue).
  k.events?.emit({ kind: 'syscall_blocked', pid: p.pid, name: 'sleep' }, k.cpu.cycles());
  k.regsOf(p)[REG_RESULT] = 0;
  return BLOCKED;
}

function sysKill(k: Kernel, p: Process, pid: number): Result {
  const target = k.procs.byPid(pid);
  // A reaped process no longer exists; a zombie descendant may still be named (no effect).
  if (target === undefined || target.state === 'reaped' || !isDescendant(target, p)) return EPERM;
  k.killBy(p, target);
  return 0;
}

function isDescendant(q: Process, ancestor: Process): boolean {
  for (let a = q.parent; a !== undefined; a = a.parent) if (a === ancestor) return true;
  return false;
}
