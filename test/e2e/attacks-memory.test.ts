// Memory-protection attacks (programs/attacks/mem-*.s), each run beside the
// innocent bystander. An attack must end exactly as its header says (the
// kernel kills it with the exact cause, access, address, pc and line, or it
// prints its own PASS), and the bystander must not notice: same output, exit
// code 0. Every scenario gives the same verdicts under every STRESS_CONFIGS
// entry. The harness checks the frame invariant and that nothing leaked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { MachineConfig } from '../../kernel/config.js';
import type { ProcessResult } from '../../kernel/result.js';
import type { ProgramInput } from '../../kernel/run.js';
import { program, ROOT, run, source, STRESS_CONFIGS } from './harness.js';

const BYSTANDER_STDOUT = 'bystander: PASS checksum=3380305920\n';

/** What one attacking process must end as; pid-dependent parts are filled in per run. */
type Verdict =
  | {
      kind: 'killed';
      cause: string;
      access?: 'fetch' | 'load' | 'store';
      address?: number;
      pc: number;
      line?: number;
    }
  | { kind: 'exited'; code: number; stdout: (pid: number) => string };

interface Scenario {
  /** The attacking programs (most attacks have one; mem-same-address has two copies). */
  attackers: () => ProgramInput[];
  verdict: Verdict;
  /** Verdicts for the processes the attacker forks, in pid order (they keep its name). */
  forked?: Verdict[];
}

const attack = (name: string): (() => ProgramInput[]) => () => [program(`programs/attacks/${name}`)];

/** A variant of an attack file with one line's text replaced, run under the same name. */
function variant(name: string, from: string, to: string): () => ProgramInput[] {
  return () => {
    const text = readFileSync(join(ROOT, 'programs/attacks', name), 'utf8');
    if (!text.includes(from)) throw new Error(`${name} has no '${from}'`);
    return [source(name, text.replace(from, to))];
  };
}

const killed = (cause: string, pc: number, line: number | undefined, access?: 'fetch' | 'load' | 'store', address?: number): Verdict => ({
  kind: 'killed', cause, pc, ...(line !== undefined ? { line } : {}), ...(access ? { access, address } : {}),
});
const badAccess = (access: 'fetch' | 'load' | 'store', address: number, pc: number, line?: number): Verdict =>
  killed('bad_access', pc, line, access, address);

