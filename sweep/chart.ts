// A line chart of a sweep, hand-written SVG (no dependency): x is the first
// swept dimension with more than one value (or the one chosen), one series (a polyline with
// point markers) per combination of the other swept dimensions, y the chosen
// metric. Axes with ticks and labels, a title and a legend. The library's:
// `illusion sweep --svg` writes it to a file, the page's Sweep panel shows it.
import { METRIC_LABELS, metricOf, sweepAxes, type Metric, type SweepAxis, type SweepOutcome } from './points.js';

const WIDTH = 760;
const HEIGHT = 440;
const PLOT = { left: 90, right: 560, top: 50, bottom: 370 };
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
/**
 * Dash patterns, one a series in turn: sweeps often give lines that lie on
 * each other (ways=4 and ways=16 of a fully thrashing loop), and a dashed
 * line drawn over a solid one lets the solid one's colour show in its gaps.
 */
const DASHES = ['', '8 4', '3 3', '10 3 3 3'];

export interface ChartSeries {
  readonly name: string;
  /** The legend's lines, when not the name on one line (a lone line's settings, one a line). */
  readonly legend?: readonly string[];
  readonly points: readonly { x: number; y: number }[];
}

export interface ChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Tick labels for x when the values are categories (placed at 0, 1, 2, ...). */
  readonly xCategories?: readonly string[];
  readonly series: readonly ChartSeries[];
  /** Caveats printed under the x axis's label, a line each. */
  readonly notes?: readonly string[];
}

/** The chart of a sweep: which dimension is x, which make series. */
export function sweepChart(program: string, outcomes: readonly SweepOutcome[], metric: Metric, xKey?: string): ChartSpec {
  const axes = sweepAxes(outcomes.map((o) => o.point));
  const varying = varyingAxes(axes, outcomes);
  const xDim = axes.find((d) => d.key === xKey) ?? varying[0] ?? axes[0]!;
  // A setting that x alone decides (the ways of --tlb-entries 2,8 without --tlb-ways: 2, then 4) would cut
  // the one line a student asked for into a dot per value: it draws no lines of its own, and a note says so.
  const followers = varying.filter((d) => d !== xDim && follows(d, xDim, outcomes));
  const others = varying.filter((d) => d !== xDim && !followers.includes(d));
  const xValues = [...new Set(outcomes.map((o) => xDim.valueOf(o.point)))];
  const numericX = xValues.every((v) => typeof v === 'number');
  // One line: its legend is the settings held fixed, not the metric's name again (the y axis says it).
  const fixed = others.length === 0 ? fixedSettings(axes.filter((d) => d !== xDim && !varying.includes(d)), outcomes) : [];
  const groups = new Map<string, { x: number; y: number }[]>();
  for (const o of outcomes) {
    const name = others.length === 0 ? fixed.join(', ') : others.map((d) => `${d.column}=${d.valueOf(o.point)}`).join(' ');
    const x = numericX ? (xDim.valueOf(o.point) as number) : xValues.indexOf(xDim.valueOf(o.point));
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name)!.push({ x, y: metricOf(o, metric) });
  }
  return {
    title: `${program}: ${METRIC_LABELS[metric]} by ${xDim.label}`,
    xLabel: xDim.label,
    yLabel: METRIC_LABELS[metric],
    ...(numericX ? {} : { xCategories: xValues.map(String) }),
    series: [...groups].map(([name, points]) => ({ name, points, ...(others.length === 0 ? { legend: fixed } : {}) })),
    ...(followers.length === 0 ? {} : { notes: followers.map((d) => followerNote(d, xDim, outcomes)) }),
  };
}

/** `ways=4`, `policy=lru`, ...: each setting's one value over these runs. */
function fixedSettings(axes: readonly SweepAxis[], outcomes: readonly SweepOutcome[]): string[] {
  return outcomes.length === 0 ? [] : axes.map((d) => `${d.column}=${d.valueOf(outcomes[0]!.point)}`);
}

