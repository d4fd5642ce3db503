// The ceiling a plain interpreter sets (issue 18): a switch interpreter of
// the same ISA with the same decode as cpu/cpu.ts, over one flat Int32Array
// memory addressed by the virtual address itself: no MMU, no TLB, no
// statistics, no timer, no cycle counter. It runs the register loop the
// "dispatch" case runs (bench/hotpaths.ts), so that the dispatch row can be
// given as a fraction of it in the same run (bench/report.ts).
//
// It is a yardstick, not a machine: a trap (illegal or privileged
// instruction, misaligned or out-of-memory access, divide by zero, syscall,
// breakpoint) only stops it, with the pc left at the instruction.
import { assemble } from '../asm/index.js';
import { divide } from '../cpu/cpu.js';
import { MUST_BE_ZERO, Op, R_MUST_BE_ZERO, REGISTER_COUNT } from '../cpu/isa.js';
import { TEXT_BASE } from '../mmu/layout.js';
import { DISPATCH_SOURCE, INSTRUCTIONS_PER_CALL } from './hotpaths.js';
import type { BenchCase } from './measure.js';

/** Why run() stopped. */
export const enum BareStop {
  Budget = 0,
  Trap = 1,
}

export class BareInterpreter {
  readonly regs = new Int32Array(REGISTER_COUNT);
  readonly words: Int32Array;
  readonly bytes: Uint8Array;
  pc = 0;
  /** Instructions completed, over all runs. */
  executed = 0;

  constructor(memoryBytes: number) {
    this.words = new Int32Array(memoryBytes >>> 2);
    this.bytes = new Uint8Array(this.words.buffer);
  }

