import type { Session } from '../session.js';
import type { Point } from '../statsHistory.js';
import { percent } from '../format.js';
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
    <svg class="chart" viewBox={`0 0 ${W} ${TOP + H + 14}`} role="img" aria-label={`TLB hit rate and page faults over ${maxX} instructions`}>
      <rect x="0" y={TOP} width={W} height={H} class="plot" />
      <polyline points={faults} class="faults" />
      <polyline points={rate} class="rate" />
      <text x="2" y={TOP + H + 12} class="axis">0</text>
      <text x={W - 2} y={TOP + H + 12} class="axis" text-anchor="end">{maxX} instructions</text>
      <text x="2" y="10" class="key rate">TLB hit rate (0-100%) per interval</text>
      <text x={W - 2} y="10" class="key faults" text-anchor="end">page faults (peak {maxFaults})</text>
    </svg>
  );
}

export function StatisticsPanel(props: { s: Session | undefined }) {
  const s = props.s;
  if (s === undefined) return <Panel name="Statistics"><p class="empty">no machine</p></Panel>;
  const st = s.stats();
  const rows: [string, string | number][] = [
    ['instructions', st.instructions], ['cycles', st.cycles],
    ['TLB hit rate', percent(st.tlb_hits, st.tlb_hits + st.tlb_misses)], ['TLB hits', st.tlb_hits], ['TLB misses', st.tlb_misses],
    ['TLB evictions', st.tlb_evictions], ['page walks', st.page_walks], ['page faults', st.page_faults],
    ['zero fills', st.zero_fills], ['copy-on-write copies', st.cow_copies], ['swap-ins', st.swap_ins], ['swap-outs', st.swap_outs],
    // The kernel's refill traps exist only when it handles the misses.
    ...(s.config.tlbRefill === 'software' ? [['TLB refill traps', st.tlb_refill_traps], ['TLB modified traps', st.tlb_modified_traps]] as [string, number][] : []),
    ['context switches', st.context_switches], ['processes', st.processes], ['peak frames', st.peak_frames],
  ];
  return (
    <Panel name="Statistics">
      <dl class="stats">{rows.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}</dl>
      <Chart points={s.history.points} />
    </Panel>
  );
}
