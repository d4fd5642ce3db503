// A program image: what the assembler produces and the kernel's loader reads.
// The binary form (`illusion asm -o`) is described in docs/image-format.md.
// Where it goes in memory is mmu/layout.ts.
import { pageAlignUp, TEXT_BASE } from '../mmu/layout.js';

export { pageAlignUp, TEXT_BASE };

export type SectionName = 'text' | 'data' | 'bss';

export interface ImageSymbol {
  readonly name: string;
  /** Virtual address (labels) or value (.equ constants, section 'abs'). */
  readonly value: number;
  readonly section: SectionName | 'abs';
}

/** Bytes [start, end) of a section, all zero. */
export interface ZeroRun {
  readonly start: number;
  readonly end: number;
}

/** One row of the line table: the bytes from `address` up to the next row came from `line` of `file` (the program or a file it includes). */
export interface LineEntry {
  readonly address: number;
  readonly file: string;
  readonly line: number;
}

export interface ProgramImage {
  /** Source file name, as given to the assembler (used in crash reports). */
  readonly sourceName: string;
  /** Entry point: `_start` if defined, else TEXT_BASE. */
  readonly entry: number;
  /** .text bytes, loaded at TEXT_BASE (r-x). */
  readonly text: Uint8Array;
  /** Virtual address of .data: the first page boundary after .text. */
  readonly dataBase: number;
  /** .data bytes, loaded at dataBase (rw-). */
  readonly data: Uint8Array;
  /** Virtual address of .bss: dataBase + data.length rounded up to 4. */
  readonly bssBase: number;
  /** .bss size in bytes (zero-filled, not stored in the image). */
  readonly bssSize: number;
  /** Labels and constants, in definition order. */
  readonly symbols: readonly ImageSymbol[];
  /** Sorted by address; covers .text and .data. */
  readonly lines: readonly LineEntry[];
  /**
   * Each section's zero runs (asm/zeroRuns.ts: the maximal stretches of 64 or
   * more zero bytes, sorted), as the assembler and the image reader know them
   * without reading those bytes. The writer and the disassembler skip them
   * unread, so a large `.space` costs nothing to save or list. Optional: an
   * image made by hand has none, and then they are found by reading. A copy
   * of an image whose .text or .data bytes were changed must drop them.
   */
  readonly zeroRuns?: Readonly<Record<'text' | 'data', readonly ZeroRun[]>>;
}

/** Where the heap starts: the first page boundary after .bss (SPEC section 7). */
export function heapBase(image: ProgramImage): number {
  return pageAlignUp(image.bssBase + image.bssSize);
}

/**
 * A line-table file as reports name it: the program by its base name (as its
 * process is named); an included file relative to the program's folder, as
 * its .include line wrote it (lib/print.s).
 */
export function sourceFileName(image: ProgramImage, file: string): string {
  const dir = image.sourceName.slice(0, image.sourceName.lastIndexOf('/') + 1);
  return file === image.sourceName ? image.sourceName.slice(dir.length)
    : dir !== '' && file.startsWith(dir) ? file.slice(dir.length) : file;
}

/** The source line that produced the byte at `address`, or undefined. */
export function lineOf(image: ProgramImage, address: number): number | undefined {
  return lineEntryAt(image, address)?.line;
}

/** `file:line` of the byte at `address` (e.g. `lib/print.s:12` for a line of an included file), or undefined. */
export function locationOf(image: ProgramImage, address: number): string | undefined {
  const row = lineEntryAt(image, address);
  return row === undefined ? undefined : `${row.file}:${row.line}`;
}

/** The line-table row covering `address`, or undefined outside .text and .data. */
export function lineEntryAt(image: ProgramImage, address: number): LineEntry | undefined {
  const rows = image.lines;
  let lo = 0;
  let hi = rows.length - 1;
  let found: LineEntry | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const row = rows[mid]!;
    if (row.address <= address) { found = row; lo = mid + 1; } else hi = mid - 1;
  }
  if (found === undefined) return undefined;
  const inText = address >= TEXT_BASE && address < TEXT_BASE + image.text.length;
  const inData = address >= image.dataBase && address < image.dataBase + image.data.length;
  return inText || inData ? found : undefined;
}
