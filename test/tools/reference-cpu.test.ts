// The reference CPU (cpu/referenceCpu.ts) against the fast loop (cpu/cpu.ts):
// random programs and the shipped programs, under several TLB and kernel
// configurations, must give identical output, kill reports and statistics.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { MachineConfig } from '../../kernel/config.js';
import { collectResult, RunResult } from '../../kernel/result.js';
import { bootMachine, ProgramInput } from '../../kernel/run.js';
import { program, ROOT } from '../e2e/harness.js';
import { randomProgram } from './randomProgram.js';

const CONFIGS: Record<string, Partial<MachineConfig>> = {
  default: {},
  'tiny TLB lru': { tlbEntries: 4, tlbWays: 2 },
  'direct-mapped fifo': { tlbEntries: 8, tlbWays: 1, tlbPolicy: 'fifo' },
  'random TLB': { tlbEntries: 8, tlbWays: 4, tlbPolicy: 'random', seed: 5 },
  'tiny quantum': { quantum: 3, tlbEntries: 16, tlbWays: 4, tlbPolicy: 'fifo' },
  'ASIDs off': { asids: false, tlbEntries: 16, tlbWays: 16 },
  'few frames': { frames: 24, tlbEntries: 8, tlbWays: 2 },
  'plru': { tlbEntries: 16, tlbWays: 8, tlbPolicy: 'plru' },
  'software refill': { tlbRefill: 'software' },
  'software refill, tiny plru TLB, ASIDs off': { tlbRefill: 'software', tlbEntries: 4, tlbWays: 4, tlbPolicy: 'plru', asids: false },
  'software refill, few frames, tiny quantum': { tlbRefill: 'software', frames: 24, tlbEntries: 8, tlbWays: 2, quantum: 3 },
};

function runWith(programs: ProgramInput[], config: Partial<MachineConfig>, reference: boolean, limit: number): { result: RunResult; kills: string[] } {
  const kills: string[] = [];
  const kernel = bootMachine(programs, {
    config: { maxInstructions: limit, ...config },
    stdin: new TextEncoder().encode('some input\n'),
    onKill: (line) => kills.push(line),
    referenceCpu: reference,
  });
  kernel.run();
  return { result: collectResult(kernel), kills };
}

/** Both CPUs under the same instruction limit (a runaway attacker ends the same way in both). */
function expectSame(programs: ProgramInput[], config: Partial<MachineConfig>, limit = 100_000): void {
  const fast = runWith(programs, config, false, limit);
  const slow = runWith(programs, config, true, limit);
  expect(slow).toEqual(fast);
}

describe('reference CPU = fast CPU', () => {
  for (const [name, config] of Object.entries(CONFIGS)) {
    test(`random programs, ${name}`, () => {
      for (let seed = 1; seed <= 6; seed++) expectSame([randomProgram(seed * 7919)], config);
    });
  }

  const shipped = readdirSync(join(ROOT, 'programs')).filter((f) => f.endsWith('.s')).map((f) => `programs/${f}`);
  test.each(Object.entries(CONFIGS))('shipped programs, %s', (_name, config) => {
    for (const path of shipped) expectSame([program(path)], config, 300_000);
  });

  test('attacks beside a bystander', () => {
    const attacks = readdirSync(join(ROOT, 'programs', 'attacks')).filter((f) => f.endsWith('.s') && f !== 'bystander.s');
    for (const f of attacks) {
      expectSame([program(`programs/attacks/${f}`), program('programs/attacks/bystander.s')], CONFIGS['tiny quantum']!, 30_000);
    }
  });
});
