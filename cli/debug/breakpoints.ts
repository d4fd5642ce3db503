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

export class BreakpointTable {
  private readonly all: Breakpoint[] = [];
  private nextId = 1;
  private wordWatches: WordWatch[] = [];
  private pagesWatched: PageWatch[] = [];
  private registersWatched: RegisterWatch[] = [];
  private code: CodeBreakpoint[] = [];

  add(b: New<Breakpoint>): Breakpoint {
    const made = { ...b, id: this.nextId++ } as Breakpoint;
    this.all.push(made);
    this.reindex();
    return made;
  }

  get list(): readonly Breakpoint[] {
    return this.all;
  }

  /** Deletes one by number (true when it existed), or all of them (the count). */
  delete(id: number): boolean {
    const i = this.all.findIndex((b) => b.id === id);
    if (i < 0) return false;
    this.all.splice(i, 1);
    this.reindex();
    return true;
  }

  clear(): number {
    const n = this.all.length;
    this.all.length = 0;
    this.reindex();
    return n;
  }

  /** Deletes the watchpoints (they watch one run's processes); returns how many there were. */
  deleteWatches(): number {
    const before = this.all.length;
    const kept = this.all.filter((b) => b.kind !== 'watch' && b.kind !== 'watch-page' && b.kind !== 'watch-reg');
    this.all.length = 0;
    this.all.push(...kept);
    this.reindex();
    return before - kept.length;
  }

  /** The code breakpoint at `pc` that stops process `pid` running `image`. */
  codeAt(image: ProgramImage | undefined, pc: number, pid: number): CodeBreakpoint | undefined {
    if (image === undefined) return undefined;
    for (const b of this.code) if (b.address === pc && b.image === image && (b.pid === undefined || b.pid === pid)) return b;
    return undefined;
  }

  breaksOnTrap(cause: string): boolean {
    return this.all.some((b) => b.kind === 'trap' && b.cause === cause);
  }

  /** Word watchpoints (the run loop asks after every step: kept as a list, rebuilt on change). */
  watches(): readonly WordWatch[] {
    return this.wordWatches;
  }

  pageWatches(): readonly PageWatch[] {
    return this.pagesWatched;
  }

  registerWatches(): readonly RegisterWatch[] {
    return this.registersWatched;
  }

  private reindex(): void {
    this.wordWatches = this.all.filter((b): b is WordWatch => b.kind === 'watch');
    this.pagesWatched = this.all.filter((b): b is PageWatch => b.kind === 'watch-page');
    this.registersWatched = this.all.filter((b): b is RegisterWatch => b.kind === 'watch-reg');
    this.code = this.all.filter((b): b is CodeBreakpoint => b.kind === 'code');
  }

  /** The `info breakpoints` table. */
  describe(): string {
    if (this.all.length === 0) return 'no breakpoints or watchpoints';
    const rows = this.all.map((b) => [String(b.id), typeName(b), whereOf(b)]);
    const all = [['Num', 'Type', 'What'], ...rows];
    const w0 = Math.max(...all.map((r) => r[0]!.length));
    const w1 = Math.max(...all.map((r) => r[1]!.length));
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
