// views/eventText.ts: the words for each kind of trace event (docs/trace.md's
// fields), including the ones the CLI tests' programs rarely make.
import { describe, expect, test } from 'vitest';
import { eventWords, syscallResultText, TRACE_KINDS } from '../../views/eventText.js';

describe('eventWords', () => {
  test.each([
    [{ kind: 'tlb_hit', vpn: 0x7ffff, asid: 3, entry: 17, access: 'load' }, 'TLB hit: load from page 0x7ffff (ASID 3), entry 17'],
    [{ kind: 'walk', vpn: 2, pte: 0, refs: 2, fault: 'protection' }, 'walk of page 0x00002: not allowed (2 page-table words read)'],
    // 0x5057: frame 5, V R W U A (0x57); rights as the user sees them.
    [{ kind: 'walk', vpn: 3, pte: 0x5057, refs: 2, fault: 'none' }, 'walk of page 0x00003: frame 5, rw- (2 page-table words read)'],
    [{ kind: 'evict', owner: 1, vpn: 2, frame: 4, to: 'drop', sharers: 1 }, 'page 0x00002 of pid 1 leaves frame 4, dropped (clean: it can be made again)'],
    [{ kind: 'evict', owner: 2, vpn: 9, frame: 7, to: 'swap', slot: 0, sharers: 3 }, 'page 0x00009 of pid 2 (shared by 3) leaves frame 7 for swap slot 0'],
    [{ kind: 'tlb_fill', vpn: 4, asid: 1, set: 0, way: 3, evicted_vpn: 8, evicted_asid: 2 }, 'page 0x00004 (ASID 1) cached in set 0, way 3, replacing page 0x00008 (ASID 2)'],
    [{ kind: 'tlb_invalidate', scope: 'all' }, 'every entry dropped'],
    [{ kind: 'context_switch', from: 1, to: 2 }, 'pid 1 -> pid 2'],
    [{ kind: 'syscall', name: 'mmap', result: 0x7fdfe000 }, 'mmap returns 0x7fdfe000'],
    [{ kind: 'syscall', name: 'wait', result: -10 }, 'wait returns -10, ECHILD'],
    [{ kind: 'syscall_blocked', name: 'sleep' }, 'sleep blocks: the process gives up the CPU'],
    [{ kind: 'page_fault', address: 0x3004, access: 'store', resolution: 'cow-reclaim' }, 'store to 0x00003004 (page 0x00003): made writable again without a copy: no one else shares it any more'],
    [{ kind: 'page_fault', address: 0x5000, access: 'load', resolution: 'swap-in' }, 'load from 0x00005000 (page 0x00005): read back from swap'],
    [{ kind: 'page_fault', address: 0x80000000, access: 'load', resolution: 'kill' }, 'load from 0x80000000 (page 0x80000): not allowed: the process is killed'],
    [{ kind: 'process_end', status: 'killed', cause: 'out_of_memory', reason: 'largest', pc: 0x1008 }, 'killed: out_of_memory (largest); pc 0x00001008'],
    [{ kind: 'process_end', status: 'killed', cause: 'bad_access', reason: 'protection', region: 'text', address: 0x1000, pc: 0x1010 }, 'killed: bad_access (protection); address 0x00001000 in text, pc 0x00001010'],
    [{ kind: 'trap', cause: 'misaligned', pc: 0x1004, address: 0x2002, access: 'load' }, 'misaligned at pc 0x00001004: load from 0x00002002'],
    [{ kind: 'trap', cause: 'illegal_instruction', pc: 0x1004 }, 'illegal_instruction at pc 0x00001004'],
    [{ kind: 'process_start', name: 'hello.s', parent: 0 }, 'hello.s starts (from the command line)'],
    [{ kind: 'process_start', name: 'hello.s', parent: 1 }, 'hello.s starts, forked by pid 1'],
    // Before, a process_start without a parent (or a name) said 'forked by pid NaN' ('undefined starts').
    [{ kind: 'process_start', name: 'hello.s' }, 'hello.s starts'],
    [{ kind: 'process_start', name: 'hello.s', parent: null }, 'hello.s starts'],
    [{ kind: 'process_start' }, 'a process starts'],
  ])('%o', (event, words) => {
    expect(eventWords(event)).toBe(words);
  });

  test('a kind this version does not know shows its fields', () => {
    expect(eventWords({ kind: 'future_kind', cycle: 5, pid: 1, frame: 3, what: 'x', list: [1, 2] })).toBe('frame=3 what=x list=[1,2]');
  });

  test('every kind in TRACE_KINDS has words of its own (not the fallback of fields)', () => {
    for (const kind of TRACE_KINDS) expect(eventWords({ kind })).not.toBe('');
  });
});

test('syscallResultText: addresses of mmap and sbrk in hex, errors by name, other results as numbers', () => {
  expect([syscallResultText('sbrk', 0x3000), syscallResultText('read', 0), syscallResultText('fork', -11), syscallResultText('write', -14)])
    .toEqual(['0x00003000', '0', '-11, EAGAIN', '-14, EFAULT']);
});
