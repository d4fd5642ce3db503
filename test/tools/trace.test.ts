// --trace: the exact event sequence of programs/hello.s; tracing changes
// nothing else; --trace-hits records one event per TLB hit; policy
// --from-trace reads the page reference string back.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { illusion } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'illusion-trace-'));

function trace(args: string[], name: string): { out: ReturnType<typeof illusion>; events: Record<string, unknown>[] } {
  const file = join(dir, name);
  const out = illusion(['run', ...args, '--trace', file]);
  const events = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { out, events };
}

test('hello.s: the exact event sequence', () => {
  const { out, events } = trace(['programs/hello.s'], 'hello.jsonl');
  expect(out).toEqual({ status: 0, stdout: 'Hello from illusion!\n', stderr: '' });
  expect(events).toEqual([
    { cycle: 0, pid: 1, kind: 'process_start', name: 'hello.s', parent: 0 },
    { cycle: 0, pid: 0, kind: 'frame_alloc', frame: 1, use: 'table' },
    { cycle: 0, pid: 0, kind: 'tlb_invalidate', scope: 'asid', asid: 1 },
    { cycle: 0, pid: 1, kind: 'context_switch', from: 0, to: 1 },
    // The first fetch misses and the walk finds no table: a page fault, resolved from the image.
    { cycle: 0, pid: 1, kind: 'tlb_miss', vpn: 1, asid: 1, access: 'fetch' },
    { cycle: 20, pid: 1, kind: 'walk', vpn: 1, pte: 0, refs: 1, fault: 'not-present' },
    { cycle: 1020, pid: 1, kind: 'trap', cause: 'page_fault', pc: 0x1000, address: 0x1000, access: 'fetch' },
    { cycle: 1020, pid: 1, kind: 'frame_alloc', frame: 2, use: 'table' },
    { cycle: 1020, pid: 1, kind: 'frame_alloc', frame: 3, use: 'user' },
    { cycle: 1020, pid: 1, kind: 'tlb_invalidate', scope: 'page', vpn: 1, asid: 1 },
    { cycle: 1020, pid: 1, kind: 'page_fault', address: 0x1000, access: 'fetch', resolution: 'image' },
    // The retry misses again, walks two levels and fills set 1, way 0.
    { cycle: 1020, pid: 1, kind: 'tlb_miss', vpn: 1, asid: 1, access: 'fetch' },
    { cycle: 1060, pid: 1, kind: 'walk', vpn: 1, pte: 0x305b, refs: 2, fault: 'none' },
    { cycle: 1060, pid: 1, kind: 'tlb_fill', vpn: 1, asid: 1, set: 1, way: 0 },
    // write(): the kernel brings in the message's page for the system call.
    { cycle: 2067, pid: 1, kind: 'frame_alloc', frame: 4, use: 'user' },
    { cycle: 2067, pid: 1, kind: 'tlb_invalidate', scope: 'page', vpn: 2, asid: 1 },
    { cycle: 2067, pid: 1, kind: 'page_fault', address: 0x2000, access: 'load', resolution: 'image' },
    // Copying the message sets A in the PTE: no invalidation (no TLB entry holds A=0).
    { cycle: 2067, pid: 1, kind: 'syscall', name: 'write', result: 21 },
    // exit(): every frame is given back.
    { cycle: 2070, pid: 1, kind: 'tlb_invalidate', scope: 'page', vpn: 1, asid: 1 },
    { cycle: 2070, pid: 1, kind: 'frame_free', frame: 3 },
    { cycle: 2070, pid: 1, kind: 'tlb_invalidate', scope: 'page', vpn: 2, asid: 1 },
    { cycle: 2070, pid: 1, kind: 'frame_free', frame: 4 },
    { cycle: 2070, pid: 1, kind: 'frame_free', frame: 2 },
    { cycle: 2070, pid: 1, kind: 'frame_free', frame: 1 },
    { cycle: 2070, pid: 1, kind: 'tlb_invalidate', scope: 'asid', asid: 1 },
    { cycle: 2070, pid: 1, kind: 'process_end', status: 'exited', code: 0 },
  ]);
});

