// The "Stop at" boxes: a kill (web/killStop.ts) and the kernel events a
// lesson watches for (web/eventStop.ts). Each box's accessible name says
// it whole ("Stop at a page fault"); its visible text is the last words.
import { STOP_KINDS, type StopKind } from './eventStop.js';

const NAMES: Record<StopKind, string> = { page_fault: 'a page fault', evict: 'an eviction', fork: 'a fork', oom: 'an out-of-memory kill' };
const TITLES: Record<StopKind, string> = {
  page_fault: 'pause after the kernel resolved a page fault, before the instruction is retried: the new page is in the page table and the frame map',
  evict: 'pause after the kernel evicted a page (to swap, or dropped clean): its frame is ringed in the frame map',
  fork: 'pause after a fork: the child exists, sharing its parent\'s pages copy-on-write',
  oom: 'pause after the kernel killed a process for memory: its frames are free in the frame map, its kill line in Processes',
};
const KILL_TITLE = 'pause before a process is killed for its own trap (bad access, misaligned, illegal instruction, division by zero, brk), '
  + 'with its registers and page table whole; Run or Step carries the kill out';

export function StopBoxes(props: {
  kill: boolean; onKill: (on: boolean) => void;
  kinds: readonly StopKind[]; onKinds: (kinds: readonly StopKind[]) => void;
}) {
  const toggle = (kind: StopKind, on: boolean) => props.onKinds(on ? [...props.kinds.filter((k) => k !== kind), kind] : props.kinds.filter((k) => k !== kind));
  return (
    <span class="stops" role="group" aria-label="Stop at">Stop at
      <label title={KILL_TITLE}>
        <input type="checkbox" aria-label="Stop at a kill" checked={props.kill} onChange={(e) => props.onKill((e.target as HTMLInputElement).checked)} /> kill</label>
      {STOP_KINDS.map((kind) => (
        <label key={kind} title={TITLES[kind]}>
          <input type="checkbox" aria-label={`Stop at ${NAMES[kind]}`} checked={props.kinds.includes(kind)}
            onChange={(e) => toggle(kind, (e.target as HTMLInputElement).checked)} /> {NAMES[kind].replace(/^an? /, '')}</label>
      ))}
    </span>
  );
}
