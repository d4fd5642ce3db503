// What the debugger prints: registers, memory through a process's own page
// table, the walk of an address, the TLB, the frame table, the process list
// and disassembly. Every view only reads the machine: nothing here sets an
// accessed bit, counts a TLB access or brings a page in.
import { disassembleWord, lineOf } from '../../asm/index.js';
import { REGISTER_NAMES } from '../../cpu/isa.js';
import type { ProgramImage } from '../../asm/image.js';
import { FrameState } from '../../kernel/frameTable.js';
import type { Kernel } from '../../kernel/kernel.js';
import { KERNEL_ROOT_INDEX, TEXT_BASE } from '../../mmu/layout.js';
import { hex } from '../../kernel/proc.js';
import type { Process } from '../../kernel/process.js';
import { leafIndexOf, PAGE_SHIFT, rootIndexOf } from '../../mmu/page.js';
import { describePte, PTE_RWX, PTE_V } from '../../mmu/pte.js';

export { hex };

export function registersView(k: Kernel, p: Process): string {
  const regs = k.regsOf(p);
  const cells = REGISTER_NAMES.map((name, i) => `${name.padStart(3)} ${hex(regs[i]!)}`);
  const rows: string[] = [];
  for (let i = 0; i < 16; i += 4) rows.push(cells.slice(i, i + 4).join('  '));
  rows.push(` pc ${hex(k.pcOf(p))}  instructions ${k.cpu.instret}  cycles ${k.cpu.cycles()}`);
  return rows.join('\n');
}

/** The physical address of `va` in p's space, or why there is none. */
export function physicalOf(k: Kernel, p: Process, va: number): number | string {
  const space = p.space;
  if (space === undefined) return 'no address space';
  if (va >>> 22 >= KERNEL_ROOT_INDEX) return 'kernel half: not user-accessible';
  const pte = k.vm.readPte(space, va >>> PAGE_SHIFT);
  if ((pte & PTE_V) !== 0) return ((pte >>> PAGE_SHIFT) << PAGE_SHIFT) | (va & 0xfff);
  return space.regionAt(va) === undefined ? 'not mapped' : pte !== 0 ? 'not present (swapped out)' : 'not present (made on first touch)';
}

/** COUNT words from ADDRESS (rounded down to a word), four a line with their bytes as text. */
export function memoryView(k: Kernel, p: Process, address: number, count: number): string {
  const start = (address & ~3) >>> 0;
  const rows: string[] = [];
  for (let i = 0; i < count; i += 4) {
    const va = (start + i * 4) >>> 0;
    const words: string[] = [];
    let text = '';
    let stop = '';
    for (let j = i; j < Math.min(count, i + 4); j++) {
      const a = (start + j * 4) >>> 0;
      const pa = physicalOf(k, p, a);
      if (typeof pa === 'string') { stop = pa; break; }
      words.push(hex(k.machine.memory.readWord(pa)));
      for (let b = 0; b < 4; b++) {
        const c = k.machine.memory.readByte(pa + b);
        text += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
      }
    }
    if (words.length > 0) rows.push(`${hex(va)}: ${words.join(' ')}  |${text}|`);
    if (stop !== '') {
      rows.push(`${hex(start + (i + words.length) * 4)}: ${stop}`);
      break;
    }
  }
  return rows.join('\n');
}

/** The two-level walk of `va` as the MMU would make it, without setting A/D. */
export function walkView(k: Kernel, p: Process, va: number): string {
  const space = p.space;
  if (space === undefined) return `pid ${p.pid} has no address space`;
  const mem = k.machine.memory;
  const vpn = va >>> PAGE_SHIFT;
  const rootIndex = rootIndexOf(vpn);
  const leafIndex = leafIndexOf(vpn);
  const rootAddr = (space.root << PAGE_SHIFT) + rootIndex * 4;
  const root = mem.readWord(rootAddr);
  const lines = [
    `walk ${hex(va)} in pid ${p.pid}: vpn ${hex(vpn, 5)} = root index ${rootIndex}, leaf index ${leafIndex}, offset ${hex(va & 0xfff, 3)}`,
    `  root table at frame ${hex(space.root, 3)}`,
    `  root[${rootIndex}] at ${hex(rootAddr)} = ${hex(root)}`,
  ];
  if ((root & PTE_V) === 0) return [...lines, '  root entry not valid: page fault (not present)'].join('\n');
  if ((root & PTE_RWX) !== 0) return [...lines, `  root entry is a leaf (${describePte(root)}): malformed, page fault`].join('\n');
  const table = root >>> PAGE_SHIFT;
  const leafAddr = (table << PAGE_SHIFT) + leafIndex * 4;
  const leaf = mem.readWord(leafAddr);
  lines.push(`  leaf table at frame ${hex(table, 3)}`);
  lines.push(`  leaf[${leafIndex}] at ${hex(leafAddr)} = ${hex(leaf)}  ${describePte(leaf)}`);
  if ((leaf & PTE_V) === 0) return [...lines, '  leaf entry not valid: page fault (not present)'].join('\n');
  lines.push(`  physical address ${hex(((leaf >>> PAGE_SHIFT) << PAGE_SHIFT) | (va & 0xfff))}`);
  return lines.join('\n');
}

