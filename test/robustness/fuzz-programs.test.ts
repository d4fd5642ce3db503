// Fuzzing with fixed seeds (issue 8): random well-formed programs, random
// instruction words, random text and image bytes, each run on a small
// checked machine (invariants and TLB audit after every trap, every TLB hit
// compared with the live table). Every run must end with every process
// exited or killed, no host exception, the invariants holding and nothing
// leaked; the same program run twice must give byte-identical JSON.
// `npm run fuzz` runs many more cases; a failure prints its (shrunk)
// program as assembly. Reproduce with the seed fast-check prints:
// ILLUSION_FUZZ_SEED=<seed> npm run fuzz.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { assemble, decodeImage, encodeImage } from '../../asm/index.js';
import { INSTRUCTIONS } from '../../cpu/isa.js';
import { assembleOrThrow, checkedRun, machineArb, programArb, render, runs, seed, snippet, withSource } from './fuzz.js';

describe('random well-formed programs', () => {
  test('end cleanly on a small checked machine, and run twice give identical JSON', () => {
    fc.assert(fc.property(programArb, machineArb, (snippets, config) => {
      const text = render(snippets);
      withSource(text, () => {
        const image = assembleOrThrow(text);
        const first = JSON.stringify(checkedRun([image], config));
        const second = JSON.stringify(checkedRun([image], config));
        expect(second).toBe(first);
      });
    }), { seed: seed(8001), includeErrorInReport: true, numRuns: runs(40) });
  });

  test('two random programs side by side end cleanly', () => {
    fc.assert(fc.property(programArb, programArb, machineArb, (a, b, config) => {
      const text = `${render(a)}\n; ---- second program ----\n${render(b)}`;
      withSource(text, () => {
        checkedRun([assembleOrThrow(render(a)), assembleOrThrow(render(b))], { ...config, maxProcs: 8 });
      });
    }), { seed: seed(8002), includeErrorInReport: true, numRuns: runs(15) });
  });

  test('a failing case is shrunk to a small program and printed as assembly', () => {
    // A deliberately failing property: "no program calls leaf". fast-check
    // must shrink the counterexample to the one snippet that does.
    let message = '';
    try {
      fc.assert(fc.property(programArb, (snippets) => {
        const text = render(snippets);
        withSource(text, () => expect(text.includes('call leaf')).toBe(false));
      }), { seed: 8003, numRuns: 200, includeErrorInReport: true });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('--- program (assembly) ---');
    const shrunk = message.slice(message.indexOf('--- program (assembly) ---'));
    const body = shrunk.slice(shrunk.indexOf('mv r13, r1'), shrunk.indexOf('li r1, 1'));
    const lines = body.trim().split('\n').map((l) => l.trim()).slice(1);
    expect(lines).toContain('call leaf');
    // From up to 30 random snippets down to one or two small ones.
    expect(lines.length, lines.join('\n')).toBeLessThanOrEqual(4);
  });
});

describe('random instruction words', () => {
  const opcodes = INSTRUCTIONS.map((i) => i.op as number);
  /** Mostly a legal opcode with random fields (reaching deeper than pure noise), sometimes any word. */
  const wordArb = fc.oneof(
    fc.tuple(fc.constantFrom(...opcodes), fc.integer({ min: 0, max: 0xffffff })).map(([op, rest]) => ((op << 24) | rest) >>> 0),
    fc.integer({ min: 0, max: 0xffffffff }),
  );
  test('never crash the host, break an invariant or leak', () => {
    fc.assert(fc.property(fc.array(wordArb, { minLength: 1, maxLength: 64 }), machineArb, (words, config) => {
      const text = [
        '_start:', '  la r10, buf', '  li r11, 0x7fdfe000', '  mv r12, r10',
        ...words.map((w) => `  .word 0x${w.toString(16)}`),
        '  li r1, 0', '  syscall', '.data', 'buf: .space 4096',
      ].join('\n');
      withSource(text, () => {
        const image = assembleOrThrow(text);
        expect(JSON.stringify(checkedRun([image], config))).toBe(JSON.stringify(checkedRun([image], config)));
      });
    }), { seed: seed(8004), includeErrorInReport: true, numRuns: runs(60) });
  });
});

describe('random text and bytes into the assembler and into run', () => {
  const pieces = fc.array(fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('li r1, 4\nsyscall\n', 'lw r2, 0(r3)\n', 'sw r1, -4(sp)\n', 'jal r0, 0\n', 'beq r0, r0, -1\n',
      '.data\n', '.bss\n', '.space 100000\n', '.word 0xffffffff\n', 'x: .asciz "a"\n', '_start:\n', 'syscall\n', 'brk\n', '\n'),
  ), { maxLength: 30 }).map((ps) => ps.join(''));

  test('random text: a clean error report or a program that runs cleanly', () => {
    fc.assert(fc.property(pieces, (text) => {
      const r = assemble(text, 'fuzz.s');
      if (!r.ok) {
        expect(r.errors.length).toBeGreaterThan(0);
        for (const e of r.errors) expect(e.message.length).toBeGreaterThan(0);
        return;
      }
      withSource(text, () => checkedRun([r.image], { frames: 32, maxProcs: 4 }));
    }), { seed: seed(8005), includeErrorInReport: true, numRuns: runs(80) });
  });

  test('random bytes as an image: a clean error, never a throw', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const r = decodeImage(bytes, 'fuzz.img');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/fuzz\.img/);
    }), { seed: seed(8006), includeErrorInReport: true, numRuns: runs(200) });
  });

  test('corrupted images that still decode run cleanly', () => {
    const good = encodeImage(assembleOrThrow(render([])));
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(good.length - 1), fc.nat(255)), { minLength: 1, maxLength: 6 }), (edits) => {
      const bytes = good.slice();
      for (const [at, v] of edits) bytes[at] = v;
      const r = decodeImage(bytes, 'x.img');
      if (r.ok) checkedRun([r.image], { frames: 32 });
    }), { seed: seed(8007), includeErrorInReport: true, numRuns: runs(80) });
  });
});

test('the program generator makes every kind of snippet assemble', () => {
  fc.assert(fc.property(fc.array(snippet, { minLength: 1, maxLength: 60 }), (s) => {
    assembleOrThrow(render(s));
  }), { seed: 8008, numRuns: 100 });
});
