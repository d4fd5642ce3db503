// One test per kind of assembler error, each checking the exact
// `file:line:column: message` a user sees.
import { describe, expect, test } from 'vitest';
import { build, errorsOf } from './helpers.js';

const CASES: readonly [kind: string, source: string, expected: string][] = [
  ['unknown mnemonic', 'adi r1, r0, 5', "t.s:1:1: unknown instruction 'adi'; did you mean 'addi'?"],
  ['unknown mnemonic, no close match', '  frobnicate r1', "t.s:1:3: unknown instruction 'frobnicate'"],
  // The suggestion fits the operands (before, 'addd r6, r6, 1' was told 'add', which takes no immediate; 'sbb r1, 0(r2)' 'sub').
  // A branch against a number: before, only 'operand 2 should be a register'.
  ['branch against zero', 'beq r1, 0, l\nl: nop', "t.s:1:9: 'beq' takes 'rs1, rs2, label'; operand 2 should be a register; a branch compares two registers: for zero write 'beq r1, r0, l' (or 'beqz r1, l')"],
  ['pseudo-branch against zero', 'ble r2, 0, l\nl: nop', "t.s:1:9: 'ble' takes 'rs1, rs2, label'; operand 2 should be a register; a branch compares two registers: for zero write 'ble r2, r0, l'"],
  ['branch against a number', 'blt r1, 10, l\nl: nop', "t.s:1:9: 'blt' takes 'rs1, rs2, label'; operand 2 should be a register; a branch compares two registers: load 10 into a spare register first ('li REG, 10'), then write 'blt r1, REG, l'"],
  // MIPS/RISC-V shift names: before, 'sll r1, r1, 2' was told 'shl', which takes no count.
  ['shift of another assembler', 'sll r1, r1, 2', "t.s:1:1: unknown instruction 'sll'; the shifts here are 'shl'/'shli' (left), 'shr'/'shri' (logical right) and 'sra'/'srai' (arithmetic right): write 'shli' for a count in the instruction, 'shl' for one in a register"],
  ['arithmetic shift of another assembler', 'asr r1, r1, 2', "t.s:1:1: unknown instruction 'asr'; the shifts here are 'shl'/'shli' (left), 'shr'/'shri' (logical right) and 'sra'/'srai' (arithmetic right): write 'srai' for a count in the instruction, 'sra' for one in a register"],
  // A letter typed twice: before, 'lii' (as close to 'lui' as to 'li') got 'lui'.
  ['unknown mnemonic, a letter typed twice', 'lii r1, 5', "t.s:1:1: unknown instruction 'lii'; did you mean 'li'?"],
  ['unknown mnemonic, immediate operand', 'addd r6, r6, 1', "t.s:1:1: unknown instruction 'addd'; did you mean 'addi'?"],
  ['unknown mnemonic, register operand', 'addd r6, r6, r7', "t.s:1:1: unknown instruction 'addd'; did you mean 'add'?"],
  ['unknown mnemonic, memory operand', 'sbb r1, 0(r2)', "t.s:1:1: unknown instruction 'sbb'; did you mean 'sb'?"],
  ['unknown mnemonic, nothing close fits the operands', 'subb r1, r1, 3', "t.s:1:1: unknown instruction 'subb'; did you mean 'sub'?"],
  ['wrong operand count', 'lw r1, r2, 3', "t.s:1:1: 'lw' takes 'rd, imm(rs1)'; found 3 operands; the offset and the base register are one operand: 'lw r1, 3(r2)'"],
  ['wrong operand count, no hint', 'add r1, r2', "t.s:1:1: 'add' takes 'rd, rs1, rs2'; found 2 operands"],
  ['wrong operand kind', 'lw r1, r2', "t.s:1:8: 'lw' takes 'rd, imm(rs1)'; operand 2 should be a memory operand like 8(sp); for the word r2 points to write 'lw r1, 0(r2)'"],
  ['register where a value goes', 'addi r1, r2, r3', "t.s:1:14: 'addi' takes 'rd, rs1, imm'; operand 3 should be a number or constant, not a register"],
  ['operands on a no-operand instruction', 'ret r1', "t.s:1:1: 'ret' takes no operands; found 1 operand"],
  ['two forms', 'jalr r1', "t.s:1:1: 'jalr' takes 'rd, rs1, imm' or 'rd, imm(rs1)'; found 1 operand"],
  ['unknown register', 'add r1, r2, r16', 't.s:1:13: r16 is not a register; registers are r0..r15, zero, fp, sp, ra'],
  ['unknown base register', 'lw r1, 4(foo)', 't.s:1:10: foo is not a register; registers are r0..r15, zero, fp, sp, ra'],
  // Found by student28b: RISC-V's and MIPS's register names got only the list of this machine's.
  ['an argument register of RISC-V or MIPS', 'li a0, 5', "t.s:1:4: a0 is not a register; registers are r0..r15, zero, fp, sp, ra; a0 is RISC-V's or MIPS's name: here a system call takes its number in r1 and its arguments in r2, r3, r4, and returns in r1 (docs/abi.md)"],
  ['a temporary register of RISC-V or MIPS as a base', 'lw r1, 0(t0)', "t.s:1:10: t0 is not a register; registers are r0..r15, zero, fp, sp, ra; t0 is RISC-V's or MIPS's name: here r5..r12 are free for a program's own use (docs/abi.md)"],
  ['a RISC-V register by number', 'add x5, x6, x7', "t.s:1:5: x5 is not a register; registers are r0..r15, zero, fp, sp, ra; RISC-V's x5 is r5 here"],
  ['undefined symbol', 'j lop\nloop: nop', "t.s:1:3: undefined symbol 'lop'; did you mean 'loop'?"],
  // Found by student28b: 'call exit' got only "undefined symbol 'exit'": a system call is no label.
  ['a system call called as a label', '_start: call exit', "t.s:1:14: undefined symbol 'exit'; exit is system call 0, not a label: 'li r1, 0', code in r2, then 'syscall' (docs/abi.md lists the calls)"],
  ['a system call with three arguments called as a label', 'jal ra, write', "t.s:1:9: undefined symbol 'write'; write is system call 1, not a label: 'li r1, 1', fd in r2, buf in r3, len in r4, then 'syscall' (docs/abi.md lists the calls)"],
  // Found by student28b: 'call puts' without the include got only "undefined symbol 'puts'".
  ['a routine of the print library, not included', 'call puts', "t.s:1:6: undefined symbol 'puts'; puts is a routine of illusion's print library, programs/lib/print.s: include it with '.include \"PATH\"' (a path relative to this file, lib/print.s for a program in programs/)"],
  ['a system call without arguments, as C names it', 'call _getpid', "t.s:1:6: undefined symbol '_getpid'; getpid is system call 3, not a label: 'li r1, 3', then 'syscall' (docs/abi.md lists the calls)"],
  ['duplicate symbol', 'x: nop\n\nx: nop', "t.s:3:1: duplicate symbol 'x': first defined on line 1"],
  ['duplicate .equ and label', '.equ x, 1\nx: nop', "t.s:2:1: duplicate symbol 'x': first defined on line 1"],
  ['signed immediate out of range', 'addi r1, r0, 40000', "t.s:1:14: immediate 40000 is out of range for 'addi': allowed -32768..32767; to load a value this large write 'li r1, 40000'"],
  ['unsigned immediate out of range', 'andi r1, r0, -1', "t.s:1:14: immediate -1 is out of range for 'andi': allowed 0..65535 (0xffff); its value is zero-extended: for the low 16 bits of -1 write 0xffff"],
  ['shift out of range', 'shli r1, r1, 32', "t.s:1:14: immediate 32 is out of range for 'shli': allowed 0..31"],
  ['load offset out of range', 'lw r1, 32768(r2)', "t.s:1:8: immediate 32768 is out of range for 'lw': allowed -32768..32767"],
  // attack25: a character outside the BMP is two UTF-16 units; the message printed half of it (a lone surrogate, shown as U+FFFD).
  ['a character outside the BMP, named whole', 'l\u{1F600}: nop', "t.s:1:2: unexpected '\u{1F600}'; expected the end of the line or ':'"],
  ['li out of range', 'li r1, 0x100000000', "t.s:1:8: value 4294967296 is out of range for 'li': allowed -2147483648..4294967295"],
  ['branch out of range', 'bge r1, r2, 0x21004',
    "t.s:1:13: target 0x00021004 is too far for 'bge': 32768 words from the next instruction, allowed -32768..32767"],
  ['jal out of range', 'jal r0, 0x201004',
    "t.s:1:9: target 0x00201004 is too far for 'jal': 524288 words from the next instruction, allowed -524288..524287"],
  ['pseudo branch out of range', 'beqz r1, 0x21004',
    "t.s:1:10: target 0x00021004 is too far for 'beqz': 32768 words from the next instruction, allowed -32768..32767"],
  ['misaligned target', 'beq r1, r2, loop + 2\nloop: nop', "t.s:1:13: target 0x00001006 of 'beq' is not a multiple of 4; instructions are 4-aligned"],
  ['unknown directive', '.wrod 5', "t.s:1:1: unknown directive '.wrod'; did you mean '.word'?"],
  ['directive operands', '.text 5', "t.s:1:7: '.text' takes no operands"],
  ['string in .word', '.word "s"', "t.s:1:7: '.word' takes numbers or labels; use '.ascii' for strings"],
  ['bad .equ', '.equ 5, 6', "t.s:1:1: '.equ' takes 'NAME, value', like '.equ SIZE, 64'"],
  ['.equ cycle', '.equ A, B\n.equ B, A', "t.s:1:6: '.equ A' depends on itself: A -> B -> A"],
  ['.byte out of range', '.byte 256', "t.s:1:7: value 256 does not fit in '.byte': allowed -128..255"],
  ['.word out of range', '.word -2147483649', "t.s:1:7: value -2147483649 does not fit in '.word': allowed -2147483648..4294967295"],
  ['unaligned .word', 'nop\n.data\n.byte 1\n.word 2', "t.s:4:1: '.word' at unaligned address 0x00002001; add '.align 4' before it"],
  ['unaligned instruction', '.byte 1\nnop', "t.s:2:1: 'nop' at unaligned address 0x00001001, after the data on line 1; move the data to .data, or add '.align 4' before it"],
  ['.align not a power of two', '.align 3', "t.s:1:8: '.align' takes a power of two from 1 to 4096 (bytes), not 3"],
  ['.space negative', '.space -1', "t.s:1:8: '.space' takes a byte count from 0 to 2145386496, not -1"],
  ['.space needs a constant', '.space x\nx:', "t.s:1:8: '.space' needs a value known before layout: a number or a .equ constant that uses no labels"],
  ['huge .data', '.data\n.space 0x4000001', "t.s:2:1: section .data would be larger than 67108864 bytes; put large zero-filled areas in .bss"],
  ['program too large', '.bss\n.space 0x7fe00000',
    "t.s:2:1: '.space' here makes the program end at 0x7fe01000; programs must end by 0x7fe00000, where the mmap area starts"],
  ['load from a label (no absolute mode): hint', '.data\nx: .word 1\n.text\nlw r1, x',
    "t.s:4:8: 'lw' takes 'rd, imm(rs1)'; operand 2 should be a memory operand like 8(sp); for the word at x write 'x(r0)' (an address below 0x8000), or put the address in a register with 'la r2, x' and use '0(r2)'"],
  ['store to an address: hint with li', 'sw r1, 0x9000',
    "t.s:1:8: 'sw' takes 'rs2, imm(rs1)'; operand 2 should be a memory operand like 8(sp); for the word at 0x9000 write '0x9000(r0)' (an address below 0x8000), or put the address in a register with 'li r2, 0x9000' and use '0(r2)'"],
  ['jr: hint', '  jr ra', "t.s:1:3: unknown instruction 'jr'; to jump to the address in a register write 'jalr r0, 0(rs)' ('ret' for 'jr ra')"],
  ['.section .rodata: which sections exist', '.section .rodata',
    "t.s:1:1: unknown directive '.section'; the sections are .text, .data and .bss, each switched to by its own directive (there is no .rodata: put constants in .data)"],
  ['.section .data: write .data', 'x: .section .data',
    "t.s:1:4: unknown directive '.section'; write '.data' alone: the sections are .text, .data and .bss, each switched to by its own directive"],
  ['.global: write .globl', '.global _start', "t.s:1:1: unknown directive '.global'; write '.globl'"],
  ['.half: no 16-bit directive', '.data\nx: .half 3', "t.s:2:4: unknown directive '.half'; there is no 16-bit data directive: write the two bytes with .byte (low byte first: the machine is little-endian), or use a .word"],
  ['.short: the same', '.data\n.short 3, 4', "t.s:2:1: unknown directive '.short'; there is no 16-bit data directive: write the two bytes with .byte (low byte first: the machine is little-endian), or use a .word"],
  ['a control byte is named, not echoed', 'nop \x01', "t.s:1:5: unexpected control character 0x01; expected the end of the line or ':'"],
  ['.space past the address space, at its own line', 'nop\n.bss\nbuf: .space 16\nbig: .space 0x7fdfe000\n.space 4',
    "t.s:4:6: '.space' here makes the program end at 0x7fe00010; programs must end by 0x7fe00000, where the mmap area starts"],
  ['data in .bss', '.bss\n.word 1', "t.s:2:1: '.word' cannot be used in .bss: .bss holds only labels, .space and .align (it takes no room in the image)"],
  ['instruction in .bss', '.bss\nnop', "t.s:2:1: 'nop' cannot be used in .bss: .bss holds only labels, .space and .align (it takes no room in the image)"],
  ['_start in .bss', '.bss\n_start: .space 4', "t.s:2:1: '_start' must be a label in .text or .data: it is where the program starts"],
  ['register as a label', 'sp: nop', "t.s:1:1: 'sp' is a register name; choose another name for the label"],
  ['unterminated string', '.ascii "abc', `t.s:1:8: unterminated string: add a closing '"'`],
  ['bad character literal', "li r1, 'ab'", "t.s:1:8: bad character literal: write one character between single quotes, like 'a' or '\\n'"],
  ['bad escape', "li r1, '\\q'", "t.s:1:9: unknown escape '\\q'; the escapes are \\n \\t \\r \\0 \\\\ \\' \\\""],
  ['bad number', 'li r1, 12abc', "t.s:1:8: bad number '12abc': write decimal (42), hex (0x2a) or binary (0b101010)"],
  ['bad hex number', 'li r1, 0xfg', "t.s:1:8: bad number '0xfg': write decimal (42), hex (0x2a) or binary (0b101010)"],
  ['number too large', '.word 99999999999999999999', "t.s:1:7: number '99999999999999999999' is too large"],
  ['missing comma', 'add r1 r2', "t.s:1:8: unexpected 'r2'; expected ',' or the end of the line"],
  ['missing operand', 'add r1, , r2',
    "t.s:1:9: unexpected ','; expected an operand: a register, a number, a label, a character like 'a', a string or a memory operand like 8(sp)"],
  ['stray character', 'x: @', "t.s:1:4: unexpected '@'; expected an instruction, a directive or a label"],
];

