// "Break at": breakpoints by name, for what the editor's gutter cannot
// reach: a label (`puts`, `fill_loop`) or a line of an included file
// (`lib/print.s:16`). Each stops every program that has it (web/breakpoints.ts).
import { useState } from 'preact/hooks';

export function BreakAt(props: { names: readonly string[]; onAdd: (spec: string) => void; onRemove: (spec: string) => void }) {
  const [text, setText] = useState('');
  const submit = (e: Event) => {
    e.preventDefault();
    const spec = text.trim();
    if (spec === '') return;
    props.onAdd(spec);
    setText('');
  };
  return (
    <form class="break-at" onSubmit={submit}>
      <label>Break at <input value={text} aria-label="Break at" placeholder="label or file:line" size={16}
        onInput={(e) => setText((e.target as HTMLInputElement).value)} /></label>
      <button type="submit">Add</button>
      {props.names.length > 0 ? (
        <ul class="break-names" aria-label="Breakpoints by name">
          {props.names.map((n) => (
            <li key={n}><span class="bp-dot" aria-hidden="true">{'\u25cf'}</span> {n}
              <button type="button" aria-label={`remove breakpoint ${n}`} title="remove" onClick={() => props.onRemove(n)}>{'\u00d7'}</button></li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
