// Determinism (SPEC section 7): the same programs, input, configuration and
// seed give byte-identical results (output, statistics, cycle counts), under
// swapping, seeded random page and TLB replacement, tiny quanta and ASIDs
// off. And the seed matters: random policies with different seeds may differ.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { MachineConfig } from '../../kernel/config.js';
import { collectResult } from '../../kernel/result.js';
import { bootMachine, type ProgramInput } from '../../kernel/run.js';
import { program, ROOT } from '../e2e/harness.js';

const STDIN = new TextEncoder().encode('hello, determinism\nsecond line\n');
/** Bounds each run (a limit kill is as deterministic as an exit). */
const MAX_INSTRUCTIONS = 300_000;

const CONFIGS: Record<string, Partial<MachineConfig>> = {
  'swapping (24 frames)': { frames: 24 },
  'random page replacement, seed 5': { frames: 24, policy: 'random', seed: 5 },
  'random TLB replacement, seed 9': { tlbEntries: 8, tlbWays: 4, tlbPolicy: 'random', seed: 9 },
  'quantum 1': { quantum: 1 },
  'quantum 3': { quantum: 3 },
  'ASIDs off': { asids: false, tlbEntries: 16, tlbWays: 2 },
};

/**
 * The fork bomb makes a process every dozen instructions or so (each killed
 * out_of_memory with few frames, and every process stays in the result):
 * 50 000 instructions are thousands of processes already.
 */
const LIMIT_OVERRIDES: Record<string, number> = { 'proc-fork-bomb.s': 50_000 };

function resultJson(programs: ProgramInput[], config: Partial<MachineConfig>): string {
  const limit = LIMIT_OVERRIDES[programs[0]!.name] ?? MAX_INSTRUCTIONS;
  const kernel = bootMachine(programs, { config: { maxInstructions: limit, ...config }, stdin: STDIN });
  kernel.run();
  return JSON.stringify(collectResult(kernel));
}

function shipped(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.s')).sort().map((f) => `${dir}/${f}`);
}

const PROGRAMS = [...shipped('programs'), ...shipped('programs/attacks')];

/**
 * Every program under every configuration is `npm run determinism`
 * (ILLUSION_DETERMINISM=all): 6 x ~90 programs, 84 s of `npm test` by now.
 * By default each program runs under two configurations, taken in turn
 * (program i under configs i and i + 3, mod 6): every program and every
 * configuration is still tried, in a third of the time.
 */
const ALL = process.env['ILLUSION_DETERMINISM'] === 'all';
const CONFIG_NAMES = Object.keys(CONFIGS);
const chosen = (configName: string): string[] => {
  const c = CONFIG_NAMES.indexOf(configName);
  return PROGRAMS.filter((_, i) => ALL || i % CONFIG_NAMES.length === c || (i + CONFIG_NAMES.length / 2) % CONFIG_NAMES.length === c);
};

describe.each(Object.entries(CONFIGS))('%s', (configName, config) => {
  test.each(chosen(configName))('%s twice gives identical JSON', (path) => {
    // Attacks run beside the bystander, as in their own tests.
    const programs = path.includes('attacks/') && !path.endsWith('bystander.s')
      ? [program(path), program('programs/attacks/bystander.s')]
      : [program(path)];
    expect(resultJson(programs, config)).toBe(resultJson(programs, config));
  });
});

test('the seed matters: random replacement with other seeds gives other runs', () => {
  const runs = (path: string, policy: Partial<MachineConfig>) =>
    [1, 2, 3].map((seed) => resultJson([program(path)], { frames: 24, ...policy, seed }));
  const pageRuns = runs('programs/swap.s', { policy: 'random' });
  const tlbRuns = runs('programs/tlb.s', { tlbEntries: 8, tlbWays: 8, tlbPolicy: 'random' });
  expect(new Set(pageRuns).size).toBeGreaterThan(1);
  expect(new Set(tlbRuns).size).toBeGreaterThan(1);
});
