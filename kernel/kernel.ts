// The kernel: the only software of the machine. It boots the hardware, makes
// processes, and handles every trap: system calls, page faults, the timer,
// and the faults it cannot resolve, which kill only the process that made
// them (SPEC sections 6 and 7).
import type { ProgramImage } from '../asm/image.js';
import { lineOf } from '../asm/image.js';
import { Machine } from '../cpu/machine.js';
import { PAGE_SHIFT } from '../mmu/page.js';
import { PTE_V } from '../mmu/pte.js';
import { Access, ACCESS_NAMES, Trap, TrapCause, TRAP_CAUSE_NAMES } from '../cpu/trap.js';
import type { AccessName } from '../cpu/trap.js';
import { Evictor } from './evictor.js';
import type { KillCause } from './abi.js';
import type { AddressSpace } from './addressSpace.js';
import { AsidAllocator } from './asids.js';
import type { MachineConfig } from './config.js';
import { runReference } from '../cpu/referenceCpu.js';
import { Checker, type CheckerOptions } from './checker.js';
import { fanOut, type EventSink } from './events.js';
import { Pager } from './pager.js';
import { RefillHandler } from './refill.js';
import { createPolicy } from './policy/index.js';
import { mutant } from './mutants.js';
import { ProcessTable } from './proc.js';
import type { FaultReport, Process } from './process.js';
import { Scheduler } from './scheduler.js';
import { KernelStats } from './stats.js';
import { handleSyscall } from './syscalls.js';
import { Tracer, type TraceOutput, type TracerOptions } from './trace.js';
import { NO_PINS, Vm } from './vm.js';

/**
 * Everything the kernel tells the world and everything that watches it,
 * given when it is built and wired in one place, in one order (the
 * constructor): nothing is attached afterwards.
 */
export interface KernelHooks {
  /** The run's standard input, asked for on the first read; empty when omitted. */
  readonly stdin?: () => Uint8Array;
  /** Guest output as it is written. */
  readonly onOutput?: (pid: number, fd: 1 | 2, bytes: Uint8Array) => void;
  /** One line per killed process (SPEC section 9). */
  readonly onKill?: (line: string) => void;
  /** Told of every kernel event (the debugger's stops, a library user's log). */
  readonly events?: EventSink;
  /** The event trace (kernel/trace.ts): kernel events and every TLB access; runs the reference CPU. */
  readonly trace?: TraceOptions;
  /** Checker mode (kernel/checker.ts): invariants and a TLB audit after traps. */
  readonly check?: CheckOptions;
  /** Run the reference CPU (cpu/referenceCpu.ts) even when nothing needs to see every access. */
  readonly referenceCpu?: boolean;
}

export interface TraceOptions extends TracerOptions {
  readonly output: TraceOutput;
}

export interface CheckOptions extends CheckerOptions {
  /** Also compare every TLB hit against the live page table as it happens (runs the reference CPU). */
  readonly hits?: boolean;
}

const TRAP_KILL_CAUSE: Partial<Record<TrapCause, KillCause>> = {
  [TrapCause.IllegalInstruction]: 'illegal_instruction',
  [TrapCause.PrivilegedInstruction]: 'privileged_instruction',
  [TrapCause.Misaligned]: 'misaligned',
  [TrapCause.DivideByZero]: 'divide_by_zero',
  [TrapCause.Breakpoint]: 'breakpoint',
};

export class Kernel {
  readonly machine: Machine;
  readonly vm: Vm;
  readonly stats = new KernelStats();
  readonly scheduler = new Scheduler();
  readonly procs = new ProcessTable(this);
  readonly pager: Pager;
  readonly asids: AsidAllocator;
  /** The TLB refill handler, with `--tlb-refill software` only. */
  readonly refill: RefillHandler<AddressSpace> | undefined;
  /** The process chosen to run; undefined between a block or preemption and the next pick. */
  current: Process | undefined;
  /** The process whose registers and tables the hardware holds now. */
  private loaded: Process | undefined;
  private stdinBytes: Uint8Array | undefined;
  private stdinPos = 0;
  /** Where kernel events go: the hooks' sink and the tracer; undefined costs one check per event. */
  readonly events: EventSink | undefined;
  /** Checker mode (kernel/checker.ts): told after every trap the kernel handled. */
  readonly checker: Checker | undefined;