/** Whether each value of x comes with one value of `d` only, over these runs. */
function follows(d: SweepAxis, x: SweepAxis, outcomes: readonly SweepOutcome[]): boolean {
  const seen = new Map<number | string, number | string>();
  return outcomes.every((o) => {
    const xv = x.valueOf(o.point);
    const dv = d.valueOf(o.point);
    if (!seen.has(xv)) seen.set(xv, dv);
    return seen.get(xv) === dv;
  });
}

/** `ways goes with entries here (2 at 2, 4 at 4 and 8): one line, not one per ways`. */
function followerNote(d: SweepAxis, x: SweepAxis, outcomes: readonly SweepOutcome[]): string {
  const at = new Map<number | string, (number | string)[]>();
  for (const o of outcomes) {
    const dv = d.valueOf(o.point);
    const xv = x.valueOf(o.point);
    const xs = at.get(dv) ?? [];
    if (!xs.includes(xv)) xs.push(xv);
    at.set(dv, xs);
  }
  const and = (xs: readonly (number | string)[]): string => (xs.length === 1 ? String(xs[0]) : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);
  const pairs = [...at].map(([dv, xs]) => `${dv} at ${and(xs)}`).join(', ');
  return `${d.column} goes with ${x.column} here (${pairs}): one line, not one per ${d.column}`;
}

/**
 * The chart of the programs' own output: every match of `regex` in pid 1's
 * stdout is a point (group 1 = x, group 2 = y), one series per configuration.
 * Named groups name the axes (underscores become spaces).
 */
export function outputChart(program: string, outcomes: readonly SweepOutcome[], regex: RegExp): ChartSpec {
  const axes = sweepAxes(outcomes.map((o) => o.point));
  const varying = varyingAxes(axes, outcomes);
  let names: string[] = [];
  const series = outcomes.map((o) => {
    const points: { x: number; y: number }[] = [];
    for (const m of o.stdout.matchAll(new RegExp(regex.source, 'gm'))) {
      if (m.groups) names = Object.keys(m.groups);
      const x = Number(m[1]);
      const y = Number(m[2]);
      if (Number.isFinite(x) && Number.isFinite(y)) points.push({ x, y });
    }
    if (varying.length === 0) {
      const fixed = fixedSettings(axes, outcomes);
      return { name: fixed.join(', '), legend: fixed, points };
    }
    return { name: varying.map((d) => `${d.column}=${d.valueOf(o.point)}`).join(' '), points };
  });
  const label = (i: number, fallback: string): string => names[i]?.replace(/_/g, ' ') ?? fallback;
  return { title: `${program}: ${label(1, 'y')} by ${label(0, 'x')}`, xLabel: label(0, 'x'), yLabel: label(1, 'y'), series };
}

/** What a sweep's chart shows: a metric (x the first varying setting, or `xKey`), or, with `pattern`, pid 1's own output. */
export interface ChartChoice {
  readonly metric: Metric;
  readonly pattern?: RegExp;
  /** A machine dimension's key (tlbEntries, ...) or a swept constant's name. */
  readonly xKey?: string;
  /** Each run's instruction limit: a chart of runs that reached it says so, as the table's note does. */
  readonly maxInstructions?: number;
}

/**
 * The chart of a sweep as `illusion sweep --svg` draws it, with its caveats:
 * a hit rate under software refill, and runs cut short at the instruction
 * limit (a chart passed round without its table would otherwise show their
 * figures as a whole run's).
 */
