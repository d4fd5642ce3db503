// Every instruction's semantics through the real fetch/decode/execute path:
// the words are written into a mapped code page and the CPU runs them.
import { describe, expect, it } from 'vitest';
import {
  encodeB, encodeI, encodeJ, encodeN, encodeR, encodeS, Op,
} from '../../cpu/isa.js';
import { Access, FaultKind, Trap, TrapCause } from '../../cpu/trap.js';
import { CODE_BASE, DATA_BASE, exec } from './helpers.js';
import { HwFixture, RW } from './fixture.js';

function trapAt(cause: TrapCause, pc: number, access = Access.Fetch, address = 0, fault = FaultKind.None): Trap {
  return { cause, pc, access, address, fault };
}

const INT_MIN = -0x8000_0000;
const INT_MAX = 0x7fff_ffff;

/** Runs `op r3, r1, r2` with r1 = a, r2 = b; returns r3 (signed) after the trailing syscall. */
function rType(op: Op, a: number, b: number): number {
  const { trap, regs } = exec([encodeR(op, 3, 1, 2)], { 1: a, 2: b });
  expect(trap).toEqual(trapAt(TrapCause.Syscall, CODE_BASE + 4));
  return regs[3]!;
}

/** Runs `op r3, r1, imm16` with r1 = a; returns r3 (signed). */
function iType(op: Op, a: number, imm16: number): number {
  const { trap, regs } = exec([encodeI(op, 3, 1, imm16)], { 1: a });
  expect(trap).toEqual(trapAt(TrapCause.Syscall, CODE_BASE + 4));
  return regs[3]!;
}

/** The low 32 bits of a * b, computed exactly with BigInt (independent of Math.imul). */
function mulLow(a: number, b: number): number {
  return Number(BigInt.asIntN(32, BigInt(a | 0) * BigInt(b | 0)));
}

