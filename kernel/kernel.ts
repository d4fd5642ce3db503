// The kernel: the only software of the machine. It boots the hardware, makes
// processes, and handles every trap: system calls, page faults, the timer,
// and the faults it cannot resolve, which kill only the process that made
// them (SPEC sections 6 and 7).
import type { ProgramImage } from '../asm/image.js';
import { lineEntryAt, sourceFileName } from '../asm/image.js';
import { decodeFields, Op, REG_RA, signExtend16, signExtend20 } from '../cpu/isa.js';
import { Machine } from '../cpu/machine.js';
import { KERNEL_BASE, TEXT_BASE } from '../mmu/layout.js';
import { frameAddress, pageOf, pageOffsetOf } from '../mmu/page.js';
import { PTE_V, pteFrame } from '../mmu/pte.js';
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
import { OutputBudget, RUN_BUDGET_MAX_BYTES, RUN_BUDGET_STREAMS } from './keptOutput.js';
import { chooseOomVictim } from './oomVictim.js';
import { takeMemory } from './memoryPool.js';
import { Pager } from './pager.js';
import { RefillHandler } from './refill.js';
import { createPolicy } from './policy/index.js';
import { ProcessTable } from './proc.js';
import type { Process } from './process.js';
import { classifyBadAccess, classifyIllegal, fetchRanPastEnd, KillReason, misalignedReason, regionName, type KillDetail } from './killReason.js';
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
  /**
   * The run's standard input, taken as it is read: the next `want` bytes,
   * consumed (fewer only where the input ends, none past its end); empty
   * when omitted. A host that does not have them yet (a terminal, a pipe)
   * returns undefined: the reading call waits, the machine stops there
   * (step() returns 'running', `awaitingInput` is true) and the call is made
   * again by the next step(), as if it had waited for nothing: the
   * machine's time does not move meanwhile. So a read returns what it would
   * with the whole input at hand, and the host need hold only `want` bytes.
   */
  readonly stdin?: (want: number) => Uint8Array | undefined;
  /** Guest output as it is written. */
  readonly onOutput?: (pid: number, fd: 1 | 2, bytes: Uint8Array) => void;
  /**
   * Keep each process's output for the result object (default true). A run
   * that only streams it (`illusion run` without --json) keeps nothing, so
   * its memory stays constant however much the guests write.
   */
  readonly recordOutput?: boolean;
  /** A time slice ended (preemption, block, exit, kill): streamed output is due now. */
  readonly onSliceEnd?: () => void;
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
  /**
   * Asked before a trap kills the process that made it (the debugger's
   * post-mortem): 'stop' defers the kill, leaving the process whole and
   * step() returning at once; the next step() carries the kill out exactly
   * as it would have happened (unless cancelDeferredKill was called).
   */
  readonly beforeKill?: (p: Process, detail: KillDetail) => 'stop' | 'go';
}

/** A kill the beforeKill hook deferred. */
export interface DeferredKill {
  readonly process: Process;
  readonly detail: KillDetail;
}

export interface TraceOptions extends TracerOptions {
  readonly output: TraceOutput;
}

export interface CheckOptions extends CheckerOptions {
  /** Also compare every TLB hit against the live page table as it happens (runs the reference CPU). */
  readonly hits?: boolean;
}

/**
 * The most one read(0) returns (a short read, as from a pipe): the host then
 * holds at most this much of stdin for a read, whatever length the guest asks.
 */
export const STDIN_READ_MAX_BYTES = 1024 * 1024;

/** Kills decided by the instruction word alone: cause, and the reason unless the word must be decoded. */
const INSTRUCTION_KILLS: Partial<Record<TrapCause, readonly [KillCause, KillReason | undefined]>> = {
  [TrapCause.IllegalInstruction]: ['illegal_instruction', undefined],
  [TrapCause.PrivilegedInstruction]: ['privileged_instruction', KillReason.SupervisorOnly],
  [TrapCause.DivideByZero]: ['divide_by_zero', KillReason.ZeroDivisor],
  [TrapCause.Breakpoint]: ['breakpoint', KillReason.BrkInstruction],
};

