// One machine on the page: the programs, their configuration, the kernel
// booted from them, and what the panels read while it runs (output per
// process, the event log, TLB activity and statistics over time). This and
// the views (views/) are the page's only contact with the library.
import type { IncludeReader } from '../index.js';
import {
  assemble, bootMachine, collectResult, DEFAULT_CONFIG, focusProcess, processByPid, TlbActivity,
  type AsmError, type Kernel, type KernelEvent, type MachineConfig, type ProgramImage, type RunStats,
} from '../index.js';
import { lineEntryAt } from '../asm/image.js';
import { PTE_G } from '../mmu/pte.js';
import { Breakpoints, type BreakStop } from './breakpoints.js';
import { EventLog } from './eventLog.js';
import { nextStop, type EventStop, type StopKind } from './eventStop.js';
import { killStopOf, type KillStop } from './killStop.js';
import { StatsHistory, type Counters } from './statsHistory.js';
import { Watches, type WatchStop } from './watch.js';
import type { Process } from '../kernel/process.js';

export interface ProgramSource {
  readonly name: string;
  readonly source: string;
}

/** The configuration the page offers (SPEC section 13); the rest keeps its defaults. */
export type WebConfig = Pick<MachineConfig, 'tlbEntries' | 'tlbWays' | 'tlbPolicy' | 'tlbRefill' | 'asids' | 'frames' | 'policy' | 'swapPages' | 'quantum' | 'seed'>;

export const DEFAULT_WEB_CONFIG: WebConfig = {
  tlbEntries: DEFAULT_CONFIG.tlbEntries, tlbWays: DEFAULT_CONFIG.tlbWays, tlbPolicy: DEFAULT_CONFIG.tlbPolicy, tlbRefill: DEFAULT_CONFIG.tlbRefill,
  asids: DEFAULT_CONFIG.asids, frames: DEFAULT_CONFIG.frames, policy: DEFAULT_CONFIG.policy,
  swapPages: DEFAULT_CONFIG.swapPages, quantum: DEFAULT_CONFIG.quantum, seed: DEFAULT_CONFIG.seed,
};

/** Output kept per process and stream; older text is dropped (the page must stay bounded). */
const OUTPUT_LIMIT_CHARS = 64 * 1024;

export interface ProcessOutput {
  stdout: string;
  stderr: string;
}

export type BootResult = { ok: true } | { ok: false; errors: { program: number; errors: AsmError[] }[] };

export class Session {
  readonly kernel: Kernel;
  readonly programs: readonly ProgramSource[];
  readonly config: WebConfig;
  readonly events: EventLog;
  readonly activity: TlbActivity;
  readonly history = new StatsHistory();
  readonly outputs = new Map<number, ProcessOutput>();
  readonly kills: string[] = [];
  /** What read(0) gets: kept so that a replay (web/replay.ts) boots the same run. */
  readonly stdin: string;
  done = false;
  /**
   * True when the machine is at the first moment of its instruction count:
   * the last step or advance used its count up (or nothing ran yet). False
   * after a stop or the end, which may come after traps at that count (a
   * kill, a page fault): there a replay to the same count lands before them.
   */
  settled = true;
  /** Where the last step stopped at a breakpoint; cleared by the next step. */
  breakStop: BreakStop | undefined;
  /** Pause before a process is killed for its own trap (the page's "Stop at a kill"). */
  stopAtKill = false;
  /** The kill the last step stopped before; the next step carries it out. */
  killStop: KillStop | undefined;
  /** Kernel events to pause after (the page's Stop at boxes). */
  stopAt: ReadonlySet<StopKind> = new Set();
  /** The watch change the last step stopped after (web/watch.ts); cleared by the next step. */
  watchStop: WatchStop | undefined;
  /** The event the last step stopped after; cleared by the next step. */
  eventStop: EventStop | undefined;
  /** An event seen inside the trap now being handled; the kernel pauses once that trap is done. */
  private pendingStop: EventStop | undefined;
  private readonly pauseAtEvent = (): boolean => this.pendingStop !== undefined;
  private readonly breakpoints: Breakpoints;
  private readonly watches: Watches;
  /** After each instruction while breakpoints or watches are set: an event or a watched change stops the run. */
  private readonly stopAfter = (ran: { pid: number; pc: number } | undefined): boolean => {
    if (this.watches.any && this.watchStop === undefined) this.watchStop = this.watches.check(this.kernel, ran);
    return this.watchStop !== undefined || this.pendingStop !== undefined;
  };
  /** Before each instruction while breakpoints or watches are set: a page watch reads its load or store now. */
  private readonly aboutToRun = (p: Process, pc: number): void => this.watches.about(this.kernel, p, pc);
  private readonly decoder = new TextDecoder();
  /** True while `advance` runs: no stop of any kind (a replay ignores them; web/replay.ts). */
  private quiet = false;
  /** The last breakpoints and watches set, so that a replayed session gets the same ones where it lands. */
  private breakLines: readonly (readonly number[])[] = [];
  private breakNames: readonly string[] = [];
  private watchSpecs: readonly string[] = [];