  /** Runs up to `budget` instructions from pc. */
  run(budget: number): BareStop {
    const regs = this.regs;
    const words = this.words;
    const bytes = this.bytes;
    const mbz = MUST_BE_ZERO;
    const rMask = R_MUST_BE_ZERO;
    const top = bytes.length;
    let pc = this.pc | 0;
    let n = 0;
    let stop = BareStop.Budget;
    loop: while (n < budget) {
      // A pc past the end reads undefined, i.e. word 0: opcode 0 is unassigned and stops in the default case.
      const w = words[pc >>> 2]!;
      const op = w >>> 24;
      // The CPU's must-be-zero check, as cpu.ts writes it.
      if (op < 0x10 ? (w & rMask) !== 0 : (op >= 0x40 || op === Op.LUI) && (w & mbz[op]!) !== 0) { stop = BareStop.Trap; break; }
      const rd = (w >>> 20) & 15;
      const rs1 = (w >>> 16) & 15;
      let next = (pc + 4) | 0;
      switch (op) {
        case Op.ADD: regs[rd] = regs[rs1]! + regs[(w >>> 12) & 15]!; break;
        case Op.SUB: regs[rd] = regs[rs1]! - regs[(w >>> 12) & 15]!; break;
        case Op.AND: regs[rd] = regs[rs1]! & regs[(w >>> 12) & 15]!; break;
        case Op.OR: regs[rd] = regs[rs1]! | regs[(w >>> 12) & 15]!; break;
        case Op.XOR: regs[rd] = regs[rs1]! ^ regs[(w >>> 12) & 15]!; break;
        case Op.SHL: regs[rd] = regs[rs1]! << regs[(w >>> 12) & 15]!; break;
        case Op.SHR: regs[rd] = regs[rs1]! >>> regs[(w >>> 12) & 15]!; break;
        case Op.SRA: regs[rd] = regs[rs1]! >> regs[(w >>> 12) & 15]!; break;
        case Op.SLT: regs[rd] = regs[rs1]! < regs[(w >>> 12) & 15]! ? 1 : 0; break;
        case Op.SLTU: regs[rd] = regs[rs1]! >>> 0 < regs[(w >>> 12) & 15]! >>> 0 ? 1 : 0; break;
        case Op.MUL: regs[rd] = Math.imul(regs[rs1]!, regs[(w >>> 12) & 15]!); break;
        case Op.DIV: case Op.DIVU: case Op.REM: case Op.REMU: {
          const b = regs[(w >>> 12) & 15]!;
          if (b === 0) { stop = BareStop.Trap; break loop; }
          regs[rd] = divide(op, regs[rs1]!, b);
          break;
        }
        case Op.ADDI: regs[rd] = regs[rs1]! + ((w << 16) >> 16); break;
        case Op.ANDI: regs[rd] = regs[rs1]! & (w & 0xffff); break;
        case Op.ORI: regs[rd] = regs[rs1]! | (w & 0xffff); break;
        case Op.XORI: regs[rd] = regs[rs1]! ^ (w & 0xffff); break;
        case Op.SHLI: regs[rd] = regs[rs1]! << (w & 31); break;
        case Op.SHRI: regs[rd] = regs[rs1]! >>> (w & 31); break;
        case Op.SRAI: regs[rd] = regs[rs1]! >> (w & 31); break;
        case Op.SLTI: regs[rd] = regs[rs1]! < ((w << 16) >> 16) ? 1 : 0; break;
        case Op.SLTIU: regs[rd] = regs[rs1]! >>> 0 < ((w << 16) >> 16) >>> 0 ? 1 : 0; break;
        case Op.LUI: regs[rd] = w << 16; break;
        case Op.LW: case Op.LB: case Op.LBU: {
          const va = (regs[rs1]! + ((w << 16) >> 16)) | 0;
          if ((op === Op.LW && (va & 3) !== 0) || (va >>> 0) >= top) { stop = BareStop.Trap; break loop; }
          if (op === Op.LW) regs[rd] = words[va >>> 2]!;
          else if (op === Op.LB) regs[rd] = (bytes[va]! << 24) >> 24;
          else regs[rd] = bytes[va]!;
          break;
        }
        case Op.SW: case Op.SB: {
          const va = (regs[rs1]! + ((w << 16) >> 16)) | 0;
          if ((op === Op.SW && (va & 3) !== 0) || (va >>> 0) >= top) { stop = BareStop.Trap; break loop; }
          if (op === Op.SW) words[va >>> 2] = regs[rd]!;
          else bytes[va] = regs[rd]!;
          break;
        }
        case Op.BEQ: if (regs[rd] === regs[rs1]) next = (next + (((w << 16) >> 16) << 2)) | 0; break;
        case Op.BNE: if (regs[rd] !== regs[rs1]) next = (next + (((w << 16) >> 16) << 2)) | 0; break;
        case Op.BLT: if (regs[rd]! < regs[rs1]!) next = (next + (((w << 16) >> 16) << 2)) | 0; break;
        case Op.BGE: if (regs[rd]! >= regs[rs1]!) next = (next + (((w << 16) >> 16) << 2)) | 0; break;
        case Op.BLTU: if (regs[rd]! >>> 0 < regs[rs1]! >>> 0) next = (next + (((w << 16) >> 16) << 2)) | 0; break;
        case Op.BGEU: if (regs[rd]! >>> 0 >= regs[rs1]! >>> 0) next = (next + (((w << 16) >> 16) << 2)) | 0; break;
        case Op.JAL: regs[rd] = next; next = (next + (((w << 12) >> 12) << 2)) | 0; break;
        case Op.JALR: {
          const target = (regs[rs1]! + ((w << 16) >> 16)) | 0;
          if ((target & 3) !== 0) { stop = BareStop.Trap; break loop; }
          regs[rd] = next;
          next = target;
          break;
        }
        case Op.RDCYCLE: regs[rd] = this.executed + n; break;
        default: stop = BareStop.Trap; break loop;
      }
      regs[0] = 0;
      pc = next;
      n++;
    }
    this.pc = pc >>> 0;
    this.executed += n;
    return stop;
  }
}

/** Flat memory: the image's text at TEXT_BASE and nothing above it but a page. */
const BARE_MEMORY_BYTES = TEXT_BASE + 8192;

/** A bare interpreter with the dispatch loop loaded, registers as the dispatch case sets them. */
export function bareDispatchMachine(): BareInterpreter {
  const result = assemble(DISPATCH_SOURCE, 'bench-dispatch.s');
  if (!result.ok) throw new Error('the dispatch loop does not assemble');
  const bare = new BareInterpreter(BARE_MEMORY_BYTES);
  bare.bytes.set(result.image.text, TEXT_BASE);
  bare.pc = TEXT_BASE;
  bare.regs[6] = 0x7fff_ffff;
  bare.regs[7] = 1;
  return bare;
}

export function bareInterpreterCase(): BenchCase {
  return {
    id: 'baseline.bare', name: 'bare interpreter: dispatch loop, no MMU (the ceiling)', group: 'baseline', baseline: 'register', length: 'short',
    prepare: () => {
      const bare = bareDispatchMachine();
      const call = (): void => {
        if (bare.run(INSTRUCTIONS_PER_CALL) !== BareStop.Budget) throw new Error(`bare interpreter trapped at pc 0x${bare.pc.toString(16)}`);
      };
      call();
      return { body: call, facts: { instructions: INSTRUCTIONS_PER_CALL, cycles: 0, counters: {} } };
    },
  };
}
