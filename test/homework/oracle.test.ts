// Every homework answer against an independent answer key (test/homework/
// oracle.ts, written from SPEC and docs/homework.md, never from the
// machine's code), over many seeds and every option each kind has. The
// problems go through the CLI's own functions (the same code `illusion
// homework ... --json -c` runs), in-process so that hundreds of seeds take
// a second or two. ILLUSION_ORACLE_SEEDS=N raises the 50 seeds a case.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPolicyHomework, runTlbHomework, runTranslateHomework } from '../../cli/commands/homework.js';
import { runPolicyCommand } from '../../cli/commands/policy.js';
import { solveClock, solveListPolicy, solveTlb, solveTranslate, type PolicyStep } from './oracle.js';

const SEEDS = Number(process.env['ILLUSION_ORACLE_SEEDS'] ?? 50);
const seeds = Array.from({ length: SEEDS }, (_, i) => i * 7919 + 1);
const json = (text: string) => JSON.parse(text) as Record<string, any>;

// ---------------------------------------------------------------- policy

const POLICY_CASES: Record<string, string>[] = [
  {},
  { frames: '1' },
  { frames: '4', numaddrs: '30', maxpage: '6' },
  { frames: '5', numaddrs: '40', maxpage: '12', locality: '0.8' },
  { cachesize: '2', numaddrs: '20', maxpage: '3' },
  { frames: '3', numaddrs: '25', maxpage: '8', locality: '1' },
  { frames: '3', numaddrs: '25', maxpage: '8', locality: '0' },
];

function oraclePolicy(policy: string, frames: number, refs: number[], clockbits: number | null): PolicyStep[] {
  if (policy === 'clock') return solveClock(clockbits!, frames, refs);
  return solveListPolicy(policy as 'fifo', frames, refs);
}

/** The totals line and the per-access lines the text shows, from the oracle's steps. */
function policyLines(steps: PolicyStep[]): string[] {
  const width = Math.max(...steps.map((s) => String(s.page).length));
  const hits = steps.filter((s) => s.hit).length;
  return [
    ...steps.map((s) => `Access: ${String(s.page).padStart(width)}  ${s.hit ? 'HIT ' : 'MISS'}  evict: ${String(s.evicted ?? '-').padStart(width)}  resident: [${s.frames.join(', ')}]`
      + (s.counts ? `  counts: [${s.counts.join(', ')}]` : '')),
    `Totals: hits ${hits}  misses ${steps.length - hits}  hit rate ${(100 * hits / steps.length).toFixed(2)}%`,
  ];
}

