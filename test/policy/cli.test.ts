// `illusion policy`: the built CLI (spawned, exact stdout/stderr and exit
// status) and the command function itself.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { policyOutput, registerPolicy, runPolicyCommand } from '../../cli/commands/policy.js';
import { UsageError } from '../../cli/usage.js';

// The command writes through hostWrite's writeAll (it waits for a slow reader); captured here.
const written: string[] = [];
vi.mock('../../cli/hostWrite.js', () => ({ writeAll: (fd: number, text: string) => { written.push(`${fd}:${text}`); } }));

// ILLUSION_CLI lets the test run against another build of the CLI.
const CLI = process.env['ILLUSION_CLI'] ?? resolve('dist/cli/main.js');
const BOOK = '0,1,2,0,1,3,0,3,1,2,1';

function illusion(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'policy', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const LRU_BOOK_JSON =
  '{"hits":6,"misses":5,"hit_rate":0.5454545454545454,"steps":[' +
  '{"page":0,"hit":false,"evicted":null,"frames":[0]},' +
  '{"page":1,"hit":false,"evicted":null,"frames":[0,1]},' +
  '{"page":2,"hit":false,"evicted":null,"frames":[0,1,2]},' +
  '{"page":0,"hit":true,"evicted":null,"frames":[1,2,0]},' +
  '{"page":1,"hit":true,"evicted":null,"frames":[2,0,1]},' +
  '{"page":3,"hit":false,"evicted":2,"frames":[0,1,3]},' +
  '{"page":0,"hit":true,"evicted":null,"frames":[1,3,0]},' +
  '{"page":3,"hit":true,"evicted":null,"frames":[1,0,3]},' +
  '{"page":1,"hit":true,"evicted":null,"frames":[0,3,1]},' +
  '{"page":2,"hit":false,"evicted":0,"frames":[3,1,2]},' +
  '{"page":1,"hit":true,"evicted":null,"frames":[3,2,1]}]}\n';

const FIFO_BOOK_TEXT = [
  'Access: 0  MISS  evict: -  resident: [0]',
  'Access: 1  MISS  evict: -  resident: [0, 1]',
  'Access: 2  MISS  evict: -  resident: [0, 1, 2]',
  'Access: 0  HIT   evict: -  resident: [0, 1, 2]',
  'Access: 1  HIT   evict: -  resident: [0, 1, 2]',
  'Access: 3  MISS  evict: 0  resident: [1, 2, 3]',
  'Access: 0  MISS  evict: 1  resident: [2, 3, 0]',
  'Access: 3  HIT   evict: -  resident: [2, 3, 0]',
  'Access: 1  MISS  evict: 2  resident: [3, 0, 1]',
  'Access: 2  MISS  evict: 3  resident: [0, 1, 2]',
  'Access: 1  HIT   evict: -  resident: [0, 1, 2]',
  'Totals: hits 4  misses 7  hit rate 36.36%',
  '',
].join('\n');

describe('illusion policy (built CLI)', () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  });

  it('--json prints the exact result of the book example under lru', () => {
    expect(illusion('--policy', 'lru', '--frames', '3', '--addresses', BOOK, '--json')).toEqual({
      status: 0,
      stdout: LRU_BOOK_JSON,
      stderr: '',
    });
  });

  it('prints one line per access and the totals for fifo', () => {
    expect(illusion('--policy', 'fifo', '--frames', '3', '--addresses', BOOK)).toEqual({
      status: 0,
      stdout: FIFO_BOOK_TEXT,
      stderr: '',
    });
  });

  it('--summary prints only the totals: the full run\'s last line, or its JSON without the steps', () => {
    for (const policy of ['fifo', 'lru', 'clock', 'random', 'opt']) {
      const full = illusion('--policy', policy, '--frames', '3', '--addresses', BOOK);
      expect(illusion('--policy', policy, '--frames', '3', '--addresses', BOOK, '--summary')).toEqual({
        status: 0,
        stdout: `${full.stdout.trimEnd().split('\n').at(-1)}\n`,
        stderr: '',
      });
      const { hits, misses, hit_rate } = JSON.parse(illusion('--policy', policy, '--frames', '3', '--addresses', BOOK, '--json').stdout) as Record<string, number>;
      expect(illusion('--policy', policy, '--frames', '3', '--addresses', BOOK, '--summary', '--json')).toEqual({
        status: 0,
        stdout: `${JSON.stringify({ hits, misses, hit_rate })}\n`,
        stderr: '',
      });
    }
  });

  it("shows Belady's anomaly: opt 6 hits, fifo 3 frames 9 misses, 4 frames 10", () => {
    const totals = (...args: string[]) => illusion(...args).stdout.trim().split('\n').at(-1);
    expect(totals('--policy', 'opt', '--frames', '3', '--addresses', BOOK)).toBe('Totals: hits 6  misses 5  hit rate 54.55%');
    const belady = '1,2,3,4,1,2,5,1,2,3,4,5';
    expect(totals('--frames', '3', '--addresses', belady)).toBe('Totals: hits 3  misses 9  hit rate 25.00%');
    expect(totals('--frames', '4', '--addresses', belady)).toBe('Totals: hits 2  misses 10  hit rate 16.67%');
  });

  const bad: [string, string[], string][] = [
    ['missing --frames', ['--addresses', '1,2'], 'illusion: error: --frames: missing; give the number of page frames, e.g. --frames 3\n'],
    ['missing --addresses', ['--frames', '3'], 'illusion: error: --addresses: missing; give page numbers, e.g. --addresses 0,1,2,0,1,3\n'],
    ['zero frames', ['--frames', '0', '--addresses', '1'], "illusion: error: --frames: expected a whole number from 1 to 1000000, got '0'\n"],
    ['too many frames', ['--frames', '1000001', '--addresses', '1'], "illusion: error: --frames: expected a whole number from 1 to 1000000, got '1000001'\n"],
    ['unknown policy', ['--policy', 'mru', '--frames', '3', '--addresses', '1'], "illusion: error: --policy: expected one of fifo, clock, lru, random, opt, got 'mru'\n"],
    ['a bad item', ['--frames', '3', '--addresses', '1, 2, x3'], "illusion: error: --addresses: item 3 'x3' is not a page number from 0 to 1048575\n"],
    ['a page too large', ['--frames', '3', '--addresses', '1048576'], "illusion: error: --addresses: item 1 '1048576' is not a page number from 0 to 1048575\n"],
    ['an empty item', ['--frames', '3', '--addresses', '1,,2'], "illusion: error: --addresses: item 2 '' is not a page number from 0 to 1048575\n"],
    ['a negative seed', ['--frames', '3', '--addresses', '1', '--seed', '-1'], "illusion: error: --seed: expected a whole number from 0 to 4294967295, got '-1'\n"],
  ];
  for (const [name, args, message] of bad) {
    it(`exits 2 with one message for ${name}`, () => {
      expect(illusion(...args)).toEqual({ status: 2, stdout: '', stderr: message });
    });
  }

  it('exits 2 for an unknown flag', () => {
    const r = illusion('--frames', '3', '--addresses', '1', '--bogus');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
  });
});

