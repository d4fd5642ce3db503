// Shared pieces of the fuzzers: random well-formed guest programs as lists of
// small assembly snippets (fast-check shrinks the list, and a failure is
// printed as the assembly it ran), and a checked run that asserts what every
// run must satisfy, whatever the guest does.
import fc from 'fast-check';
import { expect } from 'vitest';
import { assemble } from '../../asm/index.js';
import type { ProgramImage } from '../../asm/image.js';
import type { MachineConfig } from '../../kernel/config.js';
import { checkInvariants } from '../../kernel/invariants.js';
import { collectResult, type RunResult } from '../../kernel/result.js';
import { bootMachine } from '../../kernel/run.js';

/** `npm run fuzz` sets ILLUSION_FUZZ=long: many more runs, same seeds to start from. */
export const LONG = process.env['ILLUSION_FUZZ'] === 'long';
/** Runs of each in-suite fuzzer; `npm run fuzz` multiplies them. */
export function runs(quick: number, long = quick * 50): number {
  return LONG ? long : quick;
}
/** A seed for `npm run fuzz` to start from other than the suite's: ILLUSION_FUZZ_SEED. */
export function seed(fixed: number): number {
  const env = process.env['ILLUSION_FUZZ_SEED'];
  return env === undefined ? fixed : Number(env);
}

/**
 * One snippet of a random program: lines of assembly, where `@` stands for
 * the snippet's index (labels must be unique). Plain data, so that
 * fast-check prints a counterexample readably.
 */
export type Snippet = readonly string[];

const DATA_REGS = ['r5', 'r6', 'r7', 'r8'];
const ANY_REGS = [...DATA_REGS, 'r1', 'r2', 'r3', 'r4', 'r9', 'r12'];
const ALU = ['add', 'sub', 'and', 'or', 'xor', 'shl', 'shr', 'sra', 'slt', 'sltu', 'mul'];
const DIV = ['div', 'divu', 'rem', 'remu'];
const ALUI = ['addi', 'andi', 'ori', 'xori', 'shli', 'shri', 'srai', 'slti', 'sltiu'];
/** Bases of valid memory: .data buffer, heap (after sbrk), mmap region, stack. */
const BASES = ['r10', 'r11', 'r13', 'sp'];
/** Values a hostile program passes as pointers, lengths and numbers. */
const HOSTILE = [0, 1, -1, 4, 4095, 4096, 0x1000, 0x7ffffffc, 0x7fefff00, 0x80000000, 0xfffffffc, 0x7fffffff, 65536, 1 << 20, -4096];

const reg = fc.constantFrom(...DATA_REGS);
const anyReg = fc.constantFrom(...ANY_REGS);
const word = fc.integer({ min: -0x80000000, max: 0xffffffff });
const argValue = fc.oneof(fc.constantFrom(...HOSTILE), word, fc.constantFrom('r10', 'r11', 'r13', 'sp'));

function li(r: string, v: number | string): string {
  return typeof v === 'number' ? `li ${r}, ${v}` : `mv ${r}, ${v}`;
}

/** Straight-line snippets (no labels), usable inside loops. */
const simple: fc.Arbitrary<Snippet> = fc.oneof(
  fc.tuple(fc.constantFrom(...ALU), reg, anyReg, anyReg).map(([op, d, a, b]) => [`${op} ${d}, ${a}, ${b}`]),
  fc.tuple(fc.constantFrom(...ALUI), reg, anyReg, fc.integer({ min: 0, max: 31 })).map(([op, d, a, v]) => [`${op} ${d}, ${a}, ${v}`]),
  fc.tuple(reg, word).map(([d, v]) => [`li ${d}, ${v}`]),
  // Loads and stores at valid addresses: a masked offset from a base that holds memory.
  fc.tuple(fc.constantFrom('lw', 'sw', 'lb', 'lbu', 'sb'), reg, reg, fc.constantFrom(...BASES)).map(([op, v, off, base]) => {
    const mask = op === 'lw' || op === 'sw' ? '0x1ffc' : '0x1fff';
    // The stack grows down from sp: address below it.
    if (base === 'sp') return [`andi r12, ${off}, ${mask}`, 'sub r12, sp, r12', `${op} ${v}, -16(r12)`];
    return [`andi r12, ${off}, ${mask}`, `add r12, ${base}, r12`, `${op} ${v}, 0(r12)`];
  }),
  // Division by a register made odd (never zero).
  fc.tuple(fc.constantFrom(...DIV), reg, anyReg, anyReg).map(([op, d, a, b]) => [`ori r12, ${b}, 1`, `${op} ${d}, ${a}, r12`]),
  fc.tuple(reg, reg).map(([a, b]) => [`push ${a}`, `pop ${b}`]),
  fc.constant(['call leaf']),
  reg.map((d) => [`rdcycle ${d}`]),
);