describe('homework policy against the oracle', () => {
  const deterministic: [string, string | undefined][] = [
    ['fifo', undefined], ['lru', undefined], ['mru', undefined], ['opt', undefined], ['unopt', undefined],
    ['clock', undefined], ['clock', '1'], ['clock', '2'], ['clock', '3'], ['clock', '255'],
  ];
  for (const [policy, clockbits] of deterministic) {
    it(`${policy}${clockbits ? ` -b ${clockbits}` : ''}: every case, every seed, step for step (json and text)`, () => {
      let compared = 0;
      for (const c of POLICY_CASES) {
        for (const seed of seeds) {
          const flags = { ...c, policy, seed: String(seed), compute: true, ...(clockbits ? { clockbits } : {}) };
          const got = json(runPolicyHomework({ ...flags, json: true }));
          const p = got['problem'];
          const frames = Number(c['frames'] ?? c['cachesize'] ?? 3);
          expect(p.frames).toBe(frames);
          expect(p.clockbits).toBe(policy === 'clock' ? Number(clockbits ?? 1) : null);
          checkGenerator(p, c);
          const want = oraclePolicy(policy, frames, p.references, p.clockbits);
          expect(got['answers'].steps).toEqual(want);
          const hits = want.filter((s) => s.hit).length;
          expect([got['answers'].hits, got['answers'].misses, got['answers'].hit_rate]).toEqual([hits, want.length - hits, hits / want.length]);
          const text = runPolicyHomework(flags);
          expect(text.trimEnd().split('\n').slice(-want.length - 1)).toEqual(policyLines(want));
          compared += want.length;
        }
      }
      expect(compared).toBeGreaterThan(SEEDS * 100);
    });
  }

  it('given strings (-a and -f) and -N', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oracle-'));
    const file = join(dir, 'refs.txt');
    writeFileSync(file, '7\n0\n7\n3,2\n0\n');
    for (const policy of ['fifo', 'lru', 'opt', 'unopt', 'mru', 'clock']) {
      const book = [0, 1, 2, 0, 1, 3, 0, 3, 1, 2, 1];
      const a = json(runPolicyHomework({ policy, addresses: book.join(','), compute: true, json: true }));
      expect(a['answers'].steps).toEqual(oraclePolicy(policy, 3, book, policy === 'clock' ? 1 : null));
      const f = json(runPolicyHomework({ policy, addressfile: file, frames: '2', compute: true, json: true }));
      expect(f['problem'].references).toEqual([7, 0, 7, 3, 2, 0]);
      expect(f['answers'].steps).toEqual(oraclePolicy(policy, 2, [7, 0, 7, 3, 2, 0], policy === 'clock' ? 1 : null));
      const totals = runPolicyHomework({ policy, addresses: book.join(','), compute: true, notrace: true }).trimEnd().split('\n');
      expect(totals.at(-1)).toBe(policyLines(oraclePolicy(policy, 3, book, policy === 'clock' ? 1 : null)).at(-1));
      expect(totals.at(-2)).toBe('');
    }
  });

  // random and clock-ostep draw from a generator the text does not give; what
  // follows from the drawn victim is checked: who is resident, in which order.
  for (const policy of ['random', 'clock-ostep']) {
    it(`${policy}: hits, the victim resident, and the listed order after it`, () => {
      for (const c of POLICY_CASES) {
        for (const seed of seeds) {
          const got = json(runPolicyHomework({ ...c, policy, seed: String(seed), compute: true, json: true }));
          const frames = got['problem'].frames as number;
          const bits = got['problem'].clockbits as number | null;
          let mem: number[] = [];
          let counts: number[] = [];
          for (const s of got['answers'].steps as PolicyStep[]) {
            expect(s.hit).toBe(mem.includes(s.page));
            if (s.hit) {
              if (bits !== null) counts[mem.indexOf(s.page)] = Math.min(bits, counts[mem.indexOf(s.page)]! + 1);
              expect(s.evicted).toBeNull();
            } else if (mem.length < frames) {
              expect(s.evicted).toBeNull();
              mem.push(s.page);
              counts.push(1);
            } else {
              const at = mem.indexOf(s.evicted!);
              expect(at).toBeGreaterThanOrEqual(0);
              if (policy === 'random') {
                // The last page listed moves into the victim's place; the new one goes last.
                mem[at] = mem[mem.length - 1]!;
                mem.pop();
              } else {
                mem.splice(at, 1);
                // Probes only take counts down; the victim was at 0 when picked; a new page starts at 1.
                const before = counts.filter((_, i) => i !== at);
                expect(counts[at]).toBeGreaterThanOrEqual(0);
                s.counts!.slice(0, -1).forEach((n, i) => expect(n).toBeLessThanOrEqual(before[i]!));
                counts = [...s.counts!.slice(0, -1), 1];
              }
              mem.push(s.page);
            }
            expect(s.frames).toEqual(mem);
            if (bits !== null) expect(s.counts).toEqual(counts);
          }
        }
      }
    });
  }
});

function checkGenerator(p: Record<string, any>, c: Record<string, string>): void {
  const g = p['generator'];
  const n = Number(c['numaddrs'] ?? 10), max = Number(c['maxpage'] ?? 10);
  expect([g.numaddrs, g.maxpage, p['references'].length]).toEqual([n, max, n]);
  expect((p['references'] as number[]).every((r) => Number.isInteger(r) && r >= 0 && r < max)).toBe(true);
  if (c['locality'] === undefined) {
    expect(g.hot_pages).toEqual([]);
    return;
  }
  expect(g.hot_pages.length).toBe(Math.max(1, Math.floor(max / 5)));
  const inHot = (p['references'] as number[]).filter((r) => g.hot_pages.includes(r)).length;
  // Exactly the share the text states: round(P x N) references, unless every page is hot.
  expect(inHot).toBe(g.hot_pages.length === max ? n : Math.round(Number(c['locality']) * n));
}

