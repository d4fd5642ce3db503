// The program editor: CodeMirror 6 with the assembly's colouring, and the
// assembler's own errors shown at their line and column (@codemirror/lint).
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorState, type Text } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
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

/**
 * Text flows one way: `value` is the text the editor opens with, and every
 * edit goes out through `onChange`; the editor never takes `value` back while
 * it lives. (Writing it back raced the typing: a redraw still carrying the
 * text of two keys ago replaced the newer text, which redrew again, without
 * end.) A new program (an example, a tab, a link) is a new editor: the page
 * gives it a new `key`.
 */
export function Editor(props: { value: string; name: string; onChange: (text: string) => void; highlightLine?: number | undefined }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | undefined>(undefined);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const name = useRef(props.name);
  name.current = props.name;

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: props.value,
        extensions: [
          lineNumbers(), history(), highlightActiveLine(), keymap.of([...defaultKeymap, ...historyKeymap]),
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

  // Show the line the pc is on.
  useEffect(() => {
    const v = view.current;
    const line = props.highlightLine;
    if (v === undefined || line === undefined || line < 1 || line > v.state.doc.lines) return;
    const pos = v.state.doc.line(line).from;
    v.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'nearest' }) });
  }, [props.highlightLine]);

  return <div class="editor" ref={host} />;
}
