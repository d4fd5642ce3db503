// The deliberate kernel bugs of the mutation score (`npm run mutate`,
// docs/robustness.md). The product holds none of them: each is a source
// transform that scripts/mutate.mjs applies to a copy of the tree. An edit
// replaces text that must occur exactly once in its file, so a refactor that
// moves the code makes the mutant fail loudly (test/robustness/mutants.test.ts
// checks every edit still applies) instead of silently testing nothing.
//
// A mutant is a test of the tests: the suite (attacks, examples, the
// checker, the fuzzers) must fail with each one applied, or it does not bite.

/** The one line through which every invalidating PTE write goes (kernel/vm.ts). */
const INVALIDATING_STORE = 'this.store(space, vpn, at, pte, site, true);';

/** A PTE write at the kernel sites `sites` forgets its TLB invalidation. */
function noInvalidate(...sites) {
  const spared = sites.map((s) => `site !== '${s}'`).join(' && ');
  return [{ file: 'kernel/vm.ts', find: INVALIDATING_STORE, replace: `this.store(space, vpn, at, pte, site, ${spared});` }];
}

export const MUTANTS = [
  {
    name: 'munmap-no-invalidate',
    description: 'munmap clears the PTEs but leaves their TLB entries',
    where: 'syscalls.ts sysMunmap -> unmapRange',
    edits: noInvalidate('munmap'),
  },
  {
    name: 'mprotect-no-invalidate',
    description: 'mprotect lowers the PTE rights but leaves the TLB entries',
    where: 'syscalls.ts sysMprotect -> reprotectRange',
    edits: noInvalidate('mprotect'),
  },
  {
    name: 'sbrk-shrink-no-invalidate',
    description: 'sbrk shrinking the heap clears the PTEs but leaves the TLB entries',
    where: 'syscalls.ts sysSbrk -> unmapRange',
    edits: noInvalidate('sbrk'),
  },
  {
    name: 'cow-break-no-invalidate',
    description: 'a copy-on-write break maps the new frame without dropping the old TLB entry',
    where: 'pager.ts breakCow',
    edits: noInvalidate('cow-reclaim', 'cow-copy'),
  },
  {
    name: 'evict-no-invalidate',
    description: 'eviction (swap-out or drop) clears the PTEs but leaves the TLB entries',
    where: 'evictor.ts evict',
    edits: noInvalidate('evict'),
  },
  {
    name: 'no-zero-fill',
    description: 'a new page keeps whatever its frame held before (no zero-fill)',
    where: 'pages.ts fillInitial',
    edits: [{ file: 'kernel/pages.ts', find: '  dest.fill(0);\n', replace: '' }],
  },
  {
    name: 'unmap-no-decref',
    description: 'unmapping a page forgets to drop its frame reference (the frame leaks)',
    where: 'pages.ts unmapPage',
    edits: [{
      file: 'kernel/pages.ts',
      find: 'if (vm.frames.removeMapping(frame, space.id, vpn) === 0) vm.freeFrame(frame);',
      replace: 'void frame;',
    }],
  },
  {
    name: 'cow-write-shared',
    description: 'a write to a shared COW page makes the shared frame writable instead of copying it',
    where: 'pager.ts breakCow',
    edits: [{ file: 'kernel/pager.ts', find: 'if (vm.frames.refcount[old] === 1) {', replace: 'if (vm.frames.refcount[old]! >= 1) {' }],
  },
  {
    name: 'fork-no-cow',
    description: 'fork shares writable pages writable, without copy-on-write',
    where: 'fork.ts shareFrame',
    edits: [{
      file: 'kernel/fork.ts',
      find: "if (region !== undefined && region.kind !== 'text') {",
      replace: "if (region !== undefined && region.kind !== 'text' && vpn < 0) {",
    }],
  },
  {
    name: 'kernel-half-user',
    description: 'the kernel half is mapped user-accessible (U=1)',
    where: 'vm.ts mapKernelHalf',
    edits: [{
      file: 'kernel/vm.ts',
      find: 'const flags = PTE_V | PTE_R | PTE_W | PTE_G | PTE_A | PTE_D;',
      replace: 'const flags = PTE_V | PTE_R | PTE_W | PTE_G | PTE_A | PTE_D | 0x10; // | PTE_U',
    }],
  },
  {
    name: 'write-no-pointer-check',
    description: "write() skips the check of its buffer against the caller's rights",
    where: 'syscalls.ts sysWrite',
    edits: [{ file: 'kernel/syscalls.ts', find: "  if (!rangeAllowed(space, buf, length, 'load')) return EFAULT;\n", replace: '' }],
  },
  {
    name: 'read-no-pointer-check',
    description: "read() skips the check of its buffer against the caller's rights",
    where: 'syscalls.ts sysRead',
    edits: [{ file: 'kernel/syscalls.ts', find: "  if (!rangeAllowed(space, buf, length, 'store')) return EFAULT;\n", replace: '' }],
  },
  {
    name: 'asid-reuse-no-flush',
    description: 'a recycled ASID is handed out without flushing its TLB entries',
    where: 'asids.ts assign, release',
    edits: [
      { file: 'kernel/asids.ts', find: '    this.tlb.invalidateAsid(asid);\n', replace: '' },
      // The TLB is still held (and `void`-read, or the build rejects an unread field), never flushed.
      { file: 'kernel/asids.ts', find: '    this.tlb.invalidateAsid(space.asid);\n', replace: '    void this.tlb;\n' },
    ],
  },
  {
    name: 'switch-no-flush',
    description: 'with ASIDs off, a context switch does not flush the TLB',
    where: 'kernel.ts load',
    edits: [{ file: 'kernel/kernel.ts', find: '    else tlb.invalidateAll();\n', replace: '' }],
  },
  {
    name: 'free-shared-frame',
    description: 'unmapping a shared page frees the frame although another sharer still maps it',
    where: 'pages.ts unmapPage',
    edits: [{
      file: 'kernel/pages.ts',
      find: 'if (vm.frames.removeMapping(frame, space.id, vpn) === 0) vm.freeFrame(frame);',
      replace: 'if (vm.frames.removeMapping(frame, space.id, vpn) > 0) vm.frames.refcount[frame] = 0;\n    vm.freeFrame(frame);',
    }],
  },
];

/** The text of `source` (the content of `edit.file`) with one edit applied; throws when the edit does not apply exactly once. */
export function applyEdit(source, edit) {
  const first = source.indexOf(edit.find);
  if (first < 0) throw new Error(`${edit.file}: the text to mutate is gone: ${JSON.stringify(edit.find)}`);
  if (source.indexOf(edit.find, first + 1) >= 0) throw new Error(`${edit.file}: the text to mutate occurs more than once: ${JSON.stringify(edit.find)}`);
  return source.slice(0, first) + edit.replace + source.slice(first + edit.find.length);
}
