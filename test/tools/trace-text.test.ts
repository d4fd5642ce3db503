// `illusion trace FILE`: a trace of `run --trace` one event a line in words,
// filtered by pid and kind, streamed, and bad files refused with exit 2.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { CLI, illusion } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'illusion-trace-text-'));

function traced(program: string, name: string, flags: string[] = []): string {
  const file = join(dir, name);
  const r = illusion(['run', program, ...flags, '--trace', file]);
  expect(r.status === 0 || r.status! > 128).toBe(true);
  return file;
}

const HEADER = '     cycle  pid  kind             what happened';

test('hello.s: the trace of docs/trace.md in words, from the first fetch to the exit', () => {
  const r = illusion(['trace', traced('programs/hello.s', 'hello.jsonl')]);
  expect([r.status, r.stderr]).toEqual([0, '']);
  expect(r.stdout.split('\n')).toEqual([
    HEADER,
    '         0    1  process_start    hello.s starts (from the command line)',
    '         0    -  frame_alloc      frame 1 taken for a page table',
    '         0    -  tlb_invalidate   every entry of ASID 1 dropped',
    '         0    1  context_switch   pid 1 gets the CPU',
    '         0    1  tlb_miss         TLB miss: fetch from page 0x00001 (ASID 1)',
    '        20    1  walk             walk of page 0x00001: not present (1 page-table word read)',
    '      1020    1  trap             page_fault at pc 0x00001000: fetch from 0x00001000',
    '      1020    1  frame_alloc      frame 2 taken for a page table',
    '      1020    1  frame_alloc      frame 3 taken for a user page',
    '      1020    1  tlb_invalidate   page 0x00001 (ASID 1) dropped',
    '      1020    1  page_fault       fetch from 0x00001000 (page 0x00001): loaded from the program image',
    '      1020    1  tlb_miss         TLB miss: fetch from page 0x00001 (ASID 1)',
    '      1060    1  walk             walk of page 0x00001: frame 3, r-x (2 page-table words read)',
    '      1060    1  tlb_fill         page 0x00001 (ASID 1) cached in set 1, way 0',
    // write's buffer is on the data page: the kernel takes its fault itself, before the call.
    '      2067    1  frame_alloc      frame 4 taken for a user page',
    '      2067    1  tlb_invalidate   page 0x00002 (ASID 1) dropped',
    '      2067    1  page_fault       load from 0x00002000 (page 0x00002): loaded from the program image',
    '      2067    1  syscall          write returns 21',
    '      2070    1  tlb_invalidate   page 0x00001 (ASID 1) dropped',
    '      2070    1  frame_free       frame 3 freed',
    '      2070    1  tlb_invalidate   page 0x00002 (ASID 1) dropped',
    '      2070    1  frame_free       frame 4 freed',
    '      2070    1  frame_free       frame 2 freed',
    '      2070    1  frame_free       frame 1 freed',
    '      2070    1  tlb_invalidate   every entry of ASID 1 dropped',
    '      2070    1  process_end      exits with code 0',
    '',
  ]);
});

test('cow.s: --pid 2 --kind page_fault shows the child copying each of the 4 shared pages, then its own first touches', () => {
  const r = illusion(['trace', traced('programs/cow.s', 'cow.jsonl'), '--pid', '2', '--kind', 'page_fault']);
  const lines = r.stdout.trimEnd().split('\n');
  expect(lines[0]).toBe(HEADER);
  expect(lines.slice(1).map((l) => l.slice(34))).toEqual([
    'store to 0x00003000 (page 0x00003): copied: the page was shared after fork (copy-on-write)',
    'store to 0x00004000 (page 0x00004): copied: the page was shared after fork (copy-on-write)',
    'store to 0x00005000 (page 0x00005): copied: the page was shared after fork (copy-on-write)',
    'store to 0x00006000 (page 0x00006): copied: the page was shared after fork (copy-on-write)',
    'load from 0x00007004 (page 0x00007): a new page of zeros',
    'load from 0x00002000 (page 0x00002): loaded from the program image',
    'store to 0x7ffffffc (page 0x7ffff): a new stack page',
  ]);
  // Every selected line is pid 2's page fault.
  for (const l of lines.slice(1)) expect(l.slice(10, 34)).toBe('    2  page_fault       ');
});

test('cow.s: the one walk with no miss before it says it sets D (a store through an entry a load filled), also under --kind walk; walks after a miss say nothing more', () => {
  const file = traced('programs/cow.s', 'cow-dirty.jsonl');
  const d = '; no miss: a first store through an entry a read filled walks to set D';
  const walks = illusion(['trace', file, '--kind', 'walk']).stdout.split('\n').filter((l) => l.includes(' walk '));
  expect(walks.filter((l) => l.endsWith(d))).toEqual([`     69337    2  walk             walk of page 0x00007: frame 14, rw- (2 page-table words read)${d}`]);
  expect(walks.filter((l) => l.includes('set D'))).toHaveLength(1);
  // In the file, pid 2's page 7 was filled by a load (68211) and is stored to at 69297: no tlb_miss between.
  const events = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const at = events.findIndex((e) => e['kind'] === 'walk' && e['cycle'] === 69337);
  expect(events[at - 1]).toMatchObject({ kind: 'tlb_fill', vpn: 2 });
  expect(events.filter((e) => e['kind'] === 'walk')).toHaveLength(walks.length);
});

