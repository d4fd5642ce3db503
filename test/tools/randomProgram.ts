// Random but terminating guest programs for the differential test of the
// reference CPU: loops of random ALU work, loads and stores over four data
// pages, the stack and the heap, with the odd yield, fork and fault.
import { Prng } from '../../mmu/prng.js';
import type { ProgramInput } from '../../kernel/run.js';
import { source } from '../e2e/harness.js';

const ALU = ['add', 'sub', 'and', 'or', 'xor', 'shl', 'shr', 'sra', 'slt', 'sltu', 'mul'];
const ALUI = ['addi', 'andi', 'ori', 'xori', 'shli', 'shri', 'srai', 'slti', 'sltiu'];

/** r1..r8 set to random values (the same draws, in order, for every generator). */
function randomRegisters(rng: Prng): string[] {
  return Array.from({ length: 8 }, (_, i) => `  li r${i + 1}, ${rng.below(0x7fffffff) - 0x3fffffff}`);
}

/** The end of every random program: write the first 64 bytes of buf, exit with r5's low byte. */
const REPORT_AND_EXIT = ['  li r1, 1', '  li r2, 1', '  la r3, buf', '  li r4, 64', '  syscall', '  li r1, 0', '  andi r2, r5, 255', '  syscall'];
/** The four data pages the programs load from and store to (r10 points at them). */
const DATA = ['.data', 'buf: .space 16384'];

/** A random but terminating program: loops of random ALU work, loads and stores over 4 data pages, the stack and the heap. */
export function randomProgram(seed: number): ProgramInput {
  const rng = new Prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[rng.below(xs.length)]!;
  const r = (): string => `r${1 + rng.below(8)}`;
  const body: string[] = [];
  const length = 20 + rng.below(40);
  for (let i = 0; i < length; i++) {
    const k = rng.below(100);
    if (k < 30) body.push(`${pick(ALU)} ${r()}, ${r()}, ${r()}`);
    else if (k < 50) body.push(`${pick(ALUI)} ${r()}, ${r()}, ${rng.below(32)}`);
    else if (k < 62) body.push(`andi r12, ${r()}, 0x3ffc`, 'add r12, r10, r12', `lw ${r()}, 0(r12)`);
    else if (k < 74) body.push(`andi r12, ${r()}, 0x3fff`, 'add r12, r10, r12', `sb ${r()}, 0(r12)`);
    else if (k < 82) body.push(`andi r12, ${r()}, 0x3ffc`, 'add r12, r10, r12', `sw ${r()}, 0(r12)`);
    else if (k < 86) body.push(`andi r12, ${r()}, 0x3fff`, 'add r12, r10, r12', `lb ${r()}, 0(r12)`);
    else if (k < 89) body.push(`push ${r()}`, `pop ${r()}`);
    else if (k < 91) body.push(`rdcycle ${r()}`);
    else if (k < 93) body.push('li r1, 7', 'syscall');
    else if (k < 95) body.push(`andi r12, ${r()}, 0x1ffc`, 'add r12, r11, r12', `sw ${r()}, 0(r12)`);
    else if (k < 97) body.push(`andi r12, ${r()}, 0xffc`, 'sub r12, sp, r12', `lw ${r()}, -4(r12)`);
    else if (k < 98) body.push(`ori r12, ${r()}, 1`, `divu ${r()}, ${r()}, r12`);
    else body.push(`li r1, 4`, 'syscall');
  }
  const ending = rng.below(10) === 0 ? 'lw r1, 0(r0)' : 'nop';
  const text = [
    '_start:',
    '  li r1, 6', '  li r2, 8192', '  syscall', '  mv r11, r1', // r11 = two heap pages
    '  la r10, buf',
    ...randomRegisters(rng),
    `  li r9, ${5 + rng.below(40)}`,
    'outer:',
    ...body.map((l) => `  ${l}`),
    '  addi r9, r9, -1',
    '  bnez r9, outer',
    `  ${ending}`,
    ...REPORT_AND_EXIT,
    ...DATA,
  ].join('\n');
  return source(`random-${seed}.s`, text);
}

/**
 * A random but terminating program with the control flow the block compiler
 * goes on through (docs/engine.md): ifs (a branch forward over a few
 * instructions, loads and stores among them, sometimes over another branch
 * or over more than a block may skip), calls of two leaf routines, and jumps
 * forward, inside the same outer loop over the same data as randomProgram.
 */
export function randomBranchyProgram(seed: number): ProgramInput {
  const rng = new Prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[rng.below(xs.length)]!;
  const r = (): string => `r${1 + rng.below(8)}`;
  const BRANCHES = ['beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu'];
  let labels = 0;
  const plain = (): string[] => {
    const k = rng.below(10);
    if (k < 4) return [`${pick(ALU)} ${r()}, ${r()}, ${r()}`];
    if (k < 6) return [`${pick(ALUI)} ${r()}, ${r()}, ${rng.below(32)}`];
    if (k < 8) return [`andi r12, ${r()}, 0x3ffc`, 'add r12, r10, r12', `lw ${r()}, 0(r12)`];
    return [`andi r12, ${r()}, 0x3fff`, 'add r12, r10, r12', `sb ${r()}, 0(r12)`];
  };
  const body: string[] = [];
  const length = 10 + rng.below(20);
  for (let i = 0; i < length; i++) {
    const k = rng.below(100);
    const label = `L${labels++}`;
    if (k < 40) {
      // An if over 1-6 plain lines (1-18 instructions: some more than a block may skip).
      body.push(`${pick(BRANCHES)} ${r()}, ${r()}, ${label}`);
      for (let n = 1 + rng.below(6); n > 0; n--) body.push(...plain());
      body.push(`${label}:`);
    } else if (k < 48) {
      // An if with another branch inside.
      const inner = `L${labels++}`;
      body.push(`${pick(BRANCHES)} ${r()}, ${r()}, ${label}`, ...plain(), `${pick(BRANCHES)} ${r()}, ${r()}, ${inner}`, ...plain(), `${inner}:`, ...plain(), `${label}:`);
    } else if (k < 60) {
      body.push(`call ${pick(['leaf1', 'leaf2'])}`);
    } else if (k < 66) {
      body.push(`j ${label}`, ...plain(), `${label}:`);
    } else if (k < 68) {
      body.push('li r1, 7', 'syscall');
    } else {
      body.push(...plain());
    }
  }
  const text = [
    '_start:',
    '  la r10, buf',
    ...randomRegisters(rng),
    `  li r9, ${30 + rng.below(40)}`,
    'outer:',
    ...body.map((l) => (l.endsWith(':') ? l : `  ${l}`)),
    '  addi r9, r9, -1',
    '  bnez r9, outer',
    ...REPORT_AND_EXIT,
    `leaf1: ${pick(ALU)} r5, r5, ${r()}`,
    `  ${pick(BRANCHES)} r5, ${r()}, leaf1_done`,
    '  xori r5, r5, 0x55',
    'leaf1_done: ret',
    `leaf2: andi r12, ${r()}, 0x3ffc`, '  add r12, r10, r12', '  sw r5, 0(r12)', '  ret',
    ...DATA,
  ].join('\n');
  return source(`branchy-${seed}.s`, text);
}
