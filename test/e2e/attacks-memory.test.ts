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
      reason: string;
      region?: string;
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

/** `why` is the reason, or `reason/region` when the kill names a region. */
const killed = (cause: string, why: string, pc: number, line: number | undefined, access?: 'fetch' | 'load' | 'store', address?: number): Verdict => {
  const [reason, region] = why.split('/') as [string, string | undefined];
  return {
    kind: 'killed', cause, reason, ...(region !== undefined ? { region } : {}),
    pc, ...(line !== undefined ? { line } : {}), ...(access ? { access, address } : {}),
  };
};
const badAccess = (why: string, access: 'fetch' | 'load' | 'store', address: number, pc: number, line?: number): Verdict =>
  killed('bad_access', why, pc, line, access, address);

const SCENARIOS: Record<string, Scenario> = {
  'null read': { attackers: attack('mem-null-read.s'), verdict: badAccess('null_page', 'load', 0x0, 0x1004, 9) },
  'null write (last word of the null page)': { attackers: attack('mem-null-write.s'), verdict: badAccess('null_page', 'store', 0xffc, 0x100c, 11) },
  'null jump': { attackers: attack('mem-null-jump.s'), verdict: badAccess('null_page', 'fetch', 0x0, 0x0) },
  'kernel read at 0x80000000': { attackers: attack('mem-kernel-read.s'), verdict: badAccess('kernel_half', 'load', 0x80000000, 0x1004, 12) },
  'kernel read of the last physical frame': {
    attackers: variant('mem-kernel-read.s', 'li   r2, 0x80000000', 'li   r2, 0x803FF000'),
    verdict: badAccess('kernel_half', 'load', 0x803ff000, 0x1008, 12), // li takes two words here
  },
  'kernel read past physical memory': {
    attackers: variant('mem-kernel-read.s', 'li   r2, 0x80000000', 'li   r2, 0xFFFFFFFC'),
    verdict: badAccess('kernel_half', 'load', 0xfffffffc, 0x1004, 12),
  },
  'kernel write': { attackers: attack('mem-kernel-write.s'), verdict: badAccess('kernel_half', 'store', 0x80001000, 0x100c, 11) },
  'kernel jump': { attackers: attack('mem-kernel-jump.s'), verdict: badAccess('kernel_half', 'fetch', 0x80001000, 0x80001000) },
  'write into own .text': { attackers: attack('mem-text-write.s'), verdict: badAccess('protection/text', 'store', 0x1010, 0x100c, 12) },
  'execute .data': { attackers: attack('mem-exec-data.s'), verdict: badAccess('protection/data', 'fetch', 0x2000, 0x2000, 28) },
  'execute the stack': { attackers: attack('mem-exec-stack.s'), verdict: badAccess('protection/stack', 'fetch', 0x7ffffff4, 0x7ffffff4) },
  'execute the heap': { attackers: attack('mem-exec-heap.s'), verdict: badAccess('protection/heap', 'fetch', 0x3000, 0x3000) },
  'execute an RW mmap page': { attackers: attack('mem-exec-mmap.s'), verdict: badAccess('protection/mmap', 'fetch', 0x7fdff000, 0x7fdff000) },
  'W^X policy (mmap/mprotect)': {
    attackers: attack('mem-wx-policy.s'),
    verdict: { kind: 'exited', code: 0, stdout: () => 'mem-wx-policy: PASS W^X held\n' },
  },
  'guard page': { attackers: attack('mem-guard-page.s'), verdict: badAccess('guard_page', 'load', 0x7feff000, 0x1008, 11) },
  'unbounded recursion into the guard page': { attackers: attack('mem-recursion.s'), verdict: badAccess('guard_page', 'store', 0x7fefffc0, 0x1010, 16) },
  'stale TLB after munmap': { attackers: attack('mem-stale-munmap.s'), verdict: badAccess('unmapped', 'load', 0x7fdff000, 0x1040, 26) },
  'stale TLB after mprotect': { attackers: attack('mem-stale-mprotect.s'), verdict: badAccess('protection/mmap', 'store', 0x7fdff004, 0x1040, 26) },
  'stale TLB after sbrk down': { attackers: attack('mem-stale-sbrk.s'), verdict: badAccess('unmapped', 'load', 0x4000, 0x1040, 27) },
  'misaligned load': { attackers: attack('mem-misaligned-load.s'), verdict: killed('misaligned', 'word_load/data', 0x100c, 10, 'load', 0x2001) },
  'misaligned store': { attackers: attack('mem-misaligned-store.s'), verdict: killed('misaligned', 'word_store/data', 0x1010, 10, 'store', 0x2002) },
  'misaligned jump': { attackers: attack('mem-misaligned-jump.s'), verdict: killed('misaligned', 'jump_target/text', 0x1008, 10, 'fetch', 0x1012) },
  'privileged: halt': { attackers: attack('mem-privileged.s'), verdict: killed('privileged_instruction', 'supervisor_only', 0x1004, 13) },
  'privileged: setptbr': {
    attackers: variant('mem-privileged.s', '        halt      ', '        setptbr r2'),
    verdict: killed('privileged_instruction', 'supervisor_only', 0x1004, 13),
  },
  'privileged: tlbflush': {
    attackers: variant('mem-privileged.s', '        halt    ', '        tlbflush'),
    verdict: killed('privileged_instruction', 'supervisor_only', 0x1004, 13),
  },
  'privileged: iret': {
    attackers: variant('mem-privileged.s', '        halt', '        iret'),
    verdict: killed('privileged_instruction', 'supervisor_only', 0x1004, 13),
  },
  'illegal: the all-zero word': { attackers: attack('mem-illegal.s'), verdict: killed('illegal_instruction', 'zero_word/text', 0x1004, 12) },
  'illegal: unassigned opcode': {
    attackers: variant('mem-illegal.s', '.word 0x00000000', '.word 0xFF000000'),
    verdict: killed('illegal_instruction', 'unassigned_opcode/text', 0x1004, 12),
  },
  'illegal: must-be-zero bits set': {
    attackers: variant('mem-illegal.s', '.word 0x00000000', '.word 0x01000001'),
    verdict: killed('illegal_instruction', 'nonzero_reserved_bits/text', 0x1004, 12),
  },
  'divide by zero: div': { attackers: attack('mem-divzero.s'), verdict: killed('divide_by_zero', 'zero_divisor', 0x1008, 11) },
  'divide by zero: divu': { attackers: variant('mem-divzero.s', 'div  r4', 'divu r4'), verdict: killed('divide_by_zero', 'zero_divisor', 0x1008, 11) },
  'divide by zero: rem': { attackers: variant('mem-divzero.s', 'div  r4', 'rem  r4'), verdict: killed('divide_by_zero', 'zero_divisor', 0x1008, 11) },
  'divide by zero: remu': { attackers: variant('mem-divzero.s', 'div  r4', 'remu r4'), verdict: killed('divide_by_zero', 'zero_divisor', 0x1008, 11) },
  breakpoint: { attackers: attack('mem-brk.s'), verdict: killed('breakpoint', 'brk_instruction', 0x1000, 8) },
  'recycled ASID after a process ends': {
    attackers: attack('mem-stale-asid.s'),
    verdict: { kind: 'exited', code: 0, stdout: () => 'mem-stale-asid: PASS no stale translation survived\n' },
    forked: [{ kind: 'exited', code: 0, stdout: () => '' }, { kind: 'exited', code: 0, stdout: () => '' }],
  },
  'code rewritten in a page a forked child shares': {
    attackers: attack('mem-cow-code.s'),
    verdict: { kind: 'exited', code: 0, stdout: () => 'mem-cow-code: PASS the child kept its code\n' },
    forked: [{ kind: 'exited', code: 0, stdout: () => '' }],
  },
  'two copies at the same virtual addresses': {
    attackers: () => [program('programs/attacks/mem-same-address.s'), program('programs/attacks/mem-same-address.s')],
    verdict: { kind: 'exited', code: 0, stdout: (pid) => `mem-same-address: PASS pid ${pid} kept its own memory\n` },
  },
};

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

