// The page's Events panel says what happened in the words `illusion trace`
// prints (views/eventText.ts), after the process it is about; the fields
// stay on hover.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { DEFAULT_WEB_CONFIG, Session } from '../../web/session.js';
import { eventText, fieldText } from '../../web/panels/events.js';

test('cow.s: the child\'s four copy-on-write faults read as the CLI\'s trace reads them', () => {
  const r = Session.boot([{ name: 'cow.s', source: readFileSync('programs/cow.s', 'utf8') }], DEFAULT_WEB_CONFIG, '',
    (name) => ({ ok: true, text: readFileSync(join('programs', name), 'utf8') }));
  if (!('session' in r)) throw new Error('did not assemble');
  const s = r.session;
  while (!s.step(5000));
  const faults = s.events.latest(2000, (k) => k === 'page_fault').reverse().map(eventText);
  const copies = faults.filter((t) => t.includes('copy-on-write'));
  expect(copies).toEqual([3, 4, 5, 6].map((p) => `pid 2: store to 0x0000${p}000 (page 0x0000${p}): copied: the page was shared after fork (copy-on-write)`));
  // The same words as `illusion trace` gives the CLI's trace of the same run.
  const file = join(mkdtempSync(join(tmpdir(), 'illusion-events-')), 'cow.jsonl');
  spawnSync(process.execPath, ['dist/cli/main.js', 'run', 'programs/cow.s', '--trace', file]);
  const cli = spawnSync(process.execPath, ['dist/cli/main.js', 'trace', file, '--kind', 'page_fault'], { encoding: 'utf8' }).stdout
    .trimEnd().split('\n').slice(1).map((l) => `pid ${l.slice(10, 15).trim()}: ${l.slice(34)}`);
  expect(faults).toEqual(cli);
  // Hover: the fields, addresses in hex.
  const first = s.events.latest(2000, (k) => k === 'page_fault').at(-1)!;
  expect(fieldText(first)).toBe('pid=1 address=0x00001000 access=fetch resolution=image');
});