export function chartOf(program: string, outcomes: readonly SweepOutcome[], choice: ChartChoice): ChartSpec {
  const chart = choice.pattern !== undefined ? outputChart(program, outcomes, choice.pattern) : sweepChart(program, outcomes, choice.metric, choice.xKey);
  const notes: string[] = [...(chart.notes ?? [])];
  if (choice.pattern === undefined && choice.metric === 'hit-rate' && outcomes.some((o) => o.point.tlbRefill === 'software')) {
    notes.push('software refill: the hit rate also counts retried accesses (see the sweep\'s note)');
  }
  const limit = choice.maxInstructions;
  const cut = limit === undefined ? 0 : outcomes.filter((o) => o.stats.instructions >= limit).length;
  if (cut > 0) {
    notes.push(`${cut} of ${outcomes.length} run${outcomes.length === 1 ? '' : 's'} stopped at the limit of ${limit!.toLocaleString('en-US')} instructions: their figures are of a run cut short`);
  }
  return notes.length === 0 ? chart : { ...chart, notes };
}

/** The expression that picks points out of pid 1's output (group 1 = x, group 2 = y), or why it cannot. */
export function outputPattern(text: string): RegExp | string {
  let re: RegExp;
  try {
    re = new RegExp(text, 'gm');
  } catch (err) {
    return `not a regular expression: ${(err as Error).message}`;
  }
  if (new RegExp(`${re.source}|`).exec('')!.length - 1 < 2) return 'the expression needs two groups, x then y';
  return re;
}

/** The axes whose value differs between the outcomes. */
function varyingAxes(axes: readonly SweepAxis[], outcomes: readonly SweepOutcome[]): SweepAxis[] {
  return axes.filter((d) => new Set(outcomes.map((o) => d.valueOf(o.point))).size > 1);
}

