// The kernel's beforeKill hook (the debugger's post-mortem): a kill it
// defers happens later exactly as it would have, so a run that stops before
// every kill ends with the same result object, byte for byte, as a run that
// never stopped; and the step that stops leaves the dying process whole.
import { expect, test } from 'vitest';
import { bootMachine, collectResult, runPrograms } from '../../index.js';
import { program } from '../e2e/harness.js';


const CASES: [string, string[]][] = [
  ['bad_access beside a bystander', ['programs/debug/list.s', 'programs/forkwait.s']],
  ['divide by zero', ['programs/debug/divide.s']],
  ['brk (without the debugger passing it, it still kills)', ['programs/debug/brk.s', 'programs/hello.s']],
  ['misaligned, illegal, privileged and null writes among others', ['programs/attacks/mem-null-write.s', 'programs/attacks/mem-misaligned-store.s', 'programs/attacks/mem-illegal.s', 'programs/attacks/mem-privileged.s', 'programs/attacks/bystander.s']],
];

test.each(CASES)('%s: stopping before each kill changes nothing', (_name, files) => {
  const programs = files.map((f) => program(f));
  const plain = runPrograms(programs, { config: { quantum: 50 } });
  const stops: string[] = [];
  const k = bootMachine(programs, {
    config: { quantum: 50 },
    beforeKill: (p, cause) => {
      stops.push(`${p.pid} ${cause}`);
      return 'stop';
    },
  });
  let steps = 0;
  while (k.step(1000) !== 'done') {
    const d = k.deferredKill;
    if (d !== undefined) {
      // Stopped before the kill: the process is still whole, its pc at the fault.
      expect(d.process.alive).toBe(true);
      expect(d.process.space).toBeDefined();
      expect(k.pcOf(d.process)).toBe(d.detail.pc);
    }
    if (++steps > 1e6) throw new Error('no end');
  }
  expect(stops.length).toBe(plain.processes.filter((p) => p.status === 'killed').length);
  expect(stops.length).toBeGreaterThan(0);
  expect(JSON.stringify(collectResult(k))).toBe(JSON.stringify(plain));
});
