// Telling source from anything else: a file that is neither assembly text nor
// an image (a copy of /bin/ls, a PDF) is refused in one line, before the
// parser would report hundreds of errors with raw control bytes in them.

export type SourceText = { ok: true; text: string } | { ok: false; message: string };

/** UTF-8 text without NUL bytes, or why these bytes are not source. */
export function decodeSourceText(bytes: Uint8Array): SourceText {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { ok: false, message: `not assembly source or an illusion image (binary data: a zero byte at offset ${nul})` };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, message: 'not assembly source or an illusion image (binary data: not UTF-8 text)' };
  }
}
