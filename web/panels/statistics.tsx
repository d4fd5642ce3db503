import type { RunStats } from '../../index.js';
import type { Session, WebConfig } from '../session.js';
import type { Point } from '../statsHistory.js';
import { grouped, percent } from '../format.js';
import { Panel } from './panel.js';

const W = 320;
const H = 90;
/** Room above the plot for the key. */
const TOP = 14;

/** Hit rate (0..100%) and page faults (scaled to their peak) per interval, over instructions. */
function Chart(props: { points: readonly Point[] }) {
  const pts = props.points;
  if (pts.length < 2) return <p class="empty">the chart starts after a few thousand instructions</p>;
  const maxX = pts[pts.length - 1]!.instructions;
  const maxFaults = Math.max(1, ...pts.map((p) => p.faults));
  const x = (p: Point) => ((p.instructions / maxX) * W).toFixed(1);
  const rate = pts.map((p) => `${x(p)},${(TOP + H - (p.hits + p.misses === 0 ? 1 : p.hits / (p.hits + p.misses)) * H).toFixed(1)}`).join(' ');
  const faults = pts.map((p) => `${x(p)},${(TOP + H - (p.faults / maxFaults) * H).toFixed(1)}`).join(' ');
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${TOP + H + 14}`} role="img" aria-label={`TLB hit rate and page faults over ${grouped(maxX)} instructions`}>
      <rect x="0" y={TOP} width={W} height={H} class="plot" />
      <polyline points={faults} class="faults" />
      <polyline points={rate} class="rate" />
      <text x="2" y={TOP + H + 12} class="axis">0</text>
      <text x={W - 2} y={TOP + H + 12} class="axis" text-anchor="end">{grouped(maxX)} instructions</text>
      <text x="2" y="10" class="key rate">TLB hit rate (0-100%) per interval</text>
      <text x={W - 2} y="10" class="key faults" text-anchor="end">page faults (peak {maxFaults})</text>
    </svg>
  );
}

/**
 * The rows as [label, the --json key], in the order --stats prints them. The
 * refill traps exist only when the kernel takes the misses (always 0 in
 * hardware refill, so not listed there).
 */
export function statisticRows(refill: WebConfig['tlbRefill']): [string, keyof RunStats][] {
  return [
    ['instructions', 'instructions'], ['cycles', 'cycles'], ['TLB hits', 'tlb_hits'], ['TLB misses', 'tlb_misses'],
    ['TLB evictions', 'tlb_evictions'], ['page walks', 'page_walks'],
    ...(refill === 'software' ? [['TLB refill traps', 'tlb_refill_traps'], ['TLB modified traps', 'tlb_modified_traps']] as [string, keyof RunStats][] : []),
    ['page faults', 'page_faults'], ['zero fills', 'zero_fills'], ['image loads', 'image_loads'],
    ['copy-on-write copies', 'cow_copies'], ['copy-on-write reclaims', 'cow_reclaims'],
    ['swap-ins', 'swap_ins'], ['swap-outs', 'swap_outs'], ['clean drops', 'clean_drops'],
    ['context switches', 'context_switches'], ['timer ticks', 'ticks'], ['processes', 'processes'], ['OOM kills', 'oom_kills'],
    ['ASID recycles', 'asid_recycles'], ['peak frames', 'peak_frames'], ['page-table frames', 'page_table_frames'],
    ['user frames at end', 'user_frames_at_end'], ['swap slots at end', 'swap_slots_at_end'],
  ];
}

export function StatisticsPanel(props: { s: Session | undefined }) {
  const s = props.s;
  if (s === undefined) return <Panel name="Statistics"><p class="empty">no machine</p></Panel>;
  const st = s.stats();
  const rows = statisticRows(s.config.tlbRefill);
  const row = ([label, key]: [string, keyof RunStats]) => <div key={key} data-stat={key}><dt>{label}</dt><dd>{grouped(Number(st[key]))}</dd></div>;
  return (
    <Panel name="Statistics">
      <dl class="stats">
        {/* Thousands separated, as --stats writes them: 363,806,844 cycles read at a glance. */}
        {rows.slice(0, 2).map(row)}
        <div><dt>TLB hit rate</dt><dd>{percent(st.tlb_hits, st.tlb_hits + st.tlb_misses)}</dd></div>
        {rows.slice(2).map(row)}
      </dl>
      <Chart points={s.history.points} />
    </Panel>
  );
}
