// The page-replacement policy interface. One module per policy implements it;
// the kernel keys pages by physical frame number, `illusion policy` by page
// number from a reference string: the policy does not care which.

export type PolicyName = 'fifo' | 'clock' | 'lru' | 'random';
export const POLICY_NAMES: readonly PolicyName[] = ['fifo', 'clock', 'lru', 'random'];

/**
 * Policies only the reference-string simulator offers: opt and unopt need
 * the whole string up front, mru and clock-ostep are there for OSTEP's
 * homework (yardsticks, not kernel policies).
 */
export type SimulatorOnlyPolicyName = 'opt' | 'unopt' | 'mru' | 'clock-ostep';

export interface ReplacementPolicy {
  readonly name: PolicyName | SimulatorOnlyPolicyName;
  /**
   * True when the policy wants to hear of references (lru, clock). The kernel
   * only learns of them from accessed (A) bits, so it harvests those bits
   * before asking for a victim only when this is true.
   */
  readonly usesReferences: boolean;
  /** `page` became resident (it counts as referenced now). */
  admit(page: number): void;
  /** A resident page was referenced. */
  touch(page: number): void;
  /** A resident page left memory for another reason (freed, unmapped); a no-op for an unknown page. */
  forget(page: number): void;
  /**
   * Choose a resident page to evict among those `canEvict` accepts, and stop
   * tracking it. undefined when no resident page may be evicted.
   */
  chooseVictim(canEvict: (page: number) => boolean): number | undefined;
  /** Resident pages in the policy's own order (for displays and tests). */
  residents(): number[];
}
