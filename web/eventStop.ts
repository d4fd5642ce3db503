// Stops at kernel events a lesson watches for: a page fault (after the
// kernel resolved it, before the instruction is retried), an eviction, a
// fork, an out-of-memory kill (after it: the kernel kills to free memory it
// needs at once, so the kill cannot wait for the page as a trap's can). The session hears every kernel event as it happens and asks the
// kernel to pause after the trap that caused it (Kernel.step's pause
// callback, which the terminal debugger's trap breakpoints use too), so a
// stop changes nothing the machine does or counts.
import type { KernelEvent, WalkAccess } from '../index.js';
import { hex } from './format.js';

export type StopKind = 'page_fault' | 'evict' | 'fork' | 'oom';
export const STOP_KINDS: readonly StopKind[] = ['page_fault', 'evict', 'fork', 'oom'];

export interface EventStop {
  readonly kind: StopKind;
  /** The process the panels show: the faulting one, the evicted page's owner, the fork's child; an out-of-memory kill's victim (the panels then follow the CPU). */
  readonly pid: number;
  /** The status line: what happened, in words. */
  readonly text: string;
  /** A page fault's address and access (the page shows their walk). */
  readonly address?: number;
  readonly access?: WalkAccess;
  /** How many such events the trap made (a fault that needs a page-table frame and a page can evict twice). */
  readonly events: number;
}

/** The eviction in words, as the frame map says it: which frame, whose page, where its contents went. */
export function evictionWords(f: { frame: number; pid: number; vpn: number; to: string; slot?: number | undefined; sharers: number }): string {
  const where = f.to === 'swap' ? `written to swap slot ${f.slot}` : 'clean, so dropped without a write';
  const page = `pid ${f.pid}'s page ${hex((f.vpn << 12) >>> 0)}`;
  const whose = f.sharers > 1 ? `${page} and ${f.sharers - 1} more ${f.sharers === 2 ? 'mapping' : 'mappings'} of it` : page;
  return `frame ${hex(f.frame, 3)}, ${whose}, ${where}`;
}

/**
 * The stop after `e`, given the stop an earlier event of the same trap made
 * (`pending`): the first event of a trap makes the stop, except that a later
 * eviction replaces an eviction, counted, so the status names the frame the
 * frame map rings as the last eviction.
 */
export function nextStop(pending: EventStop | undefined, e: KernelEvent, chosen: ReadonlySet<StopKind>): EventStop | undefined {
  if (pending === undefined) return eventStopOf(e, chosen);
  if (pending.kind !== 'evict' || e.kind !== 'evict') return pending;
  const n = pending.events + 1;
  return { kind: 'evict', pid: e.pid, text: `paused after ${n} evictions, the last: ${evictionWords(e)}`, events: n };
}

/** The stop `e` makes when its kind is chosen; none for a fault that kills (Stop at a kill shows that one whole). */
export function eventStopOf(e: KernelEvent, chosen: ReadonlySet<StopKind>): EventStop | undefined {
  switch (e.kind) {
    case 'page_fault':
      if (!chosen.has('page_fault') || e.resolution === 'kill') return undefined;
      return {
        kind: 'page_fault', pid: e.pid, text: `paused after a page fault: pid ${e.pid}, ${e.access} at ${hex(e.address >>> 0)}, ${e.resolution}`,
        address: e.address >>> 0, access: e.access as WalkAccess, events: 1,
      };
    case 'evict':
      if (!chosen.has('evict')) return undefined;
      return { kind: 'evict', pid: e.pid, text: `paused after an eviction: ${evictionWords(e)}`, events: 1 };
    case 'process_start':
      // The run's own programs start with parent 0; every other start is a fork's child.
      if (!chosen.has('fork') || e.parent === 0) return undefined;
      return { kind: 'fork', pid: e.pid, text: `paused after a fork: pid ${e.parent} made pid ${e.pid}`, events: 1 };
    case 'process_end':
      if (!chosen.has('oom') || e.cause !== 'out_of_memory') return undefined;
      return { kind: 'oom', pid: e.pid, text: `paused after an out-of-memory kill: pid ${e.pid} was the victim (${e.reason})`, events: 1 };
    default:
      return undefined;
  }
}
