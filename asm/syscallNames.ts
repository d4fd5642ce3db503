// The system calls by name, number and arguments (SPEC section 6): the one
// list of them. Here, not in the kernel, because the assembler ('call exit'
// is told it names a system call) and the debugger may not import the
// kernel; kernel/syscalls.ts takes each call's name from here by number.

export interface SyscallName {
  readonly number: number;
  readonly name: string;
  /** The arguments' names, in r2, r3, r4. */
  readonly args: readonly string[];
}

export const SYSCALL_NAMES: readonly SyscallName[] = [
  { number: 0, name: 'exit', args: ['code'] },
  { number: 1, name: 'write', args: ['fd', 'buf', 'len'] },
  { number: 2, name: 'read', args: ['fd', 'buf', 'len'] },
  { number: 3, name: 'getpid', args: [] },
  { number: 4, name: 'fork', args: [] },
  { number: 5, name: 'wait', args: ['status_ptr'] },
  { number: 6, name: 'sbrk', args: ['delta'] },
  { number: 7, name: 'yield', args: [] },
  { number: 8, name: 'mmap', args: ['len', 'prot'] },
  { number: 9, name: 'munmap', args: ['addr', 'len'] },
  { number: 10, name: 'mprotect', args: ['addr', 'len', 'prot'] },
  { number: 11, name: 'sleep', args: ['ticks'] },
  { number: 12, name: 'kill', args: ['pid'] },
];

/** The system call a symbol names, as C spells it too (exit, _exit, SYS_exit, EXIT), if any. */
export function syscallNamed(symbol: string): SyscallName | undefined {
  const name = symbol.toLowerCase().replace(/^(sys_|_+)/, '');
  return SYSCALL_NAMES.find((c) => c.name === name);
}

const ARG_REGISTERS = ['r2', 'r3', 'r4'];

/**
 * "; exit is system call 0, ..." for an undefined symbol that names a system
 * call (as C spells it too: _exit, SYS_exit, EXIT), else undefined.
 */
export function syscallHint(symbol: string): string | undefined {
  const call = syscallNamed(symbol);
  if (call === undefined) return undefined;
  const args = call.args.map((a, i) => `${a} in ${ARG_REGISTERS[i]}`);
  return `; ${call.name} is system call ${call.number}, not a label: ${[`'li r1, ${call.number}'`, ...args].join(', ')}, then 'syscall' (docs/abi.md lists the calls)`;
}