  private constructor(programs: readonly ProgramSource[], private readonly images: ProgramImage[], config: WebConfig, stdin: string, private readonly readInclude: IncludeReader | undefined) {
    this.programs = programs;
    this.config = config;
    this.stdin = stdin;
    this.breakpoints = new Breakpoints(images);
    this.watches = new Watches(images);
    let kernel: Kernel | undefined;
    this.events = new EventLog(() => kernel?.cpu.cycles() ?? 0, (slot) => kernel?.vm.swap.refsOf(slot) ?? 0);
    kernel = bootMachine(programs.map((p, i) => ({ name: p.name, image: images[i]! })), {
      config,
      stdin: new TextEncoder().encode(stdin),
      events: { emit: (event, cycle) => { this.events.emit(event, cycle); this.watches.noteEvent(event); if (!this.quiet) this.watch(event); } },
      onOutput: (pid, fd, bytes) => this.output(pid, fd, bytes),
      onKill: (line) => this.kills.push(line),
      beforeKill: (p, detail) => {
        if (!this.stopAtKill || this.quiet) return 'go';
        this.killStop = killStopOf(p, detail, images);
        return 'stop';
      },
    });
    this.kernel = kernel;
    const { mmu, tlb } = kernel.machine;
    mmu.observer = this.events;
    tlb.observer = this.events;
    this.activity = TlbActivity.attach(kernel);
    this.history.sample(this.counters());
  }

  /** Assembles every program and boots them (pid 1, 2, ... in order), or returns every error. `stdin` is what read(0) gets. */
  static boot(programs: readonly ProgramSource[], config: WebConfig, stdin = '', readInclude?: IncludeReader): { session: Session } | { errors: BootResult & { ok: false } } {
    const images: ProgramImage[] = [];
    const failed: { program: number; errors: AsmError[] }[] = [];
    programs.forEach((p, i) => {
      const r = assemble(p.source, p.name, readInclude ? { readInclude } : {});
      if (r.ok) images.push(r.image);
      else failed.push({ program: i, errors: r.errors });
    });
    if (failed.length > 0) return { errors: { ok: false, errors: failed } };
    return { session: new Session(programs, images, config, stdin, readInclude) };
  }

  /**
   * Sets the breakpoints, as source lines per program (index as in
   * `programs`) and as "Break at" entries (a label of code, or FILE:LINE of
   * any file, included ones too); returns the lines that hold no
   * instruction, which are not set.
   */
  setBreakpoints(lines: readonly (readonly number[])[], named: readonly string[] = []): { program: number; lines: number[] }[] {
    this.breakLines = lines;
    this.breakNames = named;
    return this.breakpoints.set(lines, named);
  }

  /** The "Break at" entries (labels, FILE:LINE) the last setBreakpoints found in no program, each with why. */
  get unresolvedBreaks(): readonly string[] {
    return this.breakpoints.unresolved;
  }

  /**
   * Sets the "Watch" entries (web/watch.ts: a label, label+4, an address or
   * a register), each from its value now in every live process; returns the
   * entries refused, each as `entry: why`.
   */
  setWatches(specs: readonly string[]): string[] {
    this.watchSpecs = specs;
    return this.watches.set(this.kernel, specs);
  }

  /** A fresh boot of the same run (programs, configuration, input), before its first instruction. */
  fresh(): Session {
    // The images as assembled for this run (the kernel only reads them): a drag boots many replays.
    return new Session(this.programs, this.images, this.config, this.stdin, this.readInclude);
  }

  /**
   * Runs `n` instructions (fewer once every process has ended) with every
   * stop off: breakpoints, watches, Stop at a kill and the Stop at boxes
   * are kept but not looked at, as a replay needs (web/replay.ts). The
   * chart samples as `step` does, so it is the same however the run got
   * here. True once every process has ended.
   */
  advance(n: number): boolean {
    this.clearStops();
    this.quiet = true;
    try {
      let left = n;
      while (!this.done && left > 0) {
        const piece = Math.min(left, this.history.untilNext(this.instructions));
        const before = this.instructions;
        this.done = this.kernel.step(piece) === 'done';
        this.history.sample(this.counters(), this.done);
        left -= Math.max(this.instructions - before, 1);
      }
    } finally {
      this.quiet = false;
      this.pendingStop = undefined;
    }
    this.settled = !this.done;
    return this.done;
  }

