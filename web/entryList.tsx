// A text box that adds entries to a list shown under it, each with a remove
// button: what Break at (names of breakpoints) and Watch (watched words and
// registers) both are. Each caller names its box, list and buttons.
import { useState } from 'preact/hooks';

export interface EntryListProps {
  readonly entries: readonly string[];
  readonly onAdd: (spec: string) => void;
  readonly onRemove: (spec: string) => void;
  /** The form's class names. */
  readonly class: string;
  /** The box's label (also its accessible name). */
  readonly label: string;
  readonly placeholder: string;
  /** The Add button's accessible name, when "Add" alone would be ambiguous. */
  readonly addLabel?: string;
  /** The list's accessible name. */
  readonly listLabel: string;
  /** The dot before each entry. */
  readonly dot: string;
  /** The accessible name of an entry's remove button. */
  readonly removeLabel: (entry: string) => string;
}

export function EntryList(props: EntryListProps) {
  const [text, setText] = useState('');
  const submit = (e: Event) => {
    e.preventDefault();
    const spec = text.trim();
    if (spec === '') return;
    props.onAdd(spec);
    setText('');
  };
  return (
    <form class={props.class} onSubmit={submit}>
      <label>{props.label} <input value={text} aria-label={props.label} placeholder={props.placeholder} size={16}
        onInput={(e) => setText((e.target as HTMLInputElement).value)} /></label>
      <button type="submit" {...(props.addLabel !== undefined ? { 'aria-label': props.addLabel } : {})}>Add</button>
      {props.entries.length > 0 ? (
        <ul class="break-names" aria-label={props.listLabel}>
          {props.entries.map((n) => (
            <li key={n}><span class="bp-dot" aria-hidden="true">{props.dot}</span> {n}
              <button type="button" aria-label={props.removeLabel(n)} title="remove" onClick={() => props.onRemove(n)}>{'\u00d7'}</button></li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
