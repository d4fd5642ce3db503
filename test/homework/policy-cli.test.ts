// `illusion homework policy` through the built CLI: the book's examples and
// Belady's anomaly answered exactly, quiz output that gives nothing away,
// byte-for-byte reproducible seeds, OSTEP's flag names, and bad usage.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { homework, homeworkJson } from './cli.js';

const BOOK = '0,1,2,0,1,3,0,3,1,2,1';
const BELADY = '1,2,3,4,1,2,5,1,2,3,4,5';

function answers(...args: string[]) {
  const a = homeworkJson('policy', '-c', ...args)['answers'];
  return { hits: a.hits as number, misses: a.misses as number, evicted: (a.steps as { evicted: number | null }[]).map((s) => s.evicted).filter((e) => e !== null) };
}

describe('homework policy -c: OSTEP chapter 22', () => {
  it.each([
    ['fifo', 4, 7, [0, 1, 2, 3]],
    ['lru', 6, 5, [2, 0]],
    ['opt', 6, 5, [2, 3]],
  ])('%s on the book string with 3 frames: %i hits, %i misses', (policy, hits, misses, evicted) => {
    expect(answers('-p', policy, '-C', '3', '-a', BOOK)).toEqual({ hits, misses, evicted });
  });

  it("Belady's anomaly: fifo misses 9 times with 3 frames and 10 times with 4", () => {
    expect(answers('-p', 'fifo', '-C', '3', '-a', BELADY).misses).toBe(9);
    expect(answers('-p', 'fifo', '--frames', '4', '-a', BELADY).misses).toBe(10);
  });

  it.each([
    ['opt', 'The victim is the page whose next use is furthest away; among pages never used again, the one that came in last.', 2],
    ['unopt', 'The victim is the page whose next use is soonest; a page never used again goes only when every page is one, and then the one that came in first.', 1],
    ['clock', 'A page comes in with its count at 1, just behind the hand; a hit adds 1 (up to the limit); when memory is full, the hand takes 1 from each page it passes, evicts the first it finds at 0 and stops just past it.', 1],
  ])('the %s quiz states its rule, ties included, and the answer follows it', (policy, rule, victim) => {
    const quiz = homework('policy', '-p', policy, '-C', '2', '-a', '1,2,3').stdout.split('\n');
    expect(quiz[quiz.findIndex((l) => l.startsWith('Resident pages are listed')) + 1]).toBe(rule);
    expect(answers('-p', policy, '-C', '2', '-a', '1,2,3').evicted).toEqual([victim]);
  });

  it.each([
    ['random', 'The victim is drawn at random among the resident pages (a seeded draw that cannot be worked by hand: the answers give it); the rest follows from it.'],
    ['clock-ostep', 'OSTEP\'s clock, which has no hand: a page comes in with its count at 1 and a hit adds 1 (up to the limit); when memory is full, resident pages are probed at random (a seeded draw: the answers give the victim), each probe takes 1 from a count above 0, and the first page probed at 0 is the victim.'],
  ])('the %s quiz states its rule and that the draws are the machine\'s', (policy, rule) => {
    // Without it the quiz named a policy ("clock-ostep") and asked for its victims, with nothing to work them from.
    const quiz = homework('policy', '-p', policy, '-C', '2', '-a', '1,2,3').stdout.split('\n');
    expect(quiz[quiz.findIndex((l) => l.startsWith('Resident pages are listed')) + 1]).toBe(rule);
  });

  it('the random quiz says unambiguously where pages go when one is evicted, and the answer follows it', () => {
    // "a victim's place is taken by the last page" read as the new page taking it ([1, 4, 3]); the list is [1, 3, 4].
    const quiz = homework('policy', '-p', 'random', '-C', '3', '-a', '1,2,3,4').stdout.split('\n');
    expect(quiz.find((l) => l.startsWith('Resident pages are listed'))).toBe(
      'Resident pages are listed in the order they came in; when a page is evicted, the page listed last moves into its place and the new page goes at the end.');
    const steps = homeworkJson('policy', '-c', '-p', 'random', '-C', '3', '-a', '1,2,3,4')['answers'].steps;
    expect([steps[3].evicted, steps[3].frames]).toEqual([2, [1, 3, 4]]);
  });

  it('prints the answers in illusion policy\'s own lines, after the problem', () => {
    const r = homework('policy', '-c', '-p', 'fifo', '-C', '3', '-a', BOOK);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      `# illusion homework policy --seed 0 --policy fifo --frames 3 --addresses ${BOOK}`,
      '',
      'Reference string (given, 11 references):',
      '  0 1 2 0 1 3 0 3 1 2 1',
      '',
      'Replacement policy fifo; 3 page frames, all empty at the start.',
      'Resident pages are listed oldest first.',
      'Answers:',
      '',
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
    ].join('\n'));
  });

  it('one frame reads as English, "1 page frame, empty at the start", and clock on it evicts the one page at every miss (worked by hand)', () => {
    const out = homework('policy', '-p', 'clock', '-C', '1', '-a', '1,2,1,1,3', '-c').stdout.split('\n');
    expect(out[5]).toBe('Replacement policy clock with reference counts up to 1; 1 page frame, empty at the start.');
    expect(out.filter((l) => l.startsWith('Access: ')).map((l) => l.replace(/ +/g, ' '))).toEqual([
      'Access: 1 MISS evict: - resident: [1] counts: [1]',
      'Access: 2 MISS evict: 1 resident: [2] counts: [1]',
      'Access: 1 MISS evict: 2 resident: [1] counts: [1]',
      'Access: 1 HIT evict: - resident: [1] counts: [1]',
      'Access: 3 MISS evict: 1 resident: [3] counts: [1]',
    ]);
  });

  it('-N keeps only the totals', () => {
    const r = homework('policy', '-c', '-N', '-p', 'lru', '-a', BOOK);
    expect(r.stdout.endsWith('Answers:\n\nTotals: hits 6  misses 5  hit rate 54.55%\n')).toBe(true);
    expect(r.stdout).not.toContain('Access:');
  });
});

