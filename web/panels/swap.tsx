import { useState } from 'preact/hooks';
import { memo } from 'preact/compat';
import { moveCursor, showSquare, squaresPerRow } from '../mapCursor.js';
import { swapOf, type SwapSlotView, type SwapView } from '../../index.js';
import { count, hex, pidColour } from '../format.js';
import type { Session } from '../session.js';
import { Panel } from './panel.js';

/** Slots drawn at most; the rest of the device is counted in words. */
export const MAX_SLOTS_SHOWN = 4096;
/** Up to this many slots drawn, the squares are big enough to carry the owner's pid. */
const BIG_SLOTS_UP_TO = 128;
/** The map is drawn in whole rows of this many slots (at least one row). */
const SLOTS_PER_ROW = 32;

/**
 * How many slots to draw: a small device whole; else, as the device hands
 * out slots never used in order after the freed ones, the used ones sit at
 * the start: the map runs to the last used slot, in whole rows of
 * SLOTS_PER_ROW (at most MAX_SLOTS_SHOWN), and the free slots beyond are
 * counted in words.
 */
export function slotsShown(v: SwapView): number {
  if (v.slots <= BIG_SLOTS_UP_TO) return v.slots;
  const last = v.usedSlots.length > 0 ? v.usedSlots[v.usedSlots.length - 1]!.slot + 1 : 0;
  return Math.min(v.slots, MAX_SLOTS_SHOWN, Math.max(SLOTS_PER_ROW, Math.ceil(last / SLOTS_PER_ROW) * SLOTS_PER_ROW));
}

/** A slot in words: whose pages it holds (each sharer's), for its hover title. */
export function slotText(slot: number, used: SwapSlotView | undefined): string {
  if (used === undefined) return `swap slot ${slot}: free`;
  const pages = used.pages.map((p) => `pid ${p.pid}'s page ${hex(p.vpn << 12)}`).join(', ');
  return `swap slot ${slot}: ${used.pages.length > 1 ? `shared by ${used.pages.length}: ` : ''}${pages}`;
}

/** What a square says besides its colour: a shared slot its count, a slot of one page in big squares its pid. */
export function slotLabel(used: SwapSlotView | undefined, big: boolean): string {
  if (used === undefined) return '';
  if (used.pages.length > 1) return String(used.pages.length);
  return big ? String(used.pages[0]!.pid) : '';
}

/** The pids with pages in swap and how many, in words: `pid 1: 602 pages, pid 2: 570`. */
export function holdersText(v: SwapView): string {
  return v.byPid.map((h, i) => `pid ${h.pid}: ${h.pages}${i === 0 ? (h.pages === 1 ? ' page' : ' pages') : ''}`).join(', ');
}

type SlotProps = { slot: number; used: SwapSlotView | undefined; big: boolean; written: boolean; read: boolean; picked: boolean; onPick: (slot: number, pid: number, vpn: number) => void };

const SlotCell = memo(function SlotCell(props: SlotProps) {
  const { used } = props;
  const first = used?.pages[0];
  const shared = used !== undefined && used.pages.length > 1;
  const marks = `${props.written ? '; written last' : ''}${props.read ? '; read back last' : ''}`;
  return (
    <span class={`frame ${used ? 'user' : 'free'} ${shared ? 'shared' : ''} ${props.written ? 'evicted' : ''} ${props.read ? 'swapped-in' : ''}`}
      style={first ? { '--owner': pidColour(first.pid) } : undefined} title={slotText(props.slot, used) + (first ? '; click: name it below and walk it' : '') + marks}
      onClick={first ? () => props.onPick(props.slot, first.pid, first.vpn) : undefined} data-picked={props.picked ? '' : undefined}>
      {slotLabel(used, props.big)}
    </span>
  );
}, (a: SlotProps, b: SlotProps) => a.slot === b.slot && a.big === b.big && a.written === b.written && a.read === b.read && a.picked === b.picked
  && (a.used === b.used || (a.used !== undefined && b.used !== undefined && a.used.pages.length === b.used.pages.length
    && a.used.pages.every((p, i) => p.pid === b.used!.pages[i]!.pid && p.vpn === b.used!.pages[i]!.vpn))));

/** The Swap panel's one line while no page is in swap: none went yet, or how many went and came back. */
export function emptySwapText(swapOuts: number, swapIns: number): string {
  return swapOuts === 0 ? 'no page has gone to swap yet' : `no page is in swap now: ${count(swapOuts, 'page')} written to it, ${swapIns} read back, so far`;
}

