// The load or store an instruction makes, read from its word and the
// registers as they are before it runs: a watch on a page (the terminal
// debugger's `watch page`, the page's Watch) asks this of every
// instruction. Before, not after: `lw r4, 0(r4)` (one step down a linked
// list) overwrites its own base register.
import { Op } from '../cpu/isa.js';

export interface DataAccess {
  readonly access: 'load' | 'store';
  /** The virtual address: base register plus the signed 16-bit offset. */
  readonly address: number;
}

/** The data access of the instruction `word` with registers `regs` (before it runs); undefined when it makes none. */
export function dataAccessOf(word: number, regs: ArrayLike<number>): DataAccess | undefined {
  const op = word >>> 24;
  const access = op === Op.LW || op === Op.LB || op === Op.LBU ? 'load' : op === Op.SW || op === Op.SB ? 'store' : undefined;
  if (access === undefined) return undefined;
  return { access, address: (regs[(word >>> 16) & 15]! + ((word << 16) >> 16)) >>> 0 };
}
