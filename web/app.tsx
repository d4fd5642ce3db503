// The page: programs and configuration on top, the machine's panels below.
// State lives here; the machine itself lives in a Session, run by a Runner
// in slices; the panels draw views of it, at most every RENDER_MS while it runs.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { assemble } from '../index.js';
import { BreakAt } from './breakAt.js';
import { codeLinesOf } from './breakpoints.js';
import type { StopKind } from './eventStop.js';
import { StopBoxes } from './stopBoxes.js';
import { useStepKeys } from './stepKeys.js';
import { SWAP_BESIDE_FRAMES, useMediaQuery } from './layout.js';
import { parseWatch, watchStopText } from './watch.js';
import { WatchEntry } from './watchEntry.js';
import { ConfigForm, validateConfig } from './configForm.js';
import { Editor } from './editor.js';
import { ATTACKS, EXAMPLES, findChoice, readLibrary } from './programs.js';
import { Runner } from './runner.js';
import { StopSeek } from './replay.js';
import { SeekRunner } from './seekRunner.js';
import { Timeline } from './timeline.js';
import { DEFAULT_WEB_CONFIG, Session, type ProgramSource, type WebConfig } from './session.js';
import { count, grouped } from './format.js';
import { DAMAGED_LINK_IN_TAB, encodeState, readLink, type SharedState } from './share.js';
import { parseHomeworkHash } from './homeworkLink.js';
import type { HomeworkSettings } from './homeworkSettings.js';
import { DisassemblyPanel } from './panels/disassembly.js';
import { EventsPanel } from './panels/events.js';
import { FramesPanel } from './panels/frames.js';
import { OutputPanel } from './panels/output.js';
import { PageTablePanel } from './panels/pageTable.js';
import { Panel } from './panels/panel.js';
import { ProcessesPanel } from './panels/processes.js';
import { RegistersPanel } from './panels/registers.js';
import { StatisticsPanel } from './panels/statistics.js';
import { SwapPanel } from './panels/swap.js';
import { SweepPanel } from './panels/sweep.js';
import { TlbPanel } from './panels/tlb.js';
import { WalkPanel, type WalkTarget } from './panels/walk.js';

const SPEEDS: readonly [string, number][] = [
  ['full speed', Infinity], ['500 000 instructions/s', 500_000], ['50 000 instructions/s', 50_000],
  ['5 000 instructions/s', 5_000], ['500 instructions/s', 500], ['50 instructions/s', 50],
];
const DEFAULT_SPEED = 50_000;
const NO_LINES: readonly number[] = [];
/** Beside app.js in dist/web/; a variable, so that the bundler leaves the import to the browser. */
const HOMEWORK_MODULE = './homework.js';

/** The Homework view, loaded and drawn into its box on first use (web/homeworkEntry.tsx). */
function HomeworkMount(props: { initial: HomeworkSettings }) {
  // The box is the view's own: its Preact draws there, and this one never puts a child in it.
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState('loading the homework...');
  const loaded = useRef<typeof import('./homeworkEntry.js') | undefined>(undefined);
  useEffect(() => {
    (import(HOMEWORK_MODULE) as Promise<typeof import('./homeworkEntry.js')>)
      .then((m) => { loaded.current = m; m.mountHomework(box.current!, props.initial); setState(''); })
      .catch((err: Error) => setState(`the homework did not load: ${err.message}`));
  }, []);
  // A new homework link opened in this tab (hashchange): its problem replaces the one shown.
  useEffect(() => { loaded.current?.mountHomework(box.current!, props.initial); }, [props.initial]);
  return <>{state ? <p class={state.startsWith('loading') ? 'empty' : 'error'} role={state.startsWith('loading') ? undefined : 'alert'}>{state}</p> : null}<div ref={box} /></>;
}
const DEFAULT_HOMEWORK: HomeworkSettings = { kind: 'translate', seed: 0, options: {} };

