// The block compiler: turns the code at an entry point of a code page into
// the source of one JavaScript function, built with `new Function`. A block
// ends at a branch or jump (included), before an instruction it leaves to
// the interpreter (syscall, brk, rdcycle, privileged, illegal), or at the
// page's last word; but a jump within the page goes on at its target, and a
// short branch forward becomes an if around the instructions it skips
// (RegionWriter.decode). A one-block function is that block's code; with
// regions (an option, off by default) the function holds the entry's block
// and the blocks of the same page it reaches: cases of one switch in a loop,
// so that the guest registers stay in JavaScript locals while control moves
// between them. A block that branches to itself loops inside its function.
// Before each block the function checks that the block's longest path fits
// in the stretch's budget, and leaves (Bail.Budget) when it does not.
//
// Semantics are the interpreter's (cpu/cpu.ts), instruction for instruction:
// an instruction that would trap (a misaligned access or jalr target, a zero
// divisor) or whose data page is not a TLB hit with the right rights makes
// the function return before it ("bail"), with every earlier instruction
// committed, so that the interpreter runs it and raises the precise trap or
// takes the slow path.
import { MUST_BE_ZERO, Op } from '../isa.js';
import { Bail, type BlockState } from './blockState.js';

/** Longest block, in instructions (code size and compile time stay small). */
export const MAX_BLOCK_INSTRUCTIONS = 128;
/** Most instructions a forward branch may skip and still be an `if` inside its block. */
const MAX_SKIP = 16;
const PAGE_WORDS = 1024;

/** What a data-page helper answers (engine.ts). */
// Cached is 0 so that a block tests the common answer by truthiness, which
// needs no type feedback: a compare that first runs after V8 optimised the
// block (its first page change) would throw the optimised block away.
export const enum PageAnswer {
  /** The page is cached: the access goes on. */
  Cached = 0,
  /** The access faulted: the block returns before it (the helper set Bail.Fault). */
  Fault = 1,
  /** The page is cached, but after this access the block must return (s.refetch is set). */
  CachedThenLeave = 2,
}

/** The engine's data-page helpers a block calls when its access leaves the cached page (engine.ts). */
export interface DataPages {
  /**
   * Translates `va` for a load by instruction `index` of the stretch, through
   * the TLB or (like the interpreter) the MMU's slow path, and caches its
   * page; loadLast and storeLast are the block's lazy last uses.
   */
  loadPage(s: BlockState, va: number, index: number, loadLast: number, storeLast: number): PageAnswer;
  storePage(s: BlockState, va: number, index: number, loadLast: number, storeLast: number): PageAnswer;
}

/** A compiled block: runs from its first instruction and returns the next pc. */
export type BlockCode = (R: Int32Array, s: BlockState, M: Int32Array, B: Uint8Array, h: DataPages) => number;

/**
 * The code compiled for one entry point: the block there and the blocks of
 * the same page it reaches (a region, compiled as one function).
 */
export interface Block {
  /** The virtual address it was compiled for (its pc-relative targets are built in). */
  readonly pc: number;
  /** Instructions in it; 0 when the entry's first one is left to the interpreter. */
  readonly length: number;
  readonly run: BlockCode;
  /** The page's word offsets it was compiled from (inclusive). */
  readonly lo: number;
  readonly hi: number;
}

const ALU_R: Partial<Record<number, (a: string, b: string) => string>> = {
  [Op.ADD]: (a, b) => `(${a} + ${b}) | 0`,
  [Op.SUB]: (a, b) => `(${a} - ${b}) | 0`,
  [Op.AND]: (a, b) => `${a} & ${b}`,
  [Op.OR]: (a, b) => `${a} | ${b}`,
  [Op.XOR]: (a, b) => `${a} ^ ${b}`,
  [Op.SHL]: (a, b) => `${a} << ${b}`,
  [Op.SHR]: (a, b) => `(${a} >>> ${b}) | 0`,
  [Op.SRA]: (a, b) => `${a} >> ${b}`,
  [Op.SLT]: (a, b) => `${a} < ${b} ? 1 : 0`,
  [Op.SLTU]: (a, b) => `(${a} >>> 0) < (${b} >>> 0) ? 1 : 0`,
  [Op.MUL]: (a, b) => `Math.imul(${a}, ${b})`,
  [Op.DIV]: (a, b) => `(${a} / ${b}) | 0`,
  [Op.DIVU]: (a, b) => `((${a} >>> 0) / (${b} >>> 0)) | 0`,
  [Op.REM]: (a, b) => `(${a} % ${b}) | 0`,
  [Op.REMU]: (a, b) => `((${a} >>> 0) % (${b} >>> 0)) | 0`,
};

