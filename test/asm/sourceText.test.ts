// Source text or not: binary data is refused as such; text saved in another
// encoding is told where its first non-UTF-8 byte is (line and column as
// the assembler counts them: characters of the line before it, plus one).
import { expect, test } from 'vitest';
import { decodeSourceText } from '../../asm/index.js';

const bytes = (s: string, ...tail: number[]): Uint8Array => Uint8Array.from([...new TextEncoder().encode(s), ...tail]);

test.each<[string, Uint8Array, { line: number; column: number }, string]>([
  ['a Latin-1 é on line 1', bytes('nop ; caf', 0xe9, 0x0a), { line: 1, column: 10 }, '0xe9'],
  ['after valid UTF-8 on its line (é and € count one column each)', bytes('nop\n; é€ ', 0x92), { line: 2, column: 6 }, '0x92'],
  ['a truncated sequence at the end of the file', bytes('nop\nnop\n; ', 0xe2, 0x82), { line: 3, column: 3 }, '0xe2'],
  ['an overlong encoding of /', bytes('; ', 0xc0, 0xaf), { line: 1, column: 3 }, '0xc0'],
  ['a lone continuation byte', bytes('\r\n\r\n', 0x80), { line: 3, column: 1 }, '0x80'],
])('%s', (_name, input, at, byte) => {
  expect(decodeSourceText(input)).toEqual({
    ok: false, at, message: `not UTF-8 text: byte ${byte} (a file saved as Latin-1 or Windows-1252?); save it as UTF-8`,
  });
});

test('control bytes make it binary, whatever else it holds', () => {
  expect(decodeSourceText(Uint8Array.from([0x6e, 0x01, 0xe9]))).toEqual({ ok: false, message: 'not assembly source or an illusion image (binary data: not UTF-8 text)' });
  expect(decodeSourceText(Uint8Array.from([0x6e, 0x00]))).toEqual({ ok: false, message: 'not assembly source or an illusion image (binary data: a zero byte at offset 1)' });
});

test('UTF-8 text, tabs and form feeds included, is text', () => {
  expect(decodeSourceText(bytes('\tnop ; café €\f\r\n'))).toEqual({ ok: true, text: '\tnop ; café €\f\r\n' });
});
