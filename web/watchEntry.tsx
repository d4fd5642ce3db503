// "Watch": stop right after a word (a label, `label+4`, an address) or a
// register changes, in whichever process (web/watch.ts). Beside Break at.
import { EntryList } from './entryList.js';

export function WatchEntry(props: { specs: readonly string[]; onAdd: (spec: string) => void; onRemove: (spec: string) => void }) {
  return (
    <EntryList entries={props.specs} onAdd={props.onAdd} onRemove={props.onRemove} class="break-at watch-entry" label="Watch"
      placeholder="counter, r6, r6 2" addLabel="Add watch" listLabel="Watches" dot={'\u25c9'} removeLabel={(n) => `remove watch ${n}`} />
  );
}
