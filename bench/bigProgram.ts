// A large, realistic assembly program for timing the assembler (issue 18):
// labels, every instruction format and pseudo-instruction, `.equ`, data
// directives, comments and expressions. Dense on purpose: only 4% of its
// lines are blank or comments (which the assembler skips without parsing),
// and two thirds of the others are distinct. Deterministic: the same line
// count gives the same text, so its image can be pinned by a hash.
//
//   node dist/bench/bigProgram.js [LINES] > big.s
import { pathToFileURL } from 'node:url';

/** A small deterministic generator (an LCG), so that registers and constants vary as in written code. */
function random(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state >>> 8) % n;
  };
}

/** One block of ~48 lines; `k` makes its labels and constants unique. */
function block(k: number): string[] {
  const pick = random(k + 1);
  const r = (): string => `r${pick(13) + 1}`;
  return [
    `; block ${k}: a loop over a small table`,
    `        .equ COUNT_${k}, ${(k % 50) + 4}`,
    `        .equ STEP_${k}, COUNT_${k} - COUNT_${k} + 4`,
    `f${k}:   push ra                 # save the link`,
    `        addi sp, sp, -${4 * (pick(8) + 2)}`,
    `        sw   ${r()}, 4(sp)`,
    `        sw   ${r()}, 8(sp)`,
    `        li   ${r()}, COUNT_${k}`,
    `        li   ${r()}, 0x${(k * 2654435761 >>> 0).toString(16)}`,
    `        la   ${r()}, table_${k}`,
    `loop_${k}:`,
    `        lw   ${r()}, 0(${r()})`,
    `        lb   ${r()}, ${pick(64)}(${r()})`,
    `        lbu  ${r()}, STEP_${k} - 1(${r()})`,
    `        add  ${r()}, ${r()}, ${r()}`,
    `        sub  ${r()}, ${r()}, ${r()}   ; difference`,
    `        and  ${r()}, ${r()}, ${r()}`,
    `        or   ${r()}, ${r()}, ${r()}`,
    `        xor  ${r()}, ${r()}, ${r()}`,
    `        shl  ${r()}, ${r()}, ${r()}`,
    `        mul  ${r()}, ${r()}, ${r()}`,
    `        divu ${r()}, ${r()}, ${r()}`,
    `        andi ${r()}, ${r()}, 0x${pick(0x10000).toString(16)}`,
    `        ori  ${r()}, ${r()}, 0b1010`,
    `        shli ${r()}, ${r()}, ${pick(32)}`,
    `        slti ${r()}, ${r()}, -${pick(1000)}`,
    `        sw   ${r()}, 0(${r()})`,
    `        sb   ${r()}, STEP_${k}(${r()})`,
    `        addi ${r()}, ${r()}, STEP_${k}`,
    `        addi ${r()}, ${r()}, -1`,
    `        bnez ${r()}, loop_${k}`,
    `        bgt  ${r()}, ${r()}, done_${k}`,
    `        beq  ${r()}, zero, f${k}`,
    ``,
    `done_${k}: lw ${r()}, 8(sp)`,
    `        lw   ${r()}, 4(sp)`,
    `        addi sp, sp, 16`,
    `        pop  ra`,
    `        mv   r1, ${r()}`,
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
