import { useEffect, useId, useMemo, useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Breakdown, Overview } from '../../../../shared/overview/schema';
import type { ChannelCode } from '../../../../shared/taxonomy/channels';
import { locale } from '../../i18n';
import { countryName } from '../../i18n/format';
import { useSettings } from '../settings/settings-store';
import { termLabel, useTaxonomy } from '../taxonomy/taxonomy-store';
import { canDrill, drillDown, drillHref, type Drill } from './drill';
import { useOverview } from './overview-store';
import {
  formatPeriod,
  periodProblem,
  presetPeriod,
  PERIOD_PRESETS,
  todayIn,
  type Period,
  type PeriodPreset,
} from './period';
import './overview.css';

/** How many rows of a breakdown show before "Show all". */
const TOP_ROWS = 8;

interface Formats {
  number: (n: number) => string;
  percent: (part: number, whole: number) => string;
}

function useFormats(language: string): Formats {
  return useMemo(() => {
    const number = new Intl.NumberFormat(locale(language));
    const percent = new Intl.NumberFormat(locale(language), { style: 'percent', maximumFractionDigits: 0 });
    return {
      number: (n) => number.format(n),
      percent: (part, whole) => (whole > 0 ? percent.format(part / whole) : '–'),
    };
  }, [language]);
}

/** The officer's own figures for a period: engagements, requests (with SIENA use and timeliness), results. */
export function OverviewPage(): ReactNode {
  const { t, i18n } = useTranslation();
  const timeZone = useSettings((s) => s.settings.timeZone);
  const { preset, custom, data, loading, error, load } = useOverview();
  const today = todayIn(timeZone);
  const period: Period = preset === 'custom' ? custom : presetPeriod(preset, today);
  const problem = periodProblem(period);
  const formats = useFormats(i18n.language);

  useEffect(() => {
    if (!problem) void load({ from: period.from, to: period.to });
  }, [period.from, period.to, problem, load]);

  const shown = data && data.from === period.from && data.to === period.to ? data : null;

  return (
    <div className="page overview">
      <header className="page__header overview__header">
        <div>
          <h1>{t('overview.title')}</h1>
          <p className="muted">{t('overview.intro')}</p>
        </div>
      </header>

      <PeriodPicker period={period} problem={problem} />

      <div aria-live="polite" className="overview__status">
        {error && !loading ? (
          <p className="notice notice--error" role="alert">
            {t('overview.loadError', { message: error })}{' '}
            <button type="button" className="link-button" onClick={() => void load(period)}>
              {t('overview.retry')}
            </button>
          </p>
        ) : !problem ? (
          <p className="overview__showing">
            {loading && !shown
              ? t('overview.loading')
              : t('overview.showing', { period: formatPeriod(period, locale(i18n.language)) })}
          </p>
        ) : null}
      </div>

      {data && (
        <div className={shown ? 'overview__body' : 'overview__body is-stale'} aria-busy={loading || !shown}>
          <Figures data={data} formats={formats} />
        </div>
      )}
    </div>
  );
}

function PeriodPicker({ period, problem }: { period: Period; problem: ReturnType<typeof periodProblem> }): ReactNode {
  const { t } = useTranslation();
  const { preset, choosePreset, setCustom } = useOverview();
  const name = useId();
  const errorId = useId();
  const choices: (PeriodPreset | 'custom')[] = [...PERIOD_PRESETS, 'custom'];
  const fromInvalid = problem === 'invalid_from' || problem === 'reversed';
  const toInvalid = problem === 'invalid_to';

  return (
    <fieldset className="period">
      <legend>{t('overview.period')}</legend>
      <div className="period__choices">
        {choices.map((choice) => (
          <label key={choice} className={choice === preset ? 'period__choice is-checked' : 'period__choice'}>
            <input
              type="radio"
              name={name}
              value={choice}
              checked={choice === preset}
              onChange={() => (choice === 'custom' ? setCustom({}, period) : choosePreset(choice))}
            />
            <span>{t(`overview.presets.${choice}`)}</span>
          </label>
        ))}
      </div>
      <div className="period__dates">
        <label className="period__date">
          <span>{t('overview.from')}</span>
          <input
            type="date"
            value={period.from}
            aria-invalid={fromInvalid}
            aria-describedby={fromInvalid ? errorId : undefined}
            onChange={(e) => setCustom({ from: e.target.value }, period)}
          />
        </label>
        <label className="period__date">
          <span>{t('overview.to')}</span>
          <input
            type="date"
            value={period.to}
            aria-invalid={toInvalid}
            aria-describedby={toInvalid ? errorId : undefined}
            onChange={(e) => setCustom({ to: e.target.value }, period)}
          />
        </label>
      </div>
      {problem && (
        <p className="field__error period__error" id={errorId} role="alert">
          {t(`overview.periodProblem.${problem}`)}
        </p>
      )}
    </fieldset>
  );
}

