// A large, realistic assembly program for timing the assembler (issue 18):
// labels, every instruction format and pseudo-instruction, `.equ`, data
// directives, comments and expressions, in the proportions of hand-written
// code (about a fifth of the lines blank or comments). Deterministic: the
// same line count gives the same text, so its image can be pinned by a hash.
//
//   node dist/bench/bigProgram.js [LINES] > big.s
import { pathToFileURL } from 'node:url';

/** One block of ~40 lines; `k` makes its labels and constants unique. */
function block(k: number): string[] {
  const r = (n: number): string => `r${(k + n) % 13 + 1}`;
  return [
    `; block ${k}: a loop over a small table`,
    `        .equ COUNT_${k}, ${(k % 50) + 4}`,
    `        .equ STEP_${k}, COUNT_${k} - COUNT_${k} + 4`,
    `f${k}:   push ra                 # save the link`,
    `        addi sp, sp, -16`,
    `        sw   ${r(0)}, 4(sp)`,
    `        sw   ${r(1)}, 8(sp)`,
    `        li   ${r(0)}, COUNT_${k}`,
    `        li   ${r(1)}, 0x${(k * 2654435761 >>> 0).toString(16)}`,
    `        la   ${r(2)}, table_${k}`,
    `loop_${k}:`,
    `        lw   ${r(3)}, 0(${r(2)})`,
    `        lb   ${r(4)}, 1(${r(2)})`,
    `        lbu  ${r(5)}, STEP_${k} - 1(${r(2)})`,
    `        add  ${r(6)}, ${r(3)}, ${r(4)}`,
    `        sub  ${r(7)}, ${r(6)}, ${r(5)}   ; difference`,
    `        and  ${r(8)}, ${r(7)}, ${r(1)}`,
    `        or   ${r(8)}, ${r(8)}, ${r(3)}`,
    `        xor  ${r(9)}, ${r(8)}, ${r(6)}`,
    `        shl  ${r(9)}, ${r(9)}, ${r(0)}`,
    `        mul  ${r(10)}, ${r(9)}, ${r(4)}`,
    `        divu ${r(10)}, ${r(10)}, ${r(0)}`,
    `        andi ${r(11)}, ${r(10)}, 0xff`,
    `        ori  ${r(11)}, ${r(11)}, 0b1010`,
    `        shli ${r(12)}, ${r(11)}, ${k % 32}`,
    `        slti ${r(12)}, ${r(12)}, -${k % 1000}`,
    `        sw   ${r(12)}, 0(${r(2)})`,
    `        sb   ${r(11)}, STEP_${k}(${r(2)})`,
    `        addi ${r(2)}, ${r(2)}, STEP_${k}`,
    `        addi ${r(0)}, ${r(0)}, -1`,
    `        bnez ${r(0)}, loop_${k}`,
    `        bgt  ${r(1)}, ${r(3)}, done_${k}`,
    `        beq  ${r(1)}, zero, f${k}`,
    ``,
    `done_${k}: lw ${r(1)}, 8(sp)`,
    `        lw   ${r(0)}, 4(sp)`,
    `        addi sp, sp, 16`,
    `        pop  ra`,
    `        mv   r1, ${r(6)}`,
    `        not  r2, r1`,
    `        ret`,
    `        .data`,
    `table_${k}: .word ${k}, -${k}, table_${k} + 4, 'x'`,
    `        .byte 1, 2, 0xff, '\\n'`,
    `        .ascii "block ${k}; not a comment\\n"`,
    `        .align 4`,
    `        .space ${(k % 3) * 4}`,
    `        .text`,
  ];
}

/** A program of exactly `lines` lines (at least 20) that assembles. */
export function bigProgram(lines: number): string {
  const head = [
    '; a generated program for timing the assembler (bench/bigProgram.ts)',
    '        .equ SYS_EXIT, 0',
    '        .text',
    '_start: jal  f0',
    '        call f0',
    '        rdcycle r3',
    '        jalr r0, 0(ra)',
    '        li   r1, SYS_EXIT',
    '        li   r2, 0',
    '        syscall',
    '        halt',
  ];
  const out = [...head];
  let k = 0;
  const body = lines - 1; // the last line is `.text` with no newline after
  while (out.length + block(k).length <= body) out.push(...block(k++));
  while (out.length < body) out.push(`        nop                     ; filler ${out.length}`);
  out.push('        .text');
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const n = Number(process.argv[2] ?? '10000');
  if (!Number.isInteger(n) || n < 20) {
    process.stderr.write('usage: node dist/bench/bigProgram.js [LINES >= 20]\n');
    process.exit(2);
  }
  process.stdout.write(bigProgram(n));
}
