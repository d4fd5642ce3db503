// Bad input, everywhere (issue 8), through the real CLI: every flag of
// `illusion run` with non-numbers, negatives, zero, values past the limits
// of kernel/config.ts; missing and unreadable files; an image of another
// version; programs larger than memory; stdin closed early. Always one clear
// message and a clear exit status, never a stack trace.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CONFIG_LIMITS } from '../../kernel/config.js';
import { ROOT } from '../e2e/harness.js';

const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const HELLO = join(ROOT, 'programs', 'hello.s');
const ECHO = join(ROOT, 'programs', 'echo.s');
const DIR = mkdtempSync(join(tmpdir(), 'illusion-bad-input-'));

interface Outcome { status: number | null; stdout: string; stderr: string }

function illusion(args: string[], input = ''): Outcome {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: DIR, encoding: 'utf8', timeout: 30_000, input });
  // Never a stack trace, whatever happened.
  expect(r.stderr).not.toMatch(/^\s+at /m);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Bad usage: exit 2, nothing on stdout, exactly this one line on stderr. */
function expectUsage(o: Outcome, message: string): void {
  expect(o).toEqual({ status: 2, stdout: '', stderr: `${message}\n` });
}

const L = CONFIG_LIMITS;
const range = (flag: string, [min, max]: readonly [number, number]) => (got: string) =>
  `illusion: error: ${flag}: expected a whole number from ${min} to ${max}, got '${got}'`;

/** Every numeric flag of run, its limits, and whether 0 is allowed. */
const NUMERIC: [string, readonly [number, number]][] = [
  ['--frames', L.frames],
  ['--tlb-entries', L.tlbEntries],
  ['--swap-pages', L.swapPages],
  ['--quantum', L.quantum],
  ['--seed', L.seed],
  ['--max-procs', L.maxProcs],
  ['--max-instructions', L.maxInstructions],
  ['--walk-cycles', L.cycles],
  ['--fault-cycles', L.cycles],
  ['--swap-cycles', L.cycles],
  ['--max-output', L.maxOutputBytes],
];

describe('every numeric flag of run is validated', () => {
  const cases: [string, string, string][] = [];
  for (const [flag, limits] of NUMERIC) {
    const bad = ['abc', '-5', '1.5', String(limits[1] + 1)];
    if (flag === '--frames') bad.push('1e3', '', '0x', '0x1g', ' ');
    if (limits[0] > 0) bad.push(String(limits[0] - 1));
    for (const value of bad) cases.push([flag, value, range(flag, limits)(value)]);
  }
  test.each(cases)('%s %j', (flag, value, message) => {
    expectUsage(illusion(['run', HELLO, flag, value]), message);
  });

  test.each(NUMERIC)('%s takes its limits, and 0x hex', (flag, [min, max]) => {
    // The smallest and largest values are accepted (a large quantum or limit just runs hello).
    const values = flag === '--frames' || flag === '--tlb-entries' || flag === '--swap-pages' || flag === '--max-procs'
      ? [String(min), `0x${Math.max(min, 64).toString(16)}`]
      : [String(min), String(max), `0x${max.toString(16)}`];
    for (const v of values) {
      if (flag === '--tlb-entries' && Number(v) < 4) continue; // needs a matching --tlb-ways: below
      const o = illusion(['run', HELLO, flag, v]);
      if (flag === '--max-instructions' && v === '1') {
        // Valid, and hello's one instruction budget runs out: killed, status 128 + SIGXCPU (24).
        expect(o).toEqual({
          status: 152, stdout: '',
          stderr: 'pid 1 (hello.s) killed: instruction_limit: the machine reached its limit of 1 instructions (--max-instructions) before it ended (max_instructions); pc 0x00001004, hello.s:8\n',
        });
        continue;
      }
      expect(o).toEqual({ status: 0, stdout: 'Hello from illusion!\n', stderr: '' });
    }
  });
});

