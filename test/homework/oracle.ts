// Reference solvers for the homework, written from SPEC v2 and
// docs/homework.md alone (the rules each problem's text states), never from
// homework/, kernel/ or mmu/ code: a second, independent answer key that
// test/homework/oracle.test.ts holds the machine's answers to. Each solver
// reads only what a student reads: the problem object of --json.

// ---------------------------------------------------------------- policy

export interface PolicyStep {
  page: number;
  hit: boolean;
  evicted: number | null;
  frames: number[];
  counts?: number[];
}

/** fifo, lru, mru, opt, unopt: memory as a list in the order the problem lists it. */
export function solveListPolicy(policy: 'fifo' | 'lru' | 'mru' | 'opt' | 'unopt', frames: number, refs: readonly number[]): PolicyStep[] {
  const mem: number[] = [];
  // opt and unopt list pages in the order they came in; ties need that order.
  return refs.map((page, now) => {
    const at = mem.indexOf(page);
    if (at >= 0) {
      if (policy === 'lru' || policy === 'mru') mem.push(...mem.splice(at, 1));
      return { page, hit: true, evicted: null, frames: [...mem] };
    }
    let evicted: number | null = null;
    if (mem.length === frames) {
      const victim = victimIndex(policy, mem, refs, now);
      evicted = mem.splice(victim, 1)[0]!;
    }
    mem.push(page);
    return { page, hit: false, evicted, frames: [...mem] };
  });
}

function victimIndex(policy: string, mem: number[], refs: readonly number[], now: number): number {
  if (policy === 'fifo' || policy === 'lru') return 0;
  if (policy === 'mru') return mem.length - 1;
  const next = mem.map((p) => {
    const i = refs.indexOf(p, now + 1);
    return i < 0 ? Infinity : i;
  });
  if (policy === 'opt') {
    // Furthest next use; among pages never used again, the one that came in last.
    const never = next.map((n, i) => (n === Infinity ? i : -1)).filter((i) => i >= 0);
    if (never.length > 0) return never[never.length - 1]!;
    return next.indexOf(Math.max(...next));
  }
  // unopt: soonest next use; pages never used again only when all are, the first that came in.
  const soonest = Math.min(...next);
  return next.indexOf(soonest);
}

/** The clock with a hand, counts saturating at `bits`, listed from the hand (docs/homework.md's rule). */
export function solveClock(bits: number, frames: number, refs: readonly number[]): PolicyStep[] {
  // ring[i] with the hand at index `hand`; a new page goes just behind the hand.
  const ring: { page: number; count: number }[] = [];
  let hand = 0;
  const view = () => ring.map((_, i) => ring[(hand + i) % ring.length]!);
  return refs.map((page) => {
    const slot = ring.find((s) => s.page === page);
    let hit = false;
    let evicted: number | null = null;
    if (slot !== undefined) {
      hit = true;
      slot.count = Math.min(bits, slot.count + 1);
    } else if (ring.length < frames) {
      // Behind the hand: the slot just before it in sweep order.
      ring.splice(hand, 0, { page, count: 1 });
      hand = (hand + 1) % ring.length;
    } else {
      while (ring[hand]!.count > 0) {
        ring[hand]!.count--;
        hand = (hand + 1) % ring.length;
      }
      evicted = ring[hand]!.page;
      ring[hand] = { page, count: 1 };
      hand = (hand + 1) % ring.length;
    }
    const v = view();
    return { page, hit, evicted, frames: v.map((s) => s.page), counts: v.map((s) => s.count) };
  });
}

// ---------------------------------------------------------------- tlb

export interface TlbAccessIn {
  asid: number;
  vpn: number;
  flush: boolean;
}

export interface TlbProblemIn {
  entries: number;
  ways: number;
  sets: number;
  policy: string;
  asids: boolean;
  accesses: TlbAccessIn[];
}

export interface TlbStepOut {
  hit: boolean;
  set: number;
  way: number;
  evicted: { asid: number; vpn: number } | null;
}

interface Way {
  valid: boolean;
  asid: number;
  vpn: number;
  lastUse: number;
  filled: number;
}

/**
 * lru, fifo, plru: a set is its VPN mod sets; a miss takes the lowest free
 * way, else the policy's victim. For random (draws not specified) `victimOf`
 * supplies the machine's choice, so the rest (set, tags, hits) is still checked.
 */
