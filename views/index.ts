// Machine views as data (STYLE 15): one source for what the terminal
// debugger prints and what the browser draws. Every view only reads.
export { focusProcess, processByPid } from './machine.js';
export { decodePte, pteBits, rightsOf } from './pte.js';
export type { PteState, PteView } from './pte.js';
export { pageTableOf } from './pageTable.js';
export type { LeafView, PageTableView, RootEntryView } from './pageTable.js';
export { unmappableArea, walkOf } from './walk.js';
export type { UnmappableArea, WalkAccess, WalkLevel, WalkOutcome, WalkView } from './walk.js';
export { registersOf } from './registers.js';
export type { RegistersView, RegisterView } from './registers.js';
export { tlbOf } from './tlb.js';
export type { TlbEntryView, TlbView } from './tlb.js';
export { TlbActivity } from './tlbActivity.js';
export type { TlbFillRecord } from './tlbActivity.js';
export { framesOf } from './frames.js';
export type { FrameUse, FrameView, FramesView } from './frames.js';
export { processesOf } from './processes.js';
export type { ProcessView } from './processes.js';
export { disassemblyOf } from './disasm.js';
export type { DisasmRow, DisasmView, SourceText } from './disasm.js';
export { physicalAddressOf, wordOf } from './memory.js';
export { dataAccessOf } from './dataAccess.js';
export type { DataAccess } from './dataAccess.js';
export { swapOf } from './swap.js';
export type { SwapPage, SwapSlotView, SwapView } from './swap.js';
export { evaluate, parseNumber, PC_INDEX, registerIndex } from './expression.js';
export type { ExpressionScope } from './expression.js';
export { DebugError } from './debugError.js';
