// The debugger's run loop. It runs the kernel one instruction (or one trap)
// at a time, with Kernel.step, the same loop `run` uses cut into pieces, so
// the machine does and counts exactly what a run does. Before each step it
// decodes the instruction the next process is about to run, which is how
// calls, returns and page accesses are seen; after it, it checks what the
// user asked to stop on. Every few milliseconds it yields to the event loop,
// so that Ctrl-C (SIGINT, or readline's) is heard within a tenth of a second.
import { REG_SP } from '../../cpu/isa.js';
import type { KillCause } from '../../kernel/abi.js';
import type { EventSink, KernelEvent } from '../../kernel/events.js';
import type { Kernel } from '../../kernel/kernel.js';
import { formatKillOf, hex } from '../../kernel/proc.js';
import type { Process } from '../../kernel/process.js';
import type { KillDetail } from '../../kernel/killReason.js';
import { PAGE_SHIFT } from '../../mmu/page.js';
import { dataAccessOf, wordOf, type DataAccess } from '../../views/index.js';
import { syscallResultText } from '../../views/eventText.js';
import { syscallErrorWhy } from './syscallTable.js';
import type { BreakpointTable } from './breakpoints.js';
import { CallTracker } from './calls.js';
import { watchedWord } from './watchWord.js';

/** What a run is for; every run also stops on breakpoints, watchpoints, a dying process, Ctrl-C and the end. */
export type Goal =
  | { readonly kind: 'continue' }
  | { readonly kind: 'step'; readonly count: number }
  /** Until `pid` has committed an instruction with its call depth at most `depth` (next). */
  | { readonly kind: 'next'; readonly pid: number; readonly depth: number }
  /** Until `pid`'s call depth is below `depth` (finish). */
  | { readonly kind: 'finish'; readonly pid: number; readonly depth: number }
  /**
   * A replay (going back): no stop but its own, until `instret` instructions
   * have retired (when given) or the runner's bound; the user's sets are made
   * again at their moments.
   */
  | { readonly kind: 'replay'; readonly instret?: number };

/**
 * A change the user made to the machine (`set`), with the moment it was made
 * at: a replay makes it again at the same moment, so the run repeats.
 */
export interface Edit {
  /** runner.moments when it was made. */
  readonly moment: number;
  /** cpu.instret then, for the note that says it was undone. */
  readonly instret: number;
  readonly apply: (k: Kernel, runner: Runner) => void;
}

/** Told of each instruction that ran: its process, pc, call depth before it, and the moment before it (its first try). */
export type StepObserver = (p: Process, pc: number, depth: number, moment: number) => void;

export interface Stop {
  /** What to print before the location. */
  readonly lines: string[];
  /** The process the stop is about (the debugger's focus afterwards). */
  readonly pid?: number;
  readonly finished: boolean;
  /** The run reached the runner's bound (a replay's landing moment). */
  readonly atBound?: boolean;
}

/** True while p is blocked in a system call (wait for a child, sleep). */
export function isBlocked(p: Process): boolean {
  return p.state === 'waiting' || p.state === 'sleeping';
}

/** How often (in steps) the loop looks at the clock, and how long a slice may run before it yields. */
const CLOCK_EVERY_STEPS = 1024;
/** No stop: shared, so that the common step allocates nothing. */
const NONE: readonly string[] = [];
const SLICE_MS = 20;
/** A run that reached the runner's bound. */
const BOUND: Stop = { lines: [], finished: false, atBound: true };

const RESOLUTIONS: Record<string, string> = {
  'image': 'image load (the page filled from the program image)',
  'zero-fill': 'zero-fill (a new page of zeros)',
  'stack-growth': 'stack growth (a new zeroed stack page)',
  'copy-on-write': 'copy-on-write copy (the shared page copied for this process)',
  'cow-reclaim': 'copy-on-write reclaim (the last sharer keeps the page, now writable)',
  'swap-in': 'swap-in',
  'kill': 'not resolved: the access is not allowed, so the kernel kills the process',
};

interface PendingTrap {
  readonly event: Extract<KernelEvent, { kind: 'trap' }>;
  resolution?: string;
  slot?: number;
}

