import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Breakdown, Overview } from '../../../../shared/overview/schema';
import type { ChannelCode } from '../../../../shared/taxonomy/channels';
import { locale } from '../../i18n';
import { countryName } from '../../i18n/format';
import { Count, useFigureFormats, type FigureFormats } from '../../ui/Count';
import { countColumns, DataTable, nameColumn } from '../../ui/DataTable';
import { Kpi, Kpis } from '../../ui/Kpi';
import { PeriodPicker } from '../../ui/PeriodPicker';
import { formatPeriod, periodProblem, presetPeriod, todayIn, type Period } from '../../ui/period';
import { useSettings } from '../settings/settings-store';
import { termLabel, useTaxonomy } from '../taxonomy/taxonomy-store';
import type { Drill } from './drill';
import { useOverview } from './overview-store';
import { en as common } from '../../i18n/en';
import { isKeyOf } from '../../i18n/lookup';
import { en } from './i18n';
import './overview.css';

/** How many rows of a breakdown show before "Show all". */
const TOP_ROWS = 8;

/** The officer's own figures for a period: engagements, requests (with SIENA use and timeliness), results. */
export function OverviewPage(): ReactNode {
  const { t, i18n } = useTranslation('overview');
  const timeZone = useSettings((s) => s.settings.timeZone);
  const { preset, custom, data, loading, error, load, choosePreset, setCustom } = useOverview();
  const today = todayIn(timeZone);
  const period: Period = preset === 'custom' ? custom : presetPeriod(preset, today);
  const problem = periodProblem(period);
  const formats = useFigureFormats();

  useEffect(() => {
    if (!problem) void load({ from: period.from, to: period.to });
  }, [period.from, period.to, problem, load]);

  const shown = data && data.from === period.from && data.to === period.to ? data : null;

  return (
    <div className="page overview">
      <header className="page__header overview__header">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('intro')}</p>
        </div>
      </header>

      <div className="figures-filters">
        <PeriodPicker
          preset={preset}
          period={period}
          problem={problem}
          onPreset={choosePreset}
          onCustom={(patch) => setCustom(patch, period)}
        />
      </div>

      <div aria-live="polite" className="figures-status">
        {error && !loading ? (
          <p className="notice notice--error" role="alert">
            {t('loadError', { message: error })}{' '}
            <button type="button" className="link-button" onClick={() => void load(period)}>
              {t('figures.retry')}
            </button>
          </p>
        ) : !problem ? (
          <p className="figures-showing">
            {loading && !shown
              ? t('figures.loading')
              : t('figures.showing', { period: formatPeriod(period, locale(i18n.language)) })}
          </p>
        ) : null}
      </div>

      {data && (
        <div className={shown ? 'figures-body' : 'figures-body is-stale'} aria-busy={loading || !shown}>
          <Figures data={data} formats={formats} />
        </div>
      )}
    </div>
  );
}

