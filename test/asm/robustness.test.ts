// Nothing a user feeds the assembler or the image reader may throw: random
// text, random bytes, random corruptions of a good image.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { assemble, decodeImage, encodeImage, loadProgramFile } from '../../asm/index.js';
import { build } from './helpers.js';

const RUNS = { seed: 42, numRuns: 300 };

/** Text made of assembly-ish pieces, more likely to reach deep into the assembler than uniform noise. */
const asmish = fc.array(fc.oneof(
  fc.string(),
  fc.constantFrom('addi', 'li', 'la', 'lw', 'beq', 'jal', 'jalr', '.word', '.byte', '.ascii', '.space', '.align', '.equ',
    '.data', '.bss', 'r1', 'sp', 'r16', ',', ':', '(', ')', '"', "'", '\\', '-', '+', '0x', '0b', ';', '#', '\n', ' ', 'x', '_start', '99999999999999999999'),
), { maxLength: 40 }).map((parts) => parts.join(''));

test('assemble never throws on random text', () => {
  fc.assert(fc.property(fc.oneof(fc.string(), asmish), (text) => {
    const r = assemble(text, 'fuzz.s');
    expect(typeof r.ok).toBe('boolean');
  }), RUNS);
});

test('decodeImage never throws on random bytes', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
    expect(decodeImage(bytes, 'fuzz.img').ok).toBe(false);
  }), RUNS);
});

test('decodeImage never throws on corruptions of a good image', () => {
  const good = encodeImage(build('.equ K, -3\n_start: la r1, d\nhalt\n.data\nd: .word 1\n.bss\nb: .space 8'));
  fc.assert(fc.property(fc.array(fc.tuple(fc.nat(good.length - 1), fc.nat(255)), { minLength: 1, maxLength: 4 }), fc.nat(good.length), (edits, cut) => {
    const bytes = good.slice(0, Math.max(cut, 4));
    for (const [at, v] of edits) if (at >= 4 && at < bytes.length) bytes[at] = v;
    const r = decodeImage(bytes, 'x.img');
    expect(typeof r.ok).toBe('boolean');
  }), RUNS);
});

test('loadProgramFile never throws: random files, a missing file, a directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'illusion-asm-'));
  const path = join(dir, 'f');
  fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 100 }), fc.uint8Array({ maxLength: 100 }).map((b) => Uint8Array.from([0x49, 0x4c, 0x4c, 0x55, ...b]))), (bytes) => {
    writeFileSync(path, bytes);
    const r = loadProgramFile(path);
    expect(typeof r.ok).toBe('boolean');
  }), { seed: 3, numRuns: 100 });
  expect(loadProgramFile(join(dir, 'missing.s'))).toEqual({ ok: false, kind: 'file', messages: [`cannot read ${join(dir, 'missing.s')}: no such file`] });
  expect(loadProgramFile(dir).ok).toBe(false);
});

test('loadProgramFile reads both source and images', () => {
  const dir = mkdtempSync(join(tmpdir(), 'illusion-asm-'));
  writeFileSync(join(dir, 'p.s'), 'halt\n');
  writeFileSync(join(dir, 'bad.s'), 'halt r1\n');
  const image = build('halt\n', join(dir, 'p.s'));
  writeFileSync(join(dir, 'p.img'), encodeImage(image));
  expect(loadProgramFile(join(dir, 'p.s'))).toEqual({ ok: true, image, fromSource: true, unusedDefines: [] });
  expect(loadProgramFile(join(dir, 'p.img'))).toEqual({ ok: true, image, fromSource: false, unusedDefines: [] });
  expect(loadProgramFile(join(dir, 'bad.s'))).toEqual({ ok: false, kind: 'source', messages: [`${join(dir, 'bad.s')}:1:1: 'halt' takes no operands; found 1 operand`] });
});