  constructor(readonly config: MachineConfig, readonly hooks: KernelHooks = {}) {
    this.machine = new Machine({
      frames: config.frames,
      tlb: { entries: config.tlbEntries, ways: config.tlbWays, policy: config.tlbPolicy, asids: config.asids, seed: config.seed },
      costs: { walkCycles: config.walkCycles, faultCycles: config.faultCycles },
      timerPeriod: config.quantum,
      refill: config.tlbRefill,
    });
    const { memory, tlb, cpu } = this.machine;
    this.vm = new Vm(memory, tlb, cpu, createPolicy(config.policy, config.seed), this.stats, config.swapPages);
    const evictor = new Evictor(this.vm, config.swapCycles);
    this.vm.evictOne = (pinned) => evictor.evictOne(pinned);
    this.pager = new Pager(this.vm, config.swapCycles);
    this.asids = new AsidAllocator(tlb);
    this.refill = config.tlbRefill === 'software'
      ? new RefillHandler(this.vm, this.machine.mmu, cpu, this.stats, config)
      : undefined;
    // The watchers, in the one order that works: the tracer sees every
    // access; the checker's hit audit runs first and forwards to it.
    const tracer = hooks.trace ? new Tracer(hooks.trace.output, hooks.trace, () => cpu.cycles()) : undefined;
    this.events = fanOut(hooks.events, tracer);
    this.vm.events = this.events;
    const checker = hooks.check ? new Checker(this, hooks.check) : undefined;
    this.checker = checker;
    if (checker !== undefined) this.vm.pteWatcher = checker.pteWritten;
    this.machine.mmu.observer = checker !== undefined && hooks.check?.hits ? checker.hitObserver(tracer) : tracer;
    tlb.observer = tracer;
    if (tracer !== undefined || hooks.check?.hits || hooks.referenceCpu) cpu.slowRunner = runReference;
  }

  get cpu() {
    return this.machine.cpu;
  }

  /** Starts a process running `image`; it joins the ready queue. */
  spawn(name: string, image: ProgramImage): Process {
    return this.procs.spawn(name, image);
  }

  /** Every process ever made, in pid order. */
  get processes(): readonly Process[] {
    return this.procs.all;
  }

  /** Takes `p` off the CPU for good (it ended): the hardware no longer holds it. */
  unload(p: Process): void {
    if (this.current === p) this.current = undefined;
    if (this.loaded === p) this.loaded = undefined;
    if (p.space !== undefined && this.vm.current === p.space) this.vm.current = undefined;
  }

  /** Runs until every process has ended (or the instruction limit). */
  run(): void {
    this.step(Infinity);
  }

  /**
   * Runs at most `maxInstructions` more instructions, handling traps on the
   * way: 'done' once every process has ended, else 'running'. `pause` is
   * asked after each trap the kernel handled; true stops there (the
   * debugger's trap breakpoints). Splitting a run into steps changes nothing
   * the machine does or counts.
   */
  step(maxInstructions: number, pause?: () => boolean): 'running' | 'done' {
    const cpu = this.cpu;
    const limit = this.config.maxInstructions;
    const stopAt = cpu.instret + maxInstructions;
    for (;;) {
      if (this.current === undefined && !this.pickNext()) return 'done';
      const p = this.current!;
      const toLimit = limit === undefined ? Infinity : limit - cpu.instret;
      const toStop = stopAt - cpu.instret;
      if (toLimit > 0 && toStop <= 0) return 'running';
      const trap = toLimit > 0 ? cpu.run(Math.min(toLimit, toStop)) : null;
      if (trap === null) {
        if (toStop < toLimit) return 'running';
        for (const q of this.processes) if (q.alive) this.procs.kill(q, 'instruction_limit');
        this.checker?.afterTrap();
        return 'done';
      }
      this.handleTrap(p, trap);
      this.checker?.afterTrap();
      if (pause?.()) return 'running';
    }
  }

