// Control characters in names and strings that illusion prints: C0
// (U+0000-U+001F), DEL and C1 (U+007F-U+009F). Printed as they are, a
// newline would forge a kill line and an escape sequence would repaint the
// terminal. One definition for the image reader (which refuses them in an
// image's file names), the assembler (which records a program's file names
// with them escaped) and the trace view (which escapes a trace's strings).
// Here in asm/ because it is the lowest layer that needs it; it imports
// nothing.

const CONTROL_CLASS = '[\\u0000-\\u001f\\u007f-\\u009f]';
const FIRST = new RegExp(CONTROL_CLASS);
const EVERY = new RegExp(CONTROL_CLASS, 'g');
const ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };

/** The first control character of `text` and where it is, or undefined when there is none. */
export function firstControlChar(text: string): { index: number; code: string } | undefined {
  const found = FIRST.exec(text);
  if (found === null) return undefined;
  return { index: found.index, code: `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` };
}

/** `text` with each control character written as JSON writes it (`\n`, `\u001b`); other text unchanged. */
export function escapeControlChars(text: string): string {
  if (!FIRST.test(text)) return text;
  return text.replace(EVERY, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
