// What the pictures' scripts share: `illusion web ARGS...` served, the
// headless Chromium the browser tests use (/usr/bin/chromium, or
// ILLUSION_CHROMIUM), one page of the given size at the served URL plus
// `hash`; `shoot(page)` does the rest, then the browser and the server end.
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

export async function withServedPage(args, viewport, hash, shoot) {
  const server = spawn(process.execPath, ['dist/cli/main.js', 'web', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
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
    try {
      const page = await browser.newPage({ viewport });
      await page.goto(url + hash);
      await shoot(page);
    } finally {
      await browser.close();
    }
  } finally {
    server.kill();
  }
}
