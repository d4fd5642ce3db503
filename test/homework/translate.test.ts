// `illusion homework translate`: the answers against the debugger's walk of
// the same machine state and against the kernel's own fault handling, the
// machine left untouched by the answering, every kind of page present over
// many seeds, the quiz giving nothing away, and seeds reproducing.
import { describe, expect, it } from 'vitest';
import { walkText } from '../../cli/debug/views.js';
import { walkOf } from '../../views/walk.js';
import { PTE_V } from '../../mmu/pte.js';
import { makeTranslateProblem, solveTranslateProblem } from '../../homework/translate.js';
import { homework, homeworkJson } from './cli.js';

const hex = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

describe('homework translate answers', () => {
  for (const seed of [0, 1, 2, 3]) {
    it(`agree with the debugger's walk on the same machine (seed ${seed})`, () => {
      const made = makeTranslateProblem({ seed, pages: 8, count: 24 });
      const { kernel, process } = made.machine;
      for (const a of solveTranslateProblem(made)) {
        // The views' walk is what the debugger's `walk` prints (cli/debug/views.ts walkText).
        const w = walkOf(kernel, process, a.va, a.access)!;
        expect([w.rootIndex, w.leafIndex, w.offset]).toEqual([a.rootIndex, a.leafIndex, a.offset]);
        expect(w.levels.map((l) => [l.address, l.pte.value >>> 0])).toEqual(a.reads.map((r) => [r.address, r.pte >>> 0]));
        if (a.physical !== undefined) expect([w.outcome, w.physical]).toEqual(['translated', a.physical]);
        else expect(w.outcome).toBe(a.fault!.mmu);
        const text = walkText(kernel, process, a.va);
        expect(text).toContain(`root index ${a.rootIndex}, leaf index ${a.leafIndex}, offset 0x${a.offset.toString(16).padStart(3, '0')}`);
        expect(text).toContain(`root[${a.rootIndex}] at ${hex(a.reads[0]!.address)}`);
        if (a.physical !== undefined) expect(text).toContain(`physical address ${hex(a.physical)}`);
      }
    });
  }
});

describe('homework translate, more', () => {
  it('leave the machine as it was: memory, TLB and counters', () => {
    const made = makeTranslateProblem({ seed: 5, pages: 6, count: 30 });
    const hw = made.machine.kernel.machine;
    const before = hw.memory.bytes.slice();
    const tlb = hw.tlb.stats();
    solveTranslateProblem(made);
    expect(Buffer.compare(Buffer.from(hw.memory.bytes), Buffer.from(before))).toBe(0);
    expect(hw.tlb.stats()).toEqual(tlb);
  });

  it("say what the kernel's fault handler then does (checked on a fresh machine per address)", () => {
    const questions = makeTranslateProblem({ seed: 9, pages: 6, count: 30 });
    const answers = solveTranslateProblem(questions);
    let resolved = 0;
    answers.forEach((a) => {
      if (a.fault === undefined) return;
      const fresh = makeTranslateProblem({ seed: 9, pages: 6, count: 30 }).machine;
      const outcome = fresh.kernel.faultIn(fresh.process, a.va, a.access);
      expect(outcome).toBe(a.fault.kernel === 'kill' ? 'bad_access' : 'retry');
      if (outcome === 'retry') resolved++;
    });
    expect(resolved).toBeGreaterThan(0);
  });

  it("a fault's region is one the problem's region table lists, holding the address", () => {
    for (let seed = 0; seed < 10; seed++) {
      const made = makeTranslateProblem({ seed, pages: 6, count: 30 });
      for (const a of solveTranslateProblem(made)) {
        if (a.fault?.region === undefined) continue;
        const holders = made.problem.regions.filter((r) => a.va >= r.start && a.va < r.end).map((r) => r.kind);
        expect(holders, `seed ${seed}, ${a.access} ${hex(a.va)}`).toEqual([a.fault.region]);
      }
    }
  });

  it('every seed gives present, copy-on-write, swapped-out and never-touched data pages', () => {
    for (let seed = 0; seed < 20; seed++) {
      const { problem } = makeTranslateProblem({ seed, pages: 6, count: 1 });
      const data = problem.regions.find((r) => r.kind === 'bss')!;
      const low = problem.tables.find((t) => t.rootIndex === 0)!;
      const dataPtes = new Map(low.entries.filter((e) => e.index >= data.start >>> 12 && e.index < data.end >>> 12).map((e) => [e.index, e.pte]));
      const ptes = [...dataPtes.values()];
      expect(ptes.filter((p) => (p & PTE_V) !== 0 && (p & 0x100) === 0).length, `seed ${seed}: private`).toBeGreaterThan(0);
      expect(ptes.filter((p) => (p & PTE_V) !== 0 && (p & 0x100) !== 0).length, `seed ${seed}: cow`).toBeGreaterThan(0);
      expect(ptes.filter((p) => (p & PTE_V) === 0 && (p & 0x200) !== 0).length, `seed ${seed}: swapped`).toBeGreaterThan(0);
      expect((data.end - data.start) / 4096 - dataPtes.size, `seed ${seed}: untouched`).toBeGreaterThan(0);
    }
  });
});

