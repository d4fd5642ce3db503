// kernel/memoryPool.ts: runPrograms hands its kernel's physical memory on to
// the next kernel of the same size, zeroed, so that a machine built on it is
// byte for byte the machine a new buffer gives; a big machine's is not kept.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { MAX_POOLED_BYTES, takeMemory } from '../../kernel/memoryPool.js';
import { bootMachine, runPrograms, type ProgramInput } from '../../kernel/run.js';
import { program, ROOT, source } from '../e2e/harness.js';

/** programs/bench/swap.s over 96 pages: with 64 frames it writes every frame and swaps. */
function dirtying(): ProgramInput {
  const text = readFileSync(join(ROOT, 'programs/bench/swap.s'), 'utf8')
    .replace('.equ PAGES, 256', '.equ PAGES, 96')
    .replace('.equ HEAP_BYTES, 1048576', `.equ HEAP_BYTES, ${96 * 4096}`);
  return source('swap-96.s', text);
}

describe('memoryPool', () => {
  test('after a run, the next machine of its size gets the buffer back, every byte 0', () => {
    takeMemory(64);
    const result = runPrograms([dirtying()], { config: { frames: 64 } });
    expect(result.processes[0]!.stdout).toBe('PASS: swap\n');
    expect(result.stats.swap_outs).toBeGreaterThan(0);
    const buffer = takeMemory(64)!;
    expect(buffer.byteLength).toBe(64 * 4096);
    expect(new Uint8Array(buffer).every((b) => b === 0)).toBe(true);
    expect(takeMemory(64)).toBeUndefined(); // kept once, handed out once
  });

  test('a machine of another size does not take it; a kernel on a reused buffer starts as on a new one', () => {
    const fresh = bootMachine([], { config: { frames: 64 } });
    const boot = [...fresh.machine.memory.bytes];
    runPrograms([dirtying()], { config: { frames: 64 } });
    expect(takeMemory(128)).toBeUndefined();
    const reused = bootMachine([], { config: { frames: 64 } });
    expect(takeMemory(64)).toBeUndefined(); // the kernel above took it
    expect([...reused.machine.memory.bytes]).toEqual(boot);
  });

  test('the same run twice, on a new buffer and on a reused one, gives the same result', () => {
    const programs = [program('programs/cow.s'), program('programs/swap.s')];
    takeMemory(48);
    const first = JSON.stringify(runPrograms(programs, { config: { frames: 48 } }));
    const again = JSON.stringify(runPrograms(programs, { config: { frames: 48 } }));
    expect(again).toBe(first);
  });

  test('memory above the limit is not kept', () => {
    const frames = MAX_POOLED_BYTES / 4096 + 1;
    runPrograms([program('programs/hello.s')], { config: { frames } });
    expect(takeMemory(frames)).toBeUndefined();
  });
});
