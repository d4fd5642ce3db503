// The sweep's chart moved to the library (sweep/chart.ts), where the page's
// Sweep panel draws it too; this name stays for the code that imported it here.
export { niceTicks, outputChart, renderSvg, sweepChart, type ChartSeries, type ChartSpec } from '../../sweep/chart.js';
