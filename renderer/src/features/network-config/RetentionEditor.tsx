import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../../../shared/contract/result';
import type { PostStatus } from '../../../../shared/exchange/schema';
import type { RetentionRules } from '../../../../shared/retention/rules';
import { useProblemText } from '../../i18n/lookup';
import {
  checkRetentionDays,
  RETENTION_ENTRIES,
  retentionOf,
  withRetention,
  type DraftChanges,
  type RetentionEntry,
} from './draft-model';
import { useObjectiveText } from './ObjectivesEditor';

// HQ's editor of the retention rules in the next network configuration: a period in days per kind of record and
// for personal data, or "keep" (no limit), within the shared schema's bounds. And the summary of what the next
// version changes in objectives and retention rules, shown above the publish button.

/** The name of a retention entry: the kind of record (plural), or personal data. */
export function useRetentionName(): (entry: RetentionEntry) => string {
  const { t } = useTranslation(['networkConfig', 'common']);
  return (entry) => (entry === 'personalData' ? t('retention.personalData') : t(`common:kinds.${entry}_other`));
}

export function useRetentionValue(): (days: number | null) => string {
  const { t } = useTranslation('networkConfig');
  return (days) => (days === null ? t('retention.keepValue') : t('retention.value', { count: days }));
}

export function RetentionEditor({
  rules,
  published,
  onChange,
  onValidity,
}: {
  rules: RetentionRules;
  /** The rules in the version last published (or the posts' defaults before the first). */
  published: RetentionRules;
  onChange: (next: RetentionRules) => void;
  /** Whether every period typed is valid (the publish button waits for it). */
  onValidity: (valid: boolean) => void;
}): ReactNode {
  const { t } = useTranslation('networkConfig');
  const name = useRetentionName();
  const value = useRetentionValue();
  const problemText = useProblemText('networkConfig');
  const [typed, setTyped] = useState<Record<string, string>>(() =>
    Object.fromEntries(RETENTION_ENTRIES.map((e) => [e, String(retentionOf(rules, e) ?? '')])),
  );
  const [problems, setProblems] = useState<Partial<Record<RetentionEntry, FieldProblem>>>({});

  function update(entry: RetentionEntry, text: string, keep: boolean) {
    setTyped((x) => ({ ...x, [entry]: text }));
    const r = checkRetentionDays(text, keep);
    const next: Partial<Record<RetentionEntry, FieldProblem>> = Object.fromEntries(
      Object.entries(problems).filter(([key]) => key !== entry),
    );
    if (r.ok) onChange(withRetention(rules, entry, r.days));
    else next[entry] = r.problem;
    setProblems(next);
    onValidity(Object.keys(next).length === 0);
  }

  return (
    <fieldset className="network-config__fieldset network-config__retention">
      <legend>{t('retention.legend')}</legend>
      <p className="muted small">{t('retention.hint')}</p>
      <table className="network-config__retention-table">
        <thead>
          <tr>
            <th scope="col">{t('retention.kind')}</th>
            <th scope="col">{t('retention.published')}</th>
            <th scope="col">{t('retention.next')}</th>
          </tr>
        </thead>
        <tbody>
          {RETENTION_ENTRIES.map((entry) => {
            const keep = retentionOf(rules, entry) === null && !problems[entry];
            const problem = problemText(problems[entry]);
            const errorId = `retention-${entry}-error`;
            return (
              <tr key={entry} data-retention={entry}>
                <th scope="row">{name(entry)}</th>
                <td className="muted">{value(retentionOf(published, entry))}</td>
                <td>
                  <span className="network-config__retention-inputs">
                    <input
                      type="text"
                      inputMode="numeric"
                      className="network-config__days"
                      aria-label={t('retention.daysLabel', { kind: name(entry) })}
                      aria-invalid={Boolean(problem)}
                      aria-describedby={problem ? errorId : undefined}
                      disabled={keep}
                      value={keep ? '' : (typed[entry] ?? '')}
                      onChange={(e) => update(entry, e.target.value, false)}
                    />{' '}
                    <span className="muted small">{t('retention.days')}</span>
                    <label className="network-config__keep">
                      <input
                        type="checkbox"
                        aria-label={t('retention.keepLabel', { kind: name(entry) })}
                        checked={keep}
                        onChange={(e) =>
                          update(entry, typed[entry] || String(retentionOf(published, entry) ?? 1826), e.target.checked)
                        }
                      />{' '}
                      {t('retention.keep')}
                    </label>
                  </span>
                  {problem && (
                    <p className="field__error" id={errorId} role="alert">
                      {problem}
                    </p>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}

/** What the next version changes in objectives and retention rules, against the version last published. */
export function DraftChangesView({
  changes,
  version,
  previousVersion,
  posts,
}: {
  changes: DraftChanges;
  version: number;
  previousVersion: number | null;
  posts: readonly PostStatus[];
}): ReactNode {
  const { t } = useTranslation('networkConfig');
  const text = useObjectiveText(posts);
  const name = useRetentionName();
  const value = useRetentionValue();
  const o = changes.objectives;
  const groups = [
    { key: 'added', title: t('changes.added'), items: o.added },
    { key: 'changed', title: t('changes.changed'), items: o.changed },
    { key: 'removed', title: t('changes.removed'), items: o.removed },
  ].filter((g) => g.items.length > 0);
  return (
    <section className="network-config__changes" aria-labelledby="network-config-changes-title">
      <h4 id="network-config-changes-title">{t('changes.title', { version })}</h4>
      <p className="muted small">
        {previousVersion === null ? t('changes.introFirst') : t('changes.intro', { version: previousVersion })}
      </p>
      <div className="network-config__columns">
        <div className="network-config__group" data-changes="objectives">
          <h5>{t('changes.objectives')}</h5>
          {groups.length === 0 ? (
            <p className="muted">{t('changes.nothing')}</p>
          ) : (
            groups.map((g) => (
              <div key={g.key} data-change={g.key}>
                <p className="network-config__change-kind">
                  {g.title} <span className="network-config__count">{g.items.length}</span>
                </p>
                <ul>
                  {g.items.map((x) => (
                    <li key={x.id}>
                      {text.label(x)} <span className="muted small">· {text.target(x)}</span>
                    </li>
                  ))}
                </ul>
              </div>
            ))
          )}
        </div>
        <div className="network-config__group" data-changes="retention">
          <h5>{t('changes.retention')}</h5>
          {changes.retention.length === 0 ? (
            <p className="muted">{t('changes.nothing')}</p>
          ) : (
            <ul>
              {changes.retention.map((x) => (
                <li key={x.entry}>
                  {t('changes.retentionChange', {
                    kind: name(x.entry),
                    before: value(x.before),
                    after: value(x.after),
                  })}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
