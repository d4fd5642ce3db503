// The binary image: exact bytes of the header, a lossless round trip, and a
// clear message for every kind of bad file.
import { describe, expect, test } from 'vitest';
import { decodeImage, encodeImage, looksLikeImage } from '../../asm/index.js';
import { build } from './helpers.js';

const SOURCE = '.equ NEG, -7\n_start: li r1, 5\nhalt\n.data\nmsg: .asciz "hi"\n.bss\nbuf: .space 12';

describe('encodeImage', () => {
  test('header bytes: magic, version, flags, entry, dataBase, bssBase, bssSize, text', () => {
    const bytes = encodeImage(build(SOURCE, 'p.s'));
    expect([...bytes.slice(0, 8)]).toEqual([0x49, 0x4c, 0x4c, 0x55, 1, 0, 0, 0]);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect([8, 12, 16, 20, 24].map((o) => view.getUint32(o, true))).toEqual([0x1000, 0x2000, 0x2004, 12, 8]);
    expect(view.getUint32(28, true)).toBe(0x11100005);
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

describe('decodeImage rejects bad files with a clear message', () => {
  const good = (): Uint8Array => encodeImage(build(SOURCE, 'p.s'));
  const patched = (offset: number, ...values: number[]): Uint8Array => {
    const b = good();
    values.forEach((v, i) => { b[offset + i] = v; });
    return b;
  };
  const cases: readonly [string, () => Uint8Array, string][] = [
    ['not an image', () => new TextEncoder().encode('nop'), "x.img: not an illusion program image (no 'ILLU' magic number)"],
    ['another version', () => patched(4, 7, 0), 'x.img: image format version 7 is not supported (this illusion reads version 1)'],
    ['unknown flags', () => patched(6, 1, 0), 'x.img: unknown flags 0x1 in the header (corrupt image?)'],
    ['truncated header', () => good().slice(0, 10), 'x.img: file ends inside the entry (truncated)'],
    ['truncated text', () => good().slice(0, 30), 'x.img: file ends inside .text (truncated)'],
    ['truncated line table', () => good().slice(0, -3), 'x.img: line-table length 3 is more than the file holds (truncated)'],
    ['trailing bytes', () => Uint8Array.from([...good(), 0]), 'x.img: 1 unexpected bytes after the line table (corrupt image?)'],
    ['data base wrong', () => patched(13, 0x30), 'x.img: .data at 0x00003000 should be at 0x00002000, the page after .text'],
    ['bss base wrong', () => patched(16, 0x08), 'x.img: .bss at 0x00002008 should be at 0x00002004, just after .data'],
    ['too big', () => patched(20, 0, 0, 0xe0, 0x7f), 'x.img: the program ends at 0x7fe02004, above the limit 0x7fe00000'],
    ['entry outside', () => patched(8, 0, 0, 0, 0x40), 'x.img: entry point 0x40000000 is not in .text or .data'],
    ['huge text length', () => patched(24, 0xff, 0xff, 0xff, 0xff), 'x.img: file ends inside .text (truncated)'],
  ];
  test.each(cases)('%s', (_name, bytes, message) => {
    expect(decodeImage(bytes(), 'x.img')).toEqual({ ok: false, message });
  });
});