// read() into a .bss page never touched: the kernel takes that fault itself, with no trap.
const READ_BSS = join(dir, 'readbss.s');
writeFileSync(READ_BSS, '_start: li r1, 2\n li r2, 0\n la r3, buf\n li r4, 8\n syscall\n li r1, 0\n li r2, 0\n syscall\n.bss\nbuf: .space 8\n');

// In 8 frames: a clean data page is dropped, then a written bss page goes to swap; each evict names its page.
const EVICTS = join(dir, 'evicts.s');
writeFileSync(EVICTS, [
  '_start: la r5, d', ' lw r6, 0(r5)', ' la r7, b', ' sw r6, 0(r7)', ' sw r6, 4096(r7)', ' sw r6, 8192(r7)',
  ' lw r6, 4096(r5)', ' lw r6, 8192(r5)', ' li r1, 0', ' li r2, 0', ' syscall', '.data', 'd: .space 12288', '.bss', 'b: .space 12288', '',
].join('\n'));

test('evict names the page: a clean page dropped, a dirty one swapped', () => {
  const { out, events } = trace([EVICTS, '--frames', '8'], 'evicts.jsonl');
  expect(out).toEqual({ status: 0, stdout: '', stderr: '' });
  // Text is page 1, d pages 2-4, b pages 5-7. The fault on d's second page drops the first (loaded at the
  // second fault, never written); the one on d's third page writes b's first page (zero-filled, then stored to) to slot 0.
  expect(events.filter((e) => e['kind'] === 'evict')).toEqual([
    { cycle: 6428, pid: 1, kind: 'evict', owner: 1, vpn: 2, frame: 4, to: 'drop', sharers: 1 },
    { cycle: 107549, pid: 1, kind: 'evict', owner: 1, vpn: 5, frame: 5, to: 'swap', slot: 0, sharers: 1 },
  ]);
  // The exact lines, field order included.
  const lines = readFileSync(join(dir, 'evicts.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"evict"'));
  expect(lines).toEqual([
    '{"cycle":6428,"pid":1,"kind":"evict","owner":1,"vpn":2,"frame":4,"to":"drop","sharers":1}',
    '{"cycle":107549,"pid":1,"kind":"evict","owner":1,"vpn":5,"frame":5,"to":"swap","slot":0,"sharers":1}',
  ]);
});

test('evict names the page a later swap_in of its slot brings back, shared pages too (cow, 8 frames)', () => {
  const { events } = trace(['programs/cow.s', '--frames', '8'], 'cow-evicts.jsonl');
  const wrote = new Map<number, Record<string, unknown>>();
  let checked = 0;
  let shared = 0;
  for (const e of events) {
    if (e['kind'] === 'evict' && e['to'] === 'swap') wrote.set(e['slot'] as number, e);
    if (e['kind'] !== 'swap_in') continue;
    const out = wrote.get(e['slot'] as number)!;
    // Forked sharers map the page at the same vpn, so whichever of them faults it back in names the evict's page.
    expect([e['slot'], e['vpn']]).toEqual([e['slot'], out['vpn']]);
    checked++;
    if ((out['sharers'] as number) > 1) shared++;
  }
  expect([checked, shared]).toEqual([20, 6]);
});

