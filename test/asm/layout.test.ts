// Sections, addresses, symbols, the entry point and the line table.
import { describe, expect, test } from 'vitest';
import { lineOf } from '../../asm/index.js';
import { build, hex, wordsOf } from './helpers.js';

describe('layout', () => {
  test('.text at 0x1000, .data on the next page, .bss after .data rounded up to 4', () => {
    const image = build('nop\nnop\n.data\n.byte 1, 2, 3, 4, 5\n.bss\nbuf: .space 10\nend:');
    expect(image.text.length).toBe(8);
    expect(image.dataBase).toBe(0x2000);
    expect([...image.data]).toEqual([1, 2, 3, 4, 5]);
    expect(image.bssBase).toBe(0x2008);
    expect(image.bssSize).toBe(10);
    expect(image.symbols).toEqual([
      { name: 'buf', value: 0x2008, section: 'bss' },
      { name: 'end', value: 0x2012, section: 'bss' },
    ]);
  });

  test('a text of exactly one page puts .data one page further', () => {
    const image = build('.space 4096\n.data\nd: .word d');
    expect(image.dataBase).toBe(0x2000);
    expect(hex(wordsOf(image.data)[0]!)).toBe('00002000');
  });

  test('with no text, .data starts at 0x1000', () => {
    expect(build('.data\n.word 7').dataBase).toBe(0x1000);
  });

  test('sections may be switched back and forth; each keeps its own place', () => {
    const image = build('.text\na: nop\n.data\nb: .word a\n.text\nc: halt\n.data\nd: .word c');
    expect(image.symbols.map((s) => [s.name, s.value, s.section])).toEqual([
      ['a', 0x1000, 'text'], ['b', 0x2000, 'data'], ['c', 0x1004, 'text'], ['d', 0x2004, 'data'],
    ]);
    expect(wordsOf(image.data)).toEqual([0x1000, 0x1004]);
  });

  test('.align pads with zeros, in .bss relative to the real address', () => {
    const image = build('.data\n.byte 1\n.align 4\nw: .word 2\n.bss\n.space 1\n.align 16\nb:');
    expect([...image.data]).toEqual([1, 0, 0, 0, 2, 0, 0, 0]);
    const b = image.symbols.find((s) => s.name === 'b')!;
    expect(b.value % 16).toBe(0);
    expect(image.bssBase).toBe(0x1008);
    expect(b.value).toBe(0x1010);
  });

  test('.ascii and .asciz take escapes; .space reserves zeros', () => {
    const image = build('.data\n.ascii "a\\tb\\"\\\\"\n.asciz "x", "y"\n.space 2\n.byte \'\\0\', \'\\\'\', -1');
    expect([...image.data]).toEqual([97, 9, 98, 34, 92, 120, 0, 121, 0, 0, 0, 0, 39, 255]);
  });

  test('comments with ; and #, but not inside strings or characters', () => {
    const image = build(".data\n.ascii \"a;b#c\" ; comment\n.byte '#', ';' # another");
    expect(new TextDecoder().decode(image.data)).toBe('a;b#c#;');
  });

  test('mnemonics, registers and directives are case-insensitive; labels are not', () => {
    const image = build('Loop: ADDI R1, ZERO, 1\nloop: .WORD Loop, loop');
    expect(wordsOf(image.text)).toEqual([0x11100001, 0x00001000, 0x00001004]);
  });
});

describe('entry point', () => {
  test('_start when defined', () => {
    expect(build('nop\n_start: halt').entry).toBe(0x1004);
  });
  test('_start may be in .data', () => {
    expect(build('nop\n.data\n_start: halt').entry).toBe(0x2000);
  });
  test('else the start of .text', () => {
    expect(build('nop\nhalt').entry).toBe(0x1000);
  });
});

describe('.equ', () => {
  test('may use labels and constants defined earlier or later', () => {
    const image = build('.equ A, B + 1\n.equ B, end - start\nstart: nop\nnop\nend:\n.data\n.word A, B');
    expect(wordsOf(image.data)).toEqual([9, 8]);
    expect(image.symbols.filter((s) => s.section === 'abs')).toEqual([
      { name: 'A', value: 9, section: 'abs' }, { name: 'B', value: 8, section: 'abs' },
    ]);
  });
  test('negative constants stay negative in the symbol table', () => {
    expect(build('.equ M, -5').symbols).toEqual([{ name: 'M', value: -5, section: 'abs' }]);
  });
});

describe('line table', () => {
  test('one row per instruction or data item, mapping addresses to source lines', () => {
    const image = build('; header\n_start: li r1, 0x12345678\n\n  halt\n.data\nx: .word 1, 2\n.byte 3');
    expect(image.lines).toEqual([
      { address: 0x1000, file: 't.s', line: 2 }, { address: 0x1008, file: 't.s', line: 4 },
      { address: 0x2000, file: 't.s', line: 6 }, { address: 0x2008, file: 't.s', line: 7 },
    ]);
    expect(lineOf(image, 0x1004)).toBe(2);
    expect(lineOf(image, 0x2004)).toBe(6);
  });
});
