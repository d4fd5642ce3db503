// The disassembler: one word back to the text the assembler accepts, and a
// whole image as a listing. Every instruction text it prints reassembles to
// the same word (branch and jal targets as absolute addresses or labels).
import { hex32 } from './expressions.js';
import { TEXT_BASE, type ImageSymbol, type ProgramImage, type ZeroRun } from './image.js';
import { BY_OPCODE, decodeFields, isLegal, REGISTER_NAMES, signExtend16, signExtend20, type InstructionInfo } from '../cpu/isa.js';

const numbered = (n: number): string => `r${n}`;
const named = (n: number): string => REGISTER_NAMES[n]!;

export interface DisassembleOptions {
  /** Write r13..r15 as fp, sp, ra (as the debugger's regs does); the listing and round trip keep r-numbers. */
  readonly aliases?: boolean;
}

/** `.word 0x...`: how a word that is not a legal instruction is written. */
export function wordDirective(word: number): string {
  return `.word ${hex32(word)}`;
}

export function disassembleWord(
  word: number, pc: number, symbolAt?: (addr: number) => string | undefined, options: DisassembleOptions = {},
): string {
  word >>>= 0;
  const reg = options.aliases ? named : numbered;
  if (!isLegal(word)) return wordDirective(word);
  const info = BY_OPCODE[word >>> 24]!;
  const f = decodeFields(word);
  // A shift amount above 31 is legal (the CPU uses the low 5 bits) but cannot be
  // written as an operand; keep the exact word and show the meaning in a comment.
  if (info.imm === 'shift5' && f.imm16 > 31) {
    return `${wordDirective(word)} ; ${info.name} ${reg(f.rd)}, ${reg(f.rs1)}, ${f.imm16 & 31} (upper shift bits set)`;
  }
  const target = (off: number): string => {
    const t = (pc + 4 + 4 * off) >>> 0;
    return symbolAt?.(t) ?? hex32(t);
  };
  return `${info.name}${operandText(info, f, target, reg)}`;
}

function operandText(
  info: InstructionInfo, f: ReturnType<typeof decodeFields>, target: (off: number) => string, reg: (n: number) => string,
): string {
  const imm = immText(info, f.imm16);
  switch (info.shape) {
    case 'rrr': return ` ${reg(f.rd)}, ${reg(f.rs1)}, ${reg(f.rs2)}`;
    case 'rri': return ` ${reg(f.rd)}, ${reg(f.rs1)}, ${imm}`;
    case 'ri': return ` ${reg(f.rd)}, ${imm}`;
    case 'rmem': return ` ${reg(f.rd)}, ${imm}(${reg(f.rs1)})`;
    case 'smem': return ` ${reg(f.rd)}, ${imm}(${reg(f.rs1)})`;
    case 'branch': return ` ${reg(f.rd)}, ${reg(f.rs1)}, ${target(signExtend16(f.imm16))}`;
    case 'jal': return ` ${reg(f.rd)}, ${target(signExtend20(f.off20))}`;
    case 'jalr': return ` ${reg(f.rd)}, ${reg(f.rs1)}, ${imm}`;
    case 'rd': return ` ${reg(f.rd)}`;
    case 'rs1': return ` ${reg(f.rs1)}`;
    case 'none': return '';
  }
}

/** Bit masks (andi ori xori lui) in hex, everything else in signed decimal. */
function immText(info: InstructionInfo, imm16: number): string {
  switch (info.imm) {
    case 'unsigned16': return `0x${imm16.toString(16)}`;
    case 'shift5': return String(imm16);
    default: return String(signExtend16(imm16));
  }
}

/** Labels (not .equ constants) by address; the first defined wins when several share one. */
function labelIndex(image: ProgramImage): Map<number, ImageSymbol[]> {
  const byAddress = new Map<number, ImageSymbol[]>();
  for (const s of image.symbols) {
    if (s.section === 'abs') continue;
    const list = byAddress.get(s.value) ?? [];
    list.push(s);
    byAddress.set(s.value, list);
  }
  return byAddress;
}

