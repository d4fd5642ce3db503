// The debugger's commands over one kernel: it steps the machine with
// Kernel.step (the same loop `run` uses, cut into pieces) and shows state with
// the read-only views in views.ts. One command line in, text out; the caller
// (cli/commands/debug.ts) does the terminal or pipe.
import { TRAP_CAUSE_NAMES } from '../../cpu/trap.js';
import type { EventSink, KernelEvent } from '../../kernel/events.js';
import type { Kernel } from '../../kernel/kernel.js';
import type { Process } from '../../kernel/process.js';
import { TEXT_BASE } from '../../mmu/layout.js';
import { disassemblyView, framesView, hex, memoryView, processView, registersView, tlbView, walkView } from './views.js';
import { disassembleWord, lineOf } from '../../asm/index.js';
import { instructionAt } from './views.js';

type Breakpoint = { id: number; kind: 'address'; address: number; label?: string } | { id: number; kind: 'trap'; cause: string };

const TRAP_BREAK_CAUSES = TRAP_CAUSE_NAMES.filter((c) => c !== 'timer');

export const HELP = `commands:
  step [N]              run N instructions (default 1), stopping at breakpoints    (s)
  continue              run until a breakpoint or until every process has ended   (c)
  break LABEL|ADDRESS   stop before the instruction at a label or address          (b)
  break-trap CAUSE      stop after the kernel handled a trap: ${TRAP_BREAK_CAUSES.join(', ')}
  break                 list breakpoints
  delete [N]            delete breakpoint N, or all of them
  regs                  registers of the current process                         (r)
  mem ADDRESS [COUNT]   COUNT words (default 8) at a virtual address or label     (x)
  walk ADDRESS          the page-table walk of an address, level by level
  tlb                   the valid TLB entries by set and way
  frames                the frame table: free, kernel and user frames with owners
  ps                    the process list (* marks the one on the CPU)
  disasm [ADDRESS] [N]  N instructions (default 8) from ADDRESS (default near pc) (d)
  help                  this list
  quit                  leave the debugger                                        (q)
Numbers are decimal or 0x hex; addresses may be labels, or label+offset.`;

export class DebugSession implements EventSink {
  private readonly breakpoints: Breakpoint[] = [];
  private nextId = 1;
  private trapSeen: string | undefined;
  private lastRan: number | undefined;
  private finished = false;

  constructor(private readonly kernel: Kernel, private readonly sources: ReadonlyMap<string, readonly string[]>) {}

  emit(event: KernelEvent): void {
    if (event.kind === 'context_switch') this.lastRan = event.to;
    let stop: string | undefined;
    if (event.kind === 'trap' && this.breaksOn(event.cause)) {
      const where = event.access !== undefined ? `${event.access} at ${hex(event.address ?? 0)}, ` : '';
      stop = `trap ${event.cause} in pid ${event.pid} (${where}pc ${hex(event.pc)})`;
    } else if (event.kind === 'syscall' && this.breaksOn('syscall')) {
      stop = `trap syscall in pid ${event.pid} (${event.name} returned ${event.result})`;
    }
    if (stop !== undefined && this.trapSeen === undefined) this.trapSeen = stop;
  }

  private breaksOn(cause: string): boolean {
    return this.breakpoints.some((b) => b.kind === 'trap' && b.cause === cause);
  }

  /** The banner printed before the first prompt. */
  banner(): string {
    const names = this.kernel.processes.map((p) => `pid ${p.pid} (${p.name})`).join(', ');
    return `illusion debug: ${names}. Type help for the commands.\n${this.where()}`;
  }