describe('homework translate through the CLI', () => {
  const args = ['translate', '-s', '4', '--pages', '5', '-n', '10'];

  it('the quiz shows the tables and questions and none of the answers', () => {
    const quiz = homework(...args);
    const solved = homework(...args, '-c');
    expect(quiz.status).toBe(0);
    const problem = solved.stdout.slice(0, solved.stdout.indexOf('Answers:'));
    expect(quiz.stdout.startsWith(problem)).toBe(true);
    expect(quiz.stdout).toContain('Root table (ptbr = frame');
    expect(quiz.stdout.split('\n').filter((l) => /^ ?\d+\. (fetch|load |store) 0x[0-9a-f]{8} {2}-> {2}\?$/.test(l))).toHaveLength(10);
    expect(quiz.stdout).not.toMatch(/page fault|root index \d+, leaf index|the kernel (kills|makes|reads|copies)/);
    const physical = (homeworkJson(...args, '-c')['answers'] as { physical: number | null }[]).filter((a) => a.physical !== null);
    expect(physical.length).toBeGreaterThan(0);
    for (const a of physical) expect(quiz.stdout).not.toContain(hex(a.physical!));
    const j = homeworkJson(...args);
    expect(j).not.toHaveProperty('answers');
    expect(j['problem']).toEqual(homeworkJson(...args, '-c')['problem']);
  });

  it('the quiz states the two rules an answer needs: the MMU\'s two verdicts, and the words for why and what the kernel does', () => {
    // The answers say "MMU: not present" or "MMU: protection" and name a reason and an action; the quiz gave neither list.
    const quiz = homework(...args).stdout.split('\n');
    const at = quiz.indexOf('A user access needs V, U and X (fetch), R (load) or W (store).');
    expect(quiz.slice(at + 1, at + 4)).toEqual([
      'The MMU reports "not present" when the walk meets an entry with V=0, "protection" when the leaf is valid but forbids the access.',
      'Why, in the kernel\'s words: null page, kernel half, guard page, unmapped, protection (the region\'s rights), copy-on-write, swapped out, not present (never touched);',
      'then what it does: kill the process (bad_access), make a zero-filled or stack page, load the page from the program image, read it back from swap, copy it, or make it writable again (the last sharer).',
    ]);
  });

  it('the same seed gives the same bytes, on the problem and the answers', () => {
    expect(homework(...args, '-c').stdout).toBe(homework(...args, '-c').stdout);
    expect(homework(...args, '-c', '--json').stdout).toBe(homework(...args, '-c', '--json').stdout);
    expect(homeworkJson(...args)['problem'].questions).not.toEqual(homeworkJson('translate', '-s', '5', '--pages', '5', '-n', '10')['problem'].questions);
  });

  it('--json answers carry the walk and the fault reason', () => {
    const j = homeworkJson(...args, '-c');
    const answers = j['answers'] as { physical: number | null; fault: { reason: string } | null; reads: unknown[] }[];
    expect(answers).toHaveLength(10);
    for (const a of answers) expect(a.physical === null).toBe(a.fault !== null);
    expect(new Set(answers.filter((a) => a.fault).map((a) => a.fault!.reason)).size).toBeGreaterThan(3);
  });

  it.each([
    [['translate', '--pages', '0'], "illusion: error: --pages: expected a whole number from 1 to 40, got '0'\n"],
    [['translate', '-n', 'many'], "illusion: error: --count: expected a whole number from 1 to 1000, got 'many'\n"],
  ])('bad usage %j exits 2', (a, stderr) => {
    expect(homework(...a)).toEqual({ status: 2, stdout: '', stderr });
  });
});
