// `illusion homework tlb`: answers checked against the hardware path (the
// MMU translating through real page tables, filling the same TLB module),
// one problem worked by hand, the quiz giving nothing away, seeds, and the
// policy list coming from mmu/tlb.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeTlbProblem, solveTlbProblem, type TlbProblem } from '../../homework/tlb.js';
import { Access } from '../../mmu/access.js';
import { Mmu } from '../../mmu/mmu.js';
import { PAGE_SHIFT } from '../../mmu/page.js';
import { PhysicalMemory } from '../../mmu/physicalMemory.js';
import { makePte, PTE_R, PTE_U, PTE_V } from '../../mmu/pte.js';
import { Tlb, TLB_POLICIES } from '../../mmu/tlb.js';
import { homework, homeworkJson } from './cli.js';

/** Each process gets a root table (frame 2*asid) and one leaf table (frame 2*asid+1) mapping its pages; the MMU translates every access. */
function runThroughMmu(p: TlbProblem) {
  const memory = new PhysicalMemory(2 * (p.processes + 1) + 1);
  for (let asid = 1; asid <= p.processes; asid++) {
    const root = 2 * asid;
    memory.writeWord(root << PAGE_SHIFT, makePte(root + 1, PTE_V));
    for (let vpn = 0; vpn < p.maxPage; vpn++) memory.writeWord(((root + 1) << PAGE_SHIFT) + vpn * 4, makePte(1, PTE_V | PTE_R | PTE_U));
  }
  const tlb = new Tlb({ entries: p.entries, ways: p.ways, policy: p.policy, asids: p.asids, seed: p.seed });
  const mmu = new Mmu(memory, tlb);
  const evictions: ({ asid: number; vpn: number } | null)[] = [];
  let last: { asid: number; vpn: number } | null = null;
  tlb.observer = {
    tlbHit() {}, tlbMiss() {}, walk() {}, tlbInvalidate() {},
    tlbFill(_v, _a, _s, _w, ev, ea) { last = ev >= 0 ? { asid: ea, vpn: ev } : null; },
  };
  const steps = p.accesses.map((a) => {
    if (a.flush) tlb.invalidateAll();
    mmu.setPtbr(2 * a.asid);
    mmu.setAsid(a.asid);
    const misses = tlb.misses;
    last = null;
    const e = mmu.translate(a.vpn << PAGE_SHIFT, Access.Load);
    const hit = tlb.misses === misses;
    evictions.push(hit ? null : last);
    return { hit, set: Math.floor(e / tlb.ways), way: e % tlb.ways, evicted: hit ? null : last };
  });
  const final = Array.from({ length: tlb.sets }, (_, s) => Array.from({ length: tlb.ways }, (_, w) => {
    const e = s * tlb.ways + w;
    return tlb.isValid(e) ? { asid: tlb.asids[e]!, vpn: tlb.vpns[e]! } : null;
  }));
  return { steps, final, hits: tlb.stats().hits };
}

const config = fc.record({
  seed: fc.integer({ min: 0, max: 10_000 }),
  ways: fc.constantFrom(1, 2, 4),
  sets: fc.constantFrom(1, 2, 4),
  policy: fc.constantFrom(...TLB_POLICIES),
  asids: fc.boolean(),
  count: fc.integer({ min: 1, max: 40 }),
  maxPage: fc.integer({ min: 1, max: 20 }),
  processes: fc.integer({ min: 1, max: 3 }),
});

