// The binary program image (docs/image-format.md has the byte-by-byte
// description). Little-endian throughout. decodeImage checks everything and
// never throws: a bad file is an expected failure, reported as a value.
import { hex32 } from './expressions.js';
import { pageAlignUp, TEXT_BASE, type ImageSymbol, type LineEntry, type ProgramImage } from './image.js';
import { IMAGE_END_LIMIT } from '../mmu/layout.js';

/** "ILLU": the first four bytes of every image. */
export const IMAGE_MAGIC = Uint8Array.of(0x49, 0x4c, 0x4c, 0x55);
export const IMAGE_FORMAT_VERSION = 1;
const MAX_NAME_BYTES = 4096;
const SECTION_CODES = ['text', 'data', 'bss', 'abs'] as const;

export type DecodeResult = { ok: true; image: ProgramImage } | { ok: false; message: string };

export function looksLikeImage(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && IMAGE_MAGIC.every((b, i) => bytes[i] === b);
}

/** Appends little-endian values to a growing byte list. */
class Writer {
  private readonly parts: number[] = [];
  u8(v: number): void { this.parts.push(v & 0xff); }
  u16(v: number): void { this.u8(v); this.u8(v >>> 8); }
  u32(v: number): void { this.u16(v & 0xffff); this.u16(v >>> 16); }
  bytes(b: Uint8Array): void { for (const x of b) this.parts.push(x); }
  string(s: string): void { const b = new TextEncoder().encode(s); this.u32(b.length); this.bytes(b); }
  done(): Uint8Array { return Uint8Array.from(this.parts); }
}

export function encodeImage(image: ProgramImage): Uint8Array {
  const w = new Writer();
  w.bytes(IMAGE_MAGIC);
  w.u16(IMAGE_FORMAT_VERSION);
  w.u16(0); // flags: none defined in version 1
  for (const v of [image.entry, image.dataBase, image.bssBase, image.bssSize]) w.u32(v);
  w.u32(image.text.length); w.bytes(image.text);
  w.u32(image.data.length); w.bytes(image.data);
  w.string(image.sourceName);
  w.u32(image.symbols.length);
  for (const s of image.symbols) {
    w.u8(SECTION_CODES.indexOf(s.section));
    // Constants may be negative: stored as the low 32 bits plus a sign byte, so they decode exactly.
    w.u32(s.value >>> 0);
    w.u8(s.value < 0 ? 1 : 0);
    w.string(s.name);
  }
  w.u32(image.lines.length);
  for (const l of image.lines) { w.u32(l.address); w.u32(l.line); }
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
  /** A plain Uint8Array copy, even when the input is a Node Buffer. */
  bytes(n: number, what: string): Uint8Array {
    this.need(n, what);
    const v = Uint8Array.from(this.b.subarray(this.pos, this.pos + n));
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
  if (version !== IMAGE_FORMAT_VERSION) {
    throw new Corrupt(`image format version ${version} is not supported (this illusion reads version ${IMAGE_FORMAT_VERSION})`);
  }
  const flags = r.u16('the flags');
  if (flags !== 0) throw new Corrupt(`unknown flags 0x${flags.toString(16)} in the header (corrupt image?)`);
  const [entry, dataBase, bssBase, bssSize] = ['entry', 'data base', 'bss base', 'bss size'].map((w) => r.u32(`the ${w}`)) as [number, number, number, number];
  const text = r.bytes(r.u32('the .text length'), '.text');
  const data = r.bytes(r.u32('the .data length'), '.data');
  checkLayout(entry, text.length, dataBase, data.length, bssBase, bssSize);
  const sourceName = r.string('the source name');
  const symbols = readSymbols(r, { text: [TEXT_BASE, text.length], data: [dataBase, data.length], bss: [bssBase, bssSize] });
  const lines = readLines(r, text.length, dataBase, data.length);
  if (r.remaining !== 0) throw new Corrupt(`${r.remaining} unexpected bytes after the line table (corrupt image?)`);
  return { sourceName, entry, text, dataBase, data, bssBase, bssSize, symbols, lines };
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

function readLines(r: Reader, textLen: number, dataBase: number, dataLen: number): LineEntry[] {
  const count = r.u32('the line-table length');
  if (count * 8 > r.remaining) throw new Corrupt(`line-table length ${count} is more than the file holds (truncated)`);
  const lines: LineEntry[] = [];
  let last = -1;
  for (let i = 0; i < count; i++) {
    const address = r.u32('a line-table address');
    const line = r.u32('a line number');
    const inside = (address >= TEXT_BASE && address < TEXT_BASE + textLen) || (address >= dataBase && address < dataBase + dataLen);
    if (!inside || line < 1 || address < last) throw new Corrupt(`line-table row ${i} (${hex32(address)}, line ${line}) is out of place`);
    last = address;
    lines.push({ address, line });
  }
  return lines;
}
