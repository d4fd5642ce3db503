// Every instruction a block runs itself, on edge values, against the
// interpreter on a hand-built machine (no kernel): registers, pc, instret,
// all of physical memory, the trap and the TLB's counters must be equal, and
// the block engine must have run the instructions in blocks, not handed
// them to the interpreter. Then the cases where a block stops early: a
// precise trap in the middle of a block, the timer inside a block, a data
// page the TLB does not hold.
import { describe, expect, test } from 'vitest';
import { CodeCache } from '../../cpu/blocks/codeCache.js';
import { attachBlockEngine } from '../../cpu/blocks/engine.js';
import { encodeB, encodeI, encodeJ, encodeR, encodeS, Op } from '../../cpu/isa.js';
import { TrapCause } from '../../cpu/trap.js';
import { RW } from './fixture.js';
import { CODE_BASE, DATA_BASE, exec, SYSCALL, snapshot, diff } from './helpers.js';
import { HwFixture } from './fixture.js';

const EDGES = [0, 1, -1, 2, 5, -7, 31, 32, 33, 0x7fff_ffff, -0x8000_0000, 0x1234_5678, 0xffff, -0x8000];
/** r1..r14 hold the edge values, r15 the data page. */
const REGS: Record<number, number> = Object.fromEntries([...EDGES.map((v, i) => [i + 1, v]), [15, DATA_BASE]]);

function mapData(hw: HwFixture): void {
  hw.map(DATA_BASE >>> 12, RW);
  hw.map((DATA_BASE >>> 12) + 1, RW);
  hw.poke(DATA_BASE, EDGES.map((v) => v >>> 0));
}

/** Runs `program` (then a syscall) on both engines; returns the blocks engine's counts. */
interface RunOptions {
  timerPeriod?: number;
  budget?: number;
  tlb?: { entries: number; ways: number };
  /** More mappings, after the code and data pages. */
  setup?: (hw: HwFixture) => void;
}

function expectSameRun(program: number[], opts: RunOptions = {}) {
  const run = (blocks: boolean, regionBlocks = 1) => {
    const hw = new HwFixture({ timerPeriod: opts.timerPeriod ?? 0, tlb: opts.tlb ?? { entries: 8, ways: 2 } });
    for (const [r, v] of Object.entries(REGS)) hw.machine.cpu.regs[Number(r)] = v;
    hw.loadCode(CODE_BASE, [...program, SYSCALL]);
    mapData(hw);
    opts.setup?.(hw);
    // Compiled at once: straight-line code runs once here.
    const engine = blocks ? attachBlockEngine(hw.machine.cpu, { regionBlocks, hotAfter: 0 }) : undefined;
    const traps = [];
    // Several runs, as the kernel makes them: each ends at a trap (the kernel would resume after it).
    for (let i = 0; i < 6; i++) {
      const trap = hw.machine.cpu.run(opts.budget ?? 100_000);
      traps.push(trap);
      if (trap === null || trap.cause === TrapCause.Syscall) break;
      if (trap.cause !== TrapCause.Timer) hw.machine.cpu.pc = (trap.pc + 4) >>> 0;
    }
    return { hw, traps, stats: hw.machine.tlb.stats(), walks: hw.machine.mmu.walks, engine, regs13: hw.machine.cpu.regs[13] };
  };
  const interp = run(false);
  // Regions of many blocks (the engine's option) must agree too.
  const regions = run(true, 16);
  const blocks = run(true);
  for (const other of [blocks, regions]) {
    expect(diff(snapshot(interp.hw), snapshot(other.hw))).toBe('');
    expect(other.traps).toEqual(interp.traps);
    expect(other.stats).toEqual(interp.stats);
    expect(other.walks).toBe(interp.walks);
  }
  const counts = blocks.engine!.counts;
  return { counts, interpreted: blocks.hw.machine.cpu.instret - counts.blockInstructions, misses: blocks.stats.misses, regs13: blocks.regs13, traps: blocks.traps };
}

/** Blocks ran everything but the instructions whose fetch or data missed the TLB, and the final syscall. */
function expectBlocksRanIt(r: ReturnType<typeof expectSameRun>): void {
  expect(r.counts.blockInstructions).toBeGreaterThan(0);
  expect(r.interpreted).toBeLessThanOrEqual(r.misses + 1);
}

