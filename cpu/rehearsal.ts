// The rehearsal: a short program that takes every path of the CPU's loop
// once, on a private machine, before the interpreter's loop can get hot
// (cpu.ts decides when: at its first run, or with the block engine only
// once the interpreter has done some work).
//
// Why: V8 optimises the loop with the type feedback its bytecodes gathered so
// far, and throws the optimised code away ("deoptimises") the first time a
// bytecode that never ran is reached: an opcode a program first uses late, a
// TLB refill or a page fault after the loop got hot. Each re-optimisation of
// the loop cost 15-30 ms of slow interpretation in a cold CLI run (issue 18,
// docs/benchmarks.md "The CPU loop from its first instruction"). After the rehearsal the feedback is
// complete, so the real run's first optimisation is its last.
//
// The rehearsal touches nothing but its own memory, TLB and MMU (the real
// machine's statistics and state are not involved), and it runs the same
// way every time: it changes no result. It costs ~2 ms once per process.
import { Mmu } from '../mmu/mmu.js';
import { frameAddress, Page } from '../mmu/page.js';
import { PhysicalMemory } from '../mmu/physicalMemory.js';
import { makePte, PTE_A, PTE_D, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X } from '../mmu/pte.js';
import { Tlb } from '../mmu/tlb.js';
import type { Cpu } from './cpu.js';
import { encodeB, encodeI, encodeJ, encodeN, encodeR, encodeS, Op } from './isa.js';
import { Access, TrapCause } from './trap.js';

/** Builds the CPU to rehearse on (cpu.ts passes its own constructor, so that this module needs no value of it). */
export type CpuFactory = (memory: PhysicalMemory, tlb: Tlb, mmu: Mmu, timerPeriod: number) => Cpu;

export interface RehearsalReport {
  /** cpu.run() calls made. */
  readonly runs: number;
  readonly instructions: number;
  /** Traps seen, by TrapCause. */
  readonly traps: readonly number[];
  /** True when the program reached its last instruction. */
  readonly finished: boolean;
}

// Virtual pages: two code pages, a data page (A and D clear), a read-only
// page, a malformed leaf (W without R), an unmapped page, and one more data
// page in the same TLB set as page 1 and 3 (so that a fill evicts).
const CODE1 = 1, CODE2 = 2, DATA = 3, READ_ONLY = 4, MALFORMED = 5, UNMAPPED = 6, DATA2 = 7;
/** Root index 1 has no table: an access there faults in the walk's first step. */
const NO_TABLE_ADDRESS = 0x0040_0000;
const ROOT_FRAME = 0, LEAF_FRAME = 1;
const FRAMES = 8;
/** A 4-entry, 2-way TLB: small enough that the rehearsal fills every way and evicts. */
const TLB = { entries: 4, ways: 2, policy: 'lru', asids: true, seed: 1 } as const;
/** Short timer and budget, so that both end runs too. */
const TIMER_PERIOD = 13;
const BUDGET = 5;
const MAX_RUNS = 400;
/** The register the program sets to where it goes on after a fetch fault. */
const RESUME_REG = 12;

const va = (vpn: number): number => vpn << Page.Shift;

