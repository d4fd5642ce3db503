// The Sweep panel: the editor's programs run once per value of one setting
// (TLB entries, TLB ways or frames), with the rest of the page's
// configuration, as `illusion sweep` runs them, and the chart that its
// --svg draws (the library's: sweep/chart.ts). The runs go in slices
// (web/sweepRunner.ts): the page answers, the progress shows, Cancel stops.
import { useEffect, useRef, useState } from 'preact/hooks';
import { describePoint, METRIC_LABELS, METRICS } from '../../sweep/points.js';
import { DEFAULT_CHART, sweepChart, type ChartKind } from '../sweepChart.js';
import { count, grouped, percent } from '../format.js';
import { readLibrary } from '../programs.js';
import type { ProgramSource, WebConfig } from '../session.js';
import { DEFAULT_RUN_LIMIT, parseValues, planSweep, SWEPT, type SweepPlan, type SweptKey } from '../sweepPlan.js';
import { SweepRunner } from '../sweepRunner.js';
import { Panel } from './panel.js';

/** The chart README's picture shows: tlb.s's cycles per access against the pages it touched, one line per TLB. */
const TLB_PATTERN = 'pages (?<pages_touched>\\d+): (?<cycles_per_access>[\\d.]+)';

interface Progress {
  readonly plan: SweepPlan;
  readonly runner: SweepRunner;
  /** Names the program(s) in the chart's title, as the CLI does with the files' base names. */
  readonly name: string;
  readonly chart: ChartKind;
  readonly pattern: string;
  cancelled: boolean;
}

function Results(props: { p: Progress }) {
  const { plan } = props.p;
  const outcomes = plan.sweep.outcomes;
  const chart = outcomes.length > 0 ? sweepChart(props.p.name, outcomes, props.p.chart, props.p.pattern, plan.limit) : undefined;
  return (
    <>
      {outcomes.length > 0 ? (
        <table class="sweep-table" aria-label="Sweep results">
          <thead><tr><th>entries</th><th>ways</th><th>frames</th><th>cycles</th><th>TLB hit rate</th><th>page faults</th><th>swaps</th><th>status</th></tr></thead>
          <tbody>
            {outcomes.map((o, i) => (
              <tr key={i} data-cycles={o.stats.cycles}>
                <td>{o.point.tlbEntries}</td><td>{o.point.tlbWays}</td><td>{o.point.frames}</td><td>{grouped(o.stats.cycles)}</td>
                <td>{percent(o.stats.tlb_hits, o.stats.tlb_hits + o.stats.tlb_misses)}</td><td>{grouped(o.stats.page_faults)}</td><td>{grouped(o.stats.swap_ins + o.stats.swap_outs)}</td><td>{o.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {plan.skipped.map((s) => <p key={s} class="note">skipped {s}</p>)}
      {typeof chart === 'string' ? <p class="note" role="note">{chart}</p> : null}
      {typeof chart === 'object' ? (
        <>
          {chart.warnings.map((w) => <p key={w} class="note">{w}</p>)}
          <img class="sweep-chart" alt={`sweep chart: ${props.p.chart === 'output' ? 'pid 1\'s output' : METRIC_LABELS[props.p.chart]}`} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(chart.svg)}`} />
        </>
      ) : null}
      <p class="sweep-command">the same numbers: <code>{plan.command}{props.p.chart === 'output' ? ` --svg chart.svg --plot-output '${props.p.pattern}'` : ` --svg chart.svg --metric ${props.p.chart}`}</code></p>
    </>
  );
}

function progressText(p: Progress): string {
  const { sweep } = p.plan;
  const total = sweep.points.length;
  if (sweep.done) return `done: ${count(total, 'run')}`;
  if (p.cancelled) return `cancelled after ${sweep.outcomes.length} of ${total} runs`;
  return `running ${sweep.outcomes.length + 1} of ${total}: ${describePoint(sweep.current!)}, ${count(sweep.instructions, 'instruction')} into it`;
}

export function SweepPanel(props: { programs: readonly ProgramSource[]; config: WebConfig }) {
  const [key, setKey] = useState<SweptKey>('tlbEntries');
  const [values, setValues] = useState('4,8,16,32,64');
  const [chart, setChart] = useState<ChartKind>(DEFAULT_CHART);
  const [pattern, setPattern] = useState(TLB_PATTERN);
  const [limit, setLimit] = useState(DEFAULT_RUN_LIMIT);
  const [error, setError] = useState('');
  const [progress, setProgress] = useState<Progress | undefined>(undefined);
  const [, setTick] = useState(0);
  const current = useRef<Progress | undefined>(undefined);
  useEffect(() => () => current.current?.runner.cancel(), []);

  const start = () => {
    current.current?.runner.cancel();
    const list = parseValues(values, key);
    const plan = typeof list === 'string' ? list : planSweep(props.programs, props.config, key, list, limit, readLibrary);
    if (typeof plan === 'string') { setError(plan); return; }
    setError('');
    const name = props.programs.map((p) => p.name.split('/').pop()).join(' ');
    const p: Progress = { plan, name, chart, pattern, cancelled: false, runner: new SweepRunner(plan.sweep, () => setTick((t) => t + 1)) };
    current.current = p;
    setProgress(p);
    p.runner.start();
  };
  const cancel = () => {
    const p = current.current;
    if (p === undefined || !p.runner.running) return;
    p.runner.cancel();
    p.cancelled = true;
    setTick((t) => t + 1);
  };
  const running = progress?.runner.running === true;
  return (
    <Panel name="Sweep" class="sweep-panel" note="the editor's programs, once per value, with the configuration above, as illusion sweep runs them">
      <form class="sweep-form" aria-label="Sweep settings" onSubmit={(e) => { e.preventDefault(); start(); }}>
        {/* Not inside a label: the options' words (TLB entries, TLB ways) would become a label of the configuration's own names. */}
        <span>Sweep</span> <select aria-label="Setting to sweep" value={key} onChange={(e) => setKey((e.target as HTMLSelectElement).value as SweptKey)}>
          {SWEPT.map((s) => <option key={s.key} value={s.key}>{s.label}</option>)}
        </select>
        <label>over <input class="values" value={values} aria-label="Values" onInput={(e) => setValues((e.target as HTMLInputElement).value)} /></label>
        <span>Chart</span> <select aria-label="Chart" value={chart} onChange={(e) => setChart((e.target as HTMLSelectElement).value as ChartKind)}>
          <option value="output">pid 1's output (pattern)</option>
          {METRICS.map((m) => <option key={m} value={m}>{METRIC_LABELS[m]}</option>)}
        </select>
        {chart === 'output' ? <label>Pattern <input class="pattern" value={pattern} aria-label="Output pattern" onInput={(e) => setPattern((e.target as HTMLInputElement).value)} /></label> : null}
        <label title="each run stops here, every live process killed (instruction_limit): a program that never ends cannot hold the sweep">Instruction limit per run <input type="number" min={1} value={limit} aria-label="Instruction limit per run"
          onInput={(e) => setLimit(Math.floor(Number((e.target as HTMLInputElement).value)))} /></label>
        <button type="submit" disabled={running}>Sweep</button>
        <button type="button" disabled={!running} onClick={cancel}>Cancel</button>
      </form>
      {error ? <p class="error" role="alert">{error}</p> : null}
      {progress ? <p class="sweep-progress" aria-live="polite" aria-label="Sweep progress">{progressText(progress)}</p> : null}
      {progress ? <Results p={progress} /> : null}
    </Panel>
  );
}
