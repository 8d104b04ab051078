import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../../../shared/contract/result';
import type { PostStatus } from '../../../../shared/exchange/schema';
import { OBJECTIVE_METRICS, type Objective } from '../../../../shared/objectives/schema';
import { todayIn } from '../../../../shared/time/clock';
import { call } from '../../api/bridge';
import { locale } from '../../i18n';
import { countryName, useCountryOptions } from '../../i18n/format';
import { useProblemText } from '../../i18n/lookup';
import { DateInput } from '../../ui/datetime/DateInputs';
import { LabelledField } from '../../ui/Field';
import { PlainTextField } from '../../ui/SmallForm';
import { formatPeriod } from '../../ui/period';
import { useSettings } from '../settings/settings-store';
import { termLabel, useTaxonomy } from '../taxonomy/taxonomy-store';
import {
  checkObjective,
  isShare,
  newObjectiveForm,
  objectiveForm,
  RESULT_KIND_OPTIONS,
  SCOPE_TYPES,
  suggestId,
  type ObjectiveField,
  type ObjectiveForm,
  type ResultKind,
  type ScopeType,
} from './draft-model';

// HQ's editor of the objectives in the next network configuration (issue 14, item 1): the list, and a small form
// to add, edit or remove one. Checked with the shared schema (draft-model.ts); each problem next to its field.

/** The names the list and the preview show for an objective's metric, scope and target. */
export function useObjectiveText(posts: readonly PostStatus[]) {
  const { t, i18n } = useTranslation(['networkConfig', 'objectives', 'results']);
  const terms = useTaxonomy((s) => s.terms.phenomenon);
  const language = i18n.language;
  const number = new Intl.NumberFormat(locale(language), { maximumFractionDigits: 1 });
  return {
    label: (o: Objective) => (language === 'nl' ? o.labelNl : o.labelEn),
    metric: (o: Objective) =>
      o.metric === 'results_count' && o.resultKind
        ? t('objectives:metric.results_count_kind', { kind: t(`results:kind.${o.resultKind}`) })
        : t(`objectives:metric.${o.metric}`),
    scope: (o: Objective) => {
      const s = o.scope;
      if (s.type === 'network') return t('objectives:scope.network');
      if (s.type === 'post') {
        return t('objectives:scope.post', { post: posts.find((p) => p.postId === s.postId)?.postName ?? s.postId });
      }
      if (s.type === 'country') return t('objectives:scope.country', { country: countryName(s.country, language) });
      return t('objectives:scope.phenomenon', {
        phenomenon: termLabel(
          terms.find((x) => x.code === s.code),
          language,
          s.code,
        ),
      });
    },
    target: (o: Objective) =>
      t(isShare(o.metric) ? 'objectives.targetShare' : 'objectives.targetCount', { target: number.format(o.target) }),
    period: (o: Objective) => formatPeriod(o.period, locale(language)),
  };
}

