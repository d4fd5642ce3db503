// Breakpoints on the program's own source lines, as the page sets them in
// the editor's gutter. A breakpoint is a line of one program; it stops any
// process running that program's image (a fork child too) before it runs
// the first word assembled from that line. Checking costs a look at the pc
// before every instruction, so the session only steps this way while at
// least one breakpoint is set; without any, runs keep the kernel's full speed.
import { lineEntryAt, sourceFileName, TEXT_BASE, type ProgramImage } from '../asm/image.js';
import type { Kernel } from '../index.js';
import type { Process } from '../kernel/process.js';

/** Where a run stopped: the process about to run a breakpoint's instruction. */
export interface BreakStop {
  readonly pid: number;
  /** Index of the program (the editor's tab) whose line it is. */
  readonly program: number;
  readonly file: string;
  readonly line: number;
  readonly pc: number;
}

/** Each program line that holds an instruction, with the address of its first word (`li` of a big constant, `la`: two words). */
export function codeLinesOf(image: ProgramImage): Map<number, number> {
  const lines = new Map<number, number>();
  const textEnd = TEXT_BASE + image.text.length;
  for (const row of image.lines) {
    if (row.file !== image.sourceName || row.address < TEXT_BASE || row.address >= textEnd) continue;
    const known = lines.get(row.line);
    if (known === undefined || row.address < known) lines.set(row.line, row.address);
  }
  return lines;
}

/** Each line of every file (the program's own and those it includes) that holds an instruction, by `file:line` as kill reports name it. */
function codeAddressesOf(image: ProgramImage): Map<string, number> {
  const at = new Map<string, number>();
  const textEnd = TEXT_BASE + image.text.length;
  for (const row of image.lines) {
    if (row.address < TEXT_BASE || row.address >= textEnd) continue;
    const key = `${sourceFileName(image, row.file)}:${row.line}`;
    const known = at.get(key);
    if (known === undefined || row.address < known) at.set(key, row.address);
  }
  return at;
}

/**
 * A "Break at" entry in one program: a label of code (`puts`, `fill_loop`)
 * or `FILE:LINE` (`lib/print.s:16`); its address, or why it names none.
 */
export function resolveBreak(image: ProgramImage, spec: string): number | 'no_label' | 'data_label' | 'no_line' | 'bad' {
  const m = /^(.+):(\d+)$/.exec(spec);
  if (m !== null) return codeAddressesOf(image).get(`${m[1]}:${Number(m[2])}`) ?? 'no_line';
  if (!/^[A-Za-z_.][\w.]*$/.test(spec)) return 'bad';
  const symbol = image.symbols.find((y) => y.name === spec);
  if (symbol === undefined) return 'no_label';
  return symbol.section === 'text' ? symbol.value : 'data_label';
}

const WHY: Record<'no_label' | 'data_label' | 'no_line' | 'bad', string> = {
  no_label: 'no such label in any program', data_label: 'a label of data, not of code',
  no_line: 'no instruction on that line in any program', bad: 'not a label or FILE:LINE',
};

/** The file (as kill reports name it) and line of the word at `address`. */
function lineEntryOf(image: ProgramImage, address: number): { file: string; line: number } {
  const row = lineEntryAt(image, address);
  return { file: row === undefined ? image.sourceName : sourceFileName(image, row.file), line: row?.line ?? 0 };
}

interface Armed {
  readonly program: number;
  /** Address of a breakpoint's first word -> its file and line. */
  readonly lineAt: Map<number, { file: string; line: number }>;
}

export class Breakpoints {
  private readonly armed = new Map<ProgramImage, Armed>();
  /** The "Break at" entries the last set() found in no program, each with why. */
  unresolved: string[] = [];
  /** The breakpoint the machine stopped at: it does not stop again until that process has run an instruction. */
  private resumed: { pid: number; pc: number } | undefined;

  constructor(private readonly images: readonly ProgramImage[]) {}

  get any(): boolean {
    return this.armed.size > 0;
  }