/** A piece of a section: an instruction or .word at an aligned address, else one .byte. */
interface Chunk { address: number; size: 1 | 4; value: number }

function chunks(bytes: Uint8Array, base: number, cutAt: (addr: number) => boolean): Chunk[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Chunk[] = [];
  for (let off = 0; off < bytes.length;) {
    const addr = base + off;
    const whole = addr % 4 === 0 && off + 4 <= bytes.length && ![1, 2, 3].some((k) => cutAt(addr + k));
    if (whole) { out.push({ address: addr, size: 4, value: view.getUint32(off, true) }); off += 4; }
    else { out.push({ address: addr, size: 1, value: bytes[off]! }); off += 1; }
  }
  return out;
}

/** Zero runs at least this long are listed as one `.space N` line. */
const MIN_SPACE_BYTES = 16;
/** Printable runs at least this long in .data are listed as `.ascii`/`.asciz`, at most this many bytes a line. */
const MIN_ASCII_BYTES = 4;
const MAX_ASCII_LINE_BYTES = 64;

const isPrintable = (b: number): boolean => (b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x09;

/** A byte as it is written inside a string literal. */
function stringChar(b: number): string {
  if (b === 0x0a) return '\\n';
  if (b === 0x09) return '\\t';
  if (b === 0x22) return '\\"';
  if (b === 0x5c) return '\\\\';
  return String.fromCharCode(b);
}

/** One listing row: where, what bytes (hex, may be blank) and how the assembler would write them. */
interface Row { address: number; size: number; hex: string; text: string }

/**
 * A section's rows, never crossing a label: long zero runs as `.space`,
 * printable runs in data as `.ascii`/`.asciz`, else an aligned word
 * (instruction or .word) or one .byte. Cost is linear in the rows: the
 * image's zero runs are jumped over, not read.
 */
function* sectionRows(bytes: Uint8Array, zeros: readonly ZeroRun[], base: number, code: boolean, labels: ReadonlyMap<number, unknown>,
  symbolAt: (a: number) => string | undefined, options: DisassembleOptions): Generator<Row> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let z = 0; // the first zero run that ends after the walk's position
  const zerosEnd = (from: number, limit: number): number => {
    let e = from;
    while (e < limit) {
      while (z < zeros.length && zeros[z]!.end <= e) z++;
      if (z < zeros.length && zeros[z]!.start <= e) { e = Math.min(zeros[z]!.end, limit); continue; }
      if (bytes[e] !== 0) break;
      e++;
    }
    return e;
  };
  // Label offsets in order, so that the next cut is found without probing every byte.
  const cuts = [...labels.keys()].filter((a) => a > base && a < base + bytes.length).map((a) => a - base).sort((a, b) => a - b);
  let nextCut = 0;
  for (let off = 0; off < bytes.length;) {
    while (nextCut < cuts.length && cuts[nextCut]! <= off) nextCut++;
    const limit = nextCut < cuts.length ? cuts[nextCut]! : bytes.length;
    const address = base + off;
    let end = zerosEnd(off, limit);
    if (end - off >= MIN_SPACE_BYTES) {
      yield { address, size: end - off, hex: '', text: `.space ${end - off}` };
      off = end;
      continue;
    }
    if (!code) {
      end = off;
      while (end < limit && end - off < MAX_ASCII_LINE_BYTES && isPrintable(bytes[end]!)) end++;
      if (end - off >= MIN_ASCII_BYTES) {
        const chars = Array.from(bytes.subarray(off, end), stringChar).join('');
        const nul = end < limit && bytes[end] === 0;
        yield { address, size: end - off + (nul ? 1 : 0), hex: '', text: `${nul ? '.asciz' : '.ascii'} "${chars}"` };
        off = end + (nul ? 1 : 0);
        continue;
      }
    }
    if (address % 4 === 0 && off + 4 <= limit) {
      const word = view.getUint32(off, true);
      yield { address, size: 4, hex: word.toString(16).padStart(8, '0'), text: code ? disassembleWord(word, address, symbolAt, options) : wordDirective(word) };
      off += 4;
    } else {
      const hex = bytes[off]!.toString(16).padStart(2, '0');
      yield { address, size: 1, hex, text: `.byte 0x${hex}` };
      off += 1;
    }
  }
}

