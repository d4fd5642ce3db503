// Shared helpers for the assembler tests.
import { expect } from 'vitest';
import { assemble, formatAsmError, readIncludeFile, type ProgramImage } from '../../asm/index.js';

/** Assembles or fails the test, printing every error; `.include` reads files (relative to the working directory, the repository). */
export function build(source: string, file = 't.s'): ProgramImage {
  const r = assemble(source, file, { readInclude: readIncludeFile });
  if (!r.ok) expect.fail(r.errors.map(formatAsmError).join('\n'));
  return r.image;
}

export function wordsOf(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length >> 2 }, (_, i) => view.getUint32(4 * i, true));
}

export const hex = (w: number): string => (w >>> 0).toString(16).padStart(8, '0');

/** The .text words of a source, as 8-digit hex strings. */
export function textHex(source: string): string[] {
  return wordsOf(build(source).text).map(hex);
}

/** The formatted errors of a source that must fail. */
export function errorsOf(source: string, file = 't.s'): string[] {
  const r = assemble(source, file);
  if (r.ok) expect.fail('expected assembly errors, got an image');
  return r.errors.map(formatAsmError);
}
