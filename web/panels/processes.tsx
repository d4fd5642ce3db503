import { Fragment } from 'preact';
import { processesOf } from '../../index.js';
import type { Session } from '../session.js';
import { hex, pidColour } from '../format.js';
import { Panel } from './panel.js';

/** A word such as memory_and_swap_full, allowed to break after each underscore (a narrow panel cuts it off otherwise). */
function breakable(word: string) {
  return word.split('_').map((part, i, all) => <Fragment key={i}>{part}{i < all.length - 1 ? <>_<wbr /></> : null}</Fragment>);
}

export function ProcessesPanel(props: { s: Session | undefined; pid: number | undefined; onSelect: (pid: number) => void }) {
  const k = props.s?.kernel;
  const list = k ? processesOf(k) : [];
  return (
    <Panel name="Processes">
      <table class="processes">
        <thead><tr><th>pid</th><th>name</th><th>state</th><th>parent</th><th>pc</th><th>ended</th></tr></thead>
        <tbody>
          {list.map((p) => (
            <Fragment key={p.pid}>
              <tr class={`${p.current ? 'current' : ''} ${p.pid === props.pid ? 'selected' : ''}`}>
                <td><button type="button" class="pid" style={{ borderColor: pidColour(p.pid) }} onClick={() => props.onSelect(p.pid)} aria-label={`show pid ${p.pid}`}>{p.pid}</button></td>
                <td class="name">{p.name}</td>
                {/* 'running' is the process on the CPU (its row is marked); any other state it is in there says so. */}
                <td>{p.state}{p.current && p.state !== 'running' ? ' (on the CPU)' : ''}</td>
                <td>{p.parent || '-'}</td>
                <td>{p.pc !== undefined ? hex(p.pc) : '-'}</td>
                <td class={p.killCause ? 'killed' : ''}>
                  {p.killCause ? <><strong>killed: {breakable(p.killCause)}</strong>{p.reason ? <span class="reason"> ({breakable(p.reason)}{p.region ? `, in ${p.region}` : ''})</span> : null}</> : p.exitCode !== undefined ? `exit ${p.exitCode}` : ''}
                </td>
              </tr>
              {/* The report is long (access, address, rights, pc, line): a row of its own, as wide as the table, so none of it is cut off. */}
              {p.killCause && p.killReport ? <tr class="report-row"><td colSpan={6} class="report" aria-label={`kill report of pid ${p.pid}`}>{p.killReport}</td></tr> : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
