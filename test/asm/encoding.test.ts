// Golden encodings: every instruction and pseudo-instruction, with the edges
// of every immediate and offset, as exact words. Each line assembles at 0x1000.
import { describe, expect, test } from 'vitest';
import { textHex } from './helpers.js';

const INSTRUCTIONS: readonly [string, string[]][] = [
  ['add r1, r2, r3', ['01123000']],
  ['add zero, fp, sp', ['010de000']],
  ['ADD RA, Ra, r15', ['01fff000']],
  ['sub r15, r14, r13', ['02fed000']],
  ['and r1, r2, r3', ['03123000']],
  ['or r1, r2, r3', ['04123000']],
  ['xor r1, r2, r3', ['05123000']],
  ['shl r1, r2, r3', ['06123000']],
  ['shr r1, r2, r3', ['07123000']],
  ['sra r1, r2, r3', ['08123000']],
  ['slt r1, r2, r3', ['09123000']],
  ['sltu r1, r2, r3', ['0a123000']],
  ['mul r1, r2, r3', ['0b123000']],
  ['div r1, r2, r3', ['0c123000']],
  ['divu r1, r2, r3', ['0d123000']],
  ['rem r1, r2, r3', ['0e123000']],
  ['remu r1, r2, r3', ['0f123000']],
  ['addi r1, r0, 5', ['11100005']],
  ['addi r1, r2, 32767', ['11127fff']],
  ['addi r1, r2, -32768', ['11128000']],
  ['addi r1, r2, -1', ['1112ffff']],
  ["addi r1, r2, 'a'", ['11120061']],
  ["addi r1, r2, '\\n'", ['1112000a']],
  ['addi r1, r2, 0b101', ['11120005']],
  ['andi r1, r2, 65535', ['1312ffff']],
  ['andi r1, r2, 0', ['13120000']],
  ['ori r1, r2, 0x1234', ['14121234']],
  ['xori r1, r2, 0xffff', ['1512ffff']],
  ['shli r1, r2, 31', ['1612001f']],
  ['shri r1, r2, 0', ['17120000']],
  ['srai r1, r2, 31', ['1812001f']],
  ['slti r1, r2, -32768', ['19128000']],
  ['sltiu r1, r2, 32767', ['1a127fff']],
  ['lui r1, 0xffff', ['1f10ffff']],
  ['lui r1, 0', ['1f100000']],
  ['lw r1, -4(sp)', ['201efffc']],
  ['lw r1, (r2)', ['20120000']],
  ['lw r1, 32767(r2)', ['20127fff']],
  ['lb r3, -32768(r4)', ['21348000']],
  ['lbu r1, 0(r2)', ['22120000']],
  ['sw r1, 8(sp)', ['281e0008']],
  ['sb r5, -1(r6)', ['2956ffff']],
  ['beq r1, r2, 0x1000', ['3012ffff']],
  ['bne r1, r2, 0x1004', ['31120000']],
  ['blt r1, r2, 0x1008', ['32120001']],
  ['bge r1, r2, 0x21000', ['33127fff']],        // largest forward offset
  ['bltu r1, r2, 0xfffe1004', ['34128000']],    // largest backward offset (address wraps)
  ['bgeu r1, r2, 0x1000', ['3512ffff']],
  ['jal r1, 0x1000', ['381fffff']],
  ['jal 0x1004', ['38f00000']],                 // no rd: links into ra
  ['jal r0, 0x201000', ['3807ffff']],           // largest forward offset
  ['jal r0, 0xffe01004', ['38080000']],         // largest backward offset
  ['jalr r1, r2, 8', ['39120008']],
  ['jalr r1, -4(r2)', ['3912fffc']],
  ['jalr r0, ra, 0', ['390f0000']],
  ['jalr r1, (r2)', ['39120000']],
  ['syscall', ['40000000']],
  ['brk', ['41000000']],
  ['rdcycle r5', ['42500000']],
  ['halt', ['50000000']],
  ['setptbr r3', ['51030000']],
  ['tlbflush', ['52000000']],
  ['iret', ['53000000']],
];