describe('each error kind', () => {
  test.each(CASES)('%s', (_kind, source, expected) => {
    expect(errorsOf(source)).toEqual([expected]);
  });
});

test('every error of a file is reported, in line order, and good lines in between do not hide them', () => {
  const source = [
    'start: foo r1',          // 1: unknown instruction
    '  addi r1, r0, 1',       // 2: fine
    '  add r1, r2, r99',      // 3: bad register
    '  .word 1, 2 3',         // 4: syntax error
    '  beq r1, r2, nowhere',  // 5: undefined symbol
    '  li r2, "x',            // 6: unterminated string
    'start: nop',             // 7: duplicate
    '  addi r1, r1, 99999',   // 8: range
  ].join('\n');
  expect(errorsOf(source, 'many.s')).toEqual([
    "many.s:1:8: unknown instruction 'foo'",
    'many.s:3:15: r99 is not a register; registers are r0..r15, zero, fp, sp, ra',
    "many.s:4:14: unexpected '3'; expected ',' or the end of the line",
    "many.s:5:15: undefined symbol 'nowhere'",
    `many.s:6:10: unterminated string: add a closing '"'`,
    "many.s:7:1: duplicate symbol 'start': first defined on line 1",
    "many.s:8:16: immediate 99999 is out of range for 'addi': allowed -32768..32767; put the value in a register with 'li' first, then use 'add'",
  ]);
});

