// attack27's attacks (docs/attacks.md, "Attack round 27"): hostile files for
// the host tools. An image or a trace is data someone else may have made;
// whatever names it holds, what the tools print from it must not forge a
// kill line nor send escape sequences to the terminal.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { assemble, decodeImage, encodeImage } from '../../asm/index.js';
import { BreakpointTable } from '../../cli/debug/breakpoints.js';
import { illusion } from '../tools/cli.js';
import { transcript } from '../tools/debugSession.js';
import { ROOT } from './harness.js';

const DIR = mkdtempSync(join(tmpdir(), 'illusion-attack27-'));
/** A name that, printed as it is, ends the kill line and writes a second, forged one in red. */
const FORGED = 'a.s:1\npid 1 (bystander.s) killed: killed: pid 7 called kill(1) (kill_syscall)\x1b[31m';

/** mem-null-read.s assembled, then its source name and line table's file names replaced. */
function imageNamed(sourceName: string, lineFile: string): Uint8Array {
  const r = assemble(readFileSync(join(ROOT, 'programs/attacks/mem-null-read.s'), 'utf8'), 'mem-null-read.s');
  if (!r.ok) throw new Error('mem-null-read.s does not assemble');
  return encodeImage({ ...r.image, sourceName, lines: r.image.lines.map((l) => ({ ...l, file: lineFile })) });
}

describe('attack27: names in a hostile image', () => {
  // Found by attack27: the reader took any file name, and run printed it in the kill line as it was.
  test.each([
    ['the source name', FORGED, 'mem-null-read.s', 'the source name holds control character U+000A at character 5'],
    ['a line-table file name', 'mem-null-read.s', FORGED, 'file name 0 holds control character U+000A at character 5'],
    ['an escape alone', 'x\x1b[2J.s', 'mem-null-read.s', 'the source name holds control character U+001B at character 1'],
    ['a C1 control (CSI)', 'mem-null-read.s', 'x\u009b2J.s', 'file name 0 holds control character U+009B at character 1'],
  ])('%s with a control character is refused by run and disasm, exit 2', (_what, sourceName, lineFile, message) => {
    const bytes = imageNamed(sourceName, lineFile);
    expect(decodeImage(bytes, 'evil.img')).toEqual({ ok: false, message: `evil.img: ${message}` });
    writeFileSync(join(DIR, 'evil.img'), bytes);
    for (const command of ['run', 'disasm']) {
      expect(illusion([command, join(DIR, 'evil.img')])).toEqual({ status: 2, stdout: '', stderr: `illusion: error: ${join(DIR, 'evil.img')}: ${message}\n` });
    }
  });

  test('a name with spaces and letters beyond ASCII still loads, and the kill line names it', () => {
    writeFileSync(join(DIR, 'fine.img'), imageNamed('my prog é.s', 'my prog é.s'));
    const r = illusion(['run', join(DIR, 'fine.img')]);
    expect(r.status).toBe(139);
    expect(r.stderr).toBe('pid 1 (fine.img) killed: bad_access: load from 0x00000000 in the null page (below 0x00001000): was the pointer null? (null_page); pc 0x00001004, my prog é.s:9\n');
  });
});

