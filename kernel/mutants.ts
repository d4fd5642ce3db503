// Deliberate kernel bugs for the mutation score (`npm run mutate`,
// docs/robustness.md). Each is switched on only by the environment variable
// ILLUSION_MUTANT=<name>, read once when this module loads; with it unset
// every `mutant(...)` is false and the kernel behaves exactly as it would
// without this file. The CPU's and the MMU's hot loops never ask.
//
// A mutant is a test of the tests: the suite (attacks, examples, the
// checker) must fail with each one switched on, or it does not bite.

export const MUTANTS = {
  'munmap-no-invalidate': 'munmap clears the PTEs but leaves their TLB entries',
  'mprotect-no-invalidate': 'mprotect lowers the PTE rights but leaves the TLB entries',
  'sbrk-shrink-no-invalidate': 'sbrk shrinking the heap clears the PTEs but leaves the TLB entries',
  'cow-break-no-invalidate': 'a copy-on-write break maps the new frame without dropping the old TLB entry',
  'evict-no-invalidate': 'eviction (swap-out or drop) clears the PTEs but leaves the TLB entries',
  'no-zero-fill': 'a new page keeps whatever its frame held before (no zero-fill)',
  'unmap-no-decref': 'unmapping a page forgets to drop its frame reference (the frame leaks)',
  'cow-write-shared': 'a write to a shared COW page makes the shared frame writable instead of copying it',
  'fork-no-cow': 'fork shares writable pages writable, without copy-on-write',
  'kernel-half-user': 'the kernel half is mapped user-accessible (U=1)',
  'write-no-pointer-check': "write() skips the check of its buffer against the caller's rights",
  'read-no-pointer-check': "read() skips the check of its buffer against the caller's rights",
  'asid-reuse-no-flush': 'a recycled ASID is handed out without flushing its TLB entries',
  'switch-no-flush': 'with ASIDs off, a context switch does not flush the TLB',
  'free-shared-frame': 'unmapping a shared page frees the frame although another sharer still maps it',
} as const;

export type MutantName = keyof typeof MUTANTS;

function activeMutant(): MutantName | undefined {
  const env = typeof process === 'undefined' ? undefined : process.env['ILLUSION_MUTANT'];
  if (env === undefined || env === '') return undefined;
  if (!Object.hasOwn(MUTANTS, env)) {
    throw new Error(`ILLUSION_MUTANT=${env} is not a mutant; known: ${Object.keys(MUTANTS).join(', ')}`);
  }
  return env as MutantName;
}

/** The mutant switched on for this process, if any. */
export const ACTIVE_MUTANT: MutantName | undefined = activeMutant();

/** True when the deliberate bug `name` is switched on. */
export function mutant(name: MutantName): boolean {
  return ACTIVE_MUTANT === name;
}
