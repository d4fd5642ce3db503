// Loading a program from disk: an image if it starts with the magic number,
// else assembly source, whose `.include`s are read from disk too. Every
// failure is a message, never a throw.
import { readFileSync } from 'node:fs';
import { assemble } from './assemble.js';
import { formatAsmError } from './errors.js';
import type { ProgramImage } from './image.js';
import { decodeImage, looksLikeImage } from './imageFormat.js';
import type { IncludeReader } from './include.js';
import { decodeSourceText } from './sourceText.js';

/** `kind` says whether the messages are source errors (FILE:LINE:COL lines) or one problem with the file itself. */
export type LoadResult = { ok: true; image: ProgramImage } | { ok: false; kind: 'source' | 'file'; messages: string[] };

function readBytes(path: string): { ok: true; bytes: Uint8Array } | { ok: false; message: string } {
  try {
    return { ok: true, bytes: readFileSync(path) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    return { ok: false, message: reason };
  }
}

/** Reads included files from disk (names are already resolved against the including file). */
export const readIncludeFile: IncludeReader = (name) => {
  const r = readBytes(name);
  return r.ok ? decodeSourceText(r.bytes) : r;
};

export function loadProgramFile(path: string): LoadResult {
  const read = readBytes(path);
  if (!read.ok) return { ok: false, kind: 'file', messages: [`cannot read ${path}: ${read.message}`] };
  const bytes = read.bytes;
  if (looksLikeImage(bytes)) {
    const r = decodeImage(bytes, path);
    return r.ok ? r : { ok: false, kind: 'file', messages: [r.message] };
  }
  const source = decodeSourceText(bytes);
  if (!source.ok) return { ok: false, kind: 'file', messages: [`${path}${source.at === undefined ? '' : `:${source.at.line}:${source.at.column}`}: ${source.message}`] };
  const r = assemble(source.text, path, { readInclude: readIncludeFile });
  return r.ok ? r : { ok: false, kind: 'source', messages: r.errors.map(formatAsmError) };
}
