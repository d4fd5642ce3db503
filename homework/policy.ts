// The page-replacement homework (SPEC section 12): a reference string, a
// memory size and a policy make the problem; the answers are the kernel's
// own policy modules run over it by the simulator (kernel/policy/simulate.ts),
// the code `illusion policy` runs. Data only: the CLI formats it.
import { OSTEP_CLOCK_BITS, simulatePolicy, type SimulatedPolicyName, type SimulateResult } from '../kernel/policy/simulate.js';
import { makeReferenceString } from './referenceString.js';

export interface PolicyProblemOptions {
  readonly seed: number;
  readonly policy: SimulatedPolicyName;
  readonly frames: number;
  /** clock and clock-ostep only. */
  readonly clockBits?: number;
  /** Given references; when absent they are generated from the next three. */
  readonly references?: readonly number[];
  readonly numAddrs: number;
  readonly maxPage: number;
  readonly locality?: number;
}

export interface PolicyProblem {
  readonly kind: 'policy';
  readonly seed: number;
  readonly policy: SimulatedPolicyName;
  readonly frames: number;
  /** The reference count limit of clock and clock-ostep; undefined for the others. */
  readonly clockBits: number | undefined;
  /** How the string was made; undefined when it was given. */
  readonly generator: { numAddrs: number; maxPage: number; locality: number | undefined; hotPages: number[] } | undefined;
  readonly references: readonly number[];
}

export function makePolicyProblem(opts: PolicyProblemOptions): PolicyProblem {
  const clockBits = opts.policy === 'clock' ? opts.clockBits ?? 1 : opts.policy === 'clock-ostep' ? opts.clockBits ?? OSTEP_CLOCK_BITS : undefined;
  const base = { kind: 'policy' as const, seed: opts.seed, policy: opts.policy, frames: opts.frames, clockBits };
  if (opts.references !== undefined) return { ...base, generator: undefined, references: opts.references.slice() };
  const made = makeReferenceString({
    seed: opts.seed, count: opts.numAddrs, maxPage: opts.maxPage,
    ...(opts.locality !== undefined ? { locality: opts.locality } : {}),
  });
  return {
    ...base,
    generator: { numAddrs: opts.numAddrs, maxPage: opts.maxPage, locality: opts.locality, hotPages: made.hotPages },
    references: made.references,
  };
}

/** The answers: the simulator over the kernel's policy modules; random and clock-ostep draw from the problem's seed. */
export function solvePolicyProblem(problem: PolicyProblem): SimulateResult {
  return simulatePolicy({
    policy: problem.policy,
    frames: problem.frames,
    references: problem.references,
    seed: problem.seed,
    ...(problem.clockBits !== undefined ? { clockBits: problem.clockBits } : {}),
  });
}
