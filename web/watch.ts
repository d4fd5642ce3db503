// Watchpoints on the page: a word (a label, `label+4`, an address), a
// register, or any access to a page (`page ADDR`, as the CLI's `watch
// page`), watched in every process by that process's own value (or, with
// a pid after it, `r5 2`, in that process only, the CLI's syntax), as the
// CLI debugger's `watch ADDR PID` / `watch REG PID` watch one process each
// (docs/debugger.md, Watchpoints): after a fork the child's copy is watched
// on its own, so the parent's store does not stop the child's watch. The
// session steps one instruction at a time only while a watch is set;
// without one, runs keep the kernel's full-speed path.
import { lineEntryAt, sourceFileName, type ProgramImage } from '../asm/image.js';
import { dataAccessOf, evaluate, PC_INDEX, registerIndex, wordOf, type DataAccess, type Kernel, type KernelEvent } from '../index.js';
import { hex } from './format.js';
import { KERNEL_BASE } from '../mmu/layout.js';
import { PAGE_SHIFT } from '../mmu/page.js';
import type { Process } from '../kernel/process.js';

/**
 * One parsed "Watch" entry: a register, or a word (by label: in the programs
 * that have it); in every process, or with `pid` (`r5 2`, as the CLI's
 * `watch r5 2`) in that one only.
 */
export type WatchTarget =
  | { readonly kind: 'register'; readonly spec: string; readonly index: number; readonly name: string; readonly pid?: number }
  | { readonly kind: 'word'; readonly spec: string; readonly expr: string; readonly pid?: number }
  | { readonly kind: 'page'; readonly spec: string; readonly expr: string; readonly pid?: number };

/** Where a run stopped: right after a watched word or register changed, or a watched page was touched. */
export type WatchStop = WatchChange | WatchAccess;

/** Right after something changed a watched word or register of process `pid`. */
export interface WatchChange {
  readonly spec: string;
  readonly pid: number;
  readonly old: number;
  readonly now: number;
  readonly address?: number;
  /** The instruction of `pid` that changed it, when it was that process's own. */
  readonly pc?: number;
  readonly file?: string;
  readonly line?: number;
  /** The system call of `pid` that wrote it (read's buffer, wait's status). */
  readonly call?: string;
}

/** Right after an instruction of `pid` fetched from, loaded from or stored to a watched page (`page ADDR`). */
export interface WatchAccess {
  readonly spec: string;
  readonly pid: number;
  readonly access: 'fetch' | 'load' | 'store';
  /** The address it touched. */
  readonly address: number;
  /** The watched page's first address. */
  readonly page: number;
  readonly pc: number;
  readonly file?: string;
  readonly line?: number;
}

const REGISTER_NAMES: Record<number, string> = { 13: 'fp', 14: 'sp', 15: 'ra' };

/** Parses an entry as the CLI's `watch` does: a register alone, else `*EXPR` or EXPR is a word, then optionally a pid; or says why not. */
export function parseWatch(text: string): WatchTarget | string {
  const words = text.trim().split(/\s+/);
  // `page ADDR [PID]`, as the CLI's `watch page`: any access to the page that holds ADDR.
  const page = words[0] === 'page';
  if (page && words.length === 1) return 'give the address or label of a word in the page (page buf, page 0x3000 2)';
  const [spec = '', pidText, ...extra] = page ? words.slice(1) : words;
  if (spec === '') return 'give a label, label+4, an address or a register';
  if (extra.length > 0) return `'${text.trim()}': an entry is one word or register, then optionally a pid (r5 2)`;
  const pid = pidText === undefined ? undefined : /^\d{1,9}$/.test(pidText) && Number(pidText) >= 1 ? Number(pidText) : -1;
  if (pid === -1) return `'${pidText}' is not a pid (a whole number from 1: r5 2 watches r5 in pid 2 only)`;
  const only = pid !== undefined ? { pid } : {};
  if (page) {
    if (registerIndex(spec) !== undefined) return `a register's value differs per process: watch the page of a label or an address`;
    return { kind: 'page', spec: `page ${spec}`, expr: spec.startsWith('*') ? spec.slice(1) : spec, ...only };
  }
  const reg = registerIndex(spec);
  if (reg !== undefined) {
    if (reg === PC_INDEX) return 'pc changes with every instruction: use Step, or Break at an address';
    if (reg === 0) return 'r0 is always zero: it never changes';
    return { kind: 'register', spec, index: reg, name: REGISTER_NAMES[reg] ?? `r${reg}`, ...only };
  }
  return { kind: 'word', spec, expr: spec.startsWith('*') ? spec.slice(1) : spec, ...only };
}

