// A trace's totals (`illusion trace FILE --summary`): how many events of each
// kind, how the page faults were resolved, and the pages that cost the most
// (TLB misses, page faults, evictions), so that a student sees *where* a
// program's misses go, e.g. the column pass of row-column.s missing on every
// page of the matrix. Events are counted one at a time: a trace of any length
// passes through in memory bounded by the pages it names.
import { TRACE_KINDS, type TraceFields } from './eventText.js';

/** How many pages the table shows, the costliest first. */
export const SUMMARY_PAGES = 10;

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
  private readonly resolutions = new Map<string, number>();
  private readonly pages = new Map<string, PageCost>();

  add(e: TraceFields): void {
    this.events++;
    const kind = String(e.kind);
    this.kinds.set(kind, (this.kinds.get(kind) ?? 0) + 1);
    const pid = typeof e.pid === 'number' ? e.pid : 0;
    if (kind === 'tlb_hit' && typeof e.vpn === 'number') this.page(pid, e.vpn).hits++;
    else if (kind === 'tlb_miss' && typeof e.vpn === 'number') this.page(pid, e.vpn).misses++;
    else if (kind === 'page_fault' && typeof e.address === 'number') {
      this.page(pid, e.address >>> 12).faults++;
      const how = String(e.resolution);
      this.resolutions.set(how, (this.resolutions.get(how) ?? 0) + 1);
    } else if (kind === 'evict' && typeof e.owner === 'number' && typeof e.vpn === 'number') {
      // The page that left memory is the owner's (the line's pid is who needed the frame).
      this.page(e.owner, e.vpn).evictions++;
    }
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
    out.push(...table(['kind', 'events'], [...kinds.map(([k, n]) => [k, grouped(n)]), ['all', grouped(this.events)]]));
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
  const widths = head.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  const numeric = head.map((_, c) => rows.length > 0 && rows.every((r) => /^[\d,]+$/.test(r[c]!)));
  return all.map((r) => r.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd());
}