describe('R format arithmetic and logic', () => {
  // [name, op, a, b, expected r3 as a signed 32-bit value]
  const cases: [string, Op, number, number, number][] = [
    ['add wraps at INT_MAX', Op.ADD, INT_MAX, 1, INT_MIN],
    ['add -1 + 1', Op.ADD, -1, 1, 0],
    ['add 0xffffffff + 0xffffffff', Op.ADD, 0xffff_ffff, 0xffff_ffff, -2],
    ['sub wraps at INT_MIN', Op.SUB, INT_MIN, 1, INT_MAX],
    ['sub 0 - 1', Op.SUB, 0, 1, -1],
    ['and', Op.AND, 0xf0f0_f0f0, 0xff00_ff00, 0xf000_f000 | 0],
    ['or', Op.OR, 0xf0f0_f0f0, 0xff00_ff00, 0xfff0_fff0 | 0],
    ['xor', Op.XOR, 0xf0f0_f0f0, 0xff00_ff00, 0x0ff0_0ff0],
    ['shl by 31', Op.SHL, 1, 31, INT_MIN],
    ['shl by 32 = shl by 0', Op.SHL, 0x1234_5678, 32, 0x1234_5678],
    ['shl by 33 = shl by 1', Op.SHL, 1, 33, 2],
    ['shl by 36 = shl by 4', Op.SHL, 0x1234_5678, 36, 0x2345_6780],
    ['shl by -1 = shl by 31', Op.SHL, 1, -1, INT_MIN],
    ['shr is logical on a negative', Op.SHR, -8, 1, 0x7fff_fffc],
    ['shr INT_MIN by 31', Op.SHR, INT_MIN, 31, 1],
    ['shr by 32 = shr by 0', Op.SHR, -8, 32, -8],
    ['shr by 33 = shr by 1', Op.SHR, -8, 33, 0x7fff_fffc],
    ['sra is arithmetic on a negative', Op.SRA, -8, 1, -4],
    ['sra INT_MIN by 31', Op.SRA, INT_MIN, 31, -1],
    ['sra by 33 = sra by 1', Op.SRA, -8, 33, -4],
    ['sra of a positive', Op.SRA, 0x4000_0000, 30, 1],
    ['slt -1 < 1', Op.SLT, -1, 1, 1],
    ['slt 1 < -1', Op.SLT, 1, -1, 0],
    ['slt equal', Op.SLT, 5, 5, 0],
    ['slt INT_MIN < INT_MAX', Op.SLT, INT_MIN, INT_MAX, 1],
    ['sltu -1 (0xffffffff) < 1', Op.SLTU, -1, 1, 0],
    ['sltu 1 < -1 (0xffffffff)', Op.SLTU, 1, -1, 1],
    ['sltu equal', Op.SLTU, -1, -1, 0],
    ['mul 0x7fffffff * 2', Op.MUL, INT_MAX, 2, -2],
    ['mul -1 * -1', Op.MUL, -1, -1, 1],
    ['mul 0x10000 * 0x10000', Op.MUL, 0x1_0000, 0x1_0000, 0],
    ['mul large', Op.MUL, 0x1234_5678, 0x9abc_def0, mulLow(0x1234_5678, 0x9abc_def0)],
    ['mul INT_MIN * -1', Op.MUL, INT_MIN, -1, INT_MIN],
    ['div -7 / 2 truncates', Op.DIV, -7, 2, -3],
    ['div 7 / -2 truncates', Op.DIV, 7, -2, -3],
    ['div -7 / -2', Op.DIV, -7, -2, 3],
    ['div INT_MIN / -1 = INT_MIN', Op.DIV, INT_MIN, -1, INT_MIN],
    ['div INT_MIN / 2', Op.DIV, INT_MIN, 2, -0x4000_0000],
    ['div INT_MAX / INT_MIN', Op.DIV, INT_MAX, INT_MIN, 0],
    ['rem -7 % 2', Op.REM, -7, 2, -1],
    ['rem 7 % -2', Op.REM, 7, -2, 1],
    ['rem INT_MIN % -1 = 0', Op.REM, INT_MIN, -1, 0],
    ['rem INT_MIN % 3', Op.REM, INT_MIN, 3, -2],
    ['divu 0xffffffff / 2', Op.DIVU, -1, 2, INT_MAX],
    ['divu 0x80000000 / 0xffffffff', Op.DIVU, INT_MIN, -1, 0],
    ['divu 0xfffffff9 / 0x10', Op.DIVU, -7, 16, 0x0fff_ffff],
    ['remu 0xffffffff % 10', Op.REMU, -1, 10, 5],
    ['remu 0xfffffff9 % 2', Op.REMU, -7, 2, 1],
    ['remu 5 % 0xffffffff', Op.REMU, 5, -1, 5],
    ['remu 0xffffffff % 0x80000000', Op.REMU, -1, INT_MIN, INT_MAX],
  ];
  it.each(cases)('%s', (_name, op, a, b, expected) => {
    expect(rType(op, a, b)).toBe(expected);
  });

  it('rd may be a source: add r1, r1, r1', () => {
    const { regs } = exec([encodeR(Op.ADD, 1, 1, 1)], { 1: 21 });
    expect(regs[1]).toBe(42);
  });

  it.each([['div', Op.DIV], ['divu', Op.DIVU], ['rem', Op.REM], ['remu', Op.REMU]] as const)('%s by zero traps divide_by_zero, rd unchanged', (_name, op) => {
    const { hw, trap, regs } = exec([encodeR(op, 3, 1, 2)], { 1: 7, 2: 0, 3: 0x5555 });
    expect(trap).toEqual(trapAt(TrapCause.DivideByZero, CODE_BASE));
    expect(regs[3]).toBe(0x5555);
    expect(hw.machine.cpu.pc).toBe(CODE_BASE);
    expect(hw.machine.cpu.instret).toBe(0);
  });
});

