// Makes docs/images/web.png, the README's picture of the page: `illusion web
// programs/tlb.s` at 1500x1180, the walk of 0x29000 typed in Walk, Run at the
// default 50 000 instructions a second, the shot taken about 4.4 s in (how
// many instructions that is depends on the shared cores), with the window at
// the top. Run after `npm run build`: node scripts/screenshot-page.mjs
import { withServedPage } from './webShot.mjs';

const OUT = 'docs/images/web.png';

await withServedPage(['programs/tlb.s'], { width: 1500, height: 1180 }, '', async (page) => {
  const walk = page.getByRole('region', { name: 'Walk' });
  await walk.getByLabel('Address').fill('0x29000');
  await walk.getByRole('button', { name: 'Walk' }).click();
  await page.getByRole('button', { name: /^Run/ }).click();
  await page.waitForTimeout(4400);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: OUT });
});
console.log(`wrote ${OUT}`);