  /** Chooses and loads the next process; false when nothing is left to run. */
  private pickNext(): boolean {
    for (;;) {
      const next = this.scheduler.next();
      if (next !== undefined) {
        this.load(next);
        return true;
      }
      if (!this.idleUntilWake()) return false;
    }
  }

  /** Nobody is ready: skip time ahead to the next wake-up (the clock keeps running). */
  private idleUntilWake(): boolean {
    const wake = this.scheduler.nextWake();
    if (wake === undefined) {
      if (this.processes.some((p) => p.alive)) throw new Error('kernel bug: live processes but none can run');
      return false;
    }
    const cpu = this.cpu;
    const skipped = wake - this.stats.ticks;
    cpu.chargeCycles(cpu.timer.remaining + (skipped - 1) * this.config.quantum);
    cpu.timer.remaining = this.config.quantum;
    this.stats.ticks = wake;
    this.scheduler.wake(wake);
    return true;
  }

  /** Puts `p` on the CPU: registers, page tables, ASID (or a flush with ASIDs off). */
  private load(p: Process): void {
    p.state = 'running';
    this.current = p;
    if (this.loaded === p) return;
    const { cpu, mmu, tlb } = this.machine;
    const prev = this.loaded;
    if (prev !== undefined) {
      prev.regs.set(cpu.regs);
      prev.pc = cpu.pc;
    }
    cpu.regs.set(p.regs);
    cpu.pc = p.pc;
    const space = p.space!;
    mmu.setPtbr(space.root);
    if (tlb.asidsEnabled) mmu.setAsid(this.asids.assign(space));
    else if (!mutant('switch-no-flush')) tlb.invalidateAll();
    this.vm.current = space;
    this.loaded = p;
    this.stats.contextSwitches++;
    this.events?.emit({ kind: 'context_switch', from: prev?.pid ?? 0, to: p.pid }, cpu.cycles());
  }

  /** The registers of `p`: the CPU's while it is loaded. */
  regsOf(p: Process): Int32Array {
    return p === this.loaded ? this.cpu.regs : p.regs;
  }

  private handleTrap(p: Process, trap: Trap): void {
    const cause = trap.cause;
    if (cause !== TrapCause.Timer && cause !== TrapCause.Syscall) {
      this.events?.emit({
        kind: 'trap', pid: p.pid, cause: TRAP_CAUSE_NAMES[cause], pc: trap.pc,
        ...(cause === TrapCause.PageFault || cause === TrapCause.Misaligned || cause === TrapCause.TlbMiss || cause === TrapCause.TlbModified
          ? { address: trap.address, access: ACCESS_NAMES[trap.access] } : {}),
      }, this.cpu.cycles());
    }
    switch (cause) {
      case TrapCause.Timer:
        this.stats.ticks++;
        this.scheduler.wake(this.stats.ticks);
        this.preempt(p);
        return;
      case TrapCause.Syscall:
        // The kernel, not the CPU, moves pc past the syscall.
        this.cpu.pc = (trap.pc + 4) >>> 0;
        handleSyscall(this, p);
        return;
      case TrapCause.PageFault: {
        this.stats.pageFaults++;
        const access = ACCESS_NAMES[trap.access];
        if (this.faultIn(p, trap.address, access, this.instructionFrame(p, trap)) === 'bad_access') {
          this.events?.emit({ kind: 'page_fault', pid: p.pid, address: trap.address, access, resolution: 'kill' }, this.cpu.cycles());
          this.procs.kill(p, 'bad_access', this.report(p, trap.pc, access, trap.address));
        }
        return;
      }
      case TrapCause.TlbMiss:
      case TrapCause.TlbModified: {
        // Software refill: served, or a page fault as the walker would have raised.
        if (this.refill === undefined) throw new Error('kernel bug: a TLB refill trap with hardware refill');
        const fault = this.refill.handle(p.space!, trap);
        if (fault !== undefined) this.handleTrap(p, fault);
        return;
      }
      case TrapCause.Misaligned:
        this.procs.kill(p, 'misaligned', this.report(p, trap.pc, ACCESS_NAMES[trap.access], trap.address));
        return;
      default:
        this.procs.kill(p, TRAP_KILL_CAUSE[cause] ?? 'illegal_instruction', this.report(p, trap.pc));
    }
  }