/** I-format ALU operations, given the source register and the word. */
const ALU_I: Partial<Record<number, (a: string, w: number) => string>> = {
  [Op.ADDI]: (a, w) => `(${a} + (${(w << 16) >> 16})) | 0`,
  [Op.ANDI]: (a, w) => `${a} & ${w & 0xffff}`,
  [Op.ORI]: (a, w) => `${a} | ${w & 0xffff}`,
  [Op.XORI]: (a, w) => `${a} ^ ${w & 0xffff}`,
  [Op.SHLI]: (a, w) => `${a} << ${w & 31}`,
  [Op.SHRI]: (a, w) => `(${a} >>> ${w & 31}) | 0`,
  [Op.SRAI]: (a, w) => `${a} >> ${w & 31}`,
  [Op.SLTI]: (a, w) => `${a} < (${(w << 16) >> 16}) ? 1 : 0`,
  [Op.SLTIU]: (a, w) => `(${a} >>> 0) < ${((w << 16) >> 16) >>> 0} ? 1 : 0`,
  [Op.LUI]: (_a, w) => `${w << 16}`,
};

const BRANCH: Partial<Record<number, (x: string, y: string) => string>> = {
  [Op.BEQ]: (x, y) => `${x} === ${y}`,
  [Op.BNE]: (x, y) => `${x} !== ${y}`,
  [Op.BLT]: (x, y) => `${x} < ${y}`,
  [Op.BGE]: (x, y) => `${x} >= ${y}`,
  [Op.BLTU]: (x, y) => `(${x} >>> 0) < (${y} >>> 0)`,
  [Op.BGEU]: (x, y) => `(${x} >>> 0) >= (${y} >>> 0)`,
};

const isDivide = (op: number): boolean => op >= Op.DIV && op <= Op.REMU;
const isLoad = (op: number): boolean => op === Op.LW || op === Op.LB || op === Op.LBU;
const isStore = (op: number): boolean => op === Op.SW || op === Op.SB;

/** True for the instructions a block runs itself. */
function handled(w: number): boolean {
  const op = w >>> 24;
  if (w === 0 || (w & MUST_BE_ZERO[op]!) !== 0) return false;
  return ALU_R[op] !== undefined || ALU_I[op] !== undefined || isLoad(op) || isStore(op)
    || BRANCH[op] !== undefined || op === Op.JAL || op === Op.JALR;
}


type End = 'branch' | 'jal' | 'jalr' | undefined;

/**
 * Every way out of a region goes through one epilogue (it writes the
 * registers back and settles n and the data count): an exit only stores
 * constants, the instructions done in this pass (xj), the data accesses
 * served (xd), why (xb, 0 for none) and the next pc, and breaks out, so the
 * code stays small and an exit first taken after V8 optimized the function
 * has no arithmetic without type feedback (which would deoptimize it).
 */
function exit(instructions: number, data: number, why: number, pc: number): string {
  return `{ xj = ${instructions}; xd = ${data}; xb = ${why}; pc = ${pc}; break out; }`;
}

/** One basic block of a region: its statements (up to its terminator) and where it goes. */
interface BasicBlock {
  readonly slot: number;
  readonly pc: number;
  /** Instructions on the path that skips every then-part (see decode). */
  readonly length: number;
  /** Instructions on the longest path. */
  readonly longest: number;
  readonly end: End;
  /** The taken target of a branch or jal. */
  readonly target: number;
  /** A branch's condition. */
  readonly cond: string;
  readonly lines: readonly string[];
  /** Its data accesses. */
  readonly data: number;
  /** The pc after its last instruction (where it falls through to). */
  readonly fall: number;
  /** The page's word offsets it read (its instructions, and the word that stopped it): lo..hi covers them. */
  readonly lo: number;
  readonly hi: number;
}