test('a kill, an eviction to swap and a swap-in, in words', () => {
  const killed = illusion(['trace', traced('programs/attacks/mem-null-write.s', 'null.jsonl'), '--kind', 'process_end']);
  expect(killed.stdout).toMatch(/ {4}1 {2}process_end {6}killed: bad_access \(null_page\); address 0x00000[0-9a-f]{3}, pc 0x[0-9a-f]{8}\n$/);
  const swapped = illusion(['trace', traced('programs/swap.s', 'swap.jsonl', ['--frames', '128']), '--kind', 'evict,swap_in']);
  const lines = swapped.stdout.trimEnd().split('\n').slice(1);
  expect(lines.some((l) => / evict {12}page 0x[0-9a-f]{5} of pid 1 leaves frame \d+ for swap slot \d+$/.test(l))).toBe(true);
  expect(lines.some((l) => / swap_in {10}page 0x[0-9a-f]{5} back from swap slot \d+ into frame \d+$/.test(l))).toBe(true);
  expect(lines.every((l) => / (evict|swap_in) /.test(l))).toBe(true);
});

test('every line of a trace is shown, across the reader\'s 1 MB chunks, and tlb_hit lines count the hits', () => {
  const file = traced('programs/sieve.s', 'sieve-hits.jsonl', ['--trace-hits']);
  const events = readFileSync(file, 'utf8').trimEnd().split('\n').length;
  expect(events).toBeGreaterThan(100_000); // 12 MB: a dozen of the reader's chunks
  const lineCount = (args: string[]): number => {
    const r = spawnSync(process.execPath, [CLI, 'trace', file, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect([r.status, r.stderr]).toEqual([0, '']);
    return r.stdout.trimEnd().split('\n').length - 1;
  };
  expect(lineCount([])).toBe(events);
  const stats = JSON.parse(illusion(['run', 'programs/sieve.s', '--json']).stdout) as { stats: { tlb_hits: number } };
  expect(lineCount(['--kind', 'tlb_hit'])).toBe(stats.stats.tlb_hits);
});

test('bad input: exit 2 and one line naming the file and line; a filter that matches nothing says what the file holds', () => {
  const notJson = join(dir, 'notjson.txt');
  writeFileSync(notJson, '{"cycle":0,"pid":1,"kind":"frame_free","frame":1}\nhello\n');
  expect(illusion(['trace', notJson])).toMatchObject({ status: 2, stdout: '', stderr: `illusion: error: trace: ${notJson}:2: not a JSON line: not a trace of illusion run --trace\n` });
  const noKind = join(dir, 'nokind.jsonl');
  writeFileSync(noKind, '{"cycle":0,"pid":1}\n');
  expect(illusion(['trace', noKind]).stderr).toBe(`illusion: error: trace: ${noKind}:1: not an event (an event has a cycle and a kind): not a trace of illusion run --trace\n`);
  expect(illusion(['trace', join(dir, 'nope.jsonl')])).toMatchObject({ status: 2, stderr: `illusion: error: trace: cannot read '${join(dir, 'nope.jsonl')}': no such file\n` });
  expect(illusion(['trace', dir])).toMatchObject({ status: 2, stderr: `illusion: error: trace: cannot read '${dir}': it is a directory\n` });
  const cow = join(dir, 'cow.jsonl');
  expect(illusion(['trace', cow, '--kind', 'tlb'])).toMatchObject({ status: 2, stderr: "illusion: error: --kind: 'tlb' is no event kind; did you mean tlb_miss,tlb_fill,tlb_invalidate,tlb_hit?\n" });
  expect(illusion(['trace', cow, '--kind', 'fault']).stderr).toMatch(/^illusion: error: --kind: 'fault' is no event kind; the kinds are process_start, .*, tlb_hit\n$/);
  // Before, a kind spelt without its underscore (or with a typo) got only the list.
  expect(illusion(['trace', cow, '--kind', 'pagefault']).stderr).toMatch(/^illusion: error: --kind: 'pagefault' is no event kind; did you mean 'page_fault'\?; the kinds are process_start, .*, tlb_hit\n$/);
  expect(illusion(['trace', cow, '--kind', 'context-switch']).stderr).toMatch(/^illusion: error: --kind: 'context-switch' is no event kind; did you mean 'context_switch'\?; the kinds are /);
  expect(illusion(['trace', cow, '--kind', 'sycall']).stderr).toMatch(/^illusion: error: --kind: 'sycall' is no event kind; did you mean 'syscall'\?; the kinds are /);
  expect(illusion(['trace', cow, '--pid', 'two']).status).toBe(2);
  expect(illusion(['trace', cow, '--pid', '9'])).toEqual({ status: 0, stdout: '', stderr: `trace: no events of pid 9 in '${cow}' (its processes: 1, 2)\n` });
});

test('a reader that goes away (| head -2) ends the command quietly', () => {
  const file = join(dir, 'sieve-hits.jsonl');
  const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" trace "${file}" | head -2; echo "status \${PIPESTATUS:-done}"`], { encoding: 'utf8' });
  expect(r.stdout.split('\n').slice(0, 2)).toEqual([HEADER, '         0    1  process_start    sieve.s starts (from the command line)']);
  expect(r.stderr).toBe('');
});
