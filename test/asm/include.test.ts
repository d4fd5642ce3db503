// `.include` and `.globl` (SPEC section 3): included text in place, paths
// relative to the including file, nesting, cycles named with their chain,
// errors at the included file's own path:line:column, and a line table that
// names the file of every line.
import { describe, expect, test } from 'vitest';
import { assemble, formatAsmError, locationOf, resolveIncludePath, type IncludeReader } from '../../asm/index.js';

/** Files held in a map, as the browser would hand them over. */
function reader(files: Record<string, string>): IncludeReader {
  return (name) => (Object.hasOwn(files, name) ? { ok: true, text: files[name]! } : { ok: false, message: 'no such file' });
}

function errors(main: string, files: Record<string, string>): string[] {
  const r = assemble(main, 'prog/main.s', { readInclude: reader(files) });
  if (r.ok) expect.fail('expected errors');
  return r.errors.map(formatAsmError);
}

describe('resolveIncludePath', () => {
  test.each([
    ['prog/main.s', 'lib/print.s', 'prog/lib/print.s'],
    ['prog/main.s', '../lib/print.s', 'lib/print.s'],
    ['main.s', './a.s', 'a.s'],
    ['/abs/main.s', 'x/../y.s', '/abs/y.s'],
    ['prog/main.s', '/etc/x.s', '/etc/x.s'],
    ['../up/main.s', '../b.s', '../b.s'],
  ])('%s includes %s: %s', (from, path, want) => {
    expect(resolveIncludePath(from, path)).toBe(want);
  });
});

