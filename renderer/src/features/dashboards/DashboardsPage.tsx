import { useEffect, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardFilters } from '../../../../shared/reports/dashboard';
import { CHANNEL_CODES, type ChannelCode } from '../../../../shared/taxonomy/channels';
import { locale } from '../../i18n';
import { useCountryOptions } from '../../i18n/format';
import { useProblemText } from '../../i18n/lookup';
import { PeriodPicker } from '../../ui/PeriodPicker';
import { formatPeriod, todayIn, type Period } from '../../ui/period';
import { useSettings } from '../settings/settings-store';
import { termLabel, useTaxonomy } from '../taxonomy/taxonomy-store';
import { requestKey, useDashboards } from './dashboards-store';
import { useLabels, type Labels } from './labels';
import { choicePeriod, DEFAULT_SILENT_DAYS, filtersOf, silentDaysOf, type Choice } from './model';
import {
  ActivitySection,
  ChannelsSection,
  CompletenessSection,
  ResultsSection,
  SECTIONS,
  TimelinessSection,
} from './sections';
import { EfficiencyLinks } from '../efficiency/EfficiencyLinks';
// Objectives with progress (issue 14, item 1): also in the print-out, the periodic report.
import { ObjectivesPanel } from '../objectives/ObjectivesPanel';
import './dashboards.css';

/**
 * HQ's dashboards over every post's records (and a post's over its own): activity, channel use, timeliness,
 * results and the completeness of the posts' exports, all under one set of filters.
 */
export function DashboardsPage(): ReactNode {
  const { t } = useTranslation('dashboards');
  const timeZone = useSettings((s) => s.settings.timeZone);
  const { choice, data, dataKey, dataFilters, loading, error, load } = useDashboards();
  const problemText = useProblemText();
  const labels = useLabels();
  const today = todayIn(timeZone);
  const period = choicePeriod(choice, today);
  const { filters, problem } = filtersOf(choice, today);
  const typedSilentDays = silentDaysOf(choice);
  const shownSilentDays = Number(data?.filters['silentDays'] ?? DEFAULT_SILENT_DAYS);
  const silentDays = typedSilentDays ?? shownSilentDays;
  const key = filters ? requestKey(filters, silentDays) : null;

  useEffect(() => {
    if (!key) return;
    const { silentDays: days, ...wanted } = JSON.parse(key) as DashboardFilters & { silentDays: number };
    void load(wanted, days);
  }, [key, load]);

  const fresh = data !== null && dataKey === key;

  return (
    <div className="page dashboards">
      <header className="page__header">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('intro')}</p>
        </div>
        <EfficiencyLinks />
        <button type="button" className="button dash-print" onClick={() => window.print()}>
          {t('filters.print')}
        </button>
      </header>

      <FilterBar choice={choice} period={period} problem={problem} />

      <div aria-live="polite" className="figures-status">
        {error && !loading ? (
          <p className="notice notice--error" role="alert">
            {t('loadError', { message: problemText(error) })}{' '}
            <button type="button" className="link-button" onClick={() => filters && void load(filters, silentDays)}>
              {t('figures.retry')}
            </button>
          </p>
        ) : !problem ? (
          <>
            <p className="figures-showing">
              {loading && !data ? t('figures.loading') : <Showing choice={choice} period={period} labels={labels} />}
            </p>
          </>
        ) : null}
      </div>

      {data && dataFilters && (
        <>
          <nav className="dash-contents" aria-label={t('contents')}>
            <ul>
              {SECTIONS.map((id) => (
                <li key={id}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      const heading = document.getElementById(`dash-${id}`);
                      heading?.scrollIntoView({ block: 'start' });
                      heading?.focus({ preventScroll: true });
                    }}
                  >
                    {id === 'completeness' ? t('completeness.title') : t(`${id}.title`)}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <div className={fresh ? 'figures-body' : 'figures-body is-stale'} aria-busy={!fresh}>
            <ActivitySection data={data} filters={dataFilters} labels={labels} />
            <ChannelsSection data={data} filters={dataFilters} labels={labels} />
            <TimelinessSection data={data} filters={dataFilters} labels={labels} />
            <ResultsSection data={data} filters={dataFilters} labels={labels} />
            <CompletenessSection
              data={data}
              labels={labels}
              silentDays={shownSilentDays}
              control={<SilentDaysField value={choice.silentDays} valid={typedSilentDays !== null} />}
            />
          </div>
        </>
      )}
      <ObjectivesPanel />
    </div>
  );
}