  /**
   * Resolves a fault of `p` at `va`, killing the largest process while memory
   * and swap are exhausted. 'retry' when the page is there now, 'bad_access'
   * when the access is not allowed, 'dead' when `p` itself did not survive.
   */
  faultIn(p: Process, va: number, access: AccessName, pinned: ReadonlySet<number> = NO_PINS): 'retry' | 'bad_access' | 'dead' {
    for (;;) {
      const outcome = this.pager.resolve(p.space!, p.pid, va, access, pinned);
      if (outcome !== 'oom') return outcome;
      this.killLargest();
      if (!p.alive) return 'dead';
    }
  }

  /**
   * For a load or store fault, the frame holding the faulting instruction:
   * it must stay while the data page is made, or with memory and swap full
   * the two pages would keep evicting each other and the instruction would
   * never complete (a livelock no instruction limit can end).
   */
  private instructionFrame(p: Process, trap: Trap): ReadonlySet<number> {
    if (trap.access === Access.Fetch) return NO_PINS;
    const pte = this.vm.readPte(p.space!, trap.pc >>> PAGE_SHIFT);
    return (pte & PTE_V) !== 0 ? new Set([pte >>> PAGE_SHIFT]) : NO_PINS;
  }

  /** A fault the kernel takes for a system call: counted and charged like the process's own. */
  faultForSyscall(p: Process, va: number, access: AccessName): boolean {
    this.stats.pageFaults++;
    this.cpu.chargeCycles(this.config.faultCycles);
    return this.faultIn(p, va, access) === 'retry';
  }

  private killLargest(): void {
    let victim: Process | undefined;
    let most = -1;
    for (const q of this.processes) {
      if (!q.alive || q.space === undefined) continue;
      const size = this.vm.footprint(q.space);
      if (size >= most) { most = size; victim = q; }
    }
    if (victim === undefined) throw new Error('kernel bug: out of memory with no process to kill');
    this.stats.oomKills++;
    this.procs.kill(victim, 'out_of_memory', this.report(victim, this.pcOf(victim)));
  }

  pcOf(p: Process): number {
    return p === this.loaded ? this.cpu.pc : p.pc;
  }

  report(p: Process, pc: number, access?: AccessName, address?: number): FaultReport {
    const line = p.space ? lineOf(p.space.image, pc) : undefined;
    return {
      pc: pc >>> 0,
      ...(access !== undefined ? { access } : {}),
      ...(address !== undefined ? { address: address >>> 0 } : {}),
      ...(line !== undefined ? { line } : {}),
    };
  }

  /** Moves the running process to the tail of the ready queue. */
  preempt(p: Process): void {
    this.scheduler.enqueue(p);
    this.current = undefined;
  }

  /** Takes `p` off the CPU without queueing it (it blocked). */
  block(p: Process): void {
    if (this.current === p) this.current = undefined;
  }

  /** The run's stdin, read in whole on first use so that runs are reproducible. */
  readStdin(max: number): Uint8Array {
    if (this.stdinBytes === undefined) this.stdinBytes = this.hooks.stdin?.() ?? new Uint8Array(0);
    const n = Math.min(max, this.stdinBytes.length - this.stdinPos);
    const out = this.stdinBytes.subarray(this.stdinPos, this.stdinPos + n);
    this.stdinPos += n;
    return out;
  }

  /** Records and forwards guest output. */
  output(p: Process, fd: 1 | 2, bytes: Uint8Array): void {
    (fd === 1 ? p.stdout : p.stderr).push(bytes);
    this.hooks.onOutput?.(p.pid, fd, bytes);
  }
}
