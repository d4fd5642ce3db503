// The protection homework ("valid or violation?", OSTEP's segmentation.py
// on a paging machine): a seeded address space (homework/protectLayout.ts)
// and accesses to it (homework/protectAccesses.ts); each access is made by
// its own generated program (homework/protectProgram.ts) on the real kernel
// (homework/protectMachine.ts), and its answer is what happened there: no
// fault, a page fault the kernel resolved, or the kill with its cause and
// reason. Before it answers, the machine's regions and present pages at each
// access are held to the layout the problem prints.
import { PROT_R, PROT_W, PROT_X } from '../kernel/abi.js';
import { rightsText } from '../kernel/killReport.js';
import { STACK_BOTTOM, STACK_TOP, TEXT_BASE } from '../mmu/layout.js';
import { PAGE_SIZE_BYTES } from '../mmu/page.js';
import { Prng } from '../mmu/prng.js';
import { makeAccesses, type ProtectAccess } from './protectAccesses.js';
import { areasOf, mmapPieces, placeLayout, planSizes, presentPages, textEndRange, type Area, type ProtectLayout } from './protectLayout.js';
import { assembleProtectProgram, runProtectPrograms, type AccessRun, type MarkerSnapshot } from './protectMachine.js';
import { describeAccess, makeProtectProgram } from './protectProgram.js';

export interface ProtectProblemOptions {
  readonly seed: number;
  /** Accesses, each made by a process of its own. */
  readonly count: number;
  /** mmap regions (each 1 to 3 pages). */
  readonly mmaps: number;
}

export interface ProtectProblem extends ProtectProblemOptions {
  readonly kind: 'protect';
  readonly command: string;
  readonly layout: ProtectLayout;
  readonly areas: readonly Area[];
  readonly accesses: readonly ProtectAccess[];
  /** One program per access, the same but for the access's three words. */
  readonly programs: readonly string[];
}

export type ProtectVerdict = 'ok' | 'fault' | 'killed';

export interface ProtectAnswer {
  readonly verdict: ProtectVerdict;
  /** The kernel's resolution of the access's page fault (image, zero-fill, stack-growth), if it took one. */
  readonly fault: string | undefined;
  /** For a kill: SPEC section 7's cause and reason, the region the kernel named and its rights. */
  readonly cause: string | undefined;
  readonly reason: string | undefined;
  readonly region: string | undefined;
  readonly rights: string | undefined;
  /** The kill's line as `illusion run` prints it. */
  readonly report: string | undefined;
}

export function protectCommandLine(o: ProtectProblemOptions): string {
  return `illusion homework protect --seed ${o.seed} --count ${o.count} --mmaps ${o.mmaps}`;
}

export function makeProtectProblem(opts: ProtectProblemOptions): ProtectProblem {
  const prng = new Prng(opts.seed ^ 0x7072_6f74);
  const sizes = planSizes(prng, opts.mmaps);
  // The code's size does not depend on where it goes (every address takes lui + ori): measure it at TEXT_BASE.
  const measured = makeProtectProgram({ layout: placeLayout(sizes, TEXT_BASE, 0), fetchSlots: [], access: undefined, header: [] });
  const codeBytes = assembleProtectProgram(measured, 'protect.s').text.length;
  const [lo, hi] = textEndRange(sizes.textPages, codeBytes);
  const layout = placeLayout(sizes, lo + 4 * prng.below((hi - lo) / 4 + 1), codeBytes);
  const accesses = makeAccesses(prng, layout, opts.count);
  const fetchSlots = [...new Set(accesses.filter((a) => a.kind === 'fetch' && a.address >= TEXT_BASE && a.address < layout.codeStart && a.address % 4 === 0).map((a) => a.address))]
    .sort((a, b) => a - b);
  const command = protectCommandLine(opts);
  const programs = accesses.map((access, i) => makeProtectProgram({
    layout, fetchSlots, access,
    header: [`made by ${command}`, `access ${i + 1} of ${accesses.length}: ${describeAccess(access)}`,
      'run it with `illusion run` (or --trace) to see what the kernel does'],
  }));
  checkImage(layout, programs[0]);
  return { ...opts, kind: 'protect', command, layout, areas: areasOf(layout), accesses, programs };
}