/** The swap device beside the frame map: where an evicted page went, slot by slot. */
export function SwapPanel(props: { s: Session | undefined; onWalk: (pid: number, va: number) => void }) {
  // The slot clicked last, named in words under the map (a small square has no room for its pid and page).
  const [picked, setPicked] = useState<{ s: Session; slot: number } | undefined>(undefined);
  const k = props.s?.kernel;
  if (k === undefined) return <Panel name="Swap"><p class="empty">no machine</p></Panel>;
  const v = swapOf(k);
  const shown = slotsShown(v);
  const big = shown <= BIG_SLOTS_UP_TO;
  const bySlot = new Map(v.usedSlots.map((u) => [u.slot, u]));
  // A ring goes once its slot is freed (written last) or taken again (read back last): EventLog.ringedSlots.
  const { written, read } = props.s!.events.ringedSlots();
  const beyond = v.usedSlots.filter((u) => u.slot >= shown).length;
  // With no page in swap, one line: an empty map and its legend would push the panels below down (at swap.s's end, the
  // Output panel's PASS below the fold at 1280x800), and its rings would mark slots that hold nothing now.
  if (v.used === 0) {
    return <Panel name="Swap" note={`${v.slots} slots: ${v.used} used, ${v.free} free`}><p class="empty">{emptySwapText(k.stats.swapOuts, k.stats.swapIns)}</p></Panel>;
  }
  const pickedSlot = picked?.s === props.s ? picked?.slot : undefined;
  // A cell keeps the handler of the redraw it was last drawn in (memo), so it hands over its own page.
  const onPick = (slot: number, pid: number, vpn: number) => {
    setPicked({ s: props.s!, slot });
    props.onWalk(pid, vpn << 12);
  };
  const walkSlot = (slot: number) => { const first = bySlot.get(slot)?.pages[0]; if (first) props.onWalk(first.pid, first.vpn << 12); };
  // The arrows move the named slot (a free one too: it says so); Enter walks its page, as a click does.
  const onKey = (e: KeyboardEvent) => {
    const map = e.currentTarget as HTMLElement;
    if (e.key === 'Enter' && pickedSlot !== undefined) { walkSlot(pickedSlot); e.preventDefault(); return; }
    const to = moveCursor(e.key, pickedSlot ?? -1, shown, squaresPerRow(map));
    if (to === undefined) return;
    e.preventDefault();
    setPicked({ s: props.s!, slot: to });
    showSquare(map, to);
  };
  const cells = [];
  for (let slot = 0; slot < shown; slot++) {
    cells.push(<SlotCell key={slot} slot={slot} used={bySlot.get(slot)} big={big} written={slot === written} read={slot === read} picked={slot === pickedSlot} onPick={onPick} />);
  }
  return (
    <Panel name="Swap" note={`${v.slots} slots: ${v.used} used, ${v.free} free`}>
      <p class="swap-holders">{v.byPid.length > 0 ? `pages in swap: ${holdersText(v)}` : 'no page is in swap'}</p>
      <div class={`frames slots ${big ? 'big' : ''}`} role="group" tabIndex={0} onKeyDown={onKey}
        aria-label={`swap slots: ${v.used} used, ${v.free} free; arrow keys name each slot, Enter walks its page`}>{cells}</div>
      {pickedSlot !== undefined ? <p class="swap-picked" role="note" aria-live="polite">{slotText(pickedSlot, bySlot.get(pickedSlot))}</p> : null}
      {shown < v.slots ? (
        <p class="note">slots {shown} to {v.slots - 1} not drawn: {beyond > 0 ? `${beyond} used there, the rest free` : 'all free'}</p>
      ) : null}
      <p class="legend">
        <span><span class="frame free" /> free slot</span>
        {v.byPid.map((h) => <span key={h.pid}><span class="frame user" style={{ '--owner': pidColour(h.pid) }}>{big ? h.pid : ''}</span> pid {h.pid}</span>)}
        <span><span class="frame user shared">2</span> shared (copy-on-write)</span>
        <span><span class="frame free evicted" /> written last</span> <span><span class="frame free swapped-in" /> read back last</span>
        <span>a slot's pages: hover, click, or Tab to the map and use the arrows</span>
      </p>
    </Panel>
  );
}
