// The program editor: CodeMirror 6 with the assembly's colouring, and the
// assembler's own errors shown at their line and column (@codemirror/lint).
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorState, StateEffect, StateField, type Text } from '@codemirror/state';
import { Decoration, EditorView, gutter, GutterMarker, highlightActiveLine, keymap, lineNumbers, type DecorationSet } from '@codemirror/view';
import { useEffect, useRef } from 'preact/hooks';
import { assemble } from '../index.js';
import { asmLanguage } from './asmLanguage.js';
import { readLibrary } from './programs.js';

/** The assembler's errors as editor diagnostics, each from its column to the end of the token there. */
export function diagnosticsOf(doc: Text, name: string): Diagnostic[] {
  const r = assemble(doc.toString(), name, { readInclude: readLibrary });
  if (r.ok) return [];
  return r.errors.map((e) => {
    const line = doc.line(Math.min(Math.max(e.line, 1), doc.lines));
    const from = Math.min(line.from + Math.max(e.column - 1, 0), line.to);
    const token = /^\S+/.exec(line.text.slice(from - line.from))?.[0].length ?? 0;
    return { from, to: Math.min(from + Math.max(token, 1), line.to), severity: 'error', message: `${e.line}:${e.column}: ${e.message}` };
  });
}

/** The breakpoint lines the page holds; the editor only shows them (the page decides, so the lines never race the page's state). */
const setBreakLines = StateEffect.define<ReadonlySet<number>>();
const breakLines = StateField.define<ReadonlySet<number>>({
  create: () => new Set(),
  update: (lines, tr) => tr.effects.reduce((ls, e) => (e.is(setBreakLines) ? e.value : ls), lines),
});

/**
 * The pc's line, marked as the disassembly marks its row: the cursor and the
 * active line alone are a faint grey that a projector does not show, and
 * they move wherever the student clicks. 0 for none (running, or the pc is
 * in an included file).
 */
const setPcLine = StateEffect.define<number>();
const PC_LINE = Decoration.line({ class: 'cm-pc-line' });
const pcLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update: (deco, tr) => {
    let marked = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setPcLine)) continue;
      const line = e.value;
      marked = line >= 1 && line <= tr.state.doc.lines ? Decoration.set([PC_LINE.range(tr.state.doc.line(line).from)]) : Decoration.none;
    }
    return marked;
  },
  provide: (f) => EditorView.decorations.from(f),
});

class BreakMarker extends GutterMarker {
  override toDOM(): Node {
    const dot = document.createElement('span');
    dot.className = 'bp-dot';
    dot.textContent = '\u25cf';
    dot.title = 'breakpoint (click to remove)';
    return dot;
  }
}
const BREAK_MARKER = new BreakMarker();

/** A gutter before the line numbers: a dot on each breakpoint line; a click on a line asks the page to toggle it. */
function breakpointGutter(onToggle: { current: (line: number, text: string) => void }) {
  return [breakLines, gutter({
    class: 'cm-breakpoints',
    lineMarker: (view, block) => (view.state.field(breakLines).has(view.state.doc.lineAt(block.from).number) ? BREAK_MARKER : null),
    lineMarkerChange: (u) => u.startState.field(breakLines) !== u.state.field(breakLines),
    domEventHandlers: {
      mousedown: (view, block) => {
        onToggle.current(view.state.doc.lineAt(block.from).number, view.state.doc.toString());
        return true;
      },
    },
  })];
}

/**
 * Text flows one way: `value` is the text the editor opens with, and every
 * edit goes out through `onChange`; the editor never takes `value` back while
 * it lives. (Writing it back raced the typing: a redraw still carrying the
 * text of two keys ago replaced the newer text, which redrew again, without
 * end.) A new program (an example, a tab, a link) is a new editor: the page
 * gives it a new `key`.
 */
export function Editor(props: {
  value: string; name: string; onChange: (text: string) => void; highlightLine?: number | undefined;
  /** Breakpoint lines to show, and what a click in their gutter does (with the text as it is now). */
  breakpoints: readonly number[]; onToggleBreakpoint: (line: number, text: string) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | undefined>(undefined);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const name = useRef(props.name);
  name.current = props.name;
  const onToggle = useRef(props.onToggleBreakpoint);
  onToggle.current = props.onToggleBreakpoint;

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: props.value,
        extensions: [
          breakpointGutter(onToggle), pcLine, lineNumbers(), history(), highlightActiveLine(), keymap.of([...defaultKeymap, ...historyKeymap]),
          asmLanguage, syntaxHighlighting(defaultHighlightStyle),
          linter((ev) => diagnosticsOf(ev.state.doc, name.current), { delay: 300 }), lintGutter(),
          EditorView.updateListener.of((u) => { if (u.docChanged) onChange.current(u.state.doc.toString()); }),
          EditorView.contentAttributes.of({ 'aria-label': 'Program source' }),
        ],
      }),
    });
    view.current = v;
    return () => v.destroy();
  }, []);

  // Show the page's breakpoints (a new array only when they changed).
  useEffect(() => {
    view.current?.dispatch({ effects: setBreakLines.of(new Set(props.breakpoints)) });
  }, [props.breakpoints]);

  // Mark the line the pc is on, and put the cursor there.
  useEffect(() => {
    const v = view.current;
    if (v === undefined) return;
    const line = props.highlightLine;
    if (line === undefined || line < 1 || line > v.state.doc.lines) {
      v.dispatch({ effects: setPcLine.of(0) });
      return;
    }
    const pos = v.state.doc.line(line).from;
    v.dispatch({ selection: { anchor: pos }, effects: [setPcLine.of(line), EditorView.scrollIntoView(pos, { y: 'nearest' })] });
  }, [props.highlightLine]);

  return <div class="editor" ref={host} />;
}