/**
 * The source of one region: the block at an entry point and the blocks of
 * the same page it reaches by branches, jumps and fall-through, as the
 * cases of one switch inside a loop, so that control moves between them
 * without leaving the function and the registers stay in locals.
 */
class RegionWriter {
  private readonly reads = new Set<number>();
  private readonly writes = new Set<number>();
  private hasLoads = false;
  private hasStores = false;

  /** `pageFirst`: the physical word index of the page's first word; `pageVa`: its virtual address. */
  constructor(private readonly words: Int32Array, private readonly pageFirst: number, private readonly pageVa: number) {}

  private src(r: number): string {
    if (r === 0) return '0';
    this.reads.add(r);
    return `r${r}`;
  }

  private dst(r: number): string {
    this.writes.add(r);
    return `r${r}`;
  }

  /** The slot of virtual address `va` if it lies in this page, else -1. */
  slotOf(va: number): number {
    const offset = (va - this.pageVa) | 0;
    return offset >= 0 && offset < PAGE_WORDS * 4 ? offset >> 2 : -1;
  }

  /**
   * Decodes the block at `slot`: up to a terminator, an instruction no block
   * runs, the page's end or the size limit. A jump (`j`, `call`) to a word of
   * the same page the block has not been through yet does not end it: the
   * block goes on at the target, so that a call or a loop's jump back costs
   * no return to the dispatcher (a jump to the block's own first word stays
   * its end: the block loops on itself). A branch forward over at most
   * MAX_SKIP plain instructions (ALU, loads, stores) does not end it either:
   * the skipped ones become the then-part of an `if` (run when the branch is
   * not taken), so that a loop with an if inside is one block. The block's
   * `length` and `data` count the path that skips; each then-part adds its
   * own to n and d when it runs, and `longest` is the longest path, for the
   * budget check.
   */
  decode(slot: number): BasicBlock {
    const pc = (this.pageVa + 4 * slot) | 0;
    const lines: string[] = [];
    let length = 0;
    let data = 0;
    /** Instructions in then-parts: the longest path is length + extra. */
    let extra = 0;
    let end: End;
    let target = 0;
    let cond = '';
    // The word offset of the next instruction, the words read, and the words run (a jump back to one ends the block).
    let at = slot;
    let lo = slot, hi = slot;
    const visited = new Set<number>();
    // An open then-part: the word where it joins, and the counts of the skipping path when it began.
    let join = -1, joinLength = 0, joinData = 0;
    const closeThen = () => {
      lines.push(`n += ${length - joinLength}; d += ${data - joinData}; }`);
      extra += length - joinLength;
      length = joinLength;
      data = joinData;
      join = -1;
    };
    while (length + extra < MAX_BLOCK_INSTRUCTIONS && at < PAGE_WORDS && end === undefined) {
      if (at === join) closeThen();
      const w = this.words[this.pageFirst + at]!;
      lo = Math.min(lo, at);
      hi = Math.max(hi, at);
      if (!handled(w)) break;
      const j = length;
      const here = (this.pageVa + 4 * at) | 0;
      visited.add(at);
      at++;
      // The exit before this instruction: it and everything after it are the interpreter's.
      const bail = (why: number = Bail.Other) => exit(j, data, why, here);
      // The exit after this instruction (an access that counts as served here).
      const leave = () => exit(j + 1, data + 1, 0, (here + 4) | 0);
      const op = w >>> 24;
      const rd = (w >>> 20) & 15;
      const rs1 = (w >>> 16) & 15;
      const imm = (w << 16) >> 16;
      const r = ALU_R[op];
      const i = ALU_I[op];
      const c = BRANCH[op];
      if (r !== undefined) {
        const b = this.src((w >>> 12) & 15);
        if (isDivide(op)) lines.push(`if (${b} === 0) ${bail()}`);
        const expr = r(this.src(rs1), b);
        if (rd !== 0) lines.push(`${this.dst(rd)} = ${expr};`);
      } else if (i !== undefined) {
        const expr = i(op === Op.LUI ? '0' : this.src(rs1), w);
        if (rd !== 0) lines.push(`${this.dst(rd)} = ${expr};`);
      } else if (isLoad(op) || isStore(op)) {
        const load = isLoad(op);
        const v = `v${j}`;
        const k = load ? 'l' : 's';
        lines.push(`const ${v} = (${this.src(rs1)} + (${imm})) | 0;`);
        // A misaligned access traps, so only a store that passes this check can write.
        if (op === Op.LW || op === Op.SW) lines.push(`if ((${v} & 3) !== 0) ${bail()}`);
        const pa = `(${k}B | (${v} & 4095))`;
        let access: string;
        if (load) {
          this.hasLoads = true;
          const value = op === Op.LW ? `M[${pa} >>> 2]` : op === Op.LB ? `(B[${pa}] << 24) >> 24` : `B[${pa}]`;
          access = rd !== 0 ? `${this.dst(rd)} = ${value};` : '';
        } else {
          this.hasStores = true;
          // In S format the stored register sits in the rd field.
          const value = this.src(rd);
          access = op === Op.SW ? `M[${pa} >>> 2] = ${value};` : `B[${pa}] = ${value};`;
        }
        // Off the cached page: the helper translates (the slow path too) and may empty either cache.
        lines.push(`if ((${v} >>> 12) !== ${k}V) {`);
        lines.push(`const a${j} = h.${load ? 'loadPage' : 'storePage'}(s, ${v}, n + ${j}, @LT@, @ST@);`);
        // The helper set Bail.Fault too; the exit sets it again, as the epilogue writes s.bail on every way out.
        lines.push(`if (a${j}) { if (a${j} === ${PageAnswer.Fault}) ${bail(Bail.Fault)} }`);
        lines.push('@RELOAD@');
        // Past the fault test, a truthy answer is CachedThenLeave.
        lines.push(`if (a${j}) { ${k}T = n + ${j}; ${access} ${leave()} }`);
        lines.push('}');
        lines.push(`${k}T = n + ${j};`);
        if (access !== '') lines.push(access);
        data++;
      } else if (c !== undefined) {
        // B format: rs1 in the rd field, rs2 in the rs1 field.
        const taken = c(this.src(rd), this.src(rs1));
        const to = (here + 4 + (imm << 2)) | 0;
        const skip = ((to - here) >> 2) - 1;
        // The skipped words must lie in this page (the join may be the next page's first word).
        if (join < 0 && skip >= 1 && skip <= MAX_SKIP && at + skip <= PAGE_WORDS && this.plain(at, skip)
          && length + extra + 1 + skip <= MAX_BLOCK_INSTRUCTIONS) {
          lines.push(`if (!(${taken})) {`);
          join = at + skip;
          joinLength = length + 1;
          joinData = data;
        } else {
          cond = taken;
          target = to;
          end = 'branch';
        }
      } else if (op === Op.JAL) {
        if (rd !== 0) lines.push(`${this.dst(rd)} = ${(here + 4) | 0};`);
        target = (here + 4 + (((w << 12) >> 12) << 2)) | 0;
        const to = this.slotOf(target);
        if (to >= 0 && target !== pc && !visited.has(to)) at = to;
        else end = 'jal';
      } else {
        // jalr: the target from the old rs1, then the link.
        lines.push(`const t${j} = (${this.src(rs1)} + (${imm})) | 0;`);
        lines.push(`if ((t${j} & 3) !== 0) ${bail()}`);
        if (rd !== 0) lines.push(`${this.dst(rd)} = ${(here + 4) | 0};`);
        lines.push(`pc = t${j};`);
        end = 'jalr';
      }
      length++;
    }
    // A then-part that reaches the block's end (its join is where the block stops) closes there.
    if (join >= 0) closeThen();
    // The next word: after a jump the block went on at, the one it stopped before (or the next page's first).
    const fall = (this.pageVa + 4 * at) | 0;
    return { slot, pc, length, longest: length + extra, end, target, cond, lines, data, fall, lo, hi: Math.min(hi, PAGE_WORDS - 1) };
  }

