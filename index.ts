// illusion's library API (SPEC section 11): assemble source to a program
// image, build a machine from a configuration, start processes, run, and
// read the same result object that `illusion run --json` prints. The CLI is a
// thin layer over exactly these.

export {
  assemble, decodeImage, disassembleImage, disassembleWord, encodeImage, formatAsmError,
  loadProgramFile, looksLikeImage, locationOf, readIncludeFile, resolveIncludePath,
} from './asm/index.js';
export type { AsmError, AssembleOptions, AssembleResult, DecodeResult, IncludeReader } from './asm/index.js';
export type { ProgramImage, ImageSymbol, LineEntry } from './asm/image.js';

export { DEFAULT_CONFIG, withDefaults } from './kernel/config.js';
export type { MachineConfig } from './kernel/config.js';
export { ENGINES } from './cpu/blocks/engine.js';
export type { EngineName } from './cpu/blocks/engine.js';
export { bootMachine, runPrograms, runSliced } from './kernel/run.js';
export type { ProgramInput, RunOptions, SliceOptions } from './kernel/run.js';
export { Kernel } from './kernel/kernel.js';
export { collectResult, configJson, runExitStatus } from './kernel/result.js';
export type { ProcessResult, ProcessRunStats, RunResult, RunStats } from './kernel/result.js';
export { checkInvariants } from './kernel/invariants.js';
export type { KernelEvent, EventSink } from './kernel/events.js';
export { KILL_CAUSES, KILL_SIGNALS } from './kernel/abi.js';
export { KILL_REASON_NAMES } from './kernel/killReason.js';
export type { KillDetail, KillReasonName, RegionName } from './kernel/killReason.js';
export { formatKill, sourceLocation } from './kernel/killReport.js';
export { SYSCALL_NAMES } from './kernel/syscalls.js';
export type { KillCause } from './kernel/abi.js';

export { createPolicy } from './kernel/policy/index.js';
export { simulatePolicy } from './kernel/policy/simulate.js';
export type { PolicyName, ReplacementPolicy } from './kernel/policy/policy.js';

export { Machine } from './cpu/machine.js';
export type { HardwareConfig } from './cpu/machine.js';
export { INSTRUCTIONS } from './cpu/isa.js';
export type { Trap } from './cpu/trap.js';
export { Tlb } from './mmu/tlb.js';
export type { TlbConfig, TlbPolicy } from './mmu/tlb.js';
export { TLB_REFILLS } from './mmu/mmu.js';
export type { TlbRefill } from './mmu/mmu.js';
export { PlruTree } from './mmu/plru.js';

export { makePolicyProblem, solvePolicyProblem } from './homework/policy.js';
export type { PolicyProblem, PolicyProblemOptions } from './homework/policy.js';
export { makeTlbProblem, solveTlbProblem } from './homework/tlb.js';
export type { TlbProblem, TlbProblemOptions, TlbAnswers } from './homework/tlb.js';
export { makeTranslateProblem, solveTranslateProblem } from './homework/translate.js';
export type { TranslateProblem, TranslateProblemOptions, TranslateAnswer } from './homework/translate.js';
export { makeCowProblem, solveCowProblem } from './homework/cow.js';
export type { CowProblem, CowProblemOptions, CowAnswers } from './homework/cow.js';
export { makeProtectProblem, solveProtectProblem } from './homework/protect.js';
export type { ProtectProblem, ProtectProblemOptions, ProtectAnswer } from './homework/protect.js';
// Machine views as data: page table, TLB, frames, processes, walk, registers, disassembly.
export * from './views/index.js';
