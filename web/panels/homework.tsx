// The Homework view: `illusion homework KIND` in the page. The problem and
// the answers are the CLI's own text (web/homeworkSheet.ts over homework/);
// the student fills in one row per question, Check marks each right, wrong
// (naming the fields) or not answered, and Show answers prints what `-c`
// prints, each row's answer beside it. Share homework link puts the kind,
// the seed and the options in the URL (web/homeworkLink.ts).
import { useMemo, useState } from 'preact/hooks';
import { SIMULATED_POLICY_NAMES, type SimulatedPolicyName } from '../../kernel/policy/simulate.js';
import { TLB_POLICIES, type TlbPolicy } from '../../mmu/tlb.js';
import { answerEntries, checkQuestion, type QuestionCheck } from '../homeworkCheck.js';
import { homeworkHash } from '../homeworkLink.js';
import { commandOf, HOMEWORK_KINDS, MAX_HOMEWORK_SEED, optionValue, shownOptions, type HomeworkKind, type HomeworkSettings } from '../homeworkSettings.js';
import { makeSheet, type Field, type SheetQuestion } from '../homeworkSheet.js';
import { Panel } from './panel.js';

type Entries = Record<string, string>;

/** Rows drawn at once: a tlb problem may have 10 000 accesses, and 30 000 fields would hold the page for seconds. */
export const ROWS_PER_PAGE = 100;

const KIND_TITLES: Record<HomeworkKind, string> = {
  policy: 'policy: page replacement',
  translate: 'translate: page tables, addresses, faults',
  tlb: 'tlb: hits, misses and victims',
  protect: 'protect: regions, rights and kills',
  cow: 'cow: fork and copy-on-write',
};

/** A box's text as a setting: blank is the flag left out (undefined), anything but a whole number is NaN (refused by settingsProblem). */
/** A number for a box; NaN (an option that depends on one typed wrong) as an empty box. */
const shownValue = (n: number) => (Number.isFinite(n) ? String(n) : '');
const wholeOrBlank = (text: string): number | undefined => (text.trim() === '' ? undefined : /^\s*\d+\s*$/.test(text) ? Number(text) : NaN);

function FieldInput(props: { field: Field; question: number; value: string; wrong: boolean; onInput: (v: string) => void }) {
  const f = props.field;
  const name = `${f.label}, question ${props.question + 1}`;
  const invalid = props.wrong ? true : undefined;
  if (f.kind === 'choice') {
    return (
      <select aria-label={name} aria-invalid={invalid} class={props.wrong ? 'hw-bad' : ''} value={props.value} onChange={(e) => props.onInput((e.target as HTMLSelectElement).value)}>
        <option value="">{f.label}?</option>
        {f.choices!.map((c) => <option key={c} value={c}>{c}</option>)}
      </select>
    );
  }
  const size = Math.max(5, (f.placeholder ?? f.label).length);
  return (
    <input type="text" aria-label={name} aria-invalid={invalid} class={props.wrong ? 'hw-bad' : ''} placeholder={f.placeholder ?? f.label} title={f.label} size={size}
      spellcheck={false} autocomplete="off" value={props.value} onInput={(e) => props.onInput((e.target as HTMLInputElement).value)} />
  );
}

function Result(props: { q: SheetQuestion; entries: Entries | undefined; check: QuestionCheck | undefined; shown: boolean; why: boolean; onWhy: () => void }) {
  const { q, check } = props;
  const empty = (id: string) => (props.entries?.[id] ?? '').trim() === '';
  const machine = <span class="hw-answer">{q.answer}{q.reason !== undefined ? <><br />{q.reason}</> : null}</span>;
  const labels = (ids: readonly string[]) => ids.map((id) => q.fields.find((f) => f.id === id)!.label).join(', ');
  if (check === undefined) return props.shown ? machine : null;
  if (check.verdict === 'blank') return <span class="hw-blank">not answered{props.shown ? <>: {machine}</> : null}</span>;
  if (check.verdict === 'wrong') {
    const typed = check.wrong.filter((id) => !empty(id));
    const missing = check.wrong.filter(empty);
    const parts = [typed.length > 0 ? `wrong: ${labels(typed)}` : '', missing.length > 0 ? `not filled in: ${labels(missing)}` : ''].filter((p) => p !== '');
    return <span class="hw-wrong">✗ {parts.join('; ')}{props.shown ? <><br />{machine}</> : null}</span>;
  }
  return (
    <span class="hw-right">✓ right {props.shown || props.why ? machine : <button type="button" class="hw-why" onClick={props.onWhy}>why</button>}</span>
  );
}

