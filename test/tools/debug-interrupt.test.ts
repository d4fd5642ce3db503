// Ctrl-C under the debugger: a spawned `illusion debug` on a program that
// never ends is sent SIGINT during `continue` and must come back to the
// prompt, say where it stopped and answer the next command. Commands are
// written to its stdin one at a time, as a person would type them.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { expect, test } from 'vitest';
import { ROOT } from '../e2e/harness.js';
import { CLI } from './cli.js';

interface Debugger {
  readonly child: ChildProcessWithoutNullStreams;
  output(): string;
  /** Resolves once the output contains `text`, with the milliseconds it took. */
  waitFor(text: string): Promise<number>;
  exited: Promise<number | null>;
}

function start(file: string): Debugger {
  const child = spawn(process.execPath, [CLI, 'debug', file], { cwd: ROOT });
  let out = '';
  const waiters: { text: string; since: number; resolve: (ms: number) => void }[] = [];
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of [...waiters]) {
      if (out.includes(w.text)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(performance.now() - w.since);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    // Nothing more will come: let every waiter see the output as it stands.
    for (const w of waiters.splice(0)) w.resolve(Infinity);
    resolve(code);
  }));
  return {
    child,
    output: () => out,
    waitFor: (text) => new Promise((resolve) => {
      if (out.includes(text)) resolve(0);
      else waiters.push({ text, since: performance.now(), resolve });
    }),
    exited,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `after` ms into a long command, SIGINT; waits for `answer` (returning how
 * long it took to come), then `regs` and `quit`, which must leave with 0.
 */
async function interrupt(d: Debugger, after: number, answer: string): Promise<number> {
  await sleep(after);
  d.child.kill('SIGINT');
  const ms = await d.waitFor(answer);
  d.child.stdin.write('regs\n');
  await d.waitFor(' pc 0x');
  d.child.stdin.write('quit\n');
  expect(await d.exited).toBe(0);
  return ms;
}

test('SIGINT during continue stops the runaway program; the next command is answered', async () => {
  const d = start('programs/debug/spin.s');
  d.child.stdin.write('c\n');
  await d.waitFor('(illusion) c\n');
  // Long enough that a machine loaded by other work still runs the loop many times before the SIGINT.
  const ms = await interrupt(d, 1000, 'interrupted\n');
  // The loop yields every 20 ms of running; a loaded machine may add its own delay.
  expect(ms).toBeLessThan(1000);
  const lines = d.output().split('\n');
  expect(lines.slice(0, 5)).toEqual([
    'illusion debug: pid 1 (spin.s). Type help for the commands.',
    'pid 1 (spin.s) at 0x00001000  addi r2, r0, 0  ; 4: li   r2, 0',
    '(illusion) c',
    'interrupted',
    lines[4],
  ]);
  // Stopped inside the loop, at one of its two instructions.
  expect(lines[4]).toMatch(/^pid 1 \(spin\.s\) at 0x0000100(4  addi r2, r2, 1  ; 6: addi r2, r2, 1|8  jal r0, spin  ; 7: j {4}spin)$/);
  expect(lines[5]).toBe('(illusion) regs');
  // r2 counts the loop's turns: hundreds of thousands at least in a second.
  const r2 = Number(/ r2 (0x[0-9a-f]{8})/.exec(lines[6]!)![1]);
  expect(r2).toBeGreaterThan(10_000);
  expect(lines[10]).toMatch(/^ pc 0x0000100[48] {2}instructions \d+ {2}cycles \d+$/);
  expect(lines.slice(11)).toEqual(['(illusion) quit', '']);
});

test('SIGINT at the prompt warns once; a second one leaves', async () => {
  const d = start('programs/hello.s');
  await d.waitFor('write(fd, buf, len)\n');
  d.child.kill('SIGINT');
  await d.waitFor('leaves)\n');
  d.child.kill('SIGINT');
  expect(await d.exited).toBe(0);
  expect(d.output().split('\n')).toEqual([
    'illusion debug: pid 1 (hello.s). Type help for the commands.',
    'pid 1 (hello.s) at 0x00001000  addi r1, r0, 1  ; 7: li   r1, 1              ; write(fd, buf, len)',
    '(Ctrl-C again on an empty line, or quit, leaves)',
    '',
  ]);
});

test('SIGINT during a long replay (going back) stops it where it is, says so, and the next command is answered', async () => {
  const d = start('programs/debug/spin.s');
  d.child.stdin.write('step 3000000\n');
  await d.waitFor('(illusion) step 3000000\npid 1');
  d.child.stdin.write('rsi\n');
  await d.waitFor('(illusion) rsi\n');
  // A replay of three million instructions takes a second or more: interrupt it well before the end.
  const ms = await interrupt(d, 200, 'interrupted: the replay stopped at instruction ');
  expect(ms).toBeLessThan(1000);
  const lines = d.output().split('\n');
  const at = lines.indexOf('(illusion) rsi');
  const stopped = Number(/^interrupted: the replay stopped at instruction (\d+)$/.exec(lines[at + 1]!)![1]);
  expect(stopped).toBeLessThan(2_999_999);
  expect(lines[at + 2]).toMatch(/^pid 1 \(spin\.s\) at 0x0000100[048]  /);
  // The machine stands where the replay stopped: regs says the same count.
  expect(lines.find((l) => l.startsWith(' pc 0x'))).toMatch(new RegExp(`instructions ${stopped}  cycles`));
});
