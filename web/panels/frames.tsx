import { useState } from 'preact/hooks';
import { memo } from 'preact/compat';
import { moveCursor, showSquare, squaresPerRow } from '../mapCursor.js';
import { framesOf, type FrameView } from '../../index.js';
import type { EventLog, LoggedEvent } from '../eventLog.js';
import { evictionWords } from '../eventStop.js';
import type { Session } from '../session.js';
import { hex, pidColour } from '../format.js';
import { endedOf, residencyOf, type EndedResidency, type Residency } from '../residency.js';
import { Panel } from './panel.js';

/** A frame in words: its number, its use, and whose it is (every pid and page mapping a user page); the title and the cursor's line say it. */
export function frameText(f: FrameView): string {
  switch (f.use) {
    case 'free': return `frame ${hex(f.frame, 3)}: free`;
    case 'kernel': return `frame ${hex(f.frame, 3)}: kernel (maps the kernel half)`;
    case 'root_table': return `frame ${hex(f.frame, 3)}: root page table of pid ${f.owners[0]}`;
    case 'page_table': return `frame ${hex(f.frame, 3)}: page table of pid ${f.owners[0]} (root index ${f.rootIndex})`;
    default: {
      const pages = f.pages.map((m) => `pid ${m.pid} page ${hex(m.vpn << 12)}`).join(', ');
      return `frame ${hex(f.frame, 3)}: user, ${f.shares > 1 ? `shared by ${f.shares}: ` : ''}${pages}`;
    }
  }
}

function style(f: FrameView): Record<string, string> {
  if (f.use === 'user' || f.use === 'root_table' || f.use === 'page_table') return { '--owner': pidColour(f.owners[0] ?? 0) };
  return {};
}

/** Frames drawn at most: 262144 squares would stall every redraw. */
const MAX_FRAMES_SHOWN = 4096;
/** Up to this many frames, the squares are drawn big enough to read a share count at a glance. */
const BIG_SQUARES_UP_TO = 256;

/** A big memory's map is drawn in blocks of this many frames (0x40): to the block of the highest frame in use, the free rest counted, not drawn. */
export const FRAME_BLOCK = 64;

/**
 * How many frames the map draws: a small memory (256 or fewer) all of them;
 * a big one up to the block of the highest frame in use, at most
 * MAX_FRAMES_SHOWN. cow.s uses at most 14 of the default 1024 frames: 1024 squares
 * were 27 rows of empty ones, pushing the panels below the map down.
 */
export function framesShown(view: { total: number; frames: readonly FrameView[] }): number {
  if (view.total <= BIG_SQUARES_UP_TO) return view.total;
  let highest = -1;
  for (let i = view.frames.length - 1; i >= 0; i--) if (view.frames[i]!.use !== 'free') { highest = i; break; }
  return Math.min(view.total, MAX_FRAMES_SHOWN, Math.max(FRAME_BLOCK, Math.ceil((highest + 1) / FRAME_BLOCK) * FRAME_BLOCK));
}

/** The line under a map that does not draw every frame: which frames are left out, and that they are free (or how many are not). */
export function framesNotDrawnText(view: { total: number; frames: readonly FrameView[] }, shown: number): string | undefined {
  if (shown >= view.total) return undefined;
  const used = view.frames.slice(shown).filter((f) => f.use !== 'free').length;
  return `frames ${hex(shown, 3)} to ${hex(view.total - 1, 3)} not drawn: ${used > 0 ? `${used} in use there, the rest free` : 'all free'}`;
}

type CellProps = { f: FrameView; big: boolean; evicted: boolean; swappedIn: boolean; cursor: boolean; onPick: (f: FrameView) => void };

/**
 * What a square says besides its colour: a shared page its share count; in the big squares of a
 * small memory, a page or table its owner's pid (two hues alone can look alike to a colour-blind eye).
 */
export function frameLabel(f: FrameView, big: boolean): string {
  if (f.shares > 1) return String(f.shares);
  return big && f.use !== 'free' && f.use !== 'kernel' && f.owners.length > 0 ? String(f.owners[0]) : '';
}

