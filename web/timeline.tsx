// The timeline: where the machine is, as instructions retired over every
// process, and a slider from 0 to the furthest this run has reached.
// Dragging or clicking it shows the machine there (web/replay.ts: a replay
// to go back, stepping on to go forward); a drag's many moves are coalesced
// by web/seekRunner.ts.
import { grouped } from './format.js';

export function Timeline(props: {
  position: number; furthest: number; progress: { done: number; total: number } | undefined; onSeek: (n: number) => void;
  /** Makes a share link that opens the machine here; undefined where there is no here to link (the start, the end, while running). */
  onLink: (() => void) | undefined;
  /** Back to the latest stop a Run from the start would have made before here; undefined at the start. */
  onBackToStop: (() => void) | undefined;
}) {
  const { position, furthest } = props;
  return (
    <div class="timeline" role="group" aria-label="Timeline">
      <span class="position" aria-label="Position">instruction {grouped(position)}</span>
      <input type="range" min={0} max={Math.max(furthest, 1)} step={1} value={position} disabled={furthest === 0}
        aria-label="Go to instruction" aria-valuetext={`instruction ${grouped(position)} of ${grouped(furthest)} reached`}
        title={`0 to ${grouped(furthest)}, the furthest this run has reached: drag or click to see the machine there`}
        onInput={(e) => props.onSeek(Number((e.target as HTMLInputElement).value))} />
      <span class="furthest" aria-label="Furthest">{grouped(furthest)}</span>
      <button type="button" onClick={props.onBackToStop} disabled={props.onBackToStop === undefined}
        title="Back to the last stop before here that a Run from the start makes, with the breakpoints, watches and Stop at boxes set now (the start if none): the run replayed to there">Back to stop</button>
      <button type="button" onClick={props.onLink} disabled={props.onLink === undefined} title="Share link that opens the machine at this instruction">Link here</button>
      {props.progress !== undefined ? <progress aria-label="Seek progress" max={Math.max(props.progress.total, 1)} value={props.progress.done} /> : null}
    </div>
  );
}
