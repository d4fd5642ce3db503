// `bt`: the call chain of one process from the frames the debugger tracked
// (calls.ts), innermost first, each with its source line and the function
// the code is in (a tail call's too); it says when it cannot be sure of the
// chain, and names a ret that returned to no open call.
import { TEXT_BASE, type ProgramImage } from '../../asm/image.js';
import { Op, REG_RA } from '../../cpu/isa.js';
import type { Kernel } from '../../kernel/kernel.js';
import { sourceLocation } from '../../kernel/killReport.js';
import { hex } from '../../kernel/proc.js';
import type { Process } from '../../kernel/process.js';
import { wordOf } from '../../views/index.js';
import { isCall, type CallTracker } from './calls.js';

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Frames shown by plain bt: the innermost ones and the outermost; `bt all` shows every one. */
export const BT_FRAMES_SHOWN = 20;

export function backtraceText(k: Kernel, p: Process, calls: CallTracker, all = false): string {
  const image = p.space?.image;
  const frames = calls.framesOf(p.pid);
  const at = (a: number): string => {
    const l = image === undefined ? undefined : sourceLocation(image, a);
    return l === undefined ? '' : ` (${l})`;
  };
  const label = (address: number): string => image?.symbols.find((x) => x.section === 'text' && x.value === address)?.name ?? hex(address);
  const starts = image === undefined ? [] : functionStarts(image, calls);
  const outer = image?.entry;
  const inCode = (a: number): boolean => image !== undefined && a >= TEXT_BASE && a < TEXT_BASE + image.text.length;
  // Code at `address` is in the frame's callee `target` (the outermost frame's is the entry point) when it lies
  // after the callee's start with no other known function between. Else the callee jumped away (a tail call,
  // `j puts`): the known function the code is in is named, else (not known) the code's nearest label.
  const fn = (address: number, target: number | undefined): string => {
    if (target === undefined) return `in ??${at(address)}`;
    if (image?.text.length === 0 && address === TEXT_BASE) return 'where .text starts, but the program has no instructions there: is its code under .text?';
    if (image !== undefined && address === TEXT_BASE + image.text.length) return `past the program's last instruction: ${label(target)} ran off its end`;
    if (!inCode(address)) return `outside the program's code${at(address)}, reached by a jump from ${label(target)}`;
    const start = functionAt(starts, address);
    if (target <= address && (start === undefined || start <= target)) return `in ${label(target)}${at(address)}`;
    // The entry point is a start only for the outermost frame: code a callee jumped back to is named by its label.
    const named = start !== undefined && start !== outer ? start : nearestLabel(image, address);
    return `in ${named === undefined ? hex(address) : label(named)}${at(address)}, entered by a jump from ${label(target)}`;
  };
  // A process blocked in wait or sleep has its pc past the syscall, which has not returned: #0 is the syscall, as its kill report says.
  const blocked = p.state === 'waiting' ? 'wait' : p.state === 'sleeping' ? 'sleep' : undefined;
  const pc = (k.pcOf(p) - (blocked === undefined ? 0 : 4)) >>> 0;
  const lines = [`#0  ${hex(pc)} ${fn(pc, frames.length > 0 ? frames[frames.length - 1]!.target : outer)}${blocked === undefined ? '' : `, blocked in ${blocked}`}`];
  const skipFrom = all || frames.length <= BT_FRAMES_SHOWN ? -1 : frames.length - BT_FRAMES_SHOWN;
  for (let i = frames.length - 1; i >= 0; i--) {
    if (i === skipFrom) {
      lines.push(`... ${i} more frames (bt all lists every one)`);
      i = 0;
    }
    const f = frames[i]!;
    lines.push(`#${frames.length - i}  ${hex(f.site)} ${fn(f.site, i > 0 ? frames[i - 1]!.target : outer)}`);
  }
  const ra = k.regsOf(p)[REG_RA]! >>> 0;
  const raCall = ra >= 4 ? wordOf(k, p, ra - 4) : undefined;
  const stray = calls.strayReturn(p.pid);
  if (stray !== undefined) {
    lines.push(`(the ret at ${hex(stray.site)}${at(stray.site)} went to ${hex(stray.to)}${at(stray.to)}, where no open call returns: ra changed after the call that set it (not saved across a call, or its saved copy overwritten); the frames above are the calls still open)`);
  }
  if (calls.isUnsure(p.pid)) {
    lines.push(`(not sure: pid ${p.pid} ran instructions the debugger could not decode first; frames may be missing)`);
  } else if (frames.length === 0 && ra !== 0 && raCall !== undefined && isCall(raCall) && ((raCall >>> 20) & 15) === REG_RA && !calls.sawCallReturningTo(p.pid, ra)) {
    lines.push(`(not sure: ra ${hex(ra)} follows a call at ${hex(ra - 4)}${at(ra - 4)} that the debugger did not see; it may be stale)`);
  }
  return lines.join('\n');
}