export class Kernel {
  readonly machine: Machine;
  readonly vm: Vm;
  readonly stats = new KernelStats();
  readonly scheduler = new Scheduler();
  readonly procs = new ProcessTable(this);
  readonly pager: Pager;
  readonly evictor: Evictor;
  readonly asids: AsidAllocator;
  /** The TLB refill handler, with `--tlb-refill software` only. */
  readonly refill: RefillHandler<AddressSpace> | undefined;
  /** The process chosen to run; undefined between a block or preemption and the next pick. */
  current: Process | undefined;
  /** The process whose registers and tables the hardware holds now. */
  private loaded: Process | undefined;
  /** The process inside a system call now (its pc is already past the syscall). */
  private inSyscall: Process | undefined;
  /** The hardware's instruction and TLB-miss counts when they were last shared out among processes. */
  private settledInstret = 0;
  private settledTlbMisses = 0;
  /** Kept output of the whole run (kernel/keptOutput.ts). */
  readonly outputBudget: OutputBudget;
  /** Where kernel events go: the hooks' sink and the tracer; undefined costs one check per event. */
  readonly events: EventSink | undefined;
  /** Checker mode (kernel/checker.ts): told after every trap the kernel handled. */
  readonly checker: Checker | undefined;
  /** The kill beforeKill deferred; carried out by the next step(). */
  deferredKill: DeferredKill | undefined;
  /** The process whose read(0) waits for the host's stdin (hooks.stdin gave undefined); its call is made again by the next step(). */
  private stdinWaiter: Process | undefined;

  constructor(readonly config: MachineConfig, readonly hooks: KernelHooks = {}) {
    this.outputBudget = new OutputBudget(Math.min(RUN_BUDGET_STREAMS * config.maxOutputBytes, RUN_BUDGET_MAX_BYTES));
    this.machine = new Machine({
      frames: config.frames,
      tlb: { entries: config.tlbEntries, ways: config.tlbWays, policy: config.tlbPolicy, asids: config.asids, seed: config.seed },
      costs: { walkCycles: config.walkCycles },
      timerPeriod: config.quantum,
      refill: config.tlbRefill,
      memory: takeMemory(config.frames),
      engine: config.engine,
    });
    const { memory, tlb, cpu } = this.machine;
    this.vm = new Vm(memory, tlb, cpu, createPolicy(config.policy, config.seed), this.stats, config.swapPages);
    const evictor = new Evictor(this.vm, config.swapCycles);
    this.evictor = evictor;
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

  /** Every process whose result is kept (all of them unless very many were made), in pid order. */
  get processes(): readonly Process[] {
    return this.procs.all;
  }

  /** Takes `p` off the CPU for good (it ended): the hardware no longer holds it. */
  unload(p: Process): void {
    if (this.current === p) this.current = undefined;
    if (this.loaded === p) {
      this.settle();
      this.loaded = undefined;
    }
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
    const deferred = this.deferredKill;
    if (deferred !== undefined) {
      this.deferredKill = undefined;
      this.procs.kill(deferred.process, deferred.detail);
      this.checker?.afterTrap();
    }
    const reader = this.stdinWaiter;
    if (reader !== undefined) {
      this.stdinWaiter = undefined;
      this.syscallOf(reader);
      if (this.stdinWaiter !== undefined) return 'running';
      this.checker?.afterTrap();
    }
    for (;;) {
      const toLimit = limit === undefined ? Infinity : limit - cpu.instret;
      // At the limit nothing more happens: no one is loaded and time does not skip to a wake-up first.
      if (this.current === undefined && (toLimit > 0 ? !this.pickNext() : !this.procs.anyAlive())) return 'done';
      const p = this.current;
      const toStop = stopAt - cpu.instret;
      if (toLimit > 0 && toStop <= 0) return 'running';
      const trap = toLimit > 0 ? cpu.run(Math.min(toLimit, toStop)) : null;
      if (trap === null) {
        // Stopping exactly at the limit leaves its kills to the next step (the debugger shows the machine first).
        if (toStop <= toLimit) return 'running';
        for (const q of this.procs.alive()) {
          this.procs.kill(q, this.detail(q, 'instruction_limit', KillReason.MaxInstructions, this.stoppedPc(q), { limit: limit! }));
        }
        this.checker?.afterTrap();
        return 'done';
      }
      this.handleTrap(p!, trap);
      if (this.deferredKill !== undefined || this.stdinWaiter !== undefined) return 'running';
      this.checker?.afterTrap();
      if (this.current === undefined) this.hooks.onSliceEnd?.();
      if (pause?.()) return 'running';
    }
  }

  /** Makes the system call `p` (on the CPU, pc past its syscall) asks for. */
  private syscallOf(p: Process): void {
    this.inSyscall = p;
    handleSyscall(this, p);
    this.inSyscall = undefined;
  }

  /** True while a read(0) waits for the host's stdin: the host must have it before the next step() can go on. */
  get awaitingInput(): boolean {
    return this.stdinWaiter !== undefined;
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
      if (this.procs.anyAlive()) throw new Error('kernel bug: live processes but none can run');
      return false;
    }
    const cpu = this.cpu;
    // At most one sleep's 2^32 - 1 ticks: a number holds it exactly.
    const skipped = Number(wake - this.stats.ticks);
    cpu.chargeLongCycles(cpu.timer.idle(skipped));
    this.stats.ticks = wake;
    this.wakeDue(wake);
    return true;
  }

