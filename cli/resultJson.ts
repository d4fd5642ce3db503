// --json's output, written a process at a time: the same text as
// JSON.stringify(result), but never one string for the whole run, whose size
// could pass V8's string limit when many processes kept output (each stream
// is bounded by --max-output; a control byte takes six characters in JSON).
import { writeAll } from './hostWrite.js';
import type { RunResult } from '../kernel/result.js';

/** The result as JSON text, in pieces (their concatenation is JSON.stringify(result)). */
export function* resultJsonPieces(result: RunResult & { defines?: Readonly<Record<string, number>> }): Generator<string> {
  const { processes, ...rest } = result;
  yield '{"processes":[';
  for (let i = 0; i < processes.length; i++) yield (i === 0 ? '' : ',') + JSON.stringify(processes[i]);
  const tail = JSON.stringify(rest);
  yield tail === '{}' ? ']}' : `],${tail.slice(1)}`;
}

/** Writes the result and a newline to `fd`. */
export function writeResultJson(fd: number, result: RunResult & { defines?: Readonly<Record<string, number>> }): void {
  for (const piece of resultJsonPieces(result)) writeAll(fd, piece);
  writeAll(fd, '\n');
}