export function renderSvg(spec: ChartSpec): string {
  const xs = spec.series.flatMap((s) => s.points.map((p) => p.x));
  const ys = spec.series.flatMap((s) => s.points.map((p) => p.y));
  const xTicks = spec.xCategories ? spec.xCategories.map((_, i) => i) : [...new Set(xs)].sort((a, b) => a - b);
  // Powers of two over a wide range (TLB sizes, pages touched) read best on a log2 axis.
  const log = !spec.xCategories && xTicks.length > 2 && xTicks.every((x) => x > 0 && Number.isInteger(Math.log2(x))) && xTicks[xTicks.length - 1]! / xTicks[0]! >= 4;
  const tx = (x: number): number => (log ? Math.log2(x) : x);
  let xMin = tx(Math.min(...xTicks));
  let xMax = tx(Math.max(...xTicks));
  if (xMin === xMax) { xMin -= 1; xMax += 1; }
  const yTicks = niceTicks(0, Math.max(...ys, 0));
  const yMax = yTicks[yTicks.length - 1]!;
  const sx = (x: number): number => PLOT.left + ((tx(x) - xMin) / (xMax - xMin)) * (PLOT.right - PLOT.left);
  const sy = (y: number): number => PLOT.bottom - (y / yMax) * (PLOT.bottom - PLOT.top);
  const f = (n: number): string => n.toFixed(1);
  const twins = sameLines(spec.series);
  const legends = spec.series.map((s, i) => {
    const twin = twins[i];
    return { lines: s.legend ?? [s.name], note: twin === undefined ? '' : ` (same as ${spec.series[twin]!.name})` };
  });
  // Each legend's first row: a series of several lines pushes the next one down.
  const legendRows = legends.map((_, i) => legends.slice(0, i).reduce((n, l) => n + Math.max(1, l.lines.length), 0));
  const rowCount = legends.reduce((n, l) => n + Math.max(1, l.lines.length), 0);
  // Wide enough for the longest legend (about 7 px a character at 12 px), and as tall as the legend is long.
  // Wide y labels (cycles in the tens of millions) would run into the axis's
  // name at x = 20: the chart moves right by what they need beyond the margin.
  const shift = Math.max(0, Math.ceil(Math.max(...yTicks.map((y) => numberWidth(formatNumber(y)))) - Y_LABELS_ROOM_PX));
  const width = shift + Math.max(WIDTH, Math.ceil(PLOT.right + 60 + 7 * Math.max(0, ...legends.flatMap((l) => l.lines.map((line, j) => line.length + (j === 0 ? l.note.length : 0))))));
  const notes = spec.notes ?? [];
  const height = Math.max(HEIGHT + Math.max(0, notes.length - 1) * NOTE_LINE_PX, PLOT.top + 30 + rowCount * 20);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="white"/>`,
    ...(shift > 0 ? [`<g transform="translate(${shift} 0)">`] : []),
    `<text x="${WIDTH / 2}" y="28" text-anchor="middle" font-size="16" font-weight="bold">${esc(spec.title)}</text>`,
    `<g class="axes" stroke="black">`,
    `<line x1="${PLOT.left}" y1="${PLOT.bottom}" x2="${PLOT.right}" y2="${PLOT.bottom}"/>`,
    `<line x1="${PLOT.left}" y1="${PLOT.top}" x2="${PLOT.left}" y2="${PLOT.bottom}"/>`,
    `</g>`,
    `<g class="x-ticks">`,
  ];
  const labelOf = (x: number): string => (spec.xCategories ? spec.xCategories[x]! : formatNumber(x));
  readableTicks(xTicks, log, sx, labelOf).forEach((x) => {
    const label = labelOf(x);
    out.push(`<line x1="${f(sx(x))}" y1="${PLOT.bottom}" x2="${f(sx(x))}" y2="${PLOT.bottom + 6}" stroke="black"/>`);
    out.push(`<text x="${f(sx(x))}" y="${PLOT.bottom + 20}" text-anchor="middle">${esc(label)}</text>`);
  });
  out.push(`</g>`, `<g class="y-ticks">`);
  for (const y of yTicks) {
    out.push(`<line x1="${PLOT.left - 6}" y1="${f(sy(y))}" x2="${PLOT.left}" y2="${f(sy(y))}" stroke="black"/>`);
    out.push(`<line x1="${PLOT.left}" y1="${f(sy(y))}" x2="${PLOT.right}" y2="${f(sy(y))}" stroke="#dddddd"/>`);
    out.push(`<text x="${PLOT.left - 10}" y="${f(sy(y) + 4)}" text-anchor="end">${formatNumber(y)}</text>`);
  }
  out.push(`</g>`);
  out.push(`<text class="x-label" x="${(PLOT.left + PLOT.right) / 2}" y="${PLOT.bottom + 45}" text-anchor="middle">${esc(spec.xLabel)}${log ? ' (log scale)' : ''}</text>`);
  notes.forEach((note, i) => out.push(`<text class="note" x="${PLOT.left}" y="${PLOT.bottom + 62 + i * NOTE_LINE_PX}" fill="#666666">${esc(note)}</text>`));
  const yLabelX = 20 - shift; // inside the shifted group: where it was before
  out.push(`<text class="y-label" x="${yLabelX}" y="${(PLOT.top + PLOT.bottom) / 2}" text-anchor="middle" transform="rotate(-90 ${yLabelX} ${(PLOT.top + PLOT.bottom) / 2})">${esc(spec.yLabel)}</text>`);
  const dash = (i: number): string => (DASHES[i % DASHES.length] === '' ? '' : ` stroke-dasharray="${DASHES[i % DASHES.length]}"`);
  spec.series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length]!;
    const pts = s.points.map((p) => `${f(sx(p.x))},${f(sy(p.y))}`).join(' ');
    out.push(`<g class="series">`);
    out.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${dash(i)} points="${pts}"><title>${esc(s.name)}</title></polyline>`);
    for (const p of s.points) out.push(`<circle cx="${f(sx(p.x))}" cy="${f(sy(p.y))}" r="3" fill="${color}"/>`);
    out.push(`</g>`);
  });
  out.push(`<g class="legend">`);
  legends.forEach((l, i) => {
    const y = PLOT.top + 10 + legendRows[i]! * 20;
    const color = COLORS[i % COLORS.length]!;
    out.push(`<line x1="${PLOT.right + 20}" y1="${y}" x2="${PLOT.right + 44}" y2="${y}" stroke="${color}" stroke-width="2"${dash(i)}/>`);
    l.lines.forEach((line, j) => {
      const note = j === 0 && l.note !== '' ? `<tspan fill="#666666">${esc(l.note)}</tspan>` : '';
      out.push(`<text x="${PLOT.right + 50}" y="${y + 4 + j * 20}">${esc(line)}${note}</text>`);
    });
  });
  out.push(`</g>`);
  if (shift > 0) out.push(`</g>`);
  out.push(`</svg>`);
  return `${out.join('\n')}\n`;
}