// Found by hand (explore19): a line that ends where more was expected read
// "unexpected the end of the line".
describe('a line that ends too early', () => {
  test('a memory operand without its closing parenthesis', () => {
    expect(errorsOf('lw r1, 3(r2')).toEqual(["t.s:1:12: unexpected end of the line; expected ')'"]);
  });
  test('a list that ends on a comma', () => {
    expect(errorsOf('.byte 1,')).toEqual([
      "t.s:1:9: unexpected end of the line; expected an operand: a register, a number, a label, a character like 'a', a string or a memory operand like 8(sp)",
    ]);
  });
});

// A student writes the arithmetic of other assemblers (4096*PAGES); the
// language has + and - only (SPEC section 3), and the message says so.
describe('operators the language does not have', () => {
  const END = 'the end of the line';
  test.each([
    ['li r2, 4096*PAGES', 12, '*', END],
    ['li r2, PAGES * 4096', 14, '*', "',' or the end of the line"],
    ['addi r1, r1, SIZE/4', 18, '/', END],
    ['li r3, 1<<12', 9, '<<', END],
    ['li r3, MASK & 0xff', 13, '&', "',' or the end of the line"],
    ['lw r1, 4*2(sp)', 9, '*', END],
  ])('%s', (line, column, op, expected) => {
    expect(errorsOf(line)).toEqual([
      `t.s:1:${column}: unexpected '${op[0]}'; expected ${expected}; expressions take only + and -, not '${op}': write the value (or an .equ of it) instead`,
    ]);
  });

  test('no such hint where no expression came before the character', () => {
    expect(errorsOf('li r2, *4')).toEqual([expect.not.stringContaining('expressions take only')]);
    expect(errorsOf('* nothing')).toEqual([expect.not.stringContaining('expressions take only')]);
  });
});

