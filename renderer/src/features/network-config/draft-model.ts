import type { FieldProblem } from '../../../../shared/contract/result';
import { Objective, SHARE_METRICS, type ObjectiveMetric } from '../../../../shared/objectives/schema';
import { RECORD_KINDS, type RecordKind } from '../../../../shared/records/kinds';
import { RESULT_KINDS } from '../../../../shared/records/result';
import { DEFAULT_RETENTION, RetentionDays, type RetentionRules } from '../../../../shared/retention/rules';
import { fieldProblems } from '../../../../shared/validation/field-problems';

// HQ's editor of the next network configuration: the objectives and retention rules it edits, as the form holds
// them (text, so nothing typed is lost), checked with the shared schemas, and what the draft changes against the
// version last published (shown before publishing). Pure: no window, no backend; tests/unit/network-config/.

export type ResultKind = (typeof RESULT_KINDS)[number];

export const SCOPE_TYPES = ['network', 'post', 'country', 'phenomenon'] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

/** One objective as the form holds it. `resultKind` '' is "every kind"; `target` is the text typed. */
export interface ObjectiveForm {
  id: string;
  labelEn: string;
  labelNl: string;
  metric: ObjectiveMetric;
  resultKind: ResultKind | '';
  target: string;
  scopeType: ScopeType;
  postId: string;
  country: string;
  phenomenon: string;
  from: string;
  to: string;
}

/** The fields of the objective form a problem is shown next to. */
export type ObjectiveField =
  'id' | 'labelEn' | 'labelNl' | 'metric' | 'resultKind' | 'target' | 'scope' | 'from' | 'to';

/** A new objective: the whole network, the current calendar year (of `today`, the post's day). */
export function newObjectiveForm(today: string): ObjectiveForm {
  const year = today.slice(0, 4);
  return {
    id: '',
    labelEn: '',
    labelNl: '',
    metric: 'results_count',
    resultKind: '',
    target: '',
    scopeType: 'network',
    postId: '',
    country: '',
    phenomenon: '',
    from: `${year}-01-01`,
    to: `${year}-12-31`,
  };
}

export function objectiveForm(o: Objective): ObjectiveForm {
  const s = o.scope;
  return {
    id: o.id,
    labelEn: o.labelEn,
    labelNl: o.labelNl,
    metric: o.metric,
    resultKind: o.resultKind ?? '',
    target: String(o.target),
    scopeType: s.type,
    postId: s.type === 'post' ? s.postId : '',
    country: s.type === 'country' ? s.country : '',
    phenomenon: s.type === 'phenomenon' ? s.code : '',
    from: o.period.from,
    to: o.period.to,
  };
}

/**
 * An id from the English label: lower case, accents dropped, words joined by `_` (a valid code, at most 48
 * characters); `_2`, `_3`… when another objective has it already. Empty for a label without letters or digits.
 */
export function suggestId(labelEn: string, taken: readonly string[]): string {
  const stem = labelEn
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 48)
    .replace(/_+$/, '');
  if (!stem) return '';
  let id = stem;
  for (let n = 2; taken.includes(id); n += 1) id = `${stem}_${n}`;
  return id;
}

