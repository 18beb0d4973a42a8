import { useState } from 'react';
import {
  compileRule,
  type CompiledRule,
  pageMatches,
  type PageRule,
  type PageRuleOp,
  type PageRules,
  pageTarget,
  ruleMatches,
} from '@herald/protocol';
import { fieldId } from '../../components/ui.js';
import type { ErrorFor, SectionProps } from '../draft.js';
import { triggerInWords } from '../trigger-words.js';

const OPS: Array<{ value: PageRuleOp; label: string; placeholder: string }> = [
  { value: 'matches', label: 'matches', placeholder: 'https://example.com/*/pricing' },
  { value: 'contains', label: 'contains', placeholder: 'utm_source=newsletter' },
  { value: 'equals', label: 'equals', placeholder: 'https://example.com/welcome' },
  { value: 'regex', label: 'matches regex', placeholder: '/\\/docs\\/v[0-9]+/' },
];

type Kind = 'include' | 'exclude';

/** What the tester says of one rule for the target: matches, does not, or cannot compile. */
type Verdict = { ok: true; matches: boolean } | { ok: false; error: string };

function verdictOf(rule: PageRule, target: string): Verdict {
  let compiled: CompiledRule;
  try {
    compiled = compileRule(rule);
  } catch (error) {
    return { ok: false, error: `This rule ${(error as Error).message}` };
  }
  return { ok: true, matches: target !== '' && ruleMatches(compiled, target) };
}

/**
 * Where the message shows: include and exclude rules, and a live tester that says, rule by
 * rule, whether a URL (or a page name given to `page(name)`) matches. Matching is the
 * protocol package's own, the code the server and the SDK run.
 */
export function PageRulesSection({ draft, update, err }: SectionProps) {
  const rules = draft.pageRules;
  const [url, setUrl] = useState('');
  const [pageName, setPageName] = useState('');
  const target = pageTarget({ url: url.trim(), name: pageName.trim() || null });
  const setRules = (next: PageRules) => update({ pageRules: next });
  const change = (kind: Kind, index: number, rule: PageRule) =>
    setRules({ ...rules, [kind]: rules[kind].map((r, i) => (i === index ? rule : r)) });
  const remove = (kind: Kind, index: number) =>
    setRules({ ...rules, [kind]: rules[kind].filter((_, i) => i !== index) });
  const add = (kind: Kind) =>
    setRules({ ...rules, [kind]: [...rules[kind], { op: 'matches', value: '' }] });

  let overall: string | undefined;
  if (target !== '') {
    try {
      const compiled = {
        include: rules.include.map(compileRule),
        exclude: rules.exclude.map(compileRule),
      };
      overall = pageMatches(compiled, target) ? 'shows' : 'hidden';
    } catch {
      overall = 'invalid';
    }
  }

  return (
    <section className="section" aria-labelledby="rules-title">
      <header>
        <h2 id="rules-title">Pages</h2>
        <p>
          Rules test the page name given to <code>page(name)</code> when there is one, else the full
          URL. No include rule means every page; an exclude rule always wins.
        </p>
      </header>
      <div className="stack">
        <RuleList
          kind="include"
          title="Show on pages that"
          rules={rules.include}
          target={target}
          err={err}
          onChange={change}
          onRemove={remove}
          onAdd={add}
        />
        <RuleList
          kind="exclude"
          title="Never on pages that"
          rules={rules.exclude}
          target={target}
          err={err}
          onChange={change}
          onRemove={remove}
          onAdd={add}
        />
        <div className="tester" role="group" aria-labelledby="tester-title">
          <h3 id="tester-title">Test a page</h3>
          <div className="grid-2" style={{ marginTop: 10 }}>
            <div className="field">
              <label htmlFor="tester-url">URL</label>
              <input
                id="tester-url"
                type="url"
                placeholder="https://example.com/pricing?plan=pro"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="tester-name">Page name (optional)</label>
              <input
                id="tester-name"
                type="text"
                placeholder="Pricing"
                value={pageName}
                onChange={(e) => setPageName(e.target.value)}
              />
            </div>
          </div>
          <p
            className="tester-result"
            role="status"
            aria-live="polite"
            style={{ marginTop: 10, marginBottom: 0 }}
          >
            {target === ''
              ? 'Type a URL or page name: each rule above says whether it matches.'
              : overall === 'shows'
                ? `✓ The message can show on “${target}”, ${triggerInWords(draft.trigger)}.`
                : overall === 'hidden'
                  ? `✗ The message does not show on “${target}”.`
                  : 'Fix the invalid rules above to test.'}
          </p>
        </div>
      </div>
    </section>
  );
}

