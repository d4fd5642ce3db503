// Text and JSON for the TLB homework. Entries are written ASID:VPN, VPN in
// decimal as OSTEP writes page numbers.
import type { TlbAnswers, TlbEntryName, TlbProblem, TlbStep } from './tlb.js';

export function tlbCommandLine(p: TlbProblem): string {
  return [
    'illusion homework tlb', `--seed ${p.seed}`, `--entries ${p.entries}`, `--ways ${p.ways}`, `--policy ${p.policy}`,
    p.asids ? '' : '--no-asid', `--count ${p.count}`, `--maxpage ${p.maxPage}`, `--processes ${p.processes}`,
  ].filter((s) => s !== '').join(' ');
}

const name = (e: TlbEntryName | undefined) => (e === undefined ? '-' : `${e.asid}:${e.vpn}`);

/**
 * Each policy's rule (mmu/tlb.ts, mmu/plru.ts), which its name alone does
 * not give a student: what counts as a use, how the tree works, and that
 * random's victims come from the TLB's seeded generator (the quiz says so
 * rather than ask for what no one can work out).
 */
const POLICY_RULE: Record<TlbProblem['policy'], string> = {
  lru: 'lru: the victim is the way of the set used longest ago (a hit or a fill is a use).',
  fifo: 'fifo: the victim is the way of the set filled longest ago (hits do not count).',
  plru: 'plru keeps a binary tree over the ways of a set, one bit per inner node: each use (hit or fill) points the bits on its way\'s path away from it; the victim is the way the bits lead to from the root.',
  random: 'random: the victim is drawn at random among the ways of the set (a seeded draw of the TLB\'s own generator, which cannot be worked by hand: the answers give it); the rest follows from it.',
};

function problemText(p: TlbProblem): string[] {
  const setRule = p.sets === 1 ? 'one set (fully associative): every page goes to set 0' : `a page's set is its VPN mod ${p.sets}`;
  const tags = p.asids
    ? 'ASIDs on: each entry is tagged with its process\'s ASID and survives a switch.'
    : 'ASIDs off: every entry is tagged ASID 0, and the kernel flushes the whole TLB when another process runs (marked "flush").';
  return [
    `# ${tlbCommandLine(p)}`,
    '',
    `TLB: ${p.entries} entr${p.entries === 1 ? 'y' : 'ies'}, ${p.sets} set${p.sets === 1 ? '' : 's'} x ${p.ways} way${p.ways === 1 ? '' : 's'}, ${p.policy} replacement within a set, empty at the start;`,
    `${setRule}; a miss fills a free way of the set if there is one (the lowest), else the ${p.policy} victim.`,
    ...(p.ways > 1 ? [POLICY_RULE[p.policy]] : []),
    tags,
    `Accesses (ASID:VPN), ${p.processes === 1 ? '1 process, which runs alone' : `${p.processes} processes taking turns`}:`,
    `  ${p.accesses.map((a) => `${a.flush ? '| ' : ''}${a.asid}:${a.vpn}`).join(' ')}`,
    '',
  ];
}

/** `Access  3: flush, 1:5`, padded so the answers line up. */
export function accessLabels(p: TlbProblem): string[] {
  const width = String(p.accesses.length).length;
  const labels = p.accesses.map((a, i) => `Access ${String(i + 1).padStart(width)}: ${a.flush ? 'flush, ' : ''}${a.asid}:${a.vpn}`);
  const longest = Math.max(0, ...labels.map((l) => l.length));
  return labels.map((l) => l.padEnd(longest));
}

export function formatTlbQuiz(p: TlbProblem): string {
  const lines = [
    ...problemText(p),
    // With ASIDs off an entry's tag is 0, not the access's ASID: the question says which to write.
    `For each access: hit or miss, which set, and which entry (${p.asids ? 'ASID:VPN' : '0:VPN, since ASIDs are off'}) it evicts, if any? What does the TLB hold at the end?`,
    '',
    ...accessLabels(p).map((label) => `${label}  Hit/Miss?  Set?  Evicts?`),
    'Totals: hits?  misses?',
    'Final contents (set: way 0, way 1, ...)?',
  ];
  return `${lines.join('\n')}\n`;
}

/** One access's answer: hit or miss, its set and way, and the entry it evicted. */
export function tlbStepText(s: TlbStep): string {
  return `${s.hit ? 'HIT ' : 'MISS'}  set ${s.set}  way ${s.way}  evicts: ${name(s.evicted)}`;
}

export function formatTlbAnswers(p: TlbProblem, r: TlbAnswers): string {
  const lines = [
    ...problemText(p),
    'Answers:',
    '',
    ...accessLabels(p).map((label, i) => {
      return `${label}  ${tlbStepText(r.steps[i]!)}`;
    }),
    `Totals: hits ${r.hits}  misses ${r.misses}  hit rate ${(r.hitRate * 100).toFixed(2)}%`,
    'Final contents (set: way 0, way 1, ...):',
    ...r.final.map((ways, set) => `  set ${set}: ${ways.map(name).join(', ')}`),
  ];
  return `${lines.join('\n')}\n`;
}

export function tlbJson(p: TlbProblem, r: TlbAnswers | undefined): string {
  const entry = (e: TlbEntryName | undefined) => (e === undefined ? null : { asid: e.asid, vpn: e.vpn });
  const problem = {
    command: tlbCommandLine(p),
    seed: p.seed, entries: p.entries, ways: p.ways, sets: p.sets, policy: p.policy, asids: p.asids,
    count: p.count, maxpage: p.maxPage, processes: p.processes,
    accesses: p.accesses.map((a) => ({ asid: a.asid, vpn: a.vpn, flush: a.flush })),
  };
  const answers = r === undefined ? undefined : {
    hits: r.hits, misses: r.misses, hit_rate: r.hitRate,
    steps: r.steps.map((s) => ({ hit: s.hit, set: s.set, way: s.way, evicted: entry(s.evicted) })),
    final: r.final.map((ways) => ways.map(entry)),
  };
  return `${JSON.stringify({ kind: 'tlb', problem, ...(answers ? { answers } : {}) })}\n`;
}