/** The address an entry names in one program, or why it names none there (a page's needs no alignment). */
function addressIn(image: ProgramImage, expr: string, owner = 'any program', word = true): number | string {
  const symbols = new Map(image.symbols.map((s) => [s.name, s.value]));
  let address: number;
  try {
    address = evaluate(expr, {
      register: () => { throw new Error(`'${expr}': a register's value differs per process: watch a label or an address`); },
      symbol: (name) => symbols.get(name),
      names: () => symbols.keys(),
      owner,
    });
  } catch (e) {
    return (e as Error).message;
  }
  if (address >= KERNEL_BASE) return `${hex(address)} is in the kernel half: no user access reaches it`;
  if (word && (address & 3) !== 0) return `${hex(address)} is not word-aligned (a watch covers one word)`;
  return address;
}

interface Armed {
  readonly target: WatchTarget;
  /** The word's address (a page's: the address in it) per program image (absent: the entry names nothing in that program). */
  readonly addressOf: Map<ProgramImage, number>;
  /** The value last seen, per pid (undefined: the word was not readable yet). */
  readonly last: Map<number, number | undefined>;
}

export class Watches {
  private armed: Armed[] = [];
  /** The system calls that returned during the current step, by pid. */
  private readonly calls = new Map<number, string>();
  /** Whether a `page` entry is armed: only then is each instruction's access read before it runs. */
  private pages = false;
  /** The instruction about to run (`about`), with its load or store, while a page is watched. */
  private next: { pid: number; pc: number; data: DataAccess | undefined } | undefined;

  constructor(private readonly images: readonly ProgramImage[]) {}

  get any(): boolean {
    return this.armed.length > 0;
  }