describe('I format', () => {
  const cases: [string, Op, number, number, number][] = [
    ['addi sign-extends 0xffff to -1', Op.ADDI, 10, 0xffff, 9],
    ['addi 0x7fff', Op.ADDI, 0, 0x7fff, 0x7fff],
    ['addi 0x8000 is -32768', Op.ADDI, 0, 0x8000, -32768],
    ['addi wraps', Op.ADDI, INT_MAX, 1, INT_MIN],
    ['andi zero-extends', Op.ANDI, -1, 0xffff, 0xffff],
    ['andi 0x8000', Op.ANDI, -1, 0x8000, 0x8000],
    ['ori zero-extends', Op.ORI, 0, 0x8000, 0x8000],
    ['ori keeps high bits', Op.ORI, 0x1234_0000, 0xffff, 0x1234_ffff],
    ['xori zero-extends', Op.XORI, -1, 0xffff, 0xffff_0000 | 0],
    ['shli by 4', Op.SHLI, 0x1234_5678, 4, 0x2345_6780],
    ['shli uses the low 5 bits: 33 = 1', Op.SHLI, 1, 33, 2],
    ['shli 0xffff = 31', Op.SHLI, 1, 0xffff, INT_MIN],
    ['shri is logical', Op.SHRI, -8, 1, 0x7fff_fffc],
    ['shri uses the low 5 bits: 32 = 0', Op.SHRI, -8, 32, -8],
    ['srai is arithmetic', Op.SRAI, -8, 1, -4],
    ['srai uses the low 5 bits: 35 = 3', Op.SRAI, -64, 35, -8],
    ['slti -5 < -4', Op.SLTI, -5, 0xfffc, 1],
    ['slti 0 < -1 is false', Op.SLTI, 0, 0xffff, 0],
    ['slti 5 < 6', Op.SLTI, 5, 6, 1],
    ['sltiu imm -1 compares against 0xffffffff', Op.SLTIU, 5, 0xffff, 1],
    ['sltiu 0xffffffff < 0xffffffff is false', Op.SLTIU, -1, 0xffff, 0],
    ['sltiu -1 < 1 is false', Op.SLTIU, -1, 1, 0],
    ['sltiu 0 < 1 (seqz idiom)', Op.SLTIU, 0, 1, 1],
  ];
  it.each(cases)('%s', (_name, op, a, imm, expected) => {
    expect(iType(op, a, imm)).toBe(expected);
  });

  it('lui puts imm16 in the high half and clears the low half', () => {
    const { regs } = exec([encodeI(Op.LUI, 3, 0, 0xabcd)], { 3: 0xffff });
    expect(regs[3]! >>> 0).toBe(0xabcd_0000);
  });
});