describe('homework policy: quiz and answers', () => {
  const args = ['policy', '-s', '7', '-n', '15', '-m', '6', '-p', 'lru', '-C', '3'];

  it('the quiz holds the problem of the answers and none of their content', () => {
    const quiz = homework(...args);
    const solved = homework(...args, '-c');
    expect(quiz.status).toBe(0);
    const problem = solved.stdout.slice(0, solved.stdout.indexOf('Answers:'));
    expect(quiz.stdout.startsWith(problem)).toBe(true);
    const answerLines = solved.stdout.slice(problem.length).split('\n').filter((l) => l.startsWith('Access:') || l.startsWith('Totals:'));
    expect(answerLines.length).toBe(16);
    for (const line of answerLines) expect(quiz.stdout).not.toContain(line);
    expect(quiz.stdout).not.toMatch(/\b(HIT|MISS)\b|evict: |resident: \[|hit rate \d/);
    expect(quiz.stdout.split('\n').filter((l) => l.startsWith('Access:')).every((l) => / {2}Hit\/Miss\? {2}Evicted\? {2}Resident\?$/.test(l))).toBe(true);
  });

  it('--json without -c carries the problem and no answers', () => {
    const quiz = homeworkJson(...args);
    const solved = homeworkJson(...args, '-c');
    expect(quiz).not.toHaveProperty('answers');
    expect(quiz['problem']).toEqual(solved['problem']);
    expect(quiz['problem'].references).toHaveLength(15);
    expect(solved['answers'].hits + solved['answers'].misses).toBe(15);
  });

  it('the same seed gives the same bytes; another seed another string', () => {
    const a = homework(...args, '-c');
    const b = homework(...args, '-c');
    expect(a.stdout).toBe(b.stdout);
    expect(homework(...args, '--json').stdout).toBe(homework(...args, '--json').stdout);
    const other = homeworkJson('policy', '-s', '8', '-n', '15', '-m', '6');
    expect(other['problem'].references).not.toEqual(homeworkJson(...args)['problem'].references);
  });

  it('generates pages 0..maxpage-1 and, with --locality, sends that share to the hot set', () => {
    const p = homeworkJson('policy', '-s', '3', '-n', '2000', '-m', '50', '--locality', '0.9')['problem'];
    expect(p.generator.hot_pages).toHaveLength(10);
    const hot = new Set<number>(p.generator.hot_pages);
    const share = (p.references as number[]).filter((r) => hot.has(r)).length / 2000;
    expect(share).toBeGreaterThan(0.87);
    expect(share).toBeLessThan(0.93);
    expect(Math.max(...(p.references as number[]))).toBeLessThan(50);
  });

  it('--locality P: the text\'s share is the string\'s, exactly (it said "70% of them" of a string with 5 of 10 hot)', () => {
    for (const seed of [2, 3, 4, 5, 6, 7]) {
      const args = ['policy', '-s', String(seed), '-m', '11', '--locality', '0.7'];
      const p = homeworkJson(...args)['problem'];
      const hot = (p.references as number[]).filter((r) => p.generator.hot_pages.includes(r)).length;
      expect(hot).toBe(7);
      expect(homework(...args).stdout.split('\n')[2]).toBe(`Reference string (10 references to pages 0..10, 7 of them to the hot set {${p.generator.hot_pages.join(', ')}}):`);
    }
  });

  it('takes OSTEP\'s names: --cachesize, -f, rand, -a -1, upper-case policies', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hw-'));
    const file = join(dir, 'refs.txt');
    writeFileSync(file, BOOK.split(',').join('\n'));
    expect(answers('-p', 'LRU', '--cachesize', '3', '-f', file).misses).toBe(5);
    expect(homeworkJson('policy', '-p', 'rand', '-c')['problem'].policy).toBe('random');
    expect(homeworkJson('policy', '-a', '-1', '-n', '4')['problem'].references).toHaveLength(4);
  });

  it('offers unopt, mru, clock with bits and clock-ostep', () => {
    expect(answers('-p', 'unopt', '-a', BOOK).misses).toBe(9);
    expect(answers('-p', 'mru', '-a', '0,1,2,3,0,1,2,3,0,1,2,3').misses).toBe(6);
    expect(homeworkJson('policy', '-p', 'clock', '-b', '3')['problem'].clockbits).toBe(3);
    expect(homeworkJson('policy', '-p', 'clock')['problem'].clockbits).toBe(1);
    expect(homeworkJson('policy', '-p', 'clock-ostep')['problem'].clockbits).toBe(2);
  });
});