/** A note's line under the x axis's label. */
const NOTE_LINE_PX = 16;

/** A y label's width at 12 px: about 6.7 px a digit, half that for a comma or point. */
const numberWidth = (label: string): number => [...label].reduce((w, c) => w + (c === ',' || c === '.' ? 3.4 : 6.7), 0);
/** The room between the axis's name and the y axis for a label's width (tick labels end 10 px left of the axis). */
const Y_LABELS_ROOM_PX = 54;

/** About 7 px a character at 12 px, and a gap between neighbours. */
const labelWidth = (label: string): number => 7 * label.length;
const LABEL_GAP_PX = 6;

/**
 * The x ticks to label: every value while their labels fit side by side
 * (TLB sizes, a few frames); otherwise, on a log axis every k-th power, on a
 * linear one round steps (1, 2 or 5 times a power of ten), so that a
 * program's own 160 points do not print 160 labels on top of each other.
 */
function readableTicks(values: readonly number[], log: boolean, sx: (x: number) => number, labelOf: (x: number) => string): number[] {
  const fits = (ticks: readonly number[]): boolean => ticks.every((x, i) => i === 0
    || sx(x) - sx(ticks[i - 1]!) >= (labelWidth(labelOf(x)) + labelWidth(labelOf(ticks[i - 1]!))) / 2 + LABEL_GAP_PX);
  if (values.length < 2 || fits(values)) return [...values];
  if (log) {
    for (let k = 2; ; k++) {
      const thinned = values.filter((_, i) => i % k === 0);
      if (thinned.length <= 2 || fits(thinned)) return thinned;
    }
  }
  const min = values[0]!;
  const max = values[values.length - 1]!;
  // About 8 labels at most, fewer if they are wide.
  const raw = (max - min) / 8;
  let mag = 10 ** Math.floor(Math.log10(raw));
  for (;;) {
    for (const m of [1, 2, 5]) {
      const step = m * mag;
      if (step < raw) continue;
      const ticks: number[] = [];
      for (let t = Math.ceil(min / step) * step; t <= max; t += step) ticks.push(Number(t.toPrecision(12)));
      if (ticks.length <= 2 || fits(ticks)) return ticks;
    }
    mag *= 10;
  }
}

/**
 * For each series whose points are exactly an earlier one's, the index of
 * the first such: the legend says so, since the chart can only draw one
 * line over the other.
 */
function sameLines(series: readonly ChartSeries[]): (number | undefined)[] {
  const key = (s: ChartSeries): string => s.points.map((p) => `${p.x},${p.y}`).join(' ');
  const first = new Map<string, number>();
  return series.map((s, i) => {
    const k = key(s);
    const earlier = first.get(k);
    if (earlier === undefined) first.set(k, i);
    return earlier;
  });
}

/** 0 and round steps (1, 2 or 5 times a power of ten) up to at least `max`. */
export function niceTicks(min: number, max: number): number[] {
  if (max <= min) return [min, min + 1];
  const raw = (max - min) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let t = min; t < max + step; t += step) ticks.push(Number(t.toPrecision(12)));
  if (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks.filter((_, i) => i === 0 || ticks[i - 1]! < max);
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(2);
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
