import { memo } from 'preact/compat';
import { tlbOf, type TlbEntryView, type TlbView } from '../../index.js';
import type { Session } from '../session.js';
import { grouped, hex, percent } from '../format.js';
import { Panel } from './panel.js';

/** Sets drawn at most: a 65536-entry TLB would be a page of its own. */
const MAX_SETS_SHOWN = 256;

/** `asids`: whether entries are tagged; without ASIDs they have none (the kernel flushes on each switch), so none is shown. */
/** `filled`: the lit entry, named in its label by `litWords` (`filled last`, or the stop's page). */
type CellProps = { e: TlbEntryView; asids: boolean; used: boolean; filled: boolean; litWords: string; victim: string | undefined; onWalk: (va: number) => void };

const Cell = memo(CellOf, (a: CellProps, b: CellProps) => a.asids === b.asids && a.used === b.used && a.filled === b.filled && a.litWords === b.litWords && a.victim === b.victim
  && a.e.valid === b.e.valid && a.e.vpn === b.e.vpn && a.e.asid === b.e.asid && a.e.frame === b.e.frame && a.e.rights === b.e.rights && a.e.d === b.e.d && a.e.global === b.e.global);

function CellOf(props: CellProps) {
  const { e } = props;
  const cls = ['way', e.valid ? 'valid' : 'invalid', props.used ? 'used' : '', props.filled ? 'filled' : '', props.victim ? 'victim' : ''].join(' ');
  if (!e.valid) return <td class={cls} aria-label={`way ${e.way}: invalid`}>{props.victim ? <span class="evicted">{props.victim}</span> : '-'}</td>;
  const tag = e.global ? 'G ' : props.asids ? `asid ${e.asid} ` : '';
  const label = `way ${e.way}: vpn ${hex(e.vpn, 5)} ${tag}frame ${hex(e.frame, 3)} ${e.rights}${props.filled ? `, ${props.litWords}` : ''}${props.used ? ', used last' : ''}`;
  return (
    <td class={cls} aria-label={label} title={label} tabIndex={0} onClick={() => props.onWalk(e.vpn << 12)}
      onKeyDown={(ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); props.onWalk(e.vpn << 12); } }}>
      <span class="vpn">{hex(e.vpn, 5)}</span>{e.global || props.asids ? <> <span class="asid">{e.global ? 'G' : `a${e.asid}`}</span></> : null}<br />
      <span class="tframe">{'\u2192'} {hex(e.frame, 3)}</span> <span class="rights">{e.rights}{e.d ? ' D' : ''}</span>
      {props.victim ? <span class="evicted">{props.victim}</span> : null}
    </td>
  );
}

/**
 * The last eviction's victim, in the way it was pushed out of, while that way
 * still holds the translation that pushed it out: once a flush (a process's
 * end, a switch without ASIDs) empties the way, or another page fills it,
 * the mark would name a victim of what is no longer there.
 */
export function victimMark(t: TlbView, set: number, way: number): string | undefined {
  const ev = t.lastEviction;
  if (ev?.victim === undefined || ev.set !== set || ev.way !== way) return undefined;
  const now = t.sets[set]?.[way];
  if (now === undefined || !now.valid || now.vpn !== ev.vpn || (t.asidsEnabled && !now.global && now.asid !== ev.asid)) return undefined;
  return `evicted ${hex(ev.victim.vpn, 5)}${t.asidsEnabled ? ` a${ev.victim.asid}` : ''}`;
}

export function TlbPanel(props: { s: Session | undefined; pid: number | undefined; onWalk: (pid: number, va: number) => void }) {
  const s = props.s;
  if (s === undefined) return <Panel name="TLB"><p class="empty">no machine</p></Panel>;
  const t = tlbOf(s.kernel, s.activity);
  const evictedHere = (set: number, way: number): string | undefined => victimMark(t, set, way);
  const pid = props.pid ?? 1;
  // At a fault or kill stop the green entry is that page's (none if the TLB does not hold it), as in the page table;
  // else the way filled last. The key says which.
  const atStop = s.tlbStopEntry();
  const lit = atStop !== undefined ? atStop.entry : t.lastFilled;
  const litWords = atStop === undefined ? 'filled last' : `the stop's page ${hex(atStop.vpn, 5)} (pid ${atStop.pid})${atStop.entry < 0 ? ': not in the TLB' : ''}`;
  return (
    <Panel name="TLB" note={`${t.entries} entries = ${t.sets.length} sets x ${t.ways} ways, ${t.policy}, ASIDs ${t.asidsEnabled ? `on (now ${t.currentAsid})` : 'off'}, ${t.refill} refill; ${t.valid} valid; hits ${grouped(t.hits)}, misses ${grouped(t.misses)} (${percent(t.hits, t.hits + t.misses)} hit)`}>
      <table class="tlb">
        <thead><tr><th>set</th>{Array.from({ length: t.ways }, (_, w) => <th key={w}>way {w}</th>)}</tr></thead>
        <tbody>
          {t.sets.slice(0, MAX_SETS_SHOWN).map((row, set) => (
            <tr key={set} aria-label={`set ${set}`}>
              <th scope="row">set {set}</th>
              {row.map((e) => <Cell key={e.way} e={e} asids={t.asidsEnabled} used={e.entry === t.lastUsed} filled={e.entry === lit} litWords={litWords} victim={evictedHere(set, e.way)} onWalk={(va) => props.onWalk(pid, va)} />)}
            </tr>
          ))}
        </tbody>
      </table>
      {t.sets.length > MAX_SETS_SHOWN ? <p class="note">showing the first {MAX_SETS_SHOWN} of {t.sets.length} sets</p> : null}
      <p class="legend">
        {/* Each swatch with its words, as in the frame map's key: loose, a wrap at 1920x1080 left "last victim's way" a line below its swatch. */}
        <span>each way: page number (VPN), {t.asidsEnabled ? 'ASID (a1)' : 'no ASID (they are off)'} or G for global, {'\u2192'} frame, rights, D if dirty.</span>
        <span class="lit-key"><span class="swatch filled" />{` ${litWords}`}</span> <span><span class="swatch used" /> used last</span> <span><span class="swatch victim" /> last victim's way</span>
      </p>
    </Panel>
  );
}