/** Every valid TLB entry by set and way. */
export function tlbView(k: Kernel): string {
  const tlb = k.machine.tlb;
  const valid: string[] = [];
  for (let e = 0; e < tlb.entries; e++) {
    if (!tlb.isValid(e)) continue;
    const set = Math.floor(e / tlb.ways);
    const flags = describePte(tlb.flags[e]!).split(' ')[2];
    valid.push(`${String(set).padStart(4)} ${String(e % tlb.ways).padStart(4)}  ${hex(tlb.vpns[e]!, 5)}  ${String(tlb.asids[e]!).padStart(4)}  ${hex(tlb.frameBase[e]! >>> PAGE_SHIFT, 3)}  ${flags}`);
  }
  const head = `TLB: ${tlb.entries} entries, ${tlb.sets} sets x ${tlb.ways} ways, ${tlb.policy}, ASIDs ${tlb.asidsEnabled ? 'on' : 'off'}, ${k.machine.mmu.softwareRefill ? 'software' : 'hardware'} refill; ${valid.length} valid`;
  if (valid.length === 0) return head;
  return [head, ' set  way  vpn      asid  frame  flags', ...valid].join('\n');
}

/** Free, kernel and user frames, with owners and reference counts; runs of free frames summarised. */
export function framesView(k: Kernel): string {
  const ft = k.vm.frames;
  const owners = new Map<number, string>();
  for (const [id, space] of k.vm.spaces) {
    owners.set(space.root, `root table of pid ${id}`);
    for (let r = 0; r < KERNEL_ROOT_INDEX; r++) {
      const e = k.machine.memory.readWord((space.root << PAGE_SHIFT) + r * 4);
      if ((e & PTE_V) !== 0) owners.set(e >>> PAGE_SHIFT, `page table of pid ${id} (root index ${r})`);
    }
  }
  const lines = [`frames: ${ft.frames} total, ${ft.freeFrames} free, ${ft.kernelFrames} kernel, ${ft.userFrames} user`];
  let f = 0;
  while (f < ft.frames) {
    const state = ft.state[f];
    if (state === FrameState.Free) {
      let end = f;
      while (end + 1 < ft.frames && ft.state[end + 1] === FrameState.Free) end++;
      lines.push(end === f ? `  ${hex(f, 3)}  free` : `  ${hex(f, 3)}-${hex(end, 3)}  free (${end - f + 1} frames)`);
      f = end + 1;
      continue;
    }
    if (state === FrameState.Kernel) {
      lines.push(`  ${hex(f, 3)}  kernel  ${owners.get(f) ?? 'kernel half page table (fixed)'}`);
    } else {
      const maps = ft.mappings(f).map((m) => `${m.spaceId}:${hex(m.vpn, 5)}`).join(' ');
      lines.push(`  ${hex(f, 3)}  user    refs ${ft.refcount[f]}  ${maps}`);
    }
    f++;
  }
  return lines.join('\n');
}

export function processView(k: Kernel): string {
  const rows = k.processes.map((p) => {
    const how = !p.alive ? (p.killCause !== undefined ? `killed: ${p.killCause}` : `exit ${p.exitCode ?? 0}`) : '';
    return [`${p === k.current ? '*' : ' '}${String(p.pid).padStart(4)}`, p.name, p.state, p.alive ? hex(k.pcOf(p)) : '-', how];
  });
  const all = [['  pid', 'name', 'state', 'pc', 'ended'], ...rows];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...all.map((r) => r[c]!.length)));
  return all.map((r) => r.map((cell, c) => (c < 4 ? cell.padEnd(widths[c]!) : cell)).join('  ').trimEnd()).join('\n');
}

/** Labels by address for disassembly. */
function labelAt(image: ProgramImage): (a: number) => string | undefined {
  const m = new Map<number, string>();
  for (const s of image.symbols) if (s.section === 'text' && !m.has(s.value)) m.set(s.value, s.name);
  return (a) => m.get(a);
}

/** N instructions from `address`, read through p's page table, with labels and source lines; `=>` marks pc. */
export function disassemblyView(k: Kernel, p: Process, address: number, count: number, source: readonly string[] | undefined): string {
  const image = p.space?.image;
  if (image === undefined) return `pid ${p.pid} has no address space`;
  const label = labelAt(image);
  const pc = k.pcOf(p);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const a = (address + i * 4) >>> 0;
    const name = label(a);
    if (name !== undefined) lines.push(`${name}:`);
    const mark = a === pc ? '=>' : '  ';
    const word = instructionAt(k, p, a);
    if (typeof word === 'string') {
      lines.push(`${mark} ${hex(a)}  ${word}`);
      break;
    }
    const line = lineOf(image, a);
    const text = disassembleWord(word, a, label);
    const src = line !== undefined ? `  ; ${line}: ${(source?.[line - 1] ?? '').trim()}`.trimEnd() : '';
    lines.push(`${mark} ${hex(a)}  ${hex(word).slice(2)}  ${text.padEnd(24)}${src}`.trimEnd());
  }
  return lines.join('\n');
}

/** The word at `a` in p's memory; for a text page not brought in yet, the image's word. */
export function instructionAt(k: Kernel, p: Process, a: number): number | string {
  const pa = physicalOf(k, p, a);
  if (typeof pa === 'number') return k.machine.memory.readWord(pa);
  const image = p.space?.image;
  const o = a - TEXT_BASE;
  if (image === undefined || o < 0 || o + 4 > image.text.length) return pa;
  const t = image.text;
  return (t[o]! | (t[o + 1]! << 8) | (t[o + 2]! << 16) | (t[o + 3]! << 24)) >>> 0;
}
