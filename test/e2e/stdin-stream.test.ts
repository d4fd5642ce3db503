// Standard input as a stream (found by attack23): the CLI once took all of
// stdin before the first read(0) returned, so `yes | illusion run echo.s`
// never ran the guest and grew the host's memory without bound (4 GB in 12
// s). Now a read(0, buf, len) waits until min(len, STDIN_READ_MAX_BYTES)
// bytes have arrived or the input has ended, and returns exactly those:
// the result is the one the whole input at hand would give, and the host
// holds at most a bounded window of the input.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { STDIN_READ_MAX_BYTES } from '../../kernel/kernel.js';
import { collectResult } from '../../kernel/result.js';
import { bootMachine, runPrograms } from '../../kernel/run.js';
import { HIGH_WATER_BYTES, StdinStream } from '../../cli/stdinStream.js';
import { ROOT, source } from './harness.js';

const CLI = resolve(ROOT, 'dist/cli/main.js');

// Reads 6 bytes twice and writes what each read returned, prefixed by its count as a digit.
const READER = [
  '        .text',
  '_start: li   r10, 2',
  'again:  li   r1, 2           ; n = read(0, buf, 6)',
  '        li   r2, 0',
  '        la   r3, buf',
  '        li   r4, 6',
  '        syscall',
  '        mv   r4, r1',
  '        addi r5, r1, 48       ; the count as a digit',
  '        sb   r5, count(r0)',
  '        li   r1, 1            ; write(1, count, 1)',
  '        li   r2, 1',
  '        la   r3, count',
  '        mv   r6, r4',
  '        li   r4, 1',
  '        syscall',
  '        li   r1, 1            ; write(1, buf, n)',
  '        li   r2, 1',
  '        la   r3, buf',
  '        mv   r4, r6',
  '        syscall',
  '        addi r10, r10, -1',
  '        bnez r10, again',
  '        li   r1, 0',
  '        li   r2, 0',
  '        syscall',
  '        .data',
  'count:  .word 0',
  'buf:    .space 8',
  '',
].join('\n');

interface Spawned { status: number | null; stdout: string; stderr: string }

/** Runs the CLI on `file`; `feed` writes its stdin (and may never end it). */
function runFed(file: string, feed: (stdin: NodeJS.WritableStream, stop: () => boolean) => void): Promise<Spawned> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, 'run', file], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let closed = false;
    const timer = setTimeout(() => { child.kill('SIGKILL'); fail(new Error(`no end within 20 s: ${stdout}`)); }, 20_000);
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdin.on('error', () => {}); // the run may end before its input does
    child.on('close', (status) => { closed = true; clearTimeout(timer); done({ status, stdout, stderr }); });
    feed(child.stdin, () => closed);
  });
}