export class Runner implements EventSink {
  readonly calls = new CallTracker();
  /** The pid whose registers the hardware holds (the last context switch). */
  private loadedPid: number | undefined;
  private trap: PendingTrap | undefined;
  /** A syscall stop: its line, and the process whose call it was (the one shown). */
  private syscallStop: { text: string; pid: number } | undefined;
  private kill: { pid: number; text: string; cause: KillCause } | undefined;
  private ended = new Set<number>();
  /** Page faults resolved while set *ADDR wrote (its report). */
  faultsSeen: string[] | undefined;
  interrupted = false;
  running = false;
  private finished = false;
  /** next/finish: the goal process has reached its frame depth (it may still be blocked in a system call). */
  private goalMet = false;
  /** The system calls that returned during the current step, by pid (a watched word they wrote names them). */
  private readonly syscallsSeen = new Map<number, string>();
  /** The system call that returned in the current step, as `step` shows it: `munmap returned -22, EINVAL (...)`. */
  private lastSyscall: { pid: number; text: string } | undefined;
  /** Each process's last page fault, until its next instruction commits: a page watch names the fault its retried access took. */
  private readonly lastFault = new Map<number, { vpn: number; resolution: string }>();
  /** The stop at --max-instructions was made (going on carries out the kills). */
  private limitShown = false;
  /**
   * Kernel.step calls made since boot: the run's clock. A replay makes the
   * same calls in the same order (stops only end a run between two of them),
   * so a moment names one state of the run exactly, also one where no
   * instruction retired (a dying process, a page-fault stop).
   */
  moments = 0;
  /** The moment just after the last instruction retired (0 before the first). */
  retiredAt = 0;
  /** The moment after the Kernel.step in which a process last ended. */
  private lastEndAt = -1;
  /** The last kill: whose, why, and the moment after its Kernel.step. */
  lastKill: { pid: number; cause: string; moment: number } | undefined;
  /** Stop before the Kernel.step that would pass this moment (a replay's landing point, a pass's end). */
  bound: number | undefined;
  /** A replay's observer of every instruction run (reverse-step, -next, -finish). */
  observer: StepObserver | undefined;
  private firstTry: { pid: number; pc: number; moment: number; depth: number } | undefined;
  /** A reverse-continue's passes count temporary breakpoints' hits without deleting them. */
  keepTemporary = false;
  /** The sets to make again, in order, and how many are made. */
  private edits: readonly Edit[] = [];
  private editsMade = 0;
  /** In a replay's quiet run (goal 'replay'): nothing stops it but its goal and bound. */
  private quiet = false;

  constructor(private readonly k: Kernel, private readonly breakpoints: BreakpointTable) {}

  get hasFinished(): boolean {
    return this.finished;
  }

  emit(event: KernelEvent): void {
    switch (event.kind) {
      case 'context_switch': this.loadedPid = event.to; break;
      case 'process_start': if (event.parent !== 0) this.calls.forked(event.parent, event.pid); break;
      case 'process_end':
        this.ended.add(event.pid);
        this.lastEndAt = this.moments + 1;
        if (event.status === 'killed') this.lastKill = { pid: event.pid, cause: event.cause ?? 'killed', moment: this.moments + 1 };
        break;
      case 'trap':
        if (this.trap === undefined && this.breakpoints.breaksOnTrap(event.cause)) this.trap = { event };
        break;
      case 'page_fault':
        if (this.trap?.event.pid === event.pid && this.trap.event.cause === 'page_fault') this.trap.resolution ??= event.resolution;
        this.faultsSeen?.push(RESOLUTIONS[event.resolution]?.split(' (')[0] ?? event.resolution);
        this.lastFault.set(event.pid, { vpn: event.address >>> PAGE_SHIFT, resolution: event.resolution });
        break;
      case 'swap_in':
        if (this.trap?.event.pid === event.pid) this.trap.slot = event.slot;
        break;
      case 'syscall':
        this.syscallsSeen.set(event.pid, event.name);
        this.lastSyscall = { pid: event.pid, text: `${event.name} returned ${syscallResultText(event.name, event.result)}${syscallErrorWhy(event.name, event.result)}` };
        if (this.syscallStop === undefined && this.breakpoints.breaksOnTrap('syscall')) {
          this.syscallStop = { text: `trap syscall in pid ${event.pid} (${event.name} returned ${syscallResultText(event.name, event.result)})`, pid: event.pid };
        }
        break;
      case 'syscall_blocked':
        if (this.syscallStop === undefined && this.breakpoints.breaksOnTrap('syscall')) {
          this.syscallStop = { text: `trap syscall in pid ${event.pid} (${event.name} blocked)`, pid: event.pid };
        }
        break;
      default: break;
    }
  }

