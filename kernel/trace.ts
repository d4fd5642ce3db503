// The event trace (`illusion run --trace FILE`): every kernel event and every
// TLB miss, walk, fill and invalidation (hits too when asked), one JSON
// object a line, each stamped with the cycle count and the pid of the
// process on the CPU. The schema is docs/trace.md.
//
// Tracing changes nothing the machine does: the kernel and the MMU only call
// out to it. A traced run uses the reference CPU (cpu/referenceCpu.ts), which
// sends every access through the MMU's slow path and keeps the instruction
// count current, so that each hit is seen and each stamp is exact.
import { closeSync, openSync, writeSync } from 'node:fs';
import { Access, ACCESS_NAMES, FAULT_KIND_NAMES, FaultKind } from '../mmu/access.js';
import type { HardwareObserver } from '../mmu/observer.js';
import type { EventSink, KernelEvent } from './events.js';

const FLUSH_AT_CHARS = 256 * 1024;

/** Where trace lines go: a file (buffered), or anything that takes a line. */
export interface TraceOutput {
  write(line: string): void;
  close(): void;
}

/** Lines written to a file descriptor in chunks of about 256 KiB. */
export class FileTraceOutput implements TraceOutput {
  private readonly fd: number;
  private chunks: string[] = [];
  private size = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(line: string): void {
    this.chunks.push(line);
    this.size += line.length + 1;
    if (this.size >= FLUSH_AT_CHARS) this.flush();
  }

  flush(): void {
    if (this.chunks.length === 0) return;
    writeSync(this.fd, `${this.chunks.join('\n')}\n`);
    this.chunks = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export interface TracerOptions {
  /** Also record every TLB hit (many: one or more per instruction). */
  readonly hits?: boolean;
}

/**
 * Built by the kernel when a trace is asked for (KernelHooks.trace), which
 * gives it the kernel's events, the MMU's and the TLB's reports, and runs the
 * reference CPU. `cycles` reads the machine's cycle counter for the stamps of
 * hardware reports (kernel events bring their own).
 */
export class Tracer implements EventSink, HardwareObserver {
  /** The process on the CPU: set by context switches, 0 before the first and after it ends. */
  private running = 0;

  constructor(private readonly out: TraceOutput, private readonly options: TracerOptions, private readonly cycles: () => number) {}

  emit(event: KernelEvent, cycle: number): void {
    const { kind, ...fields } = event;
    switch (event.kind) {
      case 'context_switch':
        this.running = event.to;
        this.line(cycle, event.to, kind, fields);
        return;
      case 'evict': {
        // The event's pid is the page's owner; the trace's pid is who needed the frame.
        const { pid: owner, ...rest } = fields as Omit<Extract<KernelEvent, { kind: 'evict' }>, 'kind'>;
        this.line(cycle, this.running, kind, { owner, ...rest });
        return;
      }
      case 'process_end': {
        const { pid, ...rest } = fields as Omit<Extract<KernelEvent, { kind: 'process_end' }>, 'kind'>;
        this.line(cycle, pid, kind, rest);
        if (pid === this.running) this.running = 0;
        return;
      }
      default: {
        const own = 'pid' in fields ? (fields as { pid: number }).pid : this.running;
        const rest: Record<string, unknown> = { ...fields };
        delete rest['pid'];
        this.line(cycle, own, kind, rest);
      }
    }
  }

  tlbHit(vpn: number, asid: number, entry: number, access: Access): void {
    if (this.options.hits !== true) return;
    this.line(this.cycles(), this.running, 'tlb_hit', { vpn, asid, entry, access: ACCESS_NAMES[access] });
  }

  tlbMiss(vpn: number, asid: number, access: Access): void {
    this.line(this.cycles(), this.running, 'tlb_miss', { vpn, asid, access: ACCESS_NAMES[access] });
  }

  walk(vpn: number, pte: number, refs: number, fault: FaultKind): void {
    this.line(this.cycles(), this.running, 'walk', { vpn, pte, refs, fault: FAULT_KIND_NAMES[fault] });
  }

  tlbFill(vpn: number, asid: number, set: number, way: number, evictedVpn: number, evictedAsid: number): void {
    const victim = evictedVpn >= 0 ? { evicted_vpn: evictedVpn, evicted_asid: evictedAsid } : {};
    this.line(this.cycles(), this.running, 'tlb_fill', { vpn, asid, set, way, ...victim });
  }

  tlbInvalidate(scope: 'page' | 'asid' | 'all', vpn: number, asid: number): void {
    const what = scope === 'page' ? { vpn, asid } : scope === 'asid' ? { asid } : {};
    this.line(this.cycles(), this.running, 'tlb_invalidate', { scope, ...what });
  }

  private line(cycle: number, pid: number, kind: string, fields: object): void {
    this.out.write(JSON.stringify({ cycle, pid, kind, ...fields }));
  }
}