/** The program's first code page, then its second. */
function program(): { page1: number[]; page2: number[] } {
  const p: number[] = [];
  const here = (): number => va(CODE1) + 4 * p.length;
  p.push(
    encodeI(Op.ADDI, 1, 0, va(DATA)), encodeI(Op.ADDI, 2, 0, va(READ_ONLY)), encodeI(Op.ADDI, 3, 0, 5),
    encodeI(Op.ADDI, 4, 0, -3), encodeI(Op.ADDI, 7, 0, va(UNMAPPED)), encodeI(Op.LUI, 8, 0, NO_TABLE_ADDRESS >>> 16),
    encodeI(Op.ADDI, 11, 0, va(MALFORMED)), encodeI(Op.ADDI, 13, 0, va(CODE2)),
  );
  for (const op of [Op.ADD, Op.SUB, Op.AND, Op.OR, Op.XOR, Op.SHL, Op.SHR, Op.SRA, Op.SLT, Op.SLTU, Op.MUL, Op.DIV, Op.DIVU, Op.REM, Op.REMU]) {
    p.push(encodeR(op, 5, 3, 4));
  }
  // Small helpers the loop calls (divide, cycleLow32) get their own feedback
  // vectors only after many calls: a loop of them, 24 times round.
  p.push(encodeI(Op.ADDI, 10, 0, 24));
  for (const op of [Op.DIV, Op.DIVU, Op.REM, Op.REMU]) p.push(encodeR(op, 5, 3, 4));
  p.push(encodeI(Op.RDCYCLE, 5, 0, 0), encodeI(Op.ADDI, 10, 10, -1), encodeB(Op.BNE, 10, 0, -7));
  for (const op of [Op.ADDI, Op.ANDI, Op.ORI, Op.XORI, Op.SHLI, Op.SHRI, Op.SRAI, Op.SLTI, Op.SLTIU]) p.push(encodeI(op, 5, 3, 2));
  p.push(
    encodeI(Op.LW, 6, 1, 0), // miss: refill
    encodeI(Op.LB, 6, 1, 1), encodeI(Op.LBU, 6, 1, 2), // the data page's own hits
    encodeS(Op.SW, 3, 1, 4), // a hit without D: translate walks to set it
    encodeS(Op.SB, 3, 1, 8),
    encodeI(Op.LW, 6, 2, 0), // another page: refill
    encodeI(Op.LW, 6, 1, 4), encodeS(Op.SW, 3, 1, 0), // TLB hits outside the one-entry cache
    encodeS(Op.SW, 3, 2, 0), // read-only: protection fault
    encodeI(Op.LW, 6, 1, 2), encodeS(Op.SW, 6, 1, 2), // misaligned
    encodeI(Op.LB, 6, 7, 0), encodeI(Op.LW, 6, 8, 0), encodeS(Op.SW, 6, 8, 0), encodeI(Op.LW, 6, 11, 0), // page faults
    encodeR(Op.DIV, 5, 3, 0), // divide by zero
  );
  for (const op of [Op.BEQ, Op.BNE, Op.BLT, Op.BGE, Op.BLTU, Op.BGEU]) p.push(encodeB(op, 3, 4, 0), encodeB(op, 4, 3, 0), encodeB(op, 3, 3, 0));
  p.push(encodeJ(Op.JAL, 15, 0), encodeJ(Op.JAL, 9, 0));
  // r9 = this address; jump over one word; then a misaligned jump.
  p.push(encodeI(Op.ADDI, 9, 9, 12), encodeI(Op.JALR, 10, 9, 0), encodeI(Op.ADDI, 0, 0, 0), encodeI(Op.ADDI, 14, 9, 2), encodeI(Op.JALR, 0, 14, 0));
  p.push(
    encodeI(Op.RDCYCLE, 5, 0, 0), encodeN(Op.SYSCALL), encodeN(Op.BRK),
    encodeR(Op.ADD, 5, 3, 4) | 1, encodeN(Op.SYSCALL) | 1, encodeI(Op.LUI, 5, 3, 1), // must-be-zero bits set
    encodeN(Op.HALT), 0x1000_0000, 0x6000_0000, // privileged, unassigned
  );
  // Fetch faults: a page without X, then an unmapped page; the rehearsal resumes at RESUME_REG.
  p.push(encodeI(Op.ADDI, RESUME_REG, 0, here() + 8), encodeI(Op.JALR, 0, 1, 0));
  p.push(encodeI(Op.ADDI, RESUME_REG, 0, here() + 8), encodeI(Op.JALR, 0, 7, 0));
  p.push(encodeI(Op.JALR, 0, 13, 0)); // to the second page
  const page2 = [
    encodeI(Op.LW, 6, 13, 0), // a load from the fetch page
    encodeI(Op.ADDI, 1, 0, va(DATA2)), encodeI(Op.LW, 6, 1, 0), // a fill that evicts
    encodeI(Op.ADDI, 1, 0, va(DATA)), encodeS(Op.SB, 3, 1, 0), // and one more
    encodeN(Op.BRK), // the end
  ];
  return { page1: p, page2 };
}

