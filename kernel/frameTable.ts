// The frame table: every physical frame is free, kernel-owned (page tables and
// the fixed kernel frames) or user (reference-counted: one reference per PTE
// that maps it). For user frames it also keeps the reverse map, the PTEs that
// map the frame, so that eviction can find every sharer.

export const enum FrameState {
  Free = 0,
  Kernel = 1,
  User = 2,
}

/** One PTE that maps a user frame: which address space, which page. */
export interface Mapping {
  readonly spaceId: number;
  readonly vpn: number;
}

export class FrameTable {
  readonly state: Uint8Array;
  readonly refcount: Int32Array;
  private readonly rmap: (Mapping[] | undefined)[];
  private readonly freeList: Int32Array;
  private freeTop = 0;
  userFrames = 0;
  kernelFrames = 0;
  /** Frames that were kernel-owned from boot and are never freed. */
  fixedKernelFrames = 0;
  /**
   * Frames below this have been taken at some time; none above it ever was
   * (frames are handed out lowest first, a freed one before a never-used
   * one), so no frame above it was ever written.
   */
  highWater = 0;
  /** Told of every mapping added (+1) or removed (-1): the per-process resident count. */
  onMappingChange: ((spaceId: number, delta: 1 | -1) => void) | undefined;

  constructor(readonly frames: number) {
    this.state = new Uint8Array(frames);
    this.refcount = new Int32Array(frames);
    this.rmap = new Array<Mapping[] | undefined>(frames).fill(undefined);
    this.freeList = new Int32Array(frames);
    // Hand out low frames first, so runs are easy to read in the debugger.
    for (let f = frames - 1; f >= 0; f--) this.freeList[this.freeTop++] = f;
  }

  get freeFrames(): number {
    return this.freeTop;
  }

  /** Frames held by processes: user pages plus page tables (the fixed kernel frames excluded). */
  get usedByProcesses(): number {
    return this.userFrames + this.kernelFrames - this.fixedKernelFrames;
  }

  /** Takes a free frame, or returns -1. */
  take(state: FrameState.Kernel | FrameState.User): number {
    if (this.freeTop === 0) return -1;
    const f = this.freeList[--this.freeTop]!;
    if (f >= this.highWater) this.highWater = f + 1;
    this.state[f] = state;
    this.refcount[f] = 0;
    if (state === FrameState.User) this.userFrames++;
    else this.kernelFrames++;
    return f;
  }

  /** Marks a freshly taken kernel frame as one of the fixed boot-time frames. */
  markFixed(): void {
    this.fixedKernelFrames++;
  }

  /** Gives a frame back. A user frame must have no mappings left. */
  release(f: number): void {
    const s = this.state[f];
    if (s === FrameState.Free) throw new Error(`kernel bug: frame ${f} freed twice`);
    if (s === FrameState.User) {
      if (this.refcount[f] !== 0) throw new Error(`kernel bug: frame ${f} freed with ${this.refcount[f]} mappings`);
      this.userFrames--;
      this.rmap[f] = undefined;
    } else {
      this.kernelFrames--;
    }
    this.state[f] = FrameState.Free;
    this.freeList[this.freeTop++] = f;
  }

  /** Records one more PTE mapping user frame `f`. */
  addMapping(f: number, spaceId: number, vpn: number): void {
    if (this.state[f] !== FrameState.User) throw new Error(`kernel bug: mapping non-user frame ${f}`);
    this.refcount[f]!++;
    const list = this.rmap[f];
    if (list === undefined) this.rmap[f] = [{ spaceId, vpn }];
    else list.push({ spaceId, vpn });
    this.onMappingChange?.(spaceId, 1);
  }

  /** Forgets one PTE mapping user frame `f`; returns the references left. */
  removeMapping(f: number, spaceId: number, vpn: number): number {
    const list = this.rmap[f];
    const i = list === undefined ? -1 : list.findIndex((m) => m.spaceId === spaceId && m.vpn === vpn);
    if (i < 0) throw new Error(`kernel bug: frame ${f} has no mapping for space ${spaceId} page 0x${vpn.toString(16)}`);
    list!.splice(i, 1);
    this.onMappingChange?.(spaceId, -1);
    return --this.refcount[f]!;
  }

  mappings(f: number): readonly Mapping[] {
    return this.rmap[f] ?? [];
  }
}
