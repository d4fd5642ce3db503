import { memo } from 'preact/compat';
import { framesOf, type FrameView } from '../../index.js';
import type { Session } from '../session.js';
import { hex, pidColour } from '../format.js';
import { Panel } from './panel.js';

function describe(f: FrameView): string {
  switch (f.use) {
    case 'free': return `frame ${hex(f.frame, 3)}: free`;
    case 'kernel': return `frame ${hex(f.frame, 3)}: kernel (maps the kernel half)`;
    case 'root_table': return `frame ${hex(f.frame, 3)}: root page table of pid ${f.owners[0]}`;
    case 'page_table': return `frame ${hex(f.frame, 3)}: page table of pid ${f.owners[0]} (root index ${f.rootIndex})`;
    default: {
      const pages = f.pages.map((m) => `pid ${m.pid} page ${hex(m.vpn << 12)}`).join(', ');
      return `frame ${hex(f.frame, 3)}: user, ${f.shares > 1 ? `shared by ${f.shares}: ` : ''}${pages}`;
    }
  }
}

function style(f: FrameView): Record<string, string> {
  if (f.use === 'user' || f.use === 'root_table' || f.use === 'page_table') return { '--owner': pidColour(f.owners[0] ?? 0) };
  return {};
}

/** Frames drawn at most: 262144 squares would stall every redraw. */
const MAX_FRAMES_SHOWN = 4096;

const FrameCell = memo(function FrameCell(props: { f: FrameView }) {
  const f = props.f;
  return (
    <span class={`frame ${f.use} ${f.shares > 1 ? 'shared' : ''}`} style={style(f)} title={describe(f)}>
      {f.shares > 1 ? f.shares : ''}
    </span>
  );
}, (a, b) => a.f.use === b.f.use && a.f.shares === b.f.shares && a.f.pages.length === b.f.pages.length
  && a.f.owners.join() === b.f.owners.join() && a.f.pages.every((m, i) => m.vpn === b.f.pages[i]!.vpn && m.pid === b.f.pages[i]!.pid));

export function FramesPanel(props: { s: Session | undefined }) {
  const k = props.s?.kernel;
  if (k === undefined) return <Panel name="Frames"><p class="empty">no machine</p></Panel>;
  const view = framesOf(k);
  const shared = view.frames.filter((f) => f.shares > 1).length;
  const owners = [...new Set(view.frames.flatMap((f) => f.owners))].sort((a, b) => a - b);
  return (
    <Panel name="Frames" note={`${view.total} frames: ${view.free} free, ${view.kernel} kernel and page tables, ${view.user} user (${shared} shared)`}>
      <div class="frames" role="img" aria-label={`frame map: ${view.free} free, ${view.kernel} kernel, ${view.user} user`}>
        {view.frames.slice(0, MAX_FRAMES_SHOWN).map((f) => <FrameCell key={f.frame} f={f} />)}
      </div>
      {view.total > MAX_FRAMES_SHOWN ? <p class="note">showing the first {MAX_FRAMES_SHOWN} of {view.total} frames</p> : null}
      <p class="legend">
        <span class="frame free" /> free <span class="frame kernel" /> kernel <span class="frame page_table" style={{ '--owner': '#888' }} /> page table (outlined in its owner's colour)
        {owners.map((pid) => <span key={pid}><span class="frame user" style={{ '--owner': pidColour(pid) }} /> pid {pid} </span>)}
        <span class="frame user shared" style={{ '--owner': '#888' }}>2</span> shared (count)
      </p>
    </Panel>
  );
}
