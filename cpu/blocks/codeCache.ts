// Compiled blocks, kept per physical code frame and indexed by word. A
// frame's blocks are only as good as the words they were compiled from: the
// kernel may rewrite a frame between two runs (a freed frame given to another
// page, a swap-in, mprotect from rw- to r-x), so each frame keeps a copy of
// the words its blocks cover and, the first time a stretch enters the frame,
// compares them with memory; any difference drops the frame's blocks. Within
// a stretch only the guest writes memory, and a block's store to a frame that
// holds blocks drops them, and the block returns right after the store
// (engine.ts): W^X makes both rare.
import { compileBlock, type Block } from './compiler.js';

const PAGE_WORDS = 1024;

export class CodePage {
  /** Blocks by the word they start at. */
  readonly blocks: (Block | undefined)[] = new Array<Block | undefined>(PAGE_WORDS).fill(undefined);
  /** How often the engine reached each word with no block there yet (engine.ts compiles on the HOT_AFTER-th). */
  readonly heat = new Uint8Array(PAGE_WORDS);
  /** The words the blocks were compiled from, valid from `lo` to `hi` (word offsets, inclusive). */
  private readonly copy = new Int32Array(PAGE_WORDS);
  private lo = PAGE_WORDS;
  private hi = -1;
  /** The stretch that last compared the copy with memory. */
  checked = -1;

  constructor(private readonly words: Int32Array, private readonly first: number, private readonly regionBlocks: number) {}

  /** True while every word a block was compiled from is still in memory. */
  matches(): boolean {
    const words = this.words;
    const copy = this.copy;
    const first = this.first;
    for (let i = this.lo; i <= this.hi; i++) if (words[first + i] !== copy[i]) return false;
    return true;
  }

  /** Compiles (or recompiles for another virtual address) the block at word `slot`, run at virtual address `pc`. */
  compile(slot: number, pc: number): Block {
    const block = compileBlock(this.words, this.first + slot, pc, this.regionBlocks);
    this.blocks[slot] = block;
    // The range checked grows to cover the words it was compiled from; words already in it were
    // checked this stretch, so memory holds them as they were compiled.
    this.lo = Math.min(this.lo, block.lo);
    this.hi = Math.max(this.hi, block.hi);
    this.copy.set(this.words.subarray(this.first + this.lo, this.first + this.hi + 1), this.lo);
    return block;
  }
}

/**
 * Most code pages and compiled blocks kept at once: a guest that runs ever
 * more distinct code (writing it, mprotect, jumping to every word) must not
 * grow the host's memory without bound. Past either, everything is dropped
 * and compiled again as it runs.
 */
export const MAX_CODE_PAGES = 4096;
export const MAX_LIVE_BLOCKS = 16_384;

export class CodeCache {
  private readonly pages: (CodePage | undefined)[];
  private livePages = 0;
  private liveBlocks = 0;
  /** Times everything was dropped for the bounds above. */
  resets = 0;
  /** Counts stretches; a page compares its copy once per stretch. */
  private stretch = 0;
  /** Frames whose blocks were dropped: memory no longer held their words, or a store was about to change them. */
  dropped = 0;

  constructor(
    private readonly words: Int32Array,
    frames: number,
    private readonly regionBlocks: number,
    private readonly maxPages = MAX_CODE_PAGES,
    private readonly maxBlocks = MAX_LIVE_BLOCKS,
  ) {
    this.pages = new Array<CodePage | undefined>(frames).fill(undefined);
  }

  /** Counts a block compiled into one of the pages. */
  noteCompiled(): void {
    this.liveBlocks++;
  }

  /** A new stretch begins: memory may have changed since the last one. */
  beginStretch(): void {
    this.stretch++;
  }

  /** The code page of `frame`, checked against memory once per stretch. */
  page(frame: number): CodePage {
    // Here, between two blocks, the engine lets go of the page it ran, so a reset orphans nothing in use.
    if (this.livePages >= this.maxPages || this.liveBlocks >= this.maxBlocks) this.reset();
    let page = this.pages[frame];
    if (page !== undefined && page.checked !== this.stretch && !page.matches()) {
      page = undefined;
      this.dropped++;
    }
    if (page === undefined) {
      page = new CodePage(this.words, frame * PAGE_WORDS, this.regionBlocks);
      this.pages[frame] = page;
      this.livePages++;
    }
    page.checked = this.stretch;
    return page;
  }

  /** True when `frame` holds compiled blocks. */
  holds(frame: number): boolean {
    return this.pages[frame] !== undefined;
  }

  private reset(): void {
    this.pages.fill(undefined);
    this.livePages = 0;
    this.liveBlocks = 0;
    this.resets++;
  }

  /** Forgets `frame`'s blocks (a store is about to change it). */
  drop(frame: number): void {
    this.pages[frame] = undefined;
    this.dropped++;
  }
}
