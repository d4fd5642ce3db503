// Telling source from anything else: a file that is neither assembly text nor
// an image (a copy of /bin/ls, a PDF) is refused in one line, before the
// parser would report hundreds of errors with raw control bytes in them. A
// text file saved in another encoding (Latin-1's é) is text, not binary:
// the message says where its first such byte is and what to do.

/** `at`: where the first byte that is not UTF-8 is (1-based line and column), so that callers can say FILE:LINE:COLUMN. */
export type SourceText =
  | { ok: true; text: string }
  | { ok: false; message: string; at?: { line: number; column: number } };

/** UTF-8 text without NUL bytes, or why these bytes are not source. */
export function decodeSourceText(bytes: Uint8Array): SourceText {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { ok: false, message: `not assembly source or an illusion image (binary data: a zero byte at offset ${nul})` };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    // Control bytes besides tab, newline, carriage return and form feed: not text in any encoding.
    if (bytes.some((b) => (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f)) {
      return { ok: false, message: 'not assembly source or an illusion image (binary data: not UTF-8 text)' };
    }
    const bad = firstInvalidUtf8(bytes);
    const lineStart = bytes.lastIndexOf(0x0a, bad - 1) + 1;
    const line = 1 + countNewlines(bytes, lineStart);
    // The line's bytes before the bad one are valid UTF-8: count them as the assembler counts columns.
    const column = decoder.decode(bytes.subarray(lineStart, bad)).length + 1;
    const byte = `0x${bytes[bad]!.toString(16).padStart(2, '0')}`;
    return {
      ok: false,
      at: { line, column },
      message: `not UTF-8 text: byte ${byte} (a file saved as Latin-1 or Windows-1252?); save it as UTF-8`,
    };
  }
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) n++;
  return n;
}

/** The offset of the first byte that does not start or continue a well-formed UTF-8 sequence (only called when there is one). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const fatal = new TextDecoder('utf-8', { fatal: true });
  // Grow a valid prefix sequence by sequence: a prefix ending inside a sequence fails too, so try each length a sequence can have.
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    if (len > 1) {
      try { fatal.decode(bytes.subarray(i, i + len)); } catch { return i; }
    }
    i += len;
  }
  return i;
}