const SCENARIOS: Record<string, Scenario> = {
  'null read': { attackers: attack('mem-null-read.s'), verdict: badAccess('load', 0x0, 0x1004, 9) },
  'null write (last word of the null page)': { attackers: attack('mem-null-write.s'), verdict: badAccess('store', 0xffc, 0x100c, 11) },
  'null jump': { attackers: attack('mem-null-jump.s'), verdict: badAccess('fetch', 0x0, 0x0) },
  'kernel read at 0x80000000': { attackers: attack('mem-kernel-read.s'), verdict: badAccess('load', 0x80000000, 0x1004, 12) },
  'kernel read of the last physical frame': {
    attackers: variant('mem-kernel-read.s', 'li   r2, 0x80000000', 'li   r2, 0x803FF000'),
    verdict: badAccess('load', 0x803ff000, 0x1008, 12), // li takes two words here
  },
  'kernel read past physical memory': {
    attackers: variant('mem-kernel-read.s', 'li   r2, 0x80000000', 'li   r2, 0xFFFFFFFC'),
    verdict: badAccess('load', 0xfffffffc, 0x1004, 12),
  },
  'kernel write': { attackers: attack('mem-kernel-write.s'), verdict: badAccess('store', 0x80001000, 0x100c, 11) },
  'kernel jump': { attackers: attack('mem-kernel-jump.s'), verdict: badAccess('fetch', 0x80001000, 0x80001000) },
  'write into own .text': { attackers: attack('mem-text-write.s'), verdict: badAccess('store', 0x1010, 0x100c, 12) },
  'execute .data': { attackers: attack('mem-exec-data.s'), verdict: badAccess('fetch', 0x2000, 0x2000, 28) },
  'execute the stack': { attackers: attack('mem-exec-stack.s'), verdict: badAccess('fetch', 0x7ffffff4, 0x7ffffff4) },
  'execute the heap': { attackers: attack('mem-exec-heap.s'), verdict: badAccess('fetch', 0x3000, 0x3000) },
  'execute an RW mmap page': { attackers: attack('mem-exec-mmap.s'), verdict: badAccess('fetch', 0x7fdff000, 0x7fdff000) },
  'W^X policy (mmap/mprotect)': {
    attackers: attack('mem-wx-policy.s'),
    verdict: { kind: 'exited', code: 0, stdout: () => 'mem-wx-policy: PASS W^X held\n' },
  },
  'guard page': { attackers: attack('mem-guard-page.s'), verdict: badAccess('load', 0x7feff000, 0x1008, 11) },
  'unbounded recursion into the guard page': { attackers: attack('mem-recursion.s'), verdict: badAccess('store', 0x7fefffc0, 0x1010, 16) },
  'stale TLB after munmap': { attackers: attack('mem-stale-munmap.s'), verdict: badAccess('load', 0x7fdff000, 0x1040, 26) },
  'stale TLB after mprotect': { attackers: attack('mem-stale-mprotect.s'), verdict: badAccess('store', 0x7fdff004, 0x1040, 26) },
  'stale TLB after sbrk down': { attackers: attack('mem-stale-sbrk.s'), verdict: badAccess('load', 0x4000, 0x1040, 27) },
  'misaligned load': { attackers: attack('mem-misaligned-load.s'), verdict: killed('misaligned', 0x100c, 10, 'load', 0x2001) },
  'misaligned store': { attackers: attack('mem-misaligned-store.s'), verdict: killed('misaligned', 0x1010, 10, 'store', 0x2002) },
  'misaligned jump': { attackers: attack('mem-misaligned-jump.s'), verdict: killed('misaligned', 0x1008, 10, 'fetch', 0x1012) },
  'privileged: halt': { attackers: attack('mem-privileged.s'), verdict: killed('privileged_instruction', 0x1004, 13) },
  'privileged: setptbr': {
    attackers: variant('mem-privileged.s', '        halt      ', '        setptbr r2'),
    verdict: killed('privileged_instruction', 0x1004, 13),
  },
  'privileged: tlbflush': {
    attackers: variant('mem-privileged.s', '        halt    ', '        tlbflush'),
    verdict: killed('privileged_instruction', 0x1004, 13),
  },
  'privileged: iret': {
    attackers: variant('mem-privileged.s', '        halt', '        iret'),
    verdict: killed('privileged_instruction', 0x1004, 13),
  },
  'illegal: the all-zero word': { attackers: attack('mem-illegal.s'), verdict: killed('illegal_instruction', 0x1004, 12) },
  'illegal: unassigned opcode': {
    attackers: variant('mem-illegal.s', '.word 0x00000000', '.word 0xFF000000'),
    verdict: killed('illegal_instruction', 0x1004, 12),
  },
  'illegal: must-be-zero bits set': {
    attackers: variant('mem-illegal.s', '.word 0x00000000', '.word 0x01000001'),
    verdict: killed('illegal_instruction', 0x1004, 12),
  },
  'divide by zero: div': { attackers: attack('mem-divzero.s'), verdict: killed('divide_by_zero', 0x1008, 11) },
  'divide by zero: divu': { attackers: variant('mem-divzero.s', 'div  r4', 'divu r4'), verdict: killed('divide_by_zero', 0x1008, 11) },
  'divide by zero: rem': { attackers: variant('mem-divzero.s', 'div  r4', 'rem  r4'), verdict: killed('divide_by_zero', 0x1008, 11) },
  'divide by zero: remu': { attackers: variant('mem-divzero.s', 'div  r4', 'remu r4'), verdict: killed('divide_by_zero', 0x1008, 11) },
  breakpoint: { attackers: attack('mem-brk.s'), verdict: killed('breakpoint', 0x1000, 8) },
  'recycled ASID after a process ends': {
    attackers: attack('mem-stale-asid.s'),
    verdict: { kind: 'exited', code: 0, stdout: () => 'mem-stale-asid: PASS no stale translation survived\n' },
    forked: [{ kind: 'exited', code: 0, stdout: () => '' }, { kind: 'exited', code: 0, stdout: () => '' }],
  },
  'two copies at the same virtual addresses': {
    attackers: () => [program('programs/attacks/mem-same-address.s'), program('programs/attacks/mem-same-address.s')],
    verdict: { kind: 'exited', code: 0, stdout: (pid) => `mem-same-address: PASS pid ${pid} kept its own memory\n` },
  },
};

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

