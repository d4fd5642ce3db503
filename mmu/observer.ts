// What the hardware can tell an observer (the tracer, the debugger) about the
// TLB and the table walk. Only the MMU's slow path reports: a traced run uses
// the reference CPU, which sends every access through it, so every hit is seen.
import type { Access, FaultKind } from './access.js';

export interface HardwareObserver {
  tlbHit(vpn: number, asid: number, entry: number, access: Access): void;
  tlbMiss(vpn: number, asid: number, access: Access): void;
  /** A walk: the leaf PTE it found (0 when it faulted), its memory references and outcome. */
  walk(vpn: number, pte: number, refs: number, fault: FaultKind): void;
  /** A translation cached in (set, way); the entry's previous tenant if it was valid. */
  tlbFill(vpn: number, asid: number, set: number, way: number, evictedVpn: number, evictedAsid: number): void;
  tlbInvalidate(kind: 'page' | 'asid' | 'all', vpn: number, asid: number): void;
}