describe('homework tlb answers', () => {
  it('agree with the MMU translating the same accesses through the same TLB module', () => {
    fc.assert(fc.property(config, (c) => {
      const problem = makeTlbProblem({ ...c, entries: c.ways * c.sets });
      const answers = solveTlbProblem(problem);
      const mmu = runThroughMmu(problem);
      expect(answers.steps.map((s) => ({ ...s, evicted: s.evicted ?? null }))).toEqual(mmu.steps);
      expect(answers.final.map((set) => set.map((e) => e ?? null))).toEqual(mmu.final);
      expect(answers.hits).toBe(mmu.hits);
    }), { seed: 17, numRuns: 200 });
  });

  it('a problem worked by hand: 4 sets x 2 ways, lru, seed 0', () => {
    const r = homework('tlb', '-c');
    expect(r.status).toBe(0);
    expect(r.stdout.slice(r.stdout.indexOf('Answers:'))).toBe([
      'Answers:',
      '',
      'Access  1: 2:5   MISS  set 1  way 0  evicts: -',
      'Access  2: 2:11  MISS  set 3  way 0  evicts: -',
      'Access  3: 2:5   HIT   set 1  way 0  evicts: -',
      'Access  4: 2:1   MISS  set 1  way 1  evicts: -',
      'Access  5: 2:5   HIT   set 1  way 0  evicts: -',
      'Access  6: 2:1   HIT   set 1  way 1  evicts: -',
      'Access  7: 2:2   MISS  set 2  way 0  evicts: -',
      'Access  8: 2:0   MISS  set 0  way 0  evicts: -',
      'Access  9: 1:8   MISS  set 0  way 1  evicts: -',
      'Access 10: 1:8   HIT   set 0  way 1  evicts: -',
      'Access 11: 1:8   HIT   set 0  way 1  evicts: -',
      'Access 12: 1:1   MISS  set 1  way 0  evicts: 2:5',
      'Totals: hits 5  misses 7  hit rate 41.67%',
      'Final contents (set: way 0, way 1, ...):',
      '  set 0: 2:0, 1:8',
      '  set 1: 1:1, 2:1',
      '  set 2: 2:2, -',
      '  set 3: 2:11, -',
      '',
    ].join('\n'));
  });

  it('with ASIDs off, a switch flushes and every entry is tagged 0', () => {
    const j = homeworkJson('tlb', '-c', '--no-asid', '-s', '2', '--entries', '4', '--ways', '4', '-p', 'fifo');
    const flushes = (j['problem'].accesses as { flush: boolean }[]).map((a) => a.flush);
    expect(flushes).toEqual([false, true, false, true, false, false, false, false, false, true, true, false]);
    expect(j['answers'].hits).toBe(2);
    expect(j['answers'].final).toEqual([[{ asid: 0, vpn: 7 }, { asid: 0, vpn: 5 }, null, null]]);
  });
});

