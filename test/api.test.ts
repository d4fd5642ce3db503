// The package's public API (SPEC section 11), used the way a library user would.
import { describe, expect, it } from 'vitest';
import { assemble, checkInvariants, bootMachine, collectResult, runPrograms, runExitStatus } from '../index.js';

const SOURCE = `
        .text
_start: li   r1, 1
        li   r2, 1
        la   r3, msg
        li   r4, 3
        syscall
        li   r1, 0
        li   r2, 5
        syscall
        .data
msg:    .ascii "hi\\n"
`;

describe('library API', () => {
  it('assembles, runs and returns the --json result object', () => {
    const assembled = assemble(SOURCE, 'api.s');
    expect(assembled.ok).toBe(true);
    if (!assembled.ok) return;
    const result = runPrograms([{ name: 'api.s', image: assembled.image }], { config: { tlbEntries: 16, tlbWays: 2 } });
    expect(result.processes).toEqual([{
      pid: 1, name: 'api.s', parent: 0, status: 'exited', code: 5, stdout: 'hi\n', stderr: '',
      // Two page faults: .text on the first fetch, .data when write copies msg; the text miss counts before and after its fault.
      stats: { instructions: 9, page_faults: 2, tlb_misses: 2, cow_copies: 0, swap_ins: 0, swap_outs: 0, peak_resident_pages: 2 },
    }]);
    expect(result.stats.instructions).toBe(9);
    expect(result.stats.user_frames_at_end).toBe(0);
    expect(runExitStatus(result)).toBe(5);
  });

  it('boots a machine that can be inspected before and after it runs', () => {
    const assembled = assemble(SOURCE, 'api.s');
    if (!assembled.ok) throw new Error('does not assemble');
    const output: string[] = [];
    const kernel = bootMachine([{ name: 'a.s', image: assembled.image }, { name: 'b.s', image: assembled.image }], {
      onOutput: (pid, fd, bytes) => output.push(`${pid}:${fd}:${new TextDecoder().decode(bytes)}`),
    });
    expect(kernel.processes.map((p) => p.pid)).toEqual([1, 2]);
    kernel.run();
    expect(output).toEqual(['1:1:hi\n', '2:1:hi\n']);
    expect(checkInvariants(kernel)).toEqual([]);
    expect(collectResult(kernel).processes.map((p) => p.code)).toEqual([5, 5]);
  });

  it('reports assembly errors as values', () => {
    const bad = assemble('  addd r1, r2, r3\n', 'bad.s');
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors[0]).toMatchObject({ file: 'bad.s', line: 1, column: 3 });
  });
});