/** Maps the rehearsal's pages (frames from 2 on) and writes its program. */
function layOut(memory: PhysicalMemory): void {
  const leaf = (vpn: number, pte: number): void => memory.writeWord(frameAddress(LEAF_FRAME) + vpn * 4, pte);
  memory.writeWord(frameAddress(ROOT_FRAME), makePte(LEAF_FRAME, PTE_V));
  const code = PTE_V | PTE_R | PTE_X | PTE_U;
  const data = PTE_V | PTE_R | PTE_W | PTE_U;
  leaf(CODE1, makePte(2, code));
  leaf(CODE2, makePte(3, code));
  leaf(DATA, makePte(4, data));
  leaf(READ_ONLY, makePte(5, PTE_V | PTE_R | PTE_U));
  leaf(MALFORMED, makePte(6, PTE_V | PTE_W | PTE_U));
  leaf(DATA2, makePte(7, data));
  const { page1, page2 } = program();
  page1.forEach((w, i) => memory.writeWord(frameAddress(2) + 4 * i, w));
  page2.forEach((w, i) => memory.writeWord(frameAddress(3) + 4 * i, w));
}

/**
 * V8 gives a function its feedback vector only after several calls (lazy
 * feedback allocation): what runs before gathers no feedback. So the whole
 * rehearsal runs this many times; the first pass mostly pays for the vectors.
 */
export const REHEARSAL_PASSES = 3;

/** The rehearsal, REHEARSAL_PASSES times; the report of the last pass. */
export function rehearse(build: CpuFactory): RehearsalReport {
  let report = rehearseOnce(build);
  for (let pass = 1; pass < REHEARSAL_PASSES; pass++) report = rehearseOnce(build);
  return report;
}

/** Runs the rehearsal program to its end, then a software-refill machine through a tlb_miss and a tlb_modified. */
export function rehearseOnce(build: CpuFactory): RehearsalReport {
  const memory = new PhysicalMemory(FRAMES);
  const tlb = new Tlb(TLB);
  const mmu = new Mmu(memory, tlb, 'hardware');
  layOut(memory);
  mmu.setPtbr(ROOT_FRAME);
  mmu.setAsid(1);
  const cpu = build(memory, tlb, mmu, TIMER_PERIOD);
  const traps: number[] = new Array<number>(TrapCause.TlbModified + 1).fill(0);
  const end = va(CODE2) + 4 * (program().page2.length - 1);
  let runs = 0;
  let finished = false;
  cpu.pc = va(CODE1) + 2; // a misaligned pc: the run traps before its first fetch
  while (runs < MAX_RUNS && !finished) {
    const trap = cpu.run(BUDGET);
    runs++;
    if (trap === null) continue;
    traps[trap.cause]!++;
    if (trap.cause === TrapCause.Timer) continue;
    if (trap.cause === TrapCause.Breakpoint && trap.pc === end) finished = true;
    const fetchFault = trap.cause === TrapCause.PageFault && trap.access === Access.Fetch;
    cpu.pc = fetchFault ? cpu.regs[RESUME_REG]! >>> 0 : trap.cause === TrapCause.Misaligned && trap.pc === trap.address ? va(CODE1) : (trap.pc + 4) >>> 0;
  }
  runs += rehearseSoftwareRefill(build, traps);
  return { runs, instructions: cpu.instret, traps, finished };
}

/** With software refill a miss traps tlb_miss and a first store tlb_modified; the rehearsal writes the entries the kernel would. */
function rehearseSoftwareRefill(build: CpuFactory, traps: number[]): number {
  const memory = new PhysicalMemory(FRAMES);
  const tlb = new Tlb(TLB);
  const mmu = new Mmu(memory, tlb, 'software');
  mmu.setAsid(1);
  const words = [encodeI(Op.ADDI, 1, 0, va(DATA)), encodeI(Op.LW, 6, 1, 0), encodeS(Op.SW, 6, 1, 0), encodeN(Op.BRK)];
  words.forEach((w, i) => memory.writeWord(frameAddress(2) + 4 * i, w));
  const cpu = build(memory, tlb, mmu, 0);
  cpu.pc = va(CODE1);
  const rights = PTE_V | PTE_U | PTE_A;
  let runs = 0;
  while (runs < 8) {
    const trap = cpu.run(BUDGET);
    runs++;
    if (trap === null) continue;
    traps[trap.cause]!++;
    if (trap.cause === TrapCause.TlbMiss && trap.access === Access.Fetch) mmu.tlbwrite(CODE1, 1, rights | PTE_R | PTE_X, 2);
    else if (trap.cause === TrapCause.TlbMiss) mmu.tlbwrite(DATA, 1, rights | PTE_R | PTE_W, 4);
    else if (trap.cause === TrapCause.TlbModified) mmu.tlbwrite(DATA, 1, rights | PTE_R | PTE_W | PTE_D, 4);
    else break;
  }
  return runs;
}