describe('the other flags of run', () => {
  test.each([
    [['--tlb-ways', '0'], range('--tlb-ways', [1, L.tlbEntries[1]])('0')],
    [['--tlb-ways', 'x'], range('--tlb-ways', [1, L.tlbEntries[1]])('x')],
    [['--tlb-ways', '3'], 'illusion: error: --tlb-entries 64 is not a multiple of --tlb-ways 3'],
    [['--tlb-entries', '4', '--tlb-ways', '8'], 'illusion: error: --tlb-ways: 8 ways is more than the 4 TLB entries'],
    [['--tlb-policy', 'mru'], "illusion: error: --tlb-policy: expected one of lru, fifo, random, plru, got 'mru'"],
    [['--policy', 'opt'], "illusion: error: --policy: expected one of fifo, clock, lru, random, got 'opt'"],
    [['--policy', ''], "illusion: error: --policy: expected one of fifo, clock, lru, random, got ''"],
    [['--trace-hits'], 'illusion: error: --trace-hits needs --trace FILE'],
    [['--bogus'], "illusion: error: unknown option '--bogus'"],
    [['--frames'], "illusion: error: option '--frames <n>' argument missing"],
  ])('%j', (args, message) => {
    expectUsage(illusion(['run', HELLO, ...args]), message);
  });

  test('--trace to a path that cannot be written', () => {
    const o = illusion(['run', HELLO, '--trace', join(DIR, 'no', 'such', 'dir', 't.jsonl')]);
    expect(o.status).toBe(2);
    expect(o.stdout).toBe('');
    expect(o.stderr).toMatch(/^illusion: error: --trace: cannot write '.*t\.jsonl': there is no directory '.*dir'\n$/);
  });

  test('a direct-mapped and a fully associative TLB of one entry are fine', () => {
    for (const args of [['--tlb-entries', '1', '--tlb-ways', '1'], ['--tlb-entries', '0x10', '--tlb-ways', '0x10']]) {
      expect(illusion(['run', HELLO, ...args])).toEqual({ status: 0, stdout: 'Hello from illusion!\n', stderr: '' });
    }
  });

  test('more programs than --max-procs', () => {
    expectUsage(illusion(['run', HELLO, HELLO, '--max-procs', '1']), 'illusion: error: 2 programs but --max-procs is 1');
  });
});

describe('files', () => {
  test('no file at all', () => {
    expectUsage(illusion(['run']), "illusion: error: missing required argument 'files'");
  });

  test('a missing file', () => {
    expectUsage(illusion(['run', 'missing.s']), 'illusion: error: cannot read missing.s: no such file');
  });

  test('a directory given as FILE', () => {
    mkdirSync(join(DIR, 'adir'), { recursive: true });
    const o = illusion(['run', 'adir']);
    expect(o.status).toBe(2);
    expect(o.stderr).toMatch(/^illusion: error: cannot read adir: .*directory.*\n$/);
  });

  test('a dangling symbolic link (unreadable: tests run as root, so mode 000 would still read)', () => {
    symlinkSync(join(DIR, 'nowhere'), join(DIR, 'dangling.s'));
    expectUsage(illusion(['run', 'dangling.s']), 'illusion: error: cannot read dangling.s: no such file');
  });

  test('every bad file is reported, not only the first', () => {
    const o = illusion(['run', 'missing1.s', HELLO, 'missing2.s']);
    expectUsage(o, 'illusion: error: cannot read missing1.s: no such file\nillusion: error: cannot read missing2.s: no such file');
  });

  test('an image of another format version', () => {
    expect(illusion(['asm', HELLO, '-o', 'hello.img']).status).toBe(0);
    const bytes = readFileSync(join(DIR, 'hello.img'));
    bytes[4] = 3; // the version byte follows the 4-byte magic
    writeFileSync(join(DIR, 'v3.img'), bytes);
    expectUsage(illusion(['run', 'v3.img']), 'illusion: error: v3.img: image format version 3 is not supported (this illusion reads versions 1 and 2)');
  });

  test('random bytes as a program: a clean error', () => {
    let state = 12345;
    for (let i = 0; i < 3; i++) {
      const bytes = Buffer.alloc(64 + i * 100, 0).map(() => (state = (state * 1103515245 + 12345) >>> 0) >>> 24);
      writeFileSync(join(DIR, `noise${i}.img`), bytes);
      const o = illusion(['run', `noise${i}.img`]);
      expect(o.status).toBe(2);
      expect(o.stdout).toBe('');
      expect(o.stderr).toMatch(/^illusion: error: noise\d\.img: [^\n]*\n$/);
    }
  });
});

