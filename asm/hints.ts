// Hints for what students bring from other assemblers (GNU as, MIPS, RISC-V):
// the message names what to write here instead.

/** Mnemonics of other assemblers and what does the same here. */
const SYSCALL = `; the system-call instruction is 'syscall': the call's number goes in r1, its arguments in r2, r3, r4`;
const JUMP = `; for an unconditional jump write 'j label'`;
const HALF_ACCESS = `; there are no 16-bit loads or stores: 'lw' and 'sw' move 32 bits, 'lb', 'lbu' and 'sb' 8`;
const SHIFTS = (imm: string, reg: string): string => `; the shifts here are 'shl'/'shli' (left), 'shr'/'shri' (logical right) and 'sra'/'srai' (arithmetic right): write '${imm}' for a count in the instruction, '${reg}' for one in a register`;
const ZERO_BRANCH = (b: string): string => `; compare with r0, which is always 0: '${b} rs, r0, label'`;

export const MNEMONIC_HINTS: ReadonlyMap<string, string> = new Map([
  ['jr', `; to jump to the address in a register write 'jalr r0, 0(rs)' ('ret' for 'jr ra')`],
  ['b', `; for an unconditional branch write 'j label'`],
  ['bra', JUMP], ['jmp', JUMP],
  ['move', `; did you mean 'mv'?`],
  ['ecall', SYSCALL], ['int', SYSCALL], ['svc', SYSCALL], ['scall', SYSCALL],
  ['subi', `; there is no 'subi': write 'addi' with the value negated, like addi r1, r1, -1`],
  ['muli', `; there is no 'muli': put the value in a register with 'li', then use 'mul'`],
  ['sh', HALF_ACCESS], ['lh', HALF_ACCESS], ['lhu', HALF_ACCESS],
  ['ldr', `; loads and stores are 'lw' and 'sw' (words) and 'lb', 'lbu' and 'sb' (bytes), like lw r1, 0(r2)`],
  ['str', `; loads and stores are 'lw' and 'sw' (words) and 'lb', 'lbu' and 'sb' (bytes), like sw r1, 0(r2)`],
  ['blez', ZERO_BRANCH('ble')], ['bltz', ZERO_BRANCH('blt')], ['bgez', ZERO_BRANCH('bge')], ['bgtz', ZERO_BRANCH('bgt')],
  ['cmp', `; there are no flags: compare and branch in one instruction ('beq', 'blt', 'bge' ...) or set a register with 'slt'`],
  ['inc', `; write 'addi rd, rd, 1'`], ['dec', `; write 'addi rd, rd, -1'`],
  // MIPS, RISC-V and ARM names of the shifts.
  ['sll', SHIFTS('shli', 'shl')], ['slli', SHIFTS('shli', 'shl')], ['sllv', SHIFTS('shli', 'shl')], ['lsl', SHIFTS('shli', 'shl')],
  ['srl', SHIFTS('shri', 'shr')], ['srli', SHIFTS('shri', 'shr')], ['srlv', SHIFTS('shri', 'shr')], ['lsr', SHIFTS('shri', 'shr')],
  ['srav', SHIFTS('srai', 'sra')], ['asr', SHIFTS('srai', 'sra')],
]);

/** "; ..." for `loop  nop`: an unknown word followed by an instruction's name is a label without its colon. */
export function labelColonHint(name: string): string {
  return `; if it is a label, write '${name}:' (a label ends with a colon)`;
}

const SECTIONS = 'the sections are .text, .data and .bss, each switched to by its own directive';
const NO_RODATA = ' (there is no .rodata: put constants in .data)';
const SAME: Readonly<Record<string, string>> = {
  '.global': '.globl', '.set': '.equ', '.string': '.asciz', '.long': '.word', '.int': '.word', '.zero': '.space', '.skip': '.space',
};

/** Directives of 16-bit data, which this machine's assembler does not have. */
const HALVES = ['.half', '.short', '.hword', '.2byte'];
const NO_HALF = "; there is no 16-bit data directive: write the two bytes with .byte (low byte first: the machine is little-endian), or use a .word";

/** "; ..." for a directive of another assembler (`section` is the name after `.section`, if any), else undefined. */
export function directiveHint(name: string, section?: string): string | undefined {
  if (name === '.section') {
    const known = section !== undefined && ['.text', '.data', '.bss'].includes(section) ? `; write '${section}' alone: ` : '; ';
    return `${known}${SECTIONS}${section === '.rodata' ? NO_RODATA : ''}`;
  }
  if (name === '.rodata') return `; ${SECTIONS}${NO_RODATA}`;
  if (HALVES.includes(name)) return NO_HALF;
  return SAME[name] === undefined ? undefined : `; write '${SAME[name]}'`;
}

/**
 * "; ..." for a register name of RISC-V or MIPS (a0, t0, s1, v0, x5) that
 * is none here, saying where the same role is; "" for any other name.
 */
export function foreignRegisterHint(name: string): string {
  const n = name.toLowerCase();
  const x = /^x(\d{1,2})$/.exec(n);
  if (x !== null) return Number(x[1]) < 16 ? `; RISC-V's ${n} is r${Number(x[1])} here` : '';
  if (/^(a[0-7]|v[01])$/.test(n)) return `; ${name} is RISC-V's or MIPS's name: here a system call takes its number in r1 and its arguments in r2, r3, r4, and returns in r1 (docs/abi.md)`;
  if (/^(t[0-9]|s([0-9]|1[01]))$/.test(n)) return `; ${name} is RISC-V's or MIPS's name: here r5..r12 are free for a program's own use (docs/abi.md)`;
  return '';
}
