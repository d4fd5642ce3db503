import { Fragment } from 'preact';
import { processesOf, type ProcessView } from '../../index.js';
import type { Session } from '../session.js';
import { hex, pidColour } from '../format.js';
import { Panel } from './panel.js';

/** A word such as memory_and_swap_full, allowed to break after each underscore (a narrow panel cuts it off otherwise). */
function breakable(word: string) {
  return word.split('_').map((part, i, all) => <Fragment key={i}>{part}{i < all.length - 1 ? <>_<wbr /></> : null}</Fragment>);
}

/**
 * Reaped forked processes that exited, listed at most (the newest); the
 * run's own programs (pids 1..`programs`) and every live, zombie or killed
 * process are always listed.
 */
export const REAPED_EXITS_SHOWN = 50;

/**
 * The rows to list, and how many older reaped exits are only counted: a
 * fork bomb leaves a thousand of them, and a table that long is laid out
 * again at every redraw (hundreds of milliseconds a frame while it runs).
 */
export function shownProcesses(list: readonly ProcessView[], programs: number): { rows: ProcessView[]; unlisted: number } {
  const exits = list.filter((p) => p.pid > programs && p.state === 'reaped' && p.killCause === undefined);
  const unlisted = Math.max(0, exits.length - REAPED_EXITS_SHOWN);
  const hidden = new Set(exits.slice(0, unlisted).map((p) => p.pid));
  return { rows: list.filter((p) => !hidden.has(p.pid)), unlisted };
}

export function ProcessesPanel(props: { s: Session | undefined; pid: number | undefined; onSelect: (pid: number) => void }) {
  const k = props.s?.kernel;
  const { rows, unlisted } = shownProcesses(k ? processesOf(k) : [], props.s?.programs.length ?? 0);
  return (
    <Panel name="Processes">
      <table class="processes">
        <thead><tr><th>pid</th><th>name</th><th>state</th><th>parent</th><th>pc</th><th>ended</th></tr></thead>
        <tbody>
          {unlisted > 0 ? <tr class="unlisted"><td colSpan={6} class="note">{unlisted} earlier forked processes exited and were reaped: not listed</td></tr> : null}
          {rows.map((p) => (
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