const PSEUDOS: readonly [string, string[]][] = [
  ['nop', ['11000000']],
  ['mv r1, r2', ['11120000']],
  ['li r1, 5', ['11100005']],
  ['li r1, -1', ['1110ffff']],
  ['li r1, 32767', ['11107fff']],
  ['li r1, -32768', ['11108000']],
  ['li r1, 32768', ['14108000']],                 // ori: fits unsigned 16 bits
  ['li r1, 65535', ['1410ffff']],
  ['li r1, 65536', ['1f100001']],                 // lui alone: low half zero
  ['li r1, -65536', ['1f10ffff']],
  ['li r1, 0x12345678', ['1f101234', '14115678']],
  ['li r1, -40000', ['1f10ffff', '141163c0']],
  ['li r1, 0xFFFFFFFF', ['1110ffff']],            // the same 32 bits as -1
  ['li r1, 0xFFFF7FFF', ['1f10ffff', '14117fff']],
  ['li r1, -2147483648', ['1f108000']],
  ['li r1, 2147483647', ['1f107fff', '1411ffff']],
  ['li r1, K\n.equ K, 70000', ['1f100001', '14111170']], // a constant defined later is still known in pass 1
  ['li r1, K\n.equ K, 7', ['11100007']],
  ['li r1, here\nhere:', ['1f100000', '14111008']], // a label: always two words
  ['li r1, here - here\nhere:', ['1f100000', '14110000']],
  ['la r2, msg\n.data\nmsg: .word 0', ['1f200000', '14222000']],
  ['j 0x1000', ['380fffff']],
  ['call 0x1000', ['38ffffff']],
  ['ret', ['390f0000']],
  ['neg r1, r2', ['02102000']],
  ['not r1, r2', ['02102000', '1111ffff']],
  ['not r1, r1', ['02101000', '1111ffff']],
  ['beqz r1, 0x1000', ['3010ffff']],
  ['bnez r1, 0x1000', ['3110ffff']],
  ['bgt r1, r2, 0x1000', ['3221ffff']],
  ['ble r1, r2, 0x1000', ['3321ffff']],
  ['bgtu r1, r2, 0x1000', ['3421ffff']],
  ['bleu r1, r2, 0x1000', ['3521ffff']],
  ['push r5', ['11eefffc', '285e0000']],
  ['pop r5', ['205e0000', '11ee0004']],
];

describe('instruction encodings', () => {
  test.each(INSTRUCTIONS)('%s', (source, words) => {
    expect(textHex(source)).toEqual(words);
  });
});

describe('pseudo-instruction encodings', () => {
  test.each(PSEUDOS)('%s', (source, words) => {
    expect(textHex(source)).toEqual(words);
  });
});

describe('labels as branch and jump targets', () => {
  test('backward and forward branches', () => {
    const source = [
      'back: nop',
      '  beq r1, r2, back',  // 0x1004 -> 0x1000: -2 words from pc+4
      '  bne r1, r2, fwd',   // 0x1008 -> 0x1010: +1
      '  nop',
      'fwd: halt',
      '  j back',             // 0x1014 -> 0x1000: -6
      '  call fwd + 4',       // 0x1018 -> 0x1014: -2
    ].join('\n');
    expect(textHex(source)).toEqual(['11000000', '3012fffe', '31120001', '11000000', '50000000', '380ffffa', '38fffffe']);
  });

  test('expressions: symbol chains and .equ names anywhere a number goes', () => {
    const source = '.equ OFF, 8\n.equ NEXT, OFF + 4 - 1\nlw r1, OFF(sp)\naddi r2, r2, NEXT\naddi r3, r3, -OFF';
    expect(textHex(source)).toEqual(['201e0008', '1122000b', '1133fff8']);
  });
});