export function solveTlb(p: TlbProblemIn, victimOf?: (step: number) => number): { steps: TlbStepOut[]; final: ({ asid: number; vpn: number } | null)[][] } {
  const sets: Way[][] = Array.from({ length: p.sets }, () =>
    Array.from({ length: p.ways }, () => ({ valid: false, asid: 0, vpn: 0, lastUse: -1, filled: -1 })));
  // plru: one bit per inner node of a heap-ordered tree; bit 0 = go left, 1 = go right.
  const tree: number[][] = Array.from({ length: p.sets }, () => Array<number>(Math.max(1, p.ways)).fill(0));
  const use = (set: number, way: number) => {
    // Walk from the root to the leaf of `way`, pointing each node to the other half.
    let node = 1;
    for (let span = p.ways; span > 1; span /= 2) {
      const right = (way % span) >= span / 2;
      tree[set]![node] = right ? 0 : 1;
      node = node * 2 + (right ? 1 : 0);
    }
  };
  const plruVictim = (set: number) => {
    let node = 1;
    let way = 0;
    for (let span = p.ways; span > 1; span /= 2) {
      const right = tree[set]![node] === 1;
      if (right) way += span / 2;
      node = node * 2 + (right ? 1 : 0);
    }
    return way;
  };
  const steps = p.accesses.map((a, t): TlbStepOut => {
    if (a.flush) for (const s of sets) for (const w of s) w.valid = false;
    const asid = p.asids ? a.asid : 0;
    const set = a.vpn % p.sets;
    const ways = sets[set]!;
    const found = ways.findIndex((w) => w.valid && w.vpn === a.vpn && w.asid === asid);
    if (found >= 0) {
      ways[found]!.lastUse = t;
      use(set, found);
      return { hit: true, set, way: found, evicted: null };
    }
    let way = ways.findIndex((w) => !w.valid);
    if (way < 0) {
      if (p.policy === 'lru') way = argMin(ways.map((w) => w.lastUse));
      else if (p.policy === 'fifo') way = argMin(ways.map((w) => w.filled));
      else if (p.policy === 'plru') way = plruVictim(set);
      else way = victimOf!(t);
    }
    const old = ways[way]!;
    const evicted = old.valid ? { asid: old.asid, vpn: old.vpn } : null;
    ways[way] = { valid: true, asid, vpn: a.vpn, lastUse: t, filled: t };
    use(set, way);
    return { hit: false, set, way, evicted };
  });
  const final = sets.map((s) => s.map((w) => (w.valid ? { asid: w.asid, vpn: w.vpn } : null)));
  return { steps, final };
}

const argMin = (xs: number[]) => xs.indexOf(Math.min(...xs));

// ---------------------------------------------------------------- translate

export interface TranslateProblemIn {
  ptbr: number;
  regions: { kind: string; start: number; end: number; rights: string }[];
  root: { index: number; pte: number }[];
  tables: { root_index: number; frame: number; entries: { index: number; pte: number }[] }[];
  questions: { va: number; access: 'fetch' | 'load' | 'store' }[];
}

export interface TranslateAnswerOut {
  va: number;
  access: string;
  root_index: number;
  leaf_index: number;
  offset: number;
  reads: { table: 'root' | 'leaf'; address: number; pte: number }[];
  physical: number | null;
  fault: { mmu: string; reason: string; region: string | null; rights: string | null; missing: string | null; kernel: string } | null;
}

// PTE bits as SPEC section 5 and the problem text give them.
const V = 1, R = 2, W = 4, X = 8, U = 16, COW = 1 << 8, SWAPPED = 1 << 9;
const NEED = { fetch: X, load: R, store: W } as const;
const NEED_NAME = { fetch: 'X', load: 'R', store: 'W' } as const;
const RIGHT_CHAR = { fetch: 'x', load: 'r', store: 'w' } as const;

/**
 * Walks the printed tables, then says why a fault happens and what the
 * kernel does, from the regions (SPEC section 7's reasons). `lastSharer`
 * answers whether a copy-on-write page's frame has one sharer left, which
 * the problem text must state for the question to be answerable.
 */
export function solveTranslate(p: TranslateProblemIn): TranslateAnswerOut[] {
  const word = new Map<number, number>();
  for (const e of p.root) word.set(p.ptbr * 4096 + e.index * 4, e.pte);
  for (const t of p.tables) for (const e of t.entries) word.set(t.frame * 4096 + e.index * 4, e.pte);
  const read = (addr: number) => word.get(addr) ?? 0;
  return p.questions.map((q) => {
    const va = q.va >>> 0;
    const ri = va >>> 22, li = (va >>> 12) & 1023, offset = va & 4095;
    const rootAddress = p.ptbr * 4096 + ri * 4;
    const rootPte = read(rootAddress);
    const reads: TranslateAnswerOut['reads'] = [{ table: 'root', address: rootAddress, pte: rootPte }];
    let mmu: 'not_present' | 'protection' | undefined;
    let leaf = 0;
    if ((rootPte & V) === 0) mmu = 'not_present';
    else if ((rootPte & (R | W | X)) !== 0) mmu = 'protection';
    else {
      const leafAddress = ((rootPte >>> 12) * 4096 + li * 4) >>> 0;
      leaf = read(leafAddress);
      reads.push({ table: 'leaf', address: leafAddress, pte: leaf });
      if ((leaf & V) === 0) mmu = 'not_present';
      else if ((leaf & U) === 0 || (leaf & NEED[q.access]) === 0 || ((leaf & W) !== 0 && (leaf & R) === 0)) mmu = 'protection';
    }
    const base = { va, access: q.access, root_index: ri, leaf_index: li, offset, reads };
    if (mmu === undefined) return { ...base, physical: (((leaf >>> 12) * 4096) | offset) >>> 0, fault: null };
    return { ...base, physical: null, fault: { mmu, ...kernelView(p, va, q.access, leaf) } };
  });
}