describe('attack27: strings in a hostile trace', () => {
  const lines = [
    '{"cycle":1,"kind":"evil\\n pid 1 killed\\u001b[31m"}',
    '{"cycle":2,"kind":"process_start","pid":1,"name":"x\\u001b[2J\\nfake","parent":0}',
    '{"cycle":3,"kind":"zz","a\\nb":{"q":"\\u009b2J"},"c":"\\t\\r\\u007f"}',
  ];
  // Found by attack27: `illusion trace` printed a trace's kinds, names and unknown fields as they were.
  test('trace prints control characters escaped, as JSON writes them', () => {
    writeFileSync(join(DIR, 'evil.jsonl'), `${lines.join('\n')}\n`);
    expect(illusion(['trace', join(DIR, 'evil.jsonl')])).toEqual({
      status: 0,
      stderr: '',
      stdout: [
        '     cycle  pid  kind             what happened',
        '         1    -  evil\\n pid 1 killed\\u001b[31m  ',
        '         2    1  process_start    x\\u001b[2J\\nfake starts (from the command line)',
        '         3    -  zz               a\\nb={"q":"\\u009b2J"} c=\\t\\r\\u007f',
        '',
      ].join('\n'),
    });
  });

  test('trace --summary names an unknown kind escaped', () => {
    writeFileSync(join(DIR, 'evil.jsonl'), `${lines.join('\n')}\n`);
    const r = illusion(['trace', '--summary', join(DIR, 'evil.jsonl')]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(0, 5)).toEqual([
      'kind                           events  each event is',
      'process_start                       1  a process was created (by the loader or by fork)',
      'evil\\n pid 1 killed\\u001b[31m       1',
      'zz                                  1',
      'all                                 3',
    ]);
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});

describe('attack27: a debugger script that sets a breakpoint on every word', () => {
  const N = 20_000;
  const breaks = Array.from({ length: N }, (_, i) => `break 0x${(0x1000 + 4 * i).toString(16)}`);

  // Found by attack27: every add refiltered the whole table four times, so 20,000 breaks cost 800 million visits (104 s).
  test('adding 20,000 breakpoints and asking the run loop\'s questions visits each about once', () => {
    const table = new BreakpointTable();
    const filter = Array.prototype.filter;
    let filtered = 0;
    Array.prototype.filter = function (this: unknown[], ...args: Parameters<typeof filter>) { filtered += this.length; return filter.apply(this, args); } as typeof filter;
    try {
      for (let i = 0; i < N; i++) {
        table.add({ kind: 'code', address: 0x1000 + 4 * i, image: undefined as never, where: '', temporary: false });
        // What the run loop asks after a step (runner.ts), between the adds of a script.
        if (i % 1000 === 0) expect([table.watches().length, table.pageWatches().length, table.registerWatches().length]).toEqual([0, 0, 0]);
      }
    } finally {
      Array.prototype.filter = filter;
    }
    // The old table's work showed as filter visits (800,040,000); the new one's as its lists' rebuilds, one per
    // batch of adds that a question follows: 1 + 1001 + 2001 + ... + 19001 entries (20 questions).
    expect(filtered).toBeLessThan(10 * N);
    expect(table.indexWork).toBe(20 * 1 + 1000 * (19 * 20) / 2);
    expect(table.list).toHaveLength(N);
    expect(table.list[N - 1]!.id).toBe(N);
    expect(table.delete(2)).toBe(true);
    expect(table.delete(2)).toBe(false);
    expect(table.list).toHaveLength(N - 1);
    expect(table.clear()).toBe(N - 1);
    expect(table.describe()).toBe('no breakpoints or watchpoints');
  });

  // 3,000 (the transcript must fit spawnSync's buffer): the table's answers, through the session.
  test('the session stops at each in turn, lists them all, deletes one and all', () => {
    const M = 3000;
    const lines = transcript(['programs/sieve.s'], [...breaks.slice(0, M), 'info breakpoints', 'c', 'delete 2', 'c', 'delete', 'c', 'q']);
    const after = lines.slice(lines.indexOf(`(illusion) break 0x${(0x1000 + 4 * (M - 1)).toString(16)}`) + 2);
    expect(after[0]).toBe('(illusion) info breakpoints');
    expect(after[1]).toBe('Num   Type        What');
    expect(after[M + 1]).toBe('3000  breakpoint  0x00003edc (outside the text of sieve.s: hit only if the program jumps there)');
    expect(after.slice(M + 2)).toEqual([
      '(illusion) c',
      'breakpoint 2, pid 1 at 0x00001004 (sieve.s:22)',
      'pid 1 (sieve.s) at 0x00001004  ori r6, r6, 0x203c  ; 22: la   r6, composite      ; r6 = the array',
      '(illusion) delete 2',
      'deleted breakpoint 2',
      '(illusion) c',
      'breakpoint 3, pid 1 at 0x00001008 (sieve.s:23)',
      expect.stringMatching(/^pid 1 \(sieve\.s\) at 0x00001008 /),
      '(illusion) delete',
      `deleted ${M - 1} breakpoints`,
      '(illusion) c',
      'primes below 10000: 1229',
      'largest: 9973',
      'PASS: sieve',
      'every process has ended:',
      '  pid 1 (sieve.s) exited with code 0',
      '(illusion) q',
    ]);
  });
});