const escape = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The process result and kill line a verdict means for the attacker running
 * as `pid`. The line's words between cause and reason are checked exactly in
 * test/e2e/kill-reasons.test.ts; here its fixed parts are.
 */
function expected(verdict: Verdict, pid: number, name: string, parent: number): { result: Partial<ProcessResult>; killLine?: RegExp } {
  if (verdict.kind === 'exited') {
    return { result: { pid, name, parent, status: 'exited', code: verdict.code, stdout: verdict.stdout(pid), stderr: '', stats: expect.any(Object) } };
  }
  const { cause, reason, region, access, address, pc, line } = verdict;
  const result: Partial<ProcessResult> = {
    pid, name, parent, status: 'killed', cause,
    ...(access !== undefined ? { access, address } : {}),
    pc,
    ...(line !== undefined ? { line, file: name } : {}),
    reason,
    ...(region !== undefined ? { region } : {}),
    stdout: '', stderr: '', stats: expect.any(Object),
  };
  const where = `pc ${hex(pc)}${line !== undefined ? `, ${name}:${line}` : ''}`;
  const addressText = address !== undefined ? `.*${hex(address)}` : '';
  return { result, killLine: new RegExp(`^${escape(`pid ${pid} (${name}) killed: ${cause}: `)}${addressText}.* ${escape(`(${reason}); ${where}`)}$`) };
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
  const wantLines: RegExp[] = [];
  expect(result.processes).toHaveLength(programs.length + forked.length);
  result.processes.forEach((p, i) => {
    const pid = i + 1;
    if (programs[i] === bystander) {
      expect(p).toEqual({ pid, name: 'bystander.s', parent: 0, status: 'exited', code: 0, stdout: BYSTANDER_STDOUT, stderr: '', stats: expect.any(Object) });
      return;
    }
    const forkedIndex = i - programs.length;
    const verdict = forkedIndex < 0 ? scenario.verdict : forked[forkedIndex]!;
    // A forked process's parent is the attacker that forked it (the scenarios with children have one attacker).
    const want = expected(verdict, pid, forkedIndex < 0 ? programs[i]!.name : attackers[0]!.name, forkedIndex < 0 ? 0 : programs.indexOf(attackers[0]!) + 1);
    expect(p).toEqual(want.result);
    if (want.killLine !== undefined) wantLines.push(want.killLine);
  });
  // An attacker that runs first dies before the bystander runs; one that runs
  // second dies in its first quantum, while the bystander is mid-way through.
  expect(killLines).toHaveLength(wantLines.length);
  killLines.forEach((l, i) => expect(l).toMatch(wantLines[i]!));
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