/** A decimal as typed (a comma or a point), or null when it is not one. */
export function readNumber(text: string): number | null {
  const s = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

const problem = (code: string, message: string, params?: Record<string, number>): FieldProblem =>
  params ? { code, message, params } : { code, message };

/**
 * Checks the form with the shared schema (the one the backend applies to the draft) and returns the objective,
 * or each field's first problem by a stable code (translated in the `networkConfig` namespace, `errors.*`).
 * `otherIds`: the ids of the draft's other objectives (an id is listed once).
 */
export function checkObjective(
  form: ObjectiveForm,
  otherIds: readonly string[],
): { ok: true; objective: Objective } | { ok: false; errors: Partial<Record<ObjectiveField, FieldProblem>> } {
  const errors: Partial<Record<ObjectiveField, FieldProblem>> = {};
  const target = readNumber(form.target);
  const scope =
    form.scopeType === 'post'
      ? { type: 'post' as const, postId: form.postId }
      : form.scopeType === 'country'
        ? { type: 'country' as const, country: form.country }
        : form.scopeType === 'phenomenon'
          ? { type: 'phenomenon' as const, code: form.phenomenon }
          : { type: 'network' as const };
  const candidate = {
    id: form.id.trim(),
    labelEn: form.labelEn,
    labelNl: form.labelNl,
    metric: form.metric,
    ...(form.metric === 'results_count' && form.resultKind ? { resultKind: form.resultKind } : {}),
    target: target ?? -1,
    scope,
    period: { from: form.from, to: form.to },
  };
  const parsed = Objective.safeParse(candidate);
  if (!parsed.success) {
    for (const [path, p] of Object.entries(fieldProblems(parsed.error))) {
      const field = fieldOf(path);
      if (errors[field]) continue;
      if (field === 'to' && p.code === 'invalid') {
        errors.to = problem('period_order', 'The period ends before it starts.');
      } else if (field === 'target' && p.code === 'invalid') {
        errors.target = problem('share_over_100', 'A share is a percentage: at most 100.');
      } else if (field === 'scope') {
        errors.scope = problem(`scope_required_${form.scopeType}`, 'Choose where the objective applies.');
      } else {
        errors[field] = p;
      }
    }
  }
  // Said at once, whatever else is wrong (the schema's own refinements wait for the rest to be valid).
  if (
    !errors.to &&
    /^\d{4}-\d{2}-\d{2}$/.test(form.from) &&
    /^\d{4}-\d{2}-\d{2}$/.test(form.to) &&
    form.to < form.from
  ) {
    errors.to = problem('period_order', 'The period ends before it starts.');
  }
  if (!errors.target && target !== null && isShare(form.metric) && target > 100) {
    errors.target = problem('share_over_100', 'A share is a percentage: at most 100.');
  }
  if (target === null) {
    errors.target = form.target.trim()
      ? problem('not_a_number', 'Enter a number.')
      : problem('required', 'This field is required.');
  }
  if (!errors.id && otherIds.includes(candidate.id)) {
    errors.id = problem('id_taken', 'Another objective has this id.');
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, objective: parsed.data };
}

function fieldOf(path: string): ObjectiveField {
  if (path === 'period.from') return 'from';
  if (path === 'period.to' || path === 'period') return 'to';
  if (path.startsWith('scope')) return 'scope';
  const head = path.split('.')[0] ?? '';
  return (['id', 'labelEn', 'labelNl', 'metric', 'resultKind', 'target'] as const).find((f) => f === head) ?? 'id';
}

/** Whether the metric is a share (a target in percent) or a count. */
export const isShare = (metric: ObjectiveMetric): boolean => SHARE_METRICS.has(metric);

/** The retention rules' entries, in the order the editor lists them: each kind of record, then personal data. */
export const RETENTION_ENTRIES = [...RECORD_KINDS, 'personalData'] as const;
export type RetentionEntry = RecordKind | 'personalData';

export const retentionOf = (rules: RetentionRules, entry: RetentionEntry): number | null =>
  entry === 'personalData' ? rules.personalData : rules.kinds[entry];

export function withRetention(rules: RetentionRules, entry: RetentionEntry, days: number | null): RetentionRules {
  return entry === 'personalData'
    ? { ...rules, personalData: days }
    : { ...rules, kinds: { ...rules.kinds, [entry]: days } };
}

/** A retention period as typed (whole days, or `keep`: no limit), checked with the shared schema's bounds. */
export function checkRetentionDays(
  text: string,
  keep: boolean,
): { ok: true; days: number | null } | { ok: false; problem: FieldProblem } {
  if (keep) return { ok: true, days: null };
  const n = readNumber(text);
  if (n === null) {
    return {
      ok: false,
      problem: text.trim()
        ? problem('not_a_number', 'Enter a number.')
        : problem('required', 'This field is required.'),
    };
  }
  const parsed = RetentionDays.safeParse(n);
  if (parsed.success) return { ok: true, days: parsed.data };
  const p = fieldProblems(parsed.error)['_'] ?? problem('invalid', 'This value is not valid.');
  return { ok: false, problem: p };
}

/** What HQ last published (or null: nothing yet), and what the draft holds. */
export interface DraftSide {
  objectives: readonly Objective[];
  retention: RetentionRules;
}

export interface DraftChanges {
  objectives: { added: Objective[]; changed: Objective[]; removed: Objective[] };
  /** Each retention entry whose period changes. */
  retention: { entry: RetentionEntry; before: number | null; after: number | null }[];
}

/**
 * What publishing the draft changes against the version last published: objectives added, changed (any field)
 * and removed, by id; retention periods that differ. Without a published version, the posts' defaults are the
 * retention rules before.
 */
export function draftChanges(published: DraftSide | null, draft: DraftSide): DraftChanges {
  const before = new Map((published?.objectives ?? []).map((o) => [o.id, o]));
  const after = new Map(draft.objectives.map((o) => [o.id, o]));
  const rulesBefore = published?.retention ?? DEFAULT_RETENTION;
  return {
    objectives: {
      added: draft.objectives.filter((o) => !before.has(o.id)),
      changed: draft.objectives.filter((o) => {
        const old = before.get(o.id);
        return old !== undefined && canonical(old) !== canonical(o);
      }),
      removed: (published?.objectives ?? []).filter((o) => !after.has(o.id)),
    },
    retention: RETENTION_ENTRIES.map((entry) => ({
      entry,
      before: retentionOf(rulesBefore, entry),
      after: retentionOf(draft.retention, entry),
    })).filter((x) => x.before !== x.after),
  };
}

/** An objective as text whatever the order of its keys (a stored draft and a form may order them differently). */
function canonical(o: Objective): string {
  return JSON.stringify(o, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
      : value,
  );
}

export const RESULT_KIND_OPTIONS: readonly ResultKind[] = RESULT_KINDS;