/** Every pair of edge registers through `op`, each result stored to the data page. */
function pairs(encode: (rd: number, a: number, b: number) => number): number[] {
  const words: number[] = [];
  let slot = 0;
  for (let a = 1; a <= EDGES.length; a++) {
    for (let b = 1; b <= EDGES.length; b++) {
      words.push(encode(13, a, b), encodeS(Op.SW, 13, 15, 64 + 4 * (slot++ % 900)));
    }
  }
  return words;
}

describe('block engine: each instruction as the interpreter runs it', () => {
  const R_OPS = { add: Op.ADD, sub: Op.SUB, and: Op.AND, or: Op.OR, xor: Op.XOR, shl: Op.SHL, shr: Op.SHR, sra: Op.SRA, slt: Op.SLT, sltu: Op.SLTU, mul: Op.MUL };
  test.each(Object.entries(R_OPS))('%s on every pair of edge values', (_name, op) => {
    const program = pairs((rd, a, b) => encodeR(op, rd, a, b));
    expectBlocksRanIt(expectSameRun(program));
  });

  // The registers are restored before each divide: r13 is the only one written.
  test.each(Object.entries({ div: Op.DIV, divu: Op.DIVU, rem: Op.REM, remu: Op.REMU }))('%s on every non-zero pair', (_name, op) => {
    const program = pairs((rd, a, b) => encodeR(op, rd, a, EDGES[b - 1] === 0 ? 2 : b));
    expectBlocksRanIt(expectSameRun(program));
  });

  const I_OPS = { addi: Op.ADDI, andi: Op.ANDI, ori: Op.ORI, xori: Op.XORI, shli: Op.SHLI, shri: Op.SHRI, srai: Op.SRAI, slti: Op.SLTI, sltiu: Op.SLTIU, lui: Op.LUI };
  const IMMS = [0, 1, 5, 31, 0x7fff, 0x8000, 0xffff, 0x1234, 0xfff9];
  test.each(Object.entries(I_OPS))('%s on every edge value and immediate', (_name, op) => {
    const program: number[] = [];
    let slot = 0;
    for (let a = 1; a <= EDGES.length; a++) {
      for (const imm of IMMS) program.push(encodeI(op, 13, op === Op.LUI ? 0 : a, imm), encodeS(Op.SW, 13, 15, 64 + 4 * slot++));
    }
    expectBlocksRanIt(expectSameRun(program));
  });

  test('loads and stores of every width, sign-extended and not, into r0 too', () => {
    const program: number[] = [];
    for (let i = 0; i < EDGES.length; i++) {
      for (let byte = 0; byte < 4; byte++) {
        program.push(encodeI(Op.LB, 13, 15, 4 * i + byte), encodeS(Op.SB, 13, 15, 2048 + 4 * i + byte));
        program.push(encodeI(Op.LBU, 12, 15, 4 * i + byte), encodeS(Op.SW, 12, 15, 1024 + 16 * i + 4 * byte));
      }
      program.push(encodeI(Op.LW, 0, 15, 4 * i), encodeI(Op.LW, 11, 15, 4 * i), encodeS(Op.SW, 11, 15, 3072 + 4 * i));
    }
    expectBlocksRanIt(expectSameRun(program));
  });

  test('branches taken and not, signed and unsigned, as a chain of blocks', () => {
    // Each branch skips one addi when taken; r13 counts the addis that ran, bit by bit.
    const BRANCHES = [Op.BEQ, Op.BNE, Op.BLT, Op.BGE, Op.BLTU, Op.BGEU];
    const program: number[] = [];
    for (const op of BRANCHES) {
      for (const [a, b] of [[1, 1], [2, 3], [3, 2], [11, 12], [12, 11], [3, 13], [0, 3]] as const) {
        program.push(encodeB(op, a, b, 1), encodeI(Op.ADDI, 13, 13, 1), encodeI(Op.SHLI, 13, 13, 1));
      }
      program.push(encodeS(Op.SW, 13, 15, 64 + 4 * op));
    }
    expectBlocksRanIt(expectSameRun(program));
  });

  test('jal and jalr link and jump; a loop runs inside its block', () => {
    const program = [
      encodeI(Op.ADDI, 12, 0, 50),           // r12 = 50 passes
      encodeI(Op.ADDI, 13, 13, 3),           // loop: r13 += 3
      encodeI(Op.ADDI, 12, 12, -1),
      encodeB(Op.BNE, 12, 0, -3),            // back to the loop's first instruction
      encodeJ(Op.JAL, 14, 1),                // r14 = link; skip one
      encodeI(Op.ADDI, 13, 13, 100),         // skipped
      encodeI(Op.ADDI, 11, 14, 12),          // r11 = link + 12: past the jalr and the skipped addi
      encodeI(Op.JALR, 10, 11, 0),           // r10 = link
      encodeI(Op.ADDI, 13, 13, 1000),        // skipped
      encodeS(Op.SW, 13, 15, 64),
      encodeS(Op.SW, 14, 15, 68),
      encodeS(Op.SW, 10, 15, 72),
    ];
    const r = expectSameRun(program);
    expectBlocksRanIt(r);
    // The loop's 150 instructions ran in blocks (the first addi missed the TLB and ran in the interpreter).
    expect(r.counts.blockInstructions).toBeGreaterThanOrEqual(150);
  });
});

