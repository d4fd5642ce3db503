import { useLayoutEffect, useRef } from 'preact/hooks';
import { disassemblyOf } from '../../index.js';
import type { Session } from '../session.js';
import { hex } from '../format.js';
import { Addr, Panel } from './panel.js';

/**
 * Narrower than this, the source text column is left blank (its text stays in
 * the hover titles): at 1280x800 an included file's `lib/print.s:11` left it
 * one letter wide, a column of `l...`, `s...`, `a...` that read as noise.
 */
export const MIN_SOURCE_PX = 48;

/** Blanks the text column while it is too narrow; the column keeps its room, so its width says when it fits again. */
function useSourceFit(table: { current: HTMLTableElement | null }): void {
  const fit = () => {
    const t = table.current;
    const cell = t?.querySelector<HTMLElement>('td.src');
    if (t && cell) t.classList.toggle('src-cut', cell.clientWidth < MIN_SOURCE_PX);
  };
  useLayoutEffect(fit);
  // A window made narrower or wider while paused draws nothing new: measure then too.
  useLayoutEffect(() => {
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);
}

export function DisassemblyPanel(props: { s: Session | undefined; pid: number | undefined; onWalk: (pid: number, va: number) => void }) {
  const k = props.s?.kernel;
  const p = props.s?.process(props.pid);
  const view = k && p?.alive ? disassemblyOf(k, p, props.s!.readSource(p.pid), { before: 5, after: 10 }) : undefined;
  const table = useRef<HTMLTableElement>(null);
  useSourceFit(table);
  return (
    <Panel name="Disassembly" note={view ? `pid ${view.pid}, ${view.file}` : undefined}>
      {view === undefined ? <p class="empty">no live process</p> : (
        <table class="disasm" ref={table}>
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
                <td class="line" title={r.line !== undefined ? `${r.file}:${r.line}  ${r.source ?? ''}` : undefined}>{r.line === undefined ? '' : `${r.file === view.file ? '' : `${r.file}:`}${r.line}`}</td>
                {r.line !== undefined ? <td class="src" title={`${r.file}:${r.line}  ${r.source ?? ''}`}>{r.source ?? ''}</td> : <td class="src" />}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
