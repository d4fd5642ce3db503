// The mutants of `npm run mutate` are source edits applied to a copy of the
// tree (scripts/mutants.mjs). Each edit must still find its text exactly once
// in today's source, or the mutant would test nothing; this keeps them in
// step with refactors without running the slow mutation score.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { applyEdit, MUTANTS } from '../../scripts/mutants.mjs';

const ROOT = join(import.meta.dirname, '..', '..');

test('fifteen mutants, each named once', () => {
  expect(MUTANTS.map((m) => m.name)).toEqual([
    'munmap-no-invalidate', 'mprotect-no-invalidate', 'sbrk-shrink-no-invalidate', 'cow-break-no-invalidate',
    'evict-no-invalidate', 'no-zero-fill', 'unmap-no-decref', 'cow-write-shared', 'fork-no-cow', 'kernel-half-user',
    'write-no-pointer-check', 'read-no-pointer-check', 'asid-reuse-no-flush', 'switch-no-flush', 'free-shared-frame',
  ]);
});

describe.each(MUTANTS.map((m) => [m.name, m] as const))('%s', (_name, mutant) => {
  test('every edit finds its text exactly once and changes the file', () => {
    for (const edit of mutant.edits) {
      const source = readFileSync(join(ROOT, edit.file), 'utf8');
      const mutated = applyEdit(source, edit);
      expect(mutated).not.toBe(source);
      expect(mutated.length - source.length).toBe(edit.replace.length - edit.find.length);
    }
  });
});

test('an edit whose text is gone, or not unique, is refused', () => {
  const edit = { file: 'x.ts', find: 'a();', replace: '' };
  expect(() => applyEdit('b();', edit)).toThrow("x.ts: the text to mutate is gone: \"a();\"");
  expect(() => applyEdit('a(); a();', edit)).toThrow('x.ts: the text to mutate occurs more than once: "a();"');
  expect(applyEdit('a(); b();', edit)).toBe(' b();');
});

test('the product holds no mutant switch', () => {
  const files = ['asm', 'cpu', 'mmu', 'kernel', 'cli'].flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f)));
  expect(files.length).toBeGreaterThan(60);
  const switched = files.filter((f) => /mutant\(|ILLUSION_MUTANT/.test(readFileSync(join(ROOT, f), 'utf8')));
  expect(switched).toEqual([]);
});
