// The TLB: a set-associative cache of translations tagged by (VPN, ASID), or
// by VPN alone for global entries (SPEC section 5). Everything lives in typed
// arrays indexed by entry number (set * ways + way), so a lookup allocates
// nothing. The CPU's hot loop reads the tags, flags and frame bases directly
// and serves most hits itself; the TLB keeps the books of those hits through
// the run operations below (beginRun .. endRun), so that its counters and
// LRU stamps stay exactly what translating every access here would give.
import type { HardwareObserver } from './observer.js';
import { isPowerOfTwo, plruBitsFromStamps, plruVictim } from './plru.js';
import { Prng } from './prng.js';
import { Pte } from './pte.js';

/** plru: tree pseudo-LRU within a set (mmu/plru.ts), for power-of-two ways. */
export type TlbPolicy = 'lru' | 'fifo' | 'random' | 'plru';
export const TLB_POLICIES: readonly TlbPolicy[] = ['lru', 'fifo', 'random', 'plru'];

export interface TlbConfig {
  readonly entries: number;
  readonly ways: number;
  readonly policy: TlbPolicy;
  /** With ASIDs off every entry is tagged with ASID 0 and the kernel flushes on each switch. */
  readonly asids: boolean;
  readonly seed: number;
}

export const DEFAULT_TLB_CONFIG: TlbConfig = { entries: 64, ways: 4, policy: 'lru', asids: true, seed: 1 };
export const MAX_TLB_ENTRIES = 65_536;

const INVALID_TAG = -1;
/** Sets wider than this get a hash index for lookups. */
const INDEX_MIN_WAYS = 8;
/** Global entries carry this bit in their tag so that one compare finds them for any ASID. */
const GLOBAL_TAG_BIT = 1 << 28;

/** The tag of a non-global entry. */
export function tlbTag(vpn: number, asid: number): number {
  return (vpn << 8) | asid;
}

/** The tag of a global entry. */
export function tlbGlobalTag(vpn: number): number {
  return GLOBAL_TAG_BIT | (vpn << 8);
}

/**
 * Permission bits a hit must carry for each access kind (user mode); a store
 * hit needs D already set in the PTE, otherwise the MMU walks to set it. A
 * const enum for the CPU's loop: tsc writes the numbers into the code, where
 * a read of an imported constant costs a load per use (bench: 8-page load
 * hits ~2%). The *_NEEDS names below are the same bits as values.
 */
export const enum Needs {
  Fetch = Pte.U | Pte.X,
  Load = Pte.U | Pte.R,
  Store = Pte.U | Pte.W | Pte.D,
}

export const FETCH_NEEDS: number = Needs.Fetch;
export const LOAD_NEEDS: number = Needs.Load;
export const STORE_NEEDS: number = Needs.Store;

/** fetchHit's and dataEntry's answers besides an entry. */
export const TLB_ABSENT = -1;
export const TLB_NO_RIGHTS = -2;

/**
 * The way in first..end-1 whose stamp is smallest, the first of equals (so
 * ties go to the lowest way). Four stamps a step, their least found before
 * it is compared with the oldest so far: in a 64-way set this is most of a
 * miss's cost, and the unrolled scan takes ~0.75 of the one-at-a-time loop's
 * time (bench: micro.fa.miss, docs/benchmarks.md).
 */
function oldestWay(stamps: Float64Array, first: number, end: number): number {
  let victim = first;
  let oldest = stamps[first]!;
  let e = first + 1;
  for (; e + 3 < end; e += 4) {
    let least = stamps[e]!, at = e;
    const b = stamps[e + 1]!, c = stamps[e + 2]!, d = stamps[e + 3]!;
    if (b < least) { least = b; at = e + 1; }
    if (c < least) { least = c; at = e + 2; }
    if (d < least) { least = d; at = e + 3; }
    if (least < oldest) { oldest = least; victim = at; }
  }
  for (; e < end; e++) {
    const stamp = stamps[e]!;
    if (stamp < oldest) { oldest = stamp; victim = e; }
  }
  return victim;
}