const SAME_WITH_AND_WITHOUT: [string, string[]][] = [
  ['forkwait, default', ['programs/forkwait.s']],
  ['cow, 8 frames: copies, reclaims, swaps and clean drops', ['programs/cow.s', '--frames', '8']],
  ['read into untouched bss', [READ_BSS]],
  ['a drop and a swap in 8 frames', [EVICTS, '--frames', '8']],
  ['sieve, small TLB', ['programs/sieve.s', '--tlb-entries', '4', '--tlb-ways', '2']],
  ['tlb, direct-mapped fifo', ['programs/tlb.s', '--tlb-entries', '8', '--tlb-ways', '1', '--tlb-policy', 'fifo']],
  ['swap, few frames, random TLB', ['programs/swap.s', '--frames', '64', '--tlb-policy', 'random', '--quantum', '7']],
  ['attack and bystander', ['programs/attacks/mem-null-write.s', 'programs/attacks/bystander.s', '--quantum', '3']],
];

test.each(SAME_WITH_AND_WITHOUT)('tracing changes nothing: %s', (name, args) => {
  const plain = illusion(['run', ...args, '--json']);
  const traced = trace([...args, '--json'], `${name.replace(/\W+/g, '-')}.jsonl`);
  expect(traced.out).toEqual(plain);
  const stats = (JSON.parse(plain.stdout) as { stats: Record<string, number> }).stats;
  const count = (kind: string) => traced.events.filter((e) => e['kind'] === kind).length;
  // Without --trace-hits: every miss, walk and page fault, no hits.
  expect(count('tlb_hit')).toBe(0);
  expect(count('tlb_miss')).toBe(stats['tlb_misses']);
  expect(count('walk')).toBe(stats['page_walks']);
  expect(count('context_switch')).toBe(stats['context_switches']);
  expect(count('swap_in')).toBe(stats['swap_ins']);
  expect(traced.events.filter((e) => e['kind'] === 'evict' && e['to'] === 'swap').length).toBe(stats['swap_outs']);
  // The resolutions as docs/kill-reports.md ("--json run statistics") counts them.
  const resolved = (r: string) => traced.events.filter((e) => e['kind'] === 'page_fault' && e['resolution'] === r).length;
  expect(count('page_fault')).toBe(stats['page_faults']);
  expect(resolved('zero-fill') + resolved('stack-growth')).toBe(stats['zero_fills']);
  expect([resolved('image'), resolved('copy-on-write'), resolved('cow-reclaim'), resolved('swap-in')])
    .toEqual([stats['image_loads'], stats['cow_copies'], stats['cow_reclaims'], stats['swap_ins']]);
  expect(traced.events.filter((e) => e['kind'] === 'evict' && e['to'] === 'drop').length).toBe(stats['clean_drops']);
  expect(count('process_start')).toBe(stats['processes']);
});

test('--trace-hits records every hit; policy --from-trace reads the reference string', () => {
  const { out, events } = trace(['programs/hello.s', '--trace-hits', '--json'], 'hits.jsonl');
  const stats = (JSON.parse(out.stdout) as { stats: Record<string, number> }).stats;
  const accesses = events.filter((e) => e['kind'] === 'tlb_hit' || e['kind'] === 'tlb_miss');
  expect(accesses.length).toBe(stats['tlb_hits']! + stats['tlb_misses']!);
  // The first hit: the second instruction's fetch, one cycle after the fill (entry 4 = set 1, way 0).
  expect(events.filter((e) => e['kind'] === 'tlb_hit')[0]).toEqual({ cycle: 1061, pid: 1, kind: 'tlb_hit', vpn: 1, asid: 1, entry: 4, access: 'fetch' });
  const policy = illusion(['policy', '--policy', 'fifo', '--frames', '1', '--from-trace', join(dir, 'hits.jsonl'), '--pid', '1', '--json']);
  expect(policy.status).toBe(0);
  const sim = JSON.parse(policy.stdout) as { hits: number; misses: number };
  // hello.s translates only its code page: 11 accesses to page 1, the first a miss.
  expect([sim.hits, sim.misses]).toEqual([10, 1]);
  expect(illusion(['policy', '--frames', '1', '--from-trace', join(dir, 'hits.jsonl'), '--pid', '2'])).toMatchObject({ status: 2 });
});