function Figures({ data, formats }: { data: Overview; formats: Formats }): ReactNode {
  const { t, i18n } = useTranslation();
  const terms = useTaxonomy((s) => s.terms.phenomenon);
  const language = i18n.language;
  const period = { from: data.from, to: data.to };
  const { engagements: eng, requests: req, results: res } = data;

  const phenomenon = (code: string) =>
    code
      ? termLabel(
          terms.find((term) => term.code === code),
          language,
          code,
        )
      : t('overview.notRecorded');
  const country = (code: string) => (code ? countryName(code, language) : t('overview.notRecorded'));
  const channel = (code: string) => (code ? t(`channel.${code}`, { defaultValue: code }) : t('overview.notRecorded'));
  const resultKind = (code: string) =>
    t(`overview.resultKind.${code}`, { defaultValue: code || t('overview.notRecorded') });

  return (
    <>
      <section className="overview__section" aria-labelledby="overview-engagements">
        <h2 id="overview-engagements">{t('overview.engagements.title')}</h2>
        <dl className="kpis">
          <Kpi
            label={t('overview.engagements.total')}
            value={
              <Count
                value={eng.total}
                label={t('overview.engagements.total')}
                drill={{ kind: 'engagement', filters: period }}
              />
            }
          />
          <Kpi
            label={t('overview.engagements.operational')}
            value={
              <Count
                value={eng.operational}
                label={t('overview.engagements.operational')}
                drill={{ kind: 'engagement', filters: { ...period, status: 'operational' } }}
              />
            }
            detail={t('overview.ofTotal', { share: formats.percent(eng.operational, eng.total) })}
            share={eng.total > 0 ? eng.operational / eng.total : null}
          />
          <Kpi
            label={t('overview.engagements.nonOperational')}
            value={formats.number(eng.nonOperational)}
            detail={t('overview.engagements.nonOperationalDetail')}
            share={eng.total > 0 ? eng.nonOperational / eng.total : null}
          />
        </dl>
        <div className="overview__tables">
          <BreakdownTable
            caption={t('overview.engagements.byPhenomenon')}
            column={t('overview.column.phenomenon')}
            rows={eng.byPhenomenon}
            total={eng.total}
            label={phenomenon}
            drill={(key) => (key ? { kind: 'engagement', filters: { ...period, phenomenon: key } } : null)}
          />
          <BreakdownTable
            caption={t('overview.engagements.byCountry')}
            note={t('overview.engagements.byCountryNote')}
            column={t('overview.column.country')}
            rows={eng.byCountry}
            total={eng.total}
            label={country}
            drill={() => null}
          />
        </div>
      </section>

      <section className="overview__section" aria-labelledby="overview-requests">
        <h2 id="overview-requests">{t('overview.requests.title')}</h2>
        <dl className="kpis">
          <Kpi
            label={t('overview.requests.total')}
            value={
              <Count
                value={req.total}
                label={t('overview.requests.total')}
                drill={{ kind: 'request', filters: period }}
              />
            }
            detail={
              <>
                {t('overview.requests.incoming')}{' '}
                <Count
                  value={req.incoming}
                  label={t('overview.requests.incoming')}
                  drill={{ kind: 'request', filters: { ...period, direction: 'incoming' } }}
                />
                {' · '}
                {t('overview.requests.outgoing')}{' '}
                <Count
                  value={req.outgoing}
                  label={t('overview.requests.outgoing')}
                  drill={{ kind: 'request', filters: { ...period, direction: 'outgoing' } }}
                />
              </>
            }
          />
          <Kpi
            label={t('overview.requests.siena')}
            value={formats.percent(req.euViaSiena, req.euExchanges)}
            detail={
              req.euExchanges > 0
                ? t('overview.requests.sienaDetail', {
                    part: formats.number(req.euViaSiena),
                    whole: formats.number(req.euExchanges),
                  })
                : t('overview.requests.sienaNone')
            }
            hint={t('overview.requests.sienaHint')}
            share={req.euExchanges > 0 ? req.euViaSiena / req.euExchanges : null}
          />
          <Kpi
            label={t('overview.requests.inTime')}
            value={formats.percent(req.answeredInTime, req.answeredWithDeadline)}
            detail={
              req.answeredWithDeadline > 0
                ? t('overview.requests.inTimeDetail', {
                    part: formats.number(req.answeredInTime),
                    whole: formats.number(req.answeredWithDeadline),
                  })
                : t('overview.requests.inTimeNone')
            }
            share={req.answeredWithDeadline > 0 ? req.answeredInTime / req.answeredWithDeadline : null}
          />
          <Kpi
            label={t('overview.requests.openOverdue')}
            value={
              <Count
                value={req.openOverdue}
                label={t('overview.requests.openOverdue')}
                drill={{ kind: 'request', filters: { ...period, overdue: true } }}
              />
            }
            detail={t('overview.requests.openOverdueDetail')}
            alert={req.openOverdue > 0}
          />
        </dl>
        <div className="overview__tables">
          <BreakdownTable
            caption={t('overview.requests.byPhenomenon')}
            column={t('overview.column.phenomenon')}
            rows={req.byPhenomenon}
            total={req.total}
            label={phenomenon}
            drill={(key) => (key ? { kind: 'request', filters: { ...period, phenomenon: key } } : null)}
          />
          <BreakdownTable
            caption={t('overview.requests.byCountry')}
            column={t('overview.column.country')}
            rows={req.byCountry}
            total={req.total}
            label={country}
            drill={(key) => (key ? { kind: 'request', filters: { ...period, country: key } } : null)}
          />
          <BreakdownTable
            caption={t('overview.requests.byChannel')}
            column={t('overview.column.channel')}
            rows={req.byChannel}
            total={req.total}
            label={channel}
            drill={(key) => (key ? { kind: 'request', filters: { ...period, channel: key as ChannelCode } } : null)}
          />
        </div>
      </section>

      <section className="overview__section" aria-labelledby="overview-results">
        <h2 id="overview-results">{t('overview.results.title')}</h2>
        <dl className="kpis">
          <Kpi
            label={t('overview.results.total')}
            value={
              <Count
                value={res.total}
                label={t('overview.results.total')}
                drill={{ kind: 'result', filters: period }}
              />
            }
            detail={t('overview.results.totalDetail')}
          />
        </dl>
        <div className="overview__tables">
          <BreakdownTable
            caption={t('overview.results.byKind')}
            column={t('overview.column.kind')}
            rows={res.byKind}
            total={res.total}
            label={resultKind}
            drill={(key) => (key ? { kind: 'result', filters: { ...period, status: key } } : null)}
          />
          <BreakdownTable
            caption={t('overview.results.byPhenomenon')}
            column={t('overview.column.phenomenon')}
            rows={res.byPhenomenon}
            total={res.total}
            label={phenomenon}
            drill={(key) => (key ? { kind: 'result', filters: { ...period, phenomenon: key } } : null)}
          />
        </div>
      </section>
    </>
  );
}

