import { memo } from 'preact/compat';
import { useEffect, useRef, useState } from 'preact/hooks';
import { pageTableOf, type LeafView, type PageTableView, type PteView, type RootEntryView } from '../../index.js';
import type { Session } from '../session.js';
import { evictedPageOf, evictedPageText } from '../evictedPage.js';
import { count, hex } from '../format.js';
import { Panel } from './panel.js';

const BITS: readonly [keyof PteView, string][] = [['v', 'V'], ['r', 'R'], ['w', 'W'], ['x', 'X'], ['u', 'U'], ['g', 'G'], ['a', 'A'], ['d', 'D']];
/**
 * Rows are a fixed height and only those in view (plus a margin) are drawn:
 * a process with thousands of pages would otherwise cost every redraw a
 * table of thousands of rows, and the page its responsiveness.
 */
export const ROW_PX = 18;
const VIEW_ROWS = 24;
const MARGIN_ROWS = 12;

function marks(pte: PteView): string {
  const m: string[] = [];
  if (pte.state === 'swapped') m.push(`swapped to slot ${pte.slot}`);
  else if (pte.state !== 'present') m.push('not present');
  if (pte.cow) m.push('copy-on-write');
  if (pte.softDirty) m.push('dirty (kernel)');
  return m.join(', ');
}

const LeafRow = memo(function LeafRow(props: { leaf: LeafView; pid: number; onWalk: (pid: number, va: number) => void; hot: boolean; evicted: boolean }) {
  const { leaf } = props;
  const pte = leaf.pte;
  return (
    <tr class={`${pte.state} ${props.hot ? 'hot' : ''} ${props.evicted ? 'evicted-last' : ''}`} onClick={() => props.onWalk(props.pid, leaf.va)} title="click: show the walk">
      <td><button type="button" class="addr" aria-label={`walk ${hex(leaf.va)}`}>{hex(leaf.va)}</button></td>
      <td>{leaf.index}</td>
      <td class="rights">{pte.rights}</td>
      {BITS.map(([k, c]) => <td key={c} class={`bit ${pte[k] ? 'on' : 'off'}`} aria-label={`${c} ${pte[k] ? 'set' : 'clear'}`}>{pte[k] ? c : '-'}</td>)}
      <td>{pte.frame !== undefined ? hex(pte.frame, 3) : pte.slot !== undefined ? `slot ${pte.slot}` : '-'}</td>
      <td>{leaf.region ?? ''}</td>
      <td class="marks" title={marks(pte)}>{marks(pte)}</td>
    </tr>
  );
}, (a, b) => a.leaf.pte.value === b.leaf.pte.value && a.leaf.vpn === b.leaf.vpn && a.hot === b.hot && a.evicted === b.evicted && a.pid === b.pid && a.leaf.region === b.leaf.region);

/** A root entry's line; what a student looks for first (the range and how many pages) comes first: a narrow panel cuts the end off. */
export function rootEntryText(r: RootEntryView): string {
  return `root[${r.index}] ${hex(r.va)}-${hex(r.va + 0x3fffff)}: ${count(r.leaves.length, 'entry')}`
    + (r.tableFrame !== undefined ? `, table in frame ${hex(r.tableFrame, 3)}` : r.malformed ? ' (malformed)' : '')
    + `; root entry at ${hex(r.address)} = ${hex(r.value)}`;
}

/** The line under the table: the entries listed, and the kernel half counted. */
export function tableSummary(view: PageTableView): string {
  const leaves = view.roots.reduce((n, r) => n + r.leaves.length, 0);
  return `${count(leaves, 'entry')} under ${count(view.roots.length, 'root entry')}; plus ${count(view.kernelRootEntries, 'root entry')}`
    + ' of the kernel half (0x80000000 and up, U=0, shared by every process)';
}

function RootRow(props: { r: RootEntryView }) {
  const text = rootEntryText(props.r);
  return (
    <tr class="root-entry">
      <th colSpan={14} scope="rowgroup" title={text}>{text}</th>
    </tr>
  );
}

type Row = { root: RootEntryView } | { leaf: LeafView };