// A student from C ends a line with `// comment`; it used to get the
// division hint above, which sends them to look for an expression.
describe('a C comment', () => {
  test.each([
    ['li r1, 0   // exit code', 12, "',' or the end of the line"],
    ['// the whole line', 1, 'the end of the line'],
    ['syscall // done', 9, "the end of the line or ':'"],
  ])('%s', (line, column, expected) => {
    expect(errorsOf(line)).toEqual([`t.s:1:${column}: unexpected '/'; expected ${expected}; comments start with ';' or '#', not '//'`]);
  });

  test('a single / after an operand is still the division hint', () => {
    expect(errorsOf('li r1, 8/2')).toEqual([expect.stringContaining("expressions take only + and -, not '/'")]);
  });
});

// Found by explore19: a label past 0x7fff used as an offset (`lw r1, far(r0)`) was
// refused as an out-of-range immediate with no word on what to write instead.
describe('a label too far for an offset', () => {
  const far = (line: string) => errorsOf(`_start: ${line}\n        .data\n        .space 40000\nfar:    .word 5`);
  test.each([
    ['lw r1, far(r0)', 16, 'lw', 48192, 'far'],
    ['sb r3, far + 4(r0)', 16, 'sb', 48196, 'far + 4'],
  ])('%s', (line, column, op, value, text) => {
    expect(far(line)).toEqual([
      `t.s:1:${column}: immediate ${value} is out of range for '${op}': allowed -32768..32767; '${text}' is an address, too far for an offset: put it in a register with 'la r2, ${text}' and use '0(r2)'`,
    ]);
  });
  test('a plain number too big stays the plain message', () => {
    expect(far('lw r2, 40000(r0)')).toEqual(["t.s:1:16: immediate 40000 is out of range for 'lw': allowed -32768..32767"]);
  });
});