describe('illusion policy (the kernel\'s four and opt) against the oracle', () => {
  // Strings from the test's own generator (a 32-bit LCG), not the machine's.
  let state = 12345;
  const next = (n: number) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % n;
  };
  it('--from-trace --pid: the string is the VPN of every tlb_hit and tlb_miss of that pid, in order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oracle-trace-'));
    const trace = join(dir, 'forkwait.jsonl');
    const r = spawnSync(process.execPath, [resolve('dist/cli/main.js'), 'run', 'programs/forkwait.s', '--trace', trace, '--trace-hits'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const events = readFileSync(trace, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { kind: string; pid: number; vpn: number });
    for (const pid of [1, 2]) {
      const refs = events.filter((e) => e.pid === pid && (e.kind === 'tlb_hit' || e.kind === 'tlb_miss')).map((e) => e.vpn);
      expect(refs.length).toBeGreaterThan(100);
      const got = json(runPolicyCommand({ policy: 'lru', frames: '4', fromTrace: trace, pid: String(pid), json: true }));
      expect(got['steps']).toEqual(oraclePolicy('lru', 4, refs, null));
    }
  });

  it('random (--seed): each victim resident, the order after it as the docs give it; --addresses-file reads the same string', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oracle-policy-'));
    for (let i = 0; i < SEEDS; i++) {
      const frames = 1 + (i % 6);
      const refs = Array.from({ length: 1 + next(50) }, () => next(3 + (i % 9)));
      const file = join(dir, `refs${i}.txt`);
      writeFileSync(file, refs.join(i % 2 === 0 ? '\n' : ','));
      const got = json(runPolicyCommand({ policy: 'random', frames: String(frames), addressesFile: file, seed: String(i * 31), json: true }));
      const mem: number[] = [];
      for (const [k, step] of (got['steps'] as PolicyStep[]).entries()) {
        expect([step.page, step.hit]).toEqual([refs[k], mem.includes(refs[k]!)]);
        if (!step.hit && mem.length === frames) {
          const at = mem.indexOf(step.evicted!);
          expect(at).toBeGreaterThanOrEqual(0);
          mem[at] = mem[mem.length - 1]!;
          mem.pop();
        }
        if (!step.hit) mem.push(step.page);
        expect(step.frames).toEqual(mem);
      }
    }
  });

  for (const policy of ['fifo', 'lru', 'clock', 'opt']) {
    it(`${policy}: ${SEEDS * 4} strings, 1 to 8 frames, step for step`, () => {
      for (let i = 0; i < SEEDS * 4; i++) {
        const frames = 1 + (i % 8);
        const refs = Array.from({ length: 1 + next(60) }, () => next(2 + (i % 13)));
        const got = json(runPolicyCommand({ policy, frames: String(frames), addresses: refs.join(','), json: true }));
        const want = oraclePolicy(policy, frames, refs, policy === 'clock' ? 1 : null).map(({ counts: _, ...s }) => s);
        expect(got['steps']).toEqual(want);
        expect(got['misses']).toBe(want.filter((s) => !s.hit).length);
      }
    });
  }
});

// ---------------------------------------------------------------- tlb

const TLB_CASES: Record<string, string | boolean>[] = [
  {},
  { entries: '4', ways: '4' },
  { entries: '4', ways: '1' },
  { entries: '16', ways: '4', count: '40', maxpage: '20' },
  { entries: '8', ways: '8', count: '30', processes: '3' },
  { entries: '8', ways: '2', asid: false, count: '30' },
  { entries: '16', ways: '8', asid: false, count: '50', maxpage: '40', processes: '4' },
  { entries: '1', ways: '1', count: '20', maxpage: '3', processes: '1' },
  { entries: '32', ways: '2', count: '60', maxpage: '100', processes: '16' },
];