  /**
   * After `advance` brought the machine here: the breakpoints and watches of
   * `like` (the session the page showed, the same as this one's own when
   * it stepped on), the watches' values read afresh here, and a breakpoint
   * on the instruction about to run not stopping the next Run before it moves.
   */
  landFrom(like: Session): void {
    this.setBreakpoints(like.breakLines, like.breakNames);
    this.setWatches(like.watchSpecs);
    this.breakpoints.resumeAt(this.kernel);
  }

  /**
   * A fresh session armed as `like` is (its breakpoints, watches, Stop at a
   * kill and Stop at boxes), to be run from the start with its stops on:
   * what a Run from the start would have stopped at (web/replay.ts StopSeek).
   */
  armedLike(like: Session): Session {
    const s = this.fresh();
    s.setBreakpoints(like.breakLines, like.breakNames);
    s.setWatches(like.watchSpecs);
    s.stopAtKill = like.stopAtKill;
    s.stopAt = like.stopAt;
    return s;
  }

  /** True when the last step ended at a stop (a breakpoint, a watch, a kill about to happen, a chosen event). */
  get stopped(): boolean {
    return this.breakStop !== undefined || this.killStop !== undefined || this.eventStop !== undefined || this.watchStop !== undefined;
  }

  /** What tells two states of one run apart: a replay to the same instruction lands on an equal one. */
  fingerprint(): string {
    const k = this.kernel;
    return `${k.cpu.instret}/${k.cpu.cycles()}/${this.events.total}/${this.done ? 'done' : 'live'}`;
  }

  private clearStops(): void {
    this.breakStop = undefined;
    this.killStop = undefined;
    this.eventStop = undefined;
    this.watchStop = undefined;
  }

  /**
   * Runs at most `n` instructions; true once every process has ended, or one
   * is about to run a breakpoint's instruction (`breakStop` says which), or
   * with `stopAtKill`, a trap is about to kill one (`killStop`), or a
   * watched word or register changed (`watchStop`). Big
   * steps go in pieces no longer than the chart's interval, so the chart is
   * the same however the run was stepped.
   */
  step(n: number): boolean {
    this.clearStops();
    let left = n;
    while (!this.done && left > 0) {
      const piece = Math.min(left, this.history.untilNext(this.instructions));
      const before = this.instructions;
      if (this.breakpoints.any || this.watches.any) {
        const r = this.breakpoints.run(this.kernel, piece, this.stopAfter, this.aboutToRun);
        this.done = r === 'done';
        if (r !== 'done') this.breakStop = r;
      } else {
        this.done = this.kernel.step(piece, this.pauseAtEvent) === 'done';
      }
      this.history.sample(this.counters(), this.done);
      this.eventStop = this.pendingStop;
      this.pendingStop = undefined;
      if (this.breakStop !== undefined || this.killStop !== undefined || this.eventStop !== undefined || this.watchStop !== undefined) {
        // Before a kill the process is as it was before its instruction: Step back goes one further.
        this.settled = this.killStop !== undefined;
        return true;
      }
      left -= Math.max(this.instructions - before, 1);
    }
    this.settled = !this.done;
    return this.done;
  }

  get instructions(): number {
    return this.kernel.cpu.instret;
  }

  /** The totals the chart samples, read without building the whole result. */
  counters(): Counters {
    const t = this.kernel.machine.tlb.stats();
    return { instructions: this.kernel.cpu.instret, tlb_hits: t.hits, tlb_misses: t.misses, page_faults: this.kernel.stats.pageFaults };
  }

  stats(): RunStats {
    return collectResult(this.kernel).stats;
  }

  /** A process by pid (the views take it). */
  process(pid: number | undefined): ReturnType<typeof processByPid> {
    return pid === undefined ? undefined : processByPid(this.kernel, pid);
  }

  /** The process the panels follow unless one is chosen: the one on the CPU, else the first live one. */
  focusPid(): number | undefined {
    return focusProcess(this.kernel)?.pid;
  }