function RuleList(props: {
  kind: Kind;
  title: string;
  rules: PageRule[];
  target: string;
  err: ErrorFor;
  onChange: (kind: Kind, index: number, rule: PageRule) => void;
  onRemove: (kind: Kind, index: number) => void;
  onAdd: (kind: Kind) => void;
}) {
  const { kind } = props;
  const listError = props.err(`pageRules.${kind}`);
  return (
    <fieldset>
      <legend>{props.title}</legend>
      {props.rules.length === 0 && (
        <p className="small muted">
          {kind === 'include' ? 'Every page (no rule).' : 'No exclusions.'}
        </p>
      )}
      {props.rules.map((rule, index) => {
        const path = `pageRules.${kind}.${index}`;
        const error = props.err(`${path}.value`) ?? props.err(`${path}.op`) ?? props.err(path);
        const verdict = props.target === '' ? undefined : verdictOf(rule, props.target);
        const verdictId = `${fieldId(path)}-verdict`;
        const errorId = `${fieldId(path)}-error`;
        const localError = verdict && !verdict.ok && rule.value !== '' ? verdict.error : undefined;
        return (
          <div key={index}>
            <div className="rule">
              <select
                id={fieldId(`${path}.op`)}
                aria-label={`${kind === 'include' ? 'Include' : 'Exclude'} rule ${index + 1}: operator`}
                value={rule.op}
                onChange={(e) =>
                  props.onChange(kind, index, { ...rule, op: e.target.value as PageRuleOp })
                }
              >
                {OPS.map((op) => (
                  <option key={op.value} value={op.value}>
                    {op.label}
                  </option>
                ))}
              </select>
              <input
                id={fieldId(`${path}.value`)}
                type="text"
                aria-label={`${kind === 'include' ? 'Include' : 'Exclude'} rule ${index + 1}: value`}
                aria-invalid={Boolean(error || localError)}
                aria-describedby={
                  [verdict ? verdictId : '', error || localError ? errorId : '']
                    .filter(Boolean)
                    .join(' ') || undefined
                }
                placeholder={OPS.find((o) => o.value === rule.op)?.placeholder}
                value={rule.value}
                onChange={(e) => props.onChange(kind, index, { ...rule, value: e.target.value })}
              />
              <span
                id={verdictId}
                className={`rule-verdict ${!verdict ? 'verdict-no' : !verdict.ok ? 'verdict-bad' : verdict.matches ? 'verdict-yes' : 'verdict-no'}`}
                aria-label={verdict ? undefined : 'Not tested'}
              >
                {!verdict
                  ? '—'
                  : !verdict.ok
                    ? 'Invalid'
                    : verdict.matches
                      ? 'Matches'
                      : 'No match'}
              </span>
              <button
                type="button"
                className="btn btn-ghost icon-btn"
                aria-label={`Remove ${kind} rule ${index + 1}`}
                onClick={() => props.onRemove(kind, index)}
              >
                ✕
              </button>
            </div>
            {(error || localError) && (
              <p className="field-error" id={errorId} role="alert" style={{ margin: '4px 0 0' }}>
                {error ?? localError}
              </p>
            )}
          </div>
        );
      })}
      {listError && <p className="field-error">{listError}</p>}
      <button
        type="button"
        className="btn btn-sm"
        style={{ marginTop: 10 }}
        onClick={() => props.onAdd(kind)}
      >
        + Add {kind === 'include' ? 'a page rule' : 'an exclusion'}
      </button>
    </fieldset>
  );
}
