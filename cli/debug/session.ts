// The debugger's commands over one kernel: one command line in, text out;
// the caller (cli/commands/debug.ts) does the terminal or the pipe. Runs go
// through runner.ts; what is shown comes from views.ts (the views/ data).
import { sourceFileName, TEXT_BASE, type ProgramImage } from '../../asm/image.js';
import { TRAP_CAUSE_NAMES } from '../../cpu/trap.js';
import type { KernelEvent } from '../../kernel/events.js';
import type { Kernel } from '../../kernel/kernel.js';
import { hex } from '../../kernel/proc.js';
import type { Process } from '../../kernel/process.js';
import type { KillDetail } from '../../kernel/killReason.js';
import { sourceLocation } from '../../kernel/killReport.js';
import { collectResult } from '../../kernel/result.js';
import { syscallTable } from './syscallTable.js';
import { unreadWordText, watchedWord } from './watchWord.js';
import { KERNEL_BASE } from '../../mmu/layout.js';
import { PAGE_SHIFT } from '../../mmu/page.js';
import { unmappableArea, wordOf } from '../../views/index.js';
import { backtraceText, baseName } from './backtrace.js';
import { BreakpointTable, onlyPid } from './breakpoints.js';
import { isCall } from './calls.js';
import { DebugError } from '../../views/debugError.js';
import { evaluate, parseNumber, PC_INDEX, registerIndex, type ExpressionScope } from '../../views/expression.js';
import { formatProcessTable, formatStatsTable } from '../statsTable.js';
import { checkPrintFormat, examineCount, FRAME_HINT, GDB_HINTS, printText, setArgs } from './gdbHabits.js';
import { COMMANDS, helpFor } from './help.js';
import { didYouMean } from '../../asm/errors.js';
import { History, undoneText, type Point } from './history.js';
import { Runner, type Edit, type Goal, type Stop, type StepObserver } from './runner.js';
import { storeWord } from './store.js';
import {
  blockedText, disassemblyText, framesText, instructionText, memoryText, processText, stringsText, registerName, registersText, tlbText, walkText,
} from './views.js';

const TRAP_BREAK_CAUSES = TRAP_CAUSE_NAMES.filter((c) => c !== 'timer');
/** Commands Enter repeats. */
const REPEATABLE = new Set([
  'step', 's', 'stepi', 'si', 'next', 'n', 'nexti', 'ni', 'continue', 'c', 'cont',
  'reverse-stepi', 'rsi', 'reverse-step', 'rs', 'reverse-next', 'rn', 'reverse-continue', 'rc',
]);

export interface Answer {
  readonly text: string;
  readonly quit: boolean;
}

export class DebugSession {
  private readonly breakpoints = new BreakpointTable();
  private runner: Runner;
  /** The process the last stop was about; the views show it while it lives. */
  private focusPid: number | undefined;
  private lastRepeatable: string | undefined;
  /** The sets made and the furthest point reached, for going back (history.ts). */
  private readonly history = new History();
  private replayingNow = false;

  /**
   * `sources`: the source text of each file the programs' line tables name
   * (each program and what it includes), by that name, for source lines;
   * `boot`: makes the machine afresh, the same way as `kernel` was made (for
   * `restart`; without it, restart says it cannot).
   */
  constructor(
    private kernel: Kernel, private readonly sources: ReadonlyMap<string, string>, private readonly boot?: () => Kernel,
    /** --input was given: the guests read a file, not the debugger's own stdin. */
    private readonly inputGiven = true,
  ) {
    this.runner = new Runner(kernel, this.breakpoints);
  }

  /** Said once, before the next stop: a read got end of input because no --input was given. */
  private emptyInputNote: string | undefined;
  private emptyInputNoted = false;

  emit(event: KernelEvent): void {
    this.runner.emit(event);
    // A student who types the program's input after the commands sees only a 0 from read: say where input comes from.
    if (!this.inputGiven && !this.emptyInputNoted && event.kind === 'syscall' && event.name === 'read' && event.result === 0) {
      this.emptyInputNoted = true;
      this.emptyInputNote = `(pid ${event.pid}'s read found no input: the debugger reads its own commands from stdin, so the programs' input is empty unless --input FILE gives one)`;
    }
  }

  beforeKill(p: Process, detail: KillDetail): 'stop' | 'go' {
    return this.runner.beforeKill(p, detail);
  }

  get running(): boolean {
    return this.runner.running;
  }

  /** True while going back replays the run: its guest output and kill reports were shown the first time. */
  get replaying(): boolean {
    return this.replayingNow;
  }

  /** Ctrl-C: stops the run in progress at the next slice. */
  interrupt(): void {
    this.runner.interrupted = true;
  }

  banner(): string {
    return `illusion debug: ${this.processNames()}. Type help for the commands.\n${this.where()}`;
  }

  /** `pid 1 (a.s), pid 2 (b.s)`: the machine's processes, as the banner and restart name them. */
  private processNames(): string {
    return this.kernel.processes.map((p) => `pid ${p.pid} (${p.name})`).join(', ');
  }