test('yield is logged when it gives up the CPU; a sleep that blocks when it blocks and again when it wakes; sleep(0) at once', () => {
  const file = join(dir, 'yield-sleep.s');
  writeFileSync(file, [
    '_start: li r1, 7', '  syscall', // yield
    '  li r1, 11', '  li r2, 2', '  syscall', // sleep 2 ticks
    '  li r1, 11', '  li r2, 0', '  syscall', // sleep 0: returns at once
    '  li r1, 0', '  li r2, 0', '  syscall',
  ].join('\n'));
  const { out, events } = trace([file, '--quantum', '5'], 'yield-sleep.jsonl');
  expect(out).toEqual({ status: 0, stdout: '', stderr: '' });
  expect(events.filter((e) => e['kind'] === 'syscall' || e['kind'] === 'syscall_blocked' || e['kind'] === 'process_end')).toEqual([
    { cycle: 1062, pid: 1, kind: 'syscall', name: 'yield', result: 0 },
    { cycle: 1065, pid: 1, kind: 'syscall_blocked', name: 'sleep' },
    // Nobody else runs: the clock skips to the wake-up, 2 ticks after the sleep.
    { cycle: 1070, pid: 1, kind: 'syscall', name: 'sleep', result: 0 },
    { cycle: 1073, pid: 1, kind: 'syscall', name: 'sleep', result: 0 },
    { cycle: 1076, pid: 1, kind: 'process_end', status: 'exited', code: 0 },
  ]);
});

test('a kill in the trace says why: cause, reason and region, as the kill report does', () => {
  const { events } = trace(['programs/attacks/mem-null-write.s', 'programs/attacks/bystander.s'], 'kill-reason');
  const ends = events.filter((e) => e['kind'] === 'process_end').map(({ cycle: _c, ...e }) => e);
  expect(ends).toEqual([
    { kind: 'process_end', pid: 1, status: 'killed', cause: 'bad_access', reason: 'null_page', pc: 0x100c, address: 0xffc },
    { kind: 'process_end', pid: 2, status: 'exited', code: 0 },
  ]);
});

test('a wait that blocks is logged when it blocks and when it returns (after the child ends, with the reaped pid)', () => {
  const { out, events } = trace(['test/tools/programs/waitnap.s'], 'waitnap.jsonl');
  expect(out).toEqual({ status: 3, stdout: '', stderr: '' });
  const kinds = new Set(['syscall', 'syscall_blocked', 'process_start', 'process_end', 'context_switch']);
  expect(events.filter((e) => kinds.has(e['kind'] as string))).toEqual([
    { cycle: 0, pid: 1, kind: 'process_start', name: 'waitnap.s', parent: 0 },
    { cycle: 0, pid: 1, kind: 'context_switch', from: 0, to: 1 },
    { cycle: 1062, pid: 2, kind: 'process_start', name: 'waitnap.s', parent: 1 },
    { cycle: 1062, pid: 1, kind: 'syscall', name: 'fork', result: 2 },
    { cycle: 1067, pid: 1, kind: 'syscall_blocked', name: 'wait' },
    { cycle: 1067, pid: 2, kind: 'context_switch', from: 1, to: 2 },
    { cycle: 1111, pid: 2, kind: 'syscall_blocked', name: 'sleep' },
    { cycle: 21100, pid: 2, kind: 'syscall', name: 'sleep', result: 0 },
    { cycle: 21103, pid: 2, kind: 'process_end', status: 'exited', code: 3 },
    { cycle: 22103, pid: 1, kind: 'syscall', name: 'wait', result: 2 },
    { cycle: 22103, pid: 1, kind: 'context_switch', from: 0, to: 1 },
    { cycle: 22149, pid: 1, kind: 'process_end', status: 'exited', code: 3 },
  ]);
});

