import { registersOf } from '../../index.js';
import type { Session } from '../session.js';
import { count, hex } from '../format.js';
import { Addr, Panel } from './panel.js';

export function RegistersPanel(props: { s: Session | undefined; pid: number | undefined; onWalk: (pid: number, va: number) => void }) {
  const k = props.s?.kernel;
  const p = props.s?.process(props.pid);
  const view = k && p?.alive ? registersOf(k, p) : undefined;
  return (
    <Panel name="Registers" note={view ? `pid ${view.pid}` : undefined}>
      {view === undefined ? <p class="empty">no live process</p> : (
        <table class="registers">
          <tbody>
            <tr><th scope="row">pc</th><td><Addr va={view.pc} pid={view.pid} onWalk={props.onWalk} /></td><td class="dec">{count(view.instructions, 'instruction')}, {count(view.cycles, 'cycle')}</td></tr>
            {view.registers.map((r) => (
              <tr key={r.index}>
                <th scope="row">{r.alias ? `${r.alias} (${r.name})` : r.name}</th>
                <td><Addr va={r.value} pid={view.pid} onWalk={props.onWalk} label={hex(r.value)} /></td>
                <td class="dec">{r.value | 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