  /** True when the `count` words from `first` are all instructions a block runs that go on to the next word (no branch or jump). */
  private plain(first: number, count: number): boolean {
    for (let k = first; k < first + count; k++) {
      const w = this.words[this.pageFirst + k]!;
      const op = w >>> 24;
      if (!handled(w) || BRANCH[op] !== undefined || op === Op.JAL || op === Op.JALR) return false;
    }
    return true;
  }

  /** Where a block may go next, as virtual addresses (a jalr's target is known only when it runs). */
  successors(b: BasicBlock): number[] {
    const fall = b.fall;
    if (b.end === 'branch') return [b.target, fall];
    if (b.end === 'jal') return [b.target];
    if (b.end === 'jalr') return [];
    return [fall];
  }

  /** One case of the switch: the block's code and the switch's break. */
  private caseOf(b: BasicBlock): string[] {
    return [`case ${b.slot}: {`, ...this.bodyOf(b), 'break;', '}'];
  }

  /** A block that branches or jumps to itself: it loops inside the function. */
  private loopsOnItself(b: BasicBlock): boolean {
    return (b.end === 'branch' || b.end === 'jal') && b.target === b.pc;
  }

  /** The budget check, the block, and the next pc. */
  private bodyOf(b: BasicBlock): string[] {
    const fall = b.fall;
    const pass = `n += ${b.length}; d += ${b.data};`;
    const budget = `if (n + ${b.longest} > lim) ${exit(0, 0, Bail.Budget, b.pc)}`;
    let flow: string[];
    if (this.loopsOnItself(b)) {
      // A loop onto itself: another pass while it fits in the budget.
      const stay = b.end === 'branch' ? [`if (!(${b.cond})) { pc = ${fall}; break; }`] : [];
      flow = ['for (;;) {', ...b.lines, pass, ...stay, `if (n + ${b.longest} > lim) { pc = ${b.pc}; break; }`, '}'];
    } else if (b.end === 'branch') {
      flow = [...b.lines, pass, `pc = (${b.cond}) ? ${b.target} : ${fall};`];
    } else if (b.end === 'jal') {
      flow = [...b.lines, pass, `pc = ${b.target};`];
    } else if (b.end === 'jalr') {
      flow = [...b.lines, pass];
    } else {
      flow = [...b.lines, pass, `pc = ${fall};`];
    }
    return [budget, ...flow];
  }

