// The call frames each process made, as the debugger watched it execute:
// a call is a jal or jalr that links into a register (`call`, `jal label`,
// and a leaf called with `jalr r7, r5, 0` that returns through r7); a
// return is a jump that does not link (`ret` is jalr r0, ra, 0) landing on
// the return address of a tracked frame, which pops it and every frame
// above it (a function that returned past its callee). These frames are
// what bt prints and what next and finish run to.
import { Op, REG_RA } from '../../cpu/isa.js';

export interface CallFrame {
  /** Address of the call instruction. */
  readonly site: number;
  /** Where the callee returns to (site + 4). */
  readonly ret: number;
  /** The callee's first instruction. */
  readonly target: number;
  /** sp when the call was made. */
  readonly sp: number;
}

export class CallTracker {
  private readonly stacks = new Map<number, CallFrame[]>();
  /** Pids whose frames may be incomplete: an instruction ran that the debugger could not decode first. */
  private readonly unsure = new Set<number>();
  /** Every return address of a call each process was seen to make (an ra holding one is not a mystery). */
  private readonly returns = new Map<number, Set<number>>();
  /** Every callee any process was seen to call: where functions start (bt names code by them). */
  readonly callees = new Set<number>();
  /** Per pid, the last `ret` that landed where no open call returns (until the next call or return). */
  private readonly strays = new Map<number, StrayReturn>();

  framesOf(pid: number): readonly CallFrame[] {
    return this.stacks.get(pid) ?? [];
  }

  isUnsure(pid: number): boolean {
    return this.unsure.has(pid);
  }

  /** True when `pid` was seen making a call that returns to `address`. */
  sawCallReturningTo(pid: number, address: number): boolean {
    return this.returns.get(pid)?.has(address >>> 0) ?? false;
  }

  /** The `ret` of `pid` that went astray since its last call or return, if any. */
  strayReturn(pid: number): StrayReturn | undefined {
    return this.strays.get(pid);
  }

  markUnsure(pid: number): void {
    this.unsure.add(pid);
  }

  /** A fork child starts with its parent's frames (it returns through the same calls). */
  forked(parent: number, child: number): void {
    this.stacks.set(child, [...this.framesOf(parent)]);
    this.returns.set(child, new Set(this.returns.get(parent)));
    if (this.unsure.has(parent)) this.unsure.add(child);
    const stray = this.strays.get(parent);
    if (stray !== undefined) this.strays.set(child, stray);
  }

  /** `pid` committed `word` at `pc` and is now at `next` with stack pointer `sp`. */
  committed(pid: number, word: number, pc: number, next: number, sp: number): void {
    const op = word >>> 24;
    if (op !== Op.JAL && op !== Op.JALR) return;
    const rd = (word >>> 20) & 15;
    const stack = this.stacks.get(pid) ?? [];
    this.stacks.set(pid, stack);
    if (rd !== 0) {
      this.strays.delete(pid);
      const returns = this.returns.get(pid) ?? new Set<number>();
      this.returns.set(pid, returns.add((pc + 4) >>> 0));
      stack.push({ site: pc >>> 0, ret: (pc + 4) >>> 0, target: next >>> 0, sp: sp >>> 0 });
      this.callees.add(next >>> 0);
      return;
    }
    for (let i = stack.length - 1; i >= 0; i--) {
      if (stack[i]!.ret === next >>> 0) {
        stack.length = i;
        this.strays.delete(pid);
        return;
      }
    }
    // A ret (jalr r0, ra, 0) that returns to no open call: ra changed after the call that set it.
    if (word === RET_WORD && stack.length > 0) this.strays.set(pid, { site: pc >>> 0, to: next >>> 0 });
  }
}

/** A `ret` that landed on no open call's return address. */
export interface StrayReturn {
  readonly site: number;
  readonly to: number;
}

/** `ret`: jalr r0, ra, 0. */
const RET_WORD = ((Op.JALR << 24) | (REG_RA << 16)) >>> 0;

/** True when `word` is a call: jal or jalr linking into a register (ra for `call`, any other for a hand-made call). */
export function isCall(word: number): boolean {
  const op = word >>> 24;
  return (op === Op.JAL || op === Op.JALR) && ((word >>> 20) & 15) !== 0;
}
