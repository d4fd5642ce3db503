// The binary program image (docs/image-format.md has the byte-by-byte
// description). Little-endian throughout. decodeImage checks everything and
// never throws: a bad file is an expected failure, reported as a value.
import { hex32 } from './expressions.js';
import { pageAlignUp, TEXT_BASE, type ImageSymbol, type LineEntry, type ProgramImage, type ZeroRun } from './image.js';
import { IMAGE_END_LIMIT } from '../mmu/layout.js';
import { MAX_STORED_SECTION_BYTES } from './layout.js';
import { findZeroRuns, wellFormedRuns } from './zeroRuns.js';
import { firstControlChar } from './controlChars.js';

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

/**
 * Appends little-endian values to a growing list of byte blocks (no per-byte
 * array: images can hold 64 MiB). Small values go into a byte buffer that
 * doubles as needed: the line table alone is 12 bytes a line.
 */
class Writer {
  private readonly blocks: Uint8Array[] = [];
  private buf = new Uint8Array(1024);
  private view = new DataView(this.buf.buffer);
  private n = 0;
  u8(v: number): void { this.room(1); this.buf[this.n++] = v & 0xff; }
  u16(v: number): void { this.room(2); this.view.setUint16(this.n, v & 0xffff, true); this.n += 2; }
  u32(v: number): void { this.room(4); this.view.setUint32(this.n, v >>> 0, true); this.n += 4; }
  bytes(b: Uint8Array): void { this.cut(); this.blocks.push(b); }
  /** Names are short: their bytes join the small values rather than becoming a block each. */
  string(s: string): void { const b = UTF8.encode(s); this.u32(b.length); this.room(b.length); this.buf.set(b, this.n); this.n += b.length; }
  done(): Uint8Array {
    this.cut();
    const out = new Uint8Array(this.blocks.reduce((n, b) => n + b.length, 0));
    let at = 0;
    for (const b of this.blocks) { out.set(b, at); at += b.length; }
    return out;
  }
  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(2 * this.buf.length, this.n + k));
    bigger.set(this.buf.subarray(0, this.n));
    this.buf = bigger;
    this.view = new DataView(bigger.buffer);
  }
  private cut(): void {
    if (this.n > 0) this.blocks.push(this.buf.slice(0, this.n));
    this.n = 0;
  }
}

/**
 * A section as runs: [0, bytes] stored, [1, length] zero-filled. The zero
 * runs are the image's own when it has them (then no byte of a run is read),
 * else found by reading the section.
 */
function writeSection(w: Writer, bytes: Uint8Array, given: readonly ZeroRun[] | undefined): void {
  const zeros = given !== undefined && wellFormedRuns(given, bytes.length) ? given : findZeroRuns(bytes);
  const runs: [number, number, number][] = []; // kind, start, end
  let at = 0;
  for (const z of zeros) {
    if (z.start > at) runs.push([0, at, z.start]);
    runs.push([1, z.start, z.end]);
    at = z.end;
  }
  if (bytes.length > at) runs.push([0, at, bytes.length]);
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
  writeSection(w, image.text, image.zeroRuns?.text);
  writeSection(w, image.data, image.zeroRuns?.data);
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
  /** The next `n` bytes in place (no copy), for a caller that copies them itself. */
  inPlace(n: number, what: string): Uint8Array {
    this.need(n, what);
    const v = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
  string(what: string): string {
    const n = this.u32(`${what} length`);
    if (n > MAX_NAME_BYTES) throw new Corrupt(`${what} is ${n} bytes long, more than ${MAX_NAME_BYTES}`);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(this.bytes(n, what));
    return text;
  }
  /**
   * A file name, which kill reports, the debugger and disasm print as they
   * are: a control character (a newline, an escape sequence) would let a
   * hostile image forge a kill line or repaint the terminal.
   */
  fileName(what: string): string {
    const name = this.string(what);
    const bad = firstControlChar(name);
    if (bad !== undefined) throw new Corrupt(`${what} holds control character ${bad.code} at character ${bad.index}`);
    return name;
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
  const textSection = version === 1 ? readRawSection(r, '.text') : readSection(r, '.text');
  const dataSection = version === 1 ? readRawSection(r, '.data') : readSection(r, '.data');
  const text = textSection.bytes;
  const data = dataSection.bytes;
  checkLayout(entry, text.length, dataBase, data.length, bssBase, bssSize);
  const sourceName = r.fileName('the source name');
  const files = version === 1 ? [sourceName] : readFiles(r);
  const symbols = readSymbols(r, { text: [TEXT_BASE, text.length], data: [dataBase, data.length], bss: [bssBase, bssSize] });
  const lines = readLines(r, { textLen: text.length, dataBase, dataLen: data.length, files, version });
  if (r.remaining !== 0) throw new Corrupt(`${r.remaining} unexpected bytes after the line table (corrupt image?)`);
  const zeroRuns = { text: textSection.zeros, data: dataSection.zeros };
  return { sourceName, entry, text, dataBase, data, bssBase, bssSize, symbols, lines, zeroRuns };
}

interface Section { readonly bytes: Uint8Array; readonly zeros: ZeroRun[] }

/**
 * A section's runs into one array; zero runs are the array's own zeros
 * (never written, and a fresh array's pages cost nothing until touched).
 * The stored zero runs are passed on to findZeroRuns as known, so that the
 * image's zero runs are the same as the assembler's (the writer's runs, for
 * any file this writer made) at the cost of reading the stored bytes only.
 */
function readSection(r: Reader, name: string): Section {
  const length = r.u32(`the ${name} length`);
  if (length > MAX_STORED_SECTION_BYTES) throw new Corrupt(`${name} is ${length} bytes, more than ${MAX_STORED_SECTION_BYTES}`);
  const count = r.u32(`the ${name} run count`);
  if (count * 5 > r.remaining) throw new Corrupt(`${name} run count ${count} is more than the file holds (truncated)`);
  const out = new Uint8Array(length);
  const stored: ZeroRun[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const kind = r.u8(`a ${name} run kind`);
    const n = r.u32(`a ${name} run length`);
    if (kind > 1 || at + n > length) throw new Corrupt(`${name} run ${i} (kind ${kind}, ${n} bytes) does not fit the section`);
    if (kind === 0) out.set(r.inPlace(n, name), at);
    else if (n > 0) stored.push({ start: at, end: at + n });
    at += n;
  }
  if (at !== length) throw new Corrupt(`${name} runs cover ${at} of its ${length} bytes`);
  return { bytes: out, zeros: findZeroRuns(out, stored) };
}

/** A version 1 section: its bytes, stored whole, so finding its zero runs costs no more than reading it. */
function readRawSection(r: Reader, name: string): Section {
  const bytes = r.bytes(r.u32(`the ${name} length`), name);
  return { bytes, zeros: findZeroRuns(bytes) };
}

function readFiles(r: Reader): string[] {
  const count = r.u32('the file count');
  if (count * 4 > r.remaining) throw new Corrupt(`file count ${count} is more than the file holds (truncated)`);
  return Array.from({ length: count }, (_, i) => r.fileName(`file name ${i}`));
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