  /** The kernel's beforeKill hook: the debugger always stops first (post-mortem). */
  beforeKill = (p: Process, detail: KillDetail): 'stop' | 'go' => {
    this.kill = { pid: p.pid, cause: detail.cause, text: formatKillOf(p, detail) };
    return 'stop';
  };

  /** The process that runs next: the one on the CPU, else the head of the ready queue. */
  nextToRun(): Process | undefined {
    const k = this.k;
    const deferred = k.deferredKill?.process;
    if (k.current !== undefined && k.current.alive && k.current !== deferred) return k.current;
    for (const pid of k.scheduler.readyPids()) {
      const p = k.procs.byPid(pid);
      if (p !== undefined && p !== deferred) return p;
    }
    return undefined;
  }

  /** A replay: the sets of the history, made again as the run reaches their moments. */
  replayEdits(edits: readonly Edit[]): void {
    this.edits = edits;
    this.editsMade = 0;
  }

  /** Makes the sets due by now; the count of those made so far (the rest lie after this point of the run). */
  makeDueEdits(): number {
    while (this.editsMade < this.edits.length && this.edits[this.editsMade]!.moment <= this.moments) {
      this.edits[this.editsMade++]!.apply(this.k, this);
    }
    return this.editsMade;
  }

  /**
   * Before each Kernel.step: the sets due are made (as the user made them at
   * the prompt, before the next run), then true when the bound is reached. A
   * quiet replay goes on past a `brk` here, as continue did.
   */
  private atBound(): boolean {
    if (this.editsMade < this.edits.length) this.makeDueEdits();
    if (this.bound !== undefined && this.moments >= this.bound) return true;
    if (this.quiet) this.passBrk();
    return false;
  }

  /**
   * True when nothing has happened since the last instruction retired (or
   * at the start): the run stands just after it. The end counts as that when
   * the last process ended in that instruction's step (its exit), not when it
   * was killed after it.
   */
  get onInstruction(): boolean {
    return this.moments === this.retiredAt || (!this.k.procs.anyAlive() && this.lastEndAt === this.retiredAt);
  }

  /** Kernel.step, counted on the run's clock. */
  private kernelStep(n: number, pause?: () => boolean): 'running' | 'done' {
    const before = this.k.cpu.instret;
    const status = this.k.step(n, pause);
    this.moments++;
    if (this.k.cpu.instret > before) this.retiredAt = this.moments;
    return status;
  }

  /** Runs toward `goal`; resolves with why it stopped. */
  async run(goal: Goal): Promise<Stop> {
    if (this.finished) return { lines: [], finished: true };
    this.running = true;
    this.interrupted = false;
    this.goalMet = false;
    this.quiet = goal.kind === 'replay';
    try {
      return await this.loop(goal);
    } finally {
      this.quiet = false;
      this.running = false;
      this.trap = undefined;
      this.syscallStop = undefined;
      this.kill = undefined;
    }
  }