function Kpi({
  label,
  value,
  detail,
  hint,
  share,
  alert = false,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  hint?: string;
  share?: number | null;
  alert?: boolean;
}): ReactNode {
  return (
    <div className={alert ? 'kpi kpi--alert' : 'kpi'}>
      <dt className="kpi__label">{label}</dt>
      <dd className="kpi__value">{value}</dd>
      {share !== undefined && share !== null && (
        <dd className="bar kpi__bar" aria-hidden="true">
          <span className="bar__fill" style={{ width: `${String(Math.min(100, Math.round(share * 100)))}%` }} />
        </dd>
      )}
      {detail && <dd className="kpi__detail">{detail}</dd>}
      {hint && <dd className="kpi__hint">{hint}</dd>}
    </div>
  );
}

/** A number that, where the record list can show exactly these records, links to them. */
function Count({ value, label, drill }: { value: number; label: string; drill: Drill | null }): ReactNode {
  const { t, i18n } = useTranslation();
  const text = new Intl.NumberFormat(locale(i18n.language)).format(value);
  if (!drill || value === 0 || !canDrill(drill)) return <span className="count">{text}</span>;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    drillDown(drill);
  };
  return (
    <a
      className="count count--link"
      href={drillHref(drill)}
      onClick={onClick}
      aria-label={t('overview.openList', { label, count: text })}
    >
      {text}
    </a>
  );
}

function BreakdownTable({
  caption,
  note,
  column,
  rows,
  total,
  label,
  drill,
}: {
  caption: string;
  note?: string;
  column: string;
  rows: Breakdown;
  total: number;
  label: (key: string) => string;
  drill: (key: string) => Drill | null;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  const formats = useFormats(i18n.language);
  const noteId = useId();
  const tableId = useId();
  const visible = expanded ? rows : rows.slice(0, TOP_ROWS);

  return (
    <div className="breakdown">
      <table className="breakdown__table" id={tableId} aria-describedby={note ? noteId : undefined}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{column}</th>
            <th scope="col" className="num">
              {t('overview.column.count')}
            </th>
            <th scope="col" className="breakdown__share">
              {t('overview.column.share')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={3} className="muted">
                {t('overview.none')}
              </td>
            </tr>
          ) : (
            visible.map((row) => {
              const name = label(row.key);
              const share = total > 0 ? row.count / total : 0;
              return (
                <tr key={row.key || '-'}>
                  <th scope="row">{name}</th>
                  <td className="num">
                    <Count value={row.count} label={name} drill={drill(row.key)} />
                  </td>
                  <td className="breakdown__share">
                    <span className="breakdown__cell">
                      <span className="bar" aria-hidden="true">
                        <span className="bar__fill" style={{ width: `${String(Math.min(100, share * 100))}%` }} />
                      </span>
                      <span className="breakdown__pct">{formats.percent(row.count, total)}</span>
                    </span>
                  </td>
                </tr>
              );
            })
          )}
        </tbody>
      </table>
      {note && (
        <p className="breakdown__note" id={noteId}>
          {note}
        </p>
      )}
      {rows.length > TOP_ROWS && (
        <button
          type="button"
          className="link-button breakdown__more"
          aria-controls={tableId}
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? t('overview.showFewer') : t('overview.showAll', { count: rows.length })}
        </button>
      )}
    </div>
  );
}