describe('homework tlb against the oracle', () => {
  for (const policy of ['lru', 'fifo', 'plru', 'random']) {
    it(`${policy}: every case, every seed, step for step and the final contents`, () => {
      let compared = 0;
      for (const c of TLB_CASES) {
        if (policy === 'plru' && ![1, 2, 4, 8, 16, 32].includes(Number(c['ways'] ?? 2))) continue;
        for (const seed of seeds) {
          const flags = { ...c, policy, seed: String(seed), compute: true };
          const got = json(runTlbHomework({ ...flags, json: true }));
          const p = got['problem'];
          const entries = Number(c['entries'] ?? 8), ways = Number(c['ways'] ?? 2);
          expect([p.entries, p.ways, p.sets, p.policy, p.asids]).toEqual([entries, ways, entries / ways, policy, c['asid'] !== false]);
          checkAccesses(p, c);
          const steps = got['answers'].steps as { way: number }[];
          const want = solveTlb(p, (t) => steps[t]!.way);
          expect(got['answers'].steps).toEqual(want.steps);
          expect(got['answers'].final).toEqual(want.final);
          const hits = want.steps.filter((s) => s.hit).length;
          expect([got['answers'].hits, got['answers'].misses]).toEqual([hits, want.steps.length - hits]);
          const text = runTlbHomework(flags);
          expect(text).toContain(`Totals: hits ${hits}  misses ${want.steps.length - hits}  hit rate ${(100 * hits / want.steps.length).toFixed(2)}%`);
          compared += want.steps.length;
        }
      }
      expect(compared).toBeGreaterThan(SEEDS * 50);
    });
  }
});

function checkAccesses(p: Record<string, any>, c: Record<string, string | boolean>): void {
  const n = Number(c['count'] ?? 12), max = Number(c['maxpage'] ?? 12), procs = Number(c['processes'] ?? 2);
  const accesses = p['accesses'] as { asid: number; vpn: number; flush: boolean }[];
  expect(accesses.length).toBe(n);
  accesses.forEach((a, i) => {
    expect(a.vpn >= 0 && a.vpn < max && a.asid >= 1 && a.asid <= procs).toBe(true);
    // A flush is marked exactly where ASIDs are off and another process runs.
    expect(a.flush).toBe(p['asids'] === false && i > 0 && accesses[i - 1]!.asid !== a.asid);
  });
}

// ---------------------------------------------------------------- translate

describe('homework translate against the oracle', () => {
  for (const [pages, count] of [[6, 8], [1, 12], [3, 20], [12, 30], [40, 60]] as const) {
    it(`--pages ${pages} --count ${count}: every seed, the walk, the address or the fault and the kernel's answer`, () => {
      const reasons = new Set<string>();
      for (const seed of seeds) {
        const got = json(runTranslateHomework({ seed: String(seed), pages: String(pages), count: String(count), compute: true, json: true }));
        expect(got['answers']).toEqual(solveTranslate(got['problem']));
        for (const a of got['answers']) reasons.add(a.fault?.reason ?? 'translated');
      }
      // Every kind of page turns up over the seeds (one data page leaves none untouched to swap or copy).
      expect(reasons.size).toBeGreaterThanOrEqual(pages === 1 ? 6 : 8);
    });
  }
});

// ---------------------------------------------------------------- the text alone

