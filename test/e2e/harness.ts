// Running guest programs end to end through the library, with the frame
// invariant checked after every run.
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { expect } from 'vitest';
import { assemble, readIncludeFile, type IncludeReader } from '../../asm/index.js';
import type { ProgramImage } from '../../asm/image.js';
import type { MachineConfig } from '../../kernel/config.js';
import { checkInvariants } from '../../kernel/invariants.js';
import { collectResult, RunResult } from '../../kernel/result.js';
import { bootMachine, ProgramInput } from '../../kernel/run.js';

export const ROOT = join(import.meta.dirname, '..', '..');

const cache = new Map<string, ProgramImage>();

/** `.include` names are relative to the repository root, like the paths given to program(). */
const readFromRoot: IncludeReader = (name) => readIncludeFile(resolve(ROOT, name));

/**
 * Assembles a program under programs/ (path relative to the repository
 * root), with `defines` as `-D` gives them; fails the test on errors.
 */
export function program(path: string, defines: Readonly<Record<string, number>> = {}): ProgramInput {
  const key = `${path} ${JSON.stringify(defines)}`;
  let image = cache.get(key);
  if (image === undefined) {
    const result = assemble(readFileSync(join(ROOT, path), 'utf8'), path, { readInclude: readFromRoot, defines: new Map(Object.entries(defines)) });
    if (!result.ok) throw new Error(`${path} does not assemble:\n${result.errors.map((e) => `${e.line}:${e.column}: ${e.message}`).join('\n')}`);
    if (result.unusedDefines.length > 0) throw new Error(`${path} uses none of ${result.unusedDefines.join(', ')}`);
    image = result.image;
    cache.set(key, image);
  }
  return { name: basename(path), image };
}

/** Assembles inline source. */
export function source(name: string, text: string): ProgramInput {
  const result = assemble(text, name);
  if (!result.ok) throw new Error(`${name} does not assemble:\n${result.errors.map((e) => `${e.line}:${e.column}: ${e.message}`).join('\n')}`);
  return { name, image: result.image };
}

export interface RunOutcome {
  result: RunResult;
  /** Kill lines, as `illusion run` prints them on stderr. */
  killLines: string[];
}

/**
 * Runs programs to the end in checker mode (kernel/checker.ts: invariants and
 * a TLB audit after traps; a kernel bug throws KernelInvariantError), then
 * asserts the frame invariant and that nothing leaked (every process has ended).
 */
export function run(programs: ProgramInput[], config: Partial<MachineConfig> = {}, stdin = ''): RunOutcome {
  const killLines: string[] = [];
  const kernel = bootMachine(programs, {
    config: { maxInstructions: 50_000_000, ...config },
    stdin: new TextEncoder().encode(stdin),
    onKill: (line) => killLines.push(line),
    check: true,
  });
  kernel.run();
  expect(checkInvariants(kernel)).toEqual([]);
  const result = collectResult(kernel);
  expect(result.stats.user_frames_at_end).toBe(0);
  expect(result.stats.swap_slots_at_end).toBe(0);
  return { result, killLines };
}

/** Configurations every attack and example must give the same verdicts under. */
export const STRESS_CONFIGS: Record<string, Partial<MachineConfig>> = {
  default: {},
  'small TLB': { tlbEntries: 4, tlbWays: 2 },
  'direct-mapped TLB': { tlbEntries: 8, tlbWays: 1 },
  'ASIDs off': { asids: false },
  'ASIDs off, large TLB': { asids: false, tlbEntries: 1024, tlbWays: 1024 },
  'tiny quantum': { quantum: 3 },
  'few frames (swapping)': { frames: 24, policy: 'clock' },
  'few frames, lru, random TLB': { frames: 24, policy: 'lru', tlbPolicy: 'random', seed: 7 },
  'software refill, small plru TLB, few frames': { tlbRefill: 'software', tlbEntries: 4, tlbWays: 2, tlbPolicy: 'plru', frames: 24, policy: 'clock' },
};
