// Builds a replacement policy by name: the one entry point the kernel and
// `illusion policy` share, so both run the same code.
import { ClockPolicy } from './clock.js';
import { FifoPolicy } from './fifo.js';
import { LruPolicy } from './lru.js';
import type { PolicyName, ReplacementPolicy } from './policy.js';
import { RandomPolicy } from './random.js';

export type { PolicyName, ReplacementPolicy, SimulatorOnlyPolicyName } from './policy.js';
export { POLICY_NAMES } from './policy.js';
export { createOptPolicy, OptPolicy } from './opt.js';
export { UnoptPolicy } from './unopt.js';
export { MruPolicy } from './mru.js';
export { ClockOstepPolicy } from './clockOstep.js';
export { ClockPolicy, FifoPolicy, LruPolicy, RandomPolicy };

/** A fresh, empty policy; `seed` only matters to random. */
export function createPolicy(name: PolicyName, seed: number): ReplacementPolicy {
  switch (name) {
    case 'fifo':
      return new FifoPolicy();
    case 'lru':
      return new LruPolicy();
    case 'clock':
      return new ClockPolicy();
    case 'random':
      return new RandomPolicy(seed);
  }
}
