// Constants given from outside the source (`-D PAGES=64` on the command
// line): a program's `.equ PAGES, 16` is its default, and a define replaces
// it, so that one source can be run, swept or debugged with other sizes
// without being edited (OSTEP's tlb.c takes its page count as an argument).
// A define may also name a symbol the program uses and never defines.
import type { LineAst, Operand } from './ast.js';
import { WORD_MAX, WORD_MIN } from './expressions.js';
import { looksLikeRegister } from './operands.js';

/** NAME to value, in the order given. */
export type Defines = ReadonlyMap<string, number>;

const NAME = /^[A-Za-z_][A-Za-z0-9_.$]*$/;

/** A number as the assembler reads one: decimal, 0x hex or 0b binary, with an optional minus, `_` between digits. */
function readValue(text: string): number | undefined {
  const m = /^(-?)(0x[0-9a-f_]+|0b[01_]+|[0-9][0-9_]*)$/i.exec(text.trim());
  if (m === null) return undefined;
  const digits = m[2]!.replace(/_/g, '');
  const magnitude = /^0x/i.test(digits) ? parseInt(digits.slice(2), 16) : /^0b/i.test(digits) ? parseInt(digits.slice(2), 2) : Number(digits);
  return m[1] === '-' ? -magnitude : magnitude;
}

/** `NAME=VALUE` as typed, or why it is not one (the caller names the flag). */
export function parseDefine(text: string): { name: string; value: number } | string {
  const eq = text.indexOf('=');
  if (eq < 0) return `expected NAME=VALUE, like PAGES=64, got '${text}'`;
  const name = text.slice(0, eq).trim();
  if (!NAME.test(name)) return `'${name}' is not a name the assembler takes (a letter or _, then letters, digits, _ . $)`;
  if (looksLikeRegister(name)) return `'${name}' is a register name, not a constant`;
  const value = readValue(text.slice(eq + 1));
  if (value === undefined) return `${name}: expected a whole number (like 64, -1 or 0x1000), got '${text.slice(eq + 1)}'`;
  if (value < WORD_MIN || value > WORD_MAX) return `${name}: ${text.slice(eq + 1).trim()} does not fit in 32 bits`;
  return { name, value };
}

/** Every name an operand of the program refers to (labels and constants alike). */
export function namesUsed(lines: readonly LineAst[]): Set<string> {
  const used = new Set<string>();
  const visit = (o: Operand | null): void => {
    if (o === null) return;
    switch (o.kind) {
      case 'sym': used.add(o.name); return;
      case 'neg': visit(o.operand); return;
      case 'binop': visit(o.left); visit(o.right); return;
      case 'mem': visit(o.offset); return;
      default: return;
    }
  };
  for (const l of lines) for (const o of l.statement?.operands ?? []) visit(o);
  return used;
}