describe('block engine: a jump inside a block', () => {
  // A loop that calls f 100 times, then a call of g, whose first instruction (rdcycle) no block runs,
  // then a jump over f and g to the final syscall (word 13, after the program).
  const F = 9, G = 11;
  const program = [
    encodeI(Op.ADDI, 12, 0, 100),          // 0: r12 = 100 passes
    encodeI(Op.ADDI, 13, 13, 1),           // 1: loop: r13 += 1
    encodeJ(Op.JAL, 14, F - 3),            // 2: call f
    encodeI(Op.ADDI, 12, 12, -1),          // 3
    encodeB(Op.BNE, 12, 0, -4),            // 4: back to 1
    encodeJ(Op.JAL, 14, G - 6),            // 5: call g
    encodeS(Op.SW, 13, 15, 64),            // 6
    encodeS(Op.SW, 5, 15, 68),             // 7: g's cycle count
    encodeJ(Op.JAL, 0, 13 - 9),            // 8: to the syscall
    encodeI(Op.ADDI, 13, 13, 2),           // 9: f: r13 += 2
    encodeI(Op.JALR, 0, 14, 0),            // 10: return
    encodeI(Op.RDCYCLE, 5, 0, 0),          // 11: g
    encodeI(Op.JALR, 0, 14, 0),            // 12: return
  ];

  test('a call goes on into the callee in the same block, and stops before what blocks leave to the interpreter', () => {
    const r = expectSameRun(program);
    expectBlocksRanIt(r);
    expect(r.regs13).toBe(REGS[13]! + 300);
    // Compiled at words 1 (on into f), 3, 5 (the call of g, stopping before its rdcycle), 11 and 13
    // (nothing: rdcycle and the syscall are the interpreter's), 12, and 6 (on through the jump, stopping
    // before the syscall). None at f (9): every call of it went on into it inside the caller's block.
    // (Word 0's fetch missed the TLB, so the interpreter ran it.)
    expect(r.counts.compiled).toBe(7);
  });
});

