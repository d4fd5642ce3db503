// Loading a program from disk: an image if it starts with the magic number,
// else assembly source. Every failure is a message, never a throw.
import { readFileSync } from 'node:fs';
import { assemble } from './assemble.js';
import { formatAsmError } from './errors.js';
import type { ProgramImage } from './image.js';
import { decodeImage, looksLikeImage } from './imageFormat.js';

export type LoadResult = { ok: true; image: ProgramImage } | { ok: false; messages: string[] };

export function loadProgramFile(path: string): LoadResult {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    return { ok: false, messages: [`cannot read ${path}: ${reason}`] };
  }
  if (looksLikeImage(bytes)) {
    const r = decodeImage(bytes, path);
    return r.ok ? r : { ok: false, messages: [r.message] };
  }
  const r = assemble(new TextDecoder().decode(bytes), path);
  return r.ok ? r : { ok: false, messages: r.errors.map(formatAsmError) };
}
