// What to write instead when a statement's operands are a beginner's
// classic slip: the right operands in the wrong order (`sw 0(sp), r1`,
// `addi r3, 5, r1`), a base and offset given as two operands
// (`lw r2, r1, 4`), a system call's number given to `syscall`, a branch
// against zero without its zero or against a number, or `li`/`la` and `mv` swapped. Only refused statements come here.
import { isExpr, type Operand, type Statement } from './ast.js';
import { exprText, looksLikeRegister } from './operands.js';
import type { OperandShape } from '../cpu/isa.js';

const LOADS_STORES: ReadonlySet<OperandShape> = new Set(['rmem', 'smem']);

/** "; ..." naming the fix for `s`, refused for its operands (`shape` is the real instruction's, if it is one), or "". */
export function operandOrderHint(s: Statement, shape: OperandShape | undefined): string {
  const ops = s.operands;
  const kinds = ops.map(kindOf).join(' ');
  if (s.name === 'syscall' && ops.length === 1) {
    return `; the call's number goes in r1: 'li r1, ${textOf(ops[0]!)}' then 'syscall'`;
  }
  if (shape === 'smem' && kinds === 'mem reg') return `; the register to store comes first: '${s.name} ${textOf(ops[1]!)}, ${textOf(ops[0]!)}'`;
  if (shape !== undefined && LOADS_STORES.has(shape) && kinds === 'reg reg imm') {
    return `; the offset and the base register are one operand: '${s.name} ${textOf(ops[0]!)}, ${textOf(ops[2]!)}(${textOf(ops[1]!)})'`;
  }
  if (shape !== undefined && LOADS_STORES.has(shape) && kinds === 'reg reg') {
    return `; for the word ${textOf(ops[1]!)} points to write '${s.name} ${textOf(ops[0]!)}, 0(${textOf(ops[1]!)})'`;
  }
  if (shape === 'jalr' && kinds === 'reg reg') return `; write '${s.name} ${textOf(ops[0]!)}, 0(${textOf(ops[1]!)})'`;
  if (shape === 'rri' && kinds === 'reg imm reg') {
    return `; the value comes last: '${s.name} ${textOf(ops[0]!)}, ${textOf(ops[2]!)}, ${textOf(ops[1]!)}'`;
  }
  if ((s.name === 'li' || s.name === 'la') && kinds === 'reg reg') return `; to copy a register write 'mv ${textOf(ops[0]!)}, ${textOf(ops[1]!)}'`;
  if (s.name === 'mv' && kinds === 'reg imm' && ops[1]!.kind !== 'sym') return `; to load a value write 'li ${textOf(ops[0]!)}, ${textOf(ops[1]!)}'`;
  if ((shape === 'branch' || SWAPPED_BRANCHES.has(s.name)) && kinds === 'reg imm imm') return branchOnValueHint(s);
  if ((s.name === 'beq' || s.name === 'bne') && kinds === 'reg imm') {
    return `; to compare with zero write '${s.name}z ${textOf(ops[0]!)}, ${textOf(ops[1]!)}'`;
  }
  return '';
}

/** The pseudo-branches that swap their registers into a real one (asm/pseudo.ts). */
const SWAPPED_BRANCHES: ReadonlySet<string> = new Set(['bgt', 'ble', 'bgtu', 'bleu']);

/** `beq r1, 0, done`: a branch compares two registers; zero is r0, any other value goes into a register first. */
function branchOnValueHint(s: Statement): string {
  const [a, v, target] = s.operands.map(textOf) as [string, string, string];
  if (v === '0') {
    const z = s.name === 'beq' || s.name === 'bne' ? ` (or '${s.name}z ${a}, ${target}')` : '';
    return `; a branch compares two registers: for zero write '${s.name} ${a}, r0, ${target}'${z}`;
  }
  return `; a branch compares two registers: load ${v} into a spare register first ('li REG, ${v}'), then write '${s.name} ${a}, REG, ${target}'`;
}

function kindOf(o: Operand): string {
  if (!isExpr(o)) return o.kind;
  return o.kind === 'sym' && looksLikeRegister(o.name) ? 'reg' : 'imm';
}

function textOf(o: Operand): string {
  if (isExpr(o)) return exprText(o);
  if (o.kind === 'mem') return `${o.offset === null ? '' : exprText(o.offset)}(${o.base})`;
  return '"..."';
}
