// The binary image: exact bytes of the header, a lossless round trip, and a
// clear message for every kind of bad file.
import { describe, expect, test } from 'vitest';
import { assemble, decodeImage, encodeImage, escapeControlChars, looksLikeImage } from '../../asm/index.js';
import { build } from './helpers.js';

const SOURCE = '.equ NEG, -7\n_start: li r1, 5\nhalt\n.data\nmsg: .asciz "hi"\n.bss\nbuf: .space 12';

describe('encodeImage', () => {
  test('header bytes: magic, version, flags, entry, dataBase, bssBase, bssSize, text', () => {
    const bytes = encodeImage(build(SOURCE, 'p.s'));
    expect([...bytes.slice(0, 8)]).toEqual([0x49, 0x4c, 0x4c, 0x55, 2, 0, 0, 0]);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect([8, 12, 16, 20, 24].map((o) => view.getUint32(o, true))).toEqual([0x1000, 0x2000, 0x2004, 12, 8]);
    // Version 2: the text as runs: one run, stored (kind 0), 8 bytes, then the first word.
    expect([view.getUint32(28, true), bytes[32], view.getUint32(33, true), view.getUint32(37, true)]).toEqual([1, 0, 8, 0x11100005]);
  });

  test('decode(encode(image)) is the same image', () => {
    const image = build(SOURCE, 'p.s');
    const r = decodeImage(encodeImage(image), 'p.img');
    expect(r).toEqual({ ok: true, image });
  });

  test('looksLikeImage checks the magic number only', () => {
    expect(looksLikeImage(encodeImage(build('nop')))).toBe(true);
    expect(looksLikeImage(new TextEncoder().encode('ILL'))).toBe(false);
    expect(looksLikeImage(new TextEncoder().encode('nop\n'))).toBe(false);
  });
});

describe('file names with control characters: what the assembler writes, the reader reads', () => {
  // Before, the assembler recorded 'a\nb.s' as it was, and the reader refused the image it had made.
  test('the assembler records the program and its includes with control characters escaped; the image loads', () => {
    const r = assemble('_start: .include "t\tab.s"\nhalt\n', 'a\nb\x1b\u009b.s', { readInclude: () => ({ ok: true, text: 'nop' }) });
    if (!r.ok) throw new Error('does not assemble');
    expect(r.image.sourceName).toBe('a\\nb\\u001b\\u009b.s');
    expect(r.image.lines.map((l) => l.file)).toEqual(['t\\tab.s', 'a\\nb\\u001b\\u009b.s']);
    expect(decodeImage(encodeImage(r.image), 'a.img')).toEqual({ ok: true, image: r.image });
  });

  test('an image written with a raw control character (not by the assembler) is still refused', () => {
    const image = { ...build('nop', 'p.s'), sourceName: 'a\x7fb.s' };
    expect(decodeImage(encodeImage(image), 'p.img')).toEqual({ ok: false, message: 'p.img: the source name holds control character U+007F at character 1' });
  });

  test('escapeControlChars writes C0, DEL and C1 as JSON does, and leaves other text alone', () => {
    expect(escapeControlChars('a\n\t\r\x00\x1f\x7f\x9f\xa0é b')).toBe('a\\n\\t\\r\\u0000\\u001f\\u007f\\u009f\xa0é b');
  });
});