describe('loads and stores', () => {
  function withData(hw: HwFixture): void {
    hw.map(DATA_BASE >>> 12, RW);
  }

  it('sw then lw, lb, lbu: little-endian byte order', () => {
    const { hw, trap, regs } = exec([
      encodeS(Op.SW, 2, 1, 0),    // sw r2, 0(r1)
      encodeI(Op.LW, 3, 1, 0),    // lw r3, 0(r1)
      encodeI(Op.LB, 4, 1, 0),    // lb r4, 0(r1): lowest byte 0x44
      encodeI(Op.LBU, 5, 1, 3),   // lbu r5, 3(r1): highest byte 0x11
      encodeI(Op.LBU, 6, 1, 1),   // 0x33
    ], { 1: DATA_BASE, 2: 0x1122_3344 }, withData);
    expect(trap?.cause).toBe(TrapCause.Syscall);
    expect(regs[3]).toBe(0x1122_3344);
    expect([regs[4], regs[5], regs[6]]).toEqual([0x44, 0x11, 0x33]);
    const frame = hw.pte(DATA_BASE >>> 12) >>> 12;
    const mem = hw.machine.memory;
    expect([0, 1, 2, 3].map((i) => mem.readByte(frame * 4096 + i))).toEqual([0x44, 0x33, 0x22, 0x11]);
  });

  it('lb sign-extends 0x80 to -128, lbu zero-extends it to 128', () => {
    const { regs } = exec([
      encodeI(Op.LB, 3, 1, 5),
      encodeI(Op.LBU, 4, 1, 5),
      encodeI(Op.LB, 5, 1, 6),
    ], { 1: DATA_BASE }, (hw) => { withData(hw); hw.poke(DATA_BASE + 4, [0x007f_8000]); });
    expect(regs[3]).toBe(-128);
    expect(regs[4]).toBe(128);
    expect(regs[5]).toBe(0x7f);
  });

  it('sb stores the low byte at an odd address; neighbours untouched', () => {
    const { hw, trap } = exec([
      encodeS(Op.SB, 2, 1, 3),    // sb r2, 3(r1)
      encodeS(Op.SB, 2, 1, 1),    // sb r2, 1(r1)
    ], { 1: DATA_BASE, 2: 0x1234_abcd }, (hw) => { withData(hw); hw.poke(DATA_BASE, [0x1111_1111]); });
    expect(trap?.cause).toBe(TrapCause.Syscall);
    expect(hw.peekWord(DATA_BASE)).toBe(0xcd11_cd11);
  });

  it('negative offsets and base + offset crossing into the next page', () => {
    const { hw, regs } = exec([
      encodeI(Op.LW, 3, 1, 0xfffc),   // lw r3, -4(r1): last word of the data page
      encodeS(Op.SW, 3, 1, 0),        // sw r3, 0(r1): first word of the next page
    ], { 1: DATA_BASE + 0x1000 }, (hw) => {
      withData(hw);
      hw.map((DATA_BASE >>> 12) + 1, RW);
      hw.poke(DATA_BASE + 0xffc, [0xcafe_f00d]);
    });
    expect(regs[3]! >>> 0).toBe(0xcafe_f00d);
    expect(hw.peekWord(DATA_BASE + 0x1000)).toBe(0xcafe_f00d);
  });

  it.each([
    ['lw', encodeI(Op.LW, 3, 1, 2), Access.Load, 0x10002],
    ['lw', encodeI(Op.LW, 3, 1, 1), Access.Load, 0x10001],
    ['sw', encodeS(Op.SW, 3, 1, 2), Access.Store, 0x10002],
    ['sw', encodeS(Op.SW, 3, 1, 0xffff), Access.Store, 0xffff],
  ] as const)('misaligned %s traps with the access and address', (_name, word, access, address) => {
    const { hw, trap, regs } = exec([word], { 1: DATA_BASE, 3: 77 }, withData);
    expect(trap).toEqual(trapAt(TrapCause.Misaligned, CODE_BASE, access, address));
    expect(regs[3]).toBe(77);
    expect(hw.peekWord(DATA_BASE)).toBe(0);
  });

  it('lb, lbu and sb at odd addresses are fine', () => {
    const { trap, regs, hw } = exec([
      encodeS(Op.SB, 2, 1, 0x7ff),
      encodeI(Op.LB, 3, 1, 0x7ff),
      encodeI(Op.LBU, 4, 1, 0x7ff),
    ], { 1: DATA_BASE, 2: 0xfe }, withData);
    expect(trap).toEqual(trapAt(TrapCause.Syscall, CODE_BASE + 12));
    expect([regs[3], regs[4]]).toEqual([-2, 0xfe]);
    expect(hw.peekWord(DATA_BASE + 0x7fc)).toBe(0xfe00_0000);
  });
});