describe('.include', () => {
  const files = {
    'prog/lib/print.s': '.text\nputs: li r1, 1\n  syscall\n  ret\n',
    'prog/lib/all.s': '.include "print.s"\n.include "../consts.s"\n',
    'prog/consts.s': '.equ CODE, 7\n',
  };

  test('the included lines stand in place of the line; the line table names their file', () => {
    const r = assemble('_start: call puts\n  li r2, CODE\n  halt\n.include "lib/all.s"\n', 'prog/main.s', { readInclude: reader(files) });
    if (!r.ok) expect.fail(r.errors.map(formatAsmError).join('\n'));
    const img = r.image;
    expect(img.symbols.map((s) => [s.name, s.value])).toEqual([['_start', 0x1000], ['puts', 0x100c], ['CODE', 7]]);
    expect(img.lines.map((l) => `${l.address.toString(16)} ${l.file}:${l.line}`)).toEqual([
      '1000 prog/main.s:1', '1004 prog/main.s:2', '1008 prog/main.s:3',
      '100c prog/lib/print.s:2', '1010 prog/lib/print.s:3', '1014 prog/lib/print.s:4',
    ]);
    expect(locationOf(img, 0x1010)).toBe('prog/lib/print.s:3');
    expect(locationOf(img, 0x1004)).toBe('prog/main.s:2');
    expect(locationOf(img, 0x1018)).toBeUndefined();
  });

  test('a label on the include line marks where the included text starts', () => {
    const r = assemble('nop\nlib: .include "lib/print.s"\n', 'prog/main.s', { readInclude: reader(files) });
    if (!r.ok) expect.fail('expected an image');
    expect(r.image.symbols.map((s) => [s.name, s.value])).toEqual([['lib', 0x1004], ['puts', 0x1004]]);
  });

  test('a file that includes itself, directly or through others, is an error naming the chain', () => {
    expect(errors('.include "a.s"\n', { 'prog/a.s': 'nop\n.include "b.s"\n', 'prog/b.s': '.include "a.s"\n' })).toEqual([
      "prog/b.s:1:10: 'prog/a.s' includes itself: prog/a.s -> prog/b.s -> prog/a.s",
    ]);
    expect(errors('nop\n.include "main.s"\n', {})).toEqual([
      "prog/main.s:2:10: 'prog/main.s' includes itself: prog/main.s -> prog/main.s",
    ]);
    const r = assemble('nop\n.include "a.s"\n', './a.s', { readInclude: reader({ 'a.s': 'nop\n.include "a.s"\n' }) });
    expect(r.ok ? [] : r.errors.map(formatAsmError)).toEqual(["./a.s:2:10: 'a.s' includes itself: a.s -> a.s"]);
  });

  test('a missing file is an error at the .include line', () => {
    expect(errors('nop\n  .include "nope.s"\nhalt\n', {})).toEqual(["prog/main.s:2:12: cannot include 'prog/nope.s': no such file"]);
  });

  // Found by dbg23: a program copied out of programs/ keeps its .include "lib/print.s", which then is not beside it.
  test("a missing lib/print.s says where illusion's own library is", () => {
    expect(errors('.include "lib/print.s"\n', {})).toEqual([
      "prog/main.s:1:10: cannot include 'prog/lib/print.s': no such file (the path is relative to the including file's folder; illusion's own print library is programs/lib/print.s: copy it to prog/lib/print.s (where this .include looks), or include it by its own path)",
    ]);
    // Before, '.include "print.s"' was also told to copy it into a lib/ folder, where this include does not look.
    expect(errors('.include "print.s"\n', {})).toEqual([
      "prog/main.s:1:10: cannot include 'prog/print.s': no such file (the path is relative to the including file's folder; illusion's own print library is programs/lib/print.s: copy it to prog/print.s (where this .include looks), or include it by its own path)",
    ]);
  });

  // The lead (after dbg23): the browser has no folders to copy a file into; its reader says which files it offers.
  test('a reader without a file system (the browser) names the offered file by the path that reaches it, and says nothing of copying', () => {
    const offered: IncludeReader = (name) => (name === 'lib/print.s' ? { ok: true, text: 'nop\n' }
      : { ok: false, message: 'the page has only lib/print.s and lib/check.s to include', offers: ['lib/print.s', 'lib/check.s'] });
    const failing = (file: string, include: string): string[] => {
      const r = assemble(`.include "${include}"\n`, file, { readInclude: offered });
      return r.ok ? [] : r.errors.map((e) => formatAsmError(e));
    };
    expect(failing('measure/x.s', 'lib/print.s')).toEqual([
      "measure/x.s:1:10: cannot include 'measure/lib/print.s': the page has only lib/print.s and lib/check.s to include (the path is relative to the including file's folder: from measure/x.s write .include \"../lib/print.s\")",
    ]);
    expect(failing('prog.s', '../lib/check.s')).toEqual([
      "prog.s:1:10: cannot include '../lib/check.s': the page has only lib/print.s and lib/check.s to include (the path is relative to the including file's folder: from prog.s write .include \"lib/check.s\")",
    ]);
    expect(failing('prog.s', 'lib/prnt.s')).toEqual([
      "prog.s:1:10: cannot include 'lib/prnt.s': the page has only lib/print.s and lib/check.s to include",
    ]);
  });

  test('errors inside an included file are reported at its own path:line:column, in order with the others', () => {
    expect(errors('adi r1, r0, 1\n.include "lib/bad.s"\nj nowhere\n', { 'prog/lib/bad.s': '; a comment\n  lw r1, r2\nx: nop\nx: nop\n' })).toEqual([
      "prog/main.s:1:1: unknown instruction 'adi'; did you mean 'addi'?",
      "prog/lib/bad.s:2:10: 'lw' takes 'rd, imm(rs1)'; operand 2 should be a memory operand like 8(sp); for the word r2 points to write 'lw r1, 0(r2)'",
      "prog/lib/bad.s:4:1: duplicate symbol 'x': first defined on line 3",
      "prog/main.s:3:3: undefined symbol 'nowhere'",
    ]);
  });

  test('a duplicate across files names the other file', () => {
    expect(errors('x: nop\n.include "x.s"\n', { 'prog/x.s': 'x: halt\n' })).toEqual([
      "prog/x.s:1:1: duplicate symbol 'x': first defined on prog/main.s:1",
    ]);
  });

  // An include that failed, sorted by line, came after every undefined symbol it caused: each of those now names it.
  test('undefined symbols after a failed .include name the file that was not included', () => {
    expect(errors('  call puts\n  call putz\n  halt\n  .include "lib/print.s"\nput: nop\n', {})).toEqual([
      "prog/main.s:1:8: undefined symbol 'puts' (perhaps defined in 'prog/lib/print.s', which was not included: line 4); did you mean 'put'?",
      "prog/main.s:2:8: undefined symbol 'putz' (perhaps defined in 'prog/lib/print.s', which was not included: line 4); did you mean 'put'?",
      expect.stringMatching(/^prog\/main\.s:4:12: cannot include 'prog\/lib\/print\.s': no such file/),
    ]);
    // From an included file, the failed include is named by its own file and line.
    expect(errors('  .include "a.s"\n  call f\n  halt\n', { 'prog/a.s': 'nop\n.include "b.s"\n' })).toEqual([
      "prog/a.s:2:10: cannot include 'prog/b.s': no such file",
      "prog/main.s:2:8: undefined symbol 'f' (perhaps defined in 'prog/b.s', which was not included: prog/a.s:2)",
    ]);
    // Every include carried out: the message is the plain one.
    expect(errors('  call f\n  halt\n', {})).toEqual(["prog/main.s:1:8: undefined symbol 'f'"]);
  });

  // Found by dbg23: a library included twice named its own line as the first definition ('first defined on line 2' at line 2).
  test('a file included twice: the duplicate says so', () => {
    expect(errors('.include "lib/m.s"\n.include "lib/m.s"\n', { 'prog/lib/m.s': '; my library\nputs: ret\n' })).toEqual([
      "prog/lib/m.s:2:1: duplicate symbol 'puts': first defined on line 2 of an earlier .include of prog/lib/m.s: a file included twice defines its labels twice (there is no include guard)",
    ]);
  });

  test('malformed .include, and .include with no reader', () => {
    expect(errors('.include lib\n', {})).toEqual([`prog/main.s:1:1: '.include' takes one file name in double quotes, like .include "lib/print.s"`]);
    const r = assemble('.include "x.s"\n', 'm.s');
    expect(r.ok ? [] : r.errors.map(formatAsmError)).toEqual(["m.s:1:10: cannot include 'x.s': this assembler was given no way to read files"]);
  });

  test('a chain of distinct files deeper than 64 stops with an error', () => {
    const chain: Record<string, string> = {};
    for (let i = 0; i < 70; i++) chain[`prog/f${i}.s`] = `.include "f${i + 1}.s"\n`;
    expect(errors('.include "f0.s"\n', chain)).toEqual(["prog/f63.s:1:10: includes nest more than 64 deep"]);
  });
});

describe('.globl', () => {
  test('is accepted and changes nothing', () => {
    const a = assemble('.globl _start\n_start: halt\n.bss\n.globl buf, _start\nbuf: .space 4\n', 't.s');
    const b = assemble('\n_start: halt\n.bss\n\nbuf: .space 4\n', 't.s');
    expect(a).toEqual(b);
  });
  test('needs a name', () => {
    const r = assemble('.globl 5\n', 't.s');
    expect(r.ok ? [] : r.errors.map(formatAsmError)).toEqual(["t.s:1:8: '.globl' takes a symbol name, like .globl _start"]);
  });
});