describe('runPolicyCommand', () => {
  it('gives the same text as the CLI, spaces around items allowed', () => {
    expect(runPolicyCommand({ policy: 'FIFO', frames: '3', addresses: ' 0, 1,2 ,0,1,3,0,3,1,2,1 ' })).toBe(FIFO_BOOK_TEXT);
    expect(runPolicyCommand({ policy: 'lru', frames: '3', addresses: BOOK, json: true })).toBe(LRU_BOOK_JSON);
  });

  it('reads --addresses-file, one a line or comma-separated', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'illusion-policy-')), 'refs.txt');
    writeFileSync(file, '0\n1\n2, 0\n\n1,3,0\n3\n1\n2\n1\n');
    expect(runPolicyCommand({ frames: '3', addressesFile: file })).toBe(FIFO_BOOK_TEXT);
    expect(() => runPolicyCommand({ frames: '3', addressesFile: file, addresses: '1' })).toThrow(
      new UsageError('give --addresses or --addresses-file, not both'),
    );
    expect(() => runPolicyCommand({ frames: '3', addressesFile: join(file, 'nope') })).toThrow(/--addresses-file: cannot read/);
  });

  it('same seed, same random run', () => {
    const args = { policy: 'random', frames: '2', addresses: '1,2,3,4,1,2,5,1,2,3,4,5', seed: '9', json: true };
    expect(runPolicyCommand(args)).toBe(runPolicyCommand(args));
  });
});

describe('registerPolicy', () => {
  afterEach(() => vi.restoreAllMocks());

  it('adds a policy command that prints to stdout (fd 1)', async () => {
    written.length = 0;
    const program = new Command().exitOverride();
    registerPolicy(program);
    await program.parseAsync(['node', 'illusion', 'policy', '--policy', 'lru', '--frames', '3', '--addresses', BOOK, '--json']);
    expect(written.join('')).toBe(`1:${LRU_BOOK_JSON}`);
  });
});

// attack26: 100,000 references over 100,000 frames in --json ended in `internal error: Invalid
// string length` (exit 70) after 36 s: a piece held 4,096 steps, each listing up to 100,000 pages.
describe('pieces stay small however many frames each step lists', () => {
  it.each([[true], [false]])('json %s: 6,000 misses over 3,000 frames, every piece under 2 MiB, the whole output intact', (json) => {
    const addresses = Array.from({ length: 6000 }, (_, i) => i).join(',');
    let longest = 0;
    let steps = 0;
    let last = '';
    for (const piece of policyOutput({ policy: 'lru', frames: '3000', addresses, json })) {
      longest = Math.max(longest, piece.length);
      steps += piece.split(json ? '{"page"' : 'Access:').length - 1;
      last = piece;
    }
    expect(longest).toBeLessThan(2 * 1024 * 1024);
    expect(steps).toBe(6000);
    expect(last.endsWith(json ? '"frames":[' + Array.from({ length: 3000 }, (_, i) => i + 3000).join(',') + ']}]}\n' : 'Totals: hits 0  misses 6000  hit rate 0.00%\n')).toBe(true);
  });
});