describe('branches', () => {
  // [op, rs1 value, rs2 value, taken]
  const cases: [string, Op, number, number, boolean][] = [
    ['beq equal', Op.BEQ, 5, 5, true],
    ['beq different', Op.BEQ, 5, 6, false],
    ['bne different', Op.BNE, 5, 6, true],
    ['bne equal', Op.BNE, -1, -1, false],
    ['blt -1 < 1', Op.BLT, -1, 1, true],
    ['blt 1 < -1', Op.BLT, 1, -1, false],
    ['blt equal', Op.BLT, 2, 2, false],
    ['bge equal', Op.BGE, 2, 2, true],
    ['bge 1 >= -1', Op.BGE, 1, -1, true],
    ['bge -1 >= 1', Op.BGE, -1, 1, false],
    ['bltu 1 < 0xffffffff', Op.BLTU, 1, -1, true],
    ['bltu 0xffffffff < 1', Op.BLTU, -1, 1, false],
    ['bltu equal', Op.BLTU, 3, 3, false],
    ['bgeu 0xffffffff >= 1', Op.BGEU, -1, 1, true],
    ['bgeu 1 >= 0xffffffff', Op.BGEU, 1, -1, false],
    ['bgeu equal', Op.BGEU, 3, 3, true],
  ];

  it.each(cases)('forward: %s', (_name, op, a, b, taken) => {
    const { trap, regs } = exec([
      encodeB(op, 1, 2, 1),           // 0x1000: branch to 0x1008 if taken
      encodeI(Op.ADDI, 3, 0, 1),      // 0x1004: only when not taken
      encodeI(Op.ADDI, 4, 0, 1),      // 0x1008
    ], { 1: a, 2: b });
    expect(trap).toEqual(trapAt(TrapCause.Syscall, CODE_BASE + 12));
    expect([regs[3], regs[4]]).toEqual([taken ? 0 : 1, 1]);
  });

  it.each(cases)('backward: %s', (_name, op, a, b, taken) => {
    const { trap, regs } = exec([
      encodeJ(Op.JAL, 0, 2),          // 0x1000: j 0x100c
      encodeI(Op.ADDI, 5, 0, 7),      // 0x1004: backward target
      encodeN(Op.SYSCALL),            // 0x1008
      encodeB(op, 1, 2, -3),          // 0x100c: target = 0x1010 - 12 = 0x1004
      encodeI(Op.ADDI, 5, 0, 9),      // 0x1010: fall through
    ], { 1: a, 2: b });
    expect(trap).toEqual(trapAt(TrapCause.Syscall, taken ? 0x1008 : 0x1014));
    expect(regs[5]).toBe(taken ? 7 : 9);
  });
});

describe('jumps', () => {
  it('jal links pc + 4 and jumps forward', () => {
    const { trap, regs } = exec([
      encodeJ(Op.JAL, 15, 2),         // 0x1000: jal ra, 0x100c
      encodeI(Op.ADDI, 3, 0, 1),
      encodeI(Op.ADDI, 3, 0, 2),
      encodeI(Op.ADDI, 4, 0, 3),      // 0x100c
    ]);
    expect(trap).toEqual(trapAt(TrapCause.Syscall, 0x1010));
    expect([regs[15], regs[3], regs[4]]).toEqual([0x1004, 0, 3]);
  });

  it('jal backward with a negative off20', () => {
    const { trap, regs } = exec([
      encodeJ(Op.JAL, 0, 1),          // 0x1000: j 0x1008
      encodeN(Op.SYSCALL),            // 0x1004
      encodeJ(Op.JAL, 7, -2),         // 0x1008: jal r7, target = 0x100c - 8 = 0x1004
    ]);
    expect(trap).toEqual(trapAt(TrapCause.Syscall, 0x1004));
    expect(regs[7]).toBe(0x100c);
  });

  it('jalr jumps to rs1 + imm and links', () => {
    const { trap, regs } = exec([
      encodeI(Op.JALR, 15, 1, 4),     // 0x1000: target 0x100c + 4 = 0x1010
      encodeI(Op.ADDI, 3, 0, 1),
      encodeI(Op.ADDI, 3, 0, 2),
      encodeI(Op.ADDI, 3, 0, 3),
      encodeI(Op.ADDI, 4, 0, 4),      // 0x1010
    ], { 1: 0x100c });
    expect(trap).toEqual(trapAt(TrapCause.Syscall, 0x1014));
    expect([regs[15], regs[3], regs[4]]).toEqual([0x1004, 0, 4]);
  });

  it('jalr with a negative imm', () => {
    const { trap, regs } = exec([
      encodeI(Op.JALR, 15, 1, 0xfff8), // target 0x1010 - 8 = 0x1008
      encodeI(Op.ADDI, 3, 0, 1),
      encodeI(Op.ADDI, 4, 0, 4),       // 0x1008
    ], { 1: 0x1010 });
    expect(trap).toEqual(trapAt(TrapCause.Syscall, 0x100c));
    expect([regs[15], regs[3], regs[4]]).toEqual([0x1004, 0, 4]);
  });

  it('jalr rd == rs1: the target comes from the old value', () => {
    const { trap, regs } = exec([
      encodeI(Op.JALR, 1, 1, 8),      // r1 = 0x1008 -> target 0x1010, r1 = 0x1004
      encodeI(Op.ADDI, 3, 0, 1),
      encodeI(Op.ADDI, 3, 0, 2),
      encodeI(Op.ADDI, 3, 0, 3),
      encodeI(Op.ADDI, 4, 0, 4),      // 0x1010
    ], { 1: 0x1008 });
    expect(trap).toEqual(trapAt(TrapCause.Syscall, 0x1014));
    expect([regs[1], regs[3], regs[4]]).toEqual([0x1004, 0, 4]);
  });

  it.each([
    ['misaligned register', 0x1002, 0, 0x1002],
    ['misaligned imm', 0x1000, 1, 0x1001],
    ['misaligned sum', 0x1003, 0xffff, 0x1002],
  ] as const)('jalr to a misaligned target traps (%s)', (_name, base, imm, target) => {
    const { hw, trap, regs } = exec([encodeI(Op.JALR, 15, 1, imm)], { 1: base, 15: 0x77 });
    expect(trap).toEqual(trapAt(TrapCause.Misaligned, CODE_BASE, Access.Fetch, target));
    expect(regs[15]).toBe(0x77);
    expect(hw.machine.cpu.pc).toBe(CODE_BASE);
    expect(hw.machine.cpu.instret).toBe(0);
  });
});