const FrameCell = memo(function FrameCell(props: CellProps) {
  const { f } = props;
  const marks = `${props.evicted ? '; evicted last' : ''}${props.swappedIn ? '; swapped in last' : ''}`;
  return (
    <span class={`frame ${f.use} ${f.shares > 1 ? 'shared' : ''} ${props.evicted ? 'evicted' : ''} ${props.swappedIn ? 'swapped-in' : ''}`}
      style={style(f)} title={frameText(f) + (f.use === 'user' ? '; click: walk it' : '') + marks} onClick={() => props.onPick(f)} data-picked={props.cursor ? '' : undefined}>
      {frameLabel(f, props.big)}
    </span>
  );
}, (a: CellProps, b: CellProps) => a.big === b.big && a.evicted === b.evicted && a.swappedIn === b.swappedIn && a.cursor === b.cursor
  && a.f.use === b.f.use && a.f.shares === b.f.shares && a.f.pages.length === b.f.pages.length
  && a.f.owners.join() === b.f.owners.join() && a.f.pages.every((m, i) => m.vpn === b.f.pages[i]!.vpn && m.pid === b.f.pages[i]!.pid));

/** The last eviction in words: which frame, whose page, and where its contents went. */
export function evictionText(e: LoggedEvent): string {
  const f = e.fields;
  const slot = f['slot'] === undefined ? undefined : Number(f['slot']);
  return `last eviction: ${evictionWords({ frame: Number(f['frame']), pid: Number(f['pid']), vpn: Number(f['vpn']), to: String(f['to']), slot, sharers: Number(f['sharers']) })}`;
}

/** After a paging line whose frame was freed since (its ring is gone). */
export const FREED_SINCE = '; that frame was freed since';

/**
 * The frames ringed as the last eviction's and the last swap-in's (-1: none):
 * only until the frame is freed again (its process ended, or its page was
 * evicted), as a ring on a free or reused frame would say what is no longer so.
 */
export function ringedFrames(log: EventLog): { evictedFrame: number; swappedInFrame: number } {
  const ring = (e: LoggedEvent | undefined) => {
    const frame = e === undefined ? -1 : Number(e.fields['frame']);
    return e === undefined || log.freedSince(frame, e) ? -1 : frame;
  };
  return { evictedFrame: ring(log.last.get('evict')), swappedInFrame: ring(log.last.get('swap_in')) };
}

/** The last swap-in in words: which page came back from which slot into which frame. */
export function swapInText(e: LoggedEvent): string {
  const f = e.fields;
  return `last swap-in: pid ${f['pid']} page ${hex(Number(f['vpn']) << 12)} from swap slot ${f['slot']} into frame ${hex(Number(f['frame']), 3)}`;
}

const RESIDENCY_COLUMNS: [keyof Residency, string, string][] = [
  ['resident', 'pages in frames', 'user frames holding its pages'],
  ['shared', 'shared', 'of those, frames another mapping shares'],
  ['swapped', 'pages in swap', 'its pages in swap slots (the page table\'s swapped entries)'],
  ['tables', 'table frames', 'frames holding its page tables, the root included'],
  ['pageFaults', 'page faults', 'page faults so far'],
  ['swapOuts', 'swap-outs', 'its pages written to swap so far'],
  ['swapIns', 'swap-ins', 'its pages read back from swap so far'],
];