export interface TlbStats {
  accesses: number;
  hits: number;
  misses: number;
  fills: number;
  evictions: number;
}

export class Tlb {
  // The fields a constructor sets are `declare`d: tsc then emits no class
  // field, which would define each as undefined before the constructor's
  // assignment, so V8 would no longer know the typed array a field holds
  // and would check it at every use on the hot paths (bench: 8-page load
  // hits ~6%, 4-way miss + walk ~2%).
  declare readonly entries: number;
  declare readonly ways: number;
  declare readonly sets: number;
  /** sets - 1 when sets is a power of two (a mask beats a division on the hot path), else -1. */
  private declare readonly setMask: number;
  declare readonly policy: TlbPolicy;
  declare readonly asidsEnabled: boolean;

  /** Entry tag: tlbTag / tlbGlobalTag, or -1 when the entry is invalid. */
  declare readonly tags: Int32Array;
  /** Physical byte address of the page the entry maps. */
  declare readonly frameBase: Int32Array;
  /** The PTE's low flag bits (V R W X U G A D) as they were cached. */
  declare readonly flags: Uint8Array;
  /** The VPN and ASID of each entry, for invalidation and display. */
  declare readonly vpns: Int32Array;
  declare readonly asids: Int32Array;
  /** Last use (LRU) and fill time (FIFO), in accesses. */
  declare readonly useStamp: Float64Array;
  declare readonly fillStamp: Float64Array;

  /**
   * Source of use and fill stamps; only their order matters. The slow path
   * stamps with ++clock; during a CPU run the clock follows the run's time
   * scale (runStart).
   */
  clock = 0;
  /**
   * The clock when the CPU's current run began. Instruction i of the run
   * fetches at runStart + 4i + 1 and accesses data at runStart + 4i + 3; a
   * slow-path call for either starts one tick before (the slow path adds one).
   */
  private runStart = 0;
  /** Accesses counted (hits + misses). */
  accesses = 0;
  misses = 0;
  fills = 0;
  evictions = 0;
  /**
   * Wide sets (more than INDEX_MIN_WAYS ways) keep a hash index from page to
   * entries, so a lookup does not scan every way: a 64-way lookup that
   * scans costs ~4x a direct-mapped miss (bench: "miss, fully associative").
   */
  private declare readonly indexHead: Int32Array | undefined;
  private declare readonly indexNext: Int32Array;
  private declare readonly indexMask: number;
  /** Valid entries per set, so that a full set skips the search for a free way. */
  private declare readonly validInSet: Int32Array;
  /** Told of fills and invalidations (tracing only). */
  declare observer: HardwareObserver | undefined;
  private declare readonly prng: Prng;
  /**
   * plru only: the tree bits, ways - 1 per set (set s at s * (ways - 1)),
   * rebuilt from the use stamps when a victim is chosen (see mmu/plru.ts).
   */
  declare readonly plruBits: Uint8Array;
  private declare readonly plruScratch: Float64Array;
  /** plru with more than one way (one way has no tree: its only way is the victim). */
  private declare readonly treePlru: boolean;
  /**
   * The stamps whose oldest a victim is: use stamps (lru), fill stamps
   * (fifo, and plru with one way, whose only way is the victim), or
   * undefined where no stamp order decides (random, tree plru). Chosen once,
   * so that the fill path reads one field instead of comparing policy names
   * (bench: 4-way miss + walk ~7%).
   */
  private declare readonly victimStamps: Float64Array | undefined;

