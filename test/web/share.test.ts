// A share link the page cannot fully use: every value of the wrong type or
// with a name the machine does not know is replaced by the default with one
// note, an unknown setting is left out with one, and a link that cannot be
// read at all says so; the form refuses such values too, whatever let them in.
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { validateConfig } from '../../web/configForm.js';
import { DEFAULT_WEB_CONFIG, Session, type WebConfig } from '../../web/session.js';
import { DAMAGED_LINK, encodeState, readLink } from '../../web/share.js';

const hello = { name: 'hello.s', source: readFileSync('programs/hello.s', 'utf8') };

/** A fragment as the page writes it, of any JSON (raw deflate, base64url). */
const fragmentOf = (json: string) => `#s=${deflateRawSync(Buffer.from(json)).toString('base64url')}`;
const linkWith = (config: unknown) => fragmentOf(JSON.stringify({ programs: [hello], config }));

async function readConfig(config: unknown): Promise<{ config: WebConfig; notes: readonly string[] }> {
  const read = await readLink(linkWith(config));
  if (read.kind !== 'state') throw new Error(`not read: ${read.kind}`);
  return { config: read.state.config, notes: read.notes };
}

test('a link\'s page policy "bogus" is replaced by the default with a note, and the machine then runs hello.s to its end', async () => {
  const { config, notes } = await readConfig({ policy: 'bogus', frames: 64 });
  expect(config).toEqual({ ...DEFAULT_WEB_CONFIG, frames: 64 });
  expect(notes).toEqual(['the link\'s page policy "bogus" is not one this machine knows (fifo, clock, lru, random); using clock']);
  expect(validateConfig(config)).toBeUndefined();
  const r = Session.boot([hello], config, '', undefined);
  if (!('session' in r)) throw new Error('did not assemble');
  while (!r.session.step(5000));
  expect(r.session.outputs.get(1)).toEqual({ stdout: 'Hello from illusion!\n', stderr: '' });
});

test('a TLB policy or refill the machine does not know keeps the default, with the choices named', async () => {
  expect(await readConfig({ tlbPolicy: 'xx', tlbRefill: 'magic' })).toEqual({
    config: DEFAULT_WEB_CONFIG,
    notes: [
      'the link\'s TLB policy "xx" is not one this machine knows (lru, fifo, random, plru); using lru',
      'the link\'s TLB refill "magic" is not one this machine knows (hardware, software); using hardware',
    ],
  });
});

test('a value of the wrong type keeps the default: asids "no" is not taken as true, frames "64" is not a number', async () => {
  expect(await readConfig({ asids: 'no', frames: '64', tlbPolicy: 3 })).toEqual({
    config: DEFAULT_WEB_CONFIG,
    notes: [
      'the link\'s ASIDs "no" is not true or false; using true',
      'the link\'s frames "64" is not a number; using 1024',
      'the link\'s TLB policy 3 is not a name; using lru',
    ],
  });
  // false is a value of the right type: kept, no note.
  expect(await readConfig({ asids: false })).toEqual({ config: { ...DEFAULT_WEB_CONFIG, asids: false }, notes: [] });
});

test('an unknown setting is left out with a note; a configuration that is not an object gives the defaults with one', async () => {
  const { config, notes } = await readConfig({ colour: 'red', __proto__x: 1, quantum: 50 });
  expect(config).toEqual({ ...DEFAULT_WEB_CONFIG, quantum: 50 });
  expect(Object.keys(config).sort()).toEqual(Object.keys(DEFAULT_WEB_CONFIG).sort());
  expect(notes).toEqual([
    'the link\'s setting "colour" is not one this machine has; left out',
    'the link\'s setting "__proto__x" is not one this machine has; left out',
  ]);
  expect(await readConfig([1, 2])).toEqual({ config: DEFAULT_WEB_CONFIG, notes: ['the link\'s configuration [1,2] is not a set of settings; using the defaults'] });
  // A long value is cut short in its note.
  expect((await readConfig({ policy: 'x'.repeat(500) })).notes).toEqual([`the link's page policy "${'x'.repeat(36)}... is not one this machine knows (fifo, clock, lru, random); using clock`]);
});

test('a link the page made, and one without a configuration, read with no notes', async () => {
  const state = { programs: [hello], config: { ...DEFAULT_WEB_CONFIG, policy: 'fifo' as const, tlbPolicy: 'plru' as const, asids: false }, stdin: '' };
  expect(await readLink(await encodeState(state))).toEqual({ kind: 'state', state, notes: [] });
  expect(await readLink(fragmentOf(JSON.stringify({ programs: [hello] })))).toEqual({ kind: 'state', state: { programs: [hello], config: DEFAULT_WEB_CONFIG, stdin: '' }, notes: [] });
});

test('a program entry without a name and source is left out with a note', async () => {
  const read = await readLink(fragmentOf(JSON.stringify({ programs: [hello, { name: 'x.s' }, 7], config: {} })));
  expect(read.kind === 'state' ? [read.state.programs, read.notes] : read).toEqual([[hello], ['the link\'s programs 2, 3 have no name and source; left out']]);
});

test('a damaged link (not base64, not deflate, cut short, not JSON, no programs) could not be read; another fragment is none', async () => {
  const good = await encodeState({ programs: [hello], config: DEFAULT_WEB_CONFIG });
  const damaged = { kind: 'damaged', note: DAMAGED_LINK };
  expect(DAMAGED_LINK).toBe('the link could not be read (damaged or cut short); the page opened without it');
  for (const hash of ['#s=%%%', '#s=not-deflate', good.slice(0, good.length - 12), good.slice(0, 20), '#s=', fragmentOf('{"programs":[{"name"'),
    fragmentOf('null'), fragmentOf('"text"'), fragmentOf('{"programs":[]}'), fragmentOf('{"config":{}}')]) {
    expect(await readLink(hash), hash).toEqual(damaged);
  }
  expect(await readLink('#other')).toEqual({ kind: 'none' });
  expect(await readLink('')).toEqual({ kind: 'none' });
});

test('the form refuses names the machine does not know, and values of the wrong type, naming what it takes', () => {
  expect(validateConfig({ ...DEFAULT_WEB_CONFIG, policy: 'bogus' as never })).toBe('page policy must be one of fifo, clock, lru, random, not "bogus"');
  expect(validateConfig({ ...DEFAULT_WEB_CONFIG, tlbPolicy: 'xx' as never })).toBe('TLB policy must be one of lru, fifo, random, plru, not "xx"');
  expect(validateConfig({ ...DEFAULT_WEB_CONFIG, tlbRefill: 'magic' as never })).toBe('TLB refill must be one of hardware, software, not "magic"');
  expect(validateConfig({ ...DEFAULT_WEB_CONFIG, asids: 'no' as never })).toBe('ASIDs must be true or false, not "no"');
  expect(validateConfig({ ...DEFAULT_WEB_CONFIG, frames: '64' as never })).toBe('frames must be a number, not "64"');
  expect(validateConfig({ ...DEFAULT_WEB_CONFIG, tlbWays: '4' as never })).toBe('TLB ways must be a number, not "4"');
  expect(validateConfig(DEFAULT_WEB_CONFIG)).toBeUndefined();
});
