// Loading a program from disk: an image if it starts with the magic number,
// else assembly source, whose `.include`s are read from disk too. Every
// failure is a message, never a throw.
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { assemble } from './assemble.js';
import type { Defines } from './defines.js';
import { formatAsmError } from './errors.js';
import type { ProgramImage } from './image.js';
import { decodeImage, looksLikeImage } from './imageFormat.js';
import type { IncludeReader } from './include.js';
import { decodeSourceText } from './sourceText.js';

/** `kind` says whether the messages are source errors (FILE:LINE:COL lines) or one problem with the file itself. */
/** `fromSource`: assembled here (defines apply to it) rather than read as an image; `unusedDefines` as assemble() says. */
export type LoadResult =
  | { ok: true; image: ProgramImage; fromSource: boolean; unusedDefines: readonly string[] }
  | { ok: false; kind: 'source' | 'file'; messages: string[] };

/**
 * Most bytes read from one program or included file: far beyond what the
 * assembler can take (a 16 MB source is already seconds and a gigabyte), it
 * stops a file without end (/dev/zero, a pipe that never closes), which was
 * read until the host ran out of memory (attack24: 3 GB in 20 s).
 */
export const MAX_FILE_BYTES = 128 * 1024 * 1024;

const TOO_LARGE = `it holds more than ${MAX_FILE_BYTES} bytes (128 MiB), far more than a program: a device or a pipe that never ends?`;

function readBytes(path: string): { ok: true; bytes: Uint8Array } | { ok: false; message: string } {
  try {
    return { ok: true, bytes: readProgramBytes(path) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    return { ok: false, message: reason };
  }
}

/** A program file's bytes; past MAX_FILE_BYTES it throws (code EFBIG) instead of reading on. */
export function readProgramBytes(path: string): Uint8Array {
  const bytes = readCapped(path);
  if (bytes === undefined) throw Object.assign(new Error(TOO_LARGE), { code: 'EFBIG' });
  return bytes;
}

/** The file's bytes, or undefined past MAX_FILE_BYTES; a regular file in one read, anything else a megabyte at a time. */
function readCapped(path: string): Uint8Array | undefined {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.isFile()) return stat.size > MAX_FILE_BYTES ? undefined : readFileSync(fd);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 20);
      const got = readSync(fd, chunk, 0, chunk.length, null);
      if (got === 0) return Buffer.concat(chunks, total);
      total += got;
      if (total > MAX_FILE_BYTES) return undefined;
      chunks.push(chunk.subarray(0, got));
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Where illusion's own files are (programs/lib/print.s, ...), absolute; this
 * module and the CLI bundle are both two folders below it (dist/asm/,
 * dist/cli/). Undefined when they are not there (a package without programs/).
 */
function shippedRoot(): string | undefined {
  try {
    // By hand, not node:url's fileURLToPath: this module is in the browser's bundle too (web/), served over http.
    const url = new URL('../../', import.meta.url);
    if (url.protocol !== 'file:') return undefined;
    const root = decodeURIComponent(url.pathname);
    return existsSync(`${root}programs/lib/print.s`) ? root : undefined;
  } catch {
    return undefined;
  }
}

/** Reads included files from disk (names are already resolved against the including file). */
export const readIncludeFile: IncludeReader = (name) => {
  const r = readBytes(name);
  if (r.ok) return decodeSourceText(r.bytes);
  const root = r.message === 'no such file' ? shippedRoot() : undefined;
  return root === undefined ? r : { ...r, shippedRoot: root };
};

export function loadProgramFile(path: string, defines?: Defines): LoadResult {
  const read = readBytes(path);
  if (!read.ok) return { ok: false, kind: 'file', messages: [`cannot read ${path}: ${read.message}`] };
  const bytes = read.bytes;
  if (looksLikeImage(bytes)) {
    const r = decodeImage(bytes, path);
    return r.ok ? { ok: true, image: r.image, fromSource: false, unusedDefines: [...(defines?.keys() ?? [])] } : { ok: false, kind: 'file', messages: [r.message] };
  }
  const source = decodeSourceText(bytes);
  if (!source.ok) return { ok: false, kind: 'file', messages: [`${path}${source.at === undefined ? '' : `:${source.at.line}:${source.at.column}`}: ${source.message}`] };
  const r = assemble(source.text, path, { readInclude: readIncludeFile, ...(defines !== undefined ? { defines } : {}) });
  return r.ok ? { ok: true, image: r.image, fromSource: true, unusedDefines: r.unusedDefines } : { ok: false, kind: 'source', messages: r.errors.map(formatAsmError) };
}
