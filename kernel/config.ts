// Everything a run can be configured with (SPEC sections 5, 7, 8, 9), and its defaults.
import { MAX_FRAMES } from '../mmu/physicalMemory.js';
import type { EngineName } from '../cpu/blocks/engine.js';
import type { TlbRefill } from '../mmu/mmu.js';
import { MAX_TLB_ENTRIES, type TlbPolicy } from '../mmu/tlb.js';
import type { PolicyName } from './policy/policy.js';

export interface MachineConfig {
  frames: number;
  tlbEntries: number;
  tlbWays: number;
  tlbPolicy: TlbPolicy;
  /** Who handles a TLB miss: the MMU's walker, or the kernel (a tlb_miss trap, kernel/refill.ts). */
  tlbRefill: TlbRefill;
  asids: boolean;
  /** Page-replacement policy. */
  policy: PolicyName;
  swapPages: number;
  /** Instructions per timer tick. */
  quantum: number;
  seed: number;
  maxProcs: number;
  /** Total instructions after which every live process is killed; undefined = no limit. */
  maxInstructions: number | undefined;
  walkCycles: number;
  faultCycles: number;
  swapCycles: number;
  /** Output kept per process and stream for the result (--json); 0 keeps none. Output streams regardless. */
  maxOutputBytes: number;
  /** Cycles a software refill (or tlb_modified) trap adds, besides walkCycles per page-table word the kernel reads. */
  refillTrapCycles: number;
  /** How guest code runs: the interpreter, or compiled blocks (docs/engine.md). Results are identical. */
  engine: EngineName;
}

export const DEFAULT_CONFIG: MachineConfig = {
  frames: 1024,
  tlbEntries: 64,
  tlbWays: 4,
  tlbPolicy: 'lru',
  tlbRefill: 'hardware',
  asids: true,
  policy: 'clock',
  swapPages: 4096,
  quantum: 10_000,
  seed: 1,
  maxProcs: 64,
  maxInstructions: undefined,
  walkCycles: 20,
  faultCycles: 1000,
  swapCycles: 100_000,
  maxOutputBytes: 1 << 20,
  refillTrapCycles: 30,
  engine: 'blocks',
};

/** Limits the CLI and API enforce, so that a configuration never breaks the host. */
export const CONFIG_LIMITS = {
  frames: [8, MAX_FRAMES],
  tlbEntries: [1, MAX_TLB_ENTRIES],
  swapPages: [0, 1_048_576],
  quantum: [1, 1_000_000_000],
  maxProcs: [1, 100_000],
  maxInstructions: [1, Number.MAX_SAFE_INTEGER],
  seed: [0, 0xffff_ffff],
  cycles: [0, 1_000_000_000],
  maxOutputBytes: [0, 16 << 20],
} as const;

export function withDefaults(partial: Partial<MachineConfig> = {}): MachineConfig {
  return { ...DEFAULT_CONFIG, ...partial };
}
