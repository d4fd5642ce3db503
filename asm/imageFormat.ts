// The binary program image (docs/image-format.md has the byte-by-byte
// description). Little-endian throughout. decodeImage checks everything and
// never throws: a bad file is an expected failure, reported as a value.
import { hex32 } from './expressions.js';
import { pageAlignUp, TEXT_BASE, type ImageSymbol, type LineEntry, type ProgramImage } from './image.js';
import { IMAGE_END_LIMIT } from '../mmu/layout.js';
import { MAX_STORED_SECTION_BYTES } from './layout.js';

/** "ILLU": the first four bytes of every image. */
export const IMAGE_MAGIC = Uint8Array.of(0x49, 0x4c, 0x4c, 0x55);
/** Version 2 adds zero runs in sections and the file of each line (for `.include`); version 1 is still read. */
export const IMAGE_FORMAT_VERSION = 2;
const MAX_NAME_BYTES = 4096;
const SECTION_CODES = ['text', 'data', 'bss', 'abs'] as const;

export type DecodeResult = { ok: true; image: ProgramImage } | { ok: false; message: string };

export function looksLikeImage(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && IMAGE_MAGIC.every((b, i) => bytes[i] === b);
}

const UTF8 = new TextEncoder();

/** Appends little-endian values to a growing list of byte blocks (no per-byte array: images can hold 64 MiB). */
class Writer {
  private readonly blocks: Uint8Array[] = [];
  private small: number[] = [];
  u8(v: number): void { this.small.push(v & 0xff); }
  u16(v: number): void { this.u8(v); this.u8(v >>> 8); }
  u32(v: number): void { this.u16(v & 0xffff); this.u16(v >>> 16); }
  bytes(b: Uint8Array): void { this.cut(); this.blocks.push(b); }
  /** Names are short: their bytes join the small values rather than becoming a block each. */
  string(s: string): void { const b = UTF8.encode(s); this.u32(b.length); for (const x of b) this.small.push(x); }
  done(): Uint8Array {
    this.cut();
    const out = new Uint8Array(this.blocks.reduce((n, b) => n + b.length, 0));
    let at = 0;
    for (const b of this.blocks) { out.set(b, at); at += b.length; }
    return out;
  }
  private cut(): void {
    if (this.small.length > 0) this.blocks.push(Uint8Array.from(this.small));
    this.small = [];
  }
}

/** Zero runs at least this long are stored as a count, not as bytes (a `.space` in .data costs nothing on disk). */
const MIN_ZERO_RUN_BYTES = 64;

/**
 * The first non-zero byte at or after `i` (or the end). Aligned stretches are
 * read four bytes at a time: a 64 MiB `.space` in .data is scanned in ~20 ms,
 * not ~80 (issue 18).
 */
function skipZeros(bytes: Uint8Array, words: Uint32Array | null, i: number): number {
  const n = bytes.length;
  while (i < n && (i & 3) !== 0 && bytes[i] === 0) i++;
  if (words !== null && (i & 3) === 0) {
    let w = i >>> 2;
    while (w < words.length && words[w] === 0) w++;
    i = w << 2;
  }
  while (i < n && bytes[i] === 0) i++;
  return i;
}

/** A section as runs: [0, bytes] stored, [1, length] zero-filled. */
function writeSection(w: Writer, bytes: Uint8Array): void {
  const runs: [number, number, number][] = []; // kind, start, end
  const words = bytes.byteOffset % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2) : null;
  let stored = 0;
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i] !== 0) { i++; continue; }
    const j = skipZeros(bytes, words, i);
    if (j - i >= MIN_ZERO_RUN_BYTES) {
      if (i > stored) runs.push([0, stored, i]);
      runs.push([1, i, j]);
      stored = j;
    }
    i = j;
  }
  if (bytes.length > stored) runs.push([0, stored, bytes.length]);
  w.u32(bytes.length);
  w.u32(runs.length);
  for (const [kind, start, end] of runs) {
    w.u8(kind);
    w.u32(end - start);
    if (kind === 0) w.bytes(bytes.subarray(start, end));
  }
}