/** What a student reads: the quiz text, parsed back into the problem the oracle solves. */
describe('the quiz text holds the whole problem (parsed back, it is the --json problem)', () => {
  it('policy: the reference string, the policy, the frames and the clock limit', () => {
    for (const seed of seeds) {
      for (const policy of ['fifo', 'clock', 'opt']) {
        const flags = { policy, seed: String(seed), numaddrs: '15', maxpage: '7', frames: String(1 + (seed % 4)) };
        const p = json(runPolicyHomework({ ...flags, json: true }))['problem'];
        const text = runPolicyHomework(flags).split('\n');
        expect(text[3]!.trim().split(' ').map(Number)).toEqual(p.references);
        const m = /^Replacement policy (\S+)(?: with reference counts up to (\d+))?; (\d+) page frames?, (?:all )?empty at the start\.$/.exec(text[5]!)!;
        expect([m[1], m[2] === undefined ? null : Number(m[2]), Number(m[3])]).toEqual([p.policy, p.clockbits, p.frames]);
      }
    }
  });

  it('tlb: the configuration and every access with its flush', () => {
    for (const seed of seeds) {
      for (const c of TLB_CASES) {
        const p = json(runTlbHomework({ ...c, seed: String(seed), json: true }))['problem'];
        const text = runTlbHomework({ ...c, seed: String(seed) }).split('\n');
        const m = /^TLB: (\d+) entr(?:y|ies), (\d+) sets? x (\d+) ways?, (\S+) replacement/.exec(text[2]!)!;
        expect(m.slice(1, 5)).toEqual([String(p.entries), String(p.sets), String(p.ways), p.policy]);
        expect(text.includes('ASIDs on: each entry is tagged with its process\'s ASID and survives a switch.')).toBe(p.asids);
        const line = text[text.findIndex((l) => l.startsWith('Accesses (ASID:VPN)')) + 1]!.trim();
        const accesses = line.replace(/\| /g, '|').split(' ').map((a) => {
          const [asid, vpn] = a.replace('|', '').split(':').map(Number);
          return { asid, vpn, flush: a.startsWith('|') };
        });
        expect(accesses).toEqual(p.accesses);
      }
    }
  });

  it('translate: the regions, ptbr, root entries, second-level tables and questions', () => {
    for (const seed of seeds.slice(0, 20)) {
      const flags = { seed: String(seed), pages: String(1 + (seed % 12)), count: '12' };
      const p = json(runTranslateHomework({ ...flags, json: true }))['problem'];
      const text = runTranslateHomework(flags).split('\n');
      const num = (h: string) => Number.parseInt(h, 16);
      const regions = text.flatMap((l) => {
        const m = /^ {2}(\w+) +0x([0-9a-f]{8})-0x([0-9a-f]{8}) {2}([r-][w-][x-])$/.exec(l);
        return m ? [{ kind: m[1], start: num(m[2]!), end: num(m[3]!) + 1, rights: m[4] }] : [];
      });
      expect(regions).toEqual(p.regions);
      expect(num(/ptbr = frame 0x([0-9a-f]+)/.exec(text.join('\n'))![1]!)).toBe(p.ptbr);
      const tables: { root_index: number; frame: number; entries: { index: number; pte: number }[] }[] = [];
      const root: { index: number; pte: number }[] = [];
      let into: { index: number; pte: number }[] | undefined;
      for (const l of text) {
        if (l.startsWith('Root table')) into = root;
        const t = /^Second-level table for root index (\d+) \(frame 0x([0-9a-f]+)\)/.exec(l);
        if (t) tables.push({ root_index: Number(t[1]), frame: num(t[2]!), entries: (into = []) });
        const e = /^ {2}\[ *(\d+)\] 0x([0-9a-f]{8})$/.exec(l);
        if (e && into) into.push({ index: Number(e[1]), pte: num(e[2]!) });
      }
      expect([root, tables]).toEqual([p.root, p.tables]);
      const questions = text.flatMap((l) => {
        const m = /^ *\d+\. (fetch|load|store) +0x([0-9a-f]{8}) {2}-> {2}\?$/.exec(l);
        return m ? [{ va: num(m[2]!), access: m[1] }] : [];
      });
      expect(questions).toEqual(p.questions);
      // And the oracle, fed the text's problem, gives the machine's answers.
      const answers = json(runTranslateHomework({ ...flags, json: true, compute: true }))['answers'];
      expect(solveTranslate({ ptbr: p.ptbr, regions, root, tables, questions } as Parameters<typeof solveTranslate>[0])).toEqual(answers);
    }
  });
});
