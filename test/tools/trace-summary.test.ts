// `illusion trace FILE --summary`: a trace's totals (events by kind, faults
// by resolution) and the costliest pages, from a real run and from events
// made up to pin the rules (who an eviction is charged to, the order, the cut).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { SUMMARY_PAGES, TraceSummary } from '../../views/traceSummary.js';
import { illusion } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'illusion-trace-summary-'));

test('hello.s with --trace-hits: every kind counted, the two pages with their hits and misses', () => {
  const file = join(dir, 'hello.jsonl');
  expect(illusion(['run', 'programs/hello.s', '--trace', file, '--trace-hits']).status).toBe(0);
  const r = illusion(['trace', file, '--summary']);
  expect([r.status, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toBe([
    'kind            events  each event is',
    'process_start        1  a process was created (by the loader or by fork)',
    'process_end          1  a process ended (exited or killed)',
    'context_switch       1  the kernel put a process on the CPU',
    'trap                 1  the CPU trapped to the kernel (any cause but a system call or a timer tick)',
    'page_fault           2  a page fault, the CPU\'s or one the kernel took for a system call (how: the next table)',
    'frame_alloc          4  a frame was taken, for a user page or a page table',
    'frame_free           4  a frame was given back',
    'syscall              1  a system call returned',
    'tlb_miss             2  a translation missed the TLB (an access retried after a fault misses again)',
    'walk                 2  the MMU walked the page table: after a miss, or to set D on a first store',
    'tlb_fill             1  a translation was cached (a walk that faulted caches none)',
    'tlb_invalidate       6  the kernel dropped TLB entries: one page\'s, an ASID\'s or all',
    'tlb_hit              9  a translation hit the TLB (traced with --trace-hits only)',
    'all                 35',
    '',
    'page faults resolved by  faults',
    'image                         2',
    '',
    'the costliest pages: all 2, with 2 of the 2 TLB misses',
    'pid  page     address     tlb_hits  tlb_misses  page_faults  evictions',
    '  1  0x00001  0x00001000         9           2            1          0',
    '  1  0x00002  0x00002000         0           0            1          0',
    '',
  ].join('\n'));
});

test('cow.s, the trace a student makes first: each kind says what one event is, so that the counts that disagree read right', () => {
  const file = join(dir, 'cow-default.jsonl');
  expect(illusion(['run', 'programs/cow.s', '--trace', file]).status).toBe(0);
  const rows = illusion(['trace', file, '--summary']).stdout.split('\n');
  // 35 walks for 34 misses (one walk set D on a first store), 24 fills (the 10 misses whose walk faulted
  // fill nothing), 14 traps for 15 faults (wait's status word: the kernel's own fault): each line says why.
  expect(rows.filter((l) => /^(trap|page_fault|tlb_miss|walk|tlb_fill) /.test(l))).toEqual([
    'trap                 14  the CPU trapped to the kernel (any cause but a system call or a timer tick)',
    'page_fault           15  a page fault, the CPU\'s or one the kernel took for a system call (how: the next table)',
    'tlb_miss             34  a translation missed the TLB (an access retried after a fault misses again)',
    'walk                 35  the MMU walked the page table: after a miss, or to set D on a first store',
    'tlb_fill             24  a translation was cached (a walk that faulted caches none)',
  ]);
  const events = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(events.filter((e) => e['kind'] === 'walk' && e['fault'] !== 'none')).toHaveLength(34 - 24);
  expect(events.filter((e, i) => e['kind'] === 'walk' && events[i - 1]?.['kind'] !== 'tlb_miss')).toHaveLength(1);
});

test('--summary takes --kind and --pid first; when nothing is left, stderr says so', () => {
  const file = join(dir, 'cow.jsonl');
  expect(illusion(['run', 'programs/cow.s', '--frames', '8', '--trace', file]).status).toBe(0);
  const faults = illusion(['trace', file, '--summary', '--kind', 'page_fault']);
  const lines = faults.stdout.split('\n');
  // Only page faults are left: their count is the whole, and the resolutions add up to it.
  const count = /^page_fault +(\d+)  /.exec(lines[1]!)?.[1];
  expect(lines.slice(0, 3)).toEqual([
    'kind        events  each event is',
    `page_fault  ${count!.padStart(6)}  a page fault, the CPU's or one the kernel took for a system call (how: the next table)`,
    `all         ${count!.padStart(6)}`,
  ]);
  const from = lines.indexOf('page faults resolved by  faults') + 1;
  const resolved = lines.slice(from, lines.indexOf('', from));
  expect(resolved.length).toBeGreaterThan(1);
  expect(resolved.reduce((sum, l) => sum + Number(/(\d+)$/.exec(l)![1]), 0)).toBe(Number(count));
  // No TLB events are left, so the pages' line says nothing of misses.
  expect(lines).toContain('the costliest pages: 10 of 16');
  const none = illusion(['trace', file, '--summary', '--pid', '9']);
  expect([none.status, none.stdout, none.stderr]).toEqual([0, '', `trace: no events of pid 9 in '${file}' (its processes: 1, 2)\n`]);
});

test('an eviction is charged to the page that left (its owner), not to the process that needed the frame', () => {
  const s = new TraceSummary();
  s.add({ cycle: 1, pid: 2, kind: 'evict', owner: 1, vpn: 5, frame: 3, to: 'swap', slot: 0, sharers: 1 });
  s.add({ cycle: 2, pid: 1, kind: 'page_fault', address: 0x5004, access: 'load', resolution: 'swap-in' });
  s.add({ cycle: 3, pid: 1, kind: 'tlb_miss', vpn: 5, asid: 1, access: 'load' });
  expect(s.format().split('\n').slice(-3)).toEqual([
    'pid  page     address     tlb_misses  page_faults  evictions',
    '  1  0x00005  0x00005000           1            1          1',
    '',
  ]);
});

test('pages come costliest first (misses, then faults, evictions, pid, page), cut at ten', () => {
  const s = new TraceSummary();
  for (let vpn = 0; vpn < 14; vpn++) {
    for (let i = 0; i < vpn % 5; i++) s.add({ cycle: 0, pid: 1 + (vpn % 2), kind: 'tlb_miss', vpn, asid: 1, access: 'load' });
    s.add({ cycle: 0, pid: 1 + (vpn % 2), kind: 'page_fault', address: vpn * 4096, access: 'load', resolution: 'zero-fill' });
  }
  const lines = s.format().split('\n');
  const head = lines.findIndex((l) => l.startsWith('the costliest pages'));
  // Misses are vpn % 5, one fault each: ties go to the lower pid, then the lower page.
  expect(lines[head]).toBe(`the costliest pages: ${SUMMARY_PAGES} of 14, with 25 of the 26 TLB misses`);
  expect(lines.slice(head + 2, head + 2 + SUMMARY_PAGES).map((l) => l.trim().split(/ +/).slice(0, 2).join(' '))).toEqual([
    '1 0x00004', '2 0x00009', '1 0x00008', '2 0x00003', '2 0x0000d', '1 0x00002', '1 0x0000c', '2 0x00007', '1 0x00006', '2 0x00001',
  ]);
  expect(lines[head + 2 + SUMMARY_PAGES]).toBe('');
});