export function ObjectivesEditor({
  objectives,
  posts,
  onChange,
}: {
  objectives: readonly Objective[];
  posts: readonly PostStatus[];
  onChange: (next: Objective[]) => void;
}): ReactNode {
  const { t } = useTranslation('networkConfig');
  const text = useObjectiveText(posts);
  const timeZone = useSettings((s) => s.settings.timeZone);
  /** The objective being edited: its id (null: a new one), or no form at all. */
  const [editing, setEditing] = useState<{ id: string | null; form: ObjectiveForm } | null>(null);

  function save(objective: Objective) {
    const id = editing?.id ?? null;
    onChange(id === null ? [...objectives, objective] : objectives.map((o) => (o.id === id ? objective : o)));
    setEditing(null);
  }

  return (
    <fieldset className="network-config__fieldset network-config__objectives">
      <legend>{t('objectives.legend')}</legend>
      <p className="muted small">{t('objectives.hint')}</p>
      {objectives.length === 0 ? (
        <p className="muted">{t('objectives.none')}</p>
      ) : (
        <ul className="network-config__objective-list" aria-label={t('objectives.legend')}>
          {objectives.map((o) => (
            <li key={o.id} data-objective={o.id}>
              <div>
                <strong>{text.label(o)}</strong> <code className="muted small">{o.id}</code>
                <p className="muted small">
                  {text.metric(o)} · {text.scope(o)} · {text.period(o)} · {text.target(o)}
                </p>
              </div>
              <div className="network-config__objective-actions">
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('objectives.editLabel', { label: text.label(o) })}
                  disabled={editing !== null}
                  onClick={() => setEditing({ id: o.id, form: objectiveForm(o) })}
                >
                  {t('objectives.edit')}
                </button>
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('objectives.removeLabel', { label: text.label(o) })}
                  disabled={editing !== null}
                  onClick={() => onChange(objectives.filter((x) => x.id !== o.id))}
                >
                  {t('objectives.remove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <ObjectiveFormView
          key={editing.id ?? '(new)'}
          initial={editing.form}
          isNew={editing.id === null}
          otherIds={objectives.filter((o) => o.id !== editing.id).map((o) => o.id)}
          posts={posts}
          onSave={save}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <button
          type="button"
          className="button"
          onClick={() => setEditing({ id: null, form: newObjectiveForm(todayIn(timeZone)) })}
        >
          {t('objectives.add')}
        </button>
      )}
    </fieldset>
  );
}

function ObjectiveFormView({
  initial,
  isNew,
  otherIds,
  posts,
  onSave,
  onCancel,
}: {
  initial: ObjectiveForm;
  isNew: boolean;
  otherIds: readonly string[];
  posts: readonly PostStatus[];
  onSave: (o: Objective) => void;
  onCancel: () => void;
}): ReactNode {
  const { t, i18n } = useTranslation(['networkConfig', 'objectives', 'results']);
  const problemText = useProblemText('networkConfig');
  const countries = useCountryOptions(i18n.language);
  const terms = useTaxonomy((s) => s.terms.phenomenon);
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<ObjectiveField, FieldProblem>>>({});
  /** While new and untouched, the code follows the English name. */
  const [idTouched, setIdTouched] = useState(!isNew);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const set = <K extends keyof ObjectiveForm>(key: K, value: ObjectiveForm[K]) =>
    setForm((f) => {
      const next = { ...f, [key]: value };
      if (key === 'labelEn' && isNew && !idTouched) next.id = suggestId(next.labelEn, otherIds);
      return next;
    });
  const error = (field: ObjectiveField) => problemText(errors[field], field);
  const share = isShare(form.metric);
  const groups = terms.filter((x) => x.parentCode === null && x.retiredAt === null);
  const label = (isNew ? form.labelEn : i18n.language === 'nl' ? initial.labelNl : initial.labelEn) || initial.id;

  function submit() {
    const r = checkObjective(form, otherIds);
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    setErrors({});
    onSave(r.objective);
  }

  return (
    <div className="network-config__objective-form" role="group" aria-labelledby="network-config-objective-title">
      <h4 id="network-config-objective-title" ref={heading} tabIndex={-1}>
        {isNew ? t('objectives.newTitle') : t('objectives.editTitle', { label })}
      </h4>
      <div className="network-config__form-grid">
        <PlainTextField
          label={t('objectives.labelEn')}
          error={error('labelEn')}
          autoComplete="off"
          value={form.labelEn}
          onChange={(text) => set('labelEn', text)}
        />
        <PlainTextField
          label={t('objectives.labelNl')}
          error={error('labelNl')}
          lang="nl"
          autoComplete="off"
          value={form.labelNl}
          onChange={(text) => set('labelNl', text)}
        />
        <LabelledField
          label={t('objectives.id')}
          hint={isNew ? t('objectives.idHint') : t('objectives.idFixed')}
          error={error('id')}
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="text"
              autoComplete="off"
              spellCheck={false}
              className="network-config__code-input"
              value={form.id}
              readOnly={!isNew}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => {
                setIdTouched(true);
                set('id', e.target.value);
              }}
            />
          )}
        </LabelledField>
      </div>

      <fieldset className="network-config__metrics">
        <legend>{t('objectives.metric')}</legend>
        {OBJECTIVE_METRICS.map((m) => (
          <label key={m} className="network-config__metric">
            <input type="radio" name="objective-metric" checked={form.metric === m} onChange={() => set('metric', m)} />
            <span>
              <span className="network-config__metric-name">{t(`objectives:metric.${m}`)}</span>
              <span className="muted small network-config__metric-explain">{t(`objectives.explain.${m}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <div className="network-config__form-grid">
        {form.metric === 'results_count' && (
          <LabelledField label={t('objectives.resultKind')} error={error('resultKind')}>
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                value={form.resultKind}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => set('resultKind', e.target.value as ResultKind | '')}
              >
                <option value="">{t('objectives.everyKind')}</option>
                {RESULT_KIND_OPTIONS.map((k) => (
                  <option key={k} value={k}>
                    {t(`results:kind.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </LabelledField>
        )}
        <LabelledField
          label={t('objectives.target')}
          hint={share ? t('objectives.targetHintShare') : t('objectives.targetHintCount')}
          error={error('target')}
        >
          {({ id, describedBy, invalid }) => (
            <span className="network-config__with-unit">
              <input
                id={id}
                type="text"
                inputMode="decimal"
                autoComplete="off"
                value={form.target}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => set('target', e.target.value)}
              />
              <span className="muted" data-testid="objective-unit">
                {t(`objectives.unit.${form.metric}`)}
              </span>
            </span>
          )}
        </LabelledField>
      </div>

      <div className="network-config__form-grid">
        <LabelledField label={t('objectives.scope')}>
          {({ id, describedBy }) => (
            <select
              id={id}
              value={form.scopeType}
              aria-describedby={describedBy}
              onChange={(e) => set('scopeType', e.target.value as ScopeType)}
            >
              {SCOPE_TYPES.map((s) => (
                <option key={s} value={s}>
                  {t(`objectives.scopeType.${s}`)}
                </option>
              ))}
            </select>
          )}
        </LabelledField>
        {form.scopeType === 'post' && (
          <LabelledField
            label={t('objectives.post')}
            hint={posts.length === 0 ? t('objectives.noPosts') : undefined}
            error={error('scope')}
          >
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                value={form.postId}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => set('postId', e.target.value)}
              >
                <option value="">{t('objectives.choosePost')}</option>
                {posts.map((p) => (
                  <option key={p.postId} value={p.postId}>
                    {p.postName} ({p.postId})
                  </option>
                ))}
              </select>
            )}
          </LabelledField>
        )}
        {form.scopeType === 'country' && (
          <LabelledField label={t('objectives.country')} error={error('scope')}>
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                value={form.country}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => set('country', e.target.value)}
              >
                <option value="">{t('objectives.chooseCountry')}</option>
                {countries.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.label}
                  </option>
                ))}
              </select>
            )}
          </LabelledField>
        )}
        {form.scopeType === 'phenomenon' && (
          <LabelledField label={t('objectives.phenomenon')} error={error('scope')}>
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                value={form.phenomenon}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => set('phenomenon', e.target.value)}
              >
                <option value="">{t('objectives.choosePhenomenon')}</option>
                {groups.map((g) => (
                  <optgroup key={g.code} label={termLabel(g, i18n.language, g.code)}>
                    {terms
                      .filter((x) => (x.code === g.code || x.parentCode === g.code) && x.retiredAt === null)
                      .map((x) => (
                        <option key={x.code} value={x.code}>
                          {termLabel(x, i18n.language, x.code)}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
            )}
          </LabelledField>
        )}
      </div>

      <div className="network-config__form-grid">
        <LabelledField label={t('objectives.from')} error={error('from')}>
          {({ id, describedBy, invalid }) => (
            <DateInput
              id={id}
              value={form.from}
              language={i18n.language}
              describedBy={describedBy}
              invalid={invalid}
              onChange={(value) => set('from', value)}
            />
          )}
        </LabelledField>
        <LabelledField label={t('objectives.to')} hint={t('objectives.periodHint')} error={error('to')}>
          {({ id, describedBy, invalid }) => (
            <DateInput
              id={id}
              value={form.to}
              language={i18n.language}
              describedBy={describedBy}
              invalid={invalid}
              onChange={(value) => set('to', value)}
            />
          )}
        </LabelledField>
      </div>

      <div className="form-actions">
        <button type="button" className="button button--primary" onClick={submit}>
          {isNew ? t('objectives.addIt') : t('objectives.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('objectives.cancel')}
        </button>
      </div>
    </div>
  );
}

/** The posts HQ knows (enrolled), for the post picker and the names in the list; none at a post. */
export function usePosts(): PostStatus[] {
  const [posts, setPosts] = useState<PostStatus[]>([]);
  useEffect(() => {
    void call('posts.list', {}).then((r) => {
      if (r.ok) setPosts(r.value);
    });
  }, []);
  return posts;
}
