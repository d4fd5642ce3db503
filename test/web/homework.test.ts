// The Homework view's model without a browser: its problem and answer text
// are the CLI's, byte for byte; answers a student writes from the CLI's
// --json are all right; the forgiving reading of entries (homeworkCheck) and
// the share link (homeworkLink) hold what docs/web.md says of them.
import { describe, expect, test } from 'vitest';
import { homework, homeworkJson } from '../homework/cli.js';
import { answerEntries, canonicalEntry, checkQuestion } from '../../web/homeworkCheck.js';
import { homeworkHash, parseHomeworkHash } from '../../web/homeworkLink.js';
import { commandOf, settingsProblem, type HomeworkSettings } from '../../web/homeworkSettings.js';
import { makeSheet, type Field, type Sheet, type SheetQuestion } from '../../web/homeworkSheet.js';
import { rowsFromJson } from './homeworkAnswers.js';

function sheetOf(s: HomeworkSettings): Sheet {
  const made = makeSheet(s);
  if ('error' in made) throw new Error(made.error);
  return made;
}

/** The CLI's arguments for the view's own command line (`illusion homework tlb -s 3 --entries 16`). */
const cliArgs = (s: HomeworkSettings) => commandOf(s).split(' ').slice(2);

const PROBLEMS: HomeworkSettings[] = [
  { kind: 'policy', seed: 2, options: {} },
  { kind: 'policy', seed: 5, options: { frames: 4, numaddrs: 25, maxpage: 9 }, pagePolicy: 'clock' },
  { kind: 'policy', seed: 6, options: { numaddrs: 20, clockbits: 3 }, pagePolicy: 'clock-ostep' },
  { kind: 'policy', seed: 1, options: { numaddrs: 15 }, pagePolicy: 'opt' },
  { kind: 'translate', seed: 4, options: {} },
  { kind: 'translate', seed: 11, options: { pages: 12, count: 20 } },
  { kind: 'tlb', seed: 3, options: {} },
  { kind: 'tlb', seed: 7, options: { entries: 16, ways: 4, count: 40, maxpage: 30, processes: 3 }, tlbPolicy: 'plru' },
  { kind: 'tlb', seed: 2, options: { count: 30 }, tlbPolicy: 'fifo', asids: false },
  { kind: 'protect', seed: 3, options: {} },
  { kind: 'protect', seed: 8, options: { count: 20, mmaps: 3 } },
  { kind: 'cow', seed: 10, options: { forks: 2 } },
  { kind: 'cow', seed: 5, options: { pages: 6, steps: 12, forks: 3, exits: 2 } },
];

describe.each(PROBLEMS)('$kind -s $seed $options', (s) => {
  const sheet = sheetOf(s);

  test('the problem, the answers and --json are the CLI\'s bytes for the view\'s command line', () => {
    expect(sheet.quiz).toBe(homework(...cliArgs(s)).stdout);
    expect(sheet.answers).toBe(homework(...cliArgs(s), '-c').stdout);
    expect(sheet.json).toBe(homework(...cliArgs(s), '-c', '--json').stdout);
  });

  test('answers written from the CLI\'s --json are right, every one; one field changed makes that one wrong', () => {
    const rows = rowsFromJson(homeworkJson(...cliArgs(s), '-c'));
    expect(rows).toHaveLength(sheet.questions.length);
    expect(sheet.questions.map((q, i) => checkQuestion(q, rows[i]!))).toEqual(rows.map(() => ({ verdict: 'right', wrong: [] })));
    // Fill in the answers gives the same entries.
    expect(sheet.questions.map(answerEntries)).toEqual(rows);
    const q = sheet.questions[0]!;
    const f = q.fields.find((x) => x.expected !== undefined && x.kind !== 'choice') ?? q.fields[0]!;
    const other = f.kind === 'choice' ? f.choices!.find((c) => c !== f.expected)! : f.kind === 'tlb-entry' ? '9:99999' : '999999';
    expect(checkQuestion(q, { ...rows[0], [f.id]: other })).toEqual({ verdict: 'wrong', wrong: [f.id] });
  });
});

