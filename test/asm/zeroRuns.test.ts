// A `.space` of any size costs the same (issue 18): the zero runs of a
// section are known without reading them (asm/zeroRuns.ts), the writer emits
// them unread, the reader never writes them, and the image, the listing and
// the run are what they were when every byte was read.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { decodeImage, disassembleImage, encodeImage, type ZeroRun } from '../../asm/index.js';
import { bytesExamined, findZeroRuns } from '../../asm/zeroRuns.js';
import { build } from './helpers.js';

/** Maximal stretches of >= 64 zero bytes, by reading every byte: the yardstick. */
function zeroRunsByReading(bytes: Uint8Array): ZeroRun[] {
  const runs: ZeroRun[] = [];
  for (let i = 0; i < bytes.length;) {
    let j = i;
    while (j < bytes.length && bytes[j] === 0) j++;
    if (j - i >= 64) runs.push({ start: i, end: j });
    i = j === i ? i + 1 : j;
  }
  return runs;
}

/** The bytes read by `f`, as the zero-run finder counts them. */
function examinedBy<T>(f: () => T): { value: T; examined: number } {
  const before = bytesExamined();
  const value = f();
  return { value, examined: bytesExamined() - before };
}

describe('findZeroRuns', () => {
  test('with known zero spans it finds the runs that reading every byte finds, and reads only the bytes outside the spans', () => {
    // Stretches of zeros of many lengths (some just under and over 64) between non-zero bytes, at every alignment.
    const parts: number[] = [];
    let seed = 7;
    for (let k = 0; k < 400; k++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const zeros = [0, 1, 3, 40, 63, 64, 65, 130, 1000][seed % 9]!;
      for (let i = 0; i < zeros; i++) parts.push(0);
      parts.push(1 + (seed >>> 24) % 255);
    }
    const bytes = Uint8Array.from(parts);
    // Known: the inner part of every stretch of 20 or more zeros, and for some of them two touching spans.
    const known: ZeroRun[] = [];
    for (let i = 0; i < bytes.length;) {
      let j = i;
      while (j < bytes.length && bytes[j] === 0) j++;
      if (j - i >= 20) {
        const mid = (i + j) >> 1;
        if ((i & 1) === 0) known.push({ start: i + 3, end: mid }, { start: mid, end: j - 2 });
        else known.push({ start: i + 5, end: j });
      }
      i = j === i ? i + 1 : j;
    }
    const knownBytes = known.reduce((n, s) => n + s.end - s.start, 0);
    expect(knownBytes).toBeGreaterThan(50_000);
    const withKnown = examinedBy(() => findZeroRuns(bytes, known));
    const byReading = examinedBy(() => findZeroRuns(bytes));
    expect(withKnown.value).toEqual(zeroRunsByReading(bytes));
    expect(byReading.value).toEqual(zeroRunsByReading(bytes));
    expect(withKnown.examined).toBe(bytes.length - knownBytes);
    expect(byReading.examined).toBe(bytes.length);
  });

  test('a section that is one known span is not read at all', () => {
    const bytes = new Uint8Array(1 << 20);
    const r = examinedBy(() => findZeroRuns(bytes, [{ start: 0, end: bytes.length }]));
    expect(r).toEqual({ value: [{ start: 0, end: 1 << 20 }], examined: 0 });
  });
});