// Found by dbg23, writing programs as a beginner from another assembler: a
// line that does not parse says what to write here instead.
describe('what a beginner brings from other assemblers', () => {
  test.each([
    ['a MIPS register name', 'addi $t0, $t0, 1',
      "t.s:1:6: $t0 is not a register; registers are r0..r15, zero, fp, sp, ra, written without '$'; t0 is RISC-V's or MIPS's name: here r5..r12 are free for a program's own use (docs/abi.md)"],
    ['a register written with $', 'add r1, r2, $r3', "t.s:1:13: $r3 is not a register; write 'r3', without the '$'"],
    ['a base register written with $', 'lw r1, 4($sp)', "t.s:1:10: $sp is not a register; write 'sp', without the '$'"],
    ['an immediate written with #', 'addi r1, r1, #4',
      "t.s:1:14: '#' starts a comment, so the operand after it is missing; write the value without '#': '4'"],
    ['a memory offset written with #', 'lw r1, #8(sp)',
      "t.s:1:8: '#' starts a comment, so the operand after it is missing; write the value without '#': '8(sp)'"],
    ['a comment after a trailing comma is not taken for an immediate', 'add r1, r2, #the sum',
      "t.s:1:21: unexpected end of the line; expected an operand: a register, a number, a label, a character like 'a', a string or a memory operand like 8(sp)"],
    ['a C block comment', 'li r2, 0   /* code */',
      "t.s:1:12: unexpected '/'; expected ',' or the end of the line; comments start with ';' or '#', not '/*'"],
    ['a label without its colon', '_start  li   r1, 0',
      "t.s:1:1: unknown instruction '_start'; if it is a label, write '_start:' (a label ends with a colon)"],
    ['a constant defined with =', 'N = 5',
      "t.s:1:3: unexpected '='; expected the end of the line or ':'; to define a constant write '.equ N, 5'"],
    ['an .include without quotes', '.include lib/print.s',
      "t.s:1:10: '.include' takes one file name in double quotes, like .include \"lib/print.s\""],
    ['a string in single quotes', ".data\nmsg: .ascii 'hello\\n'",
      "t.s:2:13: single quotes hold one character, like 'a'; a string takes double quotes, like \"hello\\n\""],
    ['a memory operand in brackets', 'lw r1, [sp+4]',
      "t.s:1:8: unexpected '['; expected an operand: a register, a number, a label, a character like 'a', a string or a memory operand like 8(sp); a memory operand is written offset(register), like 4(sp), not in [ ]"],
    ['.equ without its comma', '.equ N 10',
      "t.s:1:8: unexpected '10'; expected ',' or the end of the line; '.equ' takes 'NAME, value': write '.equ N, 10'"],
    ['a numeric local label', '1: nop',
      "t.s:1:1: '1' cannot be a label: a label is a name that starts with a letter or '_' (there are no numeric labels like '1:')"],
  ])('%s', (_kind, source, expected) => {
    expect(errorsOf(source)).toEqual([expected]);
  });
});