test('over many seeds of every kind, the machine\'s own answer is one the fields can hold (a menu lacking a word would make a question no one gets right)', () => {
  for (let seed = 0; seed < 25; seed++) {
    for (const s of [
      { kind: 'translate', seed, options: { count: 30 } }, { kind: 'protect', seed, options: { count: 20, mmaps: 3 } },
      { kind: 'cow', seed, options: { forks: 3, exits: 1, steps: 16 } }, { kind: 'tlb', seed, options: { processes: 3 }, tlbPolicy: 'random' },
      { kind: 'policy', seed, options: { numaddrs: 30 }, pagePolicy: 'random' },
    ] as HomeworkSettings[]) {
      const sheet = sheetOf(s);
      for (const q of sheet.questions) expect(checkQuestion(q, answerEntries(q)), `${commandOf(s)}: ${q.label}`).toEqual({ verdict: 'right', wrong: [] });
    }
  }
});

describe('reading an entry forgivingly', () => {
  const hex: Field = { id: 'physical', label: 'Physical address', kind: 'hex', expected: '0x0000302c' };
  const num: Field = { id: 'set', label: 'Set', kind: 'number', expected: '3' };
  const entry: Field = { id: 'evicts', label: 'Evicts', kind: 'tlb-entry', expected: '2:10' };
  const word: Field = { id: 'mmu', label: 'MMU reports', kind: 'choice', choices: ['not present', 'protection'], expected: 'not present' };
  const cow: Field = { id: 'fault', label: 'Fault', kind: 'choice', choices: ['none', 'zero-fill', 'cow-copy', '-'], expected: 'zero-fill' };
  const evicted: Field = { id: 'evicted', label: 'Evicted', kind: 'page', expected: '7' };
  const resident: Field = { id: 'resident', label: 'Resident', kind: 'pages', expected: '3,0,12' };

  test.each([
    [hex, '0x0000302c'], [hex, '0x302C'], [hex, '302c'], [hex, ' 0X0000_302C '], [hex, '0000 302c'],
    [num, '3'], [num, ' 03 '], [num, '0x3'],
    [entry, '2:10'], [entry, ' 2 : 10 '], [entry, '2:0xa'], [entry, '02:010'],
    [word, 'not present'], [word, 'Not_Present'], [word, 'not-present'], [word, '  NOT   present'],
    [cow, 'zero-fill'], [cow, 'Zero Fill'], [cow, 'zero_fill'],
    [evicted, '7'], [evicted, ' 07'], [evicted, '0x7'],
    [resident, '3,0,12'], [resident, '3, 0, 12'], [resident, '[3, 0, 12]'], [resident, '3 0 12'], [resident, ' [ 3 ,0 , 0xc ] '],
  ] as [Field, string][])('%s.id %j is the answer', (f, text) => {
    expect(canonicalEntry(f, text)).toBe(f.expected);
  });

  test.each([
    [hex, '0x302g'], [hex, '0x'], [hex, '1_0000_0000'], [hex, '-302c'], [hex, '12345678 9'],
    [num, '3.0'], [num, '-3'], [num, 'three'], [num, '1e3'],
    [entry, '2'], [entry, '2:'], [entry, ':10'], [entry, '2:10:1'], [entry, '2;10'],
    [word, 'present'], [word, 'not presentx'], [cow, 'zerofill'],
    [evicted, 'seven'], [evicted, '7,'], [resident, '[]'], [resident, '3,,0'], [resident, '3,0,'], [resident, '3;0;12'], [resident, '[3,0'],
  ] as [Field, string][])('%s.id %j cannot be read: wrong, never an error', (f, text) => {
    expect(canonicalEntry(f, text)).toBeUndefined();
  });

  test('"-" and "none" are no TLB entry, and "-" the fork step\'s fault; an empty field is no answer', () => {
    for (const t of ['-', ' - ', 'none', 'NONE']) expect(canonicalEntry(entry, t)).toBe('-');
    for (const t of ['-', 'none']) expect(canonicalEntry(evicted, t)).toBe('-');
    // Order counts: the quiz says in which order each policy lists them.
    expect(canonicalEntry(resident, '0,3,12')).not.toBe(resident.expected);
    expect(canonicalEntry(cow, '-')).toBe('-');
    expect(canonicalEntry(cow, 'None')).toBe('none');
    for (const f of [hex, num, entry, word]) expect(canonicalEntry(f, '   ')).toBe('');
  });

  test('with ASIDs off a bare VPN is ASID 0\'s; with them on it is no entry', () => {
    expect(canonicalEntry({ ...entry, expected: '0:10' }, '10', 0)).toBe('0:10');
    expect(canonicalEntry({ ...entry, expected: '0:10' }, '0:10', 0)).toBe('0:10');
    expect(canonicalEntry(entry, '10')).toBeUndefined();
  });

  const translates: SheetQuestion = {
    label: ' 1. load  0x0000402c', answer: '0x0000302c', reason: undefined,
    fields: [
      { id: 'outcome', label: 'Outcome', kind: 'choice', choices: ['translates', 'page fault'], expected: 'translates' },
      hex,
      { ...word, expected: undefined },
    ],
  };

  test('a question: blank when every field is empty, wrong naming each field that differs, a field the answer does not ask for right only when empty', () => {
    expect(checkQuestion(translates, {})).toEqual({ verdict: 'blank', wrong: [] });
    expect(checkQuestion(translates, { outcome: ' ', physical: '' })).toEqual({ verdict: 'blank', wrong: [] });
    expect(checkQuestion(translates, { outcome: 'translates', physical: '302c' })).toEqual({ verdict: 'right', wrong: [] });
    // Half an answer is wrong, naming what is missing.
    expect(checkQuestion(translates, { outcome: 'translates' })).toEqual({ verdict: 'wrong', wrong: ['physical'] });
    expect(checkQuestion(translates, { outcome: 'page fault', physical: '302d' })).toEqual({ verdict: 'wrong', wrong: ['outcome', 'physical'] });
    // A translation has no MMU report: one given is wrong.
    expect(checkQuestion(translates, { outcome: 'translates', physical: '302c', mmu: 'protection' })).toEqual({ verdict: 'wrong', wrong: ['mmu'] });
    // Unreadable is wrong, not an error.
    expect(checkQuestion(translates, { outcome: 'yes', physical: 'zz' })).toEqual({ verdict: 'wrong', wrong: ['outcome', 'physical'] });
  });
});

