import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { locale } from '../../i18n';
import { countryName, formatDateTime } from '../../i18n/format';
import { termLabel, useTaxonomy } from '../taxonomy/taxonomy-store';
import { useDashboards } from './dashboards-store';
import { en as common } from '../../i18n/en';
import { isKeyOf } from '../../i18n/lookup';
import { en as requestsEn } from '../requests/i18n';
import { en as resultsEn } from '../results/i18n';
import { durationParts, monthLabel } from './model';

/** Names of the codes in the figures, in the officer's language, and the number formats. */
export interface Labels {
  phenomenon: (code: string) => string;
  country: (code: string) => string;
  post: (key: string) => string;
  channel: (code: string) => string;
  reason: (code: string) => string;
  urgency: (code: string) => string;
  resultKind: (code: string) => string;
  month: (month: string) => string;
  number: (n: number) => string;
  /** part / whole as "83 %" (or "–" without a whole). */
  percent: (part: number, whole: number) => string;
  /** part / whole as a number 0–100 with one decimal, for exports; null without a whole. */
  percentValue: (part: number, whole: number) => number | null;
  /** Hours as "5.2 h" or "3.1 days"; "–" for none. */
  duration: (hours: number | null) => string;
  dateTime: (iso: string) => string;
  date: (isoDate: string) => string;
}

export function useLabels(): Labels {
  const { t, i18n } = useTranslation(['dashboards', 'requests', 'results']);
  const language = i18n.language;
  const terms = useTaxonomy((s) => s.terms.phenomenon);
  const posts = useDashboards((s) => s.posts);
  return useMemo(() => {
    const loc = locale(language);
    const numberFormat = new Intl.NumberFormat(loc);
    const percentFormat = new Intl.NumberFormat(loc, { style: 'percent', maximumFractionDigits: 0 });
    const oneDecimal = new Intl.NumberFormat(loc, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
    const dateFormat = new Intl.DateTimeFormat(loc, { dateStyle: 'medium', timeZone: 'UTC' });
    const notRecorded = t('figures.notRecorded');
    return {
      phenomenon: (code) =>
        code
          ? termLabel(
              terms.find((term) => term.code === code),
              language,
              code,
            )
          : notRecorded,
      country: (code) => (code ? countryName(code, language) : notRecorded),
      post: (key) => (key === 'own' || !key ? t('ownRecords') : (posts[key] ?? key)),
      channel: (code) => (code ? (isKeyOf(common.channel, code) ? t(`channel.${code}`) : code) : notRecorded),
      reason: (code) =>
        code === 'none' || !code
          ? t('channels.noReason')
          : isKeyOf(requestsEn.nonSienaReason, code)
            ? t(`requests:nonSienaReason.${code}`)
            : code,
      urgency: (code) => (isKeyOf(requestsEn.urgency, code) ? t(`requests:urgency.${code}`) : code),
      resultKind: (code) => (code ? (isKeyOf(resultsEn.kind, code) ? t(`results:kind.${code}`) : code) : notRecorded),
      month: (month) => monthLabel(month, loc),
      number: (n) => numberFormat.format(n),
      percent: (part, whole) => (whole > 0 ? percentFormat.format(part / whole) : t('figures.noValue')),
      percentValue: (part, whole) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null),
      duration: (hours) => {
        if (hours === null) return t('figures.noValue');
        const { unit, value } = durationParts(hours);
        return t(unit === 'hours' ? 'hours' : 'days', { value: oneDecimal.format(value) });
      },
      dateTime: (iso) => formatDateTime(iso, language),
      date: (isoDate) => {
        const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
        return Number.isNaN(d.getTime()) ? isoDate : dateFormat.format(d);
      },
    };
  }, [t, language, terms, posts]);
}
