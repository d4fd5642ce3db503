// Bad usage or input: one clear message on stderr and exit status 2 (SPEC section 9).

/** Thrown by command code for bad usage or input; main prints its message and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT_USAGE = 2;

/** Every command's errors start so (source errors, FILE:LINE:COL lines, excepted). */
export const ERROR_PREFIX = 'illusion: error: ';

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