/** "Figures for 1 Oct – 31 Dec 2026 · Filtered on Cocaine, Colombia": also what a print-out says. */
function Showing({ choice, period, labels }: { choice: Choice; period: Period; labels: Labels }): ReactNode {
  const { t, i18n } = useTranslation('dashboards');
  const active = [
    choice.phenomenon && labels.phenomenon(choice.phenomenon),
    choice.country && labels.country(choice.country),
    choice.post && labels.post(choice.post),
    choice.channel && labels.channel(choice.channel),
  ].filter(Boolean);
  return (
    <>
      {t('figures.showing', { period: formatPeriod(period, locale(i18n.language)) })}
      {active.length > 0 && (
        <>
          {' · '}
          {t('filteredOn', { filters: active.join(', ') })}
        </>
      )}
    </>
  );
}

function FilterBar({
  choice,
  period,
  problem,
}: {
  choice: Choice;
  period: Period;
  problem: ReturnType<typeof filtersOf>['problem'];
}): ReactNode {
  const { t, i18n } = useTranslation('dashboards');
  const { choose, clear } = useDashboards();
  const posts = useDashboards((s) => s.posts);
  const phenomena = useTaxonomy((s) => s.terms.phenomenon);
  const countries = useCountryOptions(i18n.language);
  const scopeId = useId();
  const narrowed = Boolean(choice.phenomenon || choice.country || choice.post || choice.channel);
  const setCustom = (patch: Partial<Period>) => choose({ preset: 'custom', custom: { ...period, ...patch } });
  const collator = new Intl.Collator(locale(i18n.language));
  const postOptions = Object.entries(posts).sort((a, b) => collator.compare(a[1], b[1]));

  return (
    <div className="figures-filters" role="search" aria-label={t('filters.label')} aria-describedby={scopeId}>
      <PeriodPicker
        preset={choice.preset}
        period={period}
        problem={problem}
        onPreset={(preset) => choose({ preset })}
        onCustom={setCustom}
      />
      <div className="figures-filters__selects">
        <label className="filter">
          <span>{t('filters.phenomenon')}</span>
          <select value={choice.phenomenon} onChange={(e) => choose({ phenomenon: e.target.value })}>
            <option value="">{t('filters.all')}</option>
            {phenomena.map((p) => (
              <option key={p.code} value={p.code}>
                {p.parentCode ? '\u00a0\u00a0' : ''}
                {termLabel(p, i18n.language, p.code)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>{t('filters.country')}</span>
          <select value={choice.country} onChange={(e) => choose({ country: e.target.value })}>
            <option value="">{t('filters.all')}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>{t('filters.post')}</span>
          <select value={choice.post} onChange={(e) => choose({ post: e.target.value })}>
            <option value="">{t('filters.all')}</option>
            <option value="own">{t('ownRecords')}</option>
            {postOptions.map(([code, postName]) => (
              <option key={code} value={code}>
                {postName}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>{t('filters.channel')}</span>
          <select value={choice.channel} onChange={(e) => choose({ channel: e.target.value as ChannelCode | '' })}>
            <option value="">{t('filters.all')}</option>
            {CHANNEL_CODES.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`)}
              </option>
            ))}
          </select>
        </label>
        {narrowed && (
          <button type="button" className="button button--small figures-filters__clear" onClick={clear}>
            {t('filters.clear')}
          </button>
        )}
      </div>
      <p className="figures-filters__scope" id={scopeId}>
        {t('filters.scope')}
      </p>
    </div>
  );
}

function SilentDaysField({ value, valid }: { value: string; valid: boolean }): ReactNode {
  const { t } = useTranslation('dashboards');
  const choose = useDashboards((s) => s.choose);
  const errorId = useId();
  return (
    <div className="dash-silent">
      <label className="filter">
        <span>{t('completeness.silentDays')}</span>
        <input
          type="number"
          min={1}
          max={3650}
          step={1}
          inputMode="numeric"
          value={value}
          aria-invalid={!valid}
          aria-describedby={valid ? undefined : errorId}
          onChange={(e) => choose({ silentDays: e.target.value })}
        />
      </label>
      {!valid && (
        <p className="field__error" id={errorId} role="alert">
          {t('completeness.silentDaysInvalid')}
        </p>
      )}
    </div>
  );
}