const staticCallees = new WeakMap<ProgramImage, readonly number[]>();

/**
 * Where functions start, ascending: the entry point, the target of every
 * `jal` in the text that links a register (`call label`), the target of
 * every `j` that code cannot fall into (the word before it is a `j`, a
 * `ret` or an exit, and no branch reaches it: a function only tail calls
 * reach, a shared tail; a loop's label is fallen into),
 * and every callee the debugger saw called (through a register too) that
 * is a label.
 */
function functionStarts(image: ProgramImage, calls: CallTracker): number[] {
  let fixed = staticCallees.get(image);
  if (fixed === undefined) {
    const found = new Set<number>([image.entry >>> 0]);
    const words = new DataView(image.text.buffer, image.text.byteOffset, image.text.byteLength & ~3);
    const wordAt = (a: number): number | undefined => (a >= TEXT_BASE && a - TEXT_BASE < words.byteLength ? words.getUint32(a - TEXT_BASE, true) : undefined);
    // A label a conditional branch reaches is its function's own code (the parent's side of a fork's bnez),
    // even where the word before it ends the flow, so a j to it does not make it a function start.
    const branched = new Set<number>();
    for (let i = 0; i < words.byteLength; i += 4) {
      const word = words.getUint32(i, true);
      const op = word >>> 24;
      if (op >= Op.BEQ && op <= Op.BGEU) branched.add((TEXT_BASE + i + 4 + 4 * ((word << 16) >> 16)) >>> 0);
    }
    for (let i = 0; i < words.byteLength; i += 4) {
      const word = words.getUint32(i, true);
      if (word >>> 24 !== Op.JAL) continue;
      const pc = TEXT_BASE + i;
      const target = (pc + 4 + 4 * ((word << 12) >> 12)) >>> 0;
      if (((word >>> 20) & 15) !== 0 || (!branched.has(target) && (endsFlow(wordAt(target - 4)) || endsInExit(wordAt, target - 4)))) found.add(target);
    }
    fixed = [...found];
    staticCallees.set(image, fixed);
  }
  // Callees seen at run time count where they are labels of this program (other programs' calls are not its functions).
  const seen = [...calls.callees].filter((a) => image.symbols.some((x) => x.section === 'text' && x.value === a));
  return [...new Set([...fixed, ...seen])].sort((a, b) => a - b);
}

/** True for a word after which code does not fall through: a jump that links nothing (`j`, `ret`, `jalr r0, ...`). */
function endsFlow(word: number | undefined): boolean {
  if (word === undefined) return false;
  const op = word >>> 24;
  return (op === Op.JAL || op === Op.JALR) && ((word >>> 20) & 15) === 0;
}

/** r1 holds a system call's number (exit is 0); the exit test looks this many words back for what set it. */
const REG_SYSCALL_NUMBER = 1;
const EXIT_LOOKBACK_WORDS = 8;

/**
 * True when the word at `address` is a `syscall` whose r1 the straight-line
 * code before it sets to 0 (`li r1, 0`, or `mv r1, zero`): an exit, after
 * which code does not fall through either (a child's exit path before the
 * parent's code, a function's exit before a shared tail).
 */
function endsInExit(wordAt: (a: number) => number | undefined, address: number): boolean {
  if (wordAt(address) !== Op.SYSCALL << 24) return false;
  for (let a = address - 4, n = 0; n < EXIT_LOOKBACK_WORDS; a -= 4, n++) {
    const word = wordAt(a);
    if (word === undefined) return false;
    const op = word >>> 24;
    if ((op >= Op.BEQ && op <= Op.BGEU) || op === Op.JAL || op === Op.JALR || op === Op.SYSCALL) return false;
    if (op === Op.SW || op === Op.SB || ((word >>> 20) & 15) !== REG_SYSCALL_NUMBER) continue;
    const rs1 = (word >>> 16) & 15;
    const imm = word & 0xffff;
    if (op === Op.ADDI || op === Op.ORI || op === Op.XORI) return rs1 === 0 && imm === 0;
    if (op === Op.ADD || op === Op.OR || op === Op.XOR) return rs1 === 0 && ((word >>> 12) & 15) === 0;
    return false;
  }
  return false;
}

/** The greatest function start at or below `address`. */
function functionAt(starts: readonly number[], address: number): number | undefined {
  let found: number | undefined;
  for (const s of starts) {
    if (s > address) break;
    found = s;
  }
  return found;
}

/** The text label at or below `address`, if any. */
function nearestLabel(image: ProgramImage | undefined, address: number): number | undefined {
  let found: number | undefined;
  for (const x of image?.symbols ?? []) if (x.section === 'text' && x.value <= address && (found === undefined || x.value > found)) found = x.value;
  return found;
}