describe('programs larger than memory', () => {
  test('.data larger than the assembler allows', () => {
    writeFileSync(join(DIR, 'bigdata.s'), '_start: li r1, 0\nsyscall\n.data\nb: .space 0x7fd00000\n');
    expectUsage(illusion(['run', 'bigdata.s']), 'bigdata.s:4:4: section .data would be larger than 67108864 bytes; put large zero-filled areas in .bss');
  });

  test('.bss larger than the address space', () => {
    writeFileSync(join(DIR, 'bigbss.s'), '_start: li r1, 0\nsyscall\n.bss\nb: .space 0x7f000000\nc: .space 0x7f000000\n');
    expectUsage(illusion(['run', 'bigbss.s']), "bigbss.s:5:4: '.space' here makes the program end at 0xfe002000; programs must end by 0x7fe00000, where the mmap area starts");
  });

  test('one .space beyond the address space', () => {
    writeFileSync(join(DIR, 'space.s'), '_start: li r1, 0\nsyscall\n.bss\nb: .space 0x90000000\n');
    expectUsage(illusion(['run', 'space.s']), "space.s:4:11: '.space' takes a byte count from 0 to 2145386496, not 2415919104");
  });

  test('a huge .bss that fits the address space but not memory runs: pages are made only when touched', () => {
    writeFileSync(join(DIR, 'hugebss.s'), [
      '_start: la r2, c', 'li r3, 0x7000000', 'add r2, r2, r3', 'sw r3, 0(r2)', 'li r1, 0', 'syscall',
      '.bss', 'c: .space 0x7fd00000',
    ].join('\n'));
    expect(illusion(['run', 'hugebss.s', '--frames', '16'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  test('.text needing more frames than --frames runs: clean text pages are dropped and read again from the image', () => {
    const nops = Array.from({ length: 40 * 1024 }, () => '  nop');
    writeFileSync(join(DIR, 'bigtext.s'), ['_start:', ...nops, '  li r1, 0', '  li r2, 7', '  syscall', '  li r1, 0', '  syscall'].join('\n'));
    const o = illusion(['run', 'bigtext.s', '--frames', '16', '--swap-pages', '0', '--json']);
    expect(o.status).toBe(7);
    const result = JSON.parse(o.stdout);
    expect(result.processes).toEqual([{
      pid: 1, name: 'bigtext.s', parent: 0, status: 'exited', code: 7, stdout: '', stderr: '',
      // 41 text pages faulted in once each, never more than 13 resident in 16 frames.
      stats: { instructions: 40963, page_faults: 41, tlb_misses: 82, cow_copies: 0, swap_ins: 0, swap_outs: 0, peak_resident_pages: 13 },
    }]);
    expect(result.stats.clean_drops).toBeGreaterThan(0);
    expect(result.stats.user_frames_at_end).toBe(0);
  });

  test('touching more memory than frames and swap hold: killed out_of_memory, the bystander goes on', () => {
    writeFileSync(join(DIR, 'hog.s'), [
      '_start: la r2, c', 'li r4, 64', 'loop: sw r4, 0(r2)', 'li r3, 4096', 'add r2, r2, r3', 'addi r4, r4, -1', 'bnez r4, loop',
      'li r1, 0', 'syscall', '.bss', 'c: .space 0x40000',
    ].join('\n'));
    const o = illusion(['run', HELLO, 'hog.s', '--frames', '24', '--swap-pages', '8']);
    expect(o.stdout).toBe('Hello from illusion!\n');
    expect(o.status).toBe(0);
    expect(o.stderr).toMatch(/^pid 2 \(hog\.s\) killed: out_of_memory: memory and swap are full and the kernel chose it as the largest process; it held \d+ frames and \d+ swap slots \(memory_and_swap_full\); pc 0x[0-9a-f]{8}, hog\.s:\d+\n$/);
  });

  // Found through the browser view (web19): with many processes in few frames, memory
  // fills with page tables, which cannot be swapped out, while swap has room; the kill
  // said "memory and swap are full". It now says what memory holds.
  test('frames all page tables and the kernel, swap with room: no_evictable_page, with what memory held', () => {
    const o = illusion(['run', join(ROOT, 'programs', 'forkwait.s'), '--frames', '8']);
    expect(o.status).toBe(137);
    expect(o.stderr).toBe(
      'pid 1 (forkwait.s) killed: out_of_memory: no page could be swapped out to make room (swap has space: of 8 frames the kernel holds 1 '
      + 'and page tables 6, which stay in memory, and the one user page left is needed by the faulting instruction); the kernel chose it '
      + 'as the largest process; it held 4 frames and 2 swap slots. More --frames, or fewer processes at once, would let it run '
      + '(no_evictable_page); pc 0x0000104c, forkwait.s:54\n');
    const json = JSON.parse(illusion(['run', join(ROOT, 'programs', 'forkwait.s'), '--frames', '8', '--json']).stdout);
    const killed = json.processes.filter((p: { cause?: string }) => p.cause === 'out_of_memory');
    expect(killed.map((p: { pid: number; reason: string; frames: number; swap_slots: number }) => [p.pid, p.reason, p.frames, p.swap_slots])).toEqual([[1, 'no_evictable_page', 4, 2]]);
    expect(json.stats.swap_outs).toBe(2);
  });
});

describe('stdin closed early', () => {
  test('echo.s with stdin from /dev/null: end of input at once', () => {
    const r = spawnSync(process.execPath, [CLI, 'run', ECHO], { encoding: 'utf8', stdio: [openSync('/dev/null', 'r'), 'pipe', 'pipe'] });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('echo.s with a pipe closed before anything was written', () => {
    expect(illusion(['run', ECHO], '')).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  test('echo.s with no stdin at all (descriptor 0 closed)', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" run "${ECHO}" <&-`], { encoding: 'utf8' });
    expect(r).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  test('echo.s with input cut mid-line: nothing lost', () => {
    expect(illusion(['run', ECHO], 'one\ntwo without newline')).toEqual({ status: 0, stdout: 'one\ntwo without newline', stderr: '' });
  });
});

// Found by explore19: a full disk was reported as "internal error" (exit 70),
// which says the bug is illusion's. It is the host's: a clear line, exit 74
// (EX_IOERR of sysexits.h, beside the internal error's 70, EX_SOFTWARE).
describe('output to a full device (/dev/full)', () => {
  const full = (args: string[], stdoutToFull: boolean): Outcome => {
    const out = stdoutToFull ? openSync('/dev/full', 'w') : 'pipe';
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: DIR, encoding: 'utf8', timeout: 30_000, stdio: ['ignore', out, 'pipe'] });
    expect(r.stderr).not.toMatch(/^\s+at /m);
    return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr };
  };
  const line = 'illusion: error: cannot write output: ENOSPC: no space left on device, write\n';
  test.each([
    ['the guest output', [HELLO], true],
    ['the --json result', [HELLO, '--json'], true],
    ['the --trace file', [HELLO, '--trace', '/dev/full'], false],
  ] as const)('%s: one line, exit 74', (_what, args, stdoutToFull) => {
    const r = full(['run', ...args], stdoutToFull);
    expect([r.status, r.stderr]).toEqual([74, line]);
  });
  // Files the command writes itself: the path was right, the device full (they exited 2, as a usage error).
  test.each([
    ['asm -o', ['asm', HELLO, '-o', '/dev/full'], 'cannot write /dev/full: no space left on the device'],
    ['sweep --svg', ['sweep', HELLO, '--tlb-entries', '4,8', '--svg', '/dev/full'], "--svg: cannot write '/dev/full': no space left on the device"],
  ] as const)('%s to a full device: one line, exit 74', (_what, args, message) => {
    const r = full([...args], false);
    expect([r.status, r.stderr.split('\n').filter((l) => l.startsWith('illusion:'))]).toEqual([74, [`illusion: error: ${message}`]]);
  });
  // These write through process.stdout, whose failure came as an 'error' event, rethrown with a stack trace.
  test.each([
    ['disasm', ['disasm', HELLO]],
    ['policy', ['policy', '--policy', 'lru', '--frames', '3', '--addresses', '1,2,1']],
    ['homework', ['homework', 'tlb', '--seed', '1']],
  ] as const)('%s: one line, exit 74, no stack trace', (_what, args) => {
    const r = full([...args], true);
    expect([r.status, r.stderr]).toEqual([74, line]);
  });
});
