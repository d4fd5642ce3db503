// Disassembly with register aliases (the debugger's names, `illusion disasm
// --aliases`): r13..r15 print as fp, sp, ra, and the text still reassembles
// to the same words, for every program under programs/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { disassembleImage, disassembleWord, TEXT_BASE } from '../../asm/index.js';
import { build, wordsOf } from './helpers.js';

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourcesUnder(path);
    return name.endsWith('.s') ? [path] : [];
  });
}

test.each(sourcesUnder('programs'))('%s reassembles from its aliased disassembly', (path) => {
  const image = build(readFileSync(path, 'utf8'), path);
  const words = wordsOf(image.text.subarray(0, image.text.length & ~3));
  const lines = words.map((w, i) => disassembleWord(w, TEXT_BASE + 4 * i, undefined, { aliases: true }));
  expect(lines.some((l) => /\br1[345]\b/.test(l))).toBe(false);
  expect(wordsOf(build(lines.join('\n'), 'aliases.s').text)).toEqual(words);
});

test('the listing names fp, sp, ra only when asked', () => {
  const image = build(readFileSync('programs/debug/calls.s', 'utf8'), 'calls.s');
  const plain = disassembleImage(image).split('\n');
  const named = disassembleImage(image, { aliases: true }).split('\n');
  expect(plain.filter((l) => l.includes('sum_squares:'))).toEqual(['0x00001018  11eefff8  sum_squares:  addi r14, r14, -8']);
  expect(named.filter((l) => l.includes('sum_squares:'))).toEqual(['0x00001018  11eefff8  sum_squares:  addi sp, sp, -8']);
  expect(named.filter((l) => l.includes('ret') || l.includes('jalr'))).toEqual([
    '0x00001040  390f0000                jalr r0, ra, 0',
    '0x0000105c  390f0000                jalr r0, ra, 0',
    '0x00001064  390f0000                jalr r0, ra, 0',
  ]);
});