describe('homework tlb: quiz, seeds, flags', () => {
  const args = ['tlb', '-s', '5', '--entries', '8', '--ways', '4', '-p', 'fifo', '-n', '20', '--processes', '3'];

  it('the quiz has the problem and no answers', () => {
    const quiz = homework(...args).stdout;
    const solved = homework(...args, '-c').stdout;
    const problem = solved.slice(0, solved.indexOf('Answers:'));
    expect(quiz.startsWith(problem)).toBe(true);
    expect(quiz).not.toMatch(/\b(HIT|MISS)\b|set \d+ {2}way|evicts: |  set \d+: /);
    expect(homeworkJson(...args)).not.toHaveProperty('answers');
    expect(homeworkJson(...args)['problem']).toEqual(homeworkJson(...args, '-c')['problem']);
  });

  it('the same seed gives the same bytes', () => {
    expect(homework(...args, '-c').stdout).toBe(homework(...args, '-c').stdout);
    expect(homework(...args, '--json').stdout).toBe(homework(...args, '--json').stdout);
    expect(homeworkJson(...args)['problem'].accesses).not.toEqual(homeworkJson('tlb', '-s', '6', ...args.slice(3))['problem'].accesses);
  });

  it('the plru quiz says how the tree works, and a problem worked by hand from it agrees (4 ways, seed 4)', () => {
    const a = ['tlb', '-s', '4', '--entries', '4', '--ways', '4', '-p', 'plru', '-n', '12'];
    const quiz = homework(...a).stdout.split('\n');
    expect(quiz[4]).toBe('plru keeps a binary tree over the ways of a set, one bit per inner node: each use (hit or fill) points the bits on its way\'s path away from it; the victim is the way the bits lead to from the root.');
    expect(homework(...a).stdout).toContain('  2:5 2:3 2:5 2:2 1:7 1:9 2:8 2:0 2:8 2:5 1:5 1:4\n');
    // By hand: w0..w3 fill with 2:5 2:3 2:2 1:7 (2:5 hit between); then each victim is the way the bits point to.
    const steps = homeworkJson(...a, '-c')['answers'].steps as { evicted: { asid: number; vpn: number } | null }[];
    expect(steps.filter((s) => s.evicted !== null).map((s) => `${s.evicted!.asid}:${s.evicted!.vpn}`)).toEqual(['2:3', '2:2', '2:5', '1:9', '1:7', '2:0']);
  });

  it('the random quiz says its victims are draws the answers give (it asked for them with nothing to work them from)', () => {
    const quiz = homework('tlb', '-s', '4', '-p', 'random').stdout.split('\n');
    expect(quiz[4]).toBe('random: the victim is drawn at random among the ways of the set (a seeded draw of the TLB\'s own generator, which cannot be worked by hand: the answers give it); the rest follows from it.');
  });

  it.each([
    ['lru', 'lru: the victim is the way of the set used longest ago (a hit or a fill is a use).'],
    ['fifo', 'fifo: the victim is the way of the set filled longest ago (hits do not count).'],
  ])('the %s quiz says what counts as a use (a hit refreshes lru, not fifo), which the name alone leaves to guess', (policy, rule) => {
    expect(homework('tlb', '-p', policy).stdout.split('\n')[4]).toBe(rule);
    // Direct-mapped: no choice to explain.
    expect(homework('tlb', '-p', policy, '--ways', '1').stdout).not.toContain(rule);
  });

  it('with ASIDs off the question says an entry is 0:VPN, as the answers name it (the accesses read 2:10, and "(ASID:VPN)" asked for that)', () => {
    // Seed 3, one entry, worked by hand: 2:10 fills 0:10, 2:7 evicts it, 2:10 evicts 0:7, the flush empties
    // the TLB for 1:1, then 1:8 and 1:1 evict each other.
    const args = ['tlb', '-s', '3', '--no-asid', '--entries', '1', '--ways', '1', '-n', '8'];
    expect(homework(...args).stdout.split('\n')[8]).toBe('For each access: hit or miss, which set, and which entry (0:VPN, since ASIDs are off) it evicts, if any? What does the TLB hold at the end?');
    const answers = homework(...args, '-c').stdout.split('\n');
    expect(answers.filter((l) => /evicts: \d/.test(l)).map((l) => l.slice(l.indexOf('evicts: ')))).toEqual(['evicts: 0:10', 'evicts: 0:7', 'evicts: 0:1', 'evicts: 0:8']);
    expect(answers.slice(-4)).toEqual(['Totals: hits 2  misses 6  hit rate 25.00%', 'Final contents (set: way 0, way 1, ...):', '  set 0: 0:1', '']);
    expect(homework('tlb', '-s', '3').stdout).toContain('which entry (ASID:VPN) it evicts');
  });

  it('one process reads as English: "1 process, which runs alone", not "1 process taking turns"', () => {
    expect(homework('tlb', '-s', '2', '--processes', '1', '-n', '6').stdout.split('\n').slice(6, 8)).toEqual(['Accesses (ASID:VPN), 1 process, which runs alone:', '  1:7 1:7 1:6 1:0 1:7 1:6']);
    expect(homework('tlb', '-s', '2').stdout).toContain('Accesses (ASID:VPN), 2 processes taking turns:\n');
  });

  it('a one-entry TLB reads as English: "1 entry", not "1 entries"', () => {
    expect(homework('tlb', '--entries', '1', '-n', '3').stdout.split('\n')[2]).toBe('TLB: 1 entry, 1 set x 1 way, lru replacement within a set, empty at the start;');
  });

  it('offers exactly the TLB module\'s policies', () => {
    const r = homework('tlb', '-p', 'bogus');
    expect(r).toEqual({ status: 2, stdout: '', stderr: `illusion: error: --policy: expected one of ${TLB_POLICIES.join(', ')}, got 'bogus'\n` });
    for (const policy of TLB_POLICIES) expect(homeworkJson('tlb', '-p', policy, '-c')['problem'].policy).toBe(policy);
  });

  it.each([
    [['tlb', '--entries', '6', '--ways', '4'], 'illusion: error: --ways: 4 does not divide the 6 entries\n'],
    [['tlb', '--entries', '0'], "illusion: error: --entries: expected a whole number from 1 to 256, got '0'\n"],
    [['tlb', '--processes', '17'], "illusion: error: --processes: expected a whole number from 1 to 16, got '17'\n"],
  ])('bad usage %j exits 2', (a, stderr) => {
    expect(homework(...a)).toEqual({ status: 2, stdout: '', stderr });
  });
});