  /** Wakes the sleepers due by `tick`; the trace shows each sleep returning (its 0) as it wakes. */
  private wakeDue(tick: bigint): void {
    const events = this.events;
    if (events === undefined) this.scheduler.wake(tick);
    else this.scheduler.wake(tick, (p) => events.emit({ kind: 'syscall', pid: p.pid, name: 'sleep', result: 0 }, this.cpu.cycles()));
  }

  /**
   * Charges the instructions and TLB misses since the last settlement to the
   * loaded process: per-process figures at no cost on the hot path.
   */
  settle(): void {
    const { cpu, tlb } = this.machine;
    const q = this.loaded;
    if (q !== undefined) {
      q.stats.instructions += cpu.instret - this.settledInstret;
      q.stats.tlbMisses += tlb.misses - this.settledTlbMisses;
    }
    this.settledInstret = cpu.instret;
    this.settledTlbMisses = tlb.misses;
  }

  /**
   * Stops the run at once: every live process is killed with `interrupted`
   * (SPEC section 9: Ctrl-C or SIGTERM).
   */
  interrupt(signal: 'SIGINT' | 'SIGTERM'): void {
    const reason = signal === 'SIGINT' ? KillReason.Sigint : KillReason.Sigterm;
    for (const q of this.procs.alive()) this.procs.kill(q, this.detail(q, 'interrupted', reason, this.stoppedPc(q)));
    this.stdinWaiter = undefined;
  }