export function encodeImage(image: ProgramImage): Uint8Array {
  const w = new Writer();
  w.bytes(IMAGE_MAGIC);
  w.u16(IMAGE_FORMAT_VERSION);
  w.u16(0); // flags: none defined
  for (const v of [image.entry, image.dataBase, image.bssBase, image.bssSize]) w.u32(v);
  writeSection(w, image.text);
  writeSection(w, image.data);
  w.string(image.sourceName);
  const files = [...new Set(image.lines.map((l) => l.file))];
  w.u32(files.length);
  for (const f of files) w.string(f);
  w.u32(image.symbols.length);
  for (const s of image.symbols) {
    w.u8(SECTION_CODES.indexOf(s.section));
    // Constants may be negative: stored as the low 32 bits plus a sign byte, so they decode exactly.
    w.u32(s.value >>> 0);
    w.u8(s.value < 0 ? 1 : 0);
    w.string(s.name);
  }
  w.u32(image.lines.length);
  const fileIndex = new Map(files.map((f, i) => [f, i]));
  for (const l of image.lines) { w.u32(l.address); w.u32(l.line); w.u32(fileIndex.get(l.file)!); }
  return w.done();
}

/** Thrown only inside decodeImage, caught there, to stop at the first problem. */
class Corrupt extends Error {}