function Figures({ data, formats }: { data: Overview; formats: FigureFormats }): ReactNode {
  const { t, i18n } = useTranslation('overview');
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
      : t('figures.notRecorded');
  const country = (code: string) => (code ? countryName(code, language) : t('figures.notRecorded'));
  const channel = (code: string) =>
    code ? (isKeyOf(common.channel, code) ? t(`channel.${code}`) : code) : t('figures.notRecorded');
  // A row counts the records tagged with exactly that phenomenon; the list for a group would also show its
  // members' records, so only phenomena without sub-phenomena open a list.
  const byPhenomenon = (kind: Drill['kind']) => (key: string) =>
    key && !terms.some((term) => term.parentCode === key) ? { kind, filters: { ...period, phenomenon: key } } : null;
  const resultKind = (code: string) =>
    isKeyOf(en.resultKind, code) ? t(`resultKind.${code}`) : code || t('figures.notRecorded');

  return (
    <>
      <section className="figures-section" aria-labelledby="overview-engagements">
        <h2 id="overview-engagements">{t('engagements.title')}</h2>
        <Kpis>
          <Kpi
            label={t('engagements.total')}
            value={
              <Count value={eng.total} label={t('engagements.total')} drill={{ kind: 'engagement', filters: period }} />
            }
          />
          <Kpi
            label={t('engagements.operational')}
            value={
              <Count
                value={eng.operational}
                label={t('engagements.operational')}
                drill={{ kind: 'engagement', filters: { ...period, status: 'operational' } }}
              />
            }
            detail={t('ofTotal', { share: formats.percent(eng.operational, eng.total) })}
            share={eng.total > 0 ? eng.operational / eng.total : null}
          />
          <Kpi
            label={t('engagements.nonOperational')}
            value={formats.number(eng.nonOperational)}
            detail={t('engagements.nonOperationalDetail')}
            share={eng.total > 0 ? eng.nonOperational / eng.total : null}
          />
        </Kpis>
        <div className="figures-grid">
          <BreakdownTable
            formats={formats}
            caption={t('engagements.byPhenomenon')}
            column={t('column.phenomenon')}
            rows={eng.byPhenomenon}
            total={eng.total}
            label={phenomenon}
            drill={byPhenomenon('engagement')}
          />
          <BreakdownTable
            formats={formats}
            caption={t('engagements.byCountry')}
            note={t('engagements.byCountryNote')}
            column={t('column.country')}
            rows={eng.byCountry}
            total={eng.total}
            label={country}
            drill={() => null}
          />
        </div>
      </section>

      <section className="figures-section" aria-labelledby="overview-requests">
        <h2 id="overview-requests">{t('requests.title')}</h2>
        <Kpis>
          <Kpi
            label={t('requests.total')}
            value={<Count value={req.total} label={t('requests.total')} drill={{ kind: 'request', filters: period }} />}
            detail={
              <>
                {t('requests.incoming')}{' '}
                <Count
                  value={req.incoming}
                  label={t('requests.incoming')}
                  drill={{ kind: 'request', filters: { ...period, direction: 'incoming' } }}
                />
                {' · '}
                {t('requests.outgoing')}{' '}
                <Count
                  value={req.outgoing}
                  label={t('requests.outgoing')}
                  drill={{ kind: 'request', filters: { ...period, direction: 'outgoing' } }}
                />
              </>
            }
          />
          <Kpi
            label={t('requests.siena')}
            value={formats.percent(req.euViaSiena, req.euExchanges)}
            detail={
              req.euExchanges > 0
                ? t('requests.sienaDetail', {
                    part: formats.number(req.euViaSiena),
                    whole: formats.number(req.euExchanges),
                  })
                : t('requests.sienaNone')
            }
            hint={t('requests.sienaHint')}
            share={req.euExchanges > 0 ? req.euViaSiena / req.euExchanges : null}
          />
          <Kpi
            label={t('requests.inTime')}
            value={formats.percent(req.answeredInTime, req.answeredWithDeadline)}
            detail={
              req.answeredWithDeadline > 0
                ? t('requests.inTimeDetail', {
                    part: formats.number(req.answeredInTime),
                    whole: formats.number(req.answeredWithDeadline),
                  })
                : t('requests.inTimeNone')
            }
            share={req.answeredWithDeadline > 0 ? req.answeredInTime / req.answeredWithDeadline : null}
          />
          <Kpi
            label={t('requests.openOverdue')}
            value={
              <Count
                value={req.openOverdue}
                label={t('requests.openOverdue')}
                drill={{ kind: 'request', filters: { ...period, overdue: true } }}
              />
            }
            detail={t('requests.openOverdueDetail')}
            alert={req.openOverdue > 0}
          />
        </Kpis>
        <div className="figures-grid">
          <BreakdownTable
            formats={formats}
            caption={t('requests.byPhenomenon')}
            column={t('column.phenomenon')}
            rows={req.byPhenomenon}
            total={req.total}
            label={phenomenon}
            drill={byPhenomenon('request')}
          />
          <BreakdownTable
            formats={formats}
            caption={t('requests.byCountry')}
            column={t('column.country')}
            rows={req.byCountry}
            total={req.total}
            label={country}
            drill={(key) => (key ? { kind: 'request', filters: { ...period, country: key } } : null)}
          />
          <BreakdownTable
            formats={formats}
            caption={t('requests.byChannel')}
            column={t('column.channel')}
            rows={req.byChannel}
            total={req.total}
            label={channel}
            drill={(key) => (key ? { kind: 'request', filters: { ...period, channel: key as ChannelCode } } : null)}
          />
        </div>
      </section>

      <section className="figures-section" aria-labelledby="overview-results">
        <h2 id="overview-results">{t('results.title')}</h2>
        <Kpis>
          <Kpi
            label={t('results.total')}
            value={<Count value={res.total} label={t('results.total')} drill={{ kind: 'result', filters: period }} />}
            detail={t('results.totalDetail')}
          />
        </Kpis>
        <div className="figures-grid">
          <BreakdownTable
            formats={formats}
            caption={t('results.byKind')}
            column={t('column.kind')}
            rows={res.byKind}
            total={res.total}
            label={resultKind}
            drill={(key) => (key ? { kind: 'result', filters: { ...period, status: key } } : null)}
          />
          <BreakdownTable
            formats={formats}
            caption={t('results.byPhenomenon')}
            column={t('column.phenomenon')}
            rows={res.byPhenomenon}
            total={res.total}
            label={phenomenon}
            drill={byPhenomenon('result')}
          />
        </div>
      </section>
    </>
  );
}

/** One breakdown of the overview as a table with its export: name, number (linked where it can be), share. */
function BreakdownTable({
  caption,
  note,
  column,
  rows,
  total,
  label,
  drill,
  formats,
}: {
  caption: string;
  note?: string;
  column: string;
  rows: Breakdown;
  /** The records the shares are of (a record can count in several rows, or in none). */
  total: number;
  label: (key: string) => string;
  drill: (key: string) => Drill | null;
  formats: FigureFormats;
}): ReactNode {
  const { t } = useTranslation('overview');
  return (
    <DataTable
      caption={caption}
      note={note}
      rows={rows}
      rowKey={(r) => r.key || '-'}
      top={TOP_ROWS}
      empty={t('none')}
      columns={countColumns({
        first: nameColumn('name', column, label),
        rows,
        label,
        drill,
        formats,
        t,
        of: total,
      })}
    />
  );
}
