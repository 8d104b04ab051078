import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard, DashboardFilters } from '../../../../shared/reports/dashboard';
import type { ChannelCode } from '../../../../shared/taxonomy/channels';
import { Bar, Count, NumberWithBar } from '../../ui/Count';
import { countColumns, DataTable, nameColumn, type Column } from '../../ui/DataTable';
import { Kpi, Kpis } from '../../ui/Kpi';
import type { Drill } from '../overview/drill';
import { useTaxonomy } from '../taxonomy/taxonomy-store';
import { HorizontalBars, MonthlyBars, PALETTE, ShareLine } from './charts';
import type { Labels } from './labels';
import { drillFor, monthsOf, phenomenonDrill } from './model';

// The five views of the dashboards. Each takes the figures and the filters that produced them; every
// number that a record list can show exactly links to that list.

export const SECTIONS = ['activity', 'channels', 'timeliness', 'results', 'completeness'] as const;
export type SectionId = (typeof SECTIONS)[number];

interface SectionProps {
  data: Dashboard;
  filters: DashboardFilters;
  labels: Labels;
}

type Triple = { key: string; engagements: number; requests: number; results: number };

export function Section({ id, title, children }: { id: SectionId; title: string; children: ReactNode }) {
  return (
    <section className="figures-section" aria-labelledby={`dash-${id}`}>
      <h2 id={`dash-${id}`} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Columns for a breakdown of engagements, requests and results with a bar each, linked where possible. */
function tripleColumns(
  first: Column<Triple>,
  rows: readonly Triple[],
  label: (key: string) => string,
  drill: (kind: 'engagement' | 'request' | 'result', key: string) => Drill | null,
  t: (key: string) => string,
): Column<Triple>[] {
  const max = (field: 'engagements' | 'requests' | 'results') => rows.reduce((n, r) => Math.max(n, r[field]), 0);
  const column = (field: 'engagements' | 'requests' | 'results', kind: 'engagement' | 'request' | 'result') => {
    const top = max(field);
    return {
      key: field,
      header: t(`seriesShort.${field}`),
      numeric: true,
      value: (r: Triple) => r[field],
      render: (r: Triple) => (
        <NumberWithBar
          value={r[field]}
          max={top}
          series={field}
          label={`${label(r.key)}, ${t(`series.${field}`)}`}
          drill={drill(kind, r.key)}
        />
      ),
    } satisfies Column<Triple>;
  };
  return [first, column('engagements', 'engagement'), column('requests', 'request'), column('results', 'result')];
}

// ---- 1. Activity ------------------------------------------------------------------------------------

export function ActivitySection({ data, filters, labels }: SectionProps): ReactNode {
  const { t } = useTranslation('dashboards');
  const terms = useTaxonomy((s) => s.terms.phenomenon);
  const { activity } = data;
  const byMonth = new Map(activity.byMonth.map((m) => [m.month, m]));
  const months = [...new Set([...monthsOf(filters), ...byMonth.keys()])].sort();
  const monthRows = months.map((month) => byMonth.get(month) ?? { month, engagements: 0, requests: 0, results: 0 });
  const engagements = activity.engagements.operational + activity.engagements.nonOperational;
  const requests = activity.byMonth.reduce((n, m) => n + m.requests, 0);
  const countryTop = activity.byCountry.reduce((n, r) => Math.max(n, r.count), 0);

  return (
    <Section id="activity" title={t('activity.title')}>
      <Kpis>
        <Kpi
          label={t('series.engagements')}
          value={<Count value={engagements} label={t('series.engagements')} drill={drillFor('engagement', filters)} />}
        />
        <Kpi
          label={t('activity.operational')}
          value={
            <Count
              value={activity.engagements.operational}
              label={t('activity.operational')}
              drill={drillFor('engagement', filters, { status: 'operational' })}
            />
          }
          share={engagements > 0 ? activity.engagements.operational / engagements : null}
          detail={t('activity.ofEngagements', {
            share: labels.percent(activity.engagements.operational, engagements),
            total: labels.number(engagements),
          })}
        />
        <Kpi
          label={t('activity.nonOperational')}
          value={<Count value={activity.engagements.nonOperational} label="" drill={null} />}
          share={engagements > 0 ? activity.engagements.nonOperational / engagements : null}
          detail={t('activity.nonOperationalDetail')}
        />
        <Kpi
          label={t('series.requests')}
          value={<Count value={requests} label={t('series.requests')} drill={drillFor('request', filters)} />}
        />
        <Kpi
          label={t('series.results')}
          value={<Count value={data.results.total} label={t('series.results')} drill={drillFor('result', filters)} />}
        />
      </Kpis>
      <div className="figures-grid">
        <DataTable
          wide
          side
          caption={t('activity.perMonth')}
          chart={
            <MonthlyBars
              title={t('activity.perMonth')}
              rows={monthRows.map((m) => ({ ...m, label: labels.month(m.month) }))}
            />
          }
          rows={monthRows}
          rowKey={(r) => r.month}
          top={24}
          columns={[
            {
              key: 'month',
              header: t('column.month'),
              nowrap: true,
              value: (r) => labels.month(r.month),
            },
            ...(['engagements', 'requests', 'results'] as const).map((field) => ({
              key: field,
              header: t(`seriesShort.${field}`),
              numeric: true,
              value: (r: (typeof monthRows)[number]) => r[field],
              render: (r: (typeof monthRows)[number]) => labels.number(r[field]),
            })),
          ]}
        />
        <DataTable
          wide
          caption={t('activity.byPhenomenon')}
          rows={activity.byPhenomenon}
          rowKey={(r) => r.key}
          columns={tripleColumns(
            nameColumn('phenomenon', t('column.phenomenon'), labels.phenomenon),
            activity.byPhenomenon,
            labels.phenomenon,
            (kind, key) => phenomenonDrill(kind, filters, key, terms),
            t,
          )}
        />
        <DataTable
          caption={t('activity.byCountry')}
          note={t('activity.byCountryNote')}
          rows={activity.byCountry}
          rowKey={(r) => r.key}
          columns={[
            nameColumn('country', t('column.country'), labels.country),
            {
              key: 'count',
              header: t('figures.column.count'),
              numeric: true,
              value: (r) => r.count,
              render: (r) => (
                <NumberWithBar value={r.count} max={countryTop} label={labels.country(r.key)} drill={null} />
              ),
            },
          ]}
        />
        <DataTable
          caption={t('activity.byPost')}
          rows={activity.byPost}
          rowKey={(r) => r.key}
          columns={tripleColumns(
            nameColumn('post', t('column.post'), labels.post),
            activity.byPost,
            labels.post,
            (kind, key) => drillFor(kind, { ...filters, post: key }),
            t,
          )}
        />
      </div>
    </Section>
  );
}

// ---- 2. Channel use ---------------------------------------------------------------------------------

export function ChannelsSection({ data, filters, labels }: SectionProps): ReactNode {
  const { t } = useTranslation('dashboards');
  const { channels } = data;
  const sienaByMonth = new Map(channels.sienaByMonth.map((m) => [m.month, m]));
  const months = [...new Set([...monthsOf(filters), ...sienaByMonth.keys()])].sort();
  const trend = months.map((month) => sienaByMonth.get(month) ?? { month, eu: 0, siena: 0 });
  const mixTotal = channels.mix.reduce((n, r) => n + r.count, 0);

  return (
    <Section id="channels" title={t('channels.title')}>
      <Kpis roomy>
        <Kpi
          label={t('channels.siena')}
          value={labels.percent(channels.euViaSiena, channels.euExchanges)}
          share={channels.euExchanges > 0 ? channels.euViaSiena / channels.euExchanges : null}
          detail={
            channels.euExchanges > 0
              ? t('channels.sienaDetail', {
                  part: labels.number(channels.euViaSiena),
                  whole: labels.number(channels.euExchanges),
                })
              : t('channels.sienaNone')
          }
          hint={t('channels.sienaHint')}
        />
      </Kpis>
      <div className="figures-grid">
        <DataTable
          caption={t('channels.mix')}
          chart={
            <HorizontalBars
              title={t('channels.mix')}
              rows={channels.mix.map((r) => ({ label: labels.channel(r.key), value: r.count }))}
            />
          }
          rows={channels.mix}
          rowKey={(r) => r.key}
          columns={countColumns({
            first: nameColumn('channel', t('column.channel'), labels.channel),
            rows: channels.mix,
            label: labels.channel,
            drill: (key) => (key ? drillFor('request', filters, { channel: key as ChannelCode }) : null),
            formats: labels,
            t,
          })}
        />
        <DataTable
          caption={t('channels.reasons')}
          note={t('channels.reasonsNote')}
          rows={channels.nonSienaReasons}
          rowKey={(r) => r.key}
          columns={countColumns({
            first: nameColumn('reason', t('column.reason'), labels.reason),
            rows: channels.nonSienaReasons,
            label: labels.reason,
            drill: () => null,
            formats: labels,
            t,
          })}
        />
        <DataTable
          wide
          side
          caption={t('channels.trend')}
          chart={
            channels.euExchanges > 0 ? (
              <ShareLine
                title={t('channels.trend')}
                name={t('column.sienaShare')}
                rows={trend.map((m) => ({
                  label: labels.month(m.month),
                  share: labels.percentValue(m.siena, m.eu),
                }))}
              />
            ) : undefined
          }
          rows={channels.euExchanges > 0 ? trend : []}
          rowKey={(r) => r.month}
          top={24}
          columns={[
            {
              key: 'month',
              header: t('column.month'),
              nowrap: true,
              value: (r) => labels.month(r.month),
            },
            {
              key: 'eu',
              header: t('column.euExchanges'),
              numeric: true,
              value: (r) => r.eu,
              render: (r) => labels.number(r.eu),
            },
            {
              key: 'siena',
              header: t('column.viaSiena'),
              numeric: true,
              value: (r) => r.siena,
              render: (r) => labels.number(r.siena),
            },
            {
              key: 'share',
              header: t('column.sienaShare'),
              numeric: true,
              value: (r) => labels.percentValue(r.siena, r.eu),
              render: (r) => labels.percent(r.siena, r.eu),
            },
          ]}
        />
      </div>
      {mixTotal === 0 && <p className="muted">{t('figures.none')}</p>}
    </Section>
  );
}

// ---- 3. Timeliness ----------------------------------------------------------------------------------

type Timely = { key: string; answered: number; inTime: number };

function timelyColumns(first: Column<Timely>, labels: Labels, t: (key: string) => string): Column<Timely>[] {
  return [
    first,
    {
      key: 'answered',
      header: t('column.answered'),
      numeric: true,
      value: (r) => r.answered,
      render: (r) => labels.number(r.answered),
    },
    {
      key: 'inTime',
      header: t('column.inTime'),
      numeric: true,
      value: (r) => r.inTime,
      render: (r) => labels.number(r.inTime),
    },
    {
      key: 'inTimeShare',
      header: t('column.inTimeShare'),
      numeric: true,
      value: (r) => labels.percentValue(r.inTime, r.answered),
      render: (r) => (
        <span className="figure-cell">
          <Bar value={r.inTime} max={r.answered} />
          <span className="count">{labels.percent(r.inTime, r.answered)}</span>
        </span>
      ),
    },
  ];
}

export function TimelinessSection({ data, filters, labels }: SectionProps): ReactNode {
  const { t } = useTranslation('dashboards');
  const { timeliness } = data;
  const answered = timeliness.byUrgency.reduce((n, r) => n + r.answered, 0);
  const inTime = timeliness.byUrgency.reduce((n, r) => n + r.inTime, 0);
  return (
    <Section id="timeliness" title={t('timeliness.title')}>
      <Kpis>
        <Kpi
          label={t('timeliness.inTime')}
          value={labels.percent(inTime, answered)}
          share={answered > 0 ? inTime / answered : null}
          detail={
            answered > 0
              ? t('timeliness.inTimeDetail', {
                  part: labels.number(inTime),
                  whole: labels.number(answered),
                })
              : t('timeliness.inTimeNone')
          }
        />
        <Kpi
          label={t('timeliness.median')}
          value={labels.duration(timeliness.medianHours)}
          detail={timeliness.medianHours === null ? t('timeliness.noResponses') : t('timeliness.responseDetail')}
        />
        <Kpi
          label={t('timeliness.p90')}
          value={labels.duration(timeliness.p90Hours)}
          detail={timeliness.p90Hours === null ? t('timeliness.noResponses') : t('timeliness.responseDetail')}
        />
        <Kpi
          label={t('timeliness.openOverdue')}
          value={
            <Count
              value={timeliness.openOverdue}
              label={t('timeliness.openOverdue')}
              drill={drillFor('request', filters, { overdue: true })}
            />
          }
          detail={t('timeliness.openOverdueDetail')}
          alert={timeliness.openOverdue > 0}
        />
      </Kpis>
      <div className="figures-grid">
        <DataTable
          caption={t('timeliness.byUrgency')}
          note={t('timeliness.note')}
          chart={
            <HorizontalBars
              title={t('timeliness.byUrgency')}
              rows={timeliness.byUrgency.map((r) => ({
                label: labels.urgency(r.key),
                value: labels.percentValue(r.inTime, r.answered) ?? 0,
              }))}
              max={100}
              format={(v) => labels.percent(v, 100)}
            />
          }
          rows={timeliness.byUrgency}
          rowKey={(r) => r.key}
          columns={timelyColumns(nameColumn('urgency', t('column.urgency'), labels.urgency), labels, t)}
        />
        <DataTable
          caption={t('timeliness.byCountry')}
          rows={timeliness.byCountry}
          rowKey={(r) => r.key}
          columns={timelyColumns(nameColumn('country', t('column.country'), labels.country), labels, t)}
        />
      </div>
    </Section>
  );
}

// ---- 4. Results -------------------------------------------------------------------------------------

export function ResultsSection({ data, filters, labels }: SectionProps): ReactNode {
  const { t } = useTranslation('dashboards');
  const terms = useTaxonomy((s) => s.terms.phenomenon);
  const { results } = data;
  return (
    <Section id="results" title={t('results.title')}>
      <Kpis>
        <Kpi
          label={t('results.total')}
          value={<Count value={results.total} label={t('results.total')} drill={drillFor('result', filters)} />}
          detail={t('results.totalDetail')}
        />
      </Kpis>
      <div className="figures-grid">
        <DataTable
          caption={t('results.byKind')}
          chart={
            <HorizontalBars
              title={t('results.byKind')}
              colour={PALETTE.green}
              rows={results.byKind.map((r) => ({ label: labels.resultKind(r.key), value: r.count }))}
            />
          }
          rows={results.byKind}
          rowKey={(r) => r.key}
          columns={countColumns({
            first: nameColumn('kind', t('column.kind'), labels.resultKind),
            rows: results.byKind,
            label: labels.resultKind,
            drill: (key) => (key ? drillFor('result', filters, { status: key }) : null),
            formats: labels,
            t,
          })}
        />
        <DataTable
          caption={t('results.byPhenomenon')}
          rows={results.byPhenomenon}
          rowKey={(r) => r.key}
          columns={countColumns({
            first: nameColumn('phenomenon', t('column.phenomenon'), labels.phenomenon),
            rows: results.byPhenomenon,
            label: labels.phenomenon,
            drill: (key) => phenomenonDrill('result', filters, key, terms),
            formats: labels,
            t,
            of: results.total,
          })}
        />
        <DataTable
          caption={t('results.byPost')}
          rows={results.byPost}
          rowKey={(r) => r.key}
          columns={countColumns({
            first: nameColumn('post', t('column.post'), labels.post),
            rows: results.byPost,
            label: labels.post,
            drill: (key) => drillFor('result', { ...filters, post: key }),
            formats: labels,
            t,
          })}
        />
        <DataTable
          caption={t('results.byCountry')}
          note={t('results.byCountryNote')}
          rows={results.byCountry}
          rowKey={(r) => r.key}
          columns={countColumns({
            first: nameColumn('country', t('column.country'), labels.country),
            rows: results.byCountry,
            label: labels.country,
            drill: () => null,
            formats: labels,
            t,
            of: results.total,
          })}
        />
      </div>
    </Section>
  );
}

// ---- 5. Completeness --------------------------------------------------------------------------------

type PostRow = Dashboard['completeness'][number];

export function CompletenessSection({
  data,
  labels,
  silentDays,
  control,
}: {
  data: Dashboard;
  labels: Labels;
  silentDays: number;
  /** The "silent after N days" field. */
  control: ReactNode;
}): ReactNode {
  const { t } = useTranslation('dashboards');
  const posts = data.completeness;
  const silent = posts.filter((p) => p.silent).length;
  const status = (p: PostRow) =>
    p.silent ? (p.lastExportAt ? t('completeness.silent') : t('completeness.never')) : t('completeness.ok');
  return (
    <Section id="completeness" title={t('completeness.title')}>
      <p className="muted dash-section__intro">{t('completeness.intro')}</p>
      {control}
      {posts.length === 0 ? (
        <p className="muted">{t('completeness.none')}</p>
      ) : (
        <>
          <p className={silent > 0 ? 'dash-flag dash-flag--alert' : 'dash-flag'}>
            {silent > 0
              ? t('completeness.silentCount', { count: silent, days: silentDays })
              : t('completeness.allCurrent', { days: silentDays })}
          </p>
          <div className="figures-grid">
            <DataTable
              wide
              caption={t('completeness.table')}
              rows={posts}
              rowKey={(r) => r.postId}
              top={50}
              columns={[
                { key: 'post', header: t('column.post'), value: (r) => r.postName || r.postId },
                {
                  key: 'lastExport',
                  header: t('column.lastExport'),
                  value: (r) => r.lastExportAt,
                  render: (r) => (r.lastExportAt ? labels.dateTime(r.lastExportAt) : t('completeness.never')),
                },
                {
                  key: 'lastPeriod',
                  header: t('column.lastPeriod'),
                  value: (r) => (r.lastPeriod ? `${r.lastPeriod.from} – ${r.lastPeriod.to}` : null),
                  render: (r) =>
                    r.lastPeriod
                      ? `${labels.date(r.lastPeriod.from)} – ${labels.date(r.lastPeriod.to)}`
                      : t('figures.noValue'),
                },
                {
                  key: 'missing',
                  header: t('column.missing'),
                  value: (r) => r.missing.join(', ') || null,
                  render: (r) =>
                    r.missing.length > 0 ? (
                      <span className="dash-gap">{t('completeness.missingList', { list: r.missing.join(', ') })}</span>
                    ) : (
                      t('completeness.noGaps')
                    ),
                },
                {
                  key: 'status',
                  header: t('column.status'),
                  value: status,
                  render: (r) => (
                    <span
                      className={r.silent ? 'dash-badge dash-badge--silent' : 'dash-badge dash-badge--ok'}
                      title={r.silent ? t('completeness.silentDetail', { days: silentDays }) : undefined}
                    >
                      <span aria-hidden="true">{r.silent ? '⚠ ' : '✓ '}</span>
                      {status(r)}
                    </span>
                  ),
                },
              ]}
            />
          </div>
        </>
      )}
    </Section>
  );
}
