// The JavaScript baselines: the register loop and the memory loop of
// programs/bench/regloop.s and memloop.s written directly in JavaScript (a
// plain loop over int32 locals, a plain typed-array loop), so that every
// guest figure can also be given as a fraction of what the host does with
// no interpreter in between; and the bare interpreter (bench/bareInterpreter.ts),
// the ceiling a switch interpreter without an MMU sets on the dispatch loop.
import { bareInterpreterCase } from './bareInterpreter.js';
import type { BaselineKind, BenchCase } from './measure.js';

/** regloop.s: 2,000,000 xorshift32 iterations, 9 guest instructions each. */
export const REGISTER_ITERATIONS = 2_000_000;
export const REGISTER_INSTRUCTIONS_PER_ITERATION = 9;
const REGISTER_EXPECTED = { x: 0xe15fe735 | 0, sum: 0x95032357 | 0 };

/** memloop.s: 200 passes over 16384 words, 5 guest instructions a word. */
const MEMORY_WORDS = 16_384;
const MEMORY_PASSES = 200;
export const MEMORY_ITERATIONS = MEMORY_WORDS * MEMORY_PASSES;
export const MEMORY_INSTRUCTIONS_PER_ITERATION = 5;
const MEMORY_EXPECTED = (MEMORY_PASSES * (MEMORY_PASSES + 1)) / 2;

export function registerLoop(): number {
  let x = 1;
  let sum = 0;
  for (let i = REGISTER_ITERATIONS; i !== 0; i--) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    sum = (sum + x) | 0;
  }
  return x === REGISTER_EXPECTED.x && sum === REGISTER_EXPECTED.sum ? 1 : 0;
}

export function memoryLoop(array: Int32Array): number {
  array.fill(0);
  for (let k = 1; k <= MEMORY_PASSES; k++) {
    for (let i = 0; i < MEMORY_WORDS; i++) array[i] = (array[i]! + k) | 0;
  }
  for (let i = 0; i < MEMORY_WORDS; i++) if (array[i] !== MEMORY_EXPECTED) return 0;
  return 1;
}

/** Loop iterations and equivalent guest instructions of one call of each baseline. */
export const BASELINE_WORK: Record<BaselineKind, { iterations: number; instructionsPerIteration: number }> = {
  register: { iterations: REGISTER_ITERATIONS, instructionsPerIteration: REGISTER_INSTRUCTIONS_PER_ITERATION },
  memory: { iterations: MEMORY_ITERATIONS, instructionsPerIteration: MEMORY_INSTRUCTIONS_PER_ITERATION },
};

export function baselineCases(): BenchCase[] {
  const none = { instructions: 0, cycles: 0, counters: {} };
  return [
    {
      id: 'baseline.register', name: 'js baseline: register loop (regloop.s in JS)', group: 'baseline', baseline: 'register', length: 'long',
      prepare: () => {
        if (registerLoop() !== 1) throw new Error('register baseline computed a wrong answer');
        return { body: () => { if (registerLoop() !== 1) throw new Error('register baseline: wrong answer'); }, facts: none };
      },
    },
    {
      id: 'baseline.memory', name: 'js baseline: memory loop (memloop.s in JS)', group: 'baseline', baseline: 'memory', length: 'long',
      prepare: () => {
        const array = new Int32Array(MEMORY_WORDS);
        if (memoryLoop(array) !== 1) throw new Error('memory baseline computed a wrong answer');
        return { body: () => { if (memoryLoop(array) !== 1) throw new Error('memory baseline: wrong answer'); }, facts: none };
      },
    },
    bareInterpreterCase(),
  ];
}