class Reader {
  private pos = 0;
  private readonly view: DataView;
  constructor(private readonly b: Uint8Array) { this.view = new DataView(b.buffer, b.byteOffset, b.byteLength); }
  private need(n: number, what: string): void {
    if (this.pos + n > this.b.length) throw new Corrupt(`file ends inside ${what} (truncated)`);
  }
  u8(what: string): number { this.need(1, what); return this.view.getUint8(this.pos++); }
  u16(what: string): number { this.need(2, what); const v = this.view.getUint16(this.pos, true); this.pos += 2; return v; }
  u32(what: string): number { this.need(4, what); const v = this.view.getUint32(this.pos, true); this.pos += 4; return v; }
  /** A copy (Buffer.slice would share memory; Uint8Array's copies), as a plain Uint8Array. */
  bytes(n: number, what: string): Uint8Array {
    this.need(n, what);
    const v = this.b.slice(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
  string(what: string): string {
    const n = this.u32(`${what} length`);
    if (n > MAX_NAME_BYTES) throw new Corrupt(`${what} is ${n} bytes long, more than ${MAX_NAME_BYTES}`);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(this.bytes(n, what));
    return text;
  }
  get remaining(): number { return this.b.length - this.pos; }
}

export function decodeImage(bytes: Uint8Array, fileName: string): DecodeResult {
  if (!looksLikeImage(bytes)) return { ok: false, message: `${fileName}: not an illusion program image (no 'ILLU' magic number)` };
  try {
    return { ok: true, image: readImage(new Reader(bytes)) };
  } catch (e) {
    if (e instanceof Corrupt) return { ok: false, message: `${fileName}: ${e.message}` };
    return { ok: false, message: `${fileName}: corrupt image` };
  }
}

function readImage(r: Reader): ProgramImage {
  r.bytes(4, 'the magic number');
  const version = r.u16('the format version');
  if (version !== 1 && version !== IMAGE_FORMAT_VERSION) {
    throw new Corrupt(`image format version ${version} is not supported (this illusion reads versions 1 and ${IMAGE_FORMAT_VERSION})`);
  }
  const flags = r.u16('the flags');
  if (flags !== 0) throw new Corrupt(`unknown flags 0x${flags.toString(16)} in the header (corrupt image?)`);
  const [entry, dataBase, bssBase, bssSize] = ['entry', 'data base', 'bss base', 'bss size'].map((w) => r.u32(`the ${w}`)) as [number, number, number, number];
  const text = version === 1 ? r.bytes(r.u32('the .text length'), '.text') : readSection(r, '.text');
  const data = version === 1 ? r.bytes(r.u32('the .data length'), '.data') : readSection(r, '.data');
  checkLayout(entry, text.length, dataBase, data.length, bssBase, bssSize);
  const sourceName = r.string('the source name');
  const files = version === 1 ? [sourceName] : readFiles(r);
  const symbols = readSymbols(r, { text: [TEXT_BASE, text.length], data: [dataBase, data.length], bss: [bssBase, bssSize] });
  const lines = readLines(r, { textLen: text.length, dataBase, dataLen: data.length, files, version });
  if (r.remaining !== 0) throw new Corrupt(`${r.remaining} unexpected bytes after the line table (corrupt image?)`);
  return { sourceName, entry, text, dataBase, data, bssBase, bssSize, symbols, lines };
}

/** A section's runs into one array; zero runs are the array's own zeros (never written). */
function readSection(r: Reader, name: string): Uint8Array {
  const length = r.u32(`the ${name} length`);
  if (length > MAX_STORED_SECTION_BYTES) throw new Corrupt(`${name} is ${length} bytes, more than ${MAX_STORED_SECTION_BYTES}`);
  const count = r.u32(`the ${name} run count`);
  if (count * 5 > r.remaining) throw new Corrupt(`${name} run count ${count} is more than the file holds (truncated)`);
  const out = new Uint8Array(length);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const kind = r.u8(`a ${name} run kind`);
    const n = r.u32(`a ${name} run length`);
    if (kind > 1 || at + n > length) throw new Corrupt(`${name} run ${i} (kind ${kind}, ${n} bytes) does not fit the section`);
    if (kind === 0) out.set(r.bytes(n, name), at);
    at += n;
  }
  if (at !== length) throw new Corrupt(`${name} runs cover ${at} of its ${length} bytes`);
  return out;
}

function readFiles(r: Reader): string[] {
  const count = r.u32('the file count');
  if (count * 4 > r.remaining) throw new Corrupt(`file count ${count} is more than the file holds (truncated)`);
  return Array.from({ length: count }, () => r.string('a file name'));
}

function checkLayout(entry: number, textLen: number, dataBase: number, dataLen: number, bssBase: number, bssSize: number): void {
  const wantData = pageAlignUp(TEXT_BASE + textLen);
  if (dataBase !== wantData) throw new Corrupt(`.data at ${hex32(dataBase)} should be at ${hex32(wantData)}, the page after .text`);
  const wantBss = dataBase + ((dataLen + 3) & ~3);
  if (bssBase !== wantBss) throw new Corrupt(`.bss at ${hex32(bssBase)} should be at ${hex32(wantBss)}, just after .data`);
  if (bssBase + bssSize > IMAGE_END_LIMIT) {
    throw new Corrupt(`the program ends at ${hex32(bssBase + bssSize)}, above the limit ${hex32(IMAGE_END_LIMIT)}`);
  }
  const inText = entry >= TEXT_BASE && entry <= TEXT_BASE + textLen;
  const inData = entry >= dataBase && entry <= dataBase + dataLen;
  if (entry % 4 !== 0 || !(inText || inData)) throw new Corrupt(`entry point ${hex32(entry)} is not in .text or .data`);
}

type Ranges = Readonly<Record<'text' | 'data' | 'bss', readonly [number, number]>>;

function readSymbols(r: Reader, ranges: Ranges): ImageSymbol[] {
  const count = r.u32('the symbol count');
  // Each symbol takes at least 10 bytes: a cheap bound against absurd counts.
  if (count * 10 > r.remaining) throw new Corrupt(`symbol count ${count} is more than the file holds (truncated)`);
  const symbols: ImageSymbol[] = [];
  for (let i = 0; i < count; i++) {
    const code = r.u8('a symbol section');
    const section = SECTION_CODES[code];
    if (section === undefined) throw new Corrupt(`symbol ${i} has unknown section code ${code}`);
    const low = r.u32('a symbol value');
    const negative = r.u8('a symbol sign');
    if (negative > 1 || (negative === 1 && section !== 'abs')) throw new Corrupt(`symbol ${i} has a bad sign byte`);
    const value = negative === 1 ? low | 0 : low;
    const name = r.string('a symbol name');
    if (!/^[A-Za-z_][A-Za-z0-9_.$]*$/.test(name)) throw new Corrupt(`symbol ${i} has a bad name '${name.slice(0, 40)}'`);
    if (section !== 'abs') {
      const [base, len] = ranges[section];
      if (value < base || value > base + len) throw new Corrupt(`label '${name}' at ${hex32(value)} is outside .${section}`);
    }
    symbols.push({ name, value, section });
  }
  return symbols;
}

interface LineTableShape { textLen: number; dataBase: number; dataLen: number; files: readonly string[]; version: number }

function readLines(r: Reader, t: LineTableShape): LineEntry[] {
  const count = r.u32('the line-table length');
  const rowBytes = t.version === 1 ? 8 : 12;
  if (count * rowBytes > r.remaining) throw new Corrupt(`line-table length ${count} is more than the file holds (truncated)`);
  const lines: LineEntry[] = [];
  let last = -1;
  for (let i = 0; i < count; i++) {
    const address = r.u32('a line-table address');
    const line = r.u32('a line number');
    const file = t.version === 1 ? t.files[0] : t.files[r.u32('a line-table file index')];
    const inside = (address >= TEXT_BASE && address < TEXT_BASE + t.textLen) || (address >= t.dataBase && address < t.dataBase + t.dataLen);
    if (!inside || line < 1 || address < last || file === undefined) {
      throw new Corrupt(`line-table row ${i} (${hex32(address)}, line ${line}) is out of place`);
    }
    last = address;
    lines.push({ address, file, line });
  }
  return lines;
}
