// `illusion run` through the real command line (the built dist/cli/main.js,
// spawned): exact stdout and stderr, exit status, --json and --stats, option
// placement, and one clear message with exit 2 for every kind of bad usage.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './harness.js';

// ILLUSION_CLI lets the test run against another build of the CLI.
const CLI = process.env['ILLUSION_CLI'] ?? resolve(ROOT, 'dist/cli/main.js');
const HELLO = 'Hello from illusion!\n';

/** Runs `illusion ARGS...` from the repository root with the given stdin. */
function illusion(args: string[], stdin = '') {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, input: stdin, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// SPEC section 9: the statistics `--json` and `--stats` hold at least.
const SPEC_STATS = [
  'instructions', 'cycles', 'tlb_hits', 'tlb_misses', 'page_walks', 'page_faults', 'swap_ins', 'swap_outs',
  'context_switches', 'peak_frames', 'page_table_frames', 'user_frames_at_end', 'swap_slots_at_end',
];

let dir = '';
/** Writes a file into this run's temporary directory and returns its path. */
function tmpFile(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'illusion-cli-'));
});

describe('illusion run', () => {
  it('runs hello.s: exactly the greeting, nothing on stderr, exit 0', () => {
    expect(illusion(['run', 'programs/hello.s'])).toEqual({ status: 0, stdout: HELLO, stderr: '' });
  });

  it('--json prints one JSON object with the process and every statistic SPEC section 9 names', () => {
    const r = illusion(['run', 'programs/hello.s', '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.endsWith('}\n')).toBe(true);
    const result = JSON.parse(r.stdout);
    expect(result.processes).toEqual([
      {
        pid: 1, name: 'hello.s', parent: 0, status: 'exited', code: 0, stdout: HELLO, stderr: '',
        stats: { instructions: 10, page_faults: 2, tlb_misses: 2, cow_copies: 0, swap_ins: 0, swap_outs: 0, peak_resident_pages: 2 },
      },
    ]);
    for (const stat of SPEC_STATS) expect(typeof result.stats[stat], stat).toBe('number');
    expect(result.stats.instructions).toBe(10);
    expect(result.stats.user_frames_at_end).toBe(0);
    expect(result.stats.swap_slots_at_end).toBe(0);
  });

  it('--stats prints the guest output on stdout and a table naming every statistic on stderr', () => {
    const r = illusion(['run', 'programs/hello.s', '--stats']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(HELLO);
    const json = JSON.parse(illusion(['run', 'programs/hello.s', '--json']).stdout);
    for (const stat of Object.keys(json.stats)) {
      // Each statistic on its own line, with the same value as --json (digits, maybe grouped).
      const line = r.stderr.split('\n').find((l) => l.trim().split(/\s+/)[0] === stat);
      expect(line, stat).toBeDefined();
      expect(Number(line!.trim().split(/\s+/).at(-1)!.replaceAll(',', '')), stat).toBe(json.stats[stat]);
    }
  });

  it('takes options before and after the files alike', () => {
    const before = illusion(['run', '--quantum', '2', '--json', 'programs/hello.s']);
    const after = illusion(['run', 'programs/hello.s', '--quantum', '2', '--json']);
    const mixed = illusion(['run', '--quantum', '2', 'programs/hello.s', '--json']);
    expect(before.status).toBe(0);
    expect(after).toEqual(before);
    expect(mixed).toEqual(before);
    // and the option took effect: timer ticks, where the default quantum has none.
    expect(JSON.parse(before.stdout).stats.ticks).toBeGreaterThan(0);
    expect(JSON.parse(illusion(['run', 'programs/hello.s', '--json']).stdout).stats.ticks).toBe(0);
    // An option before the file is still that run's option.
    const forever = tmpFile('forever.s', '; loops forever\n        .text\n_start: j    _start\n');
    expect(illusion(['run', '--max-instructions', '3', forever])).toEqual({
      status: 128 + 24, // SIGXCPU
      stdout: '',
      stderr: 'pid 1 (forever.s) killed: instruction_limit: the machine reached its limit of 3 instructions (--max-instructions) before it ended (max_instructions); pc 0x00001000, forever.s:3\n',
    });
  });

  it('starts one process per file, pid 1 first, and exits with pid 1 status', () => {
    const seven = tmpFile('seven.s', '        li r1, 0\n        li r2, 7\n        syscall\n');
    expect(illusion(['run', seven, 'programs/hello.s'])).toEqual({ status: 7, stdout: HELLO, stderr: '' });
    expect(illusion(['run', 'programs/hello.s', seven])).toEqual({ status: 0, stdout: HELLO, stderr: '' });
    const json = JSON.parse(illusion(['run', seven, 'programs/hello.s', '--json']).stdout);
    expect(json.processes.map((p: { pid: number; name: string; code: number }) => [p.pid, p.name, p.code]))
      .toEqual([[1, 'seven.s', 7], [2, 'hello.s', 0]]);
  });

  it('exits 128 + SIGSEGV when pid 1 is killed for a bad access, with the exact kill line on stderr', () => {
    const nullWrite = tmpFile('null-write.s', [
      '; writes through a null pointer',
      '        .text',
      '_start: li   r2, 0',
      '        sw   r2, 0(r2)',
      '',
    ].join('\n'));
    expect(illusion(['run', nullWrite])).toEqual({
      status: 139,
      stdout: '',
      stderr: 'pid 1 (null-write.s) killed: bad_access: store to 0x00000000 in the null page (below 0x00001000): was the pointer null? (null_page); pc 0x00001004, null-write.s:4\n',
    });
  });

  it('pipes stdin to the guest: echo.s copies it', () => {
    const text = 'first line\n' + 'a long line '.repeat(20) + '\nlast, without a newline';
    expect(illusion(['run', 'programs/echo.s'], text)).toEqual({ status: 0, stdout: text, stderr: '' });
    expect(illusion(['run', 'programs/echo.s'], '')).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('prints the example programs output as documented', () => {
    expect(illusion(['run', 'programs/sieve.s'])).toEqual({
      status: 0, stdout: 'primes below 10000: 1229\nlargest: 9973\nPASS: sieve\n', stderr: '',
    });
    const forkwait = illusion(['run', 'programs/forkwait.s']);
    expect(forkwait.status).toBe(0);
    expect(forkwait.stdout.split('\n').slice(-3)).toEqual(['parent: counter is still 100', 'PASS: forkwait', '']);
  });

  it('is deterministic: the same run twice gives byte-identical --json', () => {
    for (const args of [
      ['programs/forkwait.s', '--quantum', '7'],
      ['programs/swap.s', '--frames', '128', '--policy', 'random', '--seed', '5', '--tlb-policy', 'random'],
    ]) {
      const a = illusion(['run', ...args, '--json']);
      const b = illusion(['run', ...args, '--json']);
      expect(a.status, args.join(' ')).toBe(0);
      expect(b.stdout, args.join(' ')).toBe(a.stdout);
    }
  });
});

describe('illusion run: bad usage exits 2 with one clear message', () => {
  const cases: [string, () => string[], string | (() => string)][] = [
    ['an unknown flag', () => ['run', 'programs/hello.s', '--bogus'], "illusion: error: unknown option '--bogus'\n"],
    ['--frames abc', () => ['run', 'programs/hello.s', '--frames', 'abc'],
      "illusion: error: --frames: expected a whole number from 8 to 262144, got 'abc'\n"],
    ['--frames 0', () => ['run', 'programs/hello.s', '--frames', '0'],
      "illusion: error: --frames: expected a whole number from 8 to 262144, got '0'\n"],
    ['--frames with no value', () => ['run', 'programs/hello.s', '--frames'],
      "illusion: error: option '--frames <n>' argument missing\n"],
    ['TLB entries not a multiple of the ways', () => ['run', 'programs/hello.s', '--tlb-entries', '48', '--tlb-ways', '5'],
      'illusion: error: --tlb-entries 48 is not a multiple of --tlb-ways 5\n'],
    ['more ways than entries', () => ['run', 'programs/hello.s', '--tlb-entries', '4', '--tlb-ways', '8'],
      'illusion: error: --tlb-ways: 8 ways is more than the 4 TLB entries\n'],
    ['plru with ways that are not a power of two', () => ['run', 'programs/hello.s', '--tlb-entries', '48', '--tlb-ways', '6', '--tlb-policy', 'plru'],
      'illusion: error: --tlb-policy plru: tree pseudo-LRU needs a power-of-two number of ways (1, 2, 4, 8, ...), got --tlb-ways 6\n'],
    ['an unknown TLB refill', () => ['run', 'programs/hello.s', '--tlb-refill', 'firmware'],
      "illusion: error: --tlb-refill: expected one of hardware, software, got 'firmware'\n"],
    ['software refill on a direct-mapped TLB', () => ['run', 'programs/hello.s', '--tlb-ways', '1', '--tlb-refill', 'software'],
      'illusion: error: --tlb-refill software: needs at least 2 TLB ways: with one way, an instruction whose fetch and data pages share a set would refill forever (got --tlb-ways 1)\n'],
    ['an unknown replacement policy', () => ['run', 'programs/hello.s', '--policy', 'bogus'],
      "illusion: error: --policy: expected one of fifo, clock, lru, random, got 'bogus'\n"],
    ['a missing file', () => ['run', 'programs/no-such-program.s'], 'illusion: error: cannot read programs/no-such-program.s: no such file\n'],
    ['no files at all', () => ['run'], "illusion: error: missing required argument 'files'\n"],
    ['a file with assembly errors (every one, FILE:LINE:COL)', () => [
      'run', tmpFile('broken.s', '        addi r1, r2\n        foo  r1\n        li   r1, 5\n        lw   r1, r2\n'),
    ], () => [
      `${join(dir, 'broken.s')}:1:9: 'addi' takes 'rd, rs1, imm'; found 2 operands`,
      `${join(dir, 'broken.s')}:2:9: unknown instruction 'foo'`,
      `${join(dir, 'broken.s')}:4:18: 'lw' takes 'rd, imm(rs1)'; operand 2 should be a memory operand like 8(sp); for the word r2 points to write 'lw r1, 0(r2)'`,
      '',
    ].join('\n')],
  ];

  it.each(cases)('%s', (_name, args, message) => {
    const r = illusion(args());
    expect(r).toEqual({ status: 2, stdout: '', stderr: typeof message === 'function' ? message() : message });
  });

  it('a corrupt image: truncated, or with a bad header', () => {
    const image = join(dir, 'hello.img');
    expect(illusion(['asm', 'programs/hello.s', '-o', image]).status).toBe(0);
    const bytes = readFileSync(image);
    const truncated = tmpFile('truncated.img', bytes.subarray(0, 30));
    expect(illusion(['run', truncated])).toEqual({
      status: 2, stdout: '', stderr: `illusion: error: ${truncated}: file ends inside the .text run count (truncated)\n`,
    });
    const badVersion = tmpFile('bad-version.img', Buffer.concat([bytes.subarray(0, 4), Buffer.alloc(40)]));
    expect(illusion(['run', badVersion])).toEqual({
      status: 2, stdout: '', stderr: `illusion: error: ${badVersion}: image format version 0 is not supported (this illusion reads versions 1 and 2)\n`,
    });
    // The intact image runs like its source.
    expect(illusion(['run', image])).toEqual({ status: 0, stdout: HELLO, stderr: '' });
  });
});

describe('illusion --version and the one error style', () => {
  it('--version and -V print the version in package.json', () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(illusion(['--version'])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
    expect(illusion(['-V'])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it.each([
    ['an unknown command', ['frobnicate'], "illusion: error: unknown command 'frobnicate'\n"],
    // Found by dbg23: commander put its suggestion on a second line, '(Did you mean run?)'.
    ['a mistyped command', ['rn', 'programs/hello.s'], "illusion: error: unknown command 'rn'; did you mean 'run'?\n"],
    ['a mistyped option', ['run', 'programs/hello.s', '--stat'], "illusion: error: unknown option '--stat'; did you mean '--stats'?\n"],
    ['asm: a missing file', ['asm', 'nope.s'], 'illusion: error: cannot read nope.s: no such file\n'],
    ['disasm: a missing file', ['disasm', 'nope.img'], 'illusion: error: cannot read nope.img: no such file\n'],
    ['policy: bad usage', ['policy', '--frames', '3'], 'illusion: error: --addresses: missing; give page numbers, e.g. --addresses 0,1,2,0,1,3\n'],
    ['sweep: an unknown option', ['sweep', 'programs/hello.s', '--bogus'], "illusion: error: unknown option '--bogus'\n"],
    ['debug: a missing file', ['debug', 'nope.s'], 'illusion: error: cannot read nope.s: no such file\n'],
    // Found by dbg23: these said Node's words (EISDIR: illegal operation on a directory, open '...').
    ['asm: a directory to read', ['asm', 'programs'], 'illusion: error: cannot read programs: it is a directory\n'],
    ['asm: -o a directory', ['asm', 'programs/hello.s', '-o', 'programs'], 'illusion: error: cannot write programs: it is a directory\n'],
    ['asm: -o into a missing directory', ['asm', 'programs/hello.s', '-o', 'no/such/dir/h.img'], "illusion: error: cannot write no/such/dir/h.img: there is no directory 'no/such/dir'\n"],
    ['run: --trace into a missing directory', ['run', 'programs/hello.s', '--trace', 'no/such/dir/t.jsonl'], "illusion: error: --trace: cannot write 'no/such/dir/t.jsonl': there is no directory 'no/such/dir'\n"],
    ['debug: --trace a directory', ['debug', 'programs/hello.s', '--trace', 'programs'], "illusion: error: --trace: cannot write 'programs': it is a directory\n"],
    // Found by dbg23: '--trace -' quietly wrote a file named '-' where a Unix user expects stdout.
    ['run: --trace -', ['run', 'programs/hello.s', '--trace', '-'], "illusion: error: --trace: '-' would be a file named '-': give the trace a file (--trace run.jsonl) and watch it with tail -f\n"],
    ['debug: --trace -', ['debug', 'programs/hello.s', '--trace', '-'], "illusion: error: --trace: '-' would be a file named '-': give the trace a file (--trace run.jsonl) and watch it with tail -f\n"],
    ['debug: --input a missing file', ['debug', 'programs/hello.s', '--input', 'nope.txt'], "illusion: error: --input: cannot read 'nope.txt': no such file\n"],
    ['debug: --input a directory', ['debug', 'programs/hello.s', '--input', 'programs'], "illusion: error: --input: cannot read 'programs': it is a directory\n"],
  ])('%s: illusion: error: ..., exit 2', (_name, args, stderr) => {
    expect(illusion(args)).toEqual({ status: 2, stdout: '', stderr });
  });
});

describe('help', () => {
  it('no command at all is bad usage: the help on stderr, exit 2', () => {
    const r = illusion([]);
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^Usage: illusion \[options\] \[command\]\n/);
    expect(r.stderr).toContain('\n  run [options] <files...> ');
  });

  it('help asked for is not: --help, help and help run print it on stdout, exit 0', () => {
    for (const args of [['--help'], ['help'], ['help', 'run'], ['run', '--help']]) {
      const r = illusion(args);
      expect([r.status, r.stderr]).toEqual([0, '']);
      expect(r.stdout).toMatch(/^Usage: illusion /);
    }
  });
});
