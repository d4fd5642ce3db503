import { processesOf } from '../../index.js';
import type { Session } from '../session.js';
import { hex, pidColour } from '../format.js';
import { Panel } from './panel.js';

export function ProcessesPanel(props: { s: Session | undefined; pid: number | undefined; onSelect: (pid: number) => void }) {
  const k = props.s?.kernel;
  const list = k ? processesOf(k) : [];
  return (
    <Panel name="Processes">
      <table class="processes">
        <thead><tr><th>pid</th><th>name</th><th>state</th><th>parent</th><th>pc</th><th>ended</th></tr></thead>
        <tbody>
          {list.map((p) => (
            <tr key={p.pid} class={`${p.current ? 'current' : ''} ${p.pid === props.pid ? 'selected' : ''}`}>
              <td><button type="button" class="pid" style={{ borderColor: pidColour(p.pid) }} onClick={() => props.onSelect(p.pid)} aria-label={`show pid ${p.pid}`}>{p.pid}</button></td>
              <td>{p.name}</td>
              <td>{p.state}{p.current ? ' (on the CPU)' : ''}</td>
              <td>{p.parent || '-'}</td>
              <td>{p.pc !== undefined ? hex(p.pc) : '-'}</td>
              <td class={p.killCause ? 'killed' : ''}>
                {p.killCause ? <><strong>killed: {p.killCause}</strong>{p.reason ? <span class="reason"> ({p.reason}{p.region ? `, in ${p.region}` : ''})</span> : null}<div class="report">{p.killReport}</div></> : p.exitCode !== undefined ? `exit ${p.exitCode}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
