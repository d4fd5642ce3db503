// The Homework view: `illusion homework KIND` in the page. The problem and
// the answers are the CLI's own text (web/homeworkSheet.ts over homework/);
// the student fills in one row per question, Check marks each right or
// wrong with the machine's one-line reason, and Show answers prints what
// `-c` prints. Share link puts the kind, seed and options in the URL.
import { useMemo, useState } from 'preact/hooks';
import { TLB_POLICIES, type TlbPolicy } from '../../mmu/tlb.js';
import { answerEntries, checkQuestion, type QuestionCheck } from '../homeworkCheck.js';
import { homeworkHash } from '../homeworkLink.js';
import { commandOf, HOMEWORK_KINDS, MAX_HOMEWORK_SEED, optionsOf, optionValue, type HomeworkKind, type HomeworkSettings } from '../homeworkSettings.js';
import { makeSheet, type Field, type SheetQuestion } from '../homeworkSheet.js';
import { Panel } from './panel.js';

type Entries = Record<string, string>;

const KIND_TITLES: Record<HomeworkKind, string> = {
  translate: 'translate: page tables, addresses, faults',
  tlb: 'tlb: hits, misses and victims',
  protect: 'protect: regions, rights and kills',
  cow: 'cow: fork and copy-on-write',
};

function FieldInput(props: { field: Field; question: number; value: string; onInput: (v: string) => void }) {
  const f = props.field;
  const name = `${f.label} ${props.question + 1}`;
  if (f.kind === 'choice') {
    return (
      <select aria-label={name} value={props.value} onChange={(e) => props.onInput((e.target as HTMLSelectElement).value)}>
        <option value="">{f.label}?</option>
        {f.choices!.map((c) => <option key={c} value={c}>{c}</option>)}
      </select>
    );
  }
  const size = f.kind === 'hex' ? 11 : f.kind === 'tlb-entry' ? 7 : 4;
  return <input type="text" aria-label={name} placeholder={f.label} size={size} spellcheck={false} value={props.value} onInput={(e) => props.onInput((e.target as HTMLInputElement).value)} />;
}

function Result(props: { q: SheetQuestion; check: QuestionCheck | undefined; shown: boolean; why: boolean; onWhy: () => void }) {
  const { q, check } = props;
  const machine = <span class="hw-answer">{q.answer}{q.reason !== undefined ? <><br />{q.reason}</> : null}</span>;
  if (check === undefined) return props.shown ? machine : null;
  if (check.verdict === 'blank') return <span class="hw-blank">not answered{props.shown ? <>: {machine}</> : null}</span>;
  if (check.verdict === 'wrong') return <span class="hw-wrong">✗ wrong ({check.wrong.join(', ')}): {machine}</span>;
  return (
    <span class="hw-right">✓ right {props.shown || props.why ? machine : <button type="button" class="hw-why" onClick={props.onWhy}>why</button>}</span>
  );
}

