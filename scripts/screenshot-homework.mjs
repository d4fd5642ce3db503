// Makes docs/images/web-homework.png, the Homework view's picture in
// docs/web.md: `illusion web` served, the headless Chromium the browser tests
// use (/usr/bin/chromium, or ILLUSION_CHROMIUM), a tlb problem at 1280x800
// with its first six rows answered (the sixth's set wrong on purpose) and
// checked. Run after `npm run build`: node scripts/screenshot-homework.mjs
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

const LINK = '#homework=tlb&seed=7&entries=16&ways=4&count=20';
/** `illusion homework tlb -s 7 --entries 16 --ways 4 --count 20 -c`'s first six answers, the sixth's set changed from 3. */
const ANSWERS = [['miss', '1', '-'], ['hit', '1', '-'], ['hit', '1', '-'], ['miss', '0', '-'], ['hit', '0', '-'], ['miss', '2', '-']];
const OUT = 'docs/images/web-homework.png';

const server = spawn(process.execPath, ['dist/cli/main.js', 'web'], { stdio: ['ignore', 'pipe', 'inherit'] });
try {
  const url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve(m[0]);
    });
    server.once('exit', (code) => reject(new Error(`illusion web exited with ${code}`)));
  });
  const browser = await chromium.launch({ executablePath: process.env.ILLUSION_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url + LINK);
  const answers = page.getByRole('region', { name: 'Answers' });
  await answers.waitFor();
  for (const [i, [hit, set, evicts]] of ANSWERS.entries()) {
    await answers.getByLabel(`Hit/Miss, question ${i + 1}`, { exact: true }).selectOption(hit);
    await answers.getByLabel(`Set, question ${i + 1}`, { exact: true }).fill(set);
    await answers.getByLabel(`Evicts, question ${i + 1}`, { exact: true }).fill(evicts);
  }
  await answers.getByRole('button', { name: 'Check', exact: true }).click();
  await page.screenshot({ path: OUT });
  await browser.close();
  console.log(`wrote ${OUT}`);
} finally {
  server.kill();
}
