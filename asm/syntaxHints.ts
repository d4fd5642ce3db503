// What a line that does not parse most likely meant, when the mistake is a
// habit from another assembler or language: MIPS's `$t0`, ARM's `#4` and
// `[sp, #4]`, C's `/* */`, GNU's `N = 5` and `1:`, a label without its
// colon, an unquoted `.include`. The message says what to write here
// instead (docs/assembly.md, "Errors"). Only failed lines come here.
import type { Span } from './ast.js';
import { diag, type Diagnostic } from './errors.js';
import { foreignRegisterHint, labelColonHint } from './hints.js';
import { DIRECTIVES } from './layout.js';
import { REGISTER_HELP, registerNumber } from './operands.js';
import { PSEUDOS } from './pseudo.js';
import { BY_NAME } from '../cpu/isa.js';

const NAME = '[A-Za-z_][A-Za-z0-9_.$]*';
/** An optional `label:` at the start of a line, as group 1 with its spaces. */
const LABEL = `\\s*(?:${NAME}\\s*:\\s*)?`;

const UNQUOTED_INCLUDE = new RegExp(`^(${LABEL})(\\.include\\b\\s*)([^"\\s;#][^;#]*?)\\s*(?:[;#].*)?$`, 'i');
// `#` right where an operand starts, followed by what looks like a value (`#4`, `#-1`, `#0x10`, `#'a'`), not by a comment's words.
const HASH_OPERAND = new RegExp(`^(${LABEL}${NAME}\\s+(?:[^;#"']*,\\s*)?)#([-+0-9'][^\\s,;#]*)`);
const NO_COLON = new RegExp(`^(\\s*)(${NAME})[ \\t]+(\\.?${NAME})`);

function isKeyword(name: string): boolean {
  const n = name.toLowerCase();
  return BY_NAME.has(n) || PSEUDOS.has(n) || (DIRECTIVES as readonly string[]).includes(n);
}

/** A whole message for a line whose mistake is plain from its text alone, or undefined. */
export function lineMistake(text: string, line: number): Diagnostic | undefined {
  const include = UNQUOTED_INCLUDE.exec(text);
  if (include !== null) {
    const column = include[1]!.length + include[2]!.length + 1;
    return diag({ line, column, length: include[3]!.length }, `'.include' takes one file name in double quotes, like .include "${include[3]}"`);
  }
  // `#` starts a comment here, so `addi r1, r1, #4` lost its last operand.
  const hash = HASH_OPERAND.exec(text);
  if (hash !== null) {
    return diag({ line, column: hash[1]!.length + 1, length: 1 },
      `'#' starts a comment, so the operand after it is missing; write the value without '#': '${hash[2]}'`);
  }
  const numeric = /^(\s*)([0-9][A-Za-z0-9_]*)\s*:/.exec(text);
  if (numeric !== null) {
    return diag({ line, column: numeric[1]!.length + 1, length: numeric[2]!.length },
      `'${numeric[2]}' cannot be a label: a label is a name that starts with a letter or '_' (there are no numeric labels like '1:')`);
  }
  const noColon = NO_COLON.exec(text);
  if (noColon !== null && !isKeyword(noColon[2]!) && isKeyword(noColon[3]!)) {
    const name = noColon[2]!;
    return diag({ line, column: noColon[1]!.length + 1, length: name.length }, `unknown instruction '${name}'${labelColonHint(name)}`);
  }
  return undefined;
}

/** A whole message for the token where the parse failed, when it is a register written MIPS's way (`$t0`, `$sp`). */
export function tokenMistake(token: string, span: Span): Diagnostic | undefined {
  if (!token.startsWith('$') || token.length < 2) return undefined;
  const bare = token.slice(1);
  if (registerNumber(bare) !== undefined) return diag(span, `${token} is not a register; write '${bare}', without the '$'`);
  return diag(span, `${token} is not a register; ${REGISTER_HELP}, written without '$'${foreignRegisterHint(bare)}`);
}

/** "; ..." to add to the generic "unexpected X; expected Y" message, or "". */
export function habitHint(text: string, pos: number, token: string): string {
  if (text.startsWith('//', pos) || text.startsWith('/*', pos)) return `; comments start with ';' or '#', not '${text.slice(pos, pos + 2)}'`;
  if (token === '[') return '; a memory operand is written offset(register), like 4(sp), not in [ ]';
  const equ = new RegExp(`^${LABEL}\\.equ\\s+(${NAME})\\s+([^,;#\\s][^,;#]*?)\\s*(?:[;#].*)?$`, 'i').exec(text);
  if (equ !== null) return `; '.equ' takes 'NAME, value': write '.equ ${equ[1]}, ${equ[2]}'`;
  const equals = new RegExp(`^\\s*(${NAME})\\s*=\\s*([^;#]*?)\\s*(?:[;#].*)?$`).exec(text);
  if (token === '=' && equals !== null) return `; to define a constant write '.equ ${equals[1]}, ${equals[2] || 'value'}'`;
  return '';
}
