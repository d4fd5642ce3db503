// Kernel events, for --trace and the debugger. Emitting is skipped entirely
// when nobody listens, so a run without a sink pays one null check per event.

export type KernelEvent =
  | { kind: 'process_start'; pid: number; name: string; parent: number }
  | { kind: 'process_end'; pid: number; status: 'exited' | 'killed'; code?: number; cause?: string; reason?: string; region?: string;
      pc?: number; address?: number; killer?: number }
  | { kind: 'trap'; pid: number; cause: string; pc: number; address?: number; access?: string }
  | { kind: 'page_fault'; pid: number; address: number; access: string; resolution: string }
  | { kind: 'evict'; pid: number; vpn: number; frame: number; to: 'swap' | 'drop'; slot?: number; sharers: number }
  | { kind: 'swap_in'; pid: number; vpn: number; slot: number; frame: number }
  | { kind: 'frame_alloc'; frame: number; use: 'user' | 'table' }
  | { kind: 'frame_free'; frame: number }
  | { kind: 'context_switch'; from: number; to: number }
  | { kind: 'syscall'; pid: number; name: string; result: number }
  /** A system call that cannot return yet (a wait with no ended child); its `syscall` event comes when it returns. */
  | { kind: 'syscall_blocked'; pid: number; name: string };

export interface EventSink {
  emit(event: KernelEvent, cycle: number): void;
}

/** One sink that tells each given sink in turn; undefined when none is given. */
export function fanOut(...sinks: (EventSink | undefined)[]): EventSink | undefined {
  const all = sinks.filter((s): s is EventSink => s !== undefined);
  if (all.length <= 1) return all[0];
  return { emit: (event, cycle) => { for (const s of all) s.emit(event, cycle); } };
}
