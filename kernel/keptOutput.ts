// What the kernel keeps of a process's output for the result object (--json,
// the library): the first bytes of each stream, up to a per-stream cap and a
// run-wide budget, and a count of everything written. Output also streams to
// the onOutput hook as it is written; this copy is only for the result, so
// bounding it bounds the host's memory however much a guest writes.

/** Bytes of kept output the whole run may hold, shared by every process. */
export class OutputBudget {
  constructor(public remaining: number) {}
}

/** The run-wide budget is this many per-stream caps (docs/kernel.md, "Output"). */
export const RUN_BUDGET_STREAMS = 64;
/** ... and never more than this, whatever the cap (256 MiB). */
export const RUN_BUDGET_MAX_BYTES = 256 << 20;

export class KeptOutput {
  private buffer = new Uint8Array(0);
  /** Bytes kept (a prefix of what was written). */
  kept = 0;
  /** Bytes written in all, kept or not. */
  written = 0;

  /** Records a write: counts it, keeps what fits under `cap` and the budget. */
  append(bytes: Uint8Array, cap: number, budget: OutputBudget): void {
    this.written += bytes.length;
    const room = Math.min(cap - this.kept, budget.remaining, bytes.length);
    if (room <= 0) return;
    this.reserve(this.kept + room, cap);
    this.buffer.set(room === bytes.length ? bytes : bytes.subarray(0, room), this.kept);
    this.kept += room;
    budget.remaining -= room;
  }

  /** Grows the buffer by doubling (a byte-at-a-time writer costs no object per write), never past `cap`. */
  private reserve(needed: number, cap: number): void {
    if (needed <= this.buffer.length) return;
    const size = Math.min(cap, Math.max(needed, 2 * this.buffer.length, 256));
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.kept));
    this.buffer = next;
  }

  get truncated(): boolean {
    return this.written > this.kept;
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.kept);
  }

  /** Forgets what was kept (the record was dropped from the result), returning it to the budget. */
  release(budget: OutputBudget): void {
    budget.remaining += this.kept;
    this.buffer = new Uint8Array(0);
    this.kept = 0;
  }
}