describe('stdin is read as a stream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'illusion-stdin-'));
  const reader = join(dir, 'reader.s');
  writeFileSync(reader, READER);

  test('a reader of an endless stdin (as from `yes`) gets its bytes and ends', async () => {
    const chunk = Buffer.from('abcdefgh'.repeat(8192));
    const r = await runFed(reader, (stdin, stop) => {
      const pump = () => { while (!stop() && stdin.write(chunk)); if (!stop()) stdin.once('drain', pump); };
      pump();
    });
    expect(r).toEqual({ status: 0, stdout: '6abcdef6ghabcd', stderr: '' });
  });

  test('input that trickles in gives the result the whole input at hand gives', async () => {
    const r = await runFed(reader, (stdin) => {
      stdin.write('ab');
      setTimeout(() => stdin.write('cdefg'), 200);
      setTimeout(() => stdin.end('h'), 400);
    });
    const atHand = runPrograms([source('reader.s', READER)], { stdin: new TextEncoder().encode('abcdefgh') });
    expect(r).toEqual({ status: 0, stdout: '6abcdef2gh', stderr: '' });
    expect(atHand.processes[0]!.stdout).toBe('6abcdef2gh');
  });

  test('a host stdin asked for bytes it does not have yet: the machine stands still and the read is made again', () => {
    const wants: number[] = [];
    let ready = false;
    const input = new TextEncoder().encode('abcdefgh');
    let pos = 0;
    const kernel = bootMachine([source('reader.s', READER)], {
      stdin: (want) => {
        wants.push(want);
        if (!ready) return undefined;
        const bytes = input.subarray(pos, pos + want);
        pos += bytes.length;
        return bytes;
      },
    });
    expect(kernel.step(1_000_000)).toBe('running');
    expect(kernel.awaitingInput).toBe(true);
    const stalled = kernel.cpu.instret;
    expect(kernel.step(1_000_000)).toBe('running'); // still nothing: nothing runs
    expect(kernel.cpu.instret).toBe(stalled);
    ready = true;
    expect(kernel.step(1_000_000)).toBe('done');
    expect(wants).toEqual([6, 6, 6, 6]);
    const result = collectResult(kernel);
    const atHand = runPrograms([source('reader.s', READER)], { stdin: input });
    expect(result.processes[0]!.stdout).toBe('6abcdef2gh');
    expect(JSON.stringify({ ...result, config: undefined })).toBe(JSON.stringify({ ...atHand, config: undefined }));
  });

  test(`one read returns at most ${STDIN_READ_MAX_BYTES} bytes (1 MiB), so the host never holds more of stdin for it`, () => {
    // mmap 4 MiB read-write, then read(0, it, 4 MiB) until 0; print each count as 8 hex digits.
    const text = [
      '        .text',
      '_start: li   r1, 8',
      '        li   r2, 0x400000',
      '        li   r3, 3',
      '        syscall',
      '        mv   r12, r1',
      'again:  li   r1, 2',
      '        li   r2, 0',
      '        mv   r3, r12',
      '        li   r4, 0x400000',
      '        syscall',
      '        mv   r5, r1',
      '        la   r6, hex',
      '        li   r7, 8',
      'digit:  shri r8, r5, 28',
      '        la   r9, digits',
      '        add  r9, r9, r8',
      '        lbu  r8, 0(r9)',
      '        sb   r8, 0(r6)',
      '        addi r6, r6, 1',
      '        shli r5, r5, 4',
      '        addi r7, r7, -1',
      '        bnez r7, digit',
      '        mv   r11, r1',
      '        li   r1, 1',
      '        li   r2, 1',
      '        la   r3, hex',
      '        li   r4, 9',
      '        syscall',
      '        bnez r11, again',
      '        li   r1, 0',
      '        li   r2, 0',
      '        syscall',
      '        .data',
      'digits: .ascii "0123456789abcdef"',
      'hex:    .ascii "........\\n"',
      '',
    ].join('\n');
    const input = new Uint8Array(3 * 1024 * 1024 + 5).fill(0x61);
    const result = runPrograms([source('bigread.s', text)], { stdin: input, config: { frames: 2048 } });
    expect(result.processes[0]).toMatchObject({ status: 'exited', code: 0, stdout: '00100000\n00100000\n00100000\n00000005\n00000000\n' });
  });

  test('an endless input is held in a bounded window: the stream pauses past the high-water mark', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x79);
    let produced = 0;
    const endless = new Readable({ read() { produced += chunk.length; this.push(chunk); } });
    const stream = new StdinStream(endless);
    expect(stream.take(6)).toBeUndefined(); // nothing has arrived yet
    await stream.ready();
    expect(Buffer.from(stream.take(6)!).toString()).toBe('yyyyyy');
    // Let the producer run as long as it is allowed to.
    for (let i = 0; i < 200; i++) await new Promise((r) => setImmediate(r));
    expect(stream.held).toBeGreaterThanOrEqual(HIGH_WATER_BYTES);
    // Paused: what it holds (and what was made for it: Node's own buffer adds at most 16 KiB) stays near the mark.
    expect(stream.held).toBeLessThanOrEqual(HIGH_WATER_BYTES + chunk.length);
    expect(produced).toBeLessThanOrEqual(HIGH_WATER_BYTES + 4 * chunk.length);
    expect(stream.pending).toBe(true);
    endless.destroy();
  });

  test('the stream ends a read short at the end of input, then gives 0 bytes', async () => {
    const stream = new StdinStream(Readable.from([Buffer.from('abc'), Buffer.from('de')]));
    expect(stream.take(4)).toBeUndefined();
    await stream.ready();
    expect(Buffer.from(stream.take(4)!).toString()).toBe('abcd');
    // 'e' is in; the end may or may not be yet: either way the read waits for it, then is short.
    let last = stream.take(4);
    if (last === undefined) {
      await stream.ready();
      last = stream.take(4);
    }
    expect(Buffer.from(last!).toString()).toBe('e');
    expect(stream.take(4)!.length).toBe(0);
    expect(stream.pending).toBe(false);
  });
});
