// "Watch": stop right after a word (a label, `label+4`, an address) or a
// register changes, in whichever process (web/watch.ts). Beside Break at.
import { useState } from 'preact/hooks';

export function WatchEntry(props: { specs: readonly string[]; onAdd: (spec: string) => void; onRemove: (spec: string) => void }) {
  const [text, setText] = useState('');
  const submit = (e: Event) => {
    e.preventDefault();
    const spec = text.trim();
    if (spec === '') return;
    props.onAdd(spec);
    setText('');
  };
  return (
    <form class="break-at watch-entry" onSubmit={submit}>
      <label>Watch <input value={text} aria-label="Watch" placeholder="label, label+4, 0x2000 or r6" size={16}
        onInput={(e) => setText((e.target as HTMLInputElement).value)} /></label>
      <button type="submit" aria-label="Add watch">Add</button>
      {props.specs.length > 0 ? (
        <ul class="break-names" aria-label="Watches">
          {props.specs.map((n) => (
            <li key={n}><span class="bp-dot" aria-hidden="true">{'\u25c9'}</span> {n}
              <button type="button" aria-label={`remove watch ${n}`} title="remove" onClick={() => props.onRemove(n)}>{'\u00d7'}</button></li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