// Found by dbg23: mnemonics of other machines got a did-you-mean that sent a
// beginner the wrong way ('ecall' -> 'call', 'sh' -> 'shl', 'bra' -> 'sra')
// or nothing; each now names what does the same here.
describe('mnemonics of other machines', () => {
  test.each([
    ['ecall', "unknown instruction 'ecall'; the system-call instruction is 'syscall': the call's number goes in r1, its arguments in r2, r3, r4"],
    ['int 0x80', "unknown instruction 'int'; the system-call instruction is 'syscall': the call's number goes in r1, its arguments in r2, r3, r4"],
    ['svc 0', "unknown instruction 'svc'; the system-call instruction is 'syscall': the call's number goes in r1, its arguments in r2, r3, r4"],
    ['subi r1, r1, 1', "unknown instruction 'subi'; there is no 'subi': write 'addi' with the value negated, like addi r1, r1, -1"],
    ['muli r1, r1, 3', "unknown instruction 'muli'; there is no 'muli': put the value in a register with 'li', then use 'mul'"],
    ['bra loop', "unknown instruction 'bra'; for an unconditional jump write 'j label'"],
    ['jmp loop', "unknown instruction 'jmp'; for an unconditional jump write 'j label'"],
    ['sh r1, 0(r2)', "unknown instruction 'sh'; there are no 16-bit loads or stores: 'lw' and 'sw' move 32 bits, 'lb', 'lbu' and 'sb' 8"],
    ['lh r1, 0(r2)', "unknown instruction 'lh'; there are no 16-bit loads or stores: 'lw' and 'sw' move 32 bits, 'lb', 'lbu' and 'sb' 8"],
    ['ldr r1, 0(r2)', "unknown instruction 'ldr'; loads and stores are 'lw' and 'sw' (words) and 'lb', 'lbu' and 'sb' (bytes), like lw r1, 0(r2)"],
    ['blez r1, done', "unknown instruction 'blez'; compare with r0, which is always 0: 'ble rs, r0, label'"],
    ['bltz r1, done', "unknown instruction 'bltz'; compare with r0, which is always 0: 'blt rs, r0, label'"],
    ['bgez r1, done', "unknown instruction 'bgez'; compare with r0, which is always 0: 'bge rs, r0, label'"],
    ['bgtz r1, done', "unknown instruction 'bgtz'; compare with r0, which is always 0: 'bgt rs, r0, label'"],
    ['cmp r1, r2', "unknown instruction 'cmp'; there are no flags: compare and branch in one instruction ('beq', 'blt', 'bge' ...) or set a register with 'slt'"],
    ['inc r1', "unknown instruction 'inc'; write 'addi rd, rd, 1'"],
    ['dec r1', "unknown instruction 'dec'; write 'addi rd, rd, -1'"],
    ['loop  nop', "unknown instruction 'loop'; if it is a label, write 'loop:' (a label ends with a colon)"],
  ])('%s', (line, expected) => {
    expect(errorsOf(line)).toEqual([`t.s:1:1: ${expected}`]);
  });

  test('.set: write .equ', () => {
    expect(errorsOf('.set K, 3')).toEqual(["t.s:1:1: unknown directive '.set'; write '.equ'"]);
  });
});

