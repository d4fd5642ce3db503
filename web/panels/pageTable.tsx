import { pageTableOf, type LeafView, type PteView } from '../../index.js';
import type { Session } from '../session.js';
import { hex } from '../format.js';
import { Panel } from './panel.js';

const BITS: readonly [keyof PteView, string][] = [['v', 'V'], ['r', 'R'], ['w', 'W'], ['x', 'X'], ['u', 'U'], ['g', 'G'], ['a', 'A'], ['d', 'D']];

function marks(pte: PteView): string {
  const m: string[] = [];
  if (pte.state === 'swapped') m.push(`swapped to slot ${pte.slot}`);
  else if (pte.state !== 'present') m.push('not present');
  if (pte.cow) m.push('copy-on-write');
  if (pte.softDirty) m.push('dirty (kernel)');
  return m.join(', ');
}

function LeafRow(props: { leaf: LeafView; pid: number; onWalk: (pid: number, va: number) => void; hot: boolean }) {
  const { leaf } = props;
  const pte = leaf.pte;
  return (
    <tr class={`${pte.state} ${props.hot ? 'hot' : ''}`} onClick={() => props.onWalk(props.pid, leaf.va)} title="click: show the walk">
      <td><button type="button" class="addr" aria-label={`walk ${hex(leaf.va)}`}>{hex(leaf.va)}</button></td>
      <td>{leaf.index}</td>
      <td class="rights">{pte.rights}</td>
      {BITS.map(([k, c]) => <td key={c} class={`bit ${pte[k] ? 'on' : 'off'}`} aria-label={`${c} ${pte[k] ? 'set' : 'clear'}`}>{pte[k] ? c : '-'}</td>)}
      <td>{pte.frame !== undefined ? hex(pte.frame, 3) : pte.slot !== undefined ? `slot ${pte.slot}` : '-'}</td>
      <td>{leaf.region ?? ''}</td>
      <td class="marks">{marks(pte)}</td>
    </tr>
  );
}

export function PageTablePanel(props: { s: Session | undefined; pid: number | undefined; onWalk: (pid: number, va: number) => void }) {
  const k = props.s?.kernel;
  const p = k && props.pid !== undefined ? k.processes[props.pid - 1] : undefined;
  const view = k && p ? pageTableOf(k, p) : undefined;
  const fill = props.s?.activity.lastFill;
  const hotVpn = fill && k && p?.space && (fill.asid === p.space.asid || !k.machine.tlb.asidsEnabled) ? fill.vpn : -1;
  return (
    <Panel name="Page table" note={view ? `pid ${view.pid}: root table in frame ${hex(view.rootFrame, 3)}, ${view.present} present, ${view.swapped} swapped` : undefined}>
      {view === undefined ? <p class="empty">{p ? `pid ${p.pid} has ended: its tables are freed` : 'no process'}</p> : (
        <div class="tree">
          {view.roots.map((r) => (
            <details key={r.index} open>
              <summary>
                root[{r.index}] at {hex(r.address)} = {hex(r.value)}
                {r.tableFrame !== undefined ? ` -> table in frame ${hex(r.tableFrame, 3)}` : r.malformed ? ' (malformed)' : ''}
                {` covers ${hex(r.va)}-${hex(r.va + 0x3fffff)}, ${r.leaves.length} entries`}
              </summary>
              <table class="ptes">
                <thead><tr><th>page</th><th>leaf</th><th>rights</th>{BITS.map(([, c]) => <th key={c}>{c}</th>)}<th>frame</th><th>region</th><th>marks</th></tr></thead>
                <tbody>{r.leaves.map((l) => <LeafRow key={l.index} leaf={l} pid={view.pid} onWalk={props.onWalk} hot={l.vpn === hotVpn} />)}</tbody>
              </table>
            </details>
          ))}
          <p class="note">plus {view.kernelRootEntries} root entr{view.kernelRootEntries === 1 ? 'y' : 'ies'} of the kernel half (0x80000000 and up, U=0, shared by every process)</p>
        </div>
      )}
    </Panel>
  );
}
