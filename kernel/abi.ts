// The system-call ABI and the kill causes (SPEC sections 6 and 7). The calls
// themselves (number, name, handler) are one table in syscalls.ts; the
// registers they use are named in cpu/isa.ts.

/** Error results (negative in r1). */
export const EPERM = -1;
export const EBADF = -9;
export const ECHILD = -10;
export const EAGAIN = -11;
export const ENOMEM = -12;
export const EFAULT = -14;
export const EINVAL = -22;
export const ENOSYS = -38;

/** Each error's name, for people: `-10` reads as ECHILD. */
export const ERROR_NAMES: ReadonlyMap<number, string> = new Map([
  [EPERM, 'EPERM'], [EBADF, 'EBADF'], [ECHILD, 'ECHILD'], [EAGAIN, 'EAGAIN'],
  [ENOMEM, 'ENOMEM'], [EFAULT, 'EFAULT'], [EINVAL, 'EINVAL'], [ENOSYS, 'ENOSYS'],
]);

/** mmap/mprotect protection bits. */
export const PROT_R = 1;
export const PROT_W = 2;
export const PROT_X = 4;

/** Why the kernel killed a process, numbered as SPEC section 7 says. */
export const KILL_CAUSES = [
  'bad_access', 'illegal_instruction', 'privileged_instruction', 'misaligned',
  'divide_by_zero', 'breakpoint', 'out_of_memory', 'killed', 'instruction_limit',
  'interrupted',
] as const;
export type KillCause = (typeof KILL_CAUSES)[number];

export function causeNumber(cause: KillCause): number {
  return KILL_CAUSES.indexOf(cause) + 1;
}

/** The status `wait` stores: the exit code's low 8 bits, or 256 + the cause number. */
export function exitStatus(code: number): number {
  return code & 0xff;
}

export function killStatus(cause: KillCause): number {
  return 256 + causeNumber(cause);
}

/**
 * The POSIX signal a Unix kernel sends for each cause (SPEC section 9):
 * `illusion run` exits 128 + this when pid 1 is killed, so that a shell reads
 * it as it would for a native program.
 */
export const KILL_SIGNALS: Readonly<Record<KillCause, number>> = {
  bad_access: 11, // SIGSEGV
  illegal_instruction: 4, // SIGILL
  privileged_instruction: 4, // SIGILL
  misaligned: 7, // SIGBUS
  divide_by_zero: 8, // SIGFPE
  breakpoint: 5, // SIGTRAP
  out_of_memory: 9, // SIGKILL
  killed: 9, // SIGKILL
  instruction_limit: 24, // SIGXCPU
  interrupted: 2, // SIGINT
};
