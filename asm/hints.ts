// Hints for what students bring from other assemblers (GNU as, MIPS, RISC-V):
// the message names what to write here instead.

/** Mnemonics of other assemblers and what does the same here. */
export const MNEMONIC_HINTS: ReadonlyMap<string, string> = new Map([
  ['jr', `; to jump to the address in a register write 'jalr r0, 0(rs)' ('ret' for 'jr ra')`],
  ['b', `; for an unconditional branch write 'j label'`],
  ['move', `; did you mean 'mv'?`],
]);

const SECTIONS = 'the sections are .text, .data and .bss, each switched to by its own directive';
const NO_RODATA = ' (there is no .rodata: put constants in .data)';
const SAME: Readonly<Record<string, string>> = {
  '.global': '.globl', '.string': '.asciz', '.long': '.word', '.int': '.word', '.zero': '.space', '.skip': '.space',
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