  /** Puts `p` on the CPU: registers, page tables, ASID (or a flush with ASIDs off). */
  private load(p: Process): void {
    p.state = 'running';
    this.current = p;
    if (this.loaded === p) return;
    this.settle();
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
    else tlb.invalidateAll();
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
    if (cause === TrapCause.PageFault) this.countFault(p);
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
        this.wakeDue(this.stats.ticks);
        this.preempt(p);
        return;
      case TrapCause.Syscall:
        // The kernel, not the CPU, moves pc past the syscall.
        this.cpu.pc = (trap.pc + 4) >>> 0;
        this.syscallOf(p);
        return;
      case TrapCause.PageFault: {
        const access = ACCESS_NAMES[trap.access];
        if (this.faultIn(p, trap.address, access, this.instructionFrame(p, trap)) === 'bad_access') {
          this.events?.emit({ kind: 'page_fault', pid: p.pid, address: trap.address, access, resolution: 'kill' }, this.cpu.cycles());
          this.killForTrap(p, access === 'fetch' && fetchRanPastEnd(p.space!.image, trap.address)
            ? this.pastEnd(p, trap.pc) : this.badAccess(p, trap.pc, access, trap.address));
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
      case TrapCause.Misaligned: {
        const access = ACCESS_NAMES[trap.access];
        const region = regionName(p.space!, trap.address);
        this.killForTrap(p, this.detail(p, 'misaligned', misalignedReason(access), trap.pc, {
          access, address: trap.address >>> 0, ...(region !== undefined ? { region } : {}),
        }));
        return;
      }
      default:
        this.killForTrap(p, this.instructionKill(p, cause, trap.pc));
    }
  }

  /** A kill's detail: cause, reason, pc and its source line, and what else the reason needs. */
  private detail(p: Process, cause: KillCause, reason: KillReason, pc: number, more: Partial<KillDetail> = {}): KillDetail {
    const row = p.space === undefined ? undefined : lineEntryAt(p.space.image, pc);
    const where = row === undefined ? {} : { line: row.line, file: sourceFileName(p.space!.image, row.file) };
    return { cause, reason, pc: pc >>> 0, ...more, ...where };
  }

  /** A refused access at `address`: its reason (null page, guard page, rights...) and region. */
  private badAccess(p: Process, pc: number, access: AccessName, address: number): KillDetail {
    const c = classifyBadAccess(p.space!, address);
    const from = access === 'fetch' ? this.callTo(p, address) : undefined;
    return this.detail(p, 'bad_access', c.reason, pc, { access, address: address >>> 0, ...c, ...(from !== undefined ? { calledFrom: from } : {}) });
  }

  /**
   * The call that just jumped to `target`, read from ra: the word before ra
   * is a jal or jalr linking ra whose target is `target` (a jalr's base
   * register is as it was, the fault being precise); undefined otherwise (a
   * plain jump, a ret through a smashed ra).
   */
  private callTo(p: Process, target: number): KillDetail['calledFrom'] {
    const regs = this.regsOf(p);
    const site = (regs[REG_RA]! - 4) >>> 0;
    if (site < TEXT_BASE || site >= KERNEL_BASE) return undefined;
    const word = this.wordAt(p.space!, site);
    const f = decodeFields(word);
    if (f.rd !== REG_RA) return undefined;
    const to = f.op === Op.JAL ? site + 4 + 4 * signExtend20(f.off20)
      : f.op === Op.JALR && f.rs1 !== REG_RA ? regs[f.rs1]! + signExtend16(f.imm16) : undefined;
    if (to === undefined || to >>> 0 !== target >>> 0) return undefined;
    const row = lineEntryAt(p.space!.image, site);
    return { pc: site, ...(row === undefined ? {} : { line: row.line, file: sourceFileName(p.space!.image, row.file) }) };
  }

  /** pc ran past the last instruction onto a page without code (SPEC's past_end, not the fetch's bad access). */
  private pastEnd(p: Process, pc: number): KillDetail {
    const region = regionName(p.space!, pc);
    return this.detail(p, 'illegal_instruction', KillReason.PastEnd, pc, { word: 0, ra: this.regsOf(p)[REG_RA]! >>> 0, ...(region !== undefined ? { region } : {}) });
  }

  /** A kill decided by the word at pc (illegal, privileged, division by zero, brk), decoded for the reason. */
  private instructionKill(p: Process, cause: TrapCause, pc: number): KillDetail {
    const [killCause, fixed] = INSTRUCTION_KILLS[cause] ?? ['illegal_instruction', undefined];
    const space = p.space!;
    const word = this.wordAt(space, pc);
    if (fixed !== undefined) return this.detail(p, killCause, fixed, pc, { word });
    const region = regionName(space, pc);
    const reason = classifyIllegal(space.image, pc, word);
    const ra = reason === KillReason.PastEnd ? { ra: this.regsOf(p)[REG_RA]! >>> 0 } : {};
    return this.detail(p, killCause, reason, pc, { word, ...ra, ...(region !== undefined ? { region } : {}) });
  }

  /** The word at `va` if its page is present (the instruction just fetched always is), else 0. */
  private wordAt(space: AddressSpace, va: number): number {
    const pte = this.vm.readPte(space, pageOf(va));
    if ((pte & PTE_V) === 0) return 0;
    return this.machine.memory.readWord(frameAddress(pteFrame(pte)) + (pageOffsetOf(va) & ~3)) >>> 0;
  }

  /**
   * Where `q` stands for a report: a process inside a system call, or blocked
   * in one (sleep, wait, a read waiting for the host's stdin), stands at the
   * syscall, though its pc is already past it.
   */
  private stoppedPc(q: Process): number {
    const pc = this.pcOf(q);
    const inCall = q === this.inSyscall || q === this.stdinWaiter || q.state === 'sleeping' || q.state === 'waiting';
    return inCall ? (pc - 4) >>> 0 : pc;
  }

  /** Kills `p` for its own trap, unless the beforeKill hook defers it. */
  private killForTrap(p: Process, detail: KillDetail): void {
    if (this.hooks.beforeKill?.(p, detail) === 'stop') this.deferredKill = { process: p, detail };
    else this.procs.kill(p, detail);
  }

  /** Drops the deferred kill (a debugger going on past a `brk`); the process lives on. */
  cancelDeferredKill(): void {
    this.deferredKill = undefined;
  }

  /** Sets the pc of `p` (the CPU's while it is loaded): the debugger's `set pc`, going past a `brk`. */
  setPcOf(p: Process, pc: number): void {
    if (p === this.loaded) this.cpu.pc = pc >>> 0;
    else p.pc = pc >>> 0;
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
    const pte = this.vm.readPte(p.space!, pageOf(trap.pc));
    return (pte & PTE_V) !== 0 ? new Set([pteFrame(pte)]) : NO_PINS;
  }

  /** A fault the kernel takes for a system call: counted and charged like the process's own. */
  faultForSyscall(p: Process, va: number, access: AccessName): boolean {
    this.countFault(p);
    const outcome = this.faultIn(p, va, access);
    // The pointer was checked first, so a refusal here is a kernel slip; still, the report says why.
    if (outcome === 'bad_access') this.procs.kill(p, this.badAccess(p, this.stoppedPc(p), access, va));
    return outcome === 'retry';
  }

  /** Every page fault, the CPU's or one taken for a system call: counted and charged here, once (SPEC section 8). */
  private countFault(p: Process): void {
    this.stats.pageFaults++;
    p.stats.pageFaults++;
    this.cpu.chargeCycles(this.config.faultCycles);
  }

  /** The out-of-memory kill: the largest member of the lineage holding the most (kernel/oomVictim.ts). */
  private killLargest(): void {
    const victim = chooseOomVictim(this.procs.alive(), (q) => this.vm.footprint(q.space!));
    if (victim === undefined) throw new Error('kernel bug: out of memory with no process to kill');
    this.stats.oomKills++;
    const held = this.vm.holdings(victim.space!);
    this.procs.kill(victim, this.detail(victim, 'out_of_memory', this.oomReason(), this.stoppedPc(victim), { ...held, ...this.oomMemory() }));
  }

  /**
   * Why memory ran out: swap is full (every user page that could go is dirty
   * and has nowhere to go), or swap has room but no user page can go at all,
   * memory being all the kernel's, page tables and pages the faulting
   * instruction needs (many processes in few frames).
   */
  oomReason(): KillReason {
    return this.vm.swap.freeSlots === 0 ? KillReason.MemoryAndSwapFull : KillReason.NoEvictablePage;
  }

  /** What memory held, for a no_evictable_page report. */
  oomMemory(): Partial<KillDetail> {
    if (this.oomReason() !== KillReason.NoEvictablePage) return {};
    const f = this.vm.frames;
    return { memory: { frames: f.frames, kernel: f.fixedKernelFrames, tables: f.kernelFrames - f.fixedKernelFrames } };
  }

  /** For sys_kill: `killer` ends `target`. */
  killBy(killer: Process, target: Process): void {
    this.procs.kill(target, this.detail(target, 'killed', KillReason.KillSyscall, this.stoppedPc(target), { killer: killer.pid }));
  }

  pcOf(p: Process): number {
    return p === this.loaded ? this.cpu.pc : p.pc;
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

  /**
   * At most `max` bytes of the run's stdin, and at most STDIN_READ_MAX_BYTES:
   * every byte up to that count unless the input ends first, so that runs
   * are reproducible however the input arrives; undefined when the host
   * does not have them yet: `p`'s call then waits (hooks.stdin).
   */
  readStdin(p: Process, max: number): Uint8Array | undefined {
    const want = Math.min(max, STDIN_READ_MAX_BYTES);
    const bytes = this.hooks.stdin === undefined ? new Uint8Array(0) : this.hooks.stdin(want);
    if (bytes === undefined) this.stdinWaiter = p;
    return bytes;
  }

  /** Records (bounded) and forwards guest output. */
  output(p: Process, fd: 1 | 2, bytes: Uint8Array): void {
    if (this.hooks.recordOutput !== false) (fd === 1 ? p.stdout : p.stderr).append(bytes, this.config.maxOutputBytes, this.outputBudget);
    this.hooks.onOutput?.(p.pid, fd, bytes);
  }
}
