// Makes docs/images/web.png, the README's picture of the page: `illusion web
// programs/tlb.s` served, the headless Chromium the browser tests use
// (/usr/bin/chromium, or ILLUSION_CHROMIUM), 1500x1180, the walk of 0x29000
// typed in Walk, Run at the default 50 000 instructions a second, the shot
// taken about 4.4 s in (how many instructions that is depends on the shared
// cores), with the window at the top. Run after `npm run build`:
// node scripts/screenshot-page.mjs
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

const OUT = 'docs/images/web.png';

const server = spawn(process.execPath, ['dist/cli/main.js', 'web', 'programs/tlb.s'], { stdio: ['ignore', 'pipe', 'inherit'] });
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
  const page = await browser.newPage({ viewport: { width: 1500, height: 1180 } });
  await page.goto(url);
  const walk = page.getByRole('region', { name: 'Walk' });
  await walk.getByLabel('Address').fill('0x29000');
  await walk.getByRole('button', { name: 'Walk' }).click();
  await page.getByRole('button', { name: /^Run/ }).click();
  await page.waitForTimeout(4400);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: OUT });
  await browser.close();
  console.log(`wrote ${OUT}`);
} finally {
  server.kill();
}
