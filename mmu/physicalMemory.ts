// Physical memory: N frames of 4 KiB in one ArrayBuffer, with byte and word
// views over the same bytes. Words are little-endian: the host must be too,
// which the constructor checks (every platform Node 20 runs on is).
import { frameAddress, PAGE_SIZE_BYTES } from './page.js';

/** At most 1 GiB of guest memory: a typed array the host can always allocate. */
export const MAX_FRAMES = 262_144;

export class PhysicalMemory {
  readonly frames: number;
  readonly sizeBytes: number;
  readonly bytes: Uint8Array;
  readonly words: Int32Array;

  /**
   * `reuse`: a zeroed buffer of exactly frames * 4 KiB to use instead of a
   * new one (kernel/memoryPool.ts); every frame reads 0 either way.
   */
  constructor(frames: number, reuse?: ArrayBuffer) {
    if (!hostIsLittleEndian()) throw new Error('illusion needs a little-endian host: guest words are little-endian typed-array words');
    if (!Number.isInteger(frames) || frames < 1 || frames > MAX_FRAMES) {
      throw new RangeError(`frames must be 1..${MAX_FRAMES}, got ${frames}`);
    }
    this.frames = frames;
    this.sizeBytes = frames * PAGE_SIZE_BYTES;
    const buffer = reuse?.byteLength === this.sizeBytes ? reuse : new ArrayBuffer(this.sizeBytes);
    this.bytes = new Uint8Array(buffer);
    this.words = new Int32Array(buffer);
  }

  /** Reads the aligned word at physical address `paddr` (unsigned). */
  readWord(paddr: number): number {
    return this.words[paddr >>> 2]! >>> 0;
  }

  writeWord(paddr: number, value: number): void {
    this.words[paddr >>> 2] = value | 0;
  }

  readByte(paddr: number): number {
    return this.bytes[paddr]!;
  }

  zeroFrame(frame: number): void {
    const base = frameAddress(frame);
    this.bytes.fill(0, base, base + PAGE_SIZE_BYTES);
  }

  copyFrame(from: number, to: number): void {
    const src = frameAddress(from);
    this.bytes.copyWithin(frameAddress(to), src, src + PAGE_SIZE_BYTES);
  }

  /** A view of one frame's bytes (shares memory). */
  frameBytes(frame: number): Uint8Array {
    const base = frameAddress(frame);
    return this.bytes.subarray(base, base + PAGE_SIZE_BYTES);
  }
}

export function hostIsLittleEndian(): boolean {
  return new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
}
