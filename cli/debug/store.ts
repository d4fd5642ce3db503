// `set *ADDR VALUE`: a word stored the way the process itself could store
// it. Its rights are checked as the kernel checks a system call's buffer
// (uaccess.ts rangeAllowed); a page not present or shared copy-on-write goes
// through the kernel's own fault path first (copyOut, as for a system call).
import { rightsText } from '../../kernel/killReport.js';
import type { Kernel } from '../../kernel/kernel.js';
import { hex } from '../../kernel/proc.js';
import type { Process } from '../../kernel/process.js';
import { copyOut, rangeAllowed } from '../../kernel/uaccess.js';
import { KERNEL_BASE } from '../../mmu/layout.js';
import { wordOf } from '../../views/index.js';
import { DebugError } from '../../views/debugError.js';
import type { Runner } from './runner.js';

/** Stores `value` at `address` in p; returns the report line (old -> new, and any fault the kernel took). */
export function storeWord(k: Kernel, runner: Runner, p: Process, address: number, value: number): string {
  const space = p.space!;
  if ((address & 3) !== 0) throw new DebugError(`set: ${hex(address)} is not word-aligned (set *ADDR writes a whole word)`);
  if (!rangeAllowed(space, address, 4, 'store')) throw new DebugError(`set: refused: ${whyNoStore(p, address)}`);
  const old = wordOf(k, p, address);
  const faults: string[] = [];
  runner.faultsSeen = faults;
  let ok: boolean;
  try {
    const bytes = new Uint8Array(new Uint32Array([value]).buffer);
    ok = copyOut(k.vm, space, address, bytes, (va, access) => k.faultForSyscall(p, va, access));
  } finally {
    runner.faultsSeen = undefined;
  }
  if (!ok) return `set: the page could not be made (out of memory); pid ${p.pid} did not survive`;
  runner.refreshWatches();
  const via = faults.length > 0 ? ` (first the kernel's fault path: ${faults.join(', ')})` : '';
  return `${hex(address)} in pid ${p.pid}: ${old === undefined ? 'not present' : hex(old)} -> ${hex(value)}${via}`;
}

function whyNoStore(p: Process, address: number): string {
  if (address >= KERNEL_BASE) return `${hex(address)} is in the kernel half: pid ${p.pid} may not store there`;
  const region = p.space!.regionAt(address);
  if (region === undefined) return `no region of pid ${p.pid} holds ${hex(address)}: a store there would kill it (bad_access)`;
  const rights = rightsText(region.prot);
  return `${hex(address)} is in the ${region.kind} region (${rights}): pid ${p.pid} may not store there, so neither may the debugger (the kernel checks a system call's buffer the same way)`;
}
