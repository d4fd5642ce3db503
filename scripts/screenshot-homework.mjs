// Makes docs/images/web-homework.png, the Homework view's picture in
// docs/web.md: `illusion web` served, the headless Chromium the browser tests
// use (/usr/bin/chromium, or ILLUSION_CHROMIUM), a tlb problem at 1280x800
// with its first six rows answered (the sixth's set wrong on purpose) and
// checked. Run after `npm run build`: node scripts/screenshot-homework.mjs
import { withServedPage } from './webShot.mjs';

const LINK = '#homework=tlb&seed=7&entries=16&ways=4&count=20';
/** `illusion homework tlb -s 7 --entries 16 --ways 4 --count 20 -c`'s first six answers, the sixth's set changed from 3. */
const ANSWERS = [['miss', '1', '-'], ['hit', '1', '-'], ['hit', '1', '-'], ['miss', '0', '-'], ['hit', '0', '-'], ['miss', '2', '-']];
const OUT = 'docs/images/web-homework.png';

await withServedPage([], { width: 1280, height: 800 }, LINK, async (page) => {
  const answers = page.getByRole('region', { name: 'Answers' });
  await answers.waitFor();
  for (const [i, [hit, set, evicts]] of ANSWERS.entries()) {
    await answers.getByLabel(`Hit/Miss, question ${i + 1}`, { exact: true }).selectOption(hit);
    await answers.getByLabel(`Set, question ${i + 1}`, { exact: true }).fill(set);
    await answers.getByLabel(`Evicts, question ${i + 1}`, { exact: true }).fill(evicts);
  }
  await answers.getByRole('button', { name: 'Check', exact: true }).click();
  await page.screenshot({ path: OUT });
});
console.log(`wrote ${OUT}`);