// Found by dbg23: the right operands in the wrong order were refused with
// what the slot wanted, but not with the line to write.
describe('operands in the wrong order', () => {
  test.each([
    ['sw 0(sp), r1', 4, "'sw' takes 'rs2, imm(rs1)'; operand 1 should be a register; the register to store comes first: 'sw r1, 0(sp)'"],
    ['lw r2, r1, 4', 1, "'lw' takes 'rd, imm(rs1)'; found 3 operands; the offset and the base register are one operand: 'lw r2, 4(r1)'"],
    ['sb r2, r1, -1', 1, "'sb' takes 'rs2, imm(rs1)'; found 3 operands; the offset and the base register are one operand: 'sb r2, -1(r1)'"],
    ['addi r3, 5, r1', 10, "'addi' takes 'rd, rs1, imm'; operand 2 should be a register; the value comes last: 'addi r3, r1, 5'"],
    ['syscall 1', 1, "'syscall' takes no operands; found 1 operand; the call's number goes in r1: 'li r1, 1' then 'syscall'"],
    ['beq r1, done\ndone: nop', 1, "'beq' takes 'rs1, rs2, label'; found 2 operands; to compare with zero write 'beqz r1, done'"],
    ['li r1, r2', 8, "'li' takes 'rd, imm32'; operand 2 should be a number or constant, not a register; to copy a register write 'mv r1, r2'"],
    ['la r1, r2', 8, "'la' takes 'rd, label'; operand 2 should be a label or address, not a register; to copy a register write 'mv r1, r2'"],
    ['mv r1, 5', 8, "'mv' takes 'rd, rs'; operand 2 should be a register; to load a value write 'li r1, 5'"],
    ['lw r1, sp', 8, "'lw' takes 'rd, imm(rs1)'; operand 2 should be a memory operand like 8(sp); for the word sp points to write 'lw r1, 0(sp)'"],
    ['jalr r0, ra', 10, "'jalr' takes 'rd, rs1, imm' or 'rd, imm(rs1)'; operand 2 should be a memory operand like 8(sp); write 'jalr r0, 0(ra)'"],
  ])('%s', (source, column, expected) => {
    expect(errorsOf(source)).toEqual([`t.s:1:${column}: ${expected}`]);
  });
});

// Found by dbg23: a program that starts with its string (no .data) got one
// 'unaligned address' error per instruction, and none said that data in
// .text was the cause.
test('data before the code in .text: one error, naming the data and how many statements it misaligned', () => {
  expect(errorsOf('msg: .ascii "hi\\n"\n_start: li r1, 1\n  li r2, 1\n  syscall\n  .data\n  .byte 1\n  .word 2\n  .word 3\n  .byte 1, 2, 3\n  .word 4')).toEqual([
    "t.s:2:9: 'li' at unaligned address 0x00001003, after the data on line 1; move the data to .data, or add '.align 4' before it; the 2 statements after it, to line 4, are unaligned too",
    "t.s:7:3: '.word' at unaligned address 0x00002001; add '.align 4' before it; the 1 statement after it, to line 8, is unaligned too",
  ]);
});

