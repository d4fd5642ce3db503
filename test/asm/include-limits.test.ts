// How much `.include` may expand: a few files each including the next twice
// grow as 2^n (attack23's 31 files of two lines: 2^30 lines, a minute and
// 2 GB before any word). At most MAX_INCLUDES includes are carried out; the
// one past the limit is the error, at its own file:line:column, once.
import { expect, test } from 'vitest';
import { assemble, formatAsmError, MAX_INCLUDES, type IncludeReader } from '../../asm/index.js';

function reader(files: Record<string, string>): IncludeReader {
  return (name) => (Object.hasOwn(files, name) ? { ok: true, text: files[name]! } : { ok: false, message: 'no such file' });
}

test('an include bomb stops at the limit with one error where it crossed it', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 30; i++) files[`b${i}.s`] = `.include "b${i + 1}.s"\n.include "b${i + 1}.s"\n`;
  files['b30.s'] = 'nop\nnop\n';
  let reads = 0;
  const read = reader(files);
  const r = assemble('_start: li r1, 0\n.include "b0.s"\n  li r2, 0\n  syscall\n', 'main.s', { readInclude: (n) => { reads++; return read(n); } });
  if (r.ok) expect.fail('expected the limit');
  expect(r.errors.map(formatAsmError)).toEqual([
    expect.stringMatching(new RegExp(`^b\\d+\\.s:2:10: more than ${MAX_INCLUDES} \\.include lines carried out in one program \\(the same files included again and again, each copy including more\\?\\); 'b\\d+\\.s' is not included here, nor any after it$`)),
  ]);
  expect(reads).toBe(MAX_INCLUDES);
});

test('up to the limit, includes are carried out: a file included MAX_INCLUDES times', () => {
  const main = ['_start:', ...Array.from({ length: MAX_INCLUDES }, () => '.include "step.s"'), '  li r1, 0', '  li r2, 0', '  syscall', ''].join('\n');
  const r = assemble(main, 'main.s', { readInclude: reader({ 'step.s': '  addi r5, r5, 1\n' }) });
  if (!r.ok) expect.fail(r.errors.map(formatAsmError).join('\n'));
  expect(r.image.text.length).toBe(4 * (MAX_INCLUDES + 3));
});

test('one more include than that is refused, at the line of the one too many', () => {
  const main = ['_start:', ...Array.from({ length: MAX_INCLUDES + 1 }, () => '.include "step.s"'), ''].join('\n');
  const r = assemble(main, 'main.s', { readInclude: reader({ 'step.s': '  addi r5, r5, 1\n' }) });
  if (r.ok) expect.fail('expected the limit');
  expect(r.errors.map(formatAsmError)).toEqual([
    `main.s:${MAX_INCLUDES + 2}:10: more than ${MAX_INCLUDES} .include lines carried out in one program (the same files included again and again, each copy including more?); 'step.s' is not included here, nor any after it`,
  ]);
});