  /** The function's source for the region entered at `entry`. */
  finish(entry: BasicBlock, blocks: readonly BasicBlock[]): string {
    const regs = [...new Set([...this.reads, ...this.writes])].sort((a, b) => a - b);
    const wb = [
      ...[...this.writes].sort((a, b) => a - b).map((r) => `R[${r}] = r${r};`),
      this.hasLoads ? 's.loadLast = lT;' : '',
      this.hasStores ? 's.storeLast = sT;' : '',
    ].filter((l) => l !== '').join(' ');
    const text = [
      "'use strict';",
      regs.length > 0 ? `let ${regs.map((r) => `r${r} = R[${r}]`).join(', ')};` : '',
      `let n = s.n, d = 0, pc = ${entry.pc}, xj = 0, xd = 0, xb = 0;`,
      'const lim = s.limit;',
      this.hasLoads ? 'let lV = s.loadVpn, lB = s.loadBase, lT = s.loadLast;' : '',
      this.hasStores ? 'let sV = s.storeVpn, sB = s.storeBase, sT = s.storeLast;' : '',
      'out: {',
      // One block that does not loop: its code alone (a loop and a switch would only cost a pass more).
      ...(blocks.length === 1 && !this.loopsOnItself(entry) ? this.bodyOf(entry) : [
        'for (;;) {',
        `switch ((pc - ${this.pageVa | 0}) >> 2) {`,
        ...blocks.flatMap((b) => this.caseOf(b)),
        'default: break out;',
        '}',
        '}',
      ]),
      '}',
      // s.bail is 0 when a block starts (the engine stops at any other value), so writing it on every way out
      // changes nothing but keeps the store's type feedback: a block optimised before its first bail is not
      // thrown away at that bail ("insufficient type feedback").
      `@WB@ s.n = n + xj; ${this.hasLoads || this.hasStores ? 's.data += d + xd; ' : ''}s.bail = xb; return pc;`,
    ].filter((l) => l !== '').join('\n');
    const reload = [this.hasLoads ? 'lV = s.loadVpn; lB = s.loadBase;' : '', this.hasStores ? 'sV = s.storeVpn; sB = s.storeBase;' : ''].join(' ');
    return text.replaceAll('@WB@', wb).replaceAll('@RELOAD@', reload)
      .replaceAll('@LT@', this.hasLoads ? 'lT' : 's.loadLast').replaceAll('@ST@', this.hasStores ? 'sT' : 's.storeLast');
  }
}