// Found by dbg23: an immediate too big for its instruction said the range
// but not the instruction that takes the value (li), and lui's value was
// shown in decimal though written in hex.
describe('an immediate too big: what takes it', () => {
  test.each([
    ['addi r1, r0, 70000', "t.s:1:14: immediate 70000 is out of range for 'addi': allowed -32768..32767; to load a value this large write 'li r1, 70000'"],
    ['addi r1, r2, 70000', "t.s:1:14: immediate 70000 is out of range for 'addi': allowed -32768..32767; put the value in a register with 'li' first, then use 'add'"],
    ['slti r1, r2, 40000', "t.s:1:14: immediate 40000 is out of range for 'slti': allowed -32768..32767; put the value in a register with 'li' first, then use 'slt'"],
    ['lui r4, 0x12345', "t.s:1:9: immediate 74565 (0x12345) is out of range for 'lui': allowed 0..65535 (0xffff); 'lui' sets the upper 16 bits (rd = imm << 16): for a whole 32-bit value write 'li r4, 0x12345'"],
    ['andi r1, r1, -1', "t.s:1:14: immediate -1 is out of range for 'andi': allowed 0..65535 (0xffff); its value is zero-extended: for the low 16 bits of -1 write 0xffff"],
    ['ori r1, r1, 0x10000', "t.s:1:13: immediate 65536 (0x10000) is out of range for 'ori': allowed 0..65535 (0xffff); put the value in a register with 'li' first, then use 'or'"],
  ])('%s', (source, expected) => {
    expect(errorsOf(source)).toEqual([expected]);
  });
});

test('the did-you-mean budget is an assembly\'s own: hints outside one (the debugger\'s labels, -D names) never run out', async () => {
  const { didYouMean, HINT_BUDGET_CELLS } = await import('../../asm/errors.js');
  const { assemble } = await import('../../asm/assemble.js');
  expect(assemble('_start: li r1, 0\n        syscall\n', 'ok.s').ok).toBe(true);
  // 10,000 labels of 7 letters: each hint costs 80,000 cells, so 20 of them are more than one assembly's budget.
  const labels = Array.from({ length: 10_000 }, (_, i) => `lbl${String(i).padStart(4, '0')}`);
  const cost = 20 * labels.length * 8 * 8;
  expect(cost).toBeGreaterThan(HINT_BUDGET_CELLS);
  const hints = Array.from({ length: 20 }, () => didYouMean('lbl0O42', labels));
  expect(new Set(hints)).toEqual(new Set(["; did you mean 'lbl0042'?"]));
});

// asm/syscallNames.ts is the one list of the calls' names and arguments; the kernel's table takes them by number.
test("the system calls are SPEC section 6's, in the assembler's list and in the kernel's table", async () => {
  const { SYSCALL_NAMES } = await import('../../asm/syscallNames.js');
  const { SYSCALLS } = await import('../../kernel/syscalls.js');
  const spec = ['exit(code)', 'write(fd, buf, len)', 'read(fd, buf, len)', 'getpid()', 'fork()', 'wait(status_ptr)', 'sbrk(delta)',
    'yield()', 'mmap(len, prot)', 'munmap(addr, len)', 'mprotect(addr, len, prot)', 'sleep(ticks)', 'kill(pid)'];
  expect(SYSCALL_NAMES.map((c) => [c.number, `${c.name}(${c.args.join(', ')})`])).toEqual(spec.map((c, i) => [i, c]));
  expect(SYSCALLS.map((s) => [s.number, s.call, s.handler.name])).toEqual(spec.map((c, i) => [i, c, `sys${c[0]!.toUpperCase()}${c.slice(1, c.indexOf('('))}`]));
});

test('a label of the program named like a system call is no error: the hint is for an undefined name only', () => {
  expect(build('_start: call exit\nexit: li r1, 0\n  syscall').text.length).toBe(12);
});
