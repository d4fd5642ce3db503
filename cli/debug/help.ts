// The debugger's commands as the user reads them: `help` lists them, `help
// CMD` shows one in full. The dispatcher in session.ts maps the same names.
export interface CommandHelp {
  /** The name and its short forms. */
  readonly names: readonly string[];
  readonly usage: string;
  readonly summary: string;
  readonly details?: string;
}

const PID = 'PID (optional, last) picks the process; the default is the one the debugger stopped in, else the one on the CPU.';
const EXPR = 'ADDR is an expression: numbers (decimal or 0x hex), registers (r0..r15, zero, fp, sp, ra, pc, with or without $) and labels joined by + and -, without spaces: sp+8, $ra, buf+4.';

export const COMMANDS: readonly CommandHelp[] = [
  { names: ['step', 's', 'stepi', 'si'], usage: 'step [N]', summary: 'run N instructions (default 1), stopping at breakpoints',
    details: 'N counts instructions of every process, in the order the machine runs them. Ctrl-C interrupts.' },
  { names: ['next', 'n', 'nexti', 'ni'], usage: 'next [N] | nexti [N]', summary: 'one source line (all of a pseudo-instruction such as la), a call (jal/jalr linking a register) run to its return; nexti: one instruction',
    details: 'next runs the process until it is back in the same call frame (the frame depth the debugger tracked is back to where it was), so a call is one step, and, as gdb\'s next, on past the other words of the same source line (li, la, push and pop may make two). nexti (ni) stops after one instruction, a call still one step.' },
  { names: ['finish', 'fin'], usage: 'finish', summary: 'run until the current function returns to its caller',
    details: 'Runs until the innermost call frame the debugger tracked is popped: a jump that does not link (ret) lands on its return address. In the outermost frame there is nothing to return to.' },
  { names: ['continue', 'c', 'cont'], usage: 'continue', summary: 'run until a breakpoint, a watchpoint, a dying process, or the end',
    details: 'Takes no argument. Ctrl-C interrupts and shows where the machine stopped.' },
  { names: ['break', 'b'], usage: 'break WHERE [PID]', summary: 'stop before the instruction at a label, address (0x...) or source line',
    details: `WHERE: a label or expression (main, loop+8), an address written in hex (0x1010 or *0x1010), or a source line: file.s:LINE or :LINE (the program the debugger stopped in). A plain number is not taken as an address. A line without code moves to the next line with code. The breakpoint stops every process running the program, or only PID when given (a fork child not made yet too). ${EXPR}` },
  { names: ['tbreak', 'tb'], usage: 'tbreak WHERE', summary: 'a breakpoint that deletes itself when it is hit' },
  { names: ['break-trap'], usage: 'break-trap CAUSE', summary: 'stop after the kernel handled a trap (page faults say how they were resolved)',
    details: 'CAUSE: syscall, page_fault, illegal_instruction, privileged_instruction, misaligned, divide_by_zero, breakpoint.' },
  { names: ['watch'], usage: 'watch [page] ADDR [PID] | watch REG [PID]', summary: 'stop after a word or a register changes, or on any access to a page',
    details: `A watchpoint belongs to one process's address space: after a fork, a watch in the child sees the child's copy-on-write copy and not the parent's page. The word watch stops after the word changed (by an instruction or a system call) and shows the old and new value and the pc; the page watch stops after any fetch, load or store touching the page (ADDR is an address in it, 0x2000 or a label, not a page number). A register alone (watch r6, watch $ra) watches that register of the process, as gdb's watch $r6; watch *REG (or *EXPR) is the word it points to. ${PID}` },
  { names: ['delete', 'd', 'del'], usage: 'delete [N]', summary: 'delete breakpoint or watchpoint N, or all of them' },
  { names: ['info', 'i'], usage: 'info WHAT', summary: 'WHAT: breakpoints (and watchpoints), syscalls, registers, proc, stats, record',
    details: 'info breakpoints lists breakpoints and watchpoints, numbered together; info syscalls the system-call table; info registers is regs; info proc is ps. info stats prints the table run --stats prints, for the machine so far: once every process has ended, the whole run\'s, the same as run --stats gives.' },
  { names: ['regs', 'r', 'registers'], usage: 'regs [PID]', summary: 'registers, pc and the machine counters', details: PID },
  { names: ['print', 'p'], usage: 'print EXPR [PID]', summary: 'the value of an expression (a register, a label, sp+8); print *EXPR: the word there',
    details: `As gdb's print: the value in hex and in decimal (a negative one also as signed). *EXPR reads the word at the address EXPR through the process's page table, as x does. ${EXPR.replace('ADDR is', 'EXPR, like ADDR, is')} ${PID}` },
  { names: ['x', 'mem'], usage: 'x ADDR [COUNT [PID]] | x/COUNT ADDR [PID] | x/s ADDR [PID]', summary: 'COUNT words (default 8) of memory through the process\'s page table, or a string',
    details: `Reading sets no accessed bit and brings no page in. gdb's x/4x and x/4w are the same as x/4 (words in hex); x/s shows the zero-terminated string at ADDR, quoted, bytes outside printable ASCII escaped (\\n, \\x1b), at most 256 bytes (x/3s: three strings one after another); other formats are refused. ${EXPR} ${PID}` },
  { names: ['set'], usage: 'set REG VALUE [PID] | set *ADDR VALUE [PID]', summary: 'set a register (or pc), or a word of memory',
    details: 'gdb\'s set $r1 = 5 is the same as set r1 5. A word is written through the process\'s own page table, with its rights checked as the kernel checks a system call\'s buffer: a store the process could not make (text, unmapped, the kernel half) is refused with the reason. A page not present or copy-on-write goes through the kernel\'s fault path first, as a store would. r0 cannot be set. Setting the pc of a process about to be killed calls the kill off (set pc pc retries the instruction).' },
  { names: ['walk'], usage: 'walk ADDR [PID]', summary: 'the page-table walk of an address, level by level', details: `${EXPR} ${PID}` },
  { names: ['bt', 'backtrace', 'where'], usage: 'bt [all] [PID]', summary: 'the call chain, from the call frames the program made',
    details: 'Shows the 20 innermost frames and the outermost one (bt all, or gdb\'s bt full: every frame). The debugger sees every call (jal/jalr linking a register: ra, or another for a hand-made call) and return the program makes and keeps the frames; bt says when it cannot be sure (a jump it could not follow, or ra holding a return address of a call it never saw), names a function entered by a jump (a tail call) as such, and names a ret that returned to no open call (ra not saved across a call, or overwritten on the stack).' },
  { names: ['tlb'], usage: 'tlb', summary: 'the valid TLB entries by set and way' },
  { names: ['frames'], usage: 'frames', summary: 'the frame table: free, kernel and user frames with owners' },
  { names: ['ps'], usage: 'ps', summary: 'the process list (* marks the one on the CPU)', details: 'Also info proc (gdb\'s info inferiors and info threads).' },
  { names: ['pid', 'process', 'inferior', 'thread'], usage: 'pid [N]', summary: 'show process N: regs, x, walk, bt, next and finish are about it until the next stop',
    details: 'Without N: which process the views show (the one the debugger stopped in, else the one on the CPU). Every such command also takes a pid as its last argument (regs 2). step and continue still run every process as the scheduler does; the stop they make names its own process. As gdb\'s inferior N.' },
  { names: ['disasm', 'dis', 'disassemble'], usage: 'disasm [ADDR [N [PID]]]', summary: 'N instructions (default 8) from ADDR (default: around pc)' },
  { names: ['restart'], usage: 'restart', summary: 'start the programs again from their first instruction, keeping the breakpoints',
    details: 'A new machine with the same programs, configuration, seed and input: the run repeats exactly. Breakpoints and trap breakpoints stay; watchpoints are deleted, as each watched one process of the old run.' },
  { names: ['run'], usage: 'run', summary: 'as in gdb: run from the start to the first stop (restart first if anything has run)',
    details: 'Before the first instruction this is continue. After, it is restart (same programs, configuration, seed and input; breakpoints kept, watchpoints deleted) and then continue.' },
  { names: ['reverse-stepi', 'rsi'], usage: 'reverse-stepi [N]', summary: 'back N instructions (default 1), counted as step counts them',
    details: 'Going back replays the run from the start on a new machine (it is deterministic) to the point N instructions before here, without stops, so it takes as long as running there did (about 8 million instructions a second; Ctrl-C interrupts). After a kill (or at a dying process or a trap stop) the instruction that trapped is the first one gone back over: rsi stands before it, the process alive. Sets made after the point are undone; breakpoints and watchpoints stay.' },
  { names: ['reverse-continue', 'rc'], usage: 'reverse-continue', summary: 'back to the last stop a continue from the start would have made before here, else the start',
    details: 'Stops are those of the breakpoints, trap breakpoints and watchpoints set now, and dying processes. Two replays: one counts the stops before here, the next stops at the last of them, so it is shown as it was made.' },
  { names: ['reverse-step', 'rs', 'reverse-next', 'rn', 'reverse-finish'], usage: 'reverse-step | reverse-next | reverse-finish', summary: 'back one source line of the process shown (reverse-next: a call as one), or to the call of its function',
    details: 'reverse-step goes back to the start of the line the process ran before this one, into a call that line made (to its last line); reverse-next steps over such a call, as next does forward; reverse-finish goes back to the call of the current function. Each replays the run twice.' },
  { names: ['record', 'rec'], usage: 'record goto N | begin | end', summary: 'go to instruction N of the run, its start, or the furthest point this run has reached',
    details: 'No recording needs turning on: every run can be replayed. N counts instructions as step does; a point after here but not past the furthest reached is run to forward, without stops. info record says where the run is and how far it has been.' },
  { names: ['help', 'h', '?'], usage: 'help [CMD]', summary: 'this list, or one command in full' },
  { names: ['quit', 'q', 'exit'], usage: 'quit', summary: 'leave the debugger (so do Ctrl-C twice at an empty prompt, and the end of piped input)' },
];

export function helpFor(name: string | undefined): string {
  if (name === undefined) {
    const width = Math.max(...COMMANDS.map((c) => c.usage.length));
    return [
      'commands (help CMD for more):',
      ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
      'Enter repeats the last step, next, continue or reverse-stepi/-step/-next/-continue (not one that was refused). Ctrl-C interrupts a run or a replay; at the prompt it clears the line.',
    ].join('\n');
  }
  const c = COMMANDS.find((x) => x.names.includes(name.toLowerCase()));
  if (c === undefined) return `help: no command '${name}' (help lists them)`;
  const also = c.names.length > 1 ? `\n  also: ${c.names.slice(1).join(', ')}` : '';
  return `${c.usage}\n  ${c.summary}${c.details ? `\n  ${c.details}` : ''}${also}`;
}
