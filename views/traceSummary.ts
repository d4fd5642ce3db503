// A trace's totals (`illusion trace FILE --summary`): how many events of each
// kind, how the page faults were resolved, and the pages that cost the most
// (TLB misses, page faults, evictions), so that a student sees *where* a
// program's misses go, e.g. the column pass of row-column.s missing on every
// page of the matrix. Events are counted one at a time: a trace of any length
// passes through in memory bounded by the pages it names. A kind this
// version does not know is counted by name for the first UNKNOWN_KIND_ROWS
// such kinds and together after that (a hand-made file of a million kinds
// once overflowed the stack, attack26); a pid, page or address that no run
// writes is refused with TraceValueError rather than shown as nonsense.
import { printable, TRACE_KINDS, type TraceFields } from './eventText.js';

/** How many pages the table shows, the costliest first. */
export const SUMMARY_PAGES = 10;
/** How many kinds this version does not know get a row of their own. */
export const UNKNOWN_KIND_ROWS = 20;
/** The row that counts the events of the other unknown kinds. */
export const MORE_KINDS = '(more kinds unknown to this illusion)';

/** A field holding a value no trace of illusion run holds (the caller names the file and line). */
export class TraceValueError extends Error {}

const MAX_PID = 2 ** 31 - 1;
const MAX_VPN = 2 ** 20 - 1;

/** `e[field]` when it is a whole number from 0 to `max`; undefined when absent; else TraceValueError. */
function whole(e: TraceFields, field: string, max: number, what: string): number | undefined {
  const v = e[field];
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max) return v;
  throw new TraceValueError(`${field} ${String(v)} is not ${what} from 0 to ${max}`);
}

interface PageCost {
  readonly pid: number;
  readonly vpn: number;
  hits: number;
  misses: number;
  faults: number;
  evictions: number;
}

export class TraceSummary {
  private events = 0;
  private readonly kinds = new Map<string, number>();
  /** Events of unknown kinds beyond the first UNKNOWN_KIND_ROWS. */
  private moreKinds = 0;
  private unknownKinds = 0;
  private readonly resolutions = new Map<string, number>();
  private readonly pages = new Map<string, PageCost>();

  add(e: TraceFields): void {
    const kind = String(e.kind);
    const pid = whole(e, 'pid', MAX_PID, 'a process number') ?? 0;
    const paged = kind === 'tlb_hit' || kind === 'tlb_miss' || kind === 'evict';
    const vpn = paged ? whole(e, 'vpn', MAX_VPN, 'a page number') : undefined;
    const address = kind === 'page_fault' ? whole(e, 'address', 2 ** 32 - 1, 'an address') : undefined;
    const owner = kind === 'evict' ? whole(e, 'owner', MAX_PID, 'a process number') : undefined;
    // Every check passed: now count (a refused line counts nothing).
    this.events++;
    this.countKind(kind);
    if (kind === 'tlb_hit' && vpn !== undefined) this.page(pid, vpn).hits++;
    else if (kind === 'tlb_miss' && vpn !== undefined) this.page(pid, vpn).misses++;
    else if (kind === 'page_fault' && address !== undefined) {
      this.page(pid, Math.floor(address / 4096)).faults++;
      const how = String(e.resolution);
      this.resolutions.set(how, (this.resolutions.get(how) ?? 0) + 1);
    } else if (kind === 'evict' && owner !== undefined && vpn !== undefined) {
      // The page that left memory is the owner's (the line's pid is who needed the frame).
      this.page(owner, vpn).evictions++;
    }
  }

  private countKind(kind: string): void {
    const n = this.kinds.get(kind);
    if (n !== undefined) this.kinds.set(kind, n + 1);
    else if (kindOrder(kind) < TRACE_KINDS.length || this.unknownKinds++ < UNKNOWN_KIND_ROWS) this.kinds.set(kind, 1);
    else this.moreKinds++;
  }

  private page(pid: number, vpn: number): PageCost {
    const key = `${pid}:${vpn}`;
    let p = this.pages.get(key);
    if (p === undefined) {
      p = { pid, vpn, hits: 0, misses: 0, faults: 0, evictions: 0 };
      this.pages.set(key, p);
    }
    return p;
  }

