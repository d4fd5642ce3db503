// The machine's configuration (SPEC section 13). A change takes effect at
// the next Reset (or Run from the start), so that a run never mixes two
// configurations. The same limits as the command line apply.
import { CONFIG_LIMITS } from '../kernel/config.js';
import { SOFTWARE_REFILL_MIN_WAYS } from '../mmu/mmu.js';
import { CONFIG_CHOICES, CONFIG_LABELS, shown } from './configChoices.js';
import type { WebConfig } from './session.js';

const L = CONFIG_LIMITS;

/** A named choice the machine does not know: refused here too, whatever let it in (web/share.ts checks a link's). */
function choiceProblem(c: WebConfig): string | undefined {
  for (const key of ['tlbPolicy', 'tlbRefill', 'policy'] as const) {
    const names: readonly unknown[] = CONFIG_CHOICES[key];
    if (!names.includes(c[key])) return `${CONFIG_LABELS[key]} must be one of ${CONFIG_CHOICES[key].join(', ')}, not ${shown(c[key])}`;
  }
  return typeof c.asids === 'boolean' ? undefined : `ASIDs must be true or false, not ${shown(c.asids)}`;
}

export function validateConfig(c: WebConfig): string | undefined {
  const int = (n: number, lo: number, hi: number) => Number.isInteger(n) && n >= lo && n <= hi;
  const range = (name: string, n: number, [lo, hi]: readonly [number, number]) => (typeof n !== 'number' ? `${name} must be a number, not ${shown(n)}`
    : int(n, lo, hi) ? undefined : `${name} must be ${lo}..${hi}`);
  return choiceProblem(c)
    ?? range('TLB entries', c.tlbEntries, L.tlbEntries)
    ?? (typeof c.tlbWays !== 'number' ? `TLB ways must be a number, not ${shown(c.tlbWays)}` : undefined)
    ?? (!int(c.tlbWays, 1, c.tlbEntries) || c.tlbEntries % c.tlbWays !== 0 ? `TLB ways must divide the entries (${c.tlbEntries})` : undefined)
    // The machine refuses these two at boot (the command line says the same).
    ?? (c.tlbPolicy === 'plru' && (c.tlbWays & (c.tlbWays - 1)) !== 0 ? `plru needs a power-of-two number of TLB ways (1, 2, 4, ...), not ${c.tlbWays}` : undefined)
    ?? (c.tlbRefill === 'software' && c.tlbWays < SOFTWARE_REFILL_MIN_WAYS
      ? `software refill needs at least ${SOFTWARE_REFILL_MIN_WAYS} TLB ways (with one, an instruction whose fetch and data pages share a set would refill forever), not ${c.tlbWays}` : undefined)
    ?? range('frames', c.frames, L.frames)
    ?? range('swap pages', c.swapPages, L.swapPages)
    ?? range('quantum', c.quantum, L.quantum)
    ?? range('seed', c.seed, L.seed);
}

function NumberField(props: { label: string; value: number; onChange: (n: number) => void }) {
  return (
    <label>{props.label} <input type="number" value={props.value} min={0} onInput={(e) => props.onChange(Number((e.target as HTMLInputElement).value))} /></label>
  );
}

function Choice(props: { label: string; value: string; options: readonly string[]; onChange: (v: string) => void }) {
  return (
    <label>{props.label} <select value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
      {props.options.map((o) => <option key={o} value={o}>{o}</option>)}
    </select></label>
  );
}

export function ConfigForm(props: { config: WebConfig; onChange: (c: WebConfig) => void; pending: boolean }) {
  const c = props.config;
  const set = <K extends keyof WebConfig>(key: K) => (v: WebConfig[K]) => props.onChange({ ...c, [key]: v });
  const error = validateConfig(c);
  return (
    <form class="config" aria-label="Configuration" onSubmit={(e) => e.preventDefault()}>
      <NumberField label="TLB entries" value={c.tlbEntries} onChange={set('tlbEntries')} />
      <NumberField label="TLB ways" value={c.tlbWays} onChange={set('tlbWays')} />
      <Choice label="TLB policy" value={c.tlbPolicy} options={CONFIG_CHOICES.tlbPolicy} onChange={(v) => set('tlbPolicy')(v as WebConfig['tlbPolicy'])} />
      <Choice label="TLB refill" value={c.tlbRefill} options={CONFIG_CHOICES.tlbRefill} onChange={(v) => set('tlbRefill')(v as WebConfig['tlbRefill'])} />
      <label><input type="checkbox" checked={c.asids} onChange={(e) => set('asids')((e.target as HTMLInputElement).checked)} /> ASIDs</label>
      <NumberField label="Frames" value={c.frames} onChange={set('frames')} />
      <Choice label="Page policy" value={c.policy} options={CONFIG_CHOICES.policy} onChange={(v) => set('policy')(v as WebConfig['policy'])} />
      <NumberField label="Swap pages" value={c.swapPages} onChange={set('swapPages')} />
      <NumberField label="Quantum" value={c.quantum} onChange={set('quantum')} />
      <NumberField label="Seed" value={c.seed} onChange={set('seed')} />
      {error ? <span class="error" role="alert">{error}</span> : props.pending ? <span class="note">applies at the next Reset</span> : null}
    </form>
  );
}
