// Address and value expressions: terms joined by + and -, each a number
// (decimal or 0x hex), a register (r0..r15, zero, fp, sp, ra, pc, with or
// without $) or a label of the program. A bare name is a register first:
// `$` forces a register, and a label that shares a register's name can be
// written with a leading `&` (`&sp`). No spaces inside an expression.
// Here, in the library, because both debuggers read it: the terminal's
// (cli/debug: `x sp+8`, `watch counter`) and the page's Watch (web/watch.ts).
import { REGISTER_ALIASES } from '../cpu/isa.js';
import { didYouMean } from '../asm/errors.js';
import { syscallNamed } from '../asm/syscallNames.js';
import { DebugError } from './debugError.js';

export interface ExpressionScope {
  /** r0..r15 by number, and the pc as 16. */
  register(index: number): number;
  /** The label's address, or undefined. */
  symbol(name: string): number | undefined;
  /** For messages: whose labels these are. */
  readonly owner: string;
  /** The labels there are, for a did-you-mean when a name is none of them. */
  readonly names?: () => Iterable<string>;
}

export const PC_INDEX = 16;

/** A register's index (16 for pc) from its name, with or without `$`; undefined for none. */
export function registerIndex(name: string): number | undefined {
  const bare = name.startsWith('$') ? name.slice(1).toLowerCase() : name.toLowerCase();
  if (bare === 'pc') return PC_INDEX;
  const m = /^r(\d{1,2})$/.exec(bare);
  if (m !== null) return Number(m[1]) < 16 ? Number(m[1]) : undefined;
  return REGISTER_ALIASES.get(bare);
}

/** The numeric text of a term, or undefined when it is not a number. */
export function parseNumber(text: string): number | undefined {
  return /^(0x[0-9a-f]+|\d+)$/i.test(text) ? Number(text) : undefined;
}

/** The value of `text` as an unsigned 32-bit number. */
export function evaluate(text: string, scope: ExpressionScope): number {
  if (text === '') throw new DebugError('an expression is missing');
  const terms = text.split(/(?=[+-])/);
  let sum = 0;
  for (const raw of terms) {
    const sign = raw.startsWith('-') ? -1 : 1;
    const term = raw.replace(/^[+-]/, '');
    sum += sign * termValue(term, scope, text);
  }
  if (!Number.isSafeInteger(sum) || sum > 0xffffffff || sum < -0x80000000) throw new DebugError(`'${text}' is not a 32-bit value`);
  return sum >>> 0;
}

function termValue(term: string, scope: ExpressionScope, whole: string): number {
  if (term === '') throw new DebugError(`'${whole}' is not an expression (a term is missing)`);
  const n = parseNumber(term);
  if (n !== undefined) return n;
  const reg = registerIndex(term);
  if (reg !== undefined && !term.startsWith('&')) return scope.register(reg) >>> 0;
  if (term.startsWith('$')) throw new DebugError(`'${term}' is not a register (r0..r15, zero, fp, sp, ra, pc)`);
  const name = term.startsWith('&') ? term.slice(1) : term;
  const value = /^[A-Za-z_.][\w.$]*$/.test(name) ? scope.symbol(name) : undefined;
  if (value === undefined) {
    const near = scope.names === undefined ? '' : didYouMean(term, scope.names());
    // 'break exit', as in gdb on a C program: here exit is no function but a system call (a near label says more).
    const call = near === '' ? syscallNamed(name) : undefined;
    const hint = call === undefined ? near : `; ${call.name} is system call ${call.number}, not a label: break-trap syscall stops after each system call`;
    throw new DebugError(`'${term}' is neither a number, a register nor a label of ${scope.owner}${hint}`);
  }
  return value;
}
