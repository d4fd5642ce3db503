// What the debugger stops on, numbered together as gdb does: breakpoints
// (before the instruction at an address of one program, temporary or not),
// trap breakpoints (after the kernel handled a trap), watchpoints on a word
// (after a change of its value) and on a page (any access), each in one
// process's address space, and on a register of one process.
import type { ProgramImage } from '../../asm/image.js';
import { hex } from '../../kernel/proc.js';
import { PAGE_SHIFT } from '../../mmu/page.js';

export type Breakpoint =
  | { readonly id: number; readonly kind: 'code'; readonly address: number; readonly image: ProgramImage;
      readonly where: string; readonly temporary: boolean;
      /** Stops only this process (a fork child, say), when given. */
      readonly pid?: number }
  | { readonly id: number; readonly kind: 'trap'; readonly cause: string }
  | { readonly id: number; readonly kind: 'watch'; readonly pid: number; readonly address: number; readonly label?: string;
      /** The value last seen; undefined while the page is not readable. */
      last: number | undefined }
  | { readonly id: number; readonly kind: 'watch-page'; readonly pid: number; readonly vpn: number }
  /** A register of one process (r1..r15), compared after every instruction. */
  | { readonly id: number; readonly kind: 'watch-reg'; readonly pid: number; readonly index: number; readonly name: string;
      /** The value last seen; undefined while the process does not exist (a replay from before its fork). */
      last: number | undefined };

type New<T> = T extends unknown ? Omit<T, 'id'> : never;
type CodeBreakpoint = Extract<Breakpoint, { kind: 'code' }>;
type WordWatch = Extract<Breakpoint, { kind: 'watch' }>;
type PageWatch = Extract<Breakpoint, { kind: 'watch-page' }>;
type RegisterWatch = Extract<Breakpoint, { kind: 'watch-reg' }>;

/** The table's lists, as the run loop reads them. */
interface Index {
  readonly all: readonly Breakpoint[];
  readonly code: Map<number, CodeBreakpoint[]>;
  readonly traps: Set<string>;
  readonly wordWatches: WordWatch[];
  readonly pageWatches: PageWatch[];
  readonly registerWatches: RegisterWatch[];
}

/**
 * Kept by number in a map, with each kind's list (and the code breakpoints by
 * address) rebuilt only when one is next asked for after a change: a script
 * of 20,000 `break` lines took 104 s when every add refiltered the whole
 * table (attack27), and the run loop asks for the lists at every step.
 */
export class BreakpointTable {
  private readonly byId = new Map<number, Breakpoint>();
  private nextId = 1;
  private index: Index | undefined;
  private entriesIndexed = 0;

  add(b: New<Breakpoint>): Breakpoint {
    const made = { ...b, id: this.nextId++ } as Breakpoint;
    this.byId.set(made.id, made);
    this.index = undefined;
    return made;
  }

  /** How many entries the lists' rebuilds have visited so far: the table's own work, which tests bound. */
  get indexWork(): number {
    return this.entriesIndexed;
  }

  get list(): readonly Breakpoint[] {
    return this.indexed().all;
  }

  /** Deletes one by number (true when it existed), or all of them (the count). */
  delete(id: number): boolean {
    if (!this.byId.delete(id)) return false;
    this.index = undefined;
    return true;
  }

  clear(): number {
    const n = this.byId.size;
    this.byId.clear();
    this.index = undefined;
    return n;
  }

  /** Deletes the watchpoints (they watch one run's processes); returns how many there were. */
  deleteWatches(): number {
    const before = this.byId.size;
    for (const [id, b] of this.byId) if (b.kind === 'watch' || b.kind === 'watch-page' || b.kind === 'watch-reg') this.byId.delete(id);
    this.index = undefined;
    return before - this.byId.size;
  }

  /** The code breakpoint at `pc` that stops process `pid` running `image`. */
  codeAt(image: ProgramImage | undefined, pc: number, pid: number): CodeBreakpoint | undefined {
    if (image === undefined) return undefined;
    const here = this.indexed().code.get(pc);
    if (here !== undefined) for (const b of here) if (b.image === image && (b.pid === undefined || b.pid === pid)) return b;
    return undefined;
  }

  breaksOnTrap(cause: string): boolean {
    return this.indexed().traps.has(cause);
  }

  /** Word watchpoints (the run loop asks after every step). */
  watches(): readonly WordWatch[] {
    return this.indexed().wordWatches;
  }

  pageWatches(): readonly PageWatch[] {
    return this.indexed().pageWatches;
  }

  registerWatches(): readonly RegisterWatch[] {
    return this.indexed().registerWatches;
  }

  private indexed(): Index {
    if (this.index !== undefined) return this.index;
    const index: Index = { all: [...this.byId.values()], code: new Map(), traps: new Set(), wordWatches: [], pageWatches: [], registerWatches: [] };
    this.entriesIndexed += index.all.length;
    for (const b of index.all) {
      switch (b.kind) {
        case 'code': {
          const here = index.code.get(b.address);
          if (here === undefined) index.code.set(b.address, [b]);
          else here.push(b);
          break;
        }
        case 'trap': index.traps.add(b.cause); break;
        case 'watch': index.wordWatches.push(b); break;
        case 'watch-page': index.pageWatches.push(b); break;
        case 'watch-reg': index.registerWatches.push(b); break;
      }
    }
    this.index = index;
    return index;
  }

  /** The `info breakpoints` table. */
  describe(): string {
    const list = this.list;
    if (list.length === 0) return 'no breakpoints or watchpoints';
    const all = [['Num', 'Type', 'What'], ...list.map((b) => [String(b.id), typeName(b), whereOf(b)])];
    // A loop, not Math.max(...): a spread of 200,000 rows passes V8's argument limit.
    const width = (column: number): number => all.reduce((w, r) => Math.max(w, r[column]!.length), 0);
    const w0 = width(0);
    const w1 = width(1);
    return all.map((r) => `${r[0]!.padEnd(w0)}  ${r[1]!.padEnd(w1)}  ${r[2]}`.trimEnd()).join('\n');
  }
}

function typeName(b: Breakpoint): string {
  switch (b.kind) {
    case 'code': return b.temporary ? 'tbreak' : 'breakpoint';
    case 'trap': return 'trap';
    case 'watch': return 'watch';
    case 'watch-page': return 'watch page';
    case 'watch-reg': return 'watch register';
  }
}

function whereOf(b: Breakpoint): string {
  switch (b.kind) {
    case 'code': return `${hex(b.address)} ${b.where}${onlyPid(b.pid)}`.trimEnd();
    case 'trap': return b.cause;
    case 'watch': return `${hex(b.address)}${b.label ? ` (${b.label})` : ''} in pid ${b.pid}, ${b.last === undefined ? 'not readable yet' : `now ${hex(b.last)}`}`;
    case 'watch-page': return `${hex(b.vpn << PAGE_SHIFT)}-${hex(((b.vpn + 1) << PAGE_SHIFT) - 1)} in pid ${b.pid}`;
    case 'watch-reg': return `${b.name} in pid ${b.pid}, ${b.last === undefined ? 'not made yet' : `now ${hex(b.last)}`}`;
  }
}

/** `, pid 2 only` for a breakpoint of one process. */
export function onlyPid(pid: number | undefined): string {
  return pid === undefined ? '' : `, pid ${pid} only`;
}