describe('the zero runs of an assembled image', () => {
  const cases: readonly [string, string, ZeroRun[]][] = [
    ['a .space between two bytes', '.byte 1\n.space 100\n.byte 2', [{ start: 1, end: 101 }]],
    ['.align, .word 0, .space and .byte 0 make one run', '.byte 1\n.align 4\n.word 0\n.space 60\n.byte 0\n.byte 2', [{ start: 1, end: 69 }]],
    ['63 zero bytes are stored, not a run', '.byte 1\n.space 63\n.byte 2', []],
    ['.align 256 pads with a run; the zero bytes of a .word join the .space before it',
      '.byte 1\n.align 256\n.byte 2\n.space 63\n.word 0x01000000', [{ start: 1, end: 256 }, { start: 257, end: 323 }]],
    ['explicit zeros alone still make a run', '.word 3\n' + '.word 0\n'.repeat(20) + '.byte 4', [{ start: 1, end: 84 }]],
    ['a .space at the very end of .data', '.byte 9\n.space 4096', [{ start: 1, end: 4097 }]],
  ];
  test.each(cases)('%s', (_name, data, runs) => {
    const image = build(`_start: halt\n.data\n${data}\n`, 'z.s');
    expect(image.zeroRuns).toEqual({ text: [], data: runs });
    expect(zeroRunsByReading(image.data)).toEqual(runs);
    // The file is byte for byte the one the writer makes when it reads every byte (an image without zeroRuns).
    const bytes = encodeImage(image);
    expect(Buffer.from(bytes).equals(Buffer.from(encodeImage({ ...image, zeroRuns: undefined })))).toBe(true);
    const back = decodeImage(bytes, 'z.img');
    if (!back.ok) expect.fail(back.message);
    expect(back.image).toEqual(image);
  });

  test('a .space in .text is a run of .text', () => {
    const image = build('_start: nop\n.space 128\nhalt\n', 'z.s');
    // halt is the word 0x50000000: its three low bytes, first in memory, join the run.
    expect(image.zeroRuns).toEqual({ text: [{ start: 4, end: 135 }], data: [] });
  });

  test('the listing of an image with zero runs is the listing made by reading every byte', () => {
    const image = build('_start: halt\n.data\na: .byte 1\n.space 5003\nb: .word 0\n.space 3\n.asciz "zz"\n.space 70\nc: .word 9\n', 'z.s');
    const listing = disassembleImage(image);
    expect(listing).toBe(disassembleImage({ ...image, zeroRuns: undefined }));
    expect(listing).toContain('.space 5000\n');
  });
});

describe('reading a file whose runs are not the writer\'s', () => {
  /** A version 2 file written by hand (docs/image-format.md): .text is halt, .data the given runs (bytes, or a zero run's length), no symbols or lines. */
  function handMade(dataRuns: readonly (readonly number[] | number)[]): Uint8Array {
    const out: number[] = [];
    const u32 = (v: number): void => { for (let i = 0; i < 4; i++) out.push((v >>> (8 * i)) & 0xff); };
    const dataLength = dataRuns.reduce<number>((n, r) => n + (typeof r === 'number' ? r : r.length), 0);
    out.push(0x49, 0x4c, 0x4c, 0x55, 2, 0, 0, 0);
    for (const v of [0x1000, 0x2000, 0x2000 + ((dataLength + 3) & ~3), 0]) u32(v);
    u32(4); u32(1); out.push(0); u32(4); out.push(0, 0, 0, 0x50);
    u32(dataLength); u32(dataRuns.length);
    for (const r of dataRuns) {
      if (typeof r === 'number') { out.push(1); u32(r); } else { out.push(0); u32(r.length); out.push(...r); }
    }
    u32(3); out.push(...new TextEncoder().encode('h.s'));
    u32(0); u32(0); u32(0); // no files (the line table names none), no symbols, no lines
    return Uint8Array.from(out);
  }

  test('a short stored zero run and stored zero bytes beside it make one run, and the file is written back as the writer writes it', () => {
    const file = handMade([[7], 10, [...new Array<number>(60).fill(0), 9, 9, 9, 9, 9, 9, 9, 9, 9]]);
    const r = decodeImage(file, 'h.img');
    if (!r.ok) expect.fail(r.message);
    expect(r.image.zeroRuns).toEqual({ text: [], data: [{ start: 1, end: 71 }] });
    expect(zeroRunsByReading(r.image.data)).toEqual([{ start: 1, end: 71 }]);
    const again = encodeImage(r.image);
    expect(Buffer.from(again).equals(Buffer.from(encodeImage({ ...r.image, zeroRuns: undefined })))).toBe(true);
    expect(Buffer.from(again).equals(Buffer.from(handMade([[7], 70, [9, 9, 9, 9, 9, 9, 9, 9, 9]])))).toBe(true);
  });
});

