import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { OperationalResultInput, RESULT_KINDS } from '../../../../shared/records/result';
import type { AnyRecord } from '../../api/records';
import { locale } from '../../i18n';
import { formatDay } from '../../i18n/format';
import type { KindConfig } from '../records/kind-config';
import { optionalDate, optionalNumber, todayLocal } from '../records/form-model';
import { ResultForm } from './ResultForm';
import { isCountedKind } from './result-kinds';
import { en } from './i18n';
import { isKeyOf } from '../../i18n/lookup';

const str = (r: AnyRecord, k: string) => (typeof r[k] === 'string' ? r[k] : '');
const num = (r: AnyRecord, k: string) => (typeof r[k] === 'number' ? r[k] : null);

/** "3 arrests", "1,200 kg cocaine", "€250,000": what the result amounts to, or '' when nothing was counted. */
function useAmount(record: AnyRecord): string {
  const { t, i18n } = useTranslation('results');
  const kind = str(record, 'kind');
  const count = num(record, 'count');
  const quantity = num(record, 'quantity');
  const unit = str(record, 'unit');
  if (isCountedKind(kind) && count !== null) return t(`amount.${kind}`, { count });
  if (quantity === null) return '';
  const loc = locale(i18n.language);
  if (unit === 'eur') {
    const money = new Intl.NumberFormat(loc, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(
      quantity,
    );
    return [money, str(record, 'substance')].filter(Boolean).join(' ');
  }
  const amount = new Intl.NumberFormat(loc, { maximumFractionDigits: 3 }).format(quantity);
  return [amount, isKeyOf(en.unit, unit) ? t(`unit.${unit}`) : unit, str(record, 'substance')]
    .filter(Boolean)
    .join(' ');
}

function ResultRow({ record }: { record: AnyRecord }): ReactNode {
  const { t, i18n } = useTranslation('results');
  const kind = str(record, 'kind');
  const amount = useAmount(record);
  return (
    <>
      <span className="row__main">
        <span className="row__title">{str(record, 'description')}</span>
        <span className="row__meta">
          {/* A calendar day: no zone shifts it. */}
          {formatDay(str(record, 'achievedOn'), i18n.language)}
          {amount && ` · ${amount}`}
        </span>
      </span>
      <span className="row__side">
        <span className={`badge badge--${kind}`}>{isKeyOf(en.kindShort, kind) ? t(`kindShort.${kind}`) : kind}</span>
      </span>
    </>
  );
}

const asText = (value: unknown) => (typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '');

export const resultConfig: KindConfig = {
  kind: 'result',
  view: 'results',
  ns: 'results',
  schema: OperationalResultInput,
  // The `status` facet holds the kind of result.
  filters: ['period', 'phenomenon', 'status', 'post'],
  statusLabel: 'results:fields.kind',
  statuses: RESULT_KINDS.map((k) => [k, `results:kind.${k}`] as const),
  title: (r) => str(r, 'description'),
  Form: ResultForm,
  Row: ResultRow,
  empty: ({ now, preset }) => ({
    kind: 'arrest',
    achievedOn: todayLocal(now),
    description: '',
    count: '',
    substance: '',
    quantity: '',
    unit: null,
    phenomena: [],
    engagementIds: [],
    requestIds: [],
    caseId: null,
    ...preset,
  }),
  // Numbers become text for their inputs; toCandidate turns them back.
  fromRecord: (r) => ({ ...r, count: asText(r['count']), quantity: asText(r['quantity']) }),
  toCandidate: (v) => {
    const keys = Object.keys(OperationalResultInput.shape);
    const out: Record<string, unknown> = Object.fromEntries(keys.map((k) => [k, v[k]]));
    const kind = v['kind'];
    out['achievedOn'] = optionalDate(v['achievedOn']) ?? '';
    out['count'] = typeof kind === 'string' && isCountedKind(kind) ? optionalNumber(asText(v['count'])) : null;
    out['quantity'] = kind === 'seizure' || kind === 'assets_frozen' ? optionalNumber(asText(v['quantity'])) : null;
    // Frozen assets are an amount of money: the unit is euro. Only seizures name a substance.
    if (kind === 'assets_frozen') out['unit'] = out['quantity'] === null ? null : 'eur';
    else if (kind !== 'seizure') out['unit'] = null;
    if (kind !== 'seizure') out['substance'] = '';
    return out;
  },
};
