// The page in a real browser: Debian's Chromium driven by playwright-core
// (never a downloaded browser), the page served by `illusion web` on
// 127.0.0.1. Without a Chromium these tests are skipped with one line saying
// how to enable them; with CI=true they fail instead.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { hex } from '../../web/format.js';
import { evictionText, frameLabel, frameText, FREED_SINCE } from '../../web/panels/frames.js';
import { residencyOf } from '../../web/residency.js';
import { slotsShown, slotText } from '../../web/panels/swap.js';
import { evictedPageOf } from '../../web/evictedPage.js';
import { framesOf, swapOf } from '../../index.js';
import { DEFAULT_WEB_CONFIG, Session } from '../../web/session.js';
import { planSweep } from '../../web/sweepPlan.js';
import { chartOf, outputPattern, renderSvg } from '../../sweep/chart.js';
import { homework, homeworkJson } from '../homework/cli.js';
import { rowsFromJson } from './homeworkAnswers.js';
import { makeSheet } from '../../web/homeworkSheet.js';
import { parseHomeworkHash } from '../../web/homeworkLink.js';
import { commandOf } from '../../web/homeworkSettings.js';

/**
 * A frozen page takes the whole run (seconds) to answer; a busy machine (CI,
 * other jobs on the two cores) delays a live one by a few hundred ms. The
 * bounds tell the two apart without failing on load alone.
 */
const ANSWERS_WITHIN_MS = 2_000;
const PAUSE_WITHIN_MS = 500;
const CHROMIUM = process.env['ILLUSION_CHROMIUM'] ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const IN_CI = process.env['CI'] === 'true';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

if (!HAVE_CHROMIUM && !IN_CI) {
  console.log(`test/web: browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium to enable them)`);
}

test.runIf(!HAVE_CHROMIUM && IN_CI)('CI has a Chromium for the browser tests', () => {
  expect.fail(`no Chromium at ${CHROMIUM}: .ci/run installs Debian's chromium (apt-get install -y chromium)`);
});

/** A share link's fragment, made as the page makes it (raw deflate, base64url). */
function fragment(programs: { name: string; source: string }[], config: Record<string, unknown> = {}): string {
  const json = JSON.stringify({ programs, config });
  return `#s=${deflateRawSync(Buffer.from(json)).toString('base64url')}`;
}

