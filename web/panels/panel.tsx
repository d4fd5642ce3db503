// A panel: an ARIA region with a fixed accessible name (its title; the note
// beside the title is not part of it), so that screen readers and tests find
// it by name.
import type { ComponentChildren } from 'preact';

export function Panel(props: { name: string; class?: string; note?: ComponentChildren; children: ComponentChildren }) {
  return (
    <section class={`panel ${props.class ?? ''}`} role="region" aria-label={props.name}>
      <h2>{props.name}{props.note !== undefined ? <span class="note"> {props.note}</span> : null}</h2>
      <div class="panel-body">{props.children}</div>
    </section>
  );
}

/** A clickable address: shows its walk. */
export function Addr(props: { va: number; pid: number; onWalk: (pid: number, va: number) => void; label?: string }) {
  const text = props.label ?? `0x${(props.va >>> 0).toString(16).padStart(8, '0')}`;
  return <button type="button" class="addr" title="show the walk of this address" onClick={() => props.onWalk(props.pid, props.va >>> 0)}>{text}</button>;
}
