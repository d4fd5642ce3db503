// The zero runs of a section: its maximal stretches of at least
// MIN_ZERO_RUN_BYTES zero bytes, sorted. The image file stores each as a
// count (docs/image-format.md), the disassembler lists each as one `.space`.
// Finding them by reading every byte made a 64 MiB `.space` in .data cost
// ~30 ms (issue 18); here the caller names spans it already knows are zero
// (the assembler its `.space` and `.align` padding, the reader the runs the
// file stored), and only the bytes outside those spans are read, so the cost
// is the section's explicit bytes, whatever the length of its spaces.
import type { ZeroRun } from './image.js';

/** Zero stretches at least this long are runs (shorter ones are cheaper stored as bytes). */
export const MIN_ZERO_RUN_BYTES = 64;

let examined = 0;

/**
 * How many section bytes findZeroRuns has read since the process started (a
 * word read counts four). Tests and benchmarks take the difference around a
 * call, to show that the work does not grow with a `.space`.
 */
export function bytesExamined(): number {
  return examined;
}

/**
 * The zero runs of `bytes`. `known` lists spans of `bytes` that are zero,
 * sorted by start and not overlapping (touching is fine); they are trusted,
 * never read. Every other byte is read once.
 */
export function findZeroRuns(bytes: Uint8Array, known: readonly ZeroRun[] = []): ZeroRun[] {
  const scan = new ZeroScan(bytes, known);
  const runs: ZeroRun[] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const known = scan.isKnownZero(i);
    if (!known) {
      examined++;
      if (bytes[i] !== 0) { i++; continue; }
    }
    // i is a zero byte that follows a non-zero one (or the start); if it was read, the scan goes on after it.
    const j = scan.zerosFrom(known ? i : i + 1);
    if (j - i >= MIN_ZERO_RUN_BYTES) runs.push({ start: i, end: j });
    i = j + 1; // bytes[j], if any, is non-zero and already read
  }
  return runs;
}

/** Are `runs` sorted, disjoint, inside a section of `length` bytes and each long enough? (A check on runs a caller supplies.) */
export function wellFormedRuns(runs: readonly ZeroRun[], length: number): boolean {
  let last = 0;
  for (const r of runs) {
    if (r.start < last || r.end - r.start < MIN_ZERO_RUN_BYTES || r.end > length) return false;
    last = r.end + 1;
  }
  return true;
}

/** A walk over `bytes` that jumps over the known zero spans. */
class ZeroScan {
  private next = 0; // the first known span that ends after the walk's position
  private readonly words: Uint32Array | null;
  constructor(private readonly bytes: Uint8Array, private readonly known: readonly ZeroRun[]) {
    this.words = bytes.byteOffset % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2) : null;
  }

  isKnownZero(i: number): boolean {
    while (this.next < this.known.length && this.known[this.next]!.end <= i) this.next++;
    return this.next < this.known.length && this.known[this.next]!.start <= i;
  }

  /** The first non-zero byte at or after `i` (or the end), reading only bytes outside the known spans. */
  zerosFrom(i: number): number {
    const n = this.bytes.length;
    while (i < n) {
      if (this.isKnownZero(i)) { i = this.known[this.next]!.end; continue; }
      const limit = this.next < this.known.length ? this.known[this.next]!.start : n;
      i = this.skipRead(i, limit);
      if (i < limit) return i;
    }
    return n;
  }

  /** Reads zeros from `i` up to `limit`; aligned stretches four bytes at a time. */
  private skipRead(i: number, limit: number): number {
    const b = this.bytes;
    while (i < limit && (i & 3) !== 0) { examined++; if (b[i] !== 0) return i; i++; }
    if (this.words !== null && (i & 3) === 0) {
      const words = this.words;
      let w = i >>> 2;
      const wordLimit = limit >>> 2;
      while (w < wordLimit && words[w] === 0) w++;
      examined += 4 * (w - (i >>> 2));
      i = w << 2;
    }
    while (i < limit) { examined++; if (b[i] !== 0) return i; i++; }
    return i;
  }
}