describe('r0', () => {
  it('ignores writes and reads 0', () => {
    const { trap, regs } = exec([
      encodeI(Op.ADDI, 0, 0, 5),      // addi r0, r0, 5
      encodeR(Op.ADD, 1, 0, 0),       // add r1, r0, r0
      encodeI(Op.LUI, 0, 0, 0xffff),  // lui r0, 0xffff
      encodeI(Op.ADDI, 2, 0, 0),      // addi r2, r0, 0
      encodeJ(Op.JAL, 0, 0),          // jal r0 (link dropped)
      encodeI(Op.LW, 0, 3, 0),        // lw r0, 0(r3)
      encodeR(Op.OR, 4, 0, 0),
    ], { 1: 9, 2: 9, 3: DATA_BASE, 4: 9 }, (hw) => {
      hw.map(DATA_BASE >>> 12, RW);
      hw.poke(DATA_BASE, [1234]);
    });
    expect(trap).toEqual(trapAt(TrapCause.Syscall, CODE_BASE + 28));
    expect([regs[0], regs[1], regs[2], regs[4]]).toEqual([0, 0, 0, 0]);
  });
});

describe('rdcycle', () => {
  it('reads the cycle counter: instructions before it + walk refs * walkCycles + what the kernel charged', () => {
    const hw = new HwFixture();
    hw.loadCode(CODE_BASE, [
      encodeI(Op.ADDI, 1, 0, 1),      // 1
      encodeI(Op.LUI, 2, 0, 1),       // 2: r2 = 0x10000
      encodeI(Op.LW, 3, 2, 0),        // 3: TLB miss (and the first time a page fault)
      encodeI(Op.RDCYCLE, 4, 0, 0),   // reads the counter before it counts itself
      encodeN(Op.SYSCALL),
    ]);
    const cpu = hw.machine.cpu;
    // First run: the data page is unmapped, so the lw faults (a 2-reference walk + a fault).
    expect(cpu.run(100)).toEqual(trapAt(TrapCause.PageFault, 0x1008, Access.Load, DATA_BASE, FaultKind.NotPresent));
    // The kernel charges the fault and maps the page; nothing was cached for it, so nothing to invalidate.
    cpu.chargeCycles(1000);
    hw.map(DATA_BASE >>> 12, RW);
    expect(cpu.run(100)).toEqual(trapAt(TrapCause.Syscall, 0x1010));
    // Walks: code fetch (2 refs), failed load (2 refs), load (2 refs) = 6 refs; one fault.
    expect(hw.machine.mmu.walkRefs).toBe(6);
    expect(cpu.regs[4]).toBe(3 + 6 * 20 + 1000);
    // After the syscall: 5 instructions in all.
    expect(cpu.cycles()).toBe(5 + 6 * 20 + 1000);
  });

  it('two rdcycles in a row differ by one', () => {
    const { regs } = exec([encodeI(Op.RDCYCLE, 1, 0, 0), encodeI(Op.RDCYCLE, 2, 0, 0)]);
    expect(regs[1]).toBe(40);      // one 2-reference walk for the code page
    expect(regs[2]).toBe(41);
  });
});