export function HomeworkView(props: { initial: HomeworkSettings }) {
  const [settings, setSettings] = useState<HomeworkSettings>(props.initial);
  const [entries, setEntries] = useState<Entries[]>([]);
  const [checks, setChecks] = useState<(QuestionCheck | undefined)[]>([]);
  const [shown, setShown] = useState(false);
  const [why, setWhy] = useState<Set<number>>(new Set());
  const [link, setLink] = useState('');
  const sheet = useMemo(() => makeSheet(settings), [JSON.stringify(settings)]);

  const change = (next: HomeworkSettings) => {
    setSettings(next);
    setEntries([]);
    setChecks([]);
    setShown(false);
    setWhy(new Set());
    setLink('');
  };
  const setOption = (flag: string, text: string) => change({ ...settings, options: { ...settings.options, [flag]: Number(text) } });
  const setEntry = (i: number, id: string, v: string) => {
    const next = [...entries];
    next[i] = { ...(next[i] ?? {}), [id]: v };
    setEntries(next);
  };
  const check = () => { if (!('error' in sheet)) setChecks(sheet.questions.map((q, i) => checkQuestion(q, entries[i] ?? {}))); };
  const share = async () => {
    history.replaceState(null, '', homeworkHash(settings));
    setLink(location.href);
    try { await navigator.clipboard.writeText(location.href); } catch { /* not allowed here: the link is shown */ }
  };
  const score = checks.filter((c) => c?.verdict === 'right').length;

  return (
    <div class="homework">
      <form class="config hw-settings" aria-label="Homework settings" onSubmit={(e) => e.preventDefault()}>
        <label>Kind <select value={settings.kind} onChange={(e) => change({ kind: (e.target as HTMLSelectElement).value as HomeworkKind, seed: settings.seed, options: {} })}>
          {HOMEWORK_KINDS.map((k) => <option key={k} value={k}>{KIND_TITLES[k]}</option>)}
        </select></label>
        <label>Seed <input type="number" min={0} max={MAX_HOMEWORK_SEED} value={settings.seed} onInput={(e) => change({ ...settings, seed: Number((e.target as HTMLInputElement).value) })} /></label>
        {optionsOf(settings.kind).map((l) => (
          <label key={l.flag}>{l.flag} <input type="number" min={l.min} max={l.max} value={optionValue(settings, l.flag)} onInput={(e) => setOption(l.flag, (e.target as HTMLInputElement).value)} /></label>
        ))}
        {settings.kind === 'tlb' ? <>
          <label>policy <select value={settings.tlbPolicy ?? 'lru'} onChange={(e) => change({ ...settings, tlbPolicy: (e.target as HTMLSelectElement).value as TlbPolicy })}>
            {TLB_POLICIES.map((p) => <option key={p} value={p}>{p}</option>)}
          </select></label>
          <label><input type="checkbox" checked={settings.asids !== false} onChange={(e) => change({ ...settings, asids: (e.target as HTMLInputElement).checked })} /> ASIDs</label>
        </> : null}
        <button type="button" onClick={() => void share()}>Share homework link</button>
        {link ? <input class="share" readOnly value={link} aria-label="Homework link" onFocus={(e) => (e.target as HTMLInputElement).select()} /> : null}
      </form>
      {'error' in sheet ? <p class="error" role="alert">{sheet.error}</p> : <>
        <Panel name="Problem" class="hw-problem" note={<code>{commandOf(settings)}{shown ? ' -c' : ''}</code>}>
          <pre aria-label={shown ? 'Answers text' : 'Problem text'}>{shown ? sheet.answers : sheet.quiz}</pre>
        </Panel>
        <Panel name="Answers" class="hw-questions" note={checks.length > 0 ? `${score} of ${sheet.questions.length} right` : 'fill in, then Check'}>
          <div class="hw-buttons">
            <button type="button" onClick={check}>Check</button>
            <button type="button" onClick={() => setShown(!shown)} aria-pressed={shown}>Show answers</button>
            <button type="button" onClick={() => setEntries(sheet.questions.map(answerEntries))} disabled={!shown} title="fill every row with the machine's answer">Fill in the answers</button>
          </div>
          <table class="hw-table">
            <tbody>
              {sheet.questions.map((q, i) => (
                <tr key={i} class={checks[i]?.verdict ?? ''}>
                  <td class="hw-label"><pre>{q.label}</pre></td>
                  <td class="hw-fields">{q.fields.map((f) => <FieldInput key={f.id} field={f} question={i} value={entries[i]?.[f.id] ?? ''} onInput={(v) => setEntry(i, f.id, v)} />)}</td>
                  <td class="hw-result" aria-label={`Result ${i + 1}`}>
                    <Result q={q} check={checks[i]} shown={shown} why={why.has(i)} onWhy={() => setWhy(new Set([...why, i]))} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      </>}
    </div>
  );
}