test('sleep.s: the trace shows who slept and when each woke, in order of their deadlines', () => {
  const { out, events } = trace(['programs/sleep.s'], 'sleep.jsonl');
  expect(out.status).toBe(0);
  const sleeps = events.filter((e) => e['name'] === 'sleep' || e['name'] === 'wait');
  expect(sleeps).toEqual([
    { cycle: 2141, pid: 1, kind: 'syscall_blocked', name: 'wait' },
    { cycle: 2186, pid: 2, kind: 'syscall_blocked', name: 'sleep' }, // 30 ticks, at tick 0
    { cycle: 2231, pid: 3, kind: 'syscall_blocked', name: 'sleep' }, // 10 ticks, at tick 0
    { cycle: 102200, pid: 3, kind: 'syscall', name: 'sleep', result: 0 }, // tick 10
    { cycle: 105698, pid: 1, kind: 'syscall', name: 'wait', result: 3 },
    { cycle: 106086, pid: 1, kind: 'syscall_blocked', name: 'wait' },
    { cycle: 305420, pid: 2, kind: 'syscall', name: 'sleep', result: 0 }, // tick 30
    { cycle: 307918, pid: 1, kind: 'syscall', name: 'wait', result: 2 },
  ]);
});

test("a killed process's end says where it was (pc), and for kill() who killed it, also when no trap preceded it", () => {
  const limit = trace(['test/tools/programs/runaway.s', '--max-instructions', '1000'], 'limit.jsonl');
  expect(limit.events.filter((e) => e['kind'] === 'process_end')).toEqual([
    { cycle: 2060, pid: 1, kind: 'process_end', status: 'killed', cause: 'instruction_limit', reason: 'max_instructions', pc: 0x1014 },
  ]);
  const killed = trace(['test/tools/programs/killchild.s'], 'killchild.jsonl');
  expect(killed.events.filter((e) => e['kind'] === 'process_end').map(({ cycle: _c, ...e }) => e)).toEqual([
    { pid: 2, kind: 'process_end', status: 'killed', cause: 'killed', reason: 'kill_syscall', pc: 0x1008, killer: 1 },
    { pid: 1, kind: 'process_end', status: 'exited', code: 0 },
  ]);
});

test('debug --trace writes the trace of the debugged run: the same as run --trace; restart starts the file afresh', () => {
  const ran = trace(['test/tools/programs/waitnap.s'], 'waitnap-run.jsonl');
  const file = join(dir, 'waitnap-debug.jsonl');
  const whole = illusion(['debug', 'test/tools/programs/waitnap.s', '--trace', file], 'c\nc\n');
  expect(whole.status).toBe(0);
  expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(dir, 'waitnap-run.jsonl'), 'utf8'));
  // Stopped at the wait after a restart: the file holds the new run up to the stop, the old one is gone.
  const again = illusion(['debug', 'test/tools/programs/waitnap.s', '--trace', file], 'c\nrestart\nbreak :10\nc\n');
  expect(again.status).toBe(0);
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines).toEqual(ran.events.slice(0, lines.length));
  expect(lines.filter((e) => e['kind'] === 'process_start').map((e) => e['pid'])).toEqual([1, 2]);
  expect(lines.at(-1)).toEqual({ cycle: 1062, pid: 1, kind: 'syscall', name: 'fork', result: 2 });
});

// Found by dbg23: a system call with a number the kernel does not have is
// named by its number (#99) with ENOSYS; docs/trace.md did not say so.
test('a system call with an unknown number is logged as #N with its ENOSYS result', () => {
  const file = join(dir, 'nosys.s');
  writeFileSync(file, '        .text\n_start: li   r1, 99\n        syscall\n        mv   r2, r1\n        li   r1, 0\n        syscall\n');
  const { out, events } = trace([file], 'nosys.jsonl');
  expect(out.status).toBe(218); // exit(-38): ENOSYS, low 8 bits
  expect(events.filter((e) => e['kind'] === 'syscall')).toEqual([{ cycle: 1062, pid: 1, kind: 'syscall', name: '#99', result: -38 }]);
});