/** The listing printed by `illusion disasm`: address, word, label, instruction; then .data and .bss. */
export function disassembleImage(image: ProgramImage, options: DisassembleOptions = {}): string {
  return [...disassemblyLines(image, options)].join('');
}

/** The same listing, one line at a time (each ends in a newline), so that a 64 MiB .data streams. */
export function* disassemblyLines(image: ProgramImage, options: DisassembleOptions = {}): Generator<string> {
  const labels = labelIndex(image);
  const symbolAt = (a: number): string | undefined => labels.get(a)?.[0]?.name;
  const names = (a: number, section: string): string =>
    (labels.get(a) ?? []).filter((s) => s.section === section).map((s) => `${s.name}:`).join(' ');
  let width = 8;
  for (const s of image.symbols) width = Math.max(width, s.name.length + 1);
  const row = (addr: string, word: string, label: string, text: string): string =>
    `${`${addr}  ${word.padStart(8)}  ${label.padEnd(width)}  ${text}`.trimEnd()}\n`;
  yield `; ${image.sourceName}: entry ${hex32(image.entry)}\n`;
  yield `.text  ; ${hex32(TEXT_BASE)}, ${image.text.length} bytes\n`;
  const zeros = image.zeroRuns ?? { text: [], data: [] }; // without them, zeros are found by reading
  for (const r of sectionRows(image.text, zeros.text, TEXT_BASE, true, labels, symbolAt, options)) yield row(hex32(r.address), r.hex, names(r.address, 'text'), r.text);
  yield `.data  ; ${hex32(image.dataBase)}, ${image.data.length} bytes\n`;
  for (const r of sectionRows(image.data, zeros.data, image.dataBase, false, labels, symbolAt, options)) yield row(hex32(r.address), r.hex, names(r.address, 'data'), r.text);
  yield `.bss   ; ${hex32(image.bssBase)}, ${image.bssSize} bytes, zero-filled\n`;
  for (const s of image.symbols.filter((x) => x.section === 'bss')) yield row(hex32(s.value), '', `${s.name}:`, '');
  for (const s of image.symbols) if (s.section === 'abs') yield `.equ ${s.name}, ${s.value}\n`;
}

/**
 * The image as source that assembles back to the same image: every label
 * and constant, text as instructions, data as .word/.byte, .bss as .space.
 * Used by the round-trip tests; also handy to recover a lost source.
 */
export function disassembleToSource(image: ProgramImage): string {
  const labels = labelIndex(image);
  const symbolAt = (a: number): string | undefined => labels.get(a)?.[0]?.name;
  const out: string[] = [];
  const labelLines = (a: number, section: string): void => {
    for (const s of labels.get(a) ?? []) if (s.section === section) out.push(`${s.name}:`);
  };
  const section = (name: 'text' | 'data', bytes: Uint8Array, base: number): void => {
    out.push(`.${name}`);
    for (const c of chunks(bytes, base, (a) => labels.has(a))) {
      labelLines(c.address, name);
      if (c.size === 1) out.push(`  .byte ${c.value}`);
      else out.push(`  ${name === 'text' ? disassembleWord(c.value, c.address, symbolAt) : wordDirective(c.value)}`);
    }
    labelLines(base + bytes.length, name);
  };
  section('text', image.text, TEXT_BASE);
  section('data', image.data, image.dataBase);
  out.push('.bss');
  let at = image.bssBase;
  const bss = image.symbols.filter((s) => s.section === 'bss').sort((a, b) => a.value - b.value);
  for (const s of bss) {
    if (s.value > at) out.push(`  .space ${s.value - at}`);
    at = Math.max(at, s.value);
    out.push(`${s.name}:`);
  }
  if (image.bssBase + image.bssSize > at) out.push(`  .space ${image.bssBase + image.bssSize - at}`);
  for (const s of image.symbols) if (s.section === 'abs') out.push(`.equ ${s.name}, ${s.value}`);
  return `${out.join('\n')}\n`;
}
