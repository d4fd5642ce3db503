// What a student who knows gdb types first: taken as gdb takes it where the
// debugger has the same thing (print, x/4x, set $r1 = 5, bt full, info reg),
// else answered with what does the same here (list, display ...).
import type { Kernel } from '../../kernel/kernel.js';
import { hex } from '../../kernel/proc.js';
import type { Process } from '../../kernel/process.js';
import { wordOf } from '../../views/index.js';
import { DebugError } from '../../views/debugError.js';
import { evaluate, type ExpressionScope } from '../../views/expression.js';
import { memoryText } from './views.js';

const LIST = 'disasm shows the code around pc with its source lines (disasm ADDR N for elsewhere)';
const UNTIL = 'break WHERE, then continue';
/** gdb selects a frame to look at; here bt shows them all (and `frames` is the physical frame table). */
export const FRAME_HINT = 'bt lists every frame at once, each with its call site and line; there is no selected frame (x sp+N reads what a frame saved on the stack; frames is the physical frame table)';
const ACCESS_WATCH = 'watch page ADDR stops after any load, store or fetch in the page that holds ADDR (watch ADDR when the word changes)';
const CONDITION = "breakpoints have no conditions here: continue N goes on past N - 1 stops (gdb's ignore), and watch REG stops when a register changes";

/** gdb commands the debugger does not have, and what to type instead. */
export const GDB_HINTS: ReadonlyMap<string, string> = new Map([
  ['list', LIST], ['l', LIST],
  ['display', 'print EXPR shows a value once (regs shows every register)'],
  ['start', 'the programs stand at their first instruction already: step, or break WHERE then continue'],
  ['jump', 'set pc ADDR moves the pc (then step or continue)'],
  ['until', UNTIL], ['advance', UNTIL],
  ['kill', 'quit leaves; restart starts the programs again'],
  ['frame', FRAME_HINT], ['f', FRAME_HINT], ['up', FRAME_HINT], ['down', FRAME_HINT],
  ['condition', CONDITION], ['ignore', CONDITION],
  ['rwatch', ACCESS_WATCH], ['awatch', ACCESS_WATCH],
]);

/**
 * print's `/FMT`: gdb's p/x and p/d are what print shows already (hex and
 * decimal at once), so they are dropped; other formats are refused by name.
 */
export function checkPrintFormat(cmd: string, suffix: string): void {
  if (/^[xdu]$/i.test(suffix)) return;
  throw new DebugError(`${cmd}: /${suffix} is not a format print has; print shows a value in hex and decimal at once (p/x and p/d are the same as p)`);
}

/** `print EXPR`: the value, in hex and decimal; `print *EXPR`: the word at that address. */
export function printText(k: Kernel, p: Process, expr: string | undefined, scope: ExpressionScope): string {
  if (expr === undefined) throw new DebugError('print: give an expression, e.g. print r1, print buf+4, print *sp (help print)');
  if (!expr.startsWith('*')) return `${expr} = ${valueText(evaluate(expr, scope))}`;
  const address = evaluate(expr.slice(1), scope) >>> 0;
  const word = wordOf(k, p, (address & ~3) >>> 0);
  return word === undefined ? `${expr}: ${memoryText(k, p, address, 1)}` : `${expr} = ${valueText(word)}`;
}

function valueText(v: number): string {
  return (v | 0) < 0 ? `${hex(v)} (${v >>> 0}, ${v | 0} signed)` : `${hex(v)} (${v >>> 0})`;
}

/**
 * x's `/SUFFIX` as a count: gdb's `x/4x` and `x/4w` (hex words) are what x
 * shows, so those letters are dropped; other formats are refused by name.
 */
export function examineCount(suffix: string): string {
  const m = /^(\d*)([a-z]*)$/i.exec(suffix);
  const letters = m?.[2]?.toLowerCase() ?? '';
  if (m === null || /[^xw]/.test(letters)) {
    const named = letters.includes('s') ? "gdb's string format only alone (x/s ADDR, x/3s ADDR)" : letters.includes('i') ? "gdb's instruction format (disasm ADDR shows instructions)" : 'not a format x has';
    throw new DebugError(`x: /${suffix} is ${named}; x shows words in hex with their bytes as text (x/COUNT ADDR, e.g. x/4 buf)`);
  }
  return m[1] === '' ? '8' : m[1]!;
}

/** gdb's `set $r1 = 5` and `set r1=5`: the same as `set r1 5`. */
export function setArgs(args: readonly string[]): string[] {
  const joined = args.join(' ');
  const m = /^(\S+?)\s*=\s*(\S+)(?:\s+(\S+))?$/.exec(joined);
  if (m === null) return [...args];
  return [m[1]!.replace(/^\$(?=[a-z])/i, ''), m[2]!, ...(m[3] === undefined ? [] : [m[3]])];
}
