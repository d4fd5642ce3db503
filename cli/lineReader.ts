// Reading a file line by line, a megabyte at a time: a trace made with
// --trace-hits passes 600 MB within seconds, more than one string can hold.
import { closeSync, openSync, readSync } from 'node:fs';
import { fileErrorText, UsageError } from './usage.js';

/** The longest line read: a trace line is about 100 bytes, one past a megabyte is not one. */
export const MAX_LINE_BYTES = 1 << 20;

/**
 * Calls back with each line of `path` and its number (from 1). Lines split at
 * the byte '\n', so a character is never cut in two. Errors are UsageErrors
 * whose message starts with `what` (the flag or command reading the file);
 * a line past MAX_LINE_BYTES is refused with `longLineHint` (what the file
 * should have been).
 */
export function readLines(path: string, what: string, onLine: (line: string, lineNo: number) => void, longLineHint = 'not a trace of illusion run --trace'): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new UsageError(`${what}: cannot read '${path}': ${fileErrorText(err, path, 'read')}`);
  }
  let lineNo = 0;
  try {
    const chunk = Buffer.alloc(MAX_LINE_BYTES);
    let carry = Buffer.alloc(0);
    for (;;) {
      let got: number;
      try {
        got = readSync(fd, chunk, 0, chunk.length, null);
      } catch (err) {
        throw new UsageError(`${what}: cannot read '${path}': ${fileErrorText(err, path, 'read')}`);
      }
      if (got === 0) break;
      const data = carry.length === 0 ? chunk.subarray(0, got) : Buffer.concat([carry, chunk.subarray(0, got)]);
      let start = 0;
      for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
        onLine(data.toString('utf8', start, nl), ++lineNo);
        start = nl + 1;
      }
      // Joining an endless line chunk by chunk would take quadratic time: refused instead.
      if (data.length - start > MAX_LINE_BYTES) throw new UsageError(`${what}: ${path}:${lineNo + 1}: a line longer than 1 MB: ${longLineHint}`);
      // Copied: the next read overwrites the chunk the rest lies in.
      carry = Buffer.from(data.subarray(start));
    }
    if (carry.length > 0) onLine(carry.toString('utf8'), ++lineNo);
  } finally {
    closeSync(fd);
  }
}