  constructor(config: TlbConfig) {
    const { entries, ways } = config;
    if (!Number.isInteger(entries) || entries < 1 || entries > MAX_TLB_ENTRIES) {
      throw new RangeError(`TLB entries must be 1..${MAX_TLB_ENTRIES}, got ${entries}`);
    }
    if (!Number.isInteger(ways) || ways < 1 || ways > entries || entries % ways !== 0) {
      throw new RangeError(`TLB ways must divide the entries (${entries}), got ${ways}`);
    }
    if (config.policy === 'plru' && !isPowerOfTwo(ways)) {
      throw new RangeError(`TLB policy plru (tree pseudo-LRU) needs a power-of-two number of ways, got ${ways}`);
    }
    this.entries = entries;
    this.ways = ways;
    this.sets = entries / ways;
    this.setMask = (this.sets & (this.sets - 1)) === 0 ? this.sets - 1 : -1;
    this.policy = config.policy;
    this.asidsEnabled = config.asids;
    this.tags = new Int32Array(entries).fill(INVALID_TAG);
    this.frameBase = new Int32Array(entries);
    this.flags = new Uint8Array(entries);
    this.vpns = new Int32Array(entries);
    this.asids = new Int32Array(entries);
    this.useStamp = new Float64Array(entries);
    this.fillStamp = new Float64Array(entries);
    this.prng = new Prng(config.seed);
    let buckets = 1;
    while (buckets < 2 * entries) buckets *= 2;
    this.indexHead = ways > INDEX_MIN_WAYS ? new Int32Array(buckets).fill(-1) : undefined;
    this.indexNext = new Int32Array(ways > INDEX_MIN_WAYS ? entries : 0);
    this.indexMask = buckets - 1;
    this.validInSet = new Int32Array(this.sets);
    const treeBits = config.policy === 'plru' ? ways - 1 : 0;
    this.plruBits = new Uint8Array(this.sets * treeBits);
    this.plruScratch = new Float64Array(treeBits);
    this.treePlru = treeBits > 0;
    this.victimStamps = config.policy === 'lru' ? this.useStamp
      : config.policy === 'random' || this.treePlru ? undefined : this.fillStamp;
    this.observer = undefined;
  }

  /** The entry holding `vpn` for `asid` (or a global entry for vpn), or -1. Touches nothing. */
  lookup(vpn: number, asid: number): number {
    const tag = (vpn << 8) | asid;
    const gtag = GLOBAL_TAG_BIT | (vpn << 8);
    const tags = this.tags;
    if (this.indexHead !== undefined) {
      for (let e = this.indexHead[vpn & this.indexMask]!; e >= 0; e = this.indexNext[e]!) {
        const t = tags[e];
        if (t === tag || t === gtag) return e;
      }
      return -1;
    }
    const first = this.setOf(vpn) * this.ways;
    const end = first + this.ways;
    for (let e = first; e < end; e++) {
      const t = tags[e];
      if (t === tag || t === gtag) return e;
    }
    return -1;
  }

  /** Marks entry `e` invalid, keeping the index (if any) in step. */
  private drop(e: number): void {
    if (this.tags[e] === INVALID_TAG) return;
    if (this.indexHead !== undefined) this.unindex(e);
    this.validInSet[(e / this.ways) | 0]!--;
    this.tags[e] = INVALID_TAG;
  }

  private unindex(e: number): void {
    const head = this.indexHead!;
    const bucket = this.vpns[e]! & this.indexMask;
    if (head[bucket] === e) {
      head[bucket] = this.indexNext[e]!;
      return;
    }
    for (let p = head[bucket]!; p >= 0; p = this.indexNext[p]!) {
      if (this.indexNext[p] === e) {
        this.indexNext[p] = this.indexNext[e]!;
        return;
      }
    }
  }

  /** The set that holds `vpn`. */
  setOf(vpn: number): number {
    return this.setMask >= 0 ? vpn & this.setMask : vpn % this.sets;
  }

  /** Records a hit on entry `e`: one access, and the entry becomes most recently used. */
  recordHit(e: number): void {
    this.useStamp[e] = ++this.clock;
    this.accesses++;
  }

  // ---- The CPU run's books (cpu/cpu.ts): small enough for V8 to inline into the loop.

  /** A CPU run starts: its time scale begins at the current clock. */
  beginRun(): void {
    this.runStart = this.clock;
  }