/** The process result and kill line a verdict means for the attacker running as `pid`. */
function expected(verdict: Verdict, pid: number, name: string): { result: Partial<ProcessResult>; killLine?: string } {
  if (verdict.kind === 'exited') {
    return { result: { pid, name, status: 'exited', code: verdict.code, stdout: verdict.stdout(pid), stderr: '' } };
  }
  const { cause, access, address, pc, line } = verdict;
  const result: Partial<ProcessResult> = {
    pid, name, status: 'killed', cause,
    ...(access !== undefined ? { access, address } : {}),
    pc,
    ...(line !== undefined ? { line } : {}),
    stdout: '', stderr: '',
  };
  const parts = [
    ...(access !== undefined ? [`${access} at ${hex(address!)}`] : []),
    `pc ${hex(pc)}`,
    ...(line !== undefined ? [`line ${line}`] : []),
  ];
  return { result, killLine: `pid ${pid} (${name}) killed: ${cause} (${parts.join(', ')})` };
}

/**
 * Runs the scenario's attackers with the bystander before or after them and
 * checks every process's exact result and the exact kill lines.
 */
function check(scenario: Scenario, bystanderFirst: boolean, config: Partial<MachineConfig>): void {
  const attackers = scenario.attackers();
  const bystander = program('programs/attacks/bystander.s');
  const programs = bystanderFirst ? [bystander, ...attackers] : [...attackers, bystander];
  const { result, killLines } = run(programs, config);

  const forked = scenario.forked ?? [];
  const wantLines: string[] = [];
  expect(result.processes).toHaveLength(programs.length + forked.length);
  result.processes.forEach((p, i) => {
    const pid = i + 1;
    if (programs[i] === bystander) {
      expect(p).toEqual({ pid, name: 'bystander.s', status: 'exited', code: 0, stdout: BYSTANDER_STDOUT, stderr: '' });
      return;
    }
    const forkedIndex = i - programs.length;
    const verdict = forkedIndex < 0 ? scenario.verdict : forked[forkedIndex]!;
    const want = expected(verdict, pid, forkedIndex < 0 ? programs[i]!.name : attackers[0]!.name);
    expect(p).toEqual(want.result);
    if (want.killLine !== undefined) wantLines.push(want.killLine);
  });
  // An attacker that runs first dies before the bystander runs; one that runs
  // second dies in its first quantum, while the bystander is mid-way through.
  expect(killLines).toEqual(wantLines);
}

const NAMES = Object.keys(SCENARIOS);

/** Also run with the attacker(s) as pid 1, before the bystander. */
const BOTH_ORDERS = [
  'null read', 'kernel write', 'execute an RW mmap page', 'W^X policy (mmap/mprotect)',
  'unbounded recursion into the guard page', 'stale TLB after munmap', 'stale TLB after sbrk down',
  'recycled ASID after a process ends',
  'two copies at the same virtual addresses',
];

describe('memory attacks beside the bystander (default configuration)', () => {
  test.each(NAMES)('%s: bystander first', (name) => check(SCENARIOS[name]!, true, {}));
  test.each(BOTH_ORDERS)('%s: attacker first', (name) => check(SCENARIOS[name]!, false, {}));
});

describe('memory attacks give the same verdicts under every stress configuration', () => {
  // The default configuration is covered above, in both orders.
  const cases = NAMES.flatMap((name) =>
    Object.keys(STRESS_CONFIGS).filter((c) => c !== 'default').map((configName) => [name, configName] as const));
  test.each(cases)('%s, %s', (name, configName) => check(SCENARIOS[name]!, true, STRESS_CONFIGS[configName]!));
});
