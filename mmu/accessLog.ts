// The accessed log: the word index of every leaf PTE whose A bit the table
// walker turned from 0 to 1, in a fixed buffer the kernel drains (the idea of
// Intel's page-modification log, for A instead of D). With it, the kernel's
// harvest of A bits reads only the PTEs touched since its last look instead
// of every frame (kernel/evictor.ts). When the buffer is full the log stops
// and says so (`overflowed`): the reader must then look at every PTE, as it
// would without a log. Allocation-free: record() is on the TLB-miss path.

export class AccessLog {
  /** Word indices in physical memory, oldest first; only the first `length` count. */
  readonly words: Int32Array;
  length = 0;
  /** Set when an entry did not fit: the log is incomplete until clear(). */
  overflowed = false;

  constructor(readonly capacity: number) {
    this.words = new Int32Array(capacity);
  }

  record(wordIndex: number): void {
    if (this.length < this.capacity) this.words[this.length++] = wordIndex;
    else this.overflowed = true;
  }

  /** Forgets every entry: the reader has seen them (or looked everywhere). */
  clear(): void {
    this.length = 0;
    this.overflowed = false;
  }
}