  /**
   * The fast path's lookups, where a hit is a permission check (as Spike's
   * tag arrays make it) and stamps the entry: instruction i's fetch of page
   * `vpn`, on another page than the last fetch's, whose entry `last` (or -1)
   * gets its deferred stamp (its last use was instruction i - 1's fetch,
   * unless a data access stamped it later). Returns the entry, or
   * TLB_ABSENT (no entry: refill) or TLB_NO_RIGHTS (an entry that does not
   * allow it: translate), and then touches nothing.
   */
  fetchHit(vpn: number, asid: number, last: number, i: number): number {
    const e = this.lookup(vpn, asid);
    if (e < 0) return TLB_ABSENT;
    if ((this.flags[e]! & Needs.Fetch) !== Needs.Fetch) return TLB_NO_RIGHTS;
    const stamps = this.useStamp;
    const now = this.runStart + 4 * i;
    if (last >= 0 && stamps[last]! < now - 3) stamps[last] = now - 3;
    stamps[e] = now + 1;
    return e;
  }

  /** The entry for a load or store of page `vpn` needing `needs` (LOAD_NEEDS or STORE_NEEDS), as fetchHit answers; stamps nothing (stampData does). */
  dataEntry(vpn: number, asid: number, needs: number): number {
    const e = this.lookup(vpn, asid);
    if (e < 0) return TLB_ABSENT;
    return (this.flags[e]! & needs) === needs ? e : TLB_NO_RIGHTS;
  }

  /** Instruction i's load or store hit entry e. */
  stampData(e: number, i: number): void {
    this.useStamp[e] = this.runStart + 4 * i + 3;
  }

  /**
   * The fetch entry's deferred stamp: its last use was instruction i's
   * fetch, unless a data access of that instruction stamped it later.
   */
  settleFetch(e: number, i: number): void {
    this.stampAtLeast(e, this.runStart + 4 * i + 1);
  }

  /** Entry e was last used at `time` of the run's scale, unless a later use is stamped already (the block engine's deferred stamps). */
  stampAtLeast(e: number, time: number): void {
    if (this.useStamp[e]! < time) this.useStamp[e] = time;
  }

  /** The slow path is about to translate instruction i's fetch. */
  enterSlowFetch(i: number): void {
    this.clock = this.runStart + 4 * i;
  }

  /** The slow path is about to translate instruction i's load or store. */
  enterSlowData(i: number): void {
    this.clock = this.runStart + 4 * i + 2;
  }

  /** The run ends after `instructions`: counts the hits the CPU served and stamped itself. */
  endRun(servedHits: number, instructions: number): void {
    this.accesses += servedHits;
    this.clock = this.runStart + 4 * (instructions + 1);
  }


  /**
   * Records a miss and caches a translation, evicting a victim of the set if
   * it is full. Returns the entry used.
   */
  fill(vpn: number, asid: number, frameBase: number, pteFlags: number): number {
    const now = ++this.clock;
    this.accesses++;
    this.misses++;
    return this.place(vpn, asid, frameBase, pteFlags, now);
  }

  /** Caches a translation without counting an access (the walk that set D after a hit). */
  refresh(e: number, pteFlags: number): void {
    this.flags[e] = pteFlags & 0xff;
  }

  /**
   * Writes a translation for software refill (Mmu.tlbwrite): over the entry
   * that holds (vpn, asid) if there is one, keeping its place and stamps,
   * else into the way the policy picks, as a fill. Counts no access: the
   * access that missed was counted when it missed.
   */
  write(vpn: number, asid: number, frameBase: number, pteFlags: number): number {
    const e = this.lookup(vpn, asid);
    if (e < 0) return this.place(vpn, asid, frameBase, pteFlags, ++this.clock);
    this.frameBase[e] = frameBase;
    this.flags[e] = pteFlags & 0xff;
    return e;
  }

  /** Counts an access that missed and then faulted: nothing is cached. */
  recordMiss(): void {
    ++this.clock;
    this.accesses++;
    this.misses++;
  }

