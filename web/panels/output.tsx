import { processesOf } from '../../index.js';
import type { Session } from '../session.js';
import { Panel } from './panel.js';

export function OutputPanel(props: { s: Session | undefined }) {
  const s = props.s;
  const procs = s ? processesOf(s.kernel) : [];
  return (
    <Panel name="Output">
      {procs.length === 0 ? <p class="empty">nothing yet</p> : procs.map((p) => {
        const out = s!.outputs.get(p.pid);
        return (
          <div class="output" key={p.pid} aria-label={`output of pid ${p.pid}`}>
            <h3>pid {p.pid} ({p.name})</h3>
            <pre class="stdout">{out?.stdout ?? ''}</pre>
            {out?.stderr ? <pre class="stderr">{out.stderr}</pre> : null}
          </div>
        );
      })}
      {s && s.kills.length > 0 ? <pre class="kills">{s.kills.join('\n')}</pre> : null}
    </Panel>
  );
}