/** Snippets that usually end the process: random addresses, division by anything. */
const risky: fc.Arbitrary<Snippet> = fc.oneof(
  fc.tuple(fc.constantFrom(...DIV), reg, anyReg, anyReg).map(([op, d, a, b]) => [`${op} ${d}, ${a}, ${b}`]),
  fc.tuple(fc.constantFrom('lw', 'sw', 'lb', 'sb'), reg, word).map(([op, v, a]) => [`li r12, ${a}`, `${op} ${v}, 0(r12)`]),
);

/** A system call with random or hostile arguments. */
const syscall: fc.Arbitrary<Snippet> = fc.tuple(
  fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constantFrom(13, 99, -1, 0x7fffffff)),
  argValue, argValue, argValue,
).map(([n, a, b, c]) => {
  // sleep: a few ticks at most (time skips ahead, but a huge sleep only tests patience).
  const first = n === 11 ? (typeof a === 'number' ? (a >>> 0) % 4 : 1) : a;
  return [li('r2', first), li('r3', b), li('r4', c), `li r1, ${n}`, 'syscall', 'mv r5, r1'];
});

/** Well-formed calls: fork (the child goes on with the same code), sbrk, mmap, munmap, mprotect. */
const memoryCall: fc.Arbitrary<Snippet> = fc.oneof(
  fc.constant(['li r1, 4', 'syscall', 'mv r6, r1']),
  fc.integer({ min: -12288, max: 12288 }).map((d) => [`li r2, ${d}`, 'li r1, 6', 'syscall']),
  fc.tuple(fc.integer({ min: 1, max: 16384 }), fc.constantFrom(1, 3, 5)).map(([len, prot]) => [`li r2, ${len}`, `li r3, ${prot}`, 'li r1, 8', 'syscall', 'mv r7, r1']),
  fc.integer({ min: 1, max: 8192 }).map((len) => ['mv r2, r13', `li r3, ${len}`, 'li r1, 9', 'syscall']),
  fc.tuple(fc.integer({ min: 1, max: 8192 }), fc.constantFrom(0, 1, 3, 5)).map(([len, prot]) => ['mv r2, r13', `li r3, ${len}`, `li r4, ${prot}`, 'li r1, 10', 'syscall']),
  fc.constant(['li r2, 0', 'li r1, 5', 'syscall']),
  fc.constant(['mv r2, r10', 'li r1, 5', 'syscall']),
);

/**
 * Memory pressure: map `pages` pages and store to each (with few frames this
 * evicts, swaps and kills out_of_memory), then read them back.
 */
const sweep: fc.Arbitrary<Snippet> = fc.tuple(fc.integer({ min: 2, max: 40 }), fc.constantFrom('r13', 'mmap')).map(([n, where]) => {
  const pages = where === 'r13' ? 2 : n; // the prologue maps two pages at r13
  return [
  ...(where === 'mmap' ? [`li r2, ${pages * 4096}`, 'li r3, 3', 'li r1, 8', 'syscall', 'mv r12, r1'] : ['mv r12, r13']),
  `li r9, ${pages}`,
  'sweep@:', 'sw r9, 0(r12)', 'lw r6, 0(r12)', 'li r1, 4096', 'add r12, r12, r1', 'addi r9, r9, -1', 'bnez r9, sweep@',
  ];
});

/** A bounded loop around a few simple snippets. */
const loop: fc.Arbitrary<Snippet> = fc.tuple(fc.integer({ min: 1, max: 100 }), fc.array(simple, { minLength: 1, maxLength: 4 })).map(([n, body]) => [
  `li r9, ${n}`, 'loop@:', ...body.flat(), 'addi r9, r9, -1', 'bnez r9, loop@',
]);

/** A forward branch over a few snippets, taken or not. */
const branch: fc.Arbitrary<Snippet> = fc.tuple(fc.constantFrom('beq', 'bne', 'blt', 'bgeu'), reg, reg, fc.array(simple, { minLength: 1, maxLength: 3 })).map(([op, a, b, body]) => [
  `${op} ${a}, ${b}, skip@`, ...body.flat(), 'skip@:',
]);

