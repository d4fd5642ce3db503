// The block compiler: turns the straight-line run of instructions that starts
// at one word of a code page into the source of one JavaScript function, and
// builds it with `new Function`. A block ends at a branch or jump (included),
// before an instruction it leaves to the interpreter (syscall, brk, rdcycle,
// privileged, illegal), or at the page's last word. A block whose branch or
// jump goes back to its own start loops inside the function while another
// pass fits in the stretch's budget, with the guest registers in JavaScript
// locals.
//
// Semantics are the interpreter's (cpu/cpu.ts), instruction for instruction:
// an instruction that would trap (a misaligned access or jalr target, a zero
// divisor) or whose data page is not a TLB hit with the right rights makes
// the block stop before it ("bail"), with every earlier instruction
// committed, so that the interpreter runs it and raises the precise trap or
// takes the slow path.
import { MUST_BE_ZERO, Op } from '../isa.js';
import { Bail, type BlockState } from './blockState.js';

/** Longest block, in instructions (code size and compile time stay small). */
export const MAX_BLOCK_INSTRUCTIONS = 128;
const PAGE_WORDS = 1024;

/** The engine's data-page helpers a block calls when its access leaves the cached page (engine.ts). */
export interface DataPages {
  /** Caches vpn for loads (TLB hit with the rights) and answers true, or false: the interpreter must run the access. */
  loadPage(s: BlockState, vpn: number, last: number): boolean;
  storePage(s: BlockState, vpn: number, last: number): boolean;
}

/** A compiled block: runs from its first instruction and returns the next pc. */
export type BlockCode = (R: Int32Array, s: BlockState, M: Int32Array, B: Uint8Array, h: DataPages) => number;

export interface Block {
  /** The virtual address it was compiled for (its pc-relative targets are built in). */
  readonly pc: number;
  /** Instructions; 0 when the first one is left to the interpreter. */
  readonly length: number;
  readonly run: BlockCode;
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

/** The source of one block; `words` from its first word (a physical word index) to the page's end. */
class BlockWriter {
  private readonly lines: string[] = [];
  private readonly reads = new Set<number>();
  private readonly writes = new Set<number>();
  private hasLoads = false;
  private hasStores = false;
  /** Data accesses of the instructions written so far. */
  private dataCount = 0;

  constructor(private readonly pc: number) {}

  private pcOf(j: number): number {
    return (this.pc + 4 * j) | 0;
  }

  private src(r: number): string {
    if (r === 0) return '0';
    this.reads.add(r);
    return `r${r}`;
  }

  private dst(r: number): string {
    this.writes.add(r);
    return `r${r}`;
  }

  private emit(line: string): void {
    this.lines.push(line);
  }

  /** The exit before instruction j: it and everything after it are the interpreter's. `store`: the address it would write. */
  private bail(j: number, store?: string): string {
    const why = store === undefined ? `s.bail = ${Bail.Other};` : `s.bail = ${Bail.Store}; s.bailAddress = ${store};`;
    return `{ ${this.exitCode(`n + ${j}`, `d + ${this.dataCount}`)} ${why} return ${this.pcOf(j)}; }`;
  }

  /** Writes the registers and books back; the caller returns. Filled in by finish(): the registers written are known then. */
  private exitCode(n: string, d: string): string {
    return `@WB@ s.n = ${n}; s.data += ${d};`;
  }

  /** Writes instruction j (word w); returns the terminator kind if it ends the block. */
  write(j: number, w: number): 'branch' | 'jal' | 'jalr' | undefined {
    const op = w >>> 24;
    const rd = (w >>> 20) & 15;
    const rs1 = (w >>> 16) & 15;
    const rs2 = (w >>> 12) & 15;
    const imm = (w << 16) >> 16;
    const r = ALU_R[op];
    if (r !== undefined) {
      const b = this.src(rs2);
      if (isDivide(op)) this.emit(`if (${b} === 0) ${this.bail(j)}`);
      const expr = r(this.src(rs1), b);
      if (rd !== 0) this.emit(`${this.dst(rd)} = ${expr};`);
      return undefined;
    }
    const i = ALU_I[op];
    if (i !== undefined) {
      const expr = i(op === Op.LUI ? '0' : this.src(rs1), w);
      if (rd !== 0) this.emit(`${this.dst(rd)} = ${expr};`);
      return undefined;
    }
    if (isLoad(op) || isStore(op)) {
      this.writeAccess(j, op, rd, rs1, imm);
      return undefined;
    }
    const cond = BRANCH[op];
    if (cond !== undefined) {
      // B format: rs1 in the rd field, rs2 in the rs1 field.
      this.emit(`@COND@ ${cond(this.src(rd), this.src(rs1))}`);
      this.target = (this.pcOf(j) + 4 + (imm << 2)) | 0;
      return 'branch';
    }
    if (op === Op.JAL) {
      if (rd !== 0) this.emit(`${this.dst(rd)} = ${(this.pcOf(j) + 4) | 0};`);
      this.target = (this.pcOf(j) + 4 + (((w << 12) >> 12) << 2)) | 0;
      return 'jal';
    }
    // jalr: the target from the old rs1, then the link.
    this.emit(`const t${j} = (${this.src(rs1)} + (${imm})) | 0;`);
    this.emit(`if ((t${j} & 3) !== 0) ${this.bail(j)}`);
    if (rd !== 0) this.emit(`${this.dst(rd)} = ${(this.pcOf(j) + 4) | 0};`);
    this.emit(`next = t${j};`);
    return 'jalr';
  }