  private place(vpn: number, asid: number, frameBase: number, pteFlags: number, now: number): number {
    const e = this.chooseWay(vpn);
    const wasValid = this.tags[e] !== INVALID_TAG;
    if (wasValid) this.evictions++;
    this.observer?.tlbFill(vpn, asid, Math.floor(e / this.ways), e % this.ways, wasValid ? this.vpns[e]! : -1, wasValid ? this.asids[e]! : -1);
    const global = (pteFlags & Pte.G) !== 0;
    if (wasValid && this.indexHead !== undefined) this.unindex(e);
    if (!wasValid) this.validInSet[(e / this.ways) | 0]!++;
    this.tags[e] = global ? tlbGlobalTag(vpn) : tlbTag(vpn, asid);
    this.vpns[e] = vpn;
    if (this.indexHead !== undefined) {
      const bucket = vpn & this.indexMask;
      this.indexNext[e] = this.indexHead[bucket]!;
      this.indexHead[bucket] = e;
    }
    this.asids[e] = asid;
    this.frameBase[e] = frameBase;
    this.flags[e] = pteFlags & 0xff;
    this.useStamp[e] = now;
    this.fillStamp[e] = now;
    this.fills++;
    return e;
  }

  /**
   * The victim way of vpn's set: an invalid way if any, else by policy.
   * O(ways). A free way first for every policy, plru included: the tree
   * only breaks ties among valid entries (docs/hardware.md).
   */
  private chooseWay(vpn: number): number {
    const set = this.setOf(vpn);
    const first = set * this.ways;
    const end = first + this.ways;
    if (this.validInSet[set]! < this.ways) {
      for (let e = first; e < end; e++) if (this.tags[e] === INVALID_TAG) return e;
    }
    const stamps = this.victimStamps;
    if (stamps === undefined) return this.unstampedVictim(set, first);
    return oldestWay(stamps, first, end);
  }

  /** The victim where no stamp order decides: random, or tree plru. */
  private unstampedVictim(set: number, first: number): number {
    return this.policy === 'random' ? first + this.prng.below(this.ways) : this.plruVictimOf(set, first);
  }

  /** plru's victim in `set`: the tree bits rebuilt from the use stamps, then followed from the root. */
  private plruVictimOf(set: number, first: number): number {
    const base = set * (this.ways - 1);
    plruBitsFromStamps(this.useStamp, first, this.ways, this.plruBits, base, this.plruScratch);
    return first + plruVictim(this.plruBits, base, this.ways);
  }

  /** Drops the translation of one page for one address space (and a global one for that page). */
  invalidatePage(vpn: number, asid: number): void {
    this.observer?.tlbInvalidate('page', vpn, asid);
    // Both may be cached in the same set (a global entry filled under another
    // ASID beside this ASID's own): drop every match, not only the first.
    const tag = tlbTag(vpn, asid);
    const gtag = tlbGlobalTag(vpn);
    const first = this.setOf(vpn) * this.ways;
    for (let e = first; e < first + this.ways; e++) {
      if (this.tags[e] === tag || this.tags[e] === gtag) this.drop(e);
    }
  }

  /** Drops every non-global translation of one ASID. */
  invalidateAsid(asid: number): void {
    this.observer?.tlbInvalidate('asid', -1, asid);
    for (let e = 0; e < this.entries; e++) {
      const t = this.tags[e]!;
      if (t !== INVALID_TAG && (t & GLOBAL_TAG_BIT) === 0 && (t & 0xff) === asid) this.drop(e);
    }
  }

  /** Drops every translation, global ones included. */
  invalidateAll(): void {
    this.observer?.tlbInvalidate('all', -1, -1);
    this.tags.fill(INVALID_TAG);
    this.indexHead?.fill(-1);
    this.validInSet.fill(0);
  }

  isValid(e: number): boolean {
    return this.tags[e] !== INVALID_TAG;
  }

  stats(): TlbStats {
    return {
      accesses: this.accesses,
      hits: this.accesses - this.misses,
      misses: this.misses,
      fills: this.fills,
      evictions: this.evictions,
    };
  }
}