  /**
   * The page the TLB filled last, if it belongs to process `pid`; else -1.
   * Without ASIDs a TLB entry carries no owner: it is the current process's
   * (the kernel flushes the TLB at each switch), so only that one is lit.
   * A fill the TLB no longer holds lights nothing.
   */
  lastFillVpnOf(pid: number | undefined): number {
    const fill = this.activity.lastFill;
    const space = this.process(pid)?.space;
    if (fill === undefined || space === undefined) return -1;
    const tlb = this.kernel.machine.tlb;
    // Invalidated since (a flush at a switch, a changed PTE): the TLB no longer holds it.
    const e = fill.set * tlb.ways + fill.way;
    if (!tlb.isValid(e) || tlb.vpns[e]! >>> 0 !== fill.vpn) return -1;
    const owned = tlb.asidsEnabled ? fill.asid === space.asid : this.kernel.current?.pid === pid;
    return owned ? fill.vpn : -1;
  }

  /**
   * The page the page table lights for process `pid`: at a stop about a
   * page, that page (a page fault's address; a kill's address, or its pc's
   * page when the kill touched none), not the TLB's last fill, which is the
   * page before (the faulting instruction is not retried yet). At another
   * event stop none: an eviction's page is ringed instead, a fork or an
   * out-of-memory kill is about no one page. Else the TLB's last fill.
   */
  litVpnOf(pid: number | undefined): number {
    const page = this.stopPage();
    if (page !== undefined) return page.pid === pid ? page.vpn : -1;
    if (this.eventStop !== undefined) return -1;
    return this.lastFillVpnOf(pid);
  }

  /** The page a stop is about, when it is about one: a page fault's address's; a kill's address's, or its pc's page when it touched none. */
  stopPage(): { pid: number; vpn: number } | undefined {
    const kill = this.killStop;
    if (kill !== undefined) return { pid: kill.pid, vpn: (kill.address ?? kill.pc) >>> 12 };
    const stop = this.eventStop;
    if (stop?.kind === 'page_fault' && stop.address !== undefined) return { pid: stop.pid, vpn: stop.address >>> 12 };
    return undefined;
  }

  /**
   * What the TLB panel lights at a stop about a page: that page's entry, if
   * the TLB holds it for the stopped process (entry -1: it does not), as the
   * page table lights that page; undefined at any other stop or none, where
   * the panel lights the last fill. Without ASIDs the TLB holds only the
   * current process's pages.
   */
  tlbStopEntry(): { pid: number; vpn: number; entry: number } | undefined {
    const page = this.stopPage();
    if (page === undefined) return undefined;
    const tlb = this.kernel.machine.tlb;
    const space = this.process(page.pid)?.space;
    const mine = (e: number): boolean => (tlb.asidsEnabled ? (tlb.flags[e]! & PTE_G) !== 0 || tlb.asids[e] === space?.asid : this.kernel.current?.pid === page.pid);
    let entry = -1;
    if (space !== undefined) {
      for (let e = 0; e < tlb.entries; e++) if (tlb.isValid(e) && tlb.vpns[e]! >>> 0 === page.vpn && mine(e)) entry = e;
    }
    return { ...page, entry };
  }

  /** The line of a live process's pc in its program's own source (undefined in an included file: the editor does not hold it). */
  pcLineOf(pid: number | undefined): number | undefined {
    const p = this.process(pid);
    if (p?.space === undefined) return undefined;
    const entry = lineEntryAt(p.space.image, this.kernel.pcOf(p));
    return entry?.file === p.space.image.sourceName ? entry.line : undefined;
  }

  /** The source a process runs (forked children run their parent's). */
  sourceOf(pid: number): string | undefined {
    const name = this.process(pid)?.name;
    return this.programs.find((p) => p.name === name)?.source;
  }

  /** The text of each file a process's lines come from: its program's own, and the library files it includes. */
  readSource(pid: number): (file: string) => string | undefined {
    const own = this.process(pid)?.space?.image.sourceName;
    return (file) => {
      if (file === own) return this.sourceOf(pid);
      const r = this.readInclude?.(file);
      return r?.ok ? r.text : undefined;
    };
  }

  /** A chosen event makes the stop (web/eventStop.ts: nextStop); the kernel is asked to pause after its trap. */
  private watch(event: KernelEvent): void {
    if (this.stopAt.size > 0) this.pendingStop = nextStop(this.pendingStop, event, this.stopAt);
  }

  private output(pid: number, fd: 1 | 2, bytes: Uint8Array): void {
    let out = this.outputs.get(pid);
    if (out === undefined) this.outputs.set(pid, (out = { stdout: '', stderr: '' }));
    const key = fd === 1 ? 'stdout' : 'stderr';
    const text = out[key] + this.decoder.decode(bytes);
    out[key] = text.length > OUTPUT_LIMIT_CHARS ? text.slice(text.length - OUTPUT_LIMIT_CHARS) : text;
  }
}
