import { processesOf } from '../../index.js';
import type { Session } from '../session.js';
import { Panel } from './panel.js';

/**
 * Only the processes that wrote something get a box; the others are counted
 * in one line (a fork bomb's thousand silent children would otherwise be a
 * thousand empty boxes, and every redraw would lay them all out).
 */
export function OutputPanel(props: { s: Session | undefined }) {
  const s = props.s;
  const procs = s ? processesOf(s.kernel) : [];
  const writers = procs.filter((p) => s!.outputs.has(p.pid));
  const silent = procs.length - writers.length;
  const processes = (n: number) => (n === 1 ? '1 process' : `${n} processes`);
  return (
    <Panel name="Output">
      {writers.map((p) => {
        const out = s!.outputs.get(p.pid)!;
        return (
          <div class="output" key={p.pid} aria-label={`output of pid ${p.pid}`}>
            <h3>pid {p.pid} ({p.name})</h3>
            {out.stdout ? <pre class="stdout">{out.stdout}</pre> : null}
            {out.stderr ? <pre class="stderr">{out.stderr}</pre> : null}
          </div>
        );
      })}
      {procs.length === 0 ? <p class="empty">nothing yet</p>
        : writers.length === 0 ? <p class="empty">no output yet from {processes(silent)}</p>
          : silent > 0 ? <p class="note">{silent === 1 ? '1 more process has' : `${silent} more processes have`} written nothing</p> : null}
      {s && s.kills.length > 0 ? <pre class="kills">{s.kills.join('\n')}</pre> : null}
    </Panel>
  );
}
