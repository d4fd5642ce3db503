// Round trips: assemble -> disassemble -> assemble gives the same words, for
// every program under programs/ and for thousands of random legal words.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { disassembleToSource, disassembleWord, TEXT_BASE, type ProgramImage } from '../../asm/index.js';
import { INSTRUCTIONS, isLegal } from '../../cpu/isa.js';
import { build, hex, wordsOf } from './helpers.js';

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourcesUnder(path);
    return name.endsWith('.s') ? [path] : [];
  });
}

/** Reassembles the text one word per line, without labels: targets as absolute addresses. */
function wordsReassembled(words: readonly number[]): number[] {
  const lines = words.map((w, i) => disassembleWord(w, TEXT_BASE + 4 * i));
  return wordsOf(build(lines.join('\n'), 'words.s').text);
}

function expectSameWords(before: readonly number[], after: readonly number[]): void {
  const i = before.findIndex((w, k) => w !== after[k]);
  const at = i < 0 ? '' : `word ${i} at ${hex(TEXT_BASE + 4 * i)}: ${hex(before[i]!)} printed as '${disassembleWord(before[i]!, TEXT_BASE + 4 * i)}'`;
  expect(at).toBe('');
  expect(after.length).toBe(before.length);
}

const PROGRAMS = sourcesUnder('programs');

describe('every program under programs/', () => {
  test('there are programs to check', () => {
    expect(PROGRAMS.length).toBeGreaterThan(0);
  });

  test.each(PROGRAMS)('%s', (path) => {
    const image = build(readFileSync(path, 'utf8'), path);
    const again = build(disassembleToSource(image), 'again.s');
    const shape = (i: ProgramImage): unknown => ({
      text: [...i.text], data: [...i.data], dataBase: i.dataBase, bssBase: i.bssBase, bssSize: i.bssSize, entry: i.entry,
      symbols: [...i.symbols].sort((a, b) => a.name.localeCompare(b.name)),
    });
    expect(shape(again)).toEqual(shape(image));
    const whole = image.text.length & ~3;
    expectSameWords(wordsOf(image.text.subarray(0, whole)), wordsReassembled(wordsOf(image.text.subarray(0, whole))));
  });
});

/** A legal word whose fields all survive decode and re-encode: must-be-zero bits clear, shifts below 32. */
const canonicalWord = fc.tuple(fc.constantFrom(...INSTRUCTIONS), fc.integer({ min: 0, max: 0xffffff })).map(([info, bits]) => {
  let low = bits & ~info.mustBeZero;
  if (info.imm === 'shift5') low &= ~0xffe0;
  return ((info.op << 24) | low) >>> 0;
});

describe('random words', () => {
  test('3000 canonical legal words reassemble exactly', () => {
    const words = fc.sample(canonicalWord, { seed: 20240601, numRuns: 3000 });
    expect(words.every(isLegal)).toBe(true);
    expectSameWords(words, wordsReassembled(words));
  });

  test('any 32-bit word survives, illegal ones and odd shift amounts as .word', () => {
    const words = fc.sample(fc.integer({ min: 0, max: 0xffffffff }), { seed: 7, numRuns: 2000 });
    words.push(0, 0xffffffff, 0x16120020, 0x1812ffff);
    expectSameWords(words, wordsReassembled(words));
    expect(disassembleWord(0x16120025, TEXT_BASE)).toBe('.word 0x16120025 ; shli r1, r2, 5 (upper shift bits set)');
    expect(disassembleWord(0, TEXT_BASE)).toBe('.word 0x00000000');
  });
});

describe('disassembleWord', () => {
  test.each([
    [0x11100005, 'addi r1, r0, 5'],
    [0x201efffc, 'lw r1, -4(r14)'],
    [0x281e0008, 'sw r1, 8(r14)'],
    [0x1410ffff, 'ori r1, r0, 0xffff'],
    [0x3012ffff, 'beq r1, r2, 0x00001000'],
    [0x38f00000, 'jal r15, 0x00001004'],
    [0x390f0000, 'jalr r0, r15, 0'],
    [0x42500000, 'rdcycle r5'],
    [0x51030000, 'setptbr r3'],
    [0x50000000, 'halt'],
    [0x01123001, '.word 0x01123001'], // a must-be-zero bit set
  ])('%s', (word, text) => {
    expect(disassembleWord(word, TEXT_BASE)).toBe(text);
  });

  test('targets print as labels when a symbol is there', () => {
    expect(disassembleWord(0x3012ffff, TEXT_BASE, (a) => (a === 0x1000 ? 'top' : undefined))).toBe('beq r1, r2, top');
  });
});