describe('decodeImage rejects bad files with a clear message', () => {
  const good = (): Uint8Array => encodeImage(build(SOURCE, 'p.s'));
  const patched = (offset: number, ...values: number[]): Uint8Array => {
    const b = good();
    values.forEach((v, i) => { b[offset + i] = v; });
    return b;
  };
  const cases: readonly [string, () => Uint8Array, string][] = [
    ['not an image', () => new TextEncoder().encode('nop'), "x.img: not an illusion program image (no 'ILLU' magic number)"],
    ['another version', () => patched(4, 7, 0), 'x.img: image format version 7 is not supported (this illusion reads versions 1 and 2)'],
    ['unknown flags', () => patched(6, 1, 0), 'x.img: unknown flags 0x1 in the header (corrupt image?)'],
    ['truncated header', () => good().slice(0, 10), 'x.img: file ends inside the entry (truncated)'],
    ['truncated text', () => good().slice(0, 30), 'x.img: file ends inside the .text run count (truncated)'],
    ['truncated text run', () => good().slice(0, 40), 'x.img: file ends inside .text (truncated)'],
    ['a run longer than its section', () => patched(33, 9), 'x.img: .text run 0 (kind 0, 9 bytes) does not fit the section'],
    ['truncated line table', () => good().slice(0, -3), 'x.img: line-table length 3 is more than the file holds (truncated)'],
    ['trailing bytes', () => Uint8Array.from([...good(), 0]), 'x.img: 1 unexpected bytes after the line table (corrupt image?)'],
    ['data base wrong', () => patched(13, 0x30), 'x.img: .data at 0x00003000 should be at 0x00002000, the page after .text'],
    ['bss base wrong', () => patched(16, 0x08), 'x.img: .bss at 0x00002008 should be at 0x00002004, just after .data'],
    ['too big', () => patched(20, 0, 0, 0xe0, 0x7f), 'x.img: the program ends at 0x7fe02004, above the limit 0x7fe00000'],
    ['entry outside', () => patched(8, 0, 0, 0, 0x40), 'x.img: entry point 0x40000000 is not in .text or .data'],
    ['huge text length', () => patched(24, 0xff, 0xff, 0xff, 0xff), 'x.img: .text is 4294967295 bytes, more than 67108864'],
  ];
  test.each(cases)('%s', (_name, bytes, message) => {
    expect(decodeImage(bytes(), 'x.img')).toEqual({ ok: false, message });
  });
});

describe('zero runs and older images', () => {
  test('a 60 MiB .space in .data is stored as one zero run: the image stays small and decodes to the same bytes', () => {
    const image = build('halt\n.data\n.byte 1\n.space 62914560\n.byte 2\n', 'big.s');
    const bytes = encodeImage(image);
    expect(bytes.length).toBeLessThan(200);
    const r = decodeImage(bytes, 'big.img');
    if (!r.ok) expect.fail(r.message);
    expect(r.image.data.length).toBe(62914562);
    expect([r.image.data[0], r.image.data[1], r.image.data[62914560], r.image.data[62914561]]).toEqual([1, 0, 0, 2]);
    expect(Buffer.from(r.image.data).equals(image.data)).toBe(true);
    expect({ ...r.image, data: undefined }).toEqual({ ...image, data: undefined });
  });

  test('a version 1 image (no runs, no file table) still loads; its lines are in the source file', () => {
    const image = build(SOURCE, 'p.s');
    const r = decodeImage(encodeVersion1(image), 'old.img');
    expect(r).toEqual({ ok: true, image });
  });
});

/** The version 1 layout of docs/image-format.md, written independently of asm/imageFormat.ts. */
function encodeVersion1(image: ReturnType<typeof build>): Uint8Array {
  const out: number[] = [];
  const u32 = (v: number): void => { for (let i = 0; i < 4; i++) out.push((v >>> (8 * i)) & 0xff); };
  const str = (t: string): void => { const b = new TextEncoder().encode(t); u32(b.length); out.push(...b); };
  out.push(0x49, 0x4c, 0x4c, 0x55, 1, 0, 0, 0);
  for (const v of [image.entry, image.dataBase, image.bssBase, image.bssSize]) u32(v);
  u32(image.text.length); out.push(...image.text);
  u32(image.data.length); out.push(...image.data);
  str(image.sourceName);
  u32(image.symbols.length);
  for (const s of image.symbols) {
    out.push(['text', 'data', 'bss', 'abs'].indexOf(s.section)); u32(s.value >>> 0); out.push(s.value < 0 ? 1 : 0); str(s.name);
  }
  u32(image.lines.length);
  for (const l of image.lines) { u32(l.address); u32(l.line); }
  return Uint8Array.from(out);
}