  /**
   * Arms the entries, each read as it now is in every live process; returns
   * the entries refused, each with why (an address must be valid in at least
   * one program; a label is watched in the programs that have it).
   */
  set(k: Kernel, specs: readonly string[]): string[] {
    this.armed = [];
    this.pages = false;
    // Read afresh from here (after a replay too): system calls and accesses noted before are not this step's.
    this.calls.clear();
    this.next = undefined;
    const refused: string[] = [];
    for (const spec of specs) {
      const target = parseWatch(spec);
      if (typeof target === 'string') { refused.push(`${spec}: ${target}`); continue; }
      // Any pid is kept: one not made yet may be a fork child to come, one that has ended lives again
      // after Reset (entries are kept across it, and a Run after the end boots afresh). A live one is
      // checked: a word must be in its program.
      const named = target.pid !== undefined ? k.procs.alive().find((p) => p.pid === target.pid) : undefined;
      const addressOf = new Map<ProgramImage, number>();
      if (target.kind !== 'register') {
        const word = target.kind === 'word';
        let why = '';
        for (const image of this.images) {
          const a = addressIn(image, target.expr, undefined, word);
          if (typeof a === 'number') addressOf.set(image, a);
          else if (why === '') why = a;
        }
        const own = named?.space?.image;
        if (own !== undefined && !addressOf.has(own)) { refused.push(`${spec}: ${addressIn(own, target.expr, `pid ${named!.pid}'s ${named!.name}`, word)}`); continue; }
        if (addressOf.size === 0) { refused.push(`${spec}: ${why}`); continue; }
      }
      const armed: Armed = { target, addressOf, last: new Map() };
      if (target.kind === 'page') this.pages = true;
      else for (const p of k.procs.alive()) if (watches(armed, p)) armed.last.set(p.pid, valueOf(k, p, armed));
      this.armed.push(armed);
    }
    return refused;
  }

  /**
   * Notes the instruction `p` is about to run at `pc`, while a page is
   * watched: its load or store is read from the registers before it runs
   * (`lw r4, 0(r4)` overwrites its own base register).
   */
  about(k: Kernel, p: Process, pc: number): void {
    if (!this.pages) return;
    const word = wordOf(k, p, pc);
    this.next = { pid: p.pid, pc, data: word === undefined ? undefined : dataAccessOf(word, k.regsOf(p)) };
  }

  /** Notes a system call's return (the kernel's event), so a word it wrote names it. */
  noteEvent(event: KernelEvent): void {
    if (this.armed.length > 0 && event.kind === 'syscall') this.calls.set(event.pid, event.name);
  }

  /**
   * Compares every watched value of every live process with the last seen,
   * after one step in which `ran` (when it committed an instruction) ran the
   * one at `pc`. Returns the first change (all are brought up to date), or
   * undefined. A process seen for the first time (a fork child) starts from
   * its value without a stop. The system calls noted are then forgotten.
   */
  check(k: Kernel, ran: { pid: number; pc: number } | undefined): WatchStop | undefined {
    let stop: WatchStop | undefined = this.pageTouched(k, ran);
    this.next = undefined;
    for (const p of k.procs.alive()) {
      for (const w of this.armed) {
        if (w.target.kind === 'page' || !watches(w, p)) continue;
        const now = valueOf(k, p, w);
        if (now === undefined) continue;
        const seen = w.last.has(p.pid);
        const old = w.last.get(p.pid);
        w.last.set(p.pid, now);
        if (!seen || old === undefined || old === now || stop !== undefined) continue;
        const address = w.target.kind === 'word' ? w.addressOf.get(p.space!.image) : undefined;
        const call = this.calls.get(p.pid);
        const where = ran?.pid === p.pid ? { pc: ran.pc, ...lineOf(p.space!.image, ran.pc) } : {};
        stop = { spec: w.target.spec, pid: p.pid, old, now, ...(address !== undefined ? { address } : {}), ...where, ...(call !== undefined ? { call } : {}) };
      }
    }
    if (this.calls.size > 0) this.calls.clear();
    return stop;
  }

  /** The first watched page the instruction that ran touched (its load or store first, then its fetch), as the CLI's `watch page`. */
  private pageTouched(k: Kernel, ran: { pid: number; pc: number } | undefined): WatchAccess | undefined {
    const next = this.next;
    if (!this.pages || ran === undefined || next === undefined || next.pid !== ran.pid || next.pc !== ran.pc) return undefined;
    const p = k.procs.byPid(ran.pid);
    const image = p?.space?.image;
    if (p === undefined || image === undefined) return undefined;
    for (const w of this.armed) {
      if (w.target.kind !== 'page' || !watches(w, p)) continue;
      const at = w.addressOf.get(image);
      if (at === undefined) continue;
      const vpn = at >>> PAGE_SHIFT;
      const where = { spec: w.target.spec, pid: p.pid, page: (vpn << PAGE_SHIFT) >>> 0, pc: ran.pc, ...lineOf(image, ran.pc) };
      if (next.data !== undefined && next.data.address >>> PAGE_SHIFT === vpn) return { ...where, access: next.data.access, address: next.data.address };
      if (ran.pc >>> PAGE_SHIFT === vpn) return { ...where, access: 'fetch', address: ran.pc };
    }
    return undefined;
  }
}

/** Whether the entry watches p: every process, or the one it names. */
function watches(w: Armed, p: Process): boolean {
  return w.target.pid === undefined || w.target.pid === p.pid;
}

function valueOf(k: Kernel, p: Process, w: Armed): number | undefined {
  if (p.space === undefined) return undefined;
  if (w.target.kind === 'register') return k.regsOf(p)[w.target.index]! >>> 0;
  const address = w.addressOf.get(p.space.image);
  return address === undefined ? undefined : wordOf(k, p, address);
}

function lineOf(image: ProgramImage, pc: number): { file?: string; line?: number } {
  const row = lineEntryAt(image, pc);
  return row === undefined ? {} : { file: sourceFileName(image, row.file), line: row.line };
}

/** The stop in one line, as the CLI debugger words it (plus the source line). */
export function watchStopText(s: WatchStop): string {
  if ('access' in s) {
    const name = /^page \*?(0x[0-9a-f]+|\d+)$/i.test(s.spec) ? '' : ` (${s.spec.slice('page '.length)})`;
    return `watch page ${hex(s.page)}${name} in pid ${s.pid}: ${s.access} at ${hex(s.address)}, pc ${hex(s.pc)}${s.line !== undefined ? ` (${s.file}:${s.line})` : ''}`;
  }
  const what = s.address === undefined ? s.spec : `${hex(s.address)}${/^\*?(0x[0-9a-f]+|\d+)$/i.test(s.spec) ? '' : ` (${s.spec})`}`;
  const by = s.call !== undefined ? ` by its ${s.call} system call` : '';
  const at = s.pc !== undefined ? `, pc ${hex(s.pc)}${s.line !== undefined ? ` (${s.file}:${s.line})` : ''}` : '';
  return `watch ${what} in pid ${s.pid} changed ${hex(s.old)} -> ${hex(s.now)}${by}${at}`;
}