  /** The summary as text: three tables, numbers grouped by thousands. */
  format(): string {
    const out: string[] = [];
    const kinds = [...this.kinds].sort((a, b) => kindOrder(a[0]) - kindOrder(b[0]) || a[0].localeCompare(b[0]));
    const more = this.moreKinds > 0 ? [[MORE_KINDS, grouped(this.moreKinds), '']] : [];
    out.push(...table(['kind', 'events', 'each event is'], [
      ...kinds.map(([k, n]) => [printable(k), grouped(n), meaning(k)]),
      ...more, ['all', grouped(this.events), ''],
    ]));
    if (this.resolutions.size > 0) {
      const rows = [...this.resolutions].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      out.push('', ...table(['page faults resolved by', 'faults'], rows.map(([how, n]) => [how, grouped(n)])));
    }
    const pages = [...this.pages.values()].sort((a, b) =>
      b.misses - a.misses || b.faults - a.faults || b.evictions - a.evictions || a.pid - b.pid || a.vpn - b.vpn);
    if (pages.length > 0) {
      const shown = pages.slice(0, SUMMARY_PAGES);
      const misses = pages.reduce((sum, p) => sum + p.misses, 0);
      const top = shown.reduce((sum, p) => sum + p.misses, 0);
      const which = shown.length === pages.length ? `all ${pages.length}` : `${shown.length} of ${grouped(pages.length)}`;
      out.push('', `the costliest pages: ${which}${misses === 0 ? '' : `, with ${grouped(top)} of the ${grouped(misses)} TLB misses`}`);
      // Hits are in a trace made with --trace-hits only: their column too.
      const hits = this.kinds.has('tlb_hit');
      out.push(...table(['pid', 'page', 'address', ...(hits ? ['tlb_hits'] : []), 'tlb_misses', 'page_faults', 'evictions'], shown.map((p) => [
        String(p.pid), `0x${p.vpn.toString(16).padStart(5, '0')}`, `0x${(p.vpn * 4096).toString(16).padStart(8, '0')}`,
        ...(hits ? [grouped(p.hits)] : []), grouped(p.misses), grouped(p.faults), grouped(p.evictions),
      ])));
    }
    return `${out.join('\n')}\n`;
  }
}

/**
 * What one event of each kind is, in a few words, for the table's last
 * column: a student reading `walk 35` under `tlb_miss 34` and `tlb_fill 24`
 * needs to know a walk also sets D and a walk that faults caches nothing.
 */
const KIND_MEANINGS: Record<(typeof TRACE_KINDS)[number], string> = {
  process_start: 'a process was created (by the loader or by fork)',
  process_end: 'a process ended (exited or killed)',
  context_switch: 'the kernel put a process on the CPU',
  trap: 'the CPU trapped to the kernel (any cause but a system call or a timer tick)',
  page_fault: 'a page fault, the CPU\'s or one the kernel took for a system call (how: the next table)',
  evict: 'the replacement policy took a user page\'s frame',
  swap_in: 'a page came back from swap',
  frame_alloc: 'a frame was taken, for a user page or a page table',
  frame_free: 'a frame was given back',
  syscall: 'a system call returned',
  syscall_blocked: 'a wait or a sleep gave up the CPU',
  tlb_miss: 'a translation missed the TLB (an access retried after a fault misses again)',
  walk: 'the MMU walked the page table: after a miss, or to set D on a first store',
  tlb_fill: 'a translation was cached (a walk that faulted caches none)',
  tlb_invalidate: 'the kernel dropped TLB entries: one page\'s, an ASID\'s or all',
  tlb_hit: 'a translation hit the TLB (traced with --trace-hits only)',
};

/** Own keys only: a made-up kind `constructor` means nothing. */
const meaning = (kind: string): string => (Object.hasOwn(KIND_MEANINGS, kind) ? (KIND_MEANINGS as Record<string, string>)[kind]! : '');

function kindOrder(kind: string): number {
  const i = (TRACE_KINDS as readonly string[]).indexOf(kind);
  return i < 0 ? TRACE_KINDS.length : i;
}

function grouped(n: number): string {
  return n.toLocaleString('en-US');
}

/** Columns of numbers right-aligned (their heads too), others left-aligned. */
function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [head, ...rows];
  // A loop, not Math.max(...rows): a spread of a million rows overflows the stack.
  const widths = head.map((_, c) => all.reduce((w, r) => Math.max(w, r[c]!.length), 0));
  const numeric = head.map((_, c) => rows.length > 0 && rows.every((r) => /^[\d,]+$/.test(r[c]!)));
  return all.map((r) => r.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd());
}
