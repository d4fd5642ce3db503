// `info syscalls`: the kernel's table of system calls (kernel/syscalls.ts),
// each with the errors it can return and when, so that a student who sees
// -14 in r1 can tell what went wrong without opening SPEC section 6.
import { ENOSYS, ERROR_NAMES } from '../../kernel/abi.js';
import { SYSCALLS } from '../../kernel/syscalls.js';

export function syscallTable(): string {
  const width = Math.max(...SYSCALLS.map((s) => s.call.length));
  const rows = SYSCALLS.map((s) => {
    const head = `  ${String(s.number).padStart(2)}  ${s.call.padEnd(width)}`;
    if (s.errors.length === 0) return `${head}  no errors`;
    return s.errors.map(([code, when], i) => `${i === 0 ? head : ' '.repeat(head.length)}  ${ERROR_NAMES.get(code)} ${code}: ${when}`).join('\n');
  });
  return [
    'system calls: number in r1, arguments in r2, r3, r4, result in r1 (negative: an error, named below)',
    ...rows,
    `  any other number: ${ERROR_NAMES.get(ENOSYS)} ${ENOSYS}`,
  ].join('\n');
}

/** " (when ...)" for an error result of the named call, as the table gives it; "" for any other result. */
export function syscallErrorWhy(name: string, result: number): string {
  const whens = SYSCALLS.find((s) => s.name === name)?.errors.filter(([code]) => code === result).map(([, when]) => when) ?? [];
  return whens.length === 0 ? '' : ` (${whens.join('; or ')})`;
}