describe('block engine: an if inside a block', () => {
  // 60 passes; on odd passes (r12 & 1) the then-part runs: a load and a store on the data page or
  // the next one (r10 alternates between them every 4 passes), an add, and a divide by r9, which
  // counts down from 20 in the then-part: 0 on the 21st odd pass (a trap inside the then-part).
  // The branch skips the then-part on even passes.
  const program = [
    encodeI(Op.ADDI, 12, 0, 60),           // 0: r12 = passes
    encodeI(Op.ADDI, 9, 0, 20),            // 1: r9 = 20, counts down: the divisor
    encodeI(Op.ANDI, 11, 12, 1),           // 2: loop: r11 = r12 & 1
    encodeI(Op.ANDI, 10, 12, 4),           // 3
    encodeI(Op.SHLI, 10, 10, 10),          // 4: r10 = 0 or 4096
    encodeR(Op.ADD, 10, 10, 15),           // 5: r10 = the data page or the next
    encodeB(Op.BEQ, 11, 0, 5),             // 6: even: skip 7..11
    encodeI(Op.LW, 8, 10, 0),              // 7: then: r8 = [r10]
    encodeR(Op.ADD, 13, 13, 8),            // 8: r13 += r8
    encodeS(Op.SW, 13, 10, 4),             // 9: [r10 + 4] = r13
    encodeR(Op.DIV, 7, 13, 9),             // 10: r7 = r13 / r9 (r9 = 0 once: divide by zero)
    encodeI(Op.ADDI, 9, 9, -1),            // 11: r9 -= 1
    encodeI(Op.ADDI, 13, 13, 1),           // 12: join: r13 += 1
    encodeI(Op.ADDI, 12, 12, -1),          // 13
    encodeB(Op.BNE, 12, 0, -13),           // 14: back to 2
    encodeS(Op.SW, 13, 15, 64),            // 15
    encodeS(Op.SW, 7, 15, 68),             // 16
  ];

  test('runs its then-part when the branch is not taken, traps inside it precisely, and the loop is one block', () => {
    const r = expectSameRun(program, { tlb: { entries: 2, ways: 1 } });
    expectBlocksRanIt(r);
    expect(r.traps.map((t) => t?.cause)).toEqual([TrapCause.DivideByZero, TrapCause.Syscall]);
  });

  test.each([1, 2, 3, 5, 7, 11])('the timer every %i instructions lands on the same instruction', (period) => {
    expectSameRun(program, { timerPeriod: period });
  });

  test('the loop with its if compiles to the blocks at its entry words only', () => {
    const r = expectSameRun(program);
    // Word 0's fetch missed the TLB, so the interpreter ran it. Compiled: word 1 (pass 1, then on to
    // word 2, where the loop jumps back to), 2 (the loop: it loops on itself until the divide by zero,
    // which the interpreter runs and traps), 11 (where the run goes on after the trap, to word 2
    // again), 15 (after the loop, up to the syscall) and 17 (the syscall: nothing, the interpreter's).
    // Without the if inside, the then-part (7) and the join (12) would be blocks of their own.
    expect(r.counts.compiled).toBe(5);
  });
});