  /** The taken target of a branch or jal terminator. */
  target = 0;

  private writeAccess(j: number, op: number, rd: number, rs1: number, imm: number): void {
    const load = isLoad(op);
    const v = `v${j}`;
    const k = load ? 'l' : 's';
    this.emit(`const ${v} = (${this.src(rs1)} + (${imm})) | 0;`);
    // A misaligned access traps, so only a store that passes that check can write.
    if (op === Op.LW || op === Op.SW) this.emit(`if ((${v} & 3) !== 0) ${this.bail(j)}`);
    this.emit(`const p${j} = ${v} >>> 12;`);
    this.emit(`if (p${j} !== ${k}V) { if (!h.${load ? 'loadPage' : 'storePage'}(s, p${j}, ${k}T)) ${this.bail(j, load ? undefined : v)} ${k}V = p${j}; ${k}B = s.${load ? 'loadBase' : 'storeBase'}; }`);
    this.emit(`${k}T = n + ${j};`);
    const pa = `(${k}B | (${v} & 4095))`;
    if (load) {
      this.hasLoads = true;
      const value = op === Op.LW ? `M[${pa} >>> 2]` : op === Op.LB ? `(B[${pa}] << 24) >> 24` : `B[${pa}]`;
      if (rd !== 0) this.emit(`${this.dst(rd)} = ${value};`);
    } else {
      this.hasStores = true;
      // In S format the stored register sits in the rd field.
      const value = this.src(rd);
      this.emit(op === Op.SW ? `M[${pa} >>> 2] = ${value};` : `B[${pa}] = ${value};`);
    }
    this.dataCount++;
  }

  /**
   * The function's source for `length` instructions ending in `end`
   * (undefined: it falls through to the next word).
   */
  finish(length: number, end: 'branch' | 'jal' | 'jalr' | undefined): string {
    const fall = this.pcOf(length);
    const loops = (end === 'branch' || end === 'jal') && this.target === this.pc;
    const body = this.lines.map((l) => l.startsWith('@COND@') ? '' : l);
    const cond = this.lines.find((l) => l.startsWith('@COND@'))?.slice('@COND@ '.length);
    const regs = [...new Set([...this.reads, ...this.writes])].sort((a, b) => a - b);
    const head = [
      regs.length > 0 ? `let ${regs.map((r) => `r${r} = R[${r}]`).join(', ')};` : '',
      'let n = s.n, d = 0, next = 0;',
      this.hasLoads ? 'let lV = s.loadVpn, lB = s.loadBase, lT = s.loadLast;' : '',
      this.hasStores ? 'let sV = s.storeVpn, sB = s.storeBase, sT = s.storeLast;' : '',
    ];
    const wb = [
      ...[...this.writes].sort((a, b) => a - b).map((r) => `R[${r}] = r${r};`),
      this.hasLoads ? 's.loadLast = lT;' : '',
      this.hasStores ? 's.storeLast = sT;' : '',
    ].filter((l) => l !== '').join(' ');
    const pass = `n += ${length}; d += ${this.dataCount};`;
    let flow: string[];
    if (loops) {
      const stay = end === 'branch' ? [`if (!(${cond})) { next = ${fall}; break; }`] : [];
      flow = ['for (;;) {', ...body, pass, ...stay, `if (n + ${length} > s.limit) { next = ${this.pc}; break; }`, '}'];
    } else if (end === 'branch') {
      flow = [...body, pass, `next = (${cond}) ? ${this.target} : ${fall};`];
    } else if (end === 'jal') {
      flow = [...body, pass, `next = ${this.target};`];
    } else {
      flow = [...body, pass, end === 'jalr' ? '' : `next = ${fall};`];
    }
    const text = [...head, ...flow, `${this.exitCode('n', 'd')} return next;`].filter((l) => l !== '').join('\n');
    return text.replaceAll('@WB@', wb);
  }
}

/** A block of length 0: the interpreter runs the instruction at its pc. */
const NOTHING: BlockCode = () => { throw new Error('block engine bug: ran an empty block'); };

/** Compiles the block at virtual address `pc`, whose first word is physical word `first` of `words`. */
export function compileBlock(words: Int32Array, first: number, pc: number): Block {
  const writer = new BlockWriter(pc);
  const room = Math.min(MAX_BLOCK_INSTRUCTIONS, PAGE_WORDS - (first & (PAGE_WORDS - 1)));
  let length = 0;
  let end: 'branch' | 'jal' | 'jalr' | undefined;
  while (length < room) {
    const w = words[first + length]!;
    if (!handled(w)) break;
    end = writer.write(length, w);
    length++;
    if (end !== undefined) break;
  }
  if (length === 0) return { pc, length: 0, run: NOTHING };
  const source = writer.finish(length, end);
  const run = new Function('R', 's', 'M', 'B', 'h', `'use strict';\n${source}`) as BlockCode;
  return { pc, length, run };
}