export const snippet: fc.Arbitrary<Snippet> = fc.oneof(
  { arbitrary: simple, weight: 10 },
  { arbitrary: risky, weight: 1 },
  { arbitrary: syscall, weight: 1 },
  { arbitrary: memoryCall, weight: 3 },
  { arbitrary: loop, weight: 3 },
  { arbitrary: branch, weight: 1 },
  { arbitrary: sweep, weight: 2 },
  { arbitrary: fc.constant(['li r1, 4', 'syscall', 'mv r6, r1']), weight: 2 },
);

export const programArb = fc.array(snippet, { minLength: 1, maxLength: 30 });

/** The program's assembly: prologue (heap, mmap, data base), the snippets, an epilogue that writes and exits. */
export function render(snippets: readonly Snippet[]): string {
  return [
    '; generated by test/robustness/fuzz.ts',
    '_start:',
    '  la r10, buf',
    '  li r2, 8192', '  li r1, 6', '  syscall', '  mv r11, r1',
    '  li r2, 8192', '  li r3, 3', '  li r1, 8', '  syscall', '  mv r13, r1',
    ...snippets.flatMap((s, i) => s.map((l) => l.replaceAll('@', String(i))).map((l) => (l.endsWith(':') ? l : `  ${l}`))),
    '  li r1, 1', '  li r2, 1', '  mv r3, r10', '  li r4, 16', '  syscall',
    '  li r1, 0', '  andi r2, r5, 255', '  syscall',
    'leaf:',
    '  addi r5, r5, 1',
    '  ret',
    '.data',
    'buf: .space 8192',
  ].join('\n');
}

export function assembleOrThrow(text: string, name = 'fuzz.s'): ProgramImage {
  const r = assemble(text, name);
  if (!r.ok) throw new Error(`generated program does not assemble:\n${r.errors.map((e) => `${e.line}:${e.column}: ${e.message}`).join('\n')}\n${text}`);
  return r.image;
}

/** A small machine: few frames (swapping, OOM), a small TLB, short quanta. */
export const machineArb: fc.Arbitrary<Partial<MachineConfig>> = fc.record({
  frames: fc.integer({ min: 16, max: 48 }),
  tlbEntries: fc.constantFrom(4, 8, 16),
  tlbWays: fc.constantFrom(1, 2, 4),
  tlbPolicy: fc.constantFrom('lru', 'fifo', 'random', 'plru'),
  tlbRefill: fc.constantFrom('hardware', 'software'),
  asids: fc.boolean(),
  policy: fc.constantFrom('fifo', 'clock', 'lru', 'random'),
  swapPages: fc.constantFrom(0, 4, 64),
  quantum: fc.constantFrom(1, 7, 100, 1000),
  seed: fc.integer({ min: 0, max: 1000 }),
  maxProcs: fc.integer({ min: 1, max: 6 }),
  // Software refill needs two ways (mmu/mmu.ts): a direct-mapped draw keeps the hardware walker.
}).map((c) => (c.tlbWays < 2 ? { ...c, tlbRefill: 'hardware' } : c)) as fc.Arbitrary<Partial<MachineConfig>>;

export const MAX_INSTRUCTIONS = 20_000;

/**
 * Runs images on a checked machine (invariants and TLB audit after every
 * trap, every TLB hit compared with the live table) and asserts what every
 * run must give: every process ended, the invariants hold, nothing leaked.
 */
export function checkedRun(images: readonly ProgramImage[], config: Partial<MachineConfig>, stdin = 'fuzz input\n'): RunResult {
  const kernel = bootMachine(images.map((image, i) => ({ name: `p${i + 1}.s`, image })), {
    config: { maxInstructions: MAX_INSTRUCTIONS, ...config },
    stdin: new TextEncoder().encode(stdin),
    check: { everyTrap: true, hits: true },
  });
  kernel.run();
  expect(checkInvariants(kernel)).toEqual([]);
  const result = collectResult(kernel);
  for (const p of result.processes) expect(['exited', 'killed']).toContain(p.status);
  expect(kernel.processes.every((p) => !p.alive)).toBe(true);
  expect(result.stats.user_frames_at_end).toBe(0);
  expect(result.stats.swap_slots_at_end).toBe(0);
  return result;
}

/** Wraps a property body so that a failure names the program as assembly (after shrinking, the smallest). */
export function withSource<T>(text: string, body: () => T): T {
  try {
    return body();
  } catch (err) {
    const e = err as Error;
    throw new Error(`${e.message}\n--- program (assembly) ---\n${text}\n--- end ---`, { cause: err });
  }
}
