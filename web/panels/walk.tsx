import { useEffect, useState } from 'preact/hooks';
import { pteBits, walkOf, type WalkAccess } from '../../index.js';
import type { Session } from '../session.js';
import { hex } from '../format.js';
import { Panel } from './panel.js';

export interface WalkTarget {
  readonly pid: number;
  readonly va: number;
  /** The access to check the rights for (a kill stop's: a store to text translates for a load); else the form's choice stays. */
  readonly access?: WalkAccess;
}

/** The address's 32 bits in three fields: root index (10), leaf index (10), offset (12). */
function Split(props: { va: number }) {
  const bits = (props.va >>> 0).toString(2).padStart(32, '0');
  const field = (name: string, from: number, to: number, value: number, digits: number) => (
    <div class={`field ${name.split(' ')[0]}`}>
      <div class="bits">{bits.slice(from, to)}</div>
      <div class="what">{name} = {value} ({hex(value, digits)})</div>
      <div class="range">bits {31 - from}..{32 - to}</div>
    </div>
  );
  const va = props.va >>> 0;
  return (
    <div class="split" aria-label="10/10/12 split">
      {field('root index', 0, 10, va >>> 22, 3)}
      {field('leaf index', 10, 20, (va >>> 12) & 1023, 3)}
      {field('offset', 20, 32, va & 0xfff, 3)}
    </div>
  );
}

/** `pid` is the process the other panels show: a typed address is walked in it (else in the last walk's). */
export function WalkPanel(props: { s: Session | undefined; pid: number | undefined; target: WalkTarget | undefined; onWalk: (pid: number, va: number) => void }) {
  const [access, setAccess] = useState<WalkAccess | ''>('');
  const [text, setText] = useState('');
  /** The typed text that is not an address; the walk before it is not shown beside it (it read as the typo's walk). */
  const [bad, setBad] = useState<string | undefined>(undefined);
  const k = props.s?.kernel;
  const t = props.target;
  useEffect(() => {
    setBad(undefined);
    if (t?.access !== undefined) setAccess(t.access);
  }, [t]);
  const p = props.s?.process(t?.pid);
  const w = k && p && t ? walkOf(k, p, t.va, access === '' ? undefined : access) : undefined;
  const submit = (e: Event) => {
    e.preventDefault();
    const n = Number(text.trim());
    if (text.trim() === '' || !Number.isInteger(n) || n < 0 || n > 0xffffffff) { setBad(text.trim()); return; }
    setBad(undefined);
    props.onWalk(props.pid ?? t?.pid ?? 1, n);
  };
  return (
    <Panel name="Walk" note={bad !== undefined ? `not walked: ${bad === '' ? 'no address typed' : `${bad} is not an address`}` : t ? `${hex(t.va)} in pid ${t.pid}` : 'click an address or a page-table entry'}>
      <form class="walk-form" onSubmit={submit}>
        <label>Address <input value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} placeholder="0x1000" size={12} /></label>
        <label>Access <select value={access} onChange={(e) => setAccess((e.target as HTMLSelectElement).value as WalkAccess | '')}>
          <option value="">any</option><option value="fetch">fetch</option><option value="load">load</option><option value="store">store</option>
        </select></label>
        <button type="submit">Walk</button>
        {bad !== undefined ? <span class="error" role="alert">an address from 0 to 0xffffffff, e.g. 0x1000</span> : null}
      </form>
      {t === undefined || bad !== undefined ? null : w === undefined ? <p class="empty">pid {t.pid} has no address space any more</p> : (
        <div class="walk">
          <Split va={w.va} />
          <ol class="levels">
            {w.levels.map((l) => (
              <li key={l.level}>
                <strong>{l.level === 'root' ? 'root table' : 'second-level table'}</strong> in frame {hex(l.tableFrame, 3)}, entry [{l.index}]
                {' '}at {hex(l.tableFrame << 12)} + {l.index} x 4 = <strong>{hex(l.address)}</strong>: read {hex(l.pte.value)}
                {' '}<code>{pteBits(l.pte)}</code>{l.level === 'root' && l.pte.v ? ` -> table in frame ${hex(l.pte.value >>> 12, 3)}` : ''}
                {l.level === 'leaf' && l.pte.frame !== undefined ? ` -> frame ${hex(l.pte.frame, 3)}, ${l.pte.rights}` : ''}
              </li>
            ))}
          </ol>
          <p class={`outcome ${w.outcome}`}>
            <strong>{w.outcome.replace('_', ' ')}</strong>{w.physical !== undefined ? `: physical ${hex(w.physical)} (frame ${hex(w.physical >>> 12, 3)} + offset ${hex(w.offset, 3)})` : ''}
            {w.region ? `; region ${w.region}` : ''}. {w.explanation}
          </p>
        </div>
      )}
    </Panel>
  );
}