/**
 * Blocks in one region by default: one. Measured (bench/blocks.ts,
 * docs/engine.md): regions of up to 16 blocks ran the sieve as fast warm
 * but half as fast in a fresh process (~90 against ~160 MIPS), as V8
 * optimizes a larger function later and deoptimizes it when a case first
 * runs after that, without type feedback. The engine can be built with
 * larger regions (BlockEngine's regionBlocks; the tests run both).
 */
export const DEFAULT_REGION_BLOCKS = 1;
/** Most instructions in one region, and how far (in words) from the entry a block of it may start. */
export const MAX_REGION_INSTRUCTIONS = 256;
export const REGION_REACH_WORDS = 48;

/**
 * Functions by source, shared by every machine of the process: the same code
 * in another run (a benchmark's next round, a second process of the same
 * program) gets the function V8 has already optimized.
 */
const FUNCTIONS = new Map<string, BlockCode>();
const MAX_FUNCTIONS = 4096;

function functionOf(source: string): BlockCode {
  let run = FUNCTIONS.get(source);
  if (run === undefined) {
    if (FUNCTIONS.size >= MAX_FUNCTIONS) FUNCTIONS.clear();
    run = new Function('R', 's', 'M', 'B', 'h', source) as BlockCode;
    FUNCTIONS.set(source, run);
  }
  return run;
}

/** What an entry point with no block runs: nothing (the interpreter runs its first instruction). */
const NOTHING: BlockCode = () => { throw new Error('block engine bug: ran an empty region'); };

/**
 * Compiles the region entered at virtual address `pc`, whose word is
 * physical word `first` of `words`, of at most `maxBlocks` blocks. Its
 * `lo`..`hi` are the page's word offsets it was compiled from.
 */
export function compileBlock(words: Int32Array, first: number, pc: number, maxBlocks = DEFAULT_REGION_BLOCKS): Block {
  const slot = first & (PAGE_WORDS - 1);
  const writer = new RegionWriter(words, first - slot, (pc - 4 * slot) | 0);
  const entry = writer.decode(slot);
  if (entry.length === 0) return { pc, length: 0, run: NOTHING, lo: slot, hi: slot };
  const blocks = new Map<number, BasicBlock>([[slot, entry]]);
  const queue = writer.successors(entry);
  let instructions = entry.longest;
  while (queue.length > 0 && blocks.size < maxBlocks && instructions < MAX_REGION_INSTRUCTIONS) {
    const next = writer.slotOf(queue.shift()!);
    if (next < 0 || blocks.has(next) || Math.abs(next - slot) > REGION_REACH_WORDS) continue;
    const b = writer.decode(next);
    if (b.length === 0) continue;
    blocks.set(next, b);
    instructions += b.longest;
    queue.push(...writer.successors(b));
  }
  let lo = slot, hi = slot;
  for (const b of blocks.values()) {
    lo = Math.min(lo, b.lo);
    hi = Math.max(hi, b.hi);
  }
  const run = functionOf(writer.finish(entry, [...blocks.values()]));
  return { pc, length: instructions, run, lo, hi };
}
