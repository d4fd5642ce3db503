// `illusion policy --from-trace FILE` with hostile trace files (attack24): a
// line that parses as JSON but is no event object, page numbers a trace
// never holds (negative, fractional, past 20 bits, in the fast path's
// shape or not), a line cut across the 1 MiB read edge, CRLF, no final
// newline. Each gives the exact result or one usage line naming the file
// and line, exit 2; never an internal error. --addresses-file from a file
// without end (/dev/zero, a pipe that never closes) was read whole and took
// the host's memory (4 GB in 30 s; a 500 MB stream of '1' lines aborted V8):
// it is now read a megabyte at a time, like a trace, and both stop at
// MAX_REFERENCES.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { MAX_REFERENCES } from '../../cli/commands/policy.js';
import { CLI } from '../tools/cli.js';

const DIR = mkdtempSync(join(tmpdir(), 'illusion-hostile-trace-'));

function policy(name: string, text: string, ...extra: string[]): { status: number | null; stdout: string; stderr: string } {
  writeFileSync(join(DIR, name), text);
  const r = spawnSync(process.execPath, [CLI, 'policy', '--frames', '2', '--from-trace', name, '--summary', ...extra], { cwd: DIR, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const hit = (vpn: string | number) => `{"cycle":1,"pid":1,"kind":"tlb_hit","vpn":${vpn},"asid":1,"access":"load"}`;
const usage = (message: string) => ({ status: 2, stdout: '', stderr: `illusion: error: --from-trace: ${message}\n` });

test('a JSON line that is not an event object is named, not an internal error', () => {
  expect(policy('null.jsonl', `${hit(1)}\nnull\n`)).toEqual(usage('null.jsonl:2: not a trace event (one JSON object a line)'));
  expect(policy('number.jsonl', '5\n')).toEqual(usage('number.jsonl:1: not a trace event (one JSON object a line)'));
  expect(policy('array.jsonl', `[${hit(1)}]\n`)).toEqual(usage('array.jsonl:1: not a trace event (one JSON object a line)'));
  expect(policy('string.jsonl', '"tlb_hit"\n')).toEqual(usage('string.jsonl:1: not a trace event (one JSON object a line)'));
});

test('a page number no trace holds is named with its line, in the fast path\'s shape or not', () => {
  const range = 'is not a page number from 0 to 1048575';
  expect(policy('neg.jsonl', '{"kind":"tlb_hit","vpn":-5}\n')).toEqual(usage(`neg.jsonl:1: vpn -5 ${range}`));
  expect(policy('frac.jsonl', `${hit(0)}\n{"kind":"tlb_miss","vpn":1.5}\n`)).toEqual(usage(`frac.jsonl:2: vpn 1.5 ${range}`));
  expect(policy('str.jsonl', '{"kind":"tlb_miss","vpn":"7"}\n')).toEqual(usage(`str.jsonl:1: vpn "7" ${range}`));
  expect(policy('none.jsonl', '{"kind":"tlb_miss"}\n')).toEqual(usage(`none.jsonl:1: vpn undefined ${range}`));
  // The fast path's exact shape, digits only: 2^20 and a number past 2^53.
  expect(policy('big.jsonl', `${hit(1)}\n${hit(1048576)}\n`)).toEqual(usage(`big.jsonl:2: vpn 1048576 ${range}`));
  expect(policy('huge.jsonl', `${hit('99999999999999999999999')}\n`)).toEqual(usage(`huge.jsonl:1: vpn 99999999999999999999999 ${range}`));
  // The largest page a trace can hold is accepted either way.
  expect(policy('max.jsonl', `${hit(1048575)}\n{"kind":"tlb_hit","vpn":1048575}\n`).stdout).toBe('Totals: hits 1  misses 1  hit rate 50.00%\n');
  // Another pid's line is checked too: the file is not a trace.
  expect(policy('pid.jsonl', `${hit(1)}\n{"cycle":1,"pid":2,"kind":"tlb_hit","vpn":-1,"asid":1,"access":"load"}\n`, '--pid', '1')).toEqual(usage(`pid.jsonl:2: vpn -1 ${range}`));
});

test('CRLF, no final newline and a line across the 1 MiB read edge read as the same string', () => {
  expect(policy('crlf.jsonl', `${hit(3)}\r\n${hit(3)}\r\n${hit(4)}`)).toEqual({ status: 0, stdout: 'Totals: hits 1  misses 2  hit rate 33.33%\n', stderr: '' });
  // Lines of pages 0..6 in turn, 3 MiB of them: every read edge falls inside some line.
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 3 << 20; i++) { const l = hit(i % 7); lines.push(l); size += l.length + 1; }
  expect(policy('edges.jsonl', lines.join('\n'), '--json')).toEqual({ status: 0, stdout: `{"hits":0,"misses":${lines.length},"hit_rate":0}\n`, stderr: '' });
});

function policyFile(path: string, ...extra: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'policy', '--frames', '3', '--addresses-file', path, '--summary', ...extra], { cwd: DIR, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('--addresses-file /dev/zero stops at its first megabyte: no line ends there', () => {
  expect(policyFile('/dev/zero')).toEqual({ status: 2, stdout: '', stderr: 'illusion: error: --addresses-file: /dev/zero:1: a line longer than 1 MB: give the page numbers one a line\n' });
});

test('--addresses-file with CRLF lines and blank lines reads as before', () => {
  writeFileSync(join(DIR, 'crlf.txt'), '0\r\n1\r\n\r\n2, 0\r\n');
  expect(policyFile('crlf.txt')).toEqual({ status: 0, stdout: 'Totals: hits 1  misses 3  hit rate 25.00%\n', stderr: '' });
  writeFileSync(join(DIR, 'bad.txt'), '0\n1,2\n\n3,x\n');
  expect(policyFile('bad.txt')).toEqual({ status: 2, stdout: '', stderr: "illusion: error: --addresses-file: item 5 'x' is not a page number from 0 to 1048575\n" });
});

test('one page reference past MAX_REFERENCES is refused, not kept', async () => {
  const path = join(DIR, 'many.txt');
  const out = createWriteStream(path);
  const line = `${'1,'.repeat(99_999)}1\n`; // 100,000 references
  for (let i = 0; i < MAX_REFERENCES / 100_000; i++) out.write(line);
  out.write('2\n');
  await new Promise<void>((done) => out.end(done));
  expect(policyFile(path)).toEqual({ status: 2, stdout: '', stderr: `illusion: error: --addresses-file: '${path}' holds more than ${MAX_REFERENCES} page references: give a shorter string\n` });
}, 120_000);

// attack26: `illusion trace --summary` with JSON lines that are events in shape but hold values no run writes.
function summary(name: string, text: string): { status: number | null; stdout: string; stderr: string } {
  writeFileSync(join(DIR, name), text);
  const r = spawnSync(process.execPath, [CLI, 'trace', '--summary', name], { cwd: DIR, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('trace --summary: a million distinct unknown kinds are counted in bounded rows, not a stack overflow', async () => {
  const name = 'kinds.jsonl';
  const out = createWriteStream(join(DIR, name));
  const lines: string[] = [];
  for (let i = 0; i < 1_000_000; i++) {
    lines.push(`{"cycle":${i},"pid":1,"kind":"k${i}"}\n`);
    if (lines.length === 10_000) { out.write(lines.join('')); lines.length = 0; }
  }
  out.write('{"cycle":1,"pid":1,"kind":"tlb_miss","vpn":3,"asid":1,"access":"load"}\n');
  await new Promise<void>((done) => out.end(done));
  const r = spawnSync(process.execPath, [CLI, 'trace', '--summary', name], { cwd: DIR, encoding: 'utf8' });
  expect([r.status, r.stderr]).toEqual([0, '']);
  const rows = r.stdout.split('\n\n')[0]!.split('\n').map((row) => row.split(/ {2,}/));
  // The known kinds, the first 20 unknown ones by name, the rest in one row, and the total.
  const named = Array.from({ length: 20 }, (_, i) => `k${i}`).sort((a, b) => a.localeCompare(b));
  expect(rows).toEqual([
    ['kind', 'events', 'each event is'], ['tlb_miss', '1', 'a translation missed the TLB (an access retried after a fault misses again)'], ...named.map((k) => [k, '1']),
    ['(more kinds unknown to this illusion)', '999,980'], ['all', '1,000,001'],
  ]);
}, 60_000);

test('trace --summary: a pid, page or address no run writes is named with its line, exit 2', () => {
  const miss = (pid: string, vpn: string) => `{"cycle":1,"pid":${pid},"kind":"tlb_miss","vpn":${vpn},"asid":1,"access":"load"}\n`;
  const err = (m: string) => ({ status: 2, stdout: '', stderr: `illusion: error: trace: ${m}\n` });
  expect(summary('vpn.jsonl', miss('1', '1') + miss('1', '1e300'))).toEqual(err('vpn.jsonl:2: vpn 1e+300 is not a page number from 0 to 1048575'));
  expect(summary('neg.jsonl', miss('1', '-3'))).toEqual(err('neg.jsonl:1: vpn -3 is not a page number from 0 to 1048575'));
  expect(summary('pid.jsonl', miss('-5', '1'))).toEqual(err('pid.jsonl:1: pid -5 is not a process number from 0 to 2147483647'));
  expect(summary('huge.jsonl', miss('1099511627776', '1'))).toEqual(err('huge.jsonl:1: pid 1099511627776 is not a process number from 0 to 2147483647'));
  expect(summary('addr.jsonl', '{"cycle":2,"pid":1,"kind":"page_fault","address":-4096,"access":"load","resolution":"zero"}\n'))
    .toEqual(err('addr.jsonl:1: address -4096 is not an address from 0 to 4294967295'));
  expect(summary('owner.jsonl', '{"cycle":2,"pid":1,"kind":"evict","owner":0.5,"vpn":2,"frame":4,"to":"drop","sharers":1}\n'))
    .toEqual(err('owner.jsonl:1: owner 0.5 is not a process number from 0 to 2147483647'));
});
