// The machine-configuration flags shared by run, debug and sweep (SPEC section 9),
// validated into a MachineConfig. Bad values are UsageErrors (exit 2).
import { Command } from 'commander';
import { ENGINES, type EngineName } from '../cpu/blocks/engine.js';
import { SOFTWARE_REFILL_MIN_WAYS, SOFTWARE_REFILL_WAYS_MESSAGE, TLB_REFILLS, type TlbRefill } from '../mmu/mmu.js';
import { isPowerOfTwo } from '../mmu/plru.js';
import { TLB_POLICIES, TlbPolicy } from '../mmu/tlb.js';
import { CONFIG_LIMITS, DEFAULT_CONFIG, MachineConfig } from '../kernel/config.js';
import { POLICY_NAMES, PolicyName } from '../kernel/policy/policy.js';
import { parseChoiceFlag, parseIntFlag, UsageError } from './usage.js';

export interface MachineFlags {
  frames?: string;
  tlbEntries?: string;
  tlbWays?: string;
  tlbPolicy?: string;
  tlbRefill?: string;
  asid?: boolean;
  policy?: string;
  swapPages?: string;
  quantum?: string;
  seed?: string;
  maxProcs?: string;
  maxInstructions?: string;
  walkCycles?: string;
  faultCycles?: string;
  swapCycles?: string;
  maxOutput?: string;
  refillTrapCycles?: string;
  engine?: string;
}

export function addMachineOptions(cmd: Command): Command {
  const d = DEFAULT_CONFIG;
  return cmd
    .option('--frames <n>', `physical memory in 4 KiB frames (default ${d.frames})`)
    .option('--tlb-entries <n>', `TLB entries (default ${d.tlbEntries})`)
    .option('--tlb-ways <n>', `TLB associativity, 1..entries (default ${d.tlbWays})`)
    .option('--tlb-policy <p>', `TLB replacement: ${TLB_POLICIES.join(', ')} (default ${d.tlbPolicy})`)
    .option('--tlb-refill <r>', `who handles a TLB miss: hardware (the MMU walks) or software (a tlb_miss trap to the kernel) (default ${d.tlbRefill})`)
    .option('--no-asid', 'tag TLB entries without ASIDs: the kernel flushes on every switch')
    .option('--policy <p>', `page replacement: ${POLICY_NAMES.join(', ')} (default ${d.policy})`)
    .option('--swap-pages <n>', `swap device size in pages (default ${d.swapPages})`)
    .option('--quantum <n>', `instructions per timer tick (default ${d.quantum})`)
    .option('--seed <n>', `seed for random replacement (default ${d.seed})`)
    .option('--max-procs <n>', `most processes at once, unwaited ones included (default ${d.maxProcs})`)
    .option('--max-instructions <n>', 'kill every process once the machine has run this many instructions')
    .option('--walk-cycles <n>', `cycles per page-table reference on a TLB miss (default ${d.walkCycles})`)
    .option('--fault-cycles <n>', `cycles a page fault adds (default ${d.faultCycles})`)
    .option('--swap-cycles <n>', `cycles a swap transfer adds (default ${d.swapCycles})`)
    .option('--max-output <bytes>', `output kept per process and stream for --json; more is counted, marked truncated (default ${d.maxOutputBytes})`)
    .option('--refill-trap-cycles <n>', `cycles a software refill or tlb_modified trap adds, besides its walk cycles (default ${d.refillTrapCycles})`)
    .option('--engine <e>', `how guest code runs: ${ENGINES.join(' (the interpreter), ')} (compiled blocks); results are identical (default ${d.engine})`);
}

function int(flag: string, text: string | undefined, fallback: number, range: readonly [number, number]): number {
  return text === undefined ? fallback : parseIntFlag(flag, text, range[0], range[1]);
}

export function machineConfigFrom(flags: MachineFlags): MachineConfig {
  const d = DEFAULT_CONFIG;
  const L = CONFIG_LIMITS;
  const tlbEntries = int('--tlb-entries', flags.tlbEntries, d.tlbEntries, L.tlbEntries);
  const tlbWays = int('--tlb-ways', flags.tlbWays, Math.min(d.tlbWays, tlbEntries), [1, L.tlbEntries[1]]);
  if (tlbWays > tlbEntries) throw new UsageError(`--tlb-ways: ${tlbWays} ways is more than the ${tlbEntries} TLB entries`);
  if (tlbEntries % tlbWays !== 0) {
    throw new UsageError(`--tlb-entries ${tlbEntries} is not a multiple of --tlb-ways ${tlbWays}`);
  }
  const tlbPolicy = flags.tlbPolicy === undefined ? d.tlbPolicy : parseChoiceFlag<TlbPolicy>('--tlb-policy', flags.tlbPolicy, TLB_POLICIES);
  const tlbRefill = flags.tlbRefill === undefined ? d.tlbRefill : parseChoiceFlag<TlbRefill>('--tlb-refill', flags.tlbRefill, TLB_REFILLS);
  const problem = plruWaysProblem(tlbPolicy, tlbWays) ?? refillWaysProblem(tlbRefill, tlbWays);
  if (problem !== undefined) throw new UsageError(problem);
  return {
    frames: int('--frames', flags.frames, d.frames, L.frames),
    tlbEntries,
    tlbWays,
    tlbPolicy,
    tlbRefill,
    asids: flags.asid !== false,
    policy: flags.policy === undefined ? d.policy : parseChoiceFlag<PolicyName>('--policy', flags.policy, POLICY_NAMES),
    swapPages: int('--swap-pages', flags.swapPages, d.swapPages, L.swapPages),
    quantum: int('--quantum', flags.quantum, d.quantum, L.quantum),
    seed: int('--seed', flags.seed, d.seed, L.seed),
    maxProcs: int('--max-procs', flags.maxProcs, d.maxProcs, L.maxProcs),
    maxInstructions: flags.maxInstructions === undefined ? undefined : int('--max-instructions', flags.maxInstructions, 0, L.maxInstructions),
    walkCycles: int('--walk-cycles', flags.walkCycles, d.walkCycles, L.cycles),
    faultCycles: int('--fault-cycles', flags.faultCycles, d.faultCycles, L.cycles),
    swapCycles: int('--swap-cycles', flags.swapCycles, d.swapCycles, L.cycles),
    maxOutputBytes: int('--max-output', flags.maxOutput, d.maxOutputBytes, L.maxOutputBytes),
    refillTrapCycles: int('--refill-trap-cycles', flags.refillTrapCycles, d.refillTrapCycles, L.cycles),
    engine: flags.engine === undefined ? d.engine : parseChoiceFlag<EngineName>('--engine', flags.engine, ENGINES),
  };
}

/** Why a TLB policy cannot run with this many ways (plru builds a binary tree over them), or undefined. */
export function plruWaysProblem(policy: TlbPolicy, ways: number): string | undefined {
  if (policy !== 'plru' || isPowerOfTwo(ways)) return undefined;
  return `--tlb-policy plru: tree pseudo-LRU needs a power-of-two number of ways (1, 2, 4, 8, ...), got --tlb-ways ${ways}`;
}

/** Why a refill design cannot run with this many ways (software needs 2), or undefined. */
export function refillWaysProblem(refill: TlbRefill, ways: number): string | undefined {
  if (refill !== 'software' || ways >= SOFTWARE_REFILL_MIN_WAYS) return undefined;
  return `--tlb-refill software: ${SOFTWARE_REFILL_WAYS_MESSAGE.replace('software TLB refill needs', 'needs')} (got --tlb-ways ${ways})`;
}