  private async loop(goal: Goal): Promise<Stop> {
    const k = this.k;
    const cpu = k.cpu;
    if (this.atBound()) return BOUND;
    this.passBrk();
    // The breakpoint the machine sits on does not stop it again until its process moves on.
    const first = this.nextToRun();
    let resumed: { pid: number; pc: number } | undefined = first ? { pid: first.pid, pc: k.pcOf(first) } : undefined;
    let steps = 0;
    let counted = 0;
    let sliceStart = performance.now();
    this.ended.clear();
    for (;;) {
      if (++steps % CLOCK_EVERY_STEPS === 0 && performance.now() - sliceStart >= SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
      if (this.interrupted) return { lines: ['interrupted'], finished: false };
      if (this.atBound()) return BOUND;
      let p = this.nextToRun();
      const limit = k.config.maxInstructions;
      if (p === undefined && !(limit !== undefined && cpu.instret >= limit) && k.procs.anyAlive()) {
        // Resumed with everyone blocked: skip to the wake-up first, as below, so a woken sleep can stop there.
        if (this.kernelStep(0) === 'done') {
          this.finished = true;
          return { lines: [], finished: true };
        }
        p = this.nextToRun();
        const woken = this.quiet ? undefined : this.pendingSyscallStop();
        if (woken !== undefined) return { lines: [woken.text], pid: woken.pid, finished: false };
        this.syscallStop = undefined;
        const b = p === undefined || this.quiet ? undefined : this.codeBreakAt(p);
        if (b !== undefined) return b;
        if (this.atBound()) return BOUND;
        p = this.nextToRun();
      }
      if (this.quiet && limit !== undefined && cpu.instret >= limit) this.limitShown = true;
      if (limit !== undefined && cpu.instret >= limit && !this.limitShown && k.procs.anyAlive()) {
        // The limit's kills come in the next step, all at once and not deferred: stop before them instead.
        this.limitShown = true;
        return {
          lines: [`the machine has run its limit of ${limit} instructions (--max-instructions): going on kills every live process with instruction_limit; inspect them now`],
          pid: p?.pid, finished: false,
        };
      }
      const pc = p === undefined ? 0 : k.pcOf(p) >>> 0;
      const word = p === undefined ? undefined : wordOf(k, p, pc);
      // Its load or store, from the registers before it runs (it may overwrite its own base register).
      const data = p === undefined || word === undefined || this.breakpoints.pageWatches().length === 0 ? undefined : dataAccessOf(word, k.regsOf(p));
      if (this.syscallsSeen.size > 0) this.syscallsSeen.clear();
      this.lastSyscall = undefined;
      // An observed instruction's moment is its first try's: before the page fault or timer trap that made it run again.
      if (p !== undefined && this.observer !== undefined && (this.firstTry?.pid !== p.pid || this.firstTry.pc !== pc)) {
        this.firstTry = { pid: p.pid, pc, moment: this.moments, depth: this.calls.framesOf(p.pid).length };
      }
      const before = cpu.instret;
      const status = this.kernelStep(1, () => true);
      const committed = cpu.instret > before;
      const executor = this.loadedPid;
      if (committed && this.firstTry !== undefined && executor === this.firstTry.pid && p?.pid === executor) {
        this.observer?.(p, pc, this.firstTry.depth, this.firstTry.moment);
        this.firstTry = undefined;
      }
      let stop = NONE;
      if (committed && executor !== undefined) {
        if (p !== undefined && executor === p.pid && word !== undefined) {
          const regs = k.regsOf(p);
          stop = this.pageWatch(p, pc, data);
          if (this.lastFault.size > 0) this.lastFault.delete(p.pid);
          this.calls.committed(p.pid, word, pc, k.pcOf(p), regs[REG_SP]!);
        } else {
          this.calls.markUnsure(executor);
        }
        if (resumed !== undefined && resumed.pid === executor) resumed = undefined;
        counted++;
      }
      if (this.quiet) {
        // A replay passes every stop: a dying process dies in the next step (or its kill was called off by a set made again).
        stop = NONE;
        this.kill = this.trap = this.syscallStop = undefined;
      } else {
        const changed = this.wordWatch(committed && p?.pid === executor ? executor : undefined, pc);
        if (changed.length > 0) stop = [...stop, ...changed];
        const regs = this.registerWatch(committed && p?.pid === executor ? executor : undefined, pc);
        if (regs.length > 0) stop = [...stop, ...regs];
      }
      if (this.kill !== undefined) {
        const { pid, text, cause } = this.kill;
        const head = cause === 'breakpoint'
          ? `brk in pid ${pid}: a breakpoint the program set (continue goes on past it)`
          : `pid ${pid} is about to be killed (inspect it now; continue lets it die):\n  ${text}`;
        const trap = this.trap !== undefined ? [this.trapText(this.trap)] : [];
        return { lines: [...stop, ...trap, head], pid, finished: false };
      }
      if (this.trap !== undefined) return { lines: [...stop, this.trapText(this.trap)], pid: this.trap.event.pid, finished: false };
      if (this.syscallStop !== undefined) return { lines: [...stop, this.syscallStop.text], pid: this.syscallStop.pid, finished: false };
      if (stop.length > 0) return { lines: [...stop], pid: executor, finished: false };
      if (status === 'done') {
        this.finished = true;
        return { lines: [], finished: true };
      }
      const reached = this.reached(goal, committed ? executor : undefined, counted);
      if (reached !== undefined) return { lines: reached, pid: 'pid' in goal ? goal.pid : executor, finished: false };
      let next = this.nextToRun();
      // (At the instruction limit the next step kills instead: the stop above comes first.)
      if (next === undefined && !(limit !== undefined && cpu.instret >= limit)) {
        if (this.atBound()) return BOUND;
        // Everyone is blocked: let the kernel skip ahead to the wake-up and load the woken process without
        // running it, so that its next instruction is decoded and checked like any other.
        if (this.kernelStep(0) === 'done') {
          this.finished = true;
          return { lines: [], finished: true };
        }
        next = this.nextToRun();
        // A sleep that returned in the skip (break-trap syscall) stops before its process runs on.
        const woken = this.quiet ? undefined : this.pendingSyscallStop();
        if (woken !== undefined) return { lines: [woken.text], pid: woken.pid, finished: false };
        this.syscallStop = undefined;
      }
      if (next !== undefined && !this.quiet && !(resumed?.pid === next.pid && resumed.pc === k.pcOf(next))) {
        const b = this.codeBreakAt(next);
        if (b !== undefined) return b;
      }
    }
  }

  /** The syscall stop an event set during a step (read through a call: a step can set it after a check). */
  private pendingSyscallStop(): { text: string; pid: number } | undefined {
    return this.syscallStop;
  }

  /** The stop at a code breakpoint where `next` is about to run, if one is set there. */
  private codeBreakAt(next: Process): Stop | undefined {
    const b = this.breakpoints.codeAt(next.space?.image, this.k.pcOf(next) >>> 0, next.pid);
    if (b === undefined || b.kind !== 'code') return undefined;
    if (b.temporary && !this.keepTemporary) this.breakpoints.delete(b.id);
    return { lines: [`${b.temporary ? 'temporary breakpoint' : 'breakpoint'} ${b.id}, pid ${next.pid} at ${hex(b.address)} ${b.where}`], pid: next.pid, finished: false };
  }

  /** Going on from a `brk` the debugger stopped at: the program's breakpoint is passed, not fatal. */
  private passBrk(): void {
    const d = this.k.deferredKill;
    if (d === undefined || d.detail.cause !== 'breakpoint') return;
    this.k.cancelDeferredKill();
    this.k.setPcOf(d.process, d.detail.pc + 4);
  }

  private reached(goal: Goal, executor: number | undefined, counted: number): string[] | undefined {
    switch (goal.kind) {
      case 'continue': return undefined;
      case 'replay': return goal.instret !== undefined && executor !== undefined && this.k.cpu.instret >= goal.instret ? [] : undefined;
      // A step that ran a system call says what it returned (r1 alone reads 0xffffffea).
      case 'step': return counted < goal.count ? undefined : this.lastSyscall !== undefined && this.lastSyscall.pid === executor ? [this.lastSyscall.text] : [];
      case 'next':
      case 'finish': {
        if (this.ended.has(goal.pid)) return [`pid ${goal.pid} ended`];
        if (executor === goal.pid) {
          const depth = this.calls.framesOf(goal.pid).length;
          this.goalMet = goal.kind === 'finish' ? depth < goal.depth : depth <= goal.depth;
        }
        const p = this.k.procs.byPid(goal.pid)!;
        // A system call that blocked (wait, sleep) has not returned yet: r1 holds its result only once it runs again.
        if (!this.goalMet || isBlocked(p)) return undefined;
        return goal.kind === 'finish' ? [`returned to ${hex(this.k.pcOf(p))}, r1 = ${hex(this.k.regsOf(p)[1]!)}`] : [];
      }
    }
  }

  private trapText(t: PendingTrap): string {
    const e = t.event;
    const where = e.access !== undefined ? `${e.access} at ${hex(e.address ?? 0)}, ` : '';
    const head = `trap ${e.cause} in pid ${e.pid} (${where}pc ${hex(e.pc)})`;
    if (e.cause !== 'page_fault') return head;
    if (t.resolution === undefined || t.resolution === 'kill') return `${head}\n  ${RESOLUTIONS.kill}`;
    const how = t.resolution === 'swap-in' ? `swap-in from slot ${t.slot ?? '?'}` : RESOLUTIONS[t.resolution] ?? t.resolution;
    return `${head}\n  resolved: ${how}`;
  }

  /** Page watchpoints of p that the instruction at pc touched (its fetch, its load or store). */
  private pageWatch(p: Process, pc: number, data: DataAccess | undefined): readonly string[] {
    const watches = this.breakpoints.pageWatches();
    if (watches.length === 0) return NONE;
    const out: string[] = [];
    // The access ran again after a page fault on this page (a child's first store to a shared page: its copy-on-write copy),
    // said on a line of its own, as a page-fault stop's 'resolved:' line, under the stop line the page's Watch matches.
    const fault = this.lastFault.get(p.pid);
    const after = (vpn: number): string => (fault?.vpn === vpn && fault.resolution !== 'kill' ? `\n  it faulted first, resolved: ${RESOLUTIONS[fault.resolution] ?? fault.resolution}` : '');
    for (const w of watches) {
      if (w.pid !== p.pid) continue;
      if (data !== undefined && data.address >>> PAGE_SHIFT === w.vpn) out.push(`watchpoint ${w.id}: ${data.access} at ${hex(data.address)} in pid ${p.pid}, pc ${hex(pc)}${after(w.vpn)}`);
      else if (pc >>> PAGE_SHIFT === w.vpn) out.push(`watchpoint ${w.id}: fetch at ${hex(pc)} in pid ${p.pid}, pc ${hex(pc)}${after(w.vpn)}`);
    }
    return out;
  }

  /** Word watchpoints whose value changed; `pc` is the instruction `pid` ran (when known). */
  private wordWatch(pid: number | undefined, pc: number): readonly string[] {
    const watches = this.breakpoints.watches();
    if (watches.length === 0) return NONE;
    const out: string[] = [];
    for (const w of watches) {
      const q = this.k.procs.byPid(w.pid);
      if (q === undefined || !q.alive) continue;
      const now = wordOf(this.k, q, w.address);
      if (now === undefined) continue;
      if (w.last !== undefined && now !== w.last) {
        const name = w.label ? ` (${w.label})` : '';
        // A system call of the watched process that returned in this step wrote it (read's buffer, wait's status).
        const call = this.syscallsSeen.get(w.pid);
        const by = call === undefined ? '' : ` by its ${call} system call`;
        out.push(`watchpoint ${w.id}: ${hex(w.address)}${name} in pid ${w.pid} changed ${hex(w.last)} -> ${hex(now)}${by}${pid === w.pid ? `, pc ${hex(pc)}` : ''}`);
      }
      w.last = now;
    }
    return out;
  }

  /** Register watchpoints whose register changed; `pc` is the instruction `pid` ran (when known). */
  private registerWatch(pid: number | undefined, pc: number): readonly string[] {
    const watches = this.breakpoints.registerWatches();
    if (watches.length === 0) return NONE;
    const out: string[] = [];
    for (const w of watches) {
      const q = this.k.procs.byPid(w.pid);
      if (q === undefined || !q.alive) continue;
      const now = this.k.regsOf(q)[w.index]! >>> 0;
      // A system call's result lands in r1: name the call, as a word's watch does (and the page's Watch).
      const call = this.syscallsSeen.get(w.pid);
      const by = call === undefined ? '' : ` by its ${call} system call`;
      if (w.last !== undefined && now !== w.last) out.push(`watchpoint ${w.id}: ${w.name} in pid ${w.pid} changed ${hex(w.last)} -> ${hex(now)}${by}${pid === w.pid ? `, pc ${hex(pc)}` : ''}`);
      w.last = now;
    }
    return out;
  }

  /** Re-reads every word watchpoint (after the debugger itself wrote memory). */
  refreshWatches(): void {
    for (const w of this.breakpoints.watches()) {
      const q = this.k.procs.byPid(w.pid);
      if (q !== undefined && q.alive) w.last = watchedWord(this.k, q, w.address) ?? w.last;
    }
    for (const w of this.breakpoints.registerWatches()) {
      const q = this.k.procs.byPid(w.pid);
      if (q !== undefined && q.alive) w.last = this.k.regsOf(q)[w.index]! >>> 0;
    }
  }

  /**
   * Takes every watchpoint's baseline afresh (where a replay starts or
   * lands): the value now, or none for a process not made yet, which gets
   * one when it appears (a fork's child), so no change is reported for it.
   */
  rebaseWatches(): void {
    for (const w of this.breakpoints.watches()) {
      const q = this.k.procs.byPid(w.pid);
      w.last = q !== undefined && q.alive ? watchedWord(this.k, q, w.address) : undefined;
    }
    for (const w of this.breakpoints.registerWatches()) {
      const q = this.k.procs.byPid(w.pid);
      w.last = q !== undefined && q.alive ? this.k.regsOf(q)[w.index]! >>> 0 : undefined;
    }
  }
}
