import { useState } from 'preact/hooks';
import type { LoggedEvent } from '../eventLog.js';
import { EVENT_CAPACITY } from '../eventLog.js';
import type { KernelEvent } from '../../index.js';
import type { Session } from '../session.js';
import { grouped, hex } from '../format.js';
import { eventWords } from '../../views/eventText.js';
import { Panel } from './panel.js';

const SHOWN = 100;
/** What the hardware's observer logs beside the kernel's events (web/eventLog.ts). */
type HardwareKind = 'tlb_miss' | 'walk' | 'tlb_fill' | 'tlb_invalidate';
const KINDS = [
  'process_start', 'process_end', 'context_switch', 'trap', 'page_fault', 'syscall', 'syscall_blocked', 'evict', 'swap_in',
  'frame_alloc', 'frame_free', 'tlb_miss', 'walk', 'tlb_fill', 'tlb_invalidate',
] as const satisfies readonly (KernelEvent['kind'] | HardwareKind)[];
// Every kind the kernel emits has its filter and count: a kind added to
// KernelEvent and not listed here fails the typecheck (npm test runs it).
const EVERY_KIND_LISTED: [Exclude<KernelEvent['kind'], (typeof KINDS)[number]>] extends [never] ? true : never = true;
void EVERY_KIND_LISTED;
const ADDRESS_FIELDS = new Set(['address', 'pc', 'pte']);

/** The event's fields as the trace file has them (addresses in hex): the line's hover text. */
export function fieldText(e: LoggedEvent): string {
  return Object.entries(e.fields).map(([k, v]) => {
    if (typeof v !== 'number') return `${k}=${v}`;
    if (ADDRESS_FIELDS.has(k)) return `${k}=${hex(v)}`;
    if (k === 'vpn' || k === 'evicted_vpn') return `${k}=${hex(v, 5)}`;
    return `${k}=${v}`;
  }).join(' ');
}

/** The event in words, as `illusion trace` prints it, after its process ("pid 2:") when it is about one. */
export function eventText(e: LoggedEvent): string {
  const pid = e.fields['pid'];
  return `${typeof pid === 'number' && pid !== 0 ? `pid ${pid}: ` : ''}${eventWords({ kind: e.kind, ...e.fields })}`;
}

export function EventsPanel(props: { s: Session | undefined }) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set(['frame_alloc', 'frame_free']));
  const log = props.s?.events;
  const events = log ? log.latest(SHOWN, (k) => !hidden.has(k)) : [];
  const toggle = (kind: string) => {
    const next = new Set(hidden);
    if (next.has(kind)) next.delete(kind); else next.add(kind);
    setHidden(next);
  };
  return (
    <Panel name="Events" note={log ? `${grouped(log.total)} in all; the newest ${SHOWN} shown of the last ${EVENT_CAPACITY} kept` : undefined}>
      <fieldset class="filters">
        <legend>Show kinds</legend>
        {KINDS.map((k) => (
          <label key={k}><input type="checkbox" checked={!hidden.has(k)} onChange={() => toggle(k)} /> {k} <span class="count">{log?.counts.get(k) ?? 0}</span></label>
        ))}
      </fieldset>
      <ol class="events" reversed>
        {events.map((e) => <li key={e.seq} class={`ev ${e.kind}`}><span class="cycle">{e.cycle}</span> <span class="kind">{e.kind}</span> <span title={fieldText(e)}>{eventText(e)}</span></li>)}
      </ol>
    </Panel>
  );
}