describe("docs/policies.md: this project's clock against OSTEP's", () => {
  const STRING = '0,1,2,0,3,1,4';
  it.each([
    [['-p', 'clock'], 5, [0, 2]],
    [['-p', 'clock', '-b', '2'], 6, [1, 2, 0]],
    [['-p', 'clock-ostep', '-b', '1', '-s', '0'], 5, [2, 1]],
    [['-p', 'clock-ostep', '-b', '1', '-s', '2'], 6, [1, 3, 0]],
  ])('%j', (flags, misses, evicted) => {
    const a = answers('-C', '3', '-a', STRING, ...flags);
    expect({ misses: a.misses, evicted: a.evicted }).toEqual({ misses, evicted });
  });
});

describe('homework policy: clock answers carry the reference counts', () => {
  const args = ['policy', '-C', '3', '-a', '0,1,2,0,3,1,4', '-p', 'clock', '-b', '2'];
  it('in the text and the JSON, and not in the quiz', () => {
    const solved = homework(...args, '-c').stdout;
    expect(solved).toContain('Access: 0  HIT   evict: -  resident: [0, 1, 2]  counts: [2, 1, 1]\n');
    expect(solved).toContain('Access: 3  MISS  evict: 1  resident: [2, 0, 3]  counts: [0, 0, 1]\n');
    const steps = homeworkJson(...args, '-c')['answers'].steps as { counts: number[] }[];
    expect(steps.map((s) => s.counts)).toEqual([[1], [1, 1], [1, 1, 1], [2, 1, 1], [0, 0, 1], [0, 1, 1], [1, 1, 1]]);
    expect(homework(...args).stdout).not.toContain('counts: [');
    expect(homeworkJson('policy', '-c', '-p', 'lru')['answers'].steps[0]).not.toHaveProperty('counts');
  });
});

describe('homework policy: bad usage exits 2 with one line', () => {
  it.each([
    [['policy', '-p', 'lfu'], "illusion: error: --policy: expected one of fifo, clock, lru, random, opt, unopt, mru, clock-ostep, got 'lfu'\n"],
    [['policy', '-C', '0'], "illusion: error: --frames: expected a whole number from 1 to 1000000, got '0'\n"],
    [['policy', '-p', 'fifo', '-b', '2'], 'illusion: error: --clockbits: only clock and clock-ostep count references, not fifo\n'],
    [['policy', '--locality', '1.5'], "illusion: error: --locality: expected a share from 0 to 1 such as 0.8, got '1.5'\n"],
    [['policy', '-a', '1,2', '-n', '5'], 'illusion: error: --numaddrs, --maxpage and --locality make a string; they do not go with --addresses or --addressfile\n'],
    [['policy', '-a', '1,x'], "illusion: error: --addresses: item 2 'x' is not a page number from 0 to 1048575\n"],
    [['policy', '-N'], 'illusion: error: --notrace only changes the answers: give it with -c\n'],
    [['policy', '-s', '-3'], "illusion: error: --seed: expected a whole number from 0 to 4294967295, got '-3'\n"],
  ])('%j', (args, stderr) => {
    expect(homework(...args)).toEqual({ status: 2, stdout: '', stderr });
  });

  it('an unknown kind or flag is bad usage too', () => {
    expect(homework('paging')).toEqual({ status: 2, stdout: '', stderr: "illusion: error: homework: unknown kind 'paging'; the kinds are policy, tlb, translate, cow, protect\n" });
    expect(homework()).toEqual({ status: 2, stdout: '', stderr: 'illusion: error: homework: say which kind: policy, tlb, translate, cow, protect\n' });
    const flag = homework('policy', '--frobnicate');
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain("unknown option '--frobnicate'");
  });

  it.each([
    // `-c 7` reads as "7 answers" or a seed to a TA; it made the problem of seed 0 and said nothing.
    [['policy', '-s', '3', '-c', '7'], "illusion: error: too many arguments for 'policy'. Expected 0 arguments but got 1.\n"],
    [['tlb', 'extra'], "illusion: error: too many arguments for 'tlb'. Expected 0 arguments but got 1.\n"],
    [['translate', '5'], "illusion: error: too many arguments for 'translate'. Expected 0 arguments but got 1.\n"],
  ])('a stray argument after a kind is bad usage, not ignored: %j', (args, stderr) => {
    expect(homework(...args)).toEqual({ status: 2, stdout: '', stderr });
  });
});
