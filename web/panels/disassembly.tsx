import { disassemblyOf } from '../../index.js';
import type { Session } from '../session.js';
import { hex } from '../format.js';
import { Addr, Panel } from './panel.js';

export function DisassemblyPanel(props: { s: Session | undefined; pid: number | undefined; onWalk: (pid: number, va: number) => void }) {
  const k = props.s?.kernel;
  const p = props.s?.process(props.pid);
  const view = k && p?.alive ? disassemblyOf(k, p, props.s!.readSource(p.pid), { before: 5, after: 10 }) : undefined;
  return (
    <Panel name="Disassembly" note={view ? `pid ${view.pid}, ${view.file}` : undefined}>
      {view === undefined ? <p class="empty">no live process</p> : (
        <table class="disasm">
          <tbody>
            {view.rows.map((r) => (
              <tr key={r.address} class={r.isPc ? 'pc' : ''} aria-current={r.isPc ? 'step' : undefined}>
                <td class="mark">{r.isPc ? '=>' : ''}</td>
                <td><Addr va={r.address} pid={view.pid} onWalk={props.onWalk} /></td>
                <td class="word">{hex(r.word).slice(2)}</td>
                {/* The word on hover too: below 1400 px its column gives way. */}
                <td class="insn" title={`word ${hex(r.word)}`}>{r.label ? <span class="label">{r.label}: </span> : null}{r.text}</td>
                {/* Where the word came from, always whole: the program's own lines by number (the note names
                    the file), an included file's by file:line. Then the line's text, cut at the panel's edge (whole on hover). */}
                <td class="line">{r.line === undefined ? '' : `${r.file === view.file ? '' : `${r.file}:`}${r.line}`}</td>
                {r.line !== undefined ? <td class="src" title={`${r.file}:${r.line}  ${r.source ?? ''}`}>{r.source ?? ''}</td> : <td class="src" />}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