describe('the work of saving and reading an image does not depend on the length of a .space', () => {
  const MAX_SPACE = 64 * 1024 * 1024 - 8; // with the byte before it, its .align and the word after: the 64 MiB cap of .data
  const source = (n: number): string => `_start: halt\n.data\n.byte 5\n.align 4\n.space ${n}\nafter: .word 37\n`;

  test.each([1024, 1024 * 1024, MAX_SPACE])('.space %i: 9 bytes read to assemble, none to write, 9 to read back', (n) => {
    const assembled = examinedBy(() => build(source(n), 's.s'));
    const image = assembled.value;
    expect(image.data.length).toBe(n + 8);
    // .text (4 bytes: halt) and .data's byte 5 and word 37: what no .space or .align covers.
    expect(assembled.examined).toBe(9);
    const written = examinedBy(() => encodeImage(image));
    expect(written.examined).toBe(0);
    expect(written.value.length).toBe(encodeImage(build(source(1024), 's.s')).length);
    const read = examinedBy(() => decodeImage(written.value, 's.img'));
    if (!read.value.ok) expect.fail(read.value.message);
    expect(read.examined).toBe(9); // the stored bytes, 4 of .text and 5 of .data
    expect(Array.from(read.value.image.data.subarray(n + 4))).toEqual([37, 0, 0, 0]);
    expect(read.value.image.zeroRuns).toEqual({ text: [], data: [{ start: 1, end: n + 4 }] });
  });

  test('an image made without zero runs is read whole by the writer: the count is real', () => {
    const image = build(source(1024), 's.s');
    const written = examinedBy(() => encodeImage({ ...image, zeroRuns: undefined }));
    expect(written.examined).toBe(image.text.length + image.data.length);
  });
});

describe('a .space of 64 MiB - 4 in .data, as a whole process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'illusion-zero-runs-'));
  const cli = resolve('dist/cli/main.js');
  const illusion = (...args: string[]): { status: number | null; stdout: string; stderr: string } =>
    spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8' });
  const SOURCE = [
    '; reads back what surrounds the .space: its first and last bytes (0) and the word after it (37)',
    '_start: la   r5, after', '        lw   r6, 0(r5)', '        la   r7, buf', '        lbu  r8, 0(r7)',
    '        lbu  r9, -1(r5)', '        or   r8, r8, r9', '        bnez r8, bad',
    '        li   r1, 1', '        li   r2, 1', '        la   r3, ok', '        li   r4, 3', '        syscall',
    '        li   r1, 0', '        mv   r2, r6', '        syscall',
    'bad:    li   r1, 0', '        li   r2, 1', '        syscall',
    'ok:     .ascii "ok\\n"',
    '        .data', `buf:    .space ${64 * 1024 * 1024 - 4}`, 'after:  .word 37', '',
  ].join('\n');

  test('asm writes the image the assembler wrote before issue 18; run from it and from the source gives the same output, exit and stats', () => {
    writeFileSync(join(dir, 'big.s'), SOURCE);
    const asm = illusion('asm', 'big.s', '-o', 'big.img');
    expect([asm.status, asm.stderr]).toEqual([0, '']);
    const bytes = readFileSync(join(dir, 'big.img'));
    expect(statSync(join(dir, 'big.img')).size).toBe(497);
    // Computed with the build of commit 31f4781 (before this work): `illusion asm big.s -o big.img` in its directory.
    expect(createHash('sha256').update(bytes).digest('hex')).toBe('f6d597f6655472cbe6c3611c22fd15f6cabe69d22afa5ccff442ccf3133fb6d4');
    for (const program of ['big.img', 'big.s']) {
      const run = illusion('run', '--json', program);
      expect(run.status).toBe(37);
      const result = JSON.parse(run.stdout) as { processes: { code: number; stdout: string }[]; stats: Record<string, number> };
      expect([result.processes[0]!.code, result.processes[0]!.stdout]).toEqual([37, 'ok\n']);
      // The same figures as the build of commit 31f4781 printed for big.img.
      const { instructions, cycles, tlb_hits, tlb_misses, page_faults, image_loads, zero_fills, peak_frames } = result.stats;
      expect({ instructions, cycles, tlb_hits, tlb_misses, page_faults, image_loads, zero_fills, peak_frames }).toEqual({
        instructions: 18, cycles: 3218, tlb_hits: 20, tlb_misses: 6, page_faults: 3, image_loads: 3, zero_fills: 0, peak_frames: 6,
      });
    }
  });
});