export function HomeworkView(props: { initial: HomeworkSettings }) {
  const [kind, setKind] = useState<HomeworkKind>(props.initial.kind);
  /** The seed's and options' boxes as typed; an option never typed in shows its value from the settings. */
  const [seedText, setSeedText] = useState(String(props.initial.seed));
  const [optionTexts, setOptionTexts] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(props.initial.options).map(([k, v]) => [k, String(v)])));
  const [tlbPolicy, setTlbPolicy] = useState<TlbPolicy | undefined>(props.initial.tlbPolicy);
  const [asids, setAsids] = useState<boolean | undefined>(props.initial.asids);
  const [pagePolicy, setPagePolicy] = useState<SimulatedPolicyName | undefined>(props.initial.pagePolicy);
  const [entries, setEntries] = useState<Entries[]>([]);
  const [checks, setChecks] = useState<(QuestionCheck | undefined)[]>([]);
  const [shown, setShown] = useState(false);
  const [why, setWhy] = useState<Set<number>>(new Set());
  const [link, setLink] = useState('');
  const [first, setFirst] = useState(0);

  const options: Record<string, number> = {};
  for (const [flag, text] of Object.entries(optionTexts)) {
    const v = wholeOrBlank(text);
    if (v !== undefined) options[flag] = v;
  }
  const seed = wholeOrBlank(seedText) ?? 0;
  const settings: HomeworkSettings = {
    kind, seed, options,
    ...(kind === 'tlb' && tlbPolicy !== undefined ? { tlbPolicy } : {}),
    ...(kind === 'tlb' && asids === false ? { asids } : {}),
    ...(kind === 'policy' && pagePolicy !== undefined ? { pagePolicy } : {}),
  };
  const key = JSON.stringify(settings);
  const sheet = useMemo(() => makeSheet(settings), [key]);

  /** A new problem: what was typed for the old one goes. */
  const fresh = () => {
    setEntries([]);
    setChecks([]);
    setShown(false);
    setWhy(new Set());
    setLink('');
    setFirst(0);
  };
  const setEntry = (i: number, id: string, v: string) => {
    const next = [...entries];
    next[i] = { ...(next[i] ?? {}), [id]: v };
    setEntries(next);
    // The row's old mark no longer says anything about what it holds.
    if (checks[i] !== undefined) setChecks(checks.map((c, j) => (j === i ? undefined : c)));
  };
  const check = () => { if (!('error' in sheet)) setChecks(sheet.questions.map((q, i) => checkQuestion(q, entries[i] ?? {}))); };
  const share = async () => {
    history.replaceState(null, '', homeworkHash(settings));
    setLink(location.href);
    try { await navigator.clipboard.writeText(location.href); } catch { /* not allowed here: the link is shown */ }
  };
  const score = checks.filter((c) => c?.verdict === 'right').length;
  const wrongs = checks.filter((c) => c?.verdict === 'wrong').length;
  const blanks = checks.filter((c) => c?.verdict === 'blank').length;
  const total = 'error' in sheet ? 0 : sheet.questions.length;
  const last = Math.min(total, first + ROWS_PER_PAGE);

  return (
    <div class="homework">
      <form class="config hw-settings" aria-label="Homework settings" onSubmit={(e) => e.preventDefault()}>
        <label>Kind <select value={kind} onChange={(e) => { setKind((e.target as HTMLSelectElement).value as HomeworkKind); setOptionTexts({}); fresh(); }}>
          {HOMEWORK_KINDS.map((k) => <option key={k} value={k}>{KIND_TITLES[k]}</option>)}
        </select></label>
        <label>seed <input type="number" min={0} max={MAX_HOMEWORK_SEED} placeholder="0" value={seedText} onInput={(e) => { setSeedText((e.target as HTMLInputElement).value); fresh(); }} /></label>
        {kind === 'policy' ? (
          <label>policy <select value={pagePolicy ?? 'fifo'} onChange={(e) => {
            // Each policy's own reference count limit: one typed for clock does not carry over.
            const { clockbits: _, ...rest } = optionTexts;
            setOptionTexts(rest);
            setPagePolicy((e.target as HTMLSelectElement).value as SimulatedPolicyName);
            fresh();
          }}>
            {SIMULATED_POLICY_NAMES.map((p) => <option key={p} value={p}>{p}</option>)}
          </select></label>
        ) : null}
        {shownOptions(settings).map((l) => (
          <label key={l.flag} title={`--${l.flag}: ${l.min} to ${l.max}, ${l.fallback} when blank`}>{l.flag}{' '}
            <input type="number" min={l.min} max={l.max} placeholder={shownValue(optionValue({ ...settings, options: {} }, l.flag))}
              value={optionTexts[l.flag] ?? shownValue(optionValue(settings, l.flag))}
              onInput={(e) => { setOptionTexts({ ...optionTexts, [l.flag]: (e.target as HTMLInputElement).value }); fresh(); }} />
          </label>
        ))}
        {kind === 'tlb' ? <>
          <label>policy <select value={tlbPolicy ?? 'lru'} onChange={(e) => { setTlbPolicy((e.target as HTMLSelectElement).value as TlbPolicy); fresh(); }}>
            {TLB_POLICIES.map((p) => <option key={p} value={p}>{p}</option>)}
          </select></label>
          <label><input type="checkbox" checked={asids !== false} onChange={(e) => { setAsids((e.target as HTMLInputElement).checked); fresh(); }} /> ASIDs</label>
        </> : null}
        <button type="button" onClick={() => void share()} disabled={'error' in sheet}>Share homework link</button>
        {link ? <input class="share" readOnly value={link} aria-label="Homework link" onFocus={(e) => (e.target as HTMLInputElement).select()} /> : null}
      </form>
      {'error' in sheet ? <p class="error" role="alert">{sheet.error}</p> : <>
        <Panel name="Problem" class="hw-problem" note={<code>{commandOf(settings)}{shown ? ' -c' : ''}</code>}>
          <pre aria-label={shown ? 'Answers text' : 'Problem text'}>{shown ? sheet.answers : sheet.quiz}</pre>
        </Panel>
        <Panel name="Answers" class="hw-questions" note="fill in, then Check">
          <div class="hw-buttons">
            <button type="button" onClick={check}>Check</button>
            <button type="button" onClick={() => setShown(!shown)} aria-pressed={shown}>Show answers</button>
            <button type="button" onClick={() => { setEntries(sheet.questions.map(answerEntries)); setChecks([]); }} disabled={!shown} title="fill every row with the machine's answer">Fill in the answers</button>
            <span class="hw-score" role="status" aria-label="Score">{checks.length > 0 ? `${score} of ${total} right, ${wrongs} wrong, ${blanks} not answered` : ''}</span>
            {total > ROWS_PER_PAGE ? <span class="hw-pages">
              <button type="button" disabled={first === 0} onClick={() => setFirst(first - ROWS_PER_PAGE)}>Previous</button>
              <span>questions {first + 1} to {last} of {total}</span>
              <button type="button" disabled={last >= total} onClick={() => setFirst(first + ROWS_PER_PAGE)}>Next</button>
            </span> : null}
          </div>
          <table class="hw-table">
            <tbody>
              {sheet.questions.slice(first, last).map((q, k) => {
                const i = first + k;
                const c = checks[i];
                return (
                  <tr key={i} class={c?.verdict ?? ''}>
                    <td class="hw-label"><pre>{q.label}</pre></td>
                    <td class="hw-fields">{q.fields.map((f) => (
                      <FieldInput key={f.id} field={f} question={i} value={entries[i]?.[f.id] ?? ''} wrong={c?.wrong.includes(f.id) ?? false} onInput={(v) => setEntry(i, f.id, v)} />
                    ))}</td>
                    <td class="hw-result" aria-label={`Result ${i + 1}`}>
                      <Result q={q} entries={entries[i]} check={c} shown={shown} why={why.has(i)} onWhy={() => setWhy(new Set([...why, i]))} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Panel>
      </>}
    </div>
  );
}
