import { describe, expect, test } from 'vitest';
import type { Objective } from '../../../shared/objectives/schema';
import { DEFAULT_RETENTION } from '../../../shared/retention/rules';
import { en as common } from '../../../renderer/src/i18n/en';
import { en, nl } from '../../../renderer/src/features/network-config/i18n';
import {
  checkObjective,
  checkRetentionDays,
  draftChanges,
  newObjectiveForm,
  objectiveForm,
  suggestId,
  withRetention,
  type ObjectiveForm,
} from '../../../renderer/src/features/network-config/draft-model';

// HQ's editor of objectives and retention rules (renderer/src/features/network-config/draft-model.ts): the form
// checked with the shared schema, each problem by its stable code next to its field, and what the draft changes
// against the version last published (the preview before publishing).

const form = (over: Partial<ObjectiveForm> = {}): ObjectiveForm => ({
  ...newObjectiveForm('2026-12-07'),
  id: 'results',
  labelEn: 'Operational results',
  labelNl: 'Operationele resultaten',
  target: '12',
  ...over,
});

const codes = (r: ReturnType<typeof checkObjective>) =>
  r.ok ? {} : Object.fromEntries(Object.entries(r.errors).map(([k, p]) => [k, p.code]));

describe('the objective form', () => {
  test('a new objective covers the current calendar year of the post’s day', () => {
    expect(newObjectiveForm('2026-12-07')).toMatchObject({
      from: '2026-01-01',
      to: '2026-12-31',
      scopeType: 'network',
    });
  });

  test('the id is suggested from the English label, unique among the others', () => {
    expect(suggestId('EU exchanges through SIENA', [])).toBe('eu_exchanges_through_siena');
    expect(suggestId('Résultats à Bogotá!', [])).toBe('resultats_a_bogota');
    expect(suggestId('Results', ['results', 'results_2'])).toBe('results_3');
    expect(suggestId('  —  ', [])).toBe('');
    expect(suggestId('x'.repeat(80), []).length).toBeLessThanOrEqual(48);
  });

  test('a valid form becomes the objective the schema accepts, and back', () => {
    const r = checkObjective(
      form({ metric: 'results_count', resultKind: 'seizure', scopeType: 'country', country: 'CO', target: '4' }),
      ['siena'],
    );
    expect(r).toEqual({
      ok: true,
      objective: {
        id: 'results',
        labelEn: 'Operational results',
        labelNl: 'Operationele resultaten',
        metric: 'results_count',
        resultKind: 'seizure',
        target: 4,
        scope: { type: 'country', country: 'CO' },
        period: { from: '2026-01-01', to: '2026-12-31' },
      },
    });
    if (r.ok) expect(checkObjective(objectiveForm(r.objective), [])).toEqual(r);
  });

  test('a result kind is dropped for a metric other than results_count', () => {
    const r = checkObjective(form({ metric: 'engagements_count', resultKind: 'arrest' }), []);
    expect(r.ok).toBe(true);
    expect(r.ok && 'resultKind' in r.objective).toBe(false);
  });

  test('each problem is shown next to its field by a stable code', () => {
    expect(codes(checkObjective(form({ labelEn: ' ', labelNl: '' }), []))).toEqual({
      labelEn: 'required',
      labelNl: 'required',
    });
    expect(codes(checkObjective(form({ id: 'Has Spaces' }), []))).toEqual({ id: 'invalid_format' });
    expect(codes(checkObjective(form({ id: 'siena' }), ['siena']))).toEqual({ id: 'id_taken' });
    expect(codes(checkObjective(form({ target: '' }), []))).toEqual({ target: 'required' });
    expect(codes(checkObjective(form({ target: 'many' }), []))).toEqual({ target: 'not_a_number' });
    expect(codes(checkObjective(form({ metric: 'siena_share', target: '120' }), []))).toEqual({
      target: 'share_over_100',
    });
    expect(codes(checkObjective(form({ metric: 'siena_share', target: '80,5' }), [])).target).toBeUndefined();
    expect(codes(checkObjective(form({ from: '2026-06-01', to: '2026-05-31' }), []))).toEqual({
      to: 'period_order',
    });
    expect(codes(checkObjective(form({ from: '' }), []))).toEqual({ from: 'invalid_date' });
    expect(codes(checkObjective(form({ scopeType: 'post', postId: '' }), []))).toEqual({
      scope: 'scope_required_post',
    });
    expect(codes(checkObjective(form({ scopeType: 'country', country: '' }), []))).toEqual({
      scope: 'scope_required_country',
    });
    expect(codes(checkObjective(form({ scopeType: 'phenomenon', phenomenon: '' }), []))).toEqual({
      scope: 'scope_required_phenomenon',
    });
  });

  test('the order of the period is said even when another field is wrong too', () => {
    expect(codes(checkObjective(form({ labelEn: '', from: '2026-06-01', to: '2026-05-31' }), []))).toEqual({
      labelEn: 'required',
      to: 'period_order',
    });
  });
});

