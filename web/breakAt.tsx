// "Break at": breakpoints by name, for what the editor's gutter cannot
// reach: a label (`puts`, `fill_loop`) or a line of an included file
// (`lib/print.s:16`). Each stops every program that has it (web/breakpoints.ts).
import { EntryList } from './entryList.js';

export function BreakAt(props: { names: readonly string[]; onAdd: (spec: string) => void; onRemove: (spec: string) => void }) {
  return (
    <EntryList entries={props.names} onAdd={props.onAdd} onRemove={props.onRemove} class="break-at" label="Break at"
      placeholder="label or file:line" listLabel="Breakpoints by name" dot={'\u25cf'} removeLabel={(n) => `remove breakpoint ${n}`} />
  );
}
