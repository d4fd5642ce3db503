// `bt`: the call chain of one process from the frames the debugger tracked
// (calls.ts), innermost first, each with its source line; it says when it
// cannot be sure of the chain.
import { REG_RA } from '../../cpu/isa.js';
import type { Kernel } from '../../kernel/kernel.js';
import { sourceLocation } from '../../kernel/killReport.js';
import { hex } from '../../kernel/proc.js';
import type { Process } from '../../kernel/process.js';
import { wordOf } from '../../views/index.js';
import { isCall, type CallTracker } from './calls.js';

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Frames shown by plain bt: the innermost ones and the outermost; `bt all` shows every one. */
export const BT_FRAMES_SHOWN = 20;

export function backtraceText(k: Kernel, p: Process, calls: CallTracker, all = false): string {
  const image = p.space?.image;
  const frames = calls.framesOf(p.pid);
  const at = (a: number): string => {
    const l = image === undefined ? undefined : sourceLocation(image, a);
    return l === undefined ? '' : ` (${l})`;
  };
  // A frame's function is the label at its callee; the outermost one is the entry point's.
  const fn = (target: number | undefined): string => {
    const s = image?.symbols.find((x) => x.section === 'text' && x.value === target);
    return s?.name ?? (target === undefined ? '??' : hex(target));
  };
  const outer = image?.entry;
  const pc = k.pcOf(p) >>> 0;
  const lines = [`#0  ${hex(pc)} in ${fn(frames.length > 0 ? frames[frames.length - 1]!.target : outer)}${at(pc)}`];
  const skipFrom = all || frames.length <= BT_FRAMES_SHOWN ? -1 : frames.length - BT_FRAMES_SHOWN;
  for (let i = frames.length - 1; i >= 0; i--) {
    if (i === skipFrom) {
      lines.push(`... ${i} more frames (bt all lists every one)`);
      i = 0;
    }
    const f = frames[i]!;
    lines.push(`#${frames.length - i}  ${hex(f.site)} in ${fn(i > 0 ? frames[i - 1]!.target : outer)}${at(f.site)}`);
  }
  const ra = k.regsOf(p)[REG_RA]! >>> 0;
  const raCall = ra >= 4 ? wordOf(k, p, ra - 4) : undefined;
  if (calls.isUnsure(p.pid)) {
    lines.push(`(not sure: pid ${p.pid} ran instructions the debugger could not decode first; frames may be missing)`);
  } else if (frames.length === 0 && ra !== 0 && raCall !== undefined && isCall(raCall) && ((raCall >>> 20) & 15) === REG_RA && !calls.sawCallReturningTo(p.pid, ra)) {
    lines.push(`(not sure: ra ${hex(ra)} follows a call at ${hex(ra - 4)}${at(ra - 4)} that the debugger did not see; it may be stale)`);
  }
  return lines.join('\n');
}