interface Problem {
  readonly program: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/**
 * What the page opens with: a shared link, else the files `illusion web FILE...` serves, else hello.s;
 * with a line for each value of the link it could not use (or one saying the link could not be read).
 */
interface PageState { programs: ProgramSource[]; config: WebConfig; stdin: string; breakpoints?: number[][]; breakAt?: string[]; watch?: string[]; stopAtKill?: boolean; stopAt?: StopKind[]; at?: number; linkNotes: readonly string[] }

function pageStateOf(shared: SharedState, notes: readonly string[]): PageState {
  return {
    programs: [...shared.programs], config: shared.config, stdin: shared.stdin ?? '', ...(shared.at !== undefined ? { at: shared.at } : {}),
    breakpoints: (shared.breakpoints ?? []).map((ls) => [...ls]), breakAt: [...(shared.breakAt ?? [])], watch: [...(shared.watch ?? [])], stopAtKill: shared.stopAtKill === true, stopAt: [...(shared.stopAt ?? [])],
    linkNotes: notes,
  };
}

async function initialState(): Promise<PageState> {
  const read = await readLink(location.hash);
  if (read.kind === 'state') return pageStateOf(read.state, read.notes);
  const linkNotes = read.kind === 'damaged' ? [read.note] : [];
  try {
    const r = await fetch('files.json', { cache: 'no-store' });
    if (r.ok) {
      const files = (await r.json()) as ProgramSource[];
      if (Array.isArray(files) && files.length > 0) return { programs: files, config: DEFAULT_WEB_CONFIG, stdin: '', linkNotes };
    }
  } catch {
    // A static host without files.json: fall through.
  }
  return { programs: [...(findChoice('hello.s')?.programs ?? EXAMPLES[0]!.programs)], config: DEFAULT_WEB_CONFIG, stdin: '', linkNotes };
}

export function App() {
  const [programs, setPrograms] = useState<ProgramSource[]>([]);
  const [tab, setTab] = useState(0);
  const [config, setConfig] = useState<WebConfig>(DEFAULT_WEB_CONFIG);
  const [, setTick] = useState(0);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [pinnedPid, setPinnedPid] = useState<number | undefined>(undefined);
  const [walk, setWalk] = useState<WalkTarget | undefined>(undefined);
  const [speed, setSpeed] = useState(DEFAULT_SPEED);
  const [stepN, setStepN] = useState(100);
  const [shareLink, setShareLink] = useState('');
  const [dirty, setDirty] = useState(false);
  const [stdin, setStdin] = useState('');
  /** Pause before a process is killed for its own trap, with it whole (web/killStop.ts). */
  const [stopAtKill, setStopAtKill] = useState(false);
  /** Kernel events to pause after (web/eventStop.ts). */
  const [stopKinds, setStopKinds] = useState<readonly StopKind[]>([]);
  /** Breakpoint lines per program (the editor's tabs), kept across Reset. */
  const [breaks, setBreaks] = useState<number[][]>([]);
  /** Breakpoints by name (a label, FILE:LINE of any file), in every program that has them; kept across Reset. */
  const [named, setNamed] = useState<string[]>([]);
  /** Watch entries (web/watch.ts), in every process; kept across Reset. */
  const [watches, setWatches] = useState<string[]>([]);
  /** One line about breakpoints: one refused, or dropped at a boot because its line no longer holds an instruction. */
  const [breakNote, setBreakNote] = useState('');
  /** What the page did with a share link it could not fully use (web/share.ts); cleared by a new example or a new link. */
  const [linkNotes, setLinkNotes] = useState<readonly string[]>([]);
  /** Counts programs loaded from outside the editor (an example, the first load): each is a new editor. */
  const [loaded, setLoaded] = useState(0);
  /** The page's two views: the machine, or the homework (a link to homework opens on it). */
  const [homework, setHomework] = useState<HomeworkSettings | undefined>(() => parseHomeworkHash(location.hash));
  const [view, setView] = useState<'machine' | 'homework'>(homework !== undefined ? 'homework' : 'machine');
  const session = useRef<Session | undefined>(undefined);
  const rerender = () => setTick((t) => t + 1);
  /** On a laptop screen the Swap panel sits beside the frame map, under the editor (web/layout.ts). */
  const swapBeside = useMediaQuery(SWAP_BESIDE_FRAMES);
  const runner = useMemo(() => new Runner(() => session.current, rerender, DEFAULT_SPEED), []);
  /** The furthest instruction this run has reached (the timeline's end); a boot starts it again. */
  const furthest = useRef(0);
  /** Back to stop found no stop before where it started: the status says so at the start it landed on. */
  const noStopBefore = useRef(false);
  /** Going back and forth in the run (web/replay.ts); the session it lands on is shown with the breakpoints and watches kept. */
  const seeker = useMemo(() => new SeekRunner(() => session.current, rerender, (job) => {
    const before = session.current;
    if (before !== undefined) job.session.landFrom(before);
    session.current = job.session;
    noStopBefore.current = job instanceof StopSeek && job.found === 0;
    setPinnedPid((p) => (p === undefined || job.session.process(p) !== undefined ? p : undefined));
    rerender();
  }), []);
  runner.speed = speed;
  if (session.current !== undefined) {
    session.current.stopAtKill = stopAtKill;
    session.current.stopAt = new Set(stopKinds);
  }

  function boot(progs: readonly ProgramSource[], cfg: WebConfig, input = stdin, lines = breaks, names = named, watched = watches): Session | undefined {
    runner.pause();
    seeker.cancel();
    furthest.current = 0;
    noStopBefore.current = false;
    const error = validateConfig(cfg);
    if (error !== undefined) {
      setProblems([{ program: 'configuration', line: 0, column: 0, message: error }]);
      session.current = undefined;
      return undefined;
    }
    const r = Session.boot(progs, cfg, input, readLibrary);
    setDirty(false);
    setPinnedPid(undefined);
    if ('errors' in r) {
      setProblems(r.errors.errors.flatMap((f) => f.errors.map((e) => ({ program: progs[f.program]!.name, line: e.line, column: e.column, message: e.message }))));
      session.current = undefined;
      rerender();
      return undefined;
    }
    setProblems([]);
    const dropped = r.session.setBreakpoints(lines, names);
    const notes: string[] = [];
    if (dropped.length > 0) {
      const gone = new Map(dropped.map((d) => [d.program, new Set(d.lines)]));
      setBreaks(lines.map((ls, i) => ls.filter((l) => !gone.get(i)?.has(l))));
      const where = dropped.map((d) => `${progs[d.program]!.name}:${d.lines.join(', ')}`).join('; ');
      notes.push(`${dropped.flatMap((d) => d.lines).length === 1 ? 'breakpoint' : 'breakpoints'} at ${where} removed: no instruction there now`);
    }
    const unresolved = r.session.unresolvedBreaks;
    if (unresolved.length > 0) {
      setNamed(names.filter((n) => !unresolved.some((u) => u.startsWith(`${n}: `))));
      notes.push(`removed: ${unresolved.join('; ')}`);
    }
    const refused = r.session.setWatches(watched);
    if (refused.length > 0) {
      setWatches(watched.filter((w) => !refused.some((u) => u.startsWith(`${w}: `))));
      notes.push(`watch removed: ${refused.join('; ')}`);
    }
    setBreakNote(notes.join('; '));
    session.current = r.session;
    rerender();
    return r.session;
  }

  /** Puts a lesson on the page (the first load, or a share link opened in this tab) and boots it. */
  function openLesson({ programs: progs, config: cfg, stdin: input, breakpoints = [], breakAt = [], watch = [], stopAtKill: stop = false, stopAt = [], at, linkNotes: notes }: PageState): void {
    setLinkNotes(notes);
    setPrograms(progs);
    setLoaded((n) => n + 1);
    setConfig(cfg);
    setStdin(input);
    setBreaks(breakpoints);
    setNamed(breakAt);
    setWatches(watch);
    setStopAtKill(stop);
    setStopKinds(stopAt);
    const booted = boot(progs, cfg, input, breakpoints, breakAt, watch);
    if (booted !== undefined) booted.stopAtKill = stop;
    // A link to an instruction: the run is stepped there (in slices, its progress in the status).
    if (booted !== undefined && at !== undefined && at > 0) seeker.request({ to: at });
  }

  useEffect(() => {
    void initialState().then(openLesson);
    return () => { runner.pause(); seeker.cancel(); };
  }, []);

  // A homework link pasted into this tab's address bar (the page does not reload): its problem opens.
  // A share link pasted there opens its lesson, as a new tab would (Share link itself changes the
  // address without this event); one that cannot be read says so and leaves the page as it is.
  useEffect(() => {
    const onHash = () => {
      if (location.hash.startsWith('#s=')) {
        const hash = location.hash;
        void readLink(hash).then((read) => {
          if (location.hash !== hash) return;
          setView('machine');
          if (read.kind === 'state') {
            setTab(0);
            setWalk(undefined);
            setShareLink('');
            openLesson(pageStateOf(read.state, read.notes));
          } else if (read.kind === 'damaged') setLinkNotes([DAMAGED_LINK_IN_TAB]);
        });
        return;
      }
      const settings = parseHomeworkHash(location.hash);
      if (settings === undefined) return;
      setHomework(settings);
      setView('homework');
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  /** The session to run or step: a fresh one when there is none, it ended, or the programs changed. */
  function ready(): Session | undefined {
    const s = session.current;
    if (s === undefined || s.done || dirty) return boot(programs, config);
    return s;
  }

  const run = () => { noStopBefore.current = false; seeker.cancel(); if (ready()) runner.start(); };
  const step = (n: number) => {
    runner.pause();
    seeker.cancel();
    if (ready()) runner.step(n);
  };
  const pause = () => { seeker.cancel(); runner.pause(); };
  /** Back n instructions: a replay of the run (web/replay.ts) to there, the stops kept but not stopping it. */
  const stepBack = (n: number) => {
    runner.pause();
    if (session.current !== undefined) seeker.request({ back: n });
  };
  const backToStop = () => {
    runner.pause();
    if (session.current !== undefined) seeker.request({ lastStop: true });
  };
  const seekTo = (n: number) => {
    runner.pause();
    if (session.current !== undefined) seeker.request({ to: n });
  };
  const reset = () => boot(programs, config);
  const load = (label: string) => {
    const choice = findChoice(label);
    if (choice === undefined) return;
    const progs = [...choice.programs];
    setLinkNotes([]);
    setPrograms(progs);
    setLoaded((n) => n + 1);
    setTab(0);
    setWalk(undefined);
    setBreaks([]);
    setNamed([]);
    setWatches([]);
    boot(progs, config, stdin, [], [], []);
  };
  const edit = (text: string) => {
    setPrograms((ps) => ps.map((p, i) => (i === tab ? { ...p, source: text } : p)));
    setDirty(true);
    // The assembler's list was of the text before this edit: it no longer holds (the editor's own marks do, live).
    setProblems((ps) => (ps.length > 0 && ps[0]!.program !== 'configuration' ? [] : ps));
  };
  /** A click in the editor's gutter: removes the line's breakpoint, or sets one if the line holds an instruction. */
  const toggleBreakpoint = (line: number, text: string) => {
    const name = programs[tab]!.name;
    const mine = breaks[tab] ?? [];
    if (!mine.includes(line)) {
      // The text as it is now (it may be edited since the last boot); text that does not assemble is checked at the next boot.
      const r = assemble(text, name, { readInclude: readLibrary });
      if (r.ok && !codeLinesOf(r.image).has(line)) {
        setBreakNote(`${name}:${line} holds no instruction: no breakpoint set there`);
        return;
      }
    }
    const next = programs.map((_, i) => (i !== tab ? breaks[i] ?? [] : mine.includes(line) ? mine.filter((l) => l !== line) : [...mine, line].sort((a, b) => a - b)));
    setBreaks(next);
    setBreakNote('');
    // An edited program runs only after it is assembled again, and that boot arms the lines.
    if (!dirty) session.current?.setBreakpoints(next, named);
  };
  /** A "Break at" entry: refused in one line when the programs as assembled have no such label or line. */
  const addNamed = (spec: string) => {
    if (named.includes(spec)) return;
    const s = session.current;
    if (s !== undefined && !dirty) {
      s.setBreakpoints(breaks, [...named, spec]);
      const why = s.unresolvedBreaks.find((u) => u.startsWith(`${spec}: `));
      if (why !== undefined) {
        s.setBreakpoints(breaks, named);
        setBreakNote(`not set: ${why}`);
        return;
      }
    }
    setNamed([...named, spec]);
    setBreakNote('');
  };
  const removeNamed = (spec: string) => {
    const next = named.filter((n) => n !== spec);
    setNamed(next);
    if (!dirty) session.current?.setBreakpoints(breaks, next);
  };
  /** A "Watch" entry: refused in one line when it names no word or register (web/watch.ts says why). */
  const addWatch = (spec: string) => {
    if (watches.includes(spec)) return;
    const s = session.current;
    const why = s !== undefined && !dirty
      ? s.setWatches([...watches, spec]).find((u) => u.startsWith(`${spec}: `))
      : ((t) => (typeof t === 'string' ? `${spec}: ${t}` : undefined))(parseWatch(spec));
    if (why !== undefined) {
      if (s !== undefined && !dirty) s.setWatches(watches);
      setBreakNote(`watch not set: ${why}`);
      return;
    }
    setWatches([...watches, spec]);
    setBreakNote('');
  };
  const removeWatch = (spec: string) => {
    const next = watches.filter((w) => w !== spec);
    setWatches(next);
    if (!dirty) session.current?.setWatches(next);
  };
  /** Share link: the lesson as set up; with `here`, also the instruction the page is paused at (the timeline's Link here). */
  const share = async (here = false) => {
    const lines = programs.map((_, i) => breaks[i] ?? []);
    const hash = await encodeState({
      programs, config, ...(stdin !== '' ? { stdin } : {}),
      ...(lines.some((ls) => ls.length > 0) ? { breakpoints: lines } : {}), ...(stopAtKill ? { stopAtKill } : {}),
      ...(stopKinds.length > 0 ? { stopAt: [...stopKinds] } : {}),
      ...(named.length > 0 ? { breakAt: [...named] } : {}),
      ...(watches.length > 0 ? { watch: [...watches] } : {}),
      // Paused partway (not at the start, not at the end): the link opens the machine at that instruction.
      ...(here && session.current !== undefined && !session.current.done && session.current.instructions > 0 ? { at: session.current.instructions } : {}),
    });
    history.replaceState(null, '', hash);
    setLinkNotes([]);
    setShareLink(location.href);
    try { await navigator.clipboard.writeText(location.href); } catch { /* not allowed here: the link is shown */ }
  };

  useStepKeys({
    runOrPause: () => { if (runner.running || seeker.busy) pause(); else run(); }, step: (many) => step(many ? stepN : 1),
    stepBack: (many) => stepBack(many ? stepN : 1), active: view === 'machine',
  });

  const showWalk = (p: number, va: number) => setWalk({ pid: p, va });
  const s = session.current;
  if (s !== undefined) furthest.current = Math.max(furthest.current, s.instructions);
  const seeking = seeker.busy;
  const heading = seeker.heading;
  const seekProgress = seeker.job?.progress;
  const seekNote = !seeking ? '' : `${seeker.job?.replay === false ? 'stepping on' : 'replaying'}${seekProgress !== undefined && seekProgress.total > 0 ? `: ${Math.floor((100 * seekProgress.done) / seekProgress.total)}%` : ''}`;
  const stop = runner.running ? undefined : s?.breakStop;
  const killStop = runner.running ? undefined : s?.killStop;
  const eventStop = runner.running ? undefined : s?.eventStop;
  const watchStop = runner.running ? undefined : s?.watchStop;
  // An out-of-memory kill's victim has no tables left to show: the panels follow the CPU then.
  const eventPid = eventStop?.kind === 'oom' ? undefined : eventStop?.pid;
  const pid = pinnedPid ?? stop?.pid ?? watchStop?.pid ?? killStop?.pid ?? eventPid ?? s?.focusPid();
  const shown = s?.process(pid);
  const configProblem = problems.length > 0 && problems[0]!.program === 'configuration';
  const status = s === undefined ? (configProblem ? 'not started: fix the configuration' : problems.length > 0 ? 'not assembled: fix the errors' : dirty ? 'edited: Run or Reset assembles it' : 'loading')
    : seeking ? `going to instruction ${grouped(heading ?? s.instructions)} (${seekNote})`
    : s.done ? `done after ${count(s.instructions, 'instruction')}` : runner.running ? 'running'
    : stop !== undefined ? `paused at breakpoint, pid ${stop.pid} at ${stop.file}:${stop.line}`
    : watchStop !== undefined ? `paused: ${watchStopText(watchStop)}`
    : eventStop !== undefined ? eventStop.text
    : killStop !== undefined ? `paused before a kill, pid ${killStop.pid}${killStop.line !== undefined ? ` at ${killStop.file}:${killStop.line}` : ''}: ${killStop.cause} (${killStop.reason})`
    : s.instructions === 0 ? (dirty ? 'edited: Run or Reset assembles it' : noStopBefore.current ? 'no stop before there: back at the start' : 'ready') : `paused after ${count(s.instructions, 'instruction')}`;
  // Paused or stepped: the editor puts its cursor on the pc's line (not while running: it would fight the typing).
  const pcLine = s !== undefined && !runner.running && programs[tab]?.name === shown?.name ? s.pcLineOf(pid) : undefined;

  // A breakpoint stop shows its process and its program's tab (a pid clicked before no longer holds the panels).
  useEffect(() => {
    if (stop === undefined) return;
    setPinnedPid(undefined);
    setTab(stop.program);
  }, [stop]);

  // A watch stop shows the process whose word or register changed, and its program's tab.
  useEffect(() => {
    if (watchStop === undefined) return;
    setPinnedPid(undefined);
    const name = s?.process(watchStop.pid)?.name;
    const i = programs.findIndex((p) => p.name === name);
    if (i >= 0) setTab(i);
  }, [watchStop]);

  // A kill stop shows its process and program too, and the walk of the address it touched: why the MMU refused it.
  useEffect(() => {
    if (killStop === undefined) return;
    setPinnedPid(undefined);
    if (killStop.program >= 0) setTab(killStop.program);
    if (killStop.address !== undefined) setWalk({ pid: killStop.pid, va: killStop.address, ...(killStop.access !== undefined ? { access: killStop.access } : {}) });
  }, [killStop]);

  // An event stop shows its process (the faulting one, the evicted page's owner, the fork's child) and a fault's walk.
  useEffect(() => {
    if (eventStop === undefined) return;
    setPinnedPid(undefined);
    const name = s?.process(eventStop.pid)?.name;
    const i = programs.findIndex((p) => p.name === name);
    if (i >= 0) setTab(i);
    if (eventStop.address !== undefined) setWalk({ pid: eventStop.pid, va: eventStop.address, ...(eventStop.access !== undefined ? { access: eventStop.access } : {}) });
  }, [eventStop]);

  const swapPanel = <SwapPanel s={s} onWalk={showWalk} />;
  return (
    <div class="app">
      <header>
        <h1>illusion</h1>
        {/* Buttons, not tabs: the program tabs are the page's only tablist. */}
        <nav class="views" aria-label="Views">
          <button type="button" aria-pressed={view === 'machine'} onClick={() => setView('machine')}>Machine</button>
          <button type="button" aria-pressed={view === 'homework'} onClick={() => { setHomework(homework ?? DEFAULT_HOMEWORK); setView('homework'); }}>Homework</button>
        </nav>
        {view === 'homework' ? null : <>
        <label>Examples <select aria-label="Load an example" value="" onChange={(e) => load((e.target as HTMLSelectElement).value)}>
          <option value="">choose a program...</option>
          <optgroup label="Examples">{EXAMPLES.map((c) => <option key={c.label} value={c.label}>{c.label}</option>)}</optgroup>
          <optgroup label="Attacks (beside the bystander)">{ATTACKS.map((c) => <option key={c.label} value={c.label}>{c.label}</option>)}</optgroup>
        </select></label>
        <button type="button" onClick={() => void share()}>Share link</button>
        {shareLink ? <input class="share" readOnly value={shareLink} aria-label="Shareable link" onFocus={(e) => (e.target as HTMLInputElement).select()} /> : null}
        {/* Up here, not after the Stop at boxes: on a laptop it wrapped to a line of its own there, 24 pixels the panels need. */}
        <span class="status" role="status" aria-live="polite">{status}</span>
        </>}
      </header>
      {/* Opened once, kept: a student's entries survive a look at the machine. */}
      {homework !== undefined ? (
        <div class="homework-view" hidden={view !== 'homework'}><HomeworkMount initial={homework} /></div>
      ) : null}
      <div class="machine-view" hidden={view !== 'machine'}>

      <div class="controls" role="toolbar" aria-label="Controls">
        <button type="button" onClick={run} disabled={runner.running} aria-keyshortcuts="F8" title="Run (F8; F8 again pauses)">Run<kbd aria-hidden="true">F8</kbd></button>
        <button type="button" onClick={() => step(1)} aria-keyshortcuts="F10" title="Step one instruction (F10)">Step<kbd aria-hidden="true">F10</kbd></button>
        <label class="stepn">N <input type="number" min={1} value={stepN} aria-label="N" onInput={(e) => setStepN(Math.max(1, Math.floor(Number((e.target as HTMLInputElement).value)) || 1))} /></label>
        <button type="button" onClick={() => step(stepN)} aria-keyshortcuts="Shift+F10" title="Step N instructions (Shift+F10)">Step N<kbd aria-hidden="true">⇧F10</kbd></button>
        <button type="button" onClick={() => stepBack(1)} disabled={s === undefined || (!seeking && s.instructions === 0 && s.settled)} aria-keyshortcuts="F9 Shift+F9"
          title="Step back one instruction (F9; Shift+F9 goes back N): the run replayed to there">Step back<kbd aria-hidden="true">F9</kbd></button>
        <button type="button" onClick={pause} disabled={!runner.running && !seeking} aria-keyshortcuts="F8" title="Pause (F8)">Pause<kbd aria-hidden="true">F8</kbd></button>
        <button type="button" onClick={reset}>Reset</button>
        <label>Speed <select value={String(speed)} onChange={(e) => setSpeed(Number((e.target as HTMLSelectElement).value))}>
          {SPEEDS.map(([label, v]) => <option key={label} value={String(v)}>{label}</option>)}
        </select></label>
        <StopBoxes kill={stopAtKill} onKill={setStopAtKill} kinds={stopKinds} onKinds={setStopKinds} />
        {/* In the controls' row: on a laptop it fits beside the Stop at boxes, taking no line of its own from the panels. */}
        <Timeline position={heading ?? s?.instructions ?? 0} furthest={Math.max(furthest.current, heading ?? 0)} progress={seeking ? seekProgress ?? { done: 0, total: 0 } : undefined} onSeek={seekTo}
          onBackToStop={s !== undefined && !dirty && !runner.running && (s.instructions > 0 || !s.settled) ? backToStop : undefined}
          onLink={s !== undefined && !dirty && !seeking && !runner.running && !s.done && s.instructions > 0 ? () => void share(true) : undefined} />
      </div>
      <ConfigForm config={config} onChange={setConfig} pending={s !== undefined && JSON.stringify(config) !== JSON.stringify(s.config)} />
      {linkNotes.length > 0 ? (
        <ul class="link-notes" role="note" aria-label="About the link">{linkNotes.map((n, i) => <li key={i}>{n}</li>)}</ul>
      ) : null}
      {problems.length > 0 ? (
        <ul class="problems" role="alert" aria-label={configProblem ? 'Configuration error' : 'Assembler errors'}>
          {problems.map((p, i) => <li key={i}>{p.line > 0 ? `${p.program}:${p.line}:${p.column}: ` : `${p.program}: `}{p.message}</li>)}
        </ul>
      ) : null}

      {killStop !== undefined ? <p class="kill-stop" role="note" aria-label="Kill about to happen">{killStop.text} (Run or Step carries it out)</p> : null}

      <main class="grid">
        <div class="column">
          <Panel name="Editor" class="editor-panel" note={dirty ? 'edited: Run or Reset assembles it again' : undefined}>
            <div class="tabs" role="tablist" aria-label="Programs">
              {programs.map((p, i) => (
                <button key={i} type="button" role="tab" aria-selected={i === tab} onClick={() => setTab(i)}>pid {i + 1}: {p.name}</button>
              ))}
            </div>
            <BreakAt names={named} onAdd={addNamed} onRemove={removeNamed} />
            <WatchEntry specs={watches} onAdd={addWatch} onRemove={removeWatch} />
            {breakNote ? <p class="bp-note" role="note">{breakNote}</p> : null}
            {programs[tab] ? <Editor key={`${loaded}:${tab}`} value={programs[tab]!.source} name={programs[tab]!.name} onChange={edit} highlightLine={pcLine}
              breakpoints={breaks[tab] ?? NO_LINES} onToggleBreakpoint={toggleBreakpoint} /> : null}
            <label class="stdin">Standard input (for read(0), from the next Run or Reset)
              <textarea rows={2} value={stdin} onInput={(e) => { setStdin((e.target as HTMLTextAreaElement).value); setDirty(true); }} />
            </label>
          </Panel>
          {swapBeside ? swapPanel : null}
          <OutputPanel s={s} />
          <ProcessesPanel s={s} pid={pid} onSelect={(p) => setPinnedPid(p === pinnedPid ? undefined : p)} />
          <StatisticsPanel s={s} />
        </div>
        <div class="column">
          <RegistersPanel s={s} pid={pid} onWalk={showWalk} />
          {/* Under the registers: at 1280x800 it was under the TLB and the page table, below the fold; here all three are in view together. */}
          <FramesPanel s={s} onWalk={showWalk} />
          {swapBeside ? null : swapPanel}
          <DisassemblyPanel s={s} pid={pid} onWalk={showWalk} />
          <WalkPanel s={s} pid={pid} target={walk} onWalk={showWalk} />
          <EventsPanel s={s} />
        </div>
        <div class="column">
          <TlbPanel s={s} pid={pid} onWalk={showWalk} />
          <PageTablePanel s={s} pid={pid} onWalk={showWalk} />
        </div>
      </main>
      {/* Below the lesson's panels, the width of the page: a chart as wide as the CLI's. */}
      <SweepPanel programs={programs} config={config} />
      </div>
    </div>
  );
}