  /** Runs one command line; returns what to print and whether to quit. */
  execute(line: string): { text: string; quit: boolean } {
    const words = line.trim().split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) return { text: '', quit: false };
    const [cmd, ...args] = words as [string, ...string[]];
    try {
      return { text: this.dispatch(cmd.toLowerCase(), args), quit: cmd === 'quit' || cmd === 'q' || cmd === 'exit' };
    } catch (err) {
      if (err instanceof DebugError) return { text: err.message, quit: false };
      throw err;
    }
  }

  private dispatch(cmd: string, args: string[]): string {
    switch (cmd) {
      case 'help': case 'h': case '?': return HELP;
      case 'step': case 's': case 'stepi': case 'si': return this.run(args[0] === undefined ? 1 : this.count(args[0]), true);
      case 'continue': case 'c': case 'cont': return this.run(Infinity, false);
      case 'break': case 'b': return args.length === 0 ? this.listBreakpoints() : this.addBreak(args[0]!);
      case 'break-trap': case 'bt': return this.addTrapBreak(args[0]);
      case 'delete': case 'del': return this.deleteBreak(args[0]);
      case 'regs': case 'r': case 'registers': return this.withProcess((p) => registersView(this.kernel, p));
      case 'mem': case 'x': return this.withProcess((p) => {
        if (args[0] === undefined) throw new DebugError('mem: give an address or label, e.g. mem message 4');
        return memoryView(this.kernel, p, this.address(args[0], p), args[1] === undefined ? 8 : this.count(args[1]));
      });
      case 'walk': return this.withProcess((p) => {
        if (args[0] === undefined) throw new DebugError('walk: give an address or label, e.g. walk 0x1000');
        return walkView(this.kernel, p, this.address(args[0], p));
      });
      case 'tlb': return tlbView(this.kernel);
      case 'frames': return framesView(this.kernel);
      case 'ps': return processView(this.kernel);
      case 'disasm': case 'd': return this.withProcess((p) => {
        const at = args[0] === undefined ? Math.max(TEXT_BASE, this.kernel.pcOf(p) - 8) : this.address(args[0], p);
        const n = args[1] === undefined ? 8 : this.count(args[1]);
        return disassemblyView(this.kernel, p, at, n, this.sources.get(p.name));
      });
      case 'quit': case 'q': case 'exit': return '';
      default: return `unknown command '${cmd}': type help for the list`;
    }
  }

  /** The process the views show: the one on the CPU, else the last that ran, else the next to run. */
  focus(): Process | undefined {
    const k = this.kernel;
    const alive = (pid: number | undefined) => (pid === undefined ? undefined : k.processes.find((p) => p.pid === pid && p.alive));
    return (k.current?.alive ? k.current : undefined) ?? this.next() ?? alive(this.lastRan) ?? k.processes.find((p) => p.alive);
  }

  /** The process that runs next when none is on the CPU. */
  private next(): Process | undefined {
    const pid = this.kernel.scheduler.readyPids()[0];
    return pid === undefined ? undefined : this.kernel.processes.find((p) => p.pid === pid);
  }

  private withProcess(view: (p: Process) => string): string {
    const p = this.focus();
    return p === undefined ? 'no process is alive' : view(p);
  }

  /** Where the machine stands: the next instruction of the process that runs next. */
  where(): string {
    if (this.finished) return 'every process has ended';
    const p = this.focus();
    if (p === undefined) return 'no process is alive';
    const pc = this.kernel.pcOf(p);
    const image = p.space?.image;
    let text = '';
    if (image !== undefined) {
      const word = instructionAt(this.kernel, p, pc);
      const line = lineOf(image, pc);
      const src = line === undefined ? '' : `  ; ${line}: ${(this.sources.get(p.name)?.[line - 1] ?? '').trim()}`;
      text = typeof word === 'string' ? `  (${word})${src}` : `  ${disassembleWord(word, pc)}${src}`;
    }
    return `pid ${p.pid} (${p.name}) at ${hex(pc)}${text}`.trimEnd();
  }

  private run(max: number, stepping: boolean): string {
    if (this.finished) return 'every process has ended';
    const k = this.kernel;
    const addresses = new Set(this.breakpoints.flatMap((b) => (b.kind === 'address' ? [b.address] : [])));
    const pause = () => this.trapSeen !== undefined;
    this.trapSeen = undefined;
    let done = 0;
    let stop = '';
    while (done < max) {
      const before = k.cpu.instret;
      // Without address breakpoints the machine may run in long strides.
      const stride = addresses.size === 0 ? max - done : 1;
      const status = k.step(stride, pause);
      done += k.cpu.instret - before;
      if (status === 'done') { this.finished = true; break; }
      if (this.trapSeen !== undefined) { stop = this.trapSeen; break; }
      const p = this.focus();
      if (p !== undefined && addresses.has(k.pcOf(p)) && (done < max || !stepping)) {
        const b = this.breakpoints.find((x) => x.kind === 'address' && x.address === k.pcOf(p))!;
        stop = `breakpoint ${b.id} at ${hex(k.pcOf(p))}${b.kind === 'address' && b.label ? ` (${b.label})` : ''}`;
        break;
      }
    }
    this.trapSeen = undefined;
    const lines = stop === '' ? [] : [stop];
    if (this.finished) lines.push(...this.endings());
    else lines.push(this.where());
    return lines.join('\n');
  }

  private endings(): string[] {
    const lines = ['every process has ended:'];
    for (const p of this.kernel.processes) {
      lines.push(`  pid ${p.pid} (${p.name}) ${p.killCause !== undefined ? `killed: ${p.killCause}` : `exited with code ${p.exitCode ?? 0}`}`);
    }
    return lines;
  }

  private addBreak(spec: string): string {
    const p = this.focus();
    if (p === undefined) return 'no process is alive';
    const address = this.address(spec, p);
    if ((address & 3) !== 0) return `break: ${hex(address)} is not an instruction address (not a multiple of 4)`;
    const isLabel = !/^(0x[0-9a-f]+|\d+)$/i.test(spec);
    const b: Breakpoint = { id: this.nextId++, kind: 'address', address, ...(isLabel ? { label: spec } : {}) };
    this.breakpoints.push(b);
    return `breakpoint ${b.id} at ${hex(address)}${isLabel ? ` (${spec})` : ''}`;
  }

  private addTrapBreak(cause: string | undefined): string {
    const c = cause?.toLowerCase().replace(/-/g, '_');
    if (c === undefined || !TRAP_BREAK_CAUSES.includes(c as (typeof TRAP_BREAK_CAUSES)[number])) {
      return `break-trap: give a cause: ${TRAP_BREAK_CAUSES.join(', ')}`;
    }
    const b: Breakpoint = { id: this.nextId++, kind: 'trap', cause: c };
    this.breakpoints.push(b);
    return `breakpoint ${b.id} on trap ${c}`;
  }

  private listBreakpoints(): string {
    if (this.breakpoints.length === 0) return 'no breakpoints';
    return this.breakpoints.map((b) => (b.kind === 'trap'
      ? `  ${b.id}  trap ${b.cause}`
      : `  ${b.id}  ${hex(b.address)}${b.label ? ` (${b.label})` : ''}`)).join('\n');
  }

  private deleteBreak(id: string | undefined): string {
    if (id === undefined) {
      const n = this.breakpoints.length;
      this.breakpoints.length = 0;
      return `deleted ${n} breakpoint${n === 1 ? '' : 's'}`;
    }
    const i = this.breakpoints.findIndex((b) => String(b.id) === id);
    if (i < 0) return `delete: no breakpoint ${id} (break lists them)`;
    this.breakpoints.splice(i, 1);
    return `deleted breakpoint ${id}`;
  }

  private count(text: string): number {
    const n = parseNumber(text);
    if (n === undefined || n < 1 || n > 1e12) throw new DebugError(`'${text}' is not a count (a whole number from 1)`);
    return n;
  }

  /** A number, a label, or label+/-number, looked up in p's program. */
  private address(text: string, p: Process): number {
    const n = parseNumber(text);
    if (n !== undefined) {
      if (n > 0xffffffff) throw new DebugError(`'${text}' is not a 32-bit address`);
      return n;
    }
    const m = /^([A-Za-z_.$][\w.$]*)\s*(?:([+-])\s*(0x[0-9a-f]+|\d+))?$/i.exec(text);
    const symbol = m ? p.space?.image.symbols.find((s) => s.name === m[1]) : undefined;
    if (m === null || symbol === undefined) {
      throw new DebugError(`'${text}' is neither a number nor a label of ${p.name}`);
    }
    const offset = m[3] === undefined ? 0 : Number(m[3]) * (m[2] === '-' ? -1 : 1);
    return (symbol.value + offset) >>> 0;
  }
}

class DebugError extends Error {}

function parseNumber(text: string): number | undefined {
  return /^(0x[0-9a-f]+|\d+)$/i.test(text) ? Number(text) : undefined;
}