describe('the share link', () => {
  test.each([
    [{ kind: 'translate', seed: 4, options: {} }, '#homework=translate&seed=4'],
    [{ kind: 'policy', seed: 2, options: { frames: 4, clockbits: 3 }, pagePolicy: 'clock' }, '#homework=policy&seed=2&policy=clock&frames=4&clockbits=3'],
    [{ kind: 'tlb', seed: 7, options: { entries: 16, ways: 4 }, tlbPolicy: 'plru', asids: false }, '#homework=tlb&seed=7&entries=16&ways=4&policy=plru&asid=off'],
    [{ kind: 'protect', seed: 0, options: { count: 20, mmaps: 0 } }, '#homework=protect&seed=0&count=20&mmaps=0'],
    [{ kind: 'cow', seed: 10, options: { forks: 2, exits: 1 } }, '#homework=cow&seed=10&forks=2&exits=1'],
  ] as [HomeworkSettings, string][])('%j is %s, and reads back the same', (s, hash) => {
    expect(homeworkHash(s)).toBe(hash);
    expect(parseHomeworkHash(hash)).toEqual(s);
  });

  test('the default tlb policy and ASIDs on are left out; the policy and ASIDs belong to tlb alone', () => {
    expect(homeworkHash({ kind: 'tlb', seed: 1, options: {}, tlbPolicy: 'lru', asids: true })).toBe('#homework=tlb&seed=1');
    expect(parseHomeworkHash('#homework=cow&seed=1&policy=fifo&asid=off')).toEqual({ kind: 'cow', seed: 1, options: {} });
    expect(homeworkHash({ kind: 'policy', seed: 1, options: {}, pagePolicy: 'fifo' })).toBe('#homework=policy&seed=1');
    // OSTEP's rand is random, as the CLI takes it; a TLB policy is no page policy.
    expect(parseHomeworkHash('#homework=policy&seed=1&policy=rand')).toEqual({ kind: 'policy', seed: 1, options: {}, pagePolicy: 'random' });
    expect(parseHomeworkHash('#homework=policy&seed=1&policy=plru')).toEqual({ kind: 'policy', seed: 1, options: {} });
  });

  test('a fragment that is no homework link opens the machine (undefined)', () => {
    for (const hash of ['', '#', '#s=abc', '#homework=', '#homework=paging&seed=1', '#homework=TLB', '#homeworks=tlb', 'homework=tlb']) {
      expect(parseHomeworkHash(hash), hash).toBeUndefined();
    }
  });

  test('bad values: a seed or option that is not a whole number is dropped (its default), an unknown option or policy ignored; one out of range is kept for the view to refuse as the CLI does', () => {
    expect(parseHomeworkHash('#homework=tlb&seed=x&entries=-4&ways=2.5&count=1e3&policy=lfu&asid=maybe&frames=9')).toEqual({ kind: 'tlb', seed: 0, options: {} });
    const far = parseHomeworkHash('#homework=tlb&seed=3&entries=100000&ways=3')!;
    expect(far).toEqual({ kind: 'tlb', seed: 3, options: { entries: 100000, ways: 3 } });
    expect(settingsProblem(far)).toBe('--entries: expected a whole number from 1 to 256');
    expect(settingsProblem(parseHomeworkHash('#homework=tlb&seed=3&entries=6&ways=4')!)).toBe('--ways: 4 does not divide the 6 entries');
    expect(settingsProblem(parseHomeworkHash('#homework=cow&seed=99999999999')!)).toMatch(/^--seed: expected a whole number from 0 to \d+$/);
    expect(settingsProblem(parseHomeworkHash('#homework=translate&seed=1&pages=0')!)).toBe('--pages: expected a whole number from 1 to 40');
    // Padded and encoded values are read as the numbers they are.
    expect(parseHomeworkHash('#homework=translate&seed=%2012&count=%207')).toEqual({ kind: 'translate', seed: 12, options: { count: 7 } });
  });

  test('the refusals are the CLI\'s words (the CLI adds what it got)', () => {
    for (const [s, args] of [
      [{ kind: 'tlb', seed: 0, options: { entries: 6, ways: 4 } }, ['tlb', '--entries', '6', '--ways', '4']],
      [{ kind: 'cow', seed: 0, options: { exits: 3 } }, ['cow', '--exits', '3']],
      [{ kind: 'translate', seed: 0, options: { pages: 41 } }, ['translate', '--pages', '41']],
      [{ kind: 'policy', seed: 0, options: { clockbits: 2 }, pagePolicy: 'lru' }, ['policy', '-p', 'lru', '--clockbits', '2']],
      [{ kind: 'policy', seed: 0, options: { clockbits: 256 }, pagePolicy: 'clock' }, ['policy', '-p', 'clock', '--clockbits', '256']],
    ] as [HomeworkSettings, string[]][]) {
      const cli = homework(...args);
      expect(cli.status).toBe(2);
      expect(cli.stderr.startsWith(`illusion: error: ${settingsProblem(s)}`), cli.stderr).toBe(true);
    }
    // What the page will not draw, the CLI still makes.
    const big: HomeworkSettings = { kind: 'policy', seed: 0, options: { numaddrs: 10000, frames: 100, maxpage: 1000 } };
    expect(settingsProblem(big)).toMatch(/^too large for the page: the answers would list up to 1000000 resident pages .*; the CLI makes it$/);
    expect(settingsProblem({ ...big, options: { numaddrs: 10000, frames: 20, maxpage: 1000 } })).toBeUndefined();
    // plru's refusal is the TLB's own, through the sheet.
    expect(makeSheet({ kind: 'tlb', seed: 0, options: { entries: 6, ways: 3 }, tlbPolicy: 'plru' })).toEqual({ error: homework('tlb', '-p', 'plru', '--entries', '6', '--ways', '3').stderr.replace(/^illusion: error: /, '').trimEnd() });
  });
});