function kernelView(p: TranslateProblemIn, va: number, access: 'fetch' | 'load' | 'store', leaf: number) {
  const region = p.regions.find((r) => va >= r.start && va < r.end);
  const kill = (reason: string, missing: string | null) =>
    ({ reason, region: region?.kind ?? null, rights: region?.rights ?? null, missing, kernel: 'kill' });
  if (region === undefined) {
    if (va < 0x1000) return kill('null_page', null);
    if (va >= 0x8000_0000) return kill('kernel_half', 'U');
    if (va >= 0x7fef_f000 && va < 0x7ff0_0000) return kill('guard_page', null);
    return kill('unmapped', null);
  }
  if (!region.rights.includes(RIGHT_CHAR[access])) return kill('protection', NEED_NAME[access]);
  const found = (reason: string, kernel: string, missing: string | null = null) =>
    ({ reason, region: region.kind, rights: region.rights, missing, kernel });
  if ((leaf & V) !== 0) {
    if (access === 'store' && (leaf & COW) !== 0) return found('copy_on_write', 'copy_on_write', 'W');
    return kill('protection', NEED_NAME[access]);
  }
  if ((leaf & SWAPPED) !== 0) return found('swapped_out', 'swap_in');
  const kernel = region.kind === 'stack' ? 'stack_growth' : region.kind === 'text' || region.kind === 'data' ? 'image' : 'zero_fill';
  return found('not_present', kernel);
}

// ---------------------------------------------------------------- cow

export type CowStepIn =
  | { op: 'read' | 'write'; pid: number; page: number }
  | { op: 'fork'; pid: number; child: number }
  | { op: 'exit'; pid: number };

export interface CowStepOut {
  fault: 'none' | 'zero-fill' | 'cow-copy' | 'cow-reclaim' | null;
  frames: number;
  shared: { frame: string; page: number; pids: number[] }[];
}

export interface CowFinalOut {
  pid: number;
  pages: { page: number; frame: string; writable: boolean }[];
}

/**
 * The copy-on-write rules as SPEC section 7 ("copy-on-write after fork",
 * frames reference-counted when shared) and the problem's text state them:
 * a first touch zero-fills a private writable frame; fork shares every page
 * the parent has and makes all of them COW in both; a write to a COW page
 * copies while others map the frame, else gives W back; exit drops the
 * process's references. Frames are named F1, F2, ... as they are filled.
 */
export function solveCow(scenario: readonly CowStepIn[]): { steps: CowStepOut[]; final: CowFinalOut[] } {
  // pid -> page -> { frame number n of Fn, writable }
  const procs = new Map<number, Map<number, { frame: number; writable: boolean }>>([[1, new Map()]]);
  let filled = 0;
  const sharersOf = (frame: number) => [...procs].flatMap(([pid, pages]) =>
    [...pages].filter(([, m]) => m.frame === frame).map(([page]) => ({ pid, page })));
  const steps = scenario.map((s): CowStepOut => {
    let fault: CowStepOut['fault'] = null;
    if (s.op === 'read' || s.op === 'write') {
      const pages = procs.get(s.pid)!;
      const m = pages.get(s.page);
      if (m === undefined) {
        fault = 'zero-fill';
        pages.set(s.page, { frame: ++filled, writable: true });
      } else if (s.op === 'read' || m.writable) {
        fault = 'none';
      } else if (sharersOf(m.frame).length > 1) {
        fault = 'cow-copy';
        pages.set(s.page, { frame: ++filled, writable: true });
      } else {
        fault = 'cow-reclaim';
        m.writable = true;
      }
    } else if (s.op === 'fork') {
      const parent = procs.get(s.pid)!;
      for (const m of parent.values()) m.writable = false;
      procs.set(s.child, new Map([...parent].map(([page, m]) => [page, { ...m }])));
    } else {
      procs.delete(s.pid);
    }
    const inUse = [...new Set([...procs.values()].flatMap((pages) => [...pages.values()].map((m) => m.frame)))].sort((a, b) => a - b);
    const shared = inUse.map((f) => ({ f, who: sharersOf(f) })).filter((x) => x.who.length > 1)
      .map((x) => ({ frame: `F${x.f}`, page: x.who[0]!.page, pids: x.who.map((w) => w.pid).sort((a, b) => a - b) }));
    return { fault, frames: inUse.length, shared };
  });
  const final = [...procs].sort(([a], [b]) => a - b).map(([pid, pages]) => ({
    pid,
    pages: [...pages].sort(([a], [b]) => a - b).map(([page, m]) => ({ page, frame: `F${m.frame}`, writable: m.writable })),
  }));
  return { steps, final };
}