export function PageTablePanel(props: { s: Session | undefined; pid: number | undefined; onWalk: (pid: number, va: number) => void }) {
  const [top, setTop] = useState(0);
  const k = props.s?.kernel;
  const p = props.s?.process(props.pid);
  const view = k && p ? pageTableOf(k, p) : undefined;
  // At a fault or kill stop, the page it is about; else the TLB's last fill (web/session.ts litVpnOf).
  const hotVpn = props.s?.litVpnOf(props.pid) ?? -1;
  const rows: Row[] = view ? view.roots.flatMap((r) => [{ root: r } as Row, ...r.leaves.map((leaf) => ({ leaf }))]) : [];
  // The last eviction's page, when it is this process's: ringed as its frame is in the map, and scrolled to at an eviction stop.
  const found = k && view ? evictedPageOf(k, props.s!.events.last.get('evict')) : undefined;
  const evicted = found !== undefined && found.pid === view?.pid ? found : undefined;
  // Ringed and scrolled to only while it has a row: a dropped page has none until it is used again.
  const evictedVpn = evicted !== undefined && evicted.now !== 'none' ? evicted.vpn : -1;
  const scroller = useRef<HTMLDivElement>(null);
  // At a stop, the row it is about is scrolled to: the evicted page's, or the faulting (or killing) page's.
  const stopKind = props.s?.eventStop?.kind ?? (props.s?.killStop !== undefined ? 'kill' : undefined);
  const stopVpn = stopKind === 'evict' ? evictedVpn : stopKind !== undefined ? hotVpn : -1;
  useEffect(() => {
    const box = scroller.current;
    if (stopVpn < 0 || box === null) return;
    const row = rows.findIndex((r) => 'leaf' in r && r.leaf.vpn === stopVpn);
    if (row < 0) return;
    const at = row * ROW_PX;
    if (at < box.scrollTop || at > box.scrollTop + box.clientHeight - 2 * ROW_PX) box.scrollTop = Math.max(0, at - 4 * ROW_PX);
  }, [stopKind, stopVpn, view?.pid, props.s?.fingerprint()]);
  const first = Math.max(0, Math.floor(top / ROW_PX) - MARGIN_ROWS);
  const last = Math.min(rows.length, Math.floor(top / ROW_PX) + VIEW_ROWS + MARGIN_ROWS);
  return (
    <Panel name="Page table" class="pagetable-panel" note={view ? `pid ${view.pid}: root table in frame ${hex(view.rootFrame, 3)}, ${view.present} present, ${view.swapped} swapped` : undefined}>
      {view === undefined ? <p class="empty">{p ? `pid ${p.pid} has ended: its tables are freed` : 'no process'}</p> : (
        <>
          {evicted ? <p class="evicted-page" role="note">{evictedPageText(evicted)}</p> : null}
          <div class="ptes-scroll" ref={scroller} style={{ maxHeight: `${(VIEW_ROWS + 1) * ROW_PX}px` }} onScroll={(e) => setTop((e.target as HTMLElement).scrollTop)}>
            <table class="ptes">
              <thead><tr><th>page</th><th>leaf</th><th>rights</th>{BITS.map(([, c]) => <th key={c} class="bit">{c}</th>)}<th>frame</th><th>region</th><th>marks</th></tr></thead>
              <tbody>
                {first > 0 ? <tr class="spacer" style={{ height: `${first * ROW_PX}px` }} aria-hidden="true" /> : null}
                {rows.slice(first, last).map((row) => ('root' in row
                  ? <RootRow key={`r${row.root.index}`} r={row.root} />
                  : <LeafRow key={row.leaf.vpn} leaf={row.leaf} pid={view.pid} onWalk={props.onWalk} hot={row.leaf.vpn === hotVpn} evicted={row.leaf.vpn === evictedVpn} />))}
                {last < rows.length ? <tr class="spacer" style={{ height: `${(rows.length - last) * ROW_PX}px` }} aria-hidden="true" /> : null}
              </tbody>
            </table>
          </div>
          <p class="note">{tableSummary(view)}</p>
        </>
      )}
    </Panel>
  );
}
