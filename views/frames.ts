// The frame table as data: every physical frame is free, one of the kernel's
// fixed frames (the tables that map the kernel half), a process's root or
// second-level page table, or a user page with the pids that map it and its
// share count (one reference per PTE, SPEC section 7).
import { FrameState } from '../kernel/frameTable.js';
import { KERNEL_ROOT_INDEX } from '../mmu/layout.js';
import { PAGE_SHIFT } from '../mmu/page.js';
import { physicalWord, spacesOf, type Kernel } from './machine.js';

export type FrameUse = 'free' | 'kernel' | 'root_table' | 'page_table' | 'user';

export interface FrameView {
  readonly frame: number;
  readonly use: FrameUse;
  /** Pids that own it: the table's space, or every process mapping the user page (sorted, distinct). */
  readonly owners: readonly number[];
  /** User pages: PTEs mapping it. */
  readonly shares: number;
  /** User pages: each mapping, as pid and page. */
  readonly pages: readonly { readonly pid: number; readonly vpn: number }[];
  /** Second-level tables: the root index they serve. */
  readonly rootIndex?: number;
}

export interface FramesView {
  readonly total: number;
  readonly free: number;
  readonly kernel: number;
  readonly user: number;
  readonly frames: readonly FrameView[];
}

export function framesOf(k: Kernel): FramesView {
  const ft = k.vm.frames;
  const tables = new Map<number, { pid: number; root: boolean; rootIndex?: number }>();
  for (const [pid, space] of spacesOf(k)) {
    tables.set(space.root, { pid, root: true });
    for (let r = 0; r < KERNEL_ROOT_INDEX; r++) {
      const e = physicalWord(k, (space.root << PAGE_SHIFT) + r * 4);
      if ((e & 1) !== 0) tables.set(e >>> PAGE_SHIFT, { pid, root: false, rootIndex: r });
    }
  }
  const frames: FrameView[] = [];
  for (let f = 0; f < ft.frames; f++) {
    const state = ft.state[f];
    if (state === FrameState.Free) {
      frames.push({ frame: f, use: 'free', owners: [], shares: 0, pages: [] });
    } else if (state === FrameState.Kernel) {
      const t = tables.get(f);
      if (t === undefined) frames.push({ frame: f, use: 'kernel', owners: [], shares: 0, pages: [] });
      else frames.push({ frame: f, use: t.root ? 'root_table' : 'page_table', owners: [t.pid], shares: 0, pages: [], ...(t.rootIndex !== undefined ? { rootIndex: t.rootIndex } : {}) });
    } else {
      const pages = ft.mappings(f).map((m) => ({ pid: m.spaceId, vpn: m.vpn }));
      const owners = [...new Set(pages.map((m) => m.pid))].sort((a, b) => a - b);
      frames.push({ frame: f, use: 'user', owners, shares: ft.refcount[f]!, pages });
    }
  }
  return { total: ft.frames, free: ft.freeFrames, kernel: ft.kernelFrames, user: ft.userFrames, frames };
}