  /** Runs one command line (an empty one repeats the last step, next or continue). */
  async execute(line: string): Promise<Answer> {
    let words = line.trim().split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) {
      if (this.lastRepeatable === undefined) return { text: '', quit: false };
      words = this.lastRepeatable.split(' ');
    }
    const [first, ...args] = words as [string, ...string[]];
    const [name, suffix] = first.toLowerCase().split('/', 2) as [string, string | undefined];
    if (REPEATABLE.has(name)) this.lastRepeatable = words.join(' ');
    try {
      return { text: await this.dispatch(name, suffix, args), quit: name === 'quit' || name === 'q' || name === 'exit' };
    } catch (err) {
      if (!(err instanceof DebugError)) throw err;
      // A refused command is not repeated by Enter (it would only be refused again).
      if (REPEATABLE.has(name)) this.lastRepeatable = undefined;
      return { text: err.message, quit: false };
    } finally {
      this.history.reached(this.here());
    }
  }

  /** Where the run is: its moment and instruction count. */
  private here(): Point {
    return { moment: this.runner.moments, instret: this.kernel.cpu.instret };
  }

  private async dispatch(cmd: string, suffix: string | undefined, args: string[]): Promise<string> {
    if (suffix !== undefined && (cmd === 'print' || cmd === 'p')) checkPrintFormat(cmd, suffix);
    else if (suffix !== undefined && cmd !== 'x' && cmd !== 'mem') throw new DebugError(`${cmd}: /${suffix} is only for x (x/COUNT ADDR)`);
    switch (cmd) {
      case 'help': case 'h': case '?': return helpFor(args[0]);
      case 'step': case 's': case 'stepi': case 'si':
        return this.resume({ kind: 'step', count: this.optionalCount(cmd, args) });
      case 'next': case 'n': return this.next(this.optionalCount(cmd, args), true);
      case 'nexti': case 'ni': return this.next(this.optionalCount(cmd, args), false);
      case 'finish': case 'fin': return this.finish(args);
      case 'continue': case 'c': case 'cont':
        return this.continueTimes(this.optionalCount(cmd, args));
      case 'break': case 'b': return args.length === 0 ? this.breakpoints.describe() : this.addBreak(cmd, args, false);
      case 'tbreak': case 'tb': return this.addBreak(cmd, args, true);
      case 'break-trap': return this.addTrapBreak(args);
      case 'watch': return this.addWatch(args);
      case 'delete': case 'd': case 'del': return this.deleteBreak(args);
      case 'info': case 'i': return this.info(args);
      case 'print': case 'p': return this.withPid(cmd, args.slice(1), 0, (p) => printText(this.kernel, p, args[0], this.scope(p)));
      case 'regs': case 'r': case 'registers': return this.withPid(cmd, args, 0, (p) => this.registers(p));
      case 'x': case 'mem': return this.examine(cmd, suffix, args);
      case 'walk': return this.withPid(cmd, args, 1, (p, [a]) => walkText(this.kernel, p, this.address(cmd, a, p)));
      case 'disasm': case 'dis': case 'disassemble': return this.withPid(cmd, args, 2, (p, [a, n]) => {
        const pc = this.kernel.pcOf(p);
        const at = a === undefined ? Math.max(p.space?.image.entry ?? 0, pc - 8) : this.address(cmd, a, p);
        return disassemblyText(this.kernel, p, at, n === undefined ? 8 : this.count(n), this.sourceText);
      });
      case 'bt': case 'backtrace': case 'where': {
        // gdb's bt full (frames with their locals): every frame here.
        const all = args[0] === 'all' || args[0] === 'full';
        return this.withPid(cmd, all ? args.slice(1) : args, 0, (p) => backtraceText(this.kernel, p, this.runner.calls, all));
      }
      case 'set': return this.set(setArgs(args));
      case 'pid': case 'process': case 'inferior': case 'thread': return this.selectProcess(cmd, args);
      case 'tlb': case 'frames': case 'ps':
        if (args.length > 0) throw new DebugError(`${cmd} takes no argument (it shows the whole machine)`);
        return cmd === 'tlb' ? tlbText(this.kernel) : cmd === 'frames' ? framesText(this.kernel) : processText(this.kernel);
      case 'restart':
        if (args.length > 0) throw new DebugError('restart takes no argument (it starts the same programs again)');
        return this.restart();
      case 'run':
        if (args.length > 0) throw new DebugError('run takes no argument (it runs the programs from their start to the first stop)');
        return this.runFromStart();
      case 'reverse-stepi': case 'rsi': return this.reverseStepi(this.optionalCount(cmd, args));
      case 'reverse-continue': case 'rc':
        if (args.length > 0) throw new DebugError(`${cmd} takes no argument (it goes back to the last stop before here)`);
        return this.reverseContinue();
      case 'reverse-step': case 'rs': return this.reverseLine(cmd, args, 'step');
      case 'reverse-next': case 'rn': return this.reverseLine(cmd, args, 'next');
      case 'reverse-finish': return this.reverseLine(cmd, args, 'finish');
      case 'record': case 'rec': return this.record(args);
      case 'quit': case 'q': case 'exit': return '';
      default: {
        // gdb's start, once the programs have run: they no longer stand at their first instruction.
        const ran = cmd === 'start' && (this.kernel.cpu.instret > 0 || this.runner.hasFinished);
        const instead = ran ? 'the programs have run since they stood at their first instruction: restart starts them again there' : GDB_HINTS.get(cmd);
        if (instead !== undefined) return `unknown command '${cmd}': ${instead}`;
        const near = didYouMean(cmd, COMMANDS.flatMap((c) => c.names));
        return near === '' ? `unknown command '${cmd}': type help for the list` : `unknown command '${cmd}'${near} (help lists the commands)`;
      }
    }
  }

  // ---- running ----

  private async resume(goal: Goal): Promise<string> {
    if (this.runner.hasFinished) return 'every process has ended';
    this.focusPid = undefined;
    const stop = await this.runner.run(goal);
    this.focusPid = stop.pid;
    const lines = [...(this.emptyInputNote !== undefined ? [this.emptyInputNote] : []), ...stop.lines];
    this.emptyInputNote = undefined;
    if (stop.finished) lines.push(...this.endings());
    else lines.push(this.where());
    return lines.join('\n');
  }

  /**
   * gdb's `continue N`: go on past N - 1 more stops at a breakpoint or a
   * watchpoint, and show the Nth. Any other stop (a kill, a trap breakpoint,
   * an interruption, the end) is shown at once, with how many were passed.
   */
  private async continueTimes(times: number): Promise<string> {
    for (let passed = 0; passed < times - 1; passed++) {
      if (this.runner.hasFinished) break;
      const text = await this.resume({ kind: 'continue' });
      if (!/^(breakpoint|watchpoint) \d+/.test(text)) return `${passedLine(passed)}${text}`;
    }
    return `${passedLine(times - 1)}${await this.resume({ kind: 'continue' })}`;
  }

  /**
   * `next`: one source line, as gdb's (the instructions a pseudo-instruction
   * such as `la` or `push` makes run as one step); `nexti`: one instruction.
   * A call runs to its return either way.
   */
  private async next(count: number, wholeLines: boolean): Promise<string> {
    const p = this.focus();
    if (p === undefined) return this.noProcess();
    let text = '';
    for (let i = 0; i < count; i++) {
      const image = p.space?.image;
      const line = wholeLines && image !== undefined ? sourceLocation(image, this.kernel.pcOf(p)) : undefined;
      let from: number;
      do {
        from = this.kernel.pcOf(p);
        const word = wordOf(this.kernel, p, from);
        const depth = this.runner.calls.framesOf(p.pid).length;
        const goal: Goal = word !== undefined && isCall(word) ? { kind: 'next', pid: p.pid, depth } : { kind: 'next', pid: p.pid, depth: Infinity };
        text = await this.resume(goal);
        if (this.focusPid !== p.pid || !p.alive || text.split('\n').length > 1) return text;
        // Still inside the line: the next word of the same pseudo-instruction (not a jump back to the line's start).
      } while (line !== undefined && this.kernel.pcOf(p) === from + 4 && sourceLocation(image!, from + 4) === line);
    }
    return text;
  }

  private finish(args: string[]): Promise<string> {
    if (args.length > 0) throw new DebugError('finish takes no argument');
    const p = this.focus();
    if (p === undefined) return Promise.resolve(this.noProcess());
    const depth = this.runner.calls.framesOf(p.pid).length;
    if (depth === 0) return Promise.resolve(`finish: pid ${p.pid} is in its outermost frame (no call the debugger saw is open): nothing to return to`);
    return this.resume({ kind: 'finish', pid: p.pid, depth });
  }

  /**
   * The same programs from their first instruction on a new machine (same
   * configuration, seed and input), as `run` does again in gdb: breakpoints
   * and trap breakpoints stay; watchpoints go, as each watched one process
   * of the old run (its pid may name another process after a fork).
   */
  private restart(): string {
    if (this.boot === undefined) return 'restart: not available here';
    this.kernel = this.boot();
    this.runner = new Runner(this.kernel, this.breakpoints);
    this.focusPid = undefined;
    this.lastRepeatable = undefined;
    this.history.clear();
    const watches = this.breakpoints.deleteWatches();
    const kept = this.breakpoints.list.length;
    const notes = [`${kept} breakpoint${kept === 1 ? '' : 's'} kept`];
    if (watches > 0) notes.push(`${watches} watchpoint${watches === 1 ? '' : 's'} deleted (${watches === 1 ? 'it' : 'they'} watched the old run's processes)`);
    return `restarted: ${this.processNames()}; ${notes.join(', ')}\n${this.where()}`;
  }

  /**
   * gdb's `run`: from the programs' start to the first breakpoint (or the
   * end). Before anything has run that is `continue`; after, the programs
   * start again on a new machine first, as `restart` does.
   */
  private async runFromStart(): Promise<string> {
    const fresh = this.kernel.cpu.instret === 0 && !this.runner.hasFinished;
    const restarted = fresh ? undefined : this.restart();
    if (restarted === 'restart: not available here') return restarted;
    const ran = await this.resume({ kind: 'continue' });
    return restarted === undefined ? ran : `${restarted.split('\n')[0]}\n${ran}`;
  }

  // ---- going back: replay from the start (docs/debugger.md, Going back) ----

  /**
   * A new machine (same programs, configuration, seed and input), handed to
   * `runs` to run from the start, with the history's sets made again on
   * the way; the guests' output and kill reports are not shown again (they
   * were the first time).
   */
  private async replay(runs: (runner: Runner) => Promise<Stop>): Promise<Stop> {
    this.replayingNow = true;
    try {
      this.kernel = this.boot!();
      this.runner = new Runner(this.kernel, this.breakpoints);
      this.runner.replayEdits([...this.history.edits]);
      this.runner.rebaseWatches();
      this.focusPid = undefined;
      return await runs(this.runner);
    } finally {
      this.replayingNow = false;
      this.runner.bound = undefined;
      this.runner.observer = undefined;
      this.runner.keepTemporary = false;
    }
  }

  /** A replay to the point after `instret` instructions retired (the start for 0). */
  private replayTo(instret: number): Promise<Stop> {
    return this.replay((r) => (instret === 0 ? Promise.resolve({ lines: [], finished: false }) : r.run({ kind: 'replay', instret })));
  }

  /** A replay to a moment (runner.ts) of the run. */
  private replayToMoment(moment: number): Promise<Stop> {
    return this.replay((r) => {
      r.bound = moment;
      return r.run({ kind: 'replay' });
    });
  }

  /**
   * Where a replay landed: the sets made after it are undone (and said so),
   * the watchpoints' baselines read here, the views on the stop's process.
   */
  private landed(stop: Stop, head: readonly string[], forward = false): string {
    // Run forward on the same machine (record goto), every set of the history stays: none lies beyond here.
    const made = forward ? this.history.edits.length : this.runner.makeDueEdits();
    this.runner.replayEdits([]);
    const now = this.here();
    const undone = this.history.landed(made, now);
    this.runner.rebaseWatches();
    this.focusPid = stop.pid;
    this.emptyInputNote = undefined;
    // Ctrl-C: the machine stands where the replay got to, a point of the same run, short of the one asked for.
    const lines = stop.lines[0] === 'interrupted' ? [`interrupted: the replay stopped at instruction ${now.instret}`] : [...head];
    if (undone > 0) lines.push(undoneText(undone, now.instret));
    // Just after the last exit the run is over but for the kernel's noticing it: shown as the end.
    lines.push(...(this.runner.hasFinished || !this.kernel.procs.anyAlive() ? this.endings() : [this.where()]));
    return lines.join('\n');
  }

  /** Why going back is not possible here, if it is not. */
  private cannotGoBack(cmd: string): string | undefined {
    if (this.boot === undefined) return `${cmd}: not available here (going back boots the machine again)`;
    if (this.runner.moments === 0) return `${cmd}: at the start (instruction 0): nothing to go back over`;
    return undefined;
  }

  /**
   * gdb's reverse-stepi: back `count` instructions, counted as step counts
   * them. Where something happened since the last instruction retired (a
   * dying process, a trap stop, a kill), that instruction is the first one
   * gone back over: after a kill, rsi stands before the instruction that
   * killed, its process alive.
   */
  private async reverseStepi(count: number): Promise<string> {
    const refused = this.cannotGoBack('reverse-stepi');
    if (refused !== undefined) return refused;
    const now = this.kernel.cpu.instret;
    // One back from a kill (or a dying process) is before the instruction that killed: say so.
    const dying = this.kernel.deferredKill;
    const kill = this.runner.lastKill;
    const killed = this.runner.onInstruction || count !== 1 ? ''
      : dying !== undefined && dying.detail.cause !== 'breakpoint' ? ` (before the instruction that would kill pid ${dying.process.pid})`
      : kill !== undefined && kill.moment > this.runner.retiredAt ? ` (before the instruction that killed pid ${kill.pid}: ${kill.cause})` : '';
    const wanted = this.runner.onInstruction ? now - count : now - (count - 1);
    const target = Math.max(0, wanted);
    const stop = await this.replayTo(target);
    const short = wanted < 0 ? ` (the start: only ${now} instruction${now === 1 ? '' : 's'} to go back over)` : '';
    return this.landed(stop, [`back to instruction ${target}${short}${killed}`]);
  }

  /**
   * gdb's reverse-continue: back to the last stop a forward continue from
   * the start would have made before here (with the breakpoints and
   * watchpoints set now), else the start. Two replays: one counts the stops
   * before here, the next stops at the last of them, so the stop is made
   * exactly as it was (a trap stop's text included).
   */
  private async reverseContinue(): Promise<string> {
    const refused = this.cannotGoBack('reverse-continue');
    if (refused !== undefined) return refused;
    const here = this.here();
    let stops = 0;
    const counting = await this.replay(async (r) => {
      r.bound = here.moment;
      r.keepTemporary = true;
      for (;;) {
        const stop = await r.run({ kind: 'continue' });
        if (stop.atBound || stop.finished || stop.lines[0] === 'interrupted' || r.moments >= here.moment) return stop;
        stops++;
      }
    });
    if (counting.lines[0] === 'interrupted') return this.landed(counting, []);
    if (stops === 0) {
      return this.landed(await this.replayTo(0), [`no stop before instruction ${here.instret}: back at the start (instruction 0)`]);
    }
    const stop = await this.replay(async (r) => {
      r.bound = here.moment;
      r.keepTemporary = true;
      let last: Stop = { lines: [], finished: false };
      for (let i = 0; i < stops; i++) {
        last = await r.run({ kind: 'continue' });
        if (last.lines[0] === 'interrupted') break;
      }
      return last;
    });
    if (stop.lines[0] === 'interrupted') return this.landed(stop, []);
    return this.landed(stop, [`back to the last stop before instruction ${here.instret}, at instruction ${this.kernel.cpu.instret}:`, ...stop.lines]);
  }

  /**
   * gdb's reverse-step, reverse-next and reverse-finish, in the process the
   * views show: back to the start of the source line it ran before this one
   * (reverse-next: a call as one, in this frame or a caller's), or to the
   * call of the current function. One replay watches that process's
   * instructions up to here; a second lands on the last that fits.
   */
  private async reverseLine(cmd: string, args: string[], kind: 'step' | 'next' | 'finish'): Promise<string> {
    if (args.length > 0) throw new DebugError(`${cmd} takes no argument`);
    const refused = this.cannotGoBack(cmd);
    if (refused !== undefined) return refused;
    const p = this.focus();
    if (p === undefined) return this.noProcess();
    const pid = p.pid;
    const depth = this.runner.calls.framesOf(pid).length;
    if (kind === 'finish' && depth === 0) return `reverse-finish: pid ${pid} is in its outermost frame (no call the debugger saw is open): no call to go back to`;
    const image = p.space?.image;
    const line = (pc: number): string | undefined => (image === undefined ? undefined : sourceLocation(image, pc));
    const here = this.here();
    let prev: { pc: number; depth: number } | undefined;
    let target: number | undefined;
    const observer: StepObserver = (q, pc, d, moment) => {
      if (q.pid !== pid) return;
      // A line starts where the process did not just run the word before it, of the same line, in the same frame.
      const starts = prev === undefined || prev.depth !== d || prev.pc + 4 !== pc || line(prev.pc) !== line(pc);
      prev = { pc, depth: d };
      if (kind === 'finish' ? d < depth : starts && (kind === 'step' || d <= depth)) target = moment;
    };
    const watched = await this.replay((r) => {
      r.bound = here.moment;
      r.observer = observer;
      return r.run({ kind: 'replay' });
    });
    if (watched.lines[0] === 'interrupted') return this.landed(watched, []);
    if (target === undefined) {
      // The replay has come back here: stay.
      return this.landed({ ...watched, pid }, [`${cmd}: pid ${pid} ran no ${kind === 'finish' ? 'call' : 'line'} before this one: nothing to go back to`]);
    }
    const stop = await this.replayToMoment(target);
    const what = kind === 'finish' ? `back to the call of pid ${pid}'s current function` : `back one line${kind === 'step' ? '' : ' (a call as one)'} in pid ${pid}`;
    return this.landed({ ...stop, pid }, [`${what}, at instruction ${this.kernel.cpu.instret}`]);
  }

  /** gdb's record: here every run is replayable already; record goto N|begin|end moves to a point of it. */
  private async record(args: string[]): Promise<string> {
    const far = this.history.furthest;
    if (args[0] !== 'goto') {
      if (args.length === 0 || args[0] === 'full' || args[0] === 'stop') {
        return 'nothing to turn on or off: the machine is deterministic, so every run can be replayed; reverse-stepi, reverse-continue and record goto N|begin|end go back (help record)';
      }
      throw new DebugError(`record: record goto N (an instruction number), record goto begin or record goto end (help record)`);
    }
    if (args.length !== 2) throw new DebugError('record goto: give one point: an instruction number, begin or end (help record)');
    if (this.boot === undefined) return 'record goto: not available here (going back boots the machine again)';
    const to = args[1]!.toLowerCase();
    const now = this.here();
    if (to === 'end') {
      if (now.moment >= far.moment) return `record goto end: already at the furthest point this run has reached (instruction ${now.instret})`;
      // The run from here to there is the one reached before: run on to it, without stops.
      this.runner.bound = far.moment;
      try {
        const stop = await this.runner.run({ kind: 'replay' });
        return this.landed(stop, [`at the furthest point this run has reached, instruction ${this.kernel.cpu.instret}`], true);
      } finally {
        this.runner.bound = undefined;
      }
    }
    const n = to === 'begin' || to === 'start' ? 0 : parseNumber(to);
    if (n === undefined || n < 0) throw new DebugError(`record goto: '${args[1]}' is not an instruction number (nor begin or end)`);
    if (n > far.instret) {
      return `record goto: instruction ${n} is past the furthest point this run has reached (instruction ${far.instret}); step or continue goes on from here`;
    }
    if (n === now.instret && this.runner.onInstruction) return `record goto: already at instruction ${n}`;
    if (n > now.instret) {
      const stop = await this.runner.run({ kind: 'replay', instret: n });
      return this.landed(stop, [`at instruction ${n}`], true);
    }
    return this.landed(await this.replayTo(n), [`${n === 0 ? 'at the start, ' : 'back to '}instruction ${n}`]);
  }

  /** info record: where the run is, how far it has been, the sets that going back makes again. */
  private recordInfo(): string {
    const now = this.here();
    const far = this.history.furthest;
    const sets = this.history.edits.length;
    return [
      `at instruction ${now.instret}; the furthest point reached is instruction ${far.instret}${far.moment === now.moment ? ' (here)' : ''}`,
      `${sets} set${sets === 1 ? '' : 's'} in the history (going back makes ${sets === 1 ? 'it' : 'them'} again up to where it lands, and undoes later ones)`,
      'going back replays the run from the start, at the speed the debugger steps; Ctrl-C interrupts',
    ].join('\n');
  }

  // ---- where the machine is ----

  /** The process the views show: the last stop's, else the one on the CPU, else the next to run. */
  focus(): Process | undefined {
    const k = this.kernel;
    const stopped = this.focusPid === undefined ? undefined : k.procs.byPid(this.focusPid);
    if (stopped?.alive) return stopped;
    return this.runner.nextToRun() ?? k.processes.find((p) => p.alive);
  }

  /** The text of a line-table file, for the source column (none for a program given as an image). */
  private readonly sourceText = (file: string): string | undefined => this.sources.get(file);

  where(): string {
    if (this.runner.hasFinished) return 'every process has ended';
    const p = this.focus();
    if (p === undefined) return this.noProcess();
    const at = `pid ${p.pid} (${p.name}) at ${hex(this.kernel.pcOf(p))}  ${instructionText(this.kernel, p, this.sourceText)}`.trimEnd();
    const blocked = blockedText(this.kernel, p);
    return blocked === undefined ? at : `${at}\n  ${blocked}`;
  }

  /**
   * `pid N` (gdb's `inferior N`): the views, `next` and `finish` are about
   * pid N from now until the next stop, which names its own process.
   */
  private selectProcess(cmd: string, args: string[]): string {
    if (args.length > 1) throw new DebugError(`${cmd}: give one pid (ps lists the processes)`);
    if (args.length === 0) {
      const p = this.focus();
      return p === undefined ? this.noProcess() : `the views show pid ${p.pid} (${p.name}); pid N shows another (ps lists them)\n${this.where()}`;
    }
    const p = this.processArg(args[0]!);
    this.focusPid = p.pid;
    return `pid ${p.pid} (${p.name}) selected: regs, x, walk, bt, next and finish are about it until the next stop\n${this.where()}`;
  }

  /** regs: the registers, and for a blocked process why r1 is not a result yet. */
  private registers(p: Process): string {
    const blocked = blockedText(this.kernel, p);
    return `${registersText(this.kernel, p)}${blocked === undefined ? '' : `\n  ${blocked}`}`;
  }


  private endings(): string[] {
    const lines = ['every process has ended:'];
    for (const p of this.kernel.processes) {
      lines.push(`  pid ${p.pid} (${p.name}) ${p.killCause !== undefined ? `killed: ${p.killCause}` : `exited with code ${p.exitCode ?? 0}`}`);
    }
    return lines;
  }

  private noProcess(): string {
    return 'no process is alive';
  }

  // ---- arguments ----

  /**
   * Runs `view` on the process named by an optional last argument (a pid),
   * after `max` other arguments; too many arguments is an error, not ignored.
   */
  private withPid(cmd: string, args: string[], max: number, view: (p: Process, rest: (string | undefined)[]) => string): string {
    if (args.length > max + 1) throw new DebugError(`${cmd}: too many arguments (help ${cmd})`);
    let rest = args;
    let p: Process | undefined;
    if (args.length === max + 1) {
      p = this.processArg(args[max]!);
      rest = args.slice(0, max);
    } else {
      p = this.focus();
      if (p === undefined) return this.noProcess();
    }
    return view(p, rest);
  }

  private processArg(text: string): Process {
    const pid = parseNumber(text);
    const p = pid === undefined ? undefined : this.processByPid(pid);
    if (p === undefined) throw new DebugError(pid === this.nextPid() ? notForkedYet(text) : `'${text}' is not a pid (ps lists the processes)`);
    if (!p.alive) throw new DebugError(`pid ${p.pid} (${p.name}) has ended: nothing of it is left to show`);
    return p;
  }

  /** The pid the next fork gives out (pids go in order, from 1). */
  private nextPid(): number {
    return this.kernel.processes.reduce((most, p) => Math.max(most, p.pid), 0) + 1;
  }

  /** The process with `pid`, also one that ended and was reaped (ps lists it), or undefined for a pid never given out. */
  private processByPid(pid: number): Process | undefined {
    return this.kernel.procs.byPid(pid) ?? this.kernel.processes.find((p) => p.pid === pid);
  }

  private optionalCount(cmd: string, args: string[]): number {
    if (args.length > 1) throw new DebugError(`${cmd}: too many arguments (help ${cmd})`);
    return args[0] === undefined ? 1 : this.count(args[0]);
  }

  private count(text: string): number {
    const n = parseNumber(text);
    if (n === undefined || n < 1 || n > 1e12) throw new DebugError(`'${text}' is not a count (a whole number from 1)`);
    return n;
  }

  private scope(p: Process): ExpressionScope {
    const k = this.kernel;
    return {
      register: (i) => (i === PC_INDEX ? k.pcOf(p) : k.regsOf(p)[i]!),
      symbol: (name) => p.space?.image.symbols.find((s) => s.name === name)?.value,
      owner: p.name,
      names: () => (p.space?.image.symbols ?? []).map((s) => s.name),
    };
  }

  private address(cmd: string, text: string | undefined, p: Process): number {
    if (text === undefined) throw new DebugError(`${cmd}: give an address, e.g. ${cmd} sp+8 (help ${cmd})`);
    try {
      return evaluate(text, this.scope(p));
    } catch (err) {
      // With several programs a label of another one is a slip of the pid: say whose it is and how to read it there.
      const name = /^[A-Za-z_.][\w.]*/.exec(text.replace(/^[*&$]/, ''))?.[0];
      const owner = name === undefined || !(err instanceof DebugError) ? undefined
        : this.kernel.processes.find((q) => q.alive && q.space !== undefined && q.space.image !== p.space?.image && q.space.image.symbols.some((x) => x.name === name));
      if (owner === undefined) throw err;
      throw new DebugError(`${(err as DebugError).message} (it is a label of ${baseName(owner.space!.image.sourceName)}, which pid ${owner.pid} runs: give ${owner.pid} as the last argument)`);
    }
  }

  private examine(cmd: string, suffix: string | undefined, args: string[]): string {
    const shown = (p: Process, text: string | undefined, n: number): string => {
      const address = this.address(cmd, text, p) >>> 0;
      // x shows whole words: an address inside one (a buffer after a string) starts at that word, and says so.
      const odd = (address & 3) === 0 ? '' : `${hex(address)} is not a multiple of 4: x shows whole words, from ${hex(address & ~3)} (the address is byte ${address & 3} of the first)\n`;
      return `${odd}${memoryText(this.kernel, p, address, n)}`;
    };
    const strings = suffix === undefined ? null : /^(\d*)s$/i.exec(suffix);
    if (strings !== null) {
      const n = strings[1] === '' ? 1 : this.count(strings[1]!);
      return this.withPid(cmd, args, 1, (p, [a]) => stringsText(this.kernel, p, this.address(cmd, a, p), n));
    }
    if (suffix !== undefined) {
      const n = this.count(examineCount(suffix));
      return this.withPid(cmd, args, 1, (p, [a]) => shown(p, a, n));
    }
    return this.withPid(cmd, args, 2, (p, [a, n]) => shown(p, a, n === undefined ? 8 : this.count(n)));
  }

  // ---- breakpoints ----

  private addBreak(cmd: string, args: string[], temporary: boolean): string {
    if (args.length !== 1 && args.length !== 2) throw new DebugError(`${cmd}: give one place: a label, 0x address or file.s:LINE, and optionally a pid (help break)`);
    const pid = args[1] === undefined ? undefined : this.breakPid(cmd, args[1]);
    // gdb writes an address as *ADDR (b *0x1010): the same place here.
    const spec = args[0]!.replace(/^\*(?=.)/, '');
    if (/^\d+$/.test(spec)) throw new DebugError(`${cmd}: ${spec} is a plain number; did you mean :${spec} (line ${spec})? Addresses are written in hex (0x${Number(spec).toString(16)})`);
    const line = /^(.*):(\d+)$/.exec(spec);
    let image: ProgramImage;
    let address: number;
    let where: string;
    if (line !== null) {
      const named = this.fileNamed(cmd, line[1]!);
      image = named.image;
      [address, where] = this.lineAddress(cmd, image, named.file, Number(line[2]));
    } else {
      const p = this.focus();
      if (p?.space === undefined) return this.noProcess();
      ({ image, address } = this.placeIn(p, spec));
      if ((address & 3) !== 0) throw new DebugError(`${cmd}: ${hex(address)} is not an instruction address (not a multiple of 4)`);
      const l = sourceLocation(image, address);
      where = `(${[/^[A-Za-z_.]/.test(spec) ? spec : '', l ?? ''].filter((x) => x !== '').join(', ')})`;
      if (where === '()') where = '';
      if (address < TEXT_BASE || address >= TEXT_BASE + image.text.length) where = `(outside the text of ${baseName(image.sourceName)}: hit only if the program jumps there)`;
    }
    if (pid !== undefined) {
      const q = this.kernel.procs.byPid(pid);
      if (q?.space !== undefined && q.space.image !== image) throw new DebugError(`${cmd}: pid ${pid} runs ${q.name}, not the program that holds ${hex(address)}`);
    }
    const b = this.breakpoints.add({ kind: 'code', address, image, where, temporary, ...(pid !== undefined ? { pid } : {}) });
    // With several programs a breakpoint's program is not plain from its place: say which.
    const base = baseName(image.sourceName);
    const program = this.programImages().length > 1 && !where.includes(`(${base}:`) && !where.includes(` ${base}:`) ? ` in ${base}` : '';
    return `${`${temporary ? 'temporary breakpoint' : 'breakpoint'} ${b.id} at ${hex(address)} ${where}`.trimEnd()}${program}${onlyPid(pid)}`;
  }

  /** The distinct programs of the machine's processes, in pid order. */
  private programImages(): ProgramImage[] {
    return [...new Set(this.kernel.processes.map((p) => p.space?.image).filter((i) => i !== undefined))];
  }

  /**
   * Where `spec` (a label or expression) is: in p's program, else in the one
   * other program that has the label (with several programs, a label of the
   * second is found from a stop in the first).
   */
  private placeIn(p: Process, spec: string): { image: ProgramImage; address: number } {
    try {
      return { image: p.space!.image, address: evaluate(spec, this.scope(p)) };
    } catch (err) {
      if (!(err instanceof DebugError)) throw err;
      const others = this.programImages().filter((i) => i !== p.space!.image);
      for (const image of others) {
        const q = this.kernel.processes.find((x) => x.space?.image === image)!;
        try {
          return { image, address: evaluate(spec, this.scope(q)) };
        } catch (e) {
          if (!(e instanceof DebugError)) throw e;
        }
      }
      if (others.length === 0) throw err;
      throw new DebugError(`${err.message} (nor of ${others.map((i) => baseName(i.sourceName)).join(' nor ')})`);
    }
  }

  /**
   * The pid a breakpoint is for: any pid from 1, also one not made yet (a
   * child the program will fork: pids repeat exactly on restart), but not
   * an ended one.
   */
  private breakPid(cmd: string, text: string): number {
    const pid = parseNumber(text);
    if (pid === undefined || pid < 1) throw new DebugError(`${cmd}: '${text}' is not a pid (ps lists the processes)`);
    const q = this.processByPid(pid);
    if (q !== undefined && !q.alive) throw new DebugError(`${cmd}: pid ${pid} (${q.name}) has ended`);
    return pid;
  }

  /**
   * The image and line-table file that `file` names: a program (its source
   * name or process name), else a file a program includes (as kill reports
   * name it, e.g. lib/print.s, or by its base name); the focus's program for
   * an empty name.
   */
  private fileNamed(cmd: string, file: string): { image: ProgramImage; file: string } {
    if (file === '') {
      const p = this.focus();
      if (p?.space === undefined) throw new DebugError(this.noProcess());
      return { image: p.space.image, file: p.space.image.sourceName };
    }
    const images = this.programImages();
    for (const p of this.kernel.processes) {
      const image = p.space?.image;
      if (image !== undefined && (p.name === file || baseName(image.sourceName) === baseName(file))) return { image, file: image.sourceName };
    }
    for (const image of images) {
      for (const row of image.lines) {
        const shown = sourceFileName(image, row.file);
        if (shown === file || row.file === file || baseName(row.file) === baseName(file)) return { image, file: row.file };
      }
    }
    throw new DebugError(`${cmd}: no running program is '${file}' (ps lists them)`);
  }

  /** The first instruction of source line `n` of `file` (or of its next line that has code). */
  private lineAddress(cmd: string, image: ProgramImage, file: string, n: number): [number, string] {
    const textEnd = TEXT_BASE + image.text.length;
    let best: { address: number; line: number } | undefined;
    for (const row of image.lines) {
      if (row.file !== file || row.address >= textEnd || row.address < TEXT_BASE || row.line < n) continue;
      if (best === undefined || row.line < best.line || (row.line === best.line && row.address < best.address)) best = row;
    }
    const shown = sourceFileName(image, file);
    if (best === undefined) throw new DebugError(`${cmd}: ${shown} has no code at or after line ${n}`);
    const moved = best.line !== n ? `; line ${n} has no code` : '';
    return [best.address, `(${shown}:${best.line}${moved})`];
  }

  private addTrapBreak(args: string[]): string {
    const c = args[0]?.toLowerCase().replace(/-/g, '_');
    if (args.length !== 1 || c === undefined || !TRAP_BREAK_CAUSES.includes(c as (typeof TRAP_BREAK_CAUSES)[number])) {
      return `break-trap: give a cause: ${TRAP_BREAK_CAUSES.join(', ')}`;
    }
    const b = this.breakpoints.add({ kind: 'trap', cause: c });
    return `breakpoint ${b.id} on trap ${c}`;
  }

  /** `watch r6`: stop after an instruction of p changes the register (as gdb's watch $r6). */
  private addRegisterWatch(p: Process, text: string, index: number): string {
    if (index === PC_INDEX) throw new DebugError('watch: pc changes with every instruction: use step, or break at an address');
    if (index === 0) throw new DebugError('watch: r0 is always zero: it never changes');
    const name = registerName(index, index === 13 ? 'fp' : index === 14 ? 'sp' : index === 15 ? 'ra' : undefined);
    const last = this.kernel.regsOf(p)[index]! >>> 0;
    const b = this.breakpoints.add({ kind: 'watch-reg', pid: p.pid, index, name, last });
    return `watchpoint ${b.id}: register ${name} in pid ${p.pid}, now ${hex(last)} (watch *${text.replace(/^\$/, '')} watches the word it points to)`;
  }

  private addWatch(args: string[]): string {
    const page = args[0] === 'page';
    const rest = page ? args.slice(1) : args;
    return this.withPid('watch', rest, 1, (p, [a]) => {
      if (a === undefined) throw new DebugError('watch: give an address: watch ADDR or watch page ADDR (help watch)');
      if (page && /^\d+$/.test(a)) throw new DebugError(plainPageNumber(a));
      const reg = page ? undefined : registerIndex(a);
      if (reg !== undefined) return this.addRegisterWatch(p, a, reg);
      const address = evaluate(a.startsWith('*') ? a.slice(1) : a, this.scope(p));
      if (address >= KERNEL_BASE) throw new DebugError(`watch: ${hex(address)} is in the kernel half: no user access reaches it`);
      // The null and guard pages can be watched (to stop at the access that dies there), but nothing there ever changes.
      const area = unmappableArea(address);
      const never = area === undefined ? '' : `: ${area.name}, ${area.why}: an access there kills the process (${area.reason})`;
      if (page) {
        const b = this.breakpoints.add({ kind: 'watch-page', pid: p.pid, vpn: address >>> PAGE_SHIFT });
        return `watchpoint ${b.id}: any access to page ${hex((address >>> PAGE_SHIFT) << PAGE_SHIFT)} in pid ${p.pid}${never}`;
      }
      if ((address & 3) !== 0) throw new DebugError(`watch: ${hex(address)} is not word-aligned (a watch covers one word)`);
      const label = /^[A-Za-z_.&]/.test(a) && registerIndex(a.split(/[+-]/)[0]!) === undefined ? a : undefined;
      const last = watchedWord(this.kernel, p, address);
      const b = this.breakpoints.add({ kind: 'watch', pid: p.pid, address, last, ...(label ? { label } : {}) });
      const now = area !== undefined ? `in ${area.name}, ${area.why}: an access there kills the process (${area.reason})`
        : unreadWordText(this.kernel, p, address) ?? `now ${hex(last!)}`;
      return `watchpoint ${b.id}: ${hex(address)}${label ? ` (${label})` : ''} in pid ${p.pid}, ${now}`;
    });
  }

  private deleteBreak(args: string[]): string {
    if (args.length > 1) throw new DebugError('delete: give one number, or none for all');
    if (args.length === 0) {
      const n = this.breakpoints.clear();
      return `deleted ${n} breakpoint${n === 1 ? '' : 's'}`;
    }
    const id = parseNumber(args[0]!);
    if (id === undefined || !this.breakpoints.delete(id)) return `delete: no breakpoint ${args[0]} (info breakpoints lists them)`;
    return `deleted breakpoint ${id}`;
  }

  private info(args: string[]): string {
    // gdb has no TLB or frame table; a student who tries `info tlb` means the tlb command.
    if (args[0] === 'tlb' || args[0] === 'frames') {
      if (args.length > 1) throw new DebugError(`info ${args[0]} takes no argument (it shows the whole machine)`);
      return args[0] === 'tlb' ? tlbText(this.kernel) : framesText(this.kernel);
    }
    const what = args[0]?.toLowerCase();
    if (what !== undefined && 'breakpoints'.startsWith(what) || what === 'watchpoints') return this.breakpoints.describe();
    if (what === 'syscalls') {
      return syscallTable();
    }
    if (what === 'frame') throw new DebugError(`info frame: ${FRAME_HINT.replace('frames is the', 'info frames is the')}`);
    if (what !== undefined && ['r', 'reg', 'regs', 'registers', 'register', 'all-registers'].includes(what)) {
      // gdb's `info registers r2 sp`: those registers alone, each as print shows it.
      const named = args.slice(1).filter((a) => registerIndex(a) !== undefined);
      if (named.length > 0) {
        return this.withPid('info registers', args.slice(1 + named.length), 0, (p) => named.map((r) => printText(this.kernel, p, r, this.scope(p))).join('\n'));
      }
      return this.withPid('info registers', args.slice(1), 0, (p) => this.registers(p));
    }
    // gdb's process and thread lists: ps here.
    if (what !== undefined && ['proc', 'process', 'processes', 'inferiors', 'threads'].includes(what)) {
      if (args.length > 1) throw new DebugError(`info ${what} takes no argument (ps shows the whole machine)`);
      return processText(this.kernel);
    }
    if (what === 'record' || what === 'rec') {
      if (args.length > 1) throw new DebugError('info record takes no argument');
      return this.recordInfo();
    }
    if (what === 'stats' || what === 'statistics') {
      if (args.length > 1) throw new DebugError('info stats takes no argument (it shows the whole machine)');
      // The --stats table of run, so far (the whole run's once every process has ended).
      const result = collectResult(this.kernel);
      return (formatStatsTable(result.stats, this.kernel.config.tlbRefill === 'software') + formatProcessTable(result)).trimEnd();
    }
    return 'info: breakpoints, syscalls, registers, proc (the process list, as ps), stats, record, tlb or frames';
  }

  // ---- changing the machine ----

  /** A set just made, kept with its moment: going back makes it again there (history.ts). */
  private remember(apply: Edit['apply']): void {
    const now = this.here();
    this.history.record({ moment: now.moment, instret: now.instret, apply }, now);
  }

  private set(args: string[]): string {
    if (args.length < 2 || args.length > 3) throw new DebugError('set: set REG VALUE or set *ADDR VALUE, optionally a pid (help set)');
    const [target, value] = args as [string, string];
    if (target.startsWith('*')) return this.withPid('set', args.slice(2), 0, (p) => {
      const scope = this.scope(p);
      const address = evaluate(target.slice(1).replace(/^\((.*)\)$/, '$1'), scope);
      const v = evaluate(value, scope);
      const text = storeWord(this.kernel, this.runner, p, address, v);
      const pid = p.pid;
      this.remember((k, runner) => {
        const q = k.procs.byPid(pid);
        if (q !== undefined) storeWord(k, runner, q, address, v);
      });
      return text;
    });
    return this.withPid('set', args.slice(2), 0, (p) => {
      const i = registerIndex(target);
      if (i === undefined) throw new DebugError(`set: '${target}' is not a register (r0..r15, zero, fp, sp, ra, pc) nor *ADDR`);
      if (i === 0) throw new DebugError('set: r0 is always zero; it cannot be set');
      const v = evaluate(value, this.scope(p));
      const pid = p.pid;
      if (i !== PC_INDEX) {
        const setRegister = (k: Kernel, runner: Runner): void => {
          const q = k.procs.byPid(pid);
          if (q === undefined) return;
          k.regsOf(q)[i] = v | 0;
          runner.refreshWatches();
        };
        setRegister(this.kernel, this.runner);
        this.remember(setRegister);
        return `${registerName(i, i === 13 ? 'fp' : i === 14 ? 'sp' : i === 15 ? 'ra' : undefined)} = ${hex(v)} in pid ${p.pid}`;
      }
      // Only jalr can aim pc off a word, and it traps at the jalr: a misaligned pc would be reported as a jalr that never ran.
      if ((v & 3) !== 0) throw new DebugError(`set: pc ${hex(v)} is not a multiple of 4: instructions are words (${hex(v & ~3)} or ${hex((v & ~3) + 4)}?)`);
      const dying = this.kernel.deferredKill?.process === p;
      const setPc = (k: Kernel): void => {
        const q = k.procs.byPid(pid);
        if (q === undefined) return;
        k.setPcOf(q, v);
        // Moving a dying process's pc calls the kill off: it goes on from there (set pc pc retries the instruction).
        if (k.deferredKill?.process === q) k.cancelDeferredKill();
      };
      setPc(this.kernel);
      this.remember(setPc);
      if (!dying) return `pc = ${hex(v)} in pid ${p.pid}`;
      return `pc = ${hex(v)} in pid ${p.pid}; the kill is called off: pid ${p.pid} goes on from there`;
    });
  }
}

/** `watch counter 2` before the fork that makes pid 2: what to do instead (the child's memory does not exist yet). */
function notForkedYet(pid: string): string {
  return `'${pid}' is not a pid yet: pid ${pid} would be the next fork's child (ps lists the processes; break WHERE ${pid} may name a child not forked yet)`;
}

/** The line before a `continue N`'s stop: how many stops it went past. */
function passedLine(passed: number): string {
  return passed === 0 ? '' : `(went on past ${passed} stop${passed === 1 ? '' : 's'} at a breakpoint or watchpoint)\n`;
}

/**
 * `watch page 2`: a plain decimal number there is as likely a page number as
 * an address (address 2 is the null page), so it is refused with both readings.
 */
function plainPageNumber(n: string): string {
  const vpn = Number(n);
  const how = `written in hex (0x${vpn.toString(16)}) or as a label (watch page buf)`;
  if (vpn >= 0x100000) return `watch page: ${n} is a plain number, not an address: an address is ${how}`;
  return `watch page: ${n} is a plain number; did you mean page ${vpn}, at ${hex(vpn * 0x1000)} (watch page 0x${(vpn * 0x1000).toString(16)})? An address is ${how}`;
}
