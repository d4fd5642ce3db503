// Bad usage or input: one clear message on stderr and exit status 2 (SPEC section 9).
import { dirname } from 'node:path';

/** Thrown by command code for bad usage or input; main prints its message and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT_USAGE = 2;

/**
 * A file the command writes that the host could not complete (a full disk
 * or quota, a device error): exit 74 (EX_IOERR), as for stdout and --trace,
 * not 2: the command line was right.
 */
export class WriteFailedError extends Error {
  override readonly name = 'WriteFailedError';
}

/** Host I/O failures that are no one's bug: a full disk or quota, a device error. */
const WRITE_FAILURES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'EIO']);

/** True for a write the host could not complete (not a closed pipe: that one ends quietly). */
export function isFailedWrite(err: unknown): boolean {
  const e = err as NodeJS.ErrnoException | undefined;
  return e?.syscall === 'write' && e.code !== undefined && WRITE_FAILURES.has(e.code);
}

/** Every command's errors start so (source errors, FILE:LINE:COL lines, excepted). */
export const ERROR_PREFIX = 'illusion: error: ';

/**
 * Commander's error text as one illusion line: `error: unknown command 'rn'`
 * plus its suggestion, which commander puts on a line of its own
 * (`(Did you mean run?)`), becomes `illusion: error: unknown command 'rn';
 * did you mean 'run'?`.
 */
export function commanderErrorLine(text: string): string {
  return text.replace(/^error: /, ERROR_PREFIX).replace(/\n\(Did you mean (\S+?)\?\)\n?$/, "; did you mean '$1'?\n");
}

/**
 * Parses a whole decimal (or 0x hex) integer flag value within [min, max];
 * anything else is a UsageError naming the flag.
 */
export function parseIntFlag(flag: string, text: string, min: number, max: number): number {
  const t = text.trim();
  const ok = /^(0x[0-9a-f]+|\d+)$/i.test(t);
  const value = ok ? Number(t) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag}: expected a whole number from ${min} to ${max}, got '${text}'`);
  }
  return value;
}

/** Parses one of a fixed set of words. */
export function parseChoiceFlag<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  const t = text.trim().toLowerCase();
  const found = choices.find((c) => c === t);
  if (found === undefined) {
    throw new UsageError(`${flag}: expected one of ${choices.join(', ')}, got '${text}'`);
  }
  return found;
}

/** Bad input whose message is already in its final form (e.g. FILE:LINE:COL lines): printed as it is. */
export class InputError extends UsageError {}

/**
 * Why `path` could not be read or written, in words rather than Node's
 * (`EISDIR: illegal operation on a directory, open '...'`).
 */
export function fileErrorText(err: unknown, path: string, mode: 'read' | 'write'): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT': return mode === 'read' ? 'no such file' : `there is no directory '${dirname(path)}'`;
    case 'EISDIR': return 'it is a directory';
    case 'ENOTDIR': return 'a part of the path is a file, not a directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EROFS': return 'the file system is read-only';
    case 'ENOSPC': return 'no space left on the device';
    default: return (err as Error).message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
  }
}