/** How much each process holds, beside the map that shows where; then the ended ones, how they ended and their paging to the end. */
function ResidencyTable(props: { rows: Residency[]; ended: { rows: EndedResidency[]; unlisted: number } }) {
  const { rows, ended } = props;
  // Headers over no rows read as a table gone wrong, before anything ran.
  if (rows.length === 0 && ended.rows.length === 0) return <p class="empty">no process holds memory</p>;
  // The columns of what it holds now (the first four); an ended row says how it ended there instead.
  const held = RESIDENCY_COLUMNS.findIndex(([key]) => key === 'pageFaults');
  return (
    <table class="residency" aria-label="Memory per process">
      <thead><tr><th>pid</th>{RESIDENCY_COLUMNS.map(([key, label, why]) => <th key={key} title={why}>{label}</th>)}</tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.pid}>
            <th scope="row"><span class="frame user" style={{ '--owner': pidColour(r.pid) }} />{r.pid}</th>
            {RESIDENCY_COLUMNS.map(([key]) => <td key={key}>{r[key]}</td>)}
          </tr>
        ))}
        {rows.length === 0 ? <tr class="none"><td colSpan={RESIDENCY_COLUMNS.length + 1}>no process holds memory now</td></tr> : null}
        {ended.unlisted > 0 ? <tr class="unlisted"><td colSpan={RESIDENCY_COLUMNS.length + 1}>{ended.unlisted} more ended processes: not listed</td></tr> : null}
        {ended.rows.map((r) => (
          <tr key={`ended-${r.pid}`} class="ended" aria-label={`pid ${r.pid}, ended`}>
            <th scope="row"><span class="frame user" style={{ '--owner': pidColour(r.pid) }} />{r.pid}</th>
            {/* Its frames and slots are free now: in their place, how it ended and its peak, in words. */}
            <td colSpan={held} class="end" title={`ended: its frames and swap slots are free; at most ${r.peakResident} of its pages were in frames at once`}>ended: {r.end}</td>
            <td>{r.pageFaults}</td><td>{r.swapOuts}</td><td>{r.swapIns}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FramesPanel(props: { s: Session | undefined; onWalk: (pid: number, va: number) => void }) {
  // The square the keyboard's cursor (or the last click) is on, named under the map; of this machine only.
  const [cursor, setCursor] = useState<{ s: Session; frame: number } | undefined>(undefined);
  const k = props.s?.kernel;
  if (k === undefined) return <Panel name="Frames"><p class="empty">no machine</p></Panel>;
  const view = framesOf(k);
  const shared = view.frames.filter((f) => f.shares > 1).length;
  const owners = [...new Set(view.frames.flatMap((f) => f.owners))].sort((a, b) => a - b);
  const evict = props.s!.events.last.get('evict');
  const swapIn = props.s!.events.last.get('swap_in');
  const { evictedFrame, swappedInFrame } = ringedFrames(props.s!.events);
  const big = view.total <= BIG_SQUARES_UP_TO;
  const shown = view.frames.slice(0, framesShown(view));
  const notDrawn = framesNotDrawnText(view, shown.length);
  const at = cursor?.s === props.s ? cursor?.frame : undefined;
  const walkFrame = (f: FrameView) => { const m = f.use === 'user' ? f.pages[0] : undefined; if (m) props.onWalk(m.pid, m.vpn << 12); };
  // A cell keeps the handler of the redraw it was last drawn in (memo): it hands over its own frame.
  const onPick = (f: FrameView) => { setCursor({ s: props.s!, frame: f.frame }); walkFrame(f); };
  const onKey = (e: KeyboardEvent) => {
    const map = e.currentTarget as HTMLElement;
    if (e.key === 'Enter' && at !== undefined) { walkFrame(shown[at]!); e.preventDefault(); return; }
    const to = moveCursor(e.key, at ?? -1, shown.length, squaresPerRow(map));
    if (to === undefined) return;
    e.preventDefault();
    setCursor({ s: props.s!, frame: to });
    showSquare(map, to);
  };
  return (
    <Panel name="Frames" note={`${view.total} frames: ${view.free} free, ${view.kernel} kernel and page tables, ${view.user} user (${shared} shared)`}>
      <div class={`frames ${big ? 'big' : ''}`} role="group" tabIndex={0} onKeyDown={onKey}
        aria-label={`frame map: ${view.free} free, ${view.kernel} kernel, ${view.user} user; arrow keys name each frame, Enter walks its page`}>
        {shown.map((f) => (
          <FrameCell key={f.frame} f={f} big={big} evicted={f.frame === evictedFrame} swappedIn={f.frame === swappedInFrame} cursor={f.frame === at} onPick={onPick} />
        ))}
      </div>
      {/* Every frame's owner in words, not by colour alone: a big map's squares have no room for a pid. */}
      <p class="map-cursor" aria-live="polite">{at !== undefined ? frameText(shown[at]!) : 'click a frame (or Tab here, then the arrows) to name it'}</p>
      {notDrawn !== undefined ? <p class="note">{notDrawn}</p> : null}
      {evict || swapIn ? (
        <ul class="frame-activity" aria-label="Paging activity">
          {evict ? <li class="evicted">{evictionText(evict)}{evictedFrame < 0 ? FREED_SINCE : ''}</li> : null}
          {swapIn ? <li class="swapped-in">{swapInText(swapIn)}{swappedInFrame < 0 ? FREED_SINCE : ''}</li> : null}
        </ul>
      ) : null}
      <ResidencyTable rows={residencyOf(k)} ended={endedOf(k, props.s!.programs.length)} />
      <p class="legend">
        {/* Each swatch with its words, so that a wrap never parts them. */}
        <span><span class="frame free" /> free</span> <span><span class="frame kernel" /> kernel</span>
        {owners.map((pid) => <span key={pid}><span class="frame user" style={{ '--owner': pidColour(pid) }}>{big ? pid : ''}</span> pid {pid}</span>)}
        <span><span class="frame page_table" style={{ '--owner': '#888' }} /> page table (outlined in its owner's colour{big ? ', its pid inside' : ''})</span>
        <span><span class="frame user shared">2</span> shared (striped, its count)</span>
        <span><span class="frame free evicted" /> evicted last</span> <span><span class="frame free swapped-in" /> swapped in last</span>
      </p>
    </Panel>
  );
}