describe.runIf(HAVE_CHROMIUM)('illusion web in Chromium', () => {
  let server: ChildProcess;
  let url = '';
  let context: BrowserContext;
  let profile = '';
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    server = spawn(process.execPath, ['dist/cli/main.js', 'web', 'programs/hello.s'], { stdio: ['ignore', 'pipe', 'pipe'] });
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
        if (m) resolve(m[0]);
      });
      server.once('exit', (code) => reject(new Error(`illusion web exited with ${code}`)));
    });
    profile = mkdtempSync(join(tmpdir(), 'illusion-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, viewport: { width: 1600, height: 1100 } });
    context.setDefaultTimeout(5_000);
  }, 30_000);

  afterAll(async () => {
    await context?.close();
    server?.kill();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function open(hash = '', status = 'ready'): Promise<Page> {
    page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(url + hash);
    await expect.poll(() => page.getByRole('status').textContent()).toBe(status);
    return page;
  }

  afterEach(async () => {
    await page?.close();
    expect(problems).toEqual([]);
  });

  const region = (name: string) => page.getByRole('region', { name, exact: true });
  const button = (name: string) => page.getByRole('button', { name, exact: true });

  test('opens with the served file, Run prints its output, every panel is there', async () => {
    await open();
    for (const name of ['Editor', 'Registers', 'Disassembly', 'Output', 'Processes', 'Page table', 'TLB', 'Frames', 'Events', 'Statistics']) {
      await expect.poll(() => region(name).count(), { message: name }).toBe(1);
    }
    expect(await page.getByRole('tab').allTextContents()).toEqual(['pid 1: hello.s']);
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('done after 10 instructions');
    await expect.poll(() => page.locator('.cm-pc-line').count()).toBe(0);
    expect(await region('Output').locator('pre.stdout').allTextContents()).toEqual(['Hello from illusion!\n']);
    expect(await region('Processes').locator('tbody tr').first().innerText()).toMatch(/^1\thello\.s\treaped\t-\t-\texit 0$/);
  });

  test('one Step: the first TLB miss fills set 1 with page 1, and the page table shows it r-x', async () => {
    await open();
    await button('Step').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused after 1 instruction');
    expect(await region('Registers').locator('tr').first().innerText()).toBe('pc\t0x00001004\t1 instruction, 1,061 cycles');
    // The editor marks the pc's line as the disassembly marks its row (a projector shows no faint cursor line), and puts the cursor there.
    await expect.poll(() => page.locator('.cm-line.cm-pc-line').allTextContents()).toEqual([readFileSync('programs/hello.s', 'utf8').split('\n')[7]!]);
    // 64 entries, 4 ways: 16 sets; page 1 (0x1000) goes to set 1, way 0.
    const set1 = region('TLB').getByRole('row', { name: 'set 1', exact: true });
    expect(await set1.getByRole('cell').first().getAttribute('aria-label')).toBe('way 0: vpn 0x00001 asid 1 frame 0x003 r-x, filled last, used last');
    expect(await region('TLB').locator('td.valid').count()).toBe(1);
    const row = region('Page table').locator('tr', { has: page.getByRole('button', { name: 'walk 0x00001000' }) });
    expect((await row.innerText()).split('\t')).toEqual(['0x00001000', '1', 'r-x', 'V', 'R', '-', 'X', 'U', '-', 'A', '-', '0x003', 'text', '']);
    // The disassembly's rows fit the panel: a long source line is cut at the edge (whole on hover), not scrolled to.
    const pcRow = region('Disassembly').locator('tr.pc');
    expect(await pcRow.locator('td.src').getAttribute('title')).toBe(`hello.s:8  ${readFileSync('programs/hello.s', 'utf8').split('\n')[7]!.trim()}`);
    expect(await region('Disassembly').locator('.panel-body').evaluate((b) => b.scrollWidth - b.clientWidth)).toBe(0);
    // Clicking it shows the walk, split 10/10/12.
    await row.click();
    const walk = region('Walk');
    expect(await walk.locator('.split .bits').allTextContents()).toEqual(['0000000000', '0000000001', '000000000000']);
    expect(await walk.locator('.outcome').innerText()).toBe('translated: physical 0x00003000 (frame 0x003 + offset 0x000); region text. frame 3, offset 0: physical 0x00003000');
  });

  test('click a pid: the panels show that process, and an address typed in Walk is walked in it', async () => {
    const twice = { name: 'twice.s', source: '_start: li r1, 7\n        j _start\n' };
    await open(fragment([twice, { ...twice, name: 'again.s' }], { quantum: 4 }));
    await page.getByLabel('N', { exact: true }).fill('10');
    await button('Step N').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused after 10 instructions');
    // The process on the CPU is the one running (its row is marked): no more words that widen the table.
    const running = region('Processes').locator('tbody tr.current');
    expect((await running.innerText()).split('\t').slice(1, 4)).toEqual([(await running.innerText()).split('\t')[0] === '1' ? 'twice.s' : 'again.s', 'running', '-']);
    expect(await region('Processes').locator('.panel-body').evaluate((b) => b.scrollWidth - b.clientWidth)).toBe(0);
    // Neither has written anything: Output says so in one line, not with an empty box per process.
    expect(await region('Output').locator('.panel-body').innerText()).toBe('no output yet from 2 processes');
    await page.getByRole('button', { name: 'show pid 2' }).click();
    expect(await region('Registers').locator('h2').innerText()).toBe('Registers pid 2');
    expect(await region('Page table').locator('h2').innerText()).toMatch(/^Page table pid 2: /);
    const walk = region('Walk');
    await walk.getByLabel('Address').fill('0x1004');
    await walk.getByRole('button', { name: 'Walk' }).click();
    expect(await walk.locator('h2').innerText()).toBe('Walk 0x00001004 in pid 2');
    // pid 2's text page, in pid 2's own frame (the page table says which).
    const frame = (await region('Page table').locator('tr', { has: page.getByRole('button', { name: 'walk 0x00001000' }) }).innerText()).split('\t')[11];
    const physical = `0x${(Number(frame) * 4096 + 4).toString(16).padStart(8, '0')}`;
    expect(await walk.locator('.outcome').innerText()).toMatch(new RegExp(`^translated: physical ${physical} \\(frame ${frame} \\+ offset 0x004\\); region text\\.`));
    // A mistyped address says so, and the walk of the address before goes: beside the error it read as the walk of the typo.
    await walk.getByLabel('Address').fill('0x10O4');
    await walk.getByRole('button', { name: 'Walk' }).click();
    expect(await walk.getByRole('alert').innerText()).toBe('an address from 0 to 0xffffffff, e.g. 0x1000');
    await expect.poll(async () => [await walk.locator('h2').innerText(), await walk.locator('.outcome').count()]).toEqual(['Walk not walked: 0x10O4 is not an address', 0]);
    // A click on an address walks it, and the error goes.
    await region('Page table').getByRole('button', { name: 'walk 0x00001000' }).click();
    await expect.poll(async () => [await walk.getByRole('alert').count(), await walk.locator('h2').innerText()]).toEqual([0, 'Walk 0x00001000 in pid 2']);
  });

  test('swapping: the page table shows swapped pages with their slot and mark, every column in view', async () => {
    await open();
    await page.getByRole('combobox', { name: 'Load an example' }).selectOption('swap.s');
    await page.getByRole('spinbutton', { name: 'Frames' }).fill('40');
    await button('Reset').click();
    await page.getByLabel('N', { exact: true }).fill('20000');
    await button('Step N').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused after 20,000 instructions');
    const table = region('Page table');
    expect(await table.locator('h2').innerText()).toMatch(/^Page table pid 1: root table in frame 0x001, \d+ present, [1-9]\d* swapped$/);
    const swapped = table.locator('tr.swapped').first();
    const cells = (await swapped.innerText()).split('\t');
    expect(cells[12]).toBe('heap');
    expect(cells[11]).toMatch(/^slot \d+$/);
    expect(cells[13]).toBe(`swapped to ${cells[11]}`);
    // The marks column is the last: the table fits its box, nothing to scroll sideways to.
    expect(await table.locator('.ptes-scroll').evaluate((b) => b.scrollWidth - b.clientWidth)).toBe(0);
    // The frame map marks the last eviction, and says whose page it was and where it went: as the model run says.
    const model = Session.boot([{ name: 'swap.s', source: readFileSync('programs/swap.s', 'utf8') }], { ...DEFAULT_WEB_CONFIG, frames: 40 }, '',
      (name) => ({ ok: true, text: readFileSync(`programs/${name}`, 'utf8') }));
    if (!('session' in model)) throw new Error('swap.s did not assemble');
    model.session.step(20_000);
    const evict = model.session.events.last.get('evict')!;
    expect(evict.fields['to']).toBe('swap');
    const frames = region('Frames');
    expect(await frames.getByRole('list', { name: 'Paging activity' }).innerText()).toBe(evictionText(evict));
    expect(await frames.locator('.frames .frame.evicted').getAttribute('title')).toMatch(new RegExp(`^frame ${hex(Number(evict.fields['frame']), 3)}: .*; evicted last$`));
    // The page it took is named above the page table, and its row is ringed: the one whose entry holds the slot.
    const gone = evictedPageOf(model.session.kernel, evict)!;
    expect(await table.getByRole('note').innerText()).toBe(`last eviction: page ${hex(gone.vpn << 12)}, now in swap slot ${gone.slot} (ringed below)`);
    // Stopped at the next eviction, the table scrolls to the page's row (it is far below the first rows by now), ringed.
    await page.getByRole('checkbox', { name: 'Stop at an eviction' }).check();
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^paused after an eviction: /);
    model.session.stopAt = new Set(['evict']);
    model.session.step(1_000_000);
    const next = evictedPageOf(model.session.kernel, model.session.events.last.get('evict'))!;
    const ringed = (await table.locator('tr.evicted-last').innerText()).split('\t');
    expect([ringed[0], ringed[1], ringed[11]]).toEqual([hex(next.vpn << 12), String(next.vpn & 0x3ff), `slot ${next.slot}`]);
    const box = (await table.locator('.ptes-scroll').boundingBox())!;
    const row = (await table.locator('tr.evicted-last').boundingBox())!;
    expect([row.y >= box.y, row.y + row.height <= box.y + box.height]).toEqual([true, true]);
    expect(await table.locator('.ptes-scroll').evaluate((b) => b.scrollTop)).toBeGreaterThan(0);
    await page.getByRole('checkbox', { name: 'Stop at an eviction' }).uncheck();
    // On a laptop's 1366 pixels too, no panel has to be scrolled sideways.
    await page.setViewportSize({ width: 1366, height: 900 });
    const wider = await page.evaluate(() => [...document.querySelectorAll('.panel-body, .ptes-scroll')]
      .filter((b) => b.scrollWidth > b.clientWidth).map((b) => b.closest('section')!.getAttribute('aria-label')));
    expect(wider).toEqual([]);
    // Run to the end: every frame is free again, so no square keeps a ring; the lines say the frame was freed since.
    await page.getByLabel('Speed').selectOption({ label: 'full speed' });
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^done after /);
    expect(await frames.locator('.frames .frame.evicted, .frames .frame.swapped-in').count()).toBe(0);
    expect((await frames.getByRole('list', { name: 'Paging activity' }).locator('li').allInnerTexts()).map((l) => l.endsWith(FREED_SINCE))).toEqual([true, true]);
  });

  test('the TLB at the end of swap.s: the last victim is not left in a way the exit flushed', async () => {
    await open(fragment([{ name: 'swap.s', source: readFileSync('programs/swap.s', 'utf8') }]));
    await page.getByLabel('N', { exact: true }).fill('20000');
    await button('Step N').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused after 20,000 instructions');
    // Mid-run the way of the last eviction names its victim, beside the translation that pushed it out.
    expect(await region('TLB').locator('td.way.victim.valid .evicted').allTextContents()).toEqual([expect.stringMatching(/^evicted 0x[0-9a-f]{5} a1$/)]);
    await page.getByLabel('Speed').selectOption({ label: 'full speed' });
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^done after /);
    // Before, an empty way still said `evicted 0x0021f`.
    expect(await region('TLB').locator('td.way.valid').count()).toBe(0);
    expect(await region('TLB').locator('.evicted, td.victim').count()).toBe(0);
  });

  test('two swap.s in 40 frames on a 1280x800 laptop: the frame map with its pids, its paging lines, the memory per process, the page table and the TLB are in view together', async () => {
    const swap = { name: 'swap.s', source: readFileSync('programs/swap.s', 'utf8') };
    await open(fragment([swap, swap], { frames: 40, policy: 'fifo' }));
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel('N', { exact: true }).fill('100000');
    await button('Step N').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused after 100,000 instructions');
    const bottom = async (l: ReturnType<typeof region>) => { const b = (await l.boundingBox())!; return b.y + b.height; };
    // Unscrolled: the whole map and the line of the last eviction, six rows of the page table under its root entry, every set of the TLB (a full one: two lines a way).
    expect(await bottom(region('Frames').locator('.frames'))).toBeLessThanOrEqual(800);
    expect(await bottom(region('Frames').getByRole('list', { name: 'Paging activity' }))).toBeLessThanOrEqual(800);
    expect(await bottom(region('Page table').locator('tbody tr').nth(6))).toBeLessThanOrEqual(800);
    expect(await bottom(region('TLB').locator('tbody tr').last())).toBeLessThanOrEqual(800);
    // Beside the map, how much each process holds: as the model's run says (test/web/model.test.ts holds it to the CLI's --json).
    const table = region('Frames').getByRole('table', { name: 'Memory per process' });
    expect(await bottom(table)).toBeLessThanOrEqual(800);
    expect(await table.evaluate((t) => t.closest('.panel-body')!.scrollWidth - t.closest('.panel-body')!.clientWidth)).toBe(0);
    const model = Session.boot([swap, swap], { ...DEFAULT_WEB_CONFIG, frames: 40, policy: 'fifo' }, '', (name) => ({ ok: true, text: readFileSync(`programs/${name}`, 'utf8') }));
    if (!('session' in model)) throw new Error('swap.s did not assemble');
    model.session.step(100_000);
    expect((await table.locator('tbody tr').allInnerTexts()).map((row) => row.split('\t').map((c) => c.trim())))
      .toEqual(residencyOf(model.session.kernel).map((r) => [r.pid, r.resident, r.shared, r.swapped, r.tables, r.pageFaults, r.swapOuts, r.swapIns].map(String)));
    // Not by colour alone: each page's and table's square carries its owner's pid, a shared page its count.
    const squares = region('Frames').locator('.frames .frame');
    expect(await squares.evaluateAll((fs) => fs.map((f) => f.textContent))).toEqual(framesOf(model.session.kernel).frames.map((f) => frameLabel(f, true)));
    expect(await squares.evaluateAll((fs) => fs.filter((f) => f.classList.contains('user')).map((f) => f.textContent))).toEqual(Array(33).fill('2'));
  });

  test('two swap.s in 16 frames at 1280x800: the Swap panel is on screen beside the frame map and the memory per process, at load and while pages go to swap', async () => {
    const swap = { name: 'swap.s', source: readFileSync('programs/swap.s', 'utf8') };
    await open(fragment([swap, swap], { frames: 16, policy: 'fifo' }));
    await page.setViewportSize({ width: 1280, height: 800 });
    const inView = async (l: ReturnType<typeof region>) => { const b = (await l.boundingBox())!; return [b.x >= 0, b.y >= 0, b.x + b.width <= 1280, b.y + b.height <= 800]; };
    const frames = region('Frames');
    const table = frames.getByRole('table', { name: 'Memory per process' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    for (const l of [region('Swap'), frames.locator('.frames'), table, region('Output')]) expect(await inView(l)).toEqual([true, true, true, true]);
    // 20 000 instructions in, 304 pages are in swap: the whole panel, its map and legend, is still on screen, level with the frame map.
    await page.getByLabel('N', { exact: true }).fill('20000');
    await button('Step N').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused after 20,000 instructions');
    expect(await region('Swap').locator('h2').innerText()).toBe('Swap 4096 slots: 304 used, 3792 free');
    for (const l of [region('Swap'), frames.locator('.frames'), table, frames.getByRole('list', { name: 'Paging activity' })]) expect(await inView(l)).toEqual([true, true, true, true]);
    const [swapBox, framesBox] = [(await region('Swap').boundingBox())!, (await frames.boundingBox())!];
    expect([swapBox.x + swapBox.width < framesBox.x, swapBox.y < framesBox.y + framesBox.height]).toEqual([true, true]);
  });

  test('swap.s in 40 frames run to its end at 1280x800: the empty Swap panel is one line, so the Output panel with PASS: swap is in view', async () => {
    await open(fragment([{ name: 'swap.s', source: readFileSync('programs/swap.s', 'utf8') }], { frames: 40 }));
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel('Speed').selectOption({ label: 'full speed' });
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20_000 }).toBe('done after 86,902 instructions');
    // Before, the device's empty map and legend stayed: the Output panel started at 770 pixels, its PASS line below the fold.
    const out = (await region('Output').boundingBox())!;
    expect([out.y >= 0, out.y + out.height <= 800]).toEqual([true, true]);
    expect(await region('Swap').locator('.panel-body').innerText()).toBe('no page is in swap now: 1,169 pages written to it, 602 read back, so far');
    expect(await region('Output').locator('pre.stdout').innerText()).toBe('wrote 600 pages\nverified 600 pages\nPASS: swap\n');
  });

  test('the Swap panel under the frame map: two swap.s in 40 frames show every used slot with its pid and page, as the kernel holds them, at 1280x800 and 1500x1180', async () => {
    const swap = { name: 'swap.s', source: readFileSync('programs/swap.s', 'utf8') };
    await open(fragment([swap, swap], { frames: 40, policy: 'fifo' }));
    await page.getByLabel('N', { exact: true }).fill('100000');
    await button('Step N').click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 10_000 }).toBe('paused after 100,000 instructions');
    const model = Session.boot([swap, swap], { ...DEFAULT_WEB_CONFIG, frames: 40, policy: 'fifo' }, '', (name) => ({ ok: true, text: readFileSync(`programs/${name}`, 'utf8') }));
    if (!('session' in model)) throw new Error('swap.s did not assemble');
    model.session.step(100_000);
    const v = swapOf(model.session.kernel);
    const panel = region('Swap');
    expect(await panel.locator('h2').innerText()).toBe('Swap 4096 slots: 1172 used, 2924 free');
    // The pages per pid are the memory table's "pages in swap".
    const swappedColumn = (await region('Frames').getByRole('table', { name: 'Memory per process' }).locator('tbody tr').allInnerTexts()).map((r) => r.split('\t')[3]!.trim());
    expect(swappedColumn).toEqual(['602', '570']);
    expect(await panel.locator('.swap-holders').innerText()).toBe('pages in swap: pid 1: 602 pages, pid 2: 570');
    // Every slot drawn says, in its title, whose page it holds, as the kernel's page tables name it.
    const bySlot = new Map(v.usedSlots.map((u) => [u.slot, u]));
    const titles = await panel.locator('.slots .frame').evaluateAll((fs) => fs.map((f) => f.getAttribute('title')!.replace(/; click: .*$/, '').replace(/; (written|read back) last/g, '')));
    expect(titles).toEqual(Array.from({ length: slotsShown(v) }, (_, slot) => slotText(slot, bySlot.get(slot))));
    expect(await panel.locator('p.note').innerText()).toBe('slots 1184 to 4095 not drawn: all free');
    // The slot the last eviction wrote is ringed; a click names it in words and walks its page.
    const evict = model.session.events.last.get('evict')!;
    const written = panel.locator('.slots .frame.evicted');
    expect(await written.getAttribute('title')).toBe(`${slotText(Number(evict.fields['slot']), bySlot.get(Number(evict.fields['slot'])))}; click: name it below and walk it; written last`);
    await written.click();
    expect(await panel.getByRole('note').innerText()).toBe(slotText(Number(evict.fields['slot']), bySlot.get(Number(evict.fields['slot']))));
    expect(await region('Walk').locator('h2').innerText()).toBe(`Walk ${hex(Number(evict.fields['vpn']) << 12)} in pid ${evict.fields['pid']}`);
    expect(await region('Walk').locator('.outcome').innerText()).toBe(`not present; region heap. swapped out to slot ${evict.fields['slot']}; the heap region holds it, so a touch brings the page in`);
    // From the keyboard too, past 128 slots where a square has no room for its pid: the arrows name each slot, Enter walks its page.
    const slots = panel.locator('.slots');
    await slots.focus();
    const perRow = await slots.evaluate((m) => [...m.children].filter((c) => (c as HTMLElement).offsetTop === (m.firstElementChild as HTMLElement).offsetTop).length);
    const said: string[] = [];
    for (const key of ['Home', 'ArrowRight', 'ArrowDown', 'End']) { await page.keyboard.press(key); said.push(await panel.getByRole('note').innerText()); }
    expect(said).toEqual([0, 1, 1 + perRow, slotsShown(v) - 1].map((slot) => slotText(slot, bySlot.get(slot))));
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    const first = bySlot.get(0)!.pages[0]!;
    expect(await region('Walk').locator('h2').innerText()).toBe(`Walk ${hex(first.vpn << 12)} in pid ${first.pid}`);
    // Readable on a laptop and at the README's size: the whole map in its box (no sideways scroll), nothing cut.
    for (const [width, height] of [[1280, 800], [1500, 1180]] as const) {
      await page.setViewportSize({ width, height });
      expect(await panel.locator('.panel-body').evaluate((b) => b.scrollWidth - b.clientWidth)).toBe(0);
      expect(await panel.locator('.slots').evaluate((m) => [m.clientHeight <= 140, m.getBoundingClientRect().width >= 280])).toEqual([true, true]);
    }
  });

  test('the TLB key keeps each swatch on the line of its words, at 1280x800 and 1920x1080 (a projector\'s sizes)', async () => {
    await open(fragment([{ name: 'tlb.s', source: readFileSync('programs/tlb.s', 'utf8') }], { tlbEntries: 16, tlbWays: 4 }));
    const legend = region('TLB').locator('p.legend');
    for (const [width, height] of [[1280, 800], [1920, 1080]] as const) {
      await page.setViewportSize({ width, height });
      // Per swatch: its words, how many lines they take, and how far their middle is from the swatch's.
      const keys = await legend.evaluate((p) => [...p.querySelectorAll('.swatch')].map((sw) => {
        const words = sw.nextSibling!;
        const range = document.createRange();
        range.selectNodeContents(words);
        const lines = [...range.getClientRects()];
        const a = sw.getBoundingClientRect();
        const b = lines[0]!;
        return [words.textContent!.trim(), lines.length, Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2) < 6];
      }));
      expect(keys, `${width}x${height}`).toEqual([['filled last', 1, true], ['used last', 1, true], ['last victim\'s way', 1, true]]);
    }
  });

  test('Disassembly at 1280x800 with lib/print.s rows: the source text, too narrow to read, is left blank (it was a column of single letters); at 1920x1080 it is back', async () => {
    await open(fragment([{ name: 'tlb.s', source: readFileSync('programs/tlb.s', 'utf8') }], { tlbEntries: 16, tlbWays: 4 }));
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('spinbutton', { name: 'N', exact: true }).fill('150000');
    await button('Step N').click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20_000 }).toBe('paused after 150,000 instructions');
    const table = region('Disassembly').locator('table.disasm');
    const look = () => table.evaluate((t) => {
      const src = t.querySelector<HTMLElement>('td.src')!;
      return { cut: t.classList.contains('src-cut'), shown: getComputedStyle(src).visibility, wide: src.clientWidth >= 48, lines: [...t.querySelectorAll('td.line')].map((c) => c.textContent).filter((l) => l!.includes(':')) };
    });
    const narrow = await look();
    expect([narrow.cut, narrow.shown, narrow.wide]).toEqual([true, 'hidden', false]);
    // The included file's lines stay whole, and the text is still on hover.
    expect(narrow.lines.length).toBeGreaterThan(0);
    expect(narrow.lines.every((l) => /^lib\/print\.s:\d+$/.test(l!))).toBe(true);
    expect(await table.locator('td.line', { hasText: narrow.lines[0]! }).first().getAttribute('title')).toMatch(/^lib\/print\.s:\d+ {2}\S/);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(async () => { const w = await look(); return [w.cut, w.shown, w.wide]; }).toEqual([false, 'visible', true]);
  });

  test('a memory of 1024 frames (the default): the map is small squares in a box at most 250 pixels high, drawn to the block of the highest frame in use, so that it does not push the registers\' neighbours far down', async () => {
    await open();
    await page.setViewportSize({ width: 1280, height: 800 });
    const map = region('Frames').locator('.frames');
    // hello.s holds 4 frames: one block of 64 is drawn, the rest counted (1024 squares were 27 rows, nearly all empty).
    expect(await map.locator('.frame').count()).toBe(64);
    expect(await region('Frames').locator('p.note').innerText()).toBe('frames 0x040 to 0x3ff not drawn: all free');
    expect(await map.evaluate((m) => [m.clientHeight <= 250, m.getBoundingClientRect().width >= 300, (m.firstElementChild as HTMLElement).offsetWidth])).toEqual([true, true, 8]);
    // Nothing has gone to swap: the Swap panel is one line under it, no empty map to push the panels below down.
    expect([await region('Swap').innerText(), await region('Swap').locator('.frame').count()]).toEqual(['Swap 4096 slots: 0 used, 4096 free\n\nno page has gone to swap yet', 0]);
    // Its small squares carry no pid: the keyboard names each in words (one Tab stop, the arrows move a ringed cursor), Enter walks a page.
    await button('Step').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused after 1 instruction');
    const model = Session.boot([{ name: 'hello.s', source: readFileSync('programs/hello.s', 'utf8') }], DEFAULT_WEB_CONFIG, '', (name) => ({ ok: true, text: readFileSync(`programs/${name}`, 'utf8') }));
    if (!('session' in model)) throw new Error('hello.s did not assemble');
    model.session.step(1);
    const frames = framesOf(model.session.kernel).frames;
    const line = region('Frames').locator('p.map-cursor');
    expect(await line.innerText()).toBe('click a frame (or Tab here, then the arrows) to name it');
    await map.focus();
    const perRow = await map.evaluate((m) => [...m.children].filter((c) => (c as HTMLElement).offsetTop === (m.firstElementChild as HTMLElement).offsetTop).length);
    const said: string[] = [];
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowDown', 'End', 'Home']) { await page.keyboard.press(key); said.push(await line.innerText()); }
    expect(said).toEqual([0, 1, 2, 3, 3 + perRow, 63, 0].map((i) => frameText(frames[i]!)));
    expect(said[3]).toBe('frame 0x003: user, pid 1 page 0x00001000');
    expect(await map.locator('.frame[data-picked]').getAttribute('title')).toBe('frame 0x000: kernel (maps the kernel half)');
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'Enter']) await page.keyboard.press(key);
    expect(await region('Walk').locator('h2').innerText()).toBe('Walk 0x00001000 in pid 1');
  });

  test('copy-on-write after fork: a page\'s whole mark is on hover, and the page table fits a 1280-pixel laptop', async () => {
    await open(fragment([{ name: 'cow.s', source: readFileSync('programs/cow.s', 'utf8') }]));
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel('N', { exact: true }).fill('12400');
    await button('Step N').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused after 12,400 instructions');
    const table = region('Page table');
    const marks = table.locator('tr', { has: page.getByRole('button', { name: 'walk 0x00003000' }) }).locator('td.marks');
    expect(await marks.innerText()).toBe('copy-on-write, dirty (kernel)');
    expect(await marks.getAttribute('title')).toBe('copy-on-write, dirty (kernel)');
    // The longest mark is cut at the panel's edge (whole on hover), not pushed out of the box.
    expect(await table.locator('.ptes-scroll').evaluate((b) => b.scrollWidth - b.clientWidth)).toBe(0);
  });

  test('an attack beside the bystander: the attacker dies of bad_access, the bystander passes', async () => {
    await open();
    await page.getByRole('combobox', { name: 'Load an example' }).selectOption('mem-null-write.s + bystander.s');
    await page.getByLabel('Speed').selectOption({ label: 'full speed' });
    expect(await page.getByRole('tab').allTextContents()).toEqual(['pid 1: mem-null-write.s', 'pid 2: bystander.s']);
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/^done after [\d,]+ instructions$/);
    const attacker = region('Processes').locator('tbody tr').first();
    expect(await attacker.locator('td.killed strong').innerText()).toBe('killed: bad_access');
    expect(await attacker.locator('td.killed').innerText()).toBe('killed: bad_access (null_page)');
    // The kill report has a row of its own, under its process, as wide as the table.
    expect(await region('Processes').getByLabel('kill report of pid 1').innerText()).toBe('pid 1 (mem-null-write.s) killed: bad_access: store to 0x00000ffc in the null page (below 0x00001000): was the pointer null? (null_page); pc 0x0000100c, mem-null-write.s:11');
    expect(await region('Output').getByLabel('output of pid 2').locator('pre.stdout').textContent()).toBe('bystander: PASS checksum=3380305920\n');
  });

  test('a measurement from programs/measure: looping.s under lru in 60 frames faults on every reference, as on the command line', async () => {
    await open();
    await page.getByRole('combobox', { name: 'Load an example' }).selectOption('measure/looping.s');
    await page.getByRole('spinbutton', { name: 'Frames' }).fill('60');
    await page.getByLabel('Page policy').selectOption('lru');
    await button('Reset').click();
    await page.getByLabel('Speed').selectOption({ label: 'full speed' });
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 60_000 }).toMatch(/^done after [\d,]+ instructions$/);
    expect(await region('Output').getByLabel('output of pid 1').locator('pre.stdout').textContent()).toBe('10000 references to 100 pages\n');
    const cli = JSON.parse(spawnSync(process.execPath, ['dist/cli/main.js', 'run', 'programs/measure/looping.s', '--frames', '60', '--policy', 'lru', '--json'], { encoding: 'utf8' }).stdout) as { stats: { page_faults: number } };
    expect(cli.stats.page_faults).toBe(10_103);
    const stat = async (name: string) => Number((await region('Statistics').locator('dl.stats > div', { has: page.getByText(name, { exact: true }) }).locator('dd').innerText()).replace(/,/g, ''));
    expect(await stat('page faults')).toBe(cli.stats.page_faults);
  });

  test('a store to text: the Processes panel names the reason and the region', async () => {
    await open();
    await page.getByRole('combobox', { name: 'Load an example' }).selectOption('mem-text-write.s + bystander.s');
    await page.getByLabel('Speed').selectOption({ label: 'full speed' });
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/^done after [\d,]+ instructions$/);
    const attacker = region('Processes').locator('tbody tr').first();
    expect(await attacker.locator('td.killed').innerText()).toBe('killed: bad_access (protection, in text)');
    expect(await region('Processes').getByLabel('kill report of pid 1').innerText()).toBe('pid 1 (mem-text-write.s) killed: bad_access: store to 0x00001010 in text, which is r-x (protection); pc 0x0000100c, mem-text-write.s:12');
  });

  test('out of memory: Stop at an out-of-memory kill pauses just after it; the hog is killed with its cause, reason and report in full view, the bystander passes', async () => {
    await open();
    await page.getByRole('combobox', { name: 'Load an example' }).selectOption('proc-memory-hog.s + bystander.s');
    await page.getByRole('spinbutton', { name: 'Frames' }).fill('64');
    await page.getByRole('spinbutton', { name: 'Swap pages' }).fill('64');
    await button('Reset').click();
    await page.getByLabel('Speed').selectOption({ label: 'full speed' });
    // Stopped just after the kill: the victim's frames are free, the bystander holds its own; Run goes on as if it never stopped.
    await page.getByRole('checkbox', { name: 'Stop at an out-of-memory kill' }).check();
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20_000 }).toBe('paused after an out-of-memory kill: pid 1 was the victim (memory_and_swap_full)');
    // The same run on the command line (--json): the hog's paging to its end, and below the run's statistics.
    const cli = spawnSync(process.execPath, ['dist/cli/main.js', 'run', 'programs/attacks/proc-memory-hog.s', 'programs/attacks/bystander.s', '--frames', '64', '--swap-pages', '64', '--json'], { encoding: 'utf8' });
    const json = JSON.parse(cli.stdout) as { stats: Record<string, number>; processes: { cause?: string; reason?: string; stats: Record<string, number> }[] };
    const hogStats = json.processes[0]!.stats;
    const OOM_HOG_PAGING = [hogStats['page_faults'], hogStats['swap_outs'], hogStats['swap_ins']].map(String);
    // The victim holds nothing now; its row stays, marked ended, with what the kernel says it held when chosen.
    const memory = region('Frames').getByRole('table', { name: 'Memory per process' });
    expect(await memory.locator('tbody tr:not(.ended) th').allInnerTexts()).toEqual(['2']);
    expect((await memory.locator('tbody tr.ended').allInnerTexts()).map((r) => r.split('\t').map((c) => c.trim())))
      .toEqual([['1', 'ended: killed: out_of_memory (memory_and_swap_full), holding 62 frames and 64 swap slots', ...OOM_HOG_PAGING]]);
    expect(await region('Page table').locator('h2').innerText()).toMatch(/^Page table pid 2: /);
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20_000 }).toBe('done after 262,803 instructions');
    const hog = region('Processes').locator('tbody tr').first();
    expect(await hog.locator('td.killed').innerText()).toMatch(/^killed: out_\s*of_memory \(memory_\s*and_\s*swap_\s*full\)$/);
    expect(await region('Processes').getByLabel('kill report of pid 1').innerText()).toBe('pid 1 (proc-memory-hog.s) killed: out_of_memory: memory and swap are full and the kernel chose it as the largest process; it held 62 frames and 64 swap slots (memory_and_swap_full); pc 0x00001058, proc-memory-hog.s:46');
    // Nothing of the cause or the report is cut off at the panel's edge (the panel would scroll sideways).
    expect(await region('Processes').locator('.panel-body').evaluate((b) => b.scrollWidth - b.clientWidth)).toBe(0);
    expect(await region('Output').getByLabel('output of pid 2').locator('pre.stdout').textContent()).toBe('bystander: PASS checksum=3380305920\n');
    // The hog wrote nothing: it has no box of its own, one line counts it.
    expect(await region('Output').getByLabel('output of pid 1').count()).toBe(0);
    expect(await region('Output').locator('p.note').innerText()).toBe('1 more process has written nothing');
    // The same statistics as the command line's, read as --stats writes them (thousands separated).
    expect([json.processes[0]!.cause, json.processes[0]!.reason]).toEqual(['out_of_memory', 'memory_and_swap_full']);
    const shown = await region('Statistics').locator('[data-stat]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-stat')!, r.querySelector('dd')!.textContent!]));
    expect(shown.length).toBeGreaterThan(15);
    for (const [key, text] of shown) expect(text, key).toBe(json.stats[key!]!.toLocaleString('en-US'));
    expect(Object.fromEntries(shown)).toMatchObject({ cycles: '6,820,783', oom_kills: '1', clean_drops: '0' });
  });

  test('a long run does not freeze the page, and Pause stops it at once', async () => {
    const spin = { name: 'spin.s', source: '_start: addi r1, r1, 1\n        j _start\n' };
    await open(fragment([spin], { tlbEntries: 8, tlbWays: 2 }));
    expect(await page.getByLabel('TLB entries').inputValue()).toBe('8');
    await page.getByLabel('Speed').selectOption({ label: 'full speed' });
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('running');
    // While it runs the page answers: a round trip into the page, and the panels move on.
    const before = Date.now();
    await page.evaluate(() => 1);
    expect(Date.now() - before).toBeLessThan(ANSWERS_WITHIN_MS);
    const count = async () => Number(/([\d,]+) instructions/.exec((await region('Registers').innerText()))?.[1].replace(/,/g, ''));
    const first = await count();
    await expect.poll(count).toBeGreaterThan(first);
    // Pause, timed inside the page: from the click to the status saying so.
    const latency = await page.evaluate(() => new Promise<number>((resolve) => {
      const status = document.querySelector('[role=status]')!;
      // The button's own text, before the key it shows (<kbd>F8</kbd>).
      const pause = [...document.querySelectorAll('button')].find((b) => b.firstChild?.textContent === 'Pause')!;
      const start = performance.now();
      const seen = new MutationObserver(() => {
        if (status.textContent!.startsWith('paused')) { seen.disconnect(); resolve(performance.now() - start); }
      });
      seen.observe(status, { childList: true, subtree: true, characterData: true });
      pause.click();
    }));
    expect(await page.getByRole('status').textContent()).toMatch(/^paused after [\d,]+ instructions$/);
    const status = await page.getByRole('status').textContent();
    await page.waitForTimeout(300);
    expect(await page.getByRole('status').textContent()).toBe(status);
    expect(latency).toBeLessThan(PAUSE_WITHIN_MS);
    console.log(`test/web: Pause answered in ${latency.toFixed(1)} ms (click to status, in the page)`);
  });

  test('a big Step N runs in slices: the page answers, the status says running, Pause stops it', async () => {
    // Writes 100 heap pages round and round: in 40 frames every store faults and swaps (about 3 million instructions a second).
    const thrash = { name: 'thrash.s', source: '_start: li r1, 6\n        li r2, 409600\n        syscall\n        mv r6, r1\nagain:  mv r7, r6\n        li r8, 100\ntouch:  sw r8, 0(r7)\n        addi r7, r7, 4096\n        addi r8, r8, -1\n        bnez r8, touch\n        j again\n' };
    await open(fragment([thrash], { frames: 40 }));
    await page.getByLabel('N', { exact: true }).fill('50000000');
    await button('Step N').click({ timeout: 2_000 });
    const before = Date.now();
    await page.evaluate(() => 1);
    expect(Date.now() - before).toBeLessThan(ANSWERS_WITHIN_MS);
    expect(await page.getByRole('status').textContent()).toBe('running');
    await button('Pause').click({ timeout: 2_000 });
    const paused = Number(/^paused after ([\d,]+) instructions$/.exec((await page.getByRole('status').textContent())!)?.[1].replace(/,/g, ''));
    expect(paused).toBeGreaterThan(0);
    expect(paused).toBeLessThan(50_000_000);
  });

  test('standard input reaches read(0)', async () => {
    await open();
    await page.getByRole('combobox', { name: 'Load an example' }).selectOption('echo.s');
    await page.getByLabel('Standard input').fill('hi there\n');
    await page.getByLabel('Speed').selectOption({ label: 'full speed' });
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^done after [\d,]+ instructions$/);
    expect(await region('Output').locator('pre.stdout').allTextContents()).toEqual(['hi there\n']);
  });

  test('Share link holds the programs, the configuration, the breakpoints and Stop at a kill', async () => {
    await open();
    await page.getByLabel('TLB ways').fill('1');
    await page.getByRole('combobox', { name: 'Load an example' }).selectOption('mem-null-read.s + bystander.s');
    // A teacher's prepared lesson: a breakpoint on the null load (line 9), and a stop before the kill it causes.
    const g = (await page.locator('.cm-breakpoints').boundingBox())!;
    const l = (await page.locator('.cm-line').nth(8).boundingBox())!;
    await page.mouse.click(g.x + g.width / 2, l.y + l.height / 2);
    await expect.poll(() => page.locator('.cm-breakpoints .bp-dot').count()).toBe(1);
    await page.getByRole('checkbox', { name: 'Stop at a kill' }).check();
    await button('Share link').click();
    const link = await page.getByRole('textbox', { name: 'Shareable link' }).inputValue();
    expect(link.startsWith(`${url}#s=`)).toBe(true);
    await page.close();
    await open(link.slice(url.length));
    expect(await page.getByRole('tab').allTextContents()).toEqual(['pid 1: mem-null-read.s', 'pid 2: bystander.s']);
    expect(await page.getByLabel('TLB ways').inputValue()).toBe('1');
    expect((await region('TLB').locator('h2').innerText())).toMatch(/^TLB 64 entries = 64 sets x 1 ways, lru/);
    expect(await page.locator('.cm-breakpoints .bp-dot').count()).toBe(1);
    expect(await page.getByRole('checkbox', { name: 'Stop at a kill' }).isChecked()).toBe(true);
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused at breakpoint, pid 1 at mem-null-read.s:9');
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused before a kill, pid 1 at mem-null-read.s:9: bad_access (null_page)');
  });

  test('a link with a page policy the machine does not know: the page says what it used instead, and Run runs the program to its end', async () => {
    const hello = { name: 'hello.s', source: readFileSync('programs/hello.s', 'utf8') };
    await open(fragment([hello], { policy: 'bogus', frames: 64 }));
    expect(await page.getByRole('note', { name: 'About the link' }).locator('li').allTextContents())
      .toEqual(['the link\'s page policy "bogus" is not one this machine knows (fifo, clock, lru, random); using clock']);
    expect([await page.getByLabel('Page policy').inputValue(), await page.getByRole('spinbutton', { name: 'Frames' }).inputValue()]).toEqual(['clock', '64']);
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('done after 10 instructions');
    expect(await region('Output').locator('pre.stdout').allTextContents()).toEqual(['Hello from illusion!\n']);
    expect(await region('Processes').locator('tbody tr').first().innerText()).toMatch(/\texit 0$/);
  });

  test('a damaged link says it could not be read and opens the served file, which runs', async () => {
    const whole = fragment([{ name: 'other.s', source: '_start: li r1, 0\n' }]);
    await open(whole.slice(0, whole.length - 6));
    expect(await page.getByRole('note', { name: 'About the link' }).innerText()).toBe('the link could not be read (damaged or cut short); the page opened without it');
    expect(await page.getByRole('tab').allTextContents()).toEqual(['pid 1: hello.s']);
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('done after 10 instructions');
    // A new example is a new lesson: the note goes.
    await page.getByRole('combobox', { name: 'Load an example' }).selectOption('tlb.s');
    expect(await page.getByRole('note', { name: 'About the link' }).count()).toBe(0);
  });

  test('a share link pasted into an open tab opens its lesson (the page does not reload), with its notes; a damaged one says so and leaves the page as it was', async () => {
    await open();
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('done after 10 instructions');
    const seven = { name: 'seven.s', source: '_start: li r1, 0\n        li r2, 7\n        syscall\n' };
    await page.evaluate((h) => { location.hash = h; }, fragment([seven], { policy: 'bogus', frames: 64 }));
    await expect.poll(() => page.getByRole('tab').allTextContents()).toEqual(['pid 1: seven.s']);
    expect(await page.getByRole('status').textContent()).toBe('ready');
    expect(await page.getByRole('note', { name: 'About the link' }).innerText()).toBe('the link\'s page policy "bogus" is not one this machine knows (fifo, clock, lru, random); using clock');
    expect(await page.getByRole('spinbutton', { name: 'Frames' }).inputValue()).toBe('64');
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('done after 3 instructions');
    expect(await region('Processes').locator('tbody tr').first().innerText()).toMatch(/^1\tseven\.s\treaped\t-\t-\texit 7$/);
    await page.evaluate(() => { location.hash = '#s=AAAA'; });
    await expect.poll(() => page.getByRole('note', { name: 'About the link' }).innerText()).toBe('the link could not be read (damaged or cut short); the page is as it was');
    expect([await page.getByRole('tab').allTextContents(), await page.getByRole('status').textContent()]).toEqual([['pid 1: seven.s'], 'done after 3 instructions']);
  });

  test('software refill: the kernel takes the misses as traps, the statistics count them, the TLB header says so', async () => {
    await open();
    await page.getByLabel('TLB refill').selectOption('software');
    await page.getByRole('combobox', { name: 'Load an example' }).selectOption('tlb.s');
    await page.getByLabel('Speed').selectOption({ label: 'full speed' });
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/^done after [\d,]+ instructions$/);
    expect(await region('TLB').locator('h2').innerText()).toMatch(/^TLB 64 entries = 16 sets x 4 ways, lru, ASIDs on \(now \d+\), software refill; /);
    const stat = async (name: string) => Number((await region('Statistics').locator('dl.stats > div', { has: page.getByText(name, { exact: true }) }).locator('dd').innerText()).replace(/,/g, ''));
    const misses = await stat('TLB misses');
    expect(misses).toBeGreaterThan(0);
    // Every miss is a tlb_miss trap the kernel handles (SPEC section 5).
    expect(await stat('TLB refill traps')).toBe(misses);
    expect(await stat('TLB modified traps')).toBeGreaterThan(0);
    // The chart's plot area spans the chart (the frame map's square style once shrank it to 11 px).
    const widths = await region('Statistics').locator('svg.chart').evaluate((svg) => [svg.getBoundingClientRect().width, svg.querySelector('rect')!.getBoundingClientRect().width]);
    expect(Math.round(widths[1]!)).toBe(Math.round(widths[0]!));
  });

  test('hardware refill: the TLB header says so and the statistics list no refill traps; one way with software refill is refused, not crashed', async () => {
    await open();
    expect(await region('TLB').locator('h2').innerText()).toMatch(/, hardware refill; /);
    expect(await region('Statistics').getByText('TLB refill traps', { exact: true }).count()).toBe(0);
    await page.getByLabel('TLB ways').fill('1');
    await page.getByLabel('TLB refill').selectOption('software');
    expect(await page.getByRole('form', { name: 'Configuration' }).getByRole('alert').innerText())
      .toBe('software refill needs at least 2 TLB ways (with one, an instruction whose fetch and data pages share a set would refill forever), not 1');
    await button('Reset').click();
    expect(await page.getByRole('status').textContent()).toBe('not started: fix the configuration');
    expect(await page.getByRole('alert', { name: 'Configuration error' }).innerText()).toBe('configuration: software refill needs at least 2 TLB ways (with one, an instruction whose fetch and data pages share a set would refill forever), not 1');
    // Two ways, and the machine boots in software refill.
    await page.getByLabel('TLB ways').fill('2');
    await button('Reset').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('ready');
    expect(await region('TLB').locator('h2').innerText()).toMatch(/^TLB 64 entries = 32 sets x 2 ways, lru, ASIDs on \(now \d+\), software refill; /);
    // ASIDs off: entries carry no ASID (the kernel flushes on each switch), so a way shows none.
    await page.getByLabel('ASIDs').uncheck();
    await button('Reset').click();
    await button('Step').click();
    expect(await region('TLB').locator('h2').innerText()).toMatch(/^TLB 64 entries = 32 sets x 2 ways, lru, ASIDs off, software refill; /);
    const way = region('TLB').getByRole('row', { name: 'set 1', exact: true }).getByRole('cell').first();
    expect(await way.getAttribute('aria-label')).toBe('way 0: vpn 0x00001 frame 0x003 r-x, filled last, used last');
    expect(await way.innerText()).toBe('0x00001\n\u2192 0x003 r-x');
  });

  test('typing fast in the editor: the text is what was typed, the page answers, Run runs the edit', async () => {
    await open(fragment([{ name: 'seven.s', source: '_start: li r1, 0\n' }]));
    await page.getByRole('textbox', { name: 'Program source' }).click();
    await page.keyboard.press('Control+End');
    // Keys as fast as the browser takes them: each lands before the page has redrawn for the last.
    // (Enter keeps the line's indentation, as editors do.)
    const typed = page.keyboard.type('        li r2, 7\nsyscall\n');
    const inTime = await Promise.race([typed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 8_000))]);
    expect(inTime, 'the page took the keys').toBe(true);
    const before = Date.now();
    await page.evaluate(() => 1);
    expect(Date.now() - before).toBeLessThan(ANSWERS_WITHIN_MS);
    expect(await page.locator('.cm-line').allTextContents()).toEqual(['_start: li r1, 0', '        li r2, 7', '        syscall', '        ']);
    // Not 'ready': the machine holds the text before the edit, and Run assembles the new one first.
    expect(await page.getByRole('status').textContent()).toBe('edited: Run or Reset assembles it');
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('done after 3 instructions');
    expect(await region('Processes').locator('tbody tr').first().innerText()).toMatch(/\texit 7$/);
  });

  test('a breakpoint set in the gutter: Run stops before its line in its process, Run again goes on, removed it stops no more', async () => {
    const loop = '; counts down\n        .text\n_start: li   r5, 3\nloop:\n        addi r5, r5, -1\n        bne  r5, zero, loop\n        li   r1, 0\n        li   r2, 0\n        syscall\n';
    await open(fragment([{ name: 'hello.s', source: readFileSync('programs/hello.s', 'utf8') }, { name: 'loop.s', source: loop }]));
    await page.getByRole('tab', { name: 'pid 2: loop.s' }).click();
    const gutter = async (line: number) => {
      const g = (await page.locator('.cm-breakpoints').boundingBox())!;
      const l = (await page.locator('.cm-line').nth(line - 1).boundingBox())!;
      await page.mouse.click(g.x + g.width / 2, l.y + l.height / 2);
    };
    // A label alone holds no instruction: refused, in one line.
    await gutter(4);
    expect(await page.getByRole('note').innerText()).toBe('loop.s:4 holds no instruction: no breakpoint set there');
    await gutter(5);
    await expect.poll(() => page.locator('.cm-breakpoints .bp-dot').count()).toBe(1);
    expect(await page.getByRole('note').count()).toBe(0);
    await button('Run').click();
    // hello.s's 10 instructions, then loop.s's li: pid 2 is about to run addi, the word at 0x1004.
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused at breakpoint, pid 2 at loop.s:5');
    const pc = region('Registers').locator('tr').first();
    expect((await pc.innerText()).split('\t').slice(0, 2)).toEqual(['pc', '0x00001004']);
    expect(await pc.innerText()).toMatch(/\t11 instructions, /);
    await button('Run').click();
    // The status reads the same at the next hit: wait for the count, one turn (addi, bne) on.
    await expect.poll(() => pc.innerText()).toMatch(/^pc\t0x00001004\t13 instructions, /);
    expect(await page.getByRole('status').textContent()).toBe('paused at breakpoint, pid 2 at loop.s:5');
    // Removed (a click on its line again), it stops no more: two more turns and the exit, 20 in all.
    await gutter(5);
    await expect.poll(() => page.locator('.cm-breakpoints .bp-dot').count()).toBe(0);
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('done after 20 instructions');
  });

  test('Back to stop: the breakpoint stops a Run from the start made before here, last first, then the start', async () => {
    const loop = '_start: li   r5, 3\nloop:   addi r5, r5, -1\n        bne  r5, zero, loop\n        li   r1, 0\n        li   r2, 0\n        syscall\n';
    await open(fragment([{ name: 'loop.s', source: loop }]));
    expect(await button('Back to stop').isDisabled()).toBe(true);
    const g = (await page.locator('.cm-breakpoints').boundingBox())!;
    const l = (await page.locator('.cm-line').nth(1).boundingBox())!;
    await page.mouse.click(g.x + g.width / 2, l.y + l.height / 2);
    await expect.poll(() => page.locator('.cm-breakpoints .bp-dot').count()).toBe(1);
    const position = () => page.getByLabel('Position').innerText();
    // Forward: stops before the addi at 1, 3 and 5 instructions; then one Step past the third.
    for (const at of [1, 3, 5]) {
      await button('Run').click();
      await expect.poll(position).toBe(`instruction ${at}`);
      expect(await page.getByRole('status').textContent()).toBe('paused at breakpoint, pid 1 at loop.s:2');
    }
    await button('Step').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused after 6 instructions');
    for (const at of [5, 3, 1]) {
      await button('Back to stop').click();
      await expect.poll(position).toBe(`instruction ${at}`);
      await expect.poll(() => page.getByRole('status').textContent()).toBe('paused at breakpoint, pid 1 at loop.s:2');
      expect(await region('Registers').getByRole('row', { name: /^r5 / }).innerText()).toBe(`r5\t0x0000000${(7 - at) / 2}\t${(7 - at) / 2}`);
    }
    await button('Back to stop').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('no stop before there: back at the start');
    expect(await position()).toBe('instruction 0');
    // Run from there stops at the first hit again, as at the start.
    await button('Run').click();
    await expect.poll(position).toBe('instruction 1');
    expect(await page.getByRole('status').textContent()).toBe('paused at breakpoint, pid 1 at loop.s:2');
  });

  test('Stop at a kill: a wild load pauses before the kill with the process whole, Run carries the kill out as the CLI has it', async () => {
    // Written for this test, as a student would: the loop reads past its 4-word array off the end of the data page.
    const wild = '_start: la   r3, array\n        li   r5, 2000\nloop:   lw   r6, 0(r3)\n        addi r3, r3, 4\n        addi r5, r5, -1\n'
      + '        bnez r5, loop\n        li   r1, 0\n        syscall\n        .data\narray:  .word 1, 2, 3, 4\n';
    await open(fragment([{ name: 'wild.s', source: wild }, { name: 'hello.s', source: readFileSync('programs/hello.s', 'utf8') }]));
    await page.getByRole('checkbox', { name: 'Stop at a kill' }).check();
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 10_000 }).toBe('paused before a kill, pid 1 at wild.s:3: bad_access (unmapped)');
    const kill = "pid 1 (wild.s) killed: bad_access: load from 0x00003000, past the end of the program's data, where the heap (empty until sbrk grows it) begins; the last label before it is 'array' at 0x00002000: an index past the end of an array? (unmapped); pc 0x0000100c, wild.s:3";
    expect(await page.getByRole('note', { name: 'Kill about to happen' }).innerText()).toBe(`${kill} (Run or Step carries it out)`);
    // Nothing is freed yet: the registers hold the pointer past the page, the editor lights the load's line, the walk says why.
    expect((await region('Registers').locator('tr').first().innerText()).split('\t').slice(0, 2)).toEqual(['pc', '0x0000100c']);
    expect(await region('Registers').getByRole('row', { name: /^r3/ }).innerText()).toBe('r3\t0x00003000\t12288');
    await expect.poll(() => page.locator('.cm-line.cm-pc-line').allTextContents()).toEqual(['loop:   lw   r6, 0(r3)']);
    expect(await region('Walk').locator('.outcome').innerText()).toBe('not present. not made yet; no region holds this address, so a touch kills the process');
    expect(await region('Output').locator('pre.kills').count()).toBe(0);
    await button('Run').click();
    // The stop changed nothing the machine counts: the run ends after as many instructions as `illusion run` of the same two.
    const dir = mkdtempSync(join(tmpdir(), 'illusion-wild-'));
    writeFileSync(join(dir, 'wild.s'), wild);
    const cli = spawnSync(process.execPath, ['dist/cli/main.js', 'run', join(dir, 'wild.s'), 'programs/hello.s', '--json'], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    const result = JSON.parse(cli.stdout) as { stats: { instructions: number }; processes: { status: string; reason?: string }[] };
    expect([result.processes[0]!.status, result.processes[0]!.reason]).toEqual(['killed', 'unmapped']);
    await expect.poll(() => page.getByRole('status').textContent()).toBe(`done after ${result.stats.instructions.toLocaleString('en-US')} instructions`);
    expect(await region('Output').locator('pre.kills').innerText()).toBe(kill);
    expect(await region('Processes').getByRole('row').nth(1).innerText()).toMatch(/\tkilled: bad_access \(unmapped\)$/);
    // A store to the program's own text: the page is there and translates for a load, so the walk at the stop is the store's.
    await page.close();
    const poke = JSON.stringify({ programs: [{ name: 'poke.s', source: '_start: la   r3, _start\n        sw   r0, 0(r3)\n' }], config: {}, stopAtKill: true });
    await open(`#s=${deflateRawSync(Buffer.from(poke)).toString('base64url')}`);
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused before a kill, pid 1 at poke.s:2: bad_access (protection)');
    await expect.poll(() => region('Walk').getByRole('combobox', { name: 'Access' }).inputValue()).toBe('store');
    expect(await region('Walk').locator('.outcome').innerText()).toBe('protection: physical 0x00003000 (frame 0x003 + offset 0x000); region text. a store needs W; the page is r-x');
  });

  test('a copy-on-write lesson: Stop at a fork shows the child sharing its pages, Stop at a page fault the copy it gets', async () => {
    await open(fragment([{ name: 'cow.s', source: readFileSync('programs/cow.s', 'utf8') }]));
    await page.getByLabel('Speed').selectOption({ label: 'full speed' });
    await page.getByRole('checkbox', { name: 'Stop at a fork' }).check();
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused after a fork: pid 1 made pid 2');
    // The panels show the child: its four array pages are the parent's frames, copy-on-write, each shared by two.
    expect(await region('Page table').locator('h2').innerText()).toMatch(/^Page table pid 2: /);
    expect(await region('Page table').locator('td.marks', { hasText: 'copy-on-write' }).count()).toBe(4);
    // A fork is about no one page: no row is lit.
    expect(await region('Page table').locator('tr.hot').count()).toBe(0);
    // The text page and the four array pages (the data page is not touched yet).
    expect(await region('Frames').locator('.frames .frame.shared').allTextContents()).toEqual(['2', '2', '2', '2', '2']);
    // Shared pages are striped (a pattern, not a hue), page tables plain white: a count on one is not read as a table's pid.
    const look = (sel: string) => region('Frames').locator(sel).first().evaluate((f) => getComputedStyle(f).backgroundImage.startsWith('repeating-linear-gradient'));
    expect([await look('.frames .frame.shared'), await look('.frames .frame.page_table'), await look('.frames .frame.root_table')]).toEqual([true, false, false]);
    await page.getByRole('checkbox', { name: 'Stop at a fork' }).uncheck();
    await page.getByRole('checkbox', { name: 'Stop at a page fault' }).check();
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused after a page fault: pid 2, store at 0x00003000, copy-on-write');
    // The child's first store got it a private copy: writable now, no longer marked, and the walk (of a store) translates.
    const row = region('Page table').locator('tr', { has: page.getByRole('button', { name: 'walk 0x00003000' }) });
    expect((await row.innerText()).split('\t').slice(2, 3)).toEqual(['rw-']);
    expect(await row.locator('td.marks').innerText()).not.toContain('copy-on-write');
    // The lit row is the page that faulted, not page 0x6000, the TLB's last fill before the fault.
    expect(await region('Page table').locator('tr.hot button.addr').allTextContents()).toEqual(['0x00003000']);
    // The TLB agrees: it does not hold page 0x3000 (the copy invalidated its entry), so no way is green and its key
    // says so; before, page 0x6000's way, filled last, was green under the key 'filled last'.
    expect(await region('TLB').locator('td.way.filled').count()).toBe(0);
    expect((await region('TLB').locator('.lit-key').innerText()).trim()).toBe('the stop\'s page 0x00003 (pid 2): not in the TLB');
    await expect.poll(() => region('Walk').getByRole('combobox', { name: 'Access' }).inputValue()).toBe('store');
    expect(await region('Walk').locator('.outcome').innerText()).toMatch(/^translated: physical 0x[0-9a-f]{8} \(frame 0x[0-9a-f]{3} \+ offset 0x000\); region bss\. /);
    expect(await region('Statistics').locator('[data-stat=cow_copies] dd').innerText()).toBe('1');
    await page.getByRole('checkbox', { name: 'Stop at a page fault' }).uncheck();
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('done after 74,636 instructions');
    // Not a stop about a page: the TLB's green is the way filled last again.
    expect((await region('TLB').locator('.lit-key').innerText()).trim()).toBe('filled last');
  });

  test('keyboard: F10 steps, Shift+F10 steps N, F8 runs and pauses, also from inside the editor; the buttons show their keys', async () => {
    const spin = '_start: addi r5, r5, 1\n        j    _start\n';
    await open(fragment([{ name: 'spin.s', source: spin }]));
    expect(await button('Step').getAttribute('aria-keyshortcuts')).toBe('F10');
    expect(await button('Run').locator('kbd').innerText()).toBe('F8');
    await page.locator('.cm-content').click();
    await page.keyboard.press('F10');
    await page.keyboard.press('F10');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused after 2 instructions');
    await page.getByLabel('N', { exact: true }).fill('3');
    await page.keyboard.press('Shift+F10');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused after 5 instructions');
    await page.keyboard.press('F8');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('running');
    await page.keyboard.press('F8');
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^paused after [\d,]+ instructions$/);
    // The keys typed nothing into the program.
    expect(await page.locator('.cm-line').allTextContents()).toEqual(['_start: addi r5, r5, 1', '        j    _start', '']);
  });

  test('going back: Step back after a kill shows the process alive at the instruction that kills it; the timeline lands where asked; F9 steps back', async () => {
    const wild = '_start: li r1, 3\n        li r2, 0\n        addi r1, r1, 1\n        lw r3, 0(r2)\n        li r1, 0\n        syscall\n';
    await open(fragment([{ name: 'wild.s', source: wild }]));
    expect(await button('Step back').isDisabled()).toBe(true);
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('done after 3 instructions');
    expect(await region('Processes').getByRole('row').nth(1).innerText()).toMatch(/\tkilled: bad_access \(null_page\)$/);
    await button('Step back').click();
    // Before the kill: the same count, the process alive with its pc on the load that kills it.
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused after 3 instructions');
    expect((await region('Processes').getByRole('row').nth(1).innerText()).split('\t').slice(0, 3)).toEqual(['1', 'wild.s', 'running']);
    expect((await region('Registers').locator('tr').first().innerText()).split('\t').slice(0, 2)).toEqual(['pc', '0x0000100c']);
    expect(await region('Registers').getByRole('row', { name: /^r1 / }).innerText()).toBe('r1\t0x00000004\t4');
    await expect.poll(() => page.locator('.cm-line.cm-pc-line').allTextContents()).toEqual(['        lw r3, 0(r2)']);
    expect(await region('Output').locator('pre.kills').count()).toBe(0);
    await button('Step back').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused after 2 instructions');
    await expect.poll(() => page.locator('.cm-line.cm-pc-line').allTextContents()).toEqual(['        addi r1, r1, 1']);
    // Step goes forward again, and the kill happens as it did.
    await button('Step').click();
    await button('Step').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('done after 3 instructions');
    expect(await region('Output').locator('pre.kills').count()).toBe(1);
    await page.close();

    // A longer run: the slider spans what the run reached, and lands where it is set, every panel as a fresh session there.
    const cow = { name: 'cow.s', source: readFileSync('programs/cow.s', 'utf8') };
    await open(fragment([cow]));
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 10_000 }).toMatch(/^done after [\d,]+ instructions$/);
    const end = Number(/([\d,]+)/.exec((await page.getByRole('status').textContent())!)![1]!.replace(/,/g, ''));
    const slider = page.getByRole('slider', { name: 'Go to instruction' });
    expect(await slider.getAttribute('max')).toBe(String(end));
    const at = Math.floor(end / 2);
    await slider.fill(String(at));
    await expect.poll(() => page.getByRole('status').textContent()).toBe(`paused after ${at.toLocaleString('en-US')} instructions`);
    expect(await page.getByLabel('Position').innerText()).toBe(`instruction ${at.toLocaleString('en-US')}`);
    const model = Session.boot([cow], DEFAULT_WEB_CONFIG, '', (name) => ({ ok: true, text: readFileSync(`programs/${name}`, 'utf8') }));
    if (!('session' in model)) throw new Error('cow.s did not assemble');
    model.session.step(at);
    const stats = model.session.stats() as unknown as Record<string, number>;
    for (const name of ['instructions', 'cycles', 'tlb_misses', 'page_faults', 'cow_copies']) {
      const shown = await region('Statistics').locator(`[data-stat="${name}"] dd`).innerText();
      expect(Number(shown.replace(/[^0-9]/g, '')), name).toBe(stats[name]);
    }
    expect(await region('Output').locator('pre.stdout').allTextContents()).toEqual([...model.session.outputs.values()].map((o) => o.stdout).filter((t) => t !== ''));
    // The keys: F9 back one, Shift+F9 back N; the furthest reached stays the end.
    await page.keyboard.press('F9');
    await expect.poll(() => page.getByRole('status').textContent()).toBe(`paused after ${(at - 1).toLocaleString('en-US')} instructions`);
    await page.getByLabel('N', { exact: true }).fill('10');
    await page.keyboard.press('Shift+F9');
    await expect.poll(() => page.getByRole('status').textContent()).toBe(`paused after ${(at - 11).toLocaleString('en-US')} instructions`);
    expect(await slider.getAttribute('max')).toBe(String(end));
    expect(await button('Step back').getAttribute('aria-keyshortcuts')).toBe('F9 Shift+F9');
    // Link here makes the share link with the position; it opens the machine there.
    await button('Link here').click();
    const link = await page.getByLabel('Shareable link').inputValue();
    await page.close();
    await open(link.slice(url.length), `paused after ${(at - 11).toLocaleString('en-US')} instructions`);
    expect(await page.getByLabel('Position').innerText()).toBe(`instruction ${(at - 11).toLocaleString('en-US')}`);
  });

  test('a long replay leaves the page answering, shows its progress, and Pause or a newer position replaces it', async () => {
    // Writes 100 heap pages round and round: in 40 frames every store faults and swaps.
    const thrash = { name: 'thrash.s', source: '_start: li r1, 6\n        li r2, 409600\n        syscall\n        mv r6, r1\nagain:  mv r7, r6\n        li r8, 100\ntouch:  sw r8, 0(r7)\n        addi r7, r7, 4096\n        addi r8, r8, -1\n        bnez r8, touch\n        j again\n' };
    await open(fragment([thrash], { frames: 40 }));
    await page.getByLabel('N', { exact: true }).fill('400000');
    await button('Step N').click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 60_000 }).toBe('paused after 400,000 instructions');
    const slider = page.getByRole('slider', { name: 'Go to instruction' });
    await slider.fill('399990');
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^going to instruction 399,990 \(replaying(: \d+%)?\)$/);
    const before = Date.now();
    await page.evaluate(() => 1);
    expect(Date.now() - before).toBeLessThan(ANSWERS_WITHIN_MS);
    expect(await page.getByRole('progressbar', { name: 'Seek progress' }).count()).toBe(1);
    // Pause: the page keeps the machine it showed.
    await button('Pause').click({ timeout: 2_000 });
    expect(await page.getByRole('status').textContent()).toBe('paused after 400,000 instructions');
    await page.waitForTimeout(300);
    expect(await page.getByRole('status').textContent()).toBe('paused after 400,000 instructions');
    expect(await page.getByRole('progressbar').count()).toBe(0);
    // A drag: many positions in a row; only the last is landed on.
    for (const at of [300000, 200000, 100000, 1000]) await slider.fill(String(at));
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 30_000 }).toBe('paused after 1,000 instructions');
    expect((await region('Registers').locator('tr').first().innerText())).toMatch(/\t1,000 instructions, /);
    expect(await slider.getAttribute('max')).toBe('400000');
  });

  test('Break at a label of an included file: Run stops in it, the disassembly shows its line; a name no program has is refused', async () => {
    await open(fragment([{ name: 'cow.s', source: readFileSync('programs/cow.s', 'utf8') }]));
    const breakAt = page.getByRole('textbox', { name: 'Break at' });
    await breakAt.fill('nosuch');
    await button('Add').click();
    expect(await page.getByRole('note').innerText()).toBe('not set: nosuch: no such label in any program');
    await breakAt.fill('puts');
    await button('Add').click();
    expect(await page.getByRole('list', { name: 'Breakpoints by name' }).innerText()).toMatch(/^\u25cf puts/);
    await page.getByLabel('Speed').selectOption({ label: 'full speed' });
    await button('Run').click();
    // The child prints first (its parent waits for it).
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused at breakpoint, pid 2 at lib/print.s:11');
    expect(await region('Disassembly').locator('tr.pc td.src').getAttribute('title')).toBe(`lib/print.s:11  ${readFileSync('programs/lib/print.s', 'utf8').split('\n')[10]!.trim()}`);
    // At 1500 and on a 1280-pixel laptop the line's file and number are whole (the source text after them is what is cut), nothing scrolls sideways.
    for (const [width, height] of [[1500, 1180], [1280, 800]] as const) {
      await page.setViewportSize({ width, height });
      const where = region('Disassembly').locator('tr.pc td.line');
      expect(await where.innerText()).toBe('lib/print.s:11');
      expect(await where.evaluate((c) => c.scrollWidth - c.clientWidth)).toBe(0);
      expect([width, await region('Disassembly').locator('.panel-body').evaluate((b) => b.scrollWidth - b.clientWidth)]).toEqual([width, 0]);
    }
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused at breakpoint, pid 1 at lib/print.s:11');
    // Removed, it stops no more.
    await page.getByRole('button', { name: 'remove breakpoint puts' }).click();
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('done after 74,636 instructions');
    // Not a stop about a page: the TLB's green is the way filled last again.
    expect((await region('TLB').locator('.lit-key').innerText()).trim()).toBe('filled last');
  });

  test('Watch counter: Run stops after the parent\'s store, then the child\'s own copy; a bad entry is refused; Share link carries it; `counter 2` stops in pid 2 alone; `page counter 1` at its load', async () => {
    await open(fragment([{ name: 'forkwatch.s', source: readFileSync('programs/debug/forkwatch.s', 'utf8') }]));
    const watch = page.getByRole('textbox', { name: 'Watch' });
    await watch.fill('counter+2');
    await button('Add watch').click();
    expect(await page.getByRole('note').innerText()).toBe('watch not set: counter+2: 0x00002002 is not word-aligned (a watch covers one word)');
    await watch.fill('counter');
    await button('Add watch').click();
    expect(await page.getByRole('list', { name: 'Watches' }).innerText()).toMatch(/^\u25c9 counter/);
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused: watch 0x00002000 (counter) in pid 1 changed 0x00000000 -> 0x00000005, pc 0x00001024 (forkwatch.s:21)');
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused: watch 0x00002000 (counter) in pid 2 changed 0x00000000 -> 0x00000007, pc 0x0000104c (forkwatch.s:31)');
    // The panels show the process whose copy changed.
    expect(await region('Registers').locator('h2').innerText()).toBe('Registers pid 2');
    await button('Share link').click();
    const link = await page.getByRole('textbox', { name: 'Shareable link' }).inputValue();
    await page.close();
    await open(link.slice(url.length));
    expect(await page.getByRole('list', { name: 'Watches' }).innerText()).toMatch(/^\u25c9 counter/);
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused: watch 0x00002000 (counter) in pid 1 changed 0x00000000 -> 0x00000005, pc 0x00001024 (forkwatch.s:21)');
    await page.getByRole('button', { name: 'remove watch counter' }).click();
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^done after [\d,]+ instructions$/);
    // A pid after the entry, as the debugger's `watch counter 2`: the child's store alone stops, not the parent's; the link carries it.
    await page.getByRole('textbox', { name: 'Watch' }).fill('counter 2');
    await button('Add watch').click();
    await button('Share link').click();
    const only = await page.getByRole('textbox', { name: 'Shareable link' }).inputValue();
    await page.close();
    await open(only.slice(url.length));
    expect(await page.getByRole('list', { name: 'Watches' }).innerText()).toMatch(/^\u25c9 counter 2/);
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused: watch 0x00002000 (counter) in pid 2 changed 0x00000000 -> 0x00000007, pc 0x0000104c (forkwatch.s:31)');
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^done after [\d,]+ instructions$/);
    // A page, as the debugger's `watch page counter 1`: pid 1's first load from it.
    await page.getByRole('button', { name: 'remove watch counter 2' }).click();
    await page.getByRole('textbox', { name: 'Watch' }).fill('page counter 1');
    await button('Add watch').click();
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('paused: watch page 0x00002000 (counter) in pid 1: load at 0x00002000, pc 0x00001008 (forkwatch.s:14)');
  });

  test('Sweep: a runaway guest shows its progress with the page answering, Cancel stops it; tlb.s over 4..64 TLB entries gives the CLI\'s numbers and chart', async () => {
    await open(fragment([{ name: 'forever.s', source: '_start: addi r1, r1, 1\n        j _start\n' }]));
    const panel = region('Sweep');
    const progress = panel.getByLabel('Sweep progress');
    await panel.getByLabel('Instruction limit per run').fill('1000000000000');
    await button('Sweep').click();
    await expect.poll(() => progress.textContent()).toMatch(/^running 1 of 5: entries=4 ways=4 tlb-policy=lru tlb-refill=hardware policy=clock frames=1024, [\d,]+ instructions into it$/);
    // The page answers while it runs: a typed value lands, the clock of the page is not held.
    const t0 = Date.now();
    await page.getByLabel('N', { exact: true }).fill('7');
    expect([await page.getByLabel('N', { exact: true }).inputValue(), Date.now() - t0 < 1000]).toEqual(['7', true]);
    await button('Cancel').click();
    // A trillion instructions a run: the first has not ended (a run that did would be a row, killed: instruction_limit; the model test holds those to the CLI's).
    await expect.poll(() => progress.textContent()).toBe('cancelled after 0 of 5 runs');
    await page.waitForTimeout(300);
    expect([await progress.textContent(), await button('Cancel').isDisabled(), await panel.getByRole('table', { name: 'Sweep results' }).count()]).toEqual(['cancelled after 0 of 5 runs', true, 0]);
    // Under a limit every run reaches, the chart (cycles, by default) says they were cut short, as the CLI's does.
    await panel.getByLabel('Instruction limit per run').fill('50000');
    await button('Sweep').click();
    await expect.poll(() => progress.textContent()).toBe('done: 5 runs');
    const cut = await panel.getByRole('img', { name: 'sweep chart: cycles' }).getAttribute('src');
    expect(decodeURIComponent(cut!)).toContain('5 of 5 runs stopped at the limit of 50,000 instructions: their figures are of a run cut short');

    // The knee: tlb.s, as the README's chart draws it (pid 1's output through the pattern).
    await page.getByRole('combobox', { name: 'Load an example' }).selectOption('tlb.s');
    await panel.getByLabel('Instruction limit per run').fill('20000000');
    await panel.getByRole('combobox', { name: 'Chart' }).selectOption({ label: "pid 1's output (pattern)" });
    await button('Sweep').click();
    await expect.poll(() => progress.textContent(), { timeout: 20_000 }).toBe('done: 5 runs');
    const plan = planSweep([{ name: 'tlb.s', source: readFileSync('programs/tlb.s', 'utf8') }], DEFAULT_WEB_CONFIG, 'tlbEntries', [4, 8, 16, 32, 64], 20_000_000,
      (name) => ({ ok: true, text: readFileSync(`programs/${name}`, 'utf8') }));
    if (typeof plan === 'string') throw new Error(plan);
    while (!plan.sweep.advance(1_000_000)) { /* the model's runs */ }
    const table = panel.getByRole('table', { name: 'Sweep results' });
    expect(await table.locator('tbody tr').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('data-cycles')))))
      .toEqual(plan.sweep.outcomes.map((o) => o.stats.cycles));
    expect((await table.locator('tbody tr').first().innerText()).split('\t')).toEqual(['4', '4', '1024', plan.sweep.outcomes[0]!.stats.cycles.toLocaleString('en-US'), '88.6%', '515', '0', 'exit 0']);
    const src = await panel.getByRole('img', { name: "sweep chart: pid 1's output" }).getAttribute('src');
    const re = outputPattern('pages (?<pages_touched>\\d+): (?<cycles_per_access>[\\d.]+)');
    if (typeof re === 'string') throw new Error(re);
    expect(decodeURIComponent(src!.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''))).toBe(renderSvg(chartOf('tlb.s', plan.sweep.outcomes, { metric: 'cycles', pattern: re })));
    expect(await panel.locator('.sweep-command code').innerText()).toBe(`${plan.command} --svg chart.svg --plot-output 'pages (?<pages_touched>\\d+): (?<cycles_per_access>[\\d.]+)'`);
    // The menu's TLB misses: the misses of each run, as --metric tlb-misses draws them.
    await panel.getByRole('combobox', { name: 'Chart' }).selectOption({ label: 'TLB misses' });
    await button('Sweep').click();
    await expect.poll(() => progress.textContent(), { timeout: 20_000 }).toBe('done: 5 runs');
    const misses = await panel.getByRole('img', { name: 'sweep chart: TLB misses' }).getAttribute('src');
    expect(decodeURIComponent(misses!.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''))).toBe(renderSvg(chartOf('tlb.s', plan.sweep.outcomes, { metric: 'tlb-misses', maxInstructions: 20_000_000 })));
    expect(await panel.locator('.sweep-command code').innerText()).toBe(`${plan.command} --svg chart.svg --metric tlb-misses`);
  });

  test('an assembler error is shown at its line and column, and nothing runs', async () => {
    await open(fragment([{ name: 'bad.s', source: '_start: li r1, 0\n        addx r1, r2\n' }]), 'not assembled: fix the errors');
    expect(await page.getByRole('alert', { name: 'Assembler errors' }).innerText()).toBe("bad.s:2:9: unknown instruction 'addx'; did you mean 'add'?");
    await expect.poll(() => page.locator('.cm-lintRange-error').innerText()).toBe('addx');
    await button('Run').click();
    expect(await page.getByRole('status').textContent()).toBe('not assembled: fix the errors');
    // Fix it: the list of errors above the panels goes (it no longer holds), and Run runs the fixed program.
    await page.locator('.cm-lintRange-error').dblclick();
    await page.keyboard.type('add r1, r1, r2 ;');
    await expect.poll(() => page.locator('.cm-line').nth(1).textContent()).toBe('        add r1, r1, r2 ; r1, r2');
    expect(await page.getByRole('alert', { name: 'Assembler errors' }).count()).toBe(0);
    expect(await page.getByRole('status').textContent()).toBe('edited: Run or Reset assembles it');
    await button('Run').click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^done after [\d,]+ instructions$/);
  });

  test('an include the page does not hold names the path that reaches its library, with no advice about folders', async () => {
    await open(fragment([{ name: 'measure/mine.s', source: '_start: call puts\n  .include "lib/print.s"\n' }]), 'not assembled: fix the errors');
    const errors = await page.getByRole('alert', { name: 'Assembler errors' }).innerText();
    expect(errors).toContain('write .include "../lib/print.s"');
    expect(errors).not.toContain('copy it into');
  });

  /** A homework link opened: the view, not the machine, and its problem drawn. */
  async function openHomework(hash: string): Promise<Page> {
    page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(url + hash);
    await expect.poll(() => region('Answers').count()).toBe(1);
    return page;
  }

  /** A typed entry as a student might write it, not as the CLI prints it: the check reads it forgivingly. */
  const loosely = (kind: string, text: string) => (kind === 'hex' ? text.replace(/^0x0*/, '').toUpperCase() || '0'
    : kind === 'tlb-entry' ? text.replace(':', ' : ') : kind === 'pages' ? `[${text.replaceAll(',', ', ')}]` : text);

  test.each([
    '#homework=policy&seed=5&policy=clock&frames=4&numaddrs=15',
    '#homework=tlb&seed=7&entries=16&ways=4&count=20&policy=plru',
    '#homework=translate&seed=4',
    '#homework=protect&seed=3',
    '#homework=cow&seed=10&forks=2',
  ])('homework %s: answers from the CLI\'s --json are all right, one changed is wrong, Show answers is -c\'s text', async (hash) => {
    const settings = parseHomeworkHash(hash)!;
    const args = commandOf(settings).split(' ').slice(2);
    const sheet = makeSheet(settings);
    if ('error' in sheet) throw new Error(sheet.error);
    await openHomework(hash);
    expect(await page.getByRole('button', { name: 'Homework', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(await region('Problem').getByLabel('Problem text').textContent()).toBe(homework(...args).stdout);
    expect(await region('Problem').locator('.note code').innerText()).toBe(commandOf(settings));
    const rows = rowsFromJson(homeworkJson(...args, '-c'));
    expect(await region('Answers').locator('tbody tr').count()).toBe(rows.length);
    // Fill in every row, by label, as the CLI's answers say; typed fields in the student's looser spelling.
    for (const [i, row] of rows.entries()) {
      for (const f of sheet.questions[i]!.fields) {
        const box = region('Answers').getByLabel(`${f.label}, question ${i + 1}`, { exact: true });
        if (f.kind === 'choice') await box.selectOption(row[f.id]!);
        else if (row[f.id] !== '') await box.fill(loosely(f.kind, row[f.id]!));
      }
    }
    // Check from the keyboard: Enter on the focused button.
    await button('Check').focus();
    await page.keyboard.press('Enter');
    const score = page.getByRole('status', { name: 'Score' });
    await expect.poll(() => score.textContent()).toBe(`${rows.length} of ${rows.length} right, 0 wrong, 0 not answered`);
    expect(await region('Answers').locator('tbody tr.right').count()).toBe(rows.length);
    // Check says right or wrong, never the answer: that is Show answers'.
    expect(await region('Answers').locator('.hw-answer').count()).toBe(0);
    // Change one field of the second row: that row, and that field, are wrong; its old mark went as it was edited.
    const q = sheet.questions[1]!;
    const f = q.fields.find((x) => x.kind !== 'choice') ?? q.fields[0]!;
    const box = region('Answers').getByLabel(`${f.label}, question 2`, { exact: true });
    if (f.kind === 'choice') await box.selectOption(f.choices!.find((c) => c !== rows[1]![f.id])!);
    else await box.fill(f.kind === 'tlb-entry' ? '9:999' : f.kind === 'hex' ? 'fffff000' : '77');
    expect(await region('Answers').locator('tbody tr').nth(1).getAttribute('class')).toBe('');
    await button('Check').click();
    await expect.poll(() => score.textContent()).toBe(`${rows.length - 1} of ${rows.length} right, 1 wrong, 0 not answered`);
    expect(await region('Answers').getByLabel('Result 2', { exact: true }).innerText()).toBe(`✗ wrong: ${f.label}`);
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await region('Answers').locator('[aria-invalid=true]').count()).toBe(1);
    // Show answers: the CLI's -c text, byte for byte, and each row's answer beside it.
    await button('Show answers').click();
    expect(await region('Problem').getByLabel('Answers text').textContent()).toBe(homework(...args, '-c').stdout);
    expect(await region('Problem').locator('.note code').innerText()).toBe(`${commandOf(settings)} -c`);
    expect(await region('Answers').getByLabel('Result 2', { exact: true }).locator('.hw-answer').innerText()).toBe(`${q.answer}${q.reason !== undefined ? `\n${q.reason}` : ''}`);
  });

  test('homework: the share link reopens the same problem; the entries survive a look at the machine; a bad link is refused as the CLI refuses it', async () => {
    await openHomework('#homework=tlb&seed=3');
    await page.getByLabel('Kind').selectOption('cow');
    await page.getByLabel('seed', { exact: true }).fill('12');
    await page.getByLabel('forks', { exact: true }).fill('3');
    await page.getByLabel('exits', { exact: true }).fill('1');
    const quiz = homework('cow', '-s', '12', '--forks', '3', '--exits', '1').stdout;
    await expect.poll(() => region('Problem').getByLabel('Problem text').textContent()).toBe(quiz);
    await region('Answers').getByLabel('Frames, question 1', { exact: true }).fill('1');
    await button('Share homework link').click();
    const link = await page.getByLabel('Homework link').inputValue();
    expect(link).toBe(`${url}#homework=cow&seed=12&forks=3&exits=1`);
    // F8 and F10 are the machine's keys: out of its sight they run nothing.
    await region('Answers').getByLabel('Frames, question 2', { exact: true }).focus();
    await page.keyboard.press('F8');
    await page.keyboard.press('F10');
    // The machine and back: it did not run, and what was typed is still there.
    await button('Machine').click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('ready');
    expect(await region('Answers').isVisible()).toBe(false);
    await button('Homework').click();
    expect(await region('Answers').getByLabel('Frames, question 1', { exact: true }).inputValue()).toBe('1');
    await page.close();
    await openHomework(link.slice(url.length));
    expect(await region('Problem').getByLabel('Problem text').textContent()).toBe(quiz);
    await page.close();
    // Out of range: the CLI's refusal in one line, and no problem.
    page = await context.newPage();
    await page.goto(`${url}#homework=tlb&seed=1&entries=6&ways=4`);
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('--ways: 4 does not divide the 6 entries');
    expect(await region('Problem').count()).toBe(0);
  });

  test('homework: a new homework link in an open tab opens its problem, from the machine or over another problem', async () => {
    await open();
    await page.evaluate(() => { location.hash = '#homework=cow&seed=12&forks=3&exits=1'; });
    const cow = homework('cow', '-s', '12', '--forks', '3', '--exits', '1').stdout;
    await expect.poll(() => region('Problem').getByLabel('Problem text').textContent()).toBe(cow);
    await region('Answers').getByLabel('Frames, question 1', { exact: true }).fill('1');
    await page.evaluate(() => { location.hash = '#homework=translate&seed=4'; });
    await expect.poll(() => region('Problem').getByLabel('Problem text').textContent()).toBe(homework('translate', '-s', '4').stdout);
    expect(await page.getByLabel('Kind').inputValue()).toBe('translate');
    // Back to the first link: its problem afresh, nothing typed.
    await page.evaluate(() => { location.hash = '#homework=cow&seed=12&forks=3&exits=1'; });
    await expect.poll(() => region('Problem').getByLabel('Problem text').textContent()).toBe(cow);
    expect(await region('Answers').getByLabel('Frames, question 1', { exact: true }).inputValue()).toBe('');
  });

  test('homework: 10 000 accesses draw 100 rows at a time, and Check judges all of them', async () => {
    await openHomework('#homework=tlb&seed=1&count=10000');
    expect(await region('Answers').locator('tbody tr').count()).toBe(100);
    expect(await region('Answers').locator('.hw-pages').innerText()).toContain('questions 1 to 100 of 10000');
    await button('Next').click();
    expect(await region('Answers').locator('tbody tr td.hw-label').first().innerText()).toMatch(/^Access\s+101: /);
    await region('Answers').getByLabel('Set, question 101', { exact: true }).fill('0');
    await button('Check').click();
    await expect.poll(() => page.getByRole('status', { name: 'Score' }).textContent()).toBe('0 of 10000 right, 1 wrong, 9999 not answered');
  });
});