/** The assembler placed the program where the layout says (a generator bug otherwise). */
function checkImage(l: ProtectLayout, source: string | undefined): void {
  if (source === undefined) return;
  const image = assembleProtectProgram(source, 'protect.s');
  const entry = image.symbols.find((s) => s.name === '_start')?.value;
  if (TEXT_BASE + image.text.length !== l.textEnd || entry !== l.codeStart || image.dataBase !== l.dataBase || (l.bssBytes > 0 && image.bssBase !== l.bssBase)) {
    throw new Error('homework protect: the program is not laid out as planned (a generator bug)');
  }
}

const RW = PROT_R | PROT_W;

/** The kernel's regions the layout means, as AddressSpace lists them. */
function expectedRegions(l: ProtectLayout): MarkerSnapshot['regions'] {
  const regions: { kind: string; start: number; end: number; prot: number }[] = [{ kind: 'text', start: TEXT_BASE, end: l.dataBase, prot: PROT_R | PROT_X }];
  if (l.heapStart > l.dataBase) regions.push({ kind: 'data', start: l.dataBase, end: l.heapStart, prot: RW });
  if (l.heapEnd > l.heapStart) regions.push({ kind: 'heap', start: l.heapStart, end: l.heapEnd, prot: RW });
  for (const m of mmapPieces(l)) regions.push({ kind: 'mmap', ...m });
  regions.push({ kind: 'stack', start: STACK_BOTTOM, end: STACK_TOP, prot: RW });
  return regions;
}

/** Runs every access on the machine and reads its answer from what happened. */
export function solveProtectProblem(p: ProtectProblem, check = false): ProtectAnswer[] {
  const runs = runProtectPrograms(p.programs, check);
  const regions = JSON.stringify(expectedRegions(p.layout));
  const present = JSON.stringify([...presentPages(p.layout)].sort((a, b) => a - b));
  return runs.map((run, i) => {
    const bug = (what: string) => new Error(`homework protect: access ${i + 1} ${what} (a kernel or generator bug)`);
    if (run.marker === undefined) throw bug('never reached its marker');
    if (JSON.stringify(run.marker.regions) !== regions) throw bug(`saw the regions ${JSON.stringify(run.marker.regions)}, not ${regions}`);
    if (JSON.stringify(run.marker.present) !== present) throw bug(`saw the present pages ${JSON.stringify(run.marker.present)}, not ${present}`);
    return answerOf(p.accesses[i]!, run, bug);
  });
}

function answerOf(a: ProtectAccess, run: AccessRun, bug: (what: string) => Error): ProtectAnswer {
  const page = (x: number): number => x - (x % PAGE_SIZE_BYTES);
  const own = run.faults.filter((f) => page(f.address) === page(a.address));
  if (own.length !== run.faults.length || own.length > 1) throw bug(`faulted elsewhere: ${JSON.stringify(run.faults)}`);
  const fault = own[0]?.resolution;
  const none = { cause: undefined, reason: undefined, region: undefined, rights: undefined, report: undefined };
  const k = run.kill;
  if (k === undefined) {
    if (run.exitCode !== 0) throw bug(`exited ${run.exitCode}`);
    return { verdict: fault === undefined ? 'ok' : 'fault', fault, ...none };
  }
  if ((k.cause === 'bad_access' || k.cause === 'misaligned') && k.address !== a.address >>> 0) throw bug(`was killed at ${k.address}`);
  return {
    verdict: 'killed', fault, cause: k.cause, reason: k.reason, region: k.region,
    rights: k.prot === undefined ? undefined : rightsText(k.prot), report: k.report,
  };
}