  /**
   * The machine was brought here without looking at breakpoints (a replay):
   * the instruction about to run, if it is a breakpoint's, does not stop the
   * next run before it has moved, as after a stop there.
   */
  resumeAt(k: Kernel): void {
    const p = k.current;
    this.resumed = p === undefined || p.space === undefined ? undefined : { pid: p.pid, pc: k.pcOf(p) >>> 0 };
  }

  /**
   * Arms the breakpoints given as lines per program (index as in `images`)
   * and as "Break at" entries (labels or FILE:LINE, in every program that
   * has them); returns, per program, the lines that hold no instruction,
   * which are not set. Entries that name no instruction in any program are
   * in `unresolved`, each with why.
   */
  set(lines: readonly (readonly number[])[], named: readonly string[] = []): { program: number; lines: number[] }[] {
    this.armed.clear();
    const dropped: { program: number; lines: number[] }[] = [];
    const why = new Map<string, string>();
    this.images.forEach((image, program) => {
      const code = codeLinesOf(image);
      const lineAt = new Map<number, { file: string; line: number }>();
      const none: number[] = [];
      for (const line of lines[program] ?? []) {
        const address = code.get(line);
        if (address === undefined) none.push(line);
        else lineAt.set(address, { file: image.sourceName, line });
      }
      for (const spec of named) {
        const r = resolveBreak(image, spec);
        if (typeof r !== 'number') { if (!why.has(spec) || r === 'data_label' || r === 'bad') why.set(spec, WHY[r]); continue; }
        const row = lineEntryOf(image, r);
        lineAt.set(r, row);
        why.set(spec, '');
      }
      if (lineAt.size > 0) this.armed.set(image, { program, lineAt });
      if (none.length > 0) dropped.push({ program, lines: none });
    });
    this.unresolved = named.filter((spec) => why.get(spec) !== '').map((spec) => `${spec}: ${why.get(spec) ?? WHY.no_label}`);
    return dropped;
  }

  /**
   * Runs up to `max` instructions, looking before each (and after the last)
   * at the process about to run: stops there when its pc is a breakpoint's.
   * Returns the stop, 'done' once every process has ended, else undefined
   * (its count used up, a kill deferred by the kernel's beforeKill hook, or
   * `stopNow` true after an instruction and the traps it caused; it is told
   * which process ran the instruction at which pc, when one committed).
   */
  run(
    k: Kernel, max: number, stopNow: (ran: { pid: number; pc: number } | undefined) => boolean = () => false,
    before: (p: Process, pc: number) => void = () => {},
  ): BreakStop | 'done' | undefined {
    const end = k.cpu.instret + max;
    for (;;) {
      // Step 0 runs nothing: it puts the next process on the CPU (or finds none left).
      if (k.step(0) === 'done') return 'done';
      const p = k.current!;
      const pc = k.pcOf(p) >>> 0;
      const resumed = this.resumed;
      if (resumed === undefined || resumed.pid !== p.pid || resumed.pc !== pc) {
        const armed = p.space === undefined ? undefined : this.armed.get(p.space.image);
        const at = armed?.lineAt.get(pc);
        if (armed !== undefined && at !== undefined) {
          this.resumed = { pid: p.pid, pc };
          return { pid: p.pid, program: armed.program, file: at.file, line: at.line, pc };
        }
      }
      if (k.cpu.instret >= end) return undefined;
      const instret = k.cpu.instret;
      before(p, pc);
      // Back after every trap the kernel handled: a switch may put another process before its breakpoint.
      const status = k.step(1, () => true);
      const committed = k.cpu.instret > instret;
      if (committed && resumed?.pid === p.pid) this.resumed = undefined;
      if (status === 'done') return 'done';
      // An event or a watch the page stops at (asked every step: a watch keeps its values current), or a
      // kill deferred for the page to show (the next step(0) would carry it out).
      const stop = stopNow(committed ? { pid: p.pid, pc } : undefined);
      if (k.deferredKill !== undefined || stop) return undefined;
    }
  }
}