describe('system and privileged instructions', () => {
  it('syscall traps with pc = the syscall and counts as executed', () => {
    const { hw, trap } = exec([encodeI(Op.ADDI, 1, 0, 3)]);
    expect(trap).toEqual(trapAt(TrapCause.Syscall, 0x1004));
    expect(hw.machine.cpu.pc).toBe(0x1004);
    expect(hw.machine.cpu.instret).toBe(2);
  });

  it('brk traps breakpoint and does not count', () => {
    const { hw, trap } = exec([encodeN(Op.BRK)]);
    expect(trap).toEqual(trapAt(TrapCause.Breakpoint, CODE_BASE));
    expect(hw.machine.cpu.pc).toBe(CODE_BASE);
    expect(hw.machine.cpu.instret).toBe(0);
  });

  it.each([
    ['halt', encodeN(Op.HALT)],
    ['setptbr r1', encodeI(Op.SETPTBR, 0, 1, 0)],
    ['tlbflush', encodeN(Op.TLBFLUSH)],
    ['iret', encodeN(Op.IRET)],
  ] as const)('%s traps privileged_instruction in user mode', (_name, word) => {
    const { hw, trap } = exec([word], { 1: 5 });
    expect(trap).toEqual(trapAt(TrapCause.PrivilegedInstruction, CODE_BASE));
    expect(hw.machine.mmu.ptbr).toBe(0);
    expect(hw.machine.cpu.instret).toBe(0);
  });

  it.each([
    ['the all-zero word', 0x0000_0000],
    ['unassigned opcode 0x10', 0x1000_0000],
    ['unassigned opcode 0x12 with operands', 0x1212_3456],
    ['unassigned opcode 0xff', 0xff00_0000],
    ['unassigned opcode 0x23', 0x2310_0004],
    ['add with bit 0 set', encodeR(Op.ADD, 1, 2, 3) | 1],
    ['sub with bit 11 set', encodeR(Op.SUB, 1, 2, 3) | 0x800],
    ['remu with bits 11..0 set', encodeR(Op.REMU, 1, 2, 3) | 0xfff],
    ['lui with rs1 = 1', encodeI(Op.LUI, 1, 1, 5)],
    ['rdcycle with rs1 = 2', encodeI(Op.RDCYCLE, 1, 2, 0)],
    ['rdcycle with imm = 1', encodeI(Op.RDCYCLE, 1, 0, 1)],
    ['syscall with bit 0 set', encodeN(Op.SYSCALL) | 1],
    ['syscall with an rd field', encodeN(Op.SYSCALL) | 0x0010_0000],
    ['brk with low bits', encodeN(Op.BRK) | 0x100],
    ['halt with low bits (illegal before privileged)', encodeN(Op.HALT) | 1],
    ['setptbr with an imm', encodeI(Op.SETPTBR, 0, 1, 4)],
  ] as const)('illegal_instruction: %s', (_name, word) => {
    const { hw, trap, regs } = exec([word >>> 0], { 1: 11, 2: 22, 3: 33 });
    expect(trap).toEqual(trapAt(TrapCause.IllegalInstruction, CODE_BASE));
    expect([regs[1], regs[2], regs[3]]).toEqual([11, 22, 33]);
    expect(hw.machine.cpu.pc).toBe(CODE_BASE);
    expect(hw.machine.cpu.instret).toBe(0);
  });
});