describe('every problem code has its sentence in English and Dutch', () => {
  test('the form’s codes are worded in the networkConfig namespace (or, for the rest, the app’s general errors)', () => {
    const produced = new Set<string>();
    const add = (r: ReturnType<typeof checkObjective>) => {
      if (!r.ok) for (const [field, p] of Object.entries(r.errors)) produced.add(`${field}:${p.code}`);
    };
    add(checkObjective(form({ labelEn: '', labelNl: '', id: 'Bad Code', target: '' }), []));
    add(checkObjective(form({ id: 'a' }), ['a']));
    add(checkObjective(form({ target: 'x', from: '', to: '' }), []));
    add(checkObjective(form({ metric: 'siena_share', target: '101', from: '2026-02-01', to: '2026-01-01' }), []));
    for (const type of ['post', 'country', 'phenomenon'] as const) add(checkObjective(form({ scopeType: type }), []));
    for (const text of ['', 'x', '1', '99999', '7.5']) {
      const r = checkRetentionDays(text, false);
      if (!r.ok) produced.add(`days:${r.problem.code}`);
    }
    expect(produced.size).toBeGreaterThanOrEqual(14);
    const worded = (catalogue: typeof en, entry: string) => {
      const [field = '', code = ''] = entry.split(':');
      const own = catalogue.errors as Record<string, unknown>;
      const perField = own[field] as Record<string, unknown> | undefined;
      return (
        typeof perField?.[code] === 'string' ||
        typeof own[code] === 'string' ||
        typeof (common.error as Record<string, unknown>)[code] === 'string'
      );
    };
    expect([...produced].filter((x) => !worded(en, x))).toEqual([]);
    expect([...produced].filter((x) => !worded(nl, x))).toEqual([]);
  });
});

describe('retention periods', () => {
  test('whole days within the schema’s bounds, or keep', () => {
    expect(checkRetentionDays('365', false)).toEqual({ ok: true, days: 365 });
    expect(checkRetentionDays('', true)).toEqual({ ok: true, days: null });
    const code = (text: string) => {
      const r = checkRetentionDays(text, false);
      return r.ok ? null : r.problem.code;
    };
    expect(code('')).toBe('required');
    expect(code('abc')).toBe('not_a_number');
    expect(code('6')).toBe('too_small');
    expect(code('36501')).toBe('too_big');
    expect(code('30.5')).toBe('not_whole_number');
  });
});

describe('what the draft changes against the version last published', () => {
  const o = (id: string, target: number): Objective => ({
    id,
    labelEn: id,
    labelNl: id,
    metric: 'results_count',
    target,
    scope: { type: 'network' },
    period: { from: '2026-01-01', to: '2026-12-31' },
  });

  test('objectives added, changed and removed; retention periods that differ', () => {
    const published = { objectives: [o('a', 1), o('b', 2), o('c', 3)], retention: DEFAULT_RETENTION };
    const retention = withRetention(withRetention(DEFAULT_RETENTION, 'engagement', 1095), 'personalData', null);
    const changes = draftChanges(published, { objectives: [o('a', 1), o('b', 5), o('d', 4)], retention });
    expect(changes.objectives.added.map((x) => x.id)).toEqual(['d']);
    expect(changes.objectives.changed.map((x) => x.id)).toEqual(['b']);
    expect(changes.objectives.removed.map((x) => x.id)).toEqual(['c']);
    expect(changes.retention).toEqual([
      { entry: 'engagement', before: 1826, after: 1095 },
      { entry: 'personalData', before: 730, after: null },
    ]);
  });

  test('the same objective with its keys in another order is unchanged', () => {
    const a = o('a', 1);
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as Objective;
    const changes = draftChanges(
      { objectives: [a], retention: DEFAULT_RETENTION },
      { objectives: [reordered], retention: DEFAULT_RETENTION },
    );
    expect(changes).toEqual({ objectives: { added: [], changed: [], removed: [] }, retention: [] });
  });

  test('nothing published yet: every objective is new, retention compared with the posts’ defaults', () => {
    const changes = draftChanges(null, { objectives: [o('a', 1)], retention: DEFAULT_RETENTION });
    expect(changes.objectives.added.map((x) => x.id)).toEqual(['a']);
    expect(changes.retention).toEqual([]);
  });
});
