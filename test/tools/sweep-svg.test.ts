// The sweep chart's x axis when a program plots its own numbers over many
// x values (tlb-knee.s: 160 page counts): the labels must stay readable.
import { expect, test } from 'vitest';
import { renderSvg } from '../../cli/sweep/svg.js';

const xLabels = (svg: string) => {
  const block = svg.slice(svg.indexOf('<g class="x-ticks">'), svg.indexOf('<g class="y-ticks">'));
  return [...block.matchAll(/<text x="([\d.]+)"[^>]*>([^<]*)<\/text>/g)].map((m) => [Number(m[1]), m[2]] as const);
};

test('160 x values: round ticks every 20, evenly spaced, not a label per value', () => {
  const points = Array.from({ length: 160 }, (_, i) => ({ x: i + 1, y: i < 63 ? 8 : 48 }));
  const labels = xLabels(renderSvg({ title: 't', xLabel: 'pages touched', yLabel: 'cycles per access', series: [{ name: 'a', points }] }));
  expect(labels.map((l) => l[1])).toEqual(['20', '40', '60', '80', '100', '120', '140', '160']);
  // 20 pages = 470 px * 20 / 159 apart (positions are written to 0.1 px).
  for (let i = 1; i < labels.length; i++) expect(labels[i]![0] - labels[i - 1]![0]).toBeCloseTo((470 * 20) / 159, 0);
  // Placed on the scale of the points: x = 160 at the right end of the plot.
  expect(labels.at(-1)![0]).toBe(560);
});

test('a few x values keep a label each (TLB sizes)', () => {
  const points = [8, 16, 32, 64].map((x) => ({ x, y: x }));
  const labels = xLabels(renderSvg({ title: 't', xLabel: 'TLB entries', yLabel: 'cycles', series: [{ name: 'a', points }] }));
  expect(labels.map((l) => l[1])).toEqual(['8', '16', '32', '64']);
});

test('many powers of two on a log axis: one label per power while they fit', () => {
  const points = Array.from({ length: 21 }, (_, i) => ({ x: 2 ** i, y: i }));
  const labels = xLabels(renderSvg({ title: 't', xLabel: 'bytes', yLabel: 'y', series: [{ name: 'a', points }] }));
  // 21 labels up to "1,048,576" do not fit in 470 pixels, nor every other one: every third power, from the first.
  expect(labels.map((l) => l[1])).toEqual(['1', '8', '64', '512', '4,096', '32,768', '262,144']);
});

test('y labels in the tens of millions (cycles of a sweep) leave room for the axis name: the chart moves right, nothing else changes', () => {
  const chart = (top: number) => renderSvg({ title: 't', xLabel: 'TLB entries', yLabel: 'cycles', series: [{ name: 'a', points: [{ x: 1, y: 0 }, { x: 2, y: top }] }] });
  const small = chart(100);
  const big = chart(16_000_000);
  // 100: the labels fit left of the axis, as before: no group, the axis name at x = 20.
  expect(small).not.toContain('translate(');
  expect(small).toContain('<text class="y-label" x="20" ');
  // "20,000,000" is ~60 px; the labels end 10 px left of the axis at 90, so they would start at ~20, on the name.
  expect(big).toMatch(/^<svg [^>]*width="767" /);
  expect(big).toContain('<g transform="translate(7 0)">');
  expect(big).toContain('<text class="y-label" x="13" '); // 20 - 7 inside the group: still 20 on the page
  expect(big).toContain('>20,000,000</text>');
});