describe('block engine: where a block stops early', () => {
  test('a misaligned load, a zero divisor and a misaligned jalr trap precisely mid-block', () => {
    const program = [
      encodeI(Op.ADDI, 13, 13, 1), encodeI(Op.LW, 12, 15, 2),                 // misaligned load
      encodeI(Op.ADDI, 13, 13, 1), encodeR(Op.DIV, 12, 1, 0),                 // zero divisor
      encodeI(Op.ADDI, 13, 13, 1), encodeS(Op.SW, 13, 15, 6),                 // misaligned store
      encodeI(Op.ADDI, 13, 13, 1), encodeI(Op.JALR, 12, 15, 2),               // misaligned jalr target
      encodeS(Op.SW, 13, 15, 64),
    ];
    // The first addi's fetch misses the TLB and each trapping instruction is the interpreter's: 3 addis
    // and the last store (its data page's miss and walk made by the block) ran in blocks.
    expect(expectSameRun(program).counts.blockInstructions).toBe(4);
  });

  test('a data page that is not in the TLB: the block refills it through the MMU as the interpreter does', () => {
    // r12 = the second data page, which no access has touched yet.
    const program = [encodeI(Op.ADDI, 13, 0, 7), encodeI(Op.ADDI, 12, 15, 2048), encodeI(Op.ADDI, 12, 12, 2048)];
    for (let i = 0; i < 20; i++) program.push(encodeS(Op.SW, 13, 12, 4 * i), encodeI(Op.LW, 11, 15, 4 * i), encodeS(Op.SW, 11, 12, 256 + 4 * i));
    const r = expectSameRun(program);
    expectBlocksRanIt(r);
    // The code page, the first data page, the second one: each missed once; only the first fetch's miss
    // (and the syscall) went to the interpreter.
    expect(r.misses).toBe(3);
    expect(r.interpreted).toBe(1 + 1);
  });

  test('a load page and a store page that evict each other in a direct-mapped TLB', () => {
    // r12 = a page 4 pages above the data page: the same set of a 4-entry direct-mapped TLB.
    const program = [encodeI(Op.ADDI, 12, 15, 0x2000), encodeI(Op.ADDI, 12, 12, 0x2000)];
    // Each access evicts the other page's entry, which the other one-entry cache still names.
    for (let i = 0; i < 12; i++) program.push(encodeI(Op.LW, 11, 15, 4 * i), encodeI(Op.ADDI, 11, 11, i), encodeS(Op.SW, 11, 12, 4 * i), encodeI(Op.LW, 10, 15, 4 * i + 4), encodeS(Op.SW, 10, 12, 512 + 4 * i));
    const r = expectSameRun(program, { tlb: { entries: 4, ways: 1 }, setup: (hw) => { hw.map((DATA_BASE >>> 12) + 4, RW); } });
    expectBlocksRanIt(r);
    // The code page once, then every access of the 12 passes.
    expect(r.misses).toBe(1 + 12 * 4);
  });

  test('a store into the code being run (through a second mapping of its frame) runs the new instruction', () => {
    const program = [
      encodeI(Op.ADDI, 13, 0, 5),
      encodeS(Op.SW, 14, 12, 8),         // rewrites the next instruction
      encodeI(Op.ADDI, 13, 13, 1),       // becomes addi r13, r13, 100
      encodeS(Op.SW, 13, 15, 64),
    ];
    const alias = 0x30000;
    const r = expectSameRun(program, {
      setup: (hw) => {
        hw.map(alias >>> 12, RW, hw.pte(CODE_BASE >>> 12) >>> 12);
        hw.machine.cpu.regs[12] = alias;
        hw.machine.cpu.regs[14] = encodeI(Op.ADDI, 13, 13, 100);
      },
    });
    expect(r.regs13).toBe(105);
    expect(r.counts.dropped).toBe(1);
  });

  test.each([1, 2, 3, 5, 8, 13])('the timer every %i instructions lands on the same instruction', (period) => {
    const program = [encodeI(Op.ADDI, 12, 0, 40), encodeI(Op.ADDI, 13, 13, 3), encodeS(Op.SB, 13, 15, 9), encodeI(Op.ADDI, 12, 12, -1), encodeB(Op.BNE, 12, 0, -4), encodeS(Op.SW, 13, 15, 64)];
    expectSameRun(program, { timerPeriod: period });
  });

  test('a budget that ends inside a block stops at the same instruction', () => {
    const program = Array.from({ length: 30 }, (_, i) => encodeI(Op.ADDI, 13, 13, i));
    for (const budget of [1, 7, 29, 31]) expectSameRun(program, { budget });
  });

  test('code rewritten between runs is compiled again', () => {
    const hw = new HwFixture({ tlb: { entries: 8, ways: 2 } });
    hw.loadCode(CODE_BASE, [encodeI(Op.ADDI, 13, 13, 1), SYSCALL]);
    const engine = attachBlockEngine(hw.machine.cpu, { hotAfter: 0 });
    const again = (): number => {
      hw.machine.cpu.pc = CODE_BASE;
      expect(hw.machine.cpu.run(100)?.cause).toBe(TrapCause.Syscall);
      return hw.machine.cpu.regs[13]!;
    };
    expect(again()).toBe(1);  // the fetch missed: the interpreter ran the addi
    expect(again()).toBe(2);  // a block ran it
    expect(engine.counts.dropped).toBe(0);
    // As a kernel would between two runs: the same frame now holds other code.
    hw.poke(CODE_BASE, [encodeI(Op.ADDI, 13, 13, 10)]);
    expect(again()).toBe(12);
    expect(engine.counts.dropped).toBe(1);
    expect(engine.counts.blockInstructions).toBe(2);
  });

  test('exec() of a one-instruction program still works with the engine attached', () => {
    const { regs, trap } = exec([encodeI(Op.ADDI, 3, 0, 42)], {}, (hw) => { attachBlockEngine(hw.machine.cpu, { hotAfter: 0 }); });
    expect(trap?.cause).toBe(TrapCause.Syscall);
    expect(regs[3]).toBe(42);
  });
});

describe('block engine: the code cache stays bounded', () => {
  test('past its page or block bound it drops everything and compiles again', () => {
    const words = new Int32Array(8 * 1024);
    for (let f = 0; f < 8; f++) words[f * 1024] = encodeI(Op.ADDI, 1, 1, f) | 0;
    const cache = new CodeCache(words, 8, 1, 3, 5);
    for (const frame of [1, 2, 3]) cache.page(frame).compile(0, 0x1000 * frame);
    expect([1, 2, 3].map((f) => cache.holds(f))).toEqual([true, true, true]);
    expect(cache.resets).toBe(0);
    cache.page(4);  // a fourth page: past the bound of 3
    expect(cache.resets).toBe(1);
    expect([1, 2, 3, 4].map((f) => cache.holds(f))).toEqual([false, false, false, true]);
    for (let i = 0; i < 5; i++) cache.noteCompiled();
    cache.page(4);  // five blocks compiled since: past the bound of 5
    expect(cache.resets).toBe(2);
  });
});
