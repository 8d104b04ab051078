import { useEffect, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNEL_CODES } from '../../../../shared/taxonomy/channels';
import { useCountryOptions } from '../../i18n/format';
import { DateInput } from '../../ui/datetime/DateInputs';
import { PhenomenonOption } from '../../ui/PhenomenonOption';
import { zoneLabelIfForeign } from '../../ui/datetime/zone';
import { zoneCity } from '../../../../shared/time/format';
import { useExchange } from '../exchange/exchange-store';
import { useSettings } from '../settings/settings-store';
import { termLabel, useTaxonomy } from '../taxonomy/taxonomy-store';
import { RECORD_PAGE_NAMESPACES, type KindConfig } from './kind-config';
import { recordPageStore, type Sort } from './record-page-store';

/** The filter bar above each list: search text, period, phenomenon, country, channel, status, overdue, post, sort. */
export function RecordFilters({ config }: { config: KindConfig }): ReactNode {
  const { t, i18n } = useTranslation(RECORD_PAGE_NAMESPACES);
  const { t: tClock } = useTranslation('datetime');
  const ids = useId();
  const timeZone = useSettings((st) => st.settings.timeZone);
  const zone = zoneLabelIfForeign(timeZone, i18n.language);
  const useStore = recordPageStore(config);
  const { filters, sort, setFilters, clearFilters, setSort, total, more, counting, countAll } = useStore();
  const countries = useCountryOptions(i18n.language);
  const phenomena = useTaxonomy((s) => s.terms.phenomenon);
  const has = (key: KindConfig['filters'][number]) => config.filters.includes(key);
  const active = Object.keys(filters).length > 0;
  const posts = useExchange((s) => s.posts);
  const loadPosts = useExchange((s) => s.loadPosts);
  const wantsPosts = has('post');
  useEffect(() => {
    if (wantsPosts && posts === null) void loadPosts();
  }, [wantsPosts, posts, loadPosts]);
  // Only HQ has posts; a post chosen elsewhere (a drill-down) stays visible so it can be cleared.
  const showPost = wantsPosts && ((posts?.length ?? 0) > 0 || filters.post !== undefined);

  return (
    <div className="filters" role="search" aria-label={t('filters.label')}>
      <label className="filter filter--wide">
        <span>{t('filters.text')}</span>
        <input
          type="search"
          value={filters.text ?? ''}
          placeholder={t('filters.textPlaceholder')}
          onChange={(e) => setFilters({ text: e.target.value || undefined })}
        />
      </label>
      {has('period') && (
        <>
          {(['from', 'to'] as const).map((which) => (
            <div key={which} className="filter">
              <label htmlFor={`${ids}-${which}`}>{t(`filters.${which}`)}</label>
              <DateInput
                id={`${ids}-${which}`}
                value={filters[which] ?? ''}
                language={i18n.language}
                compact
                // Only a day that reads narrows the list; half-typed text waits, and leaving the field empty clears.
                onChange={(value, problem) => {
                  if (!problem) setFilters({ [which]: value || undefined });
                }}
              />
            </div>
          ))}
        </>
      )}
      {has('phenomenon') && (
        <label className="filter">
          <span>{t('filters.phenomenon')}</span>
          <select
            value={filters.phenomenon ?? ''}
            onChange={(e) => setFilters({ phenomenon: e.target.value || undefined })}
          >
            <option value="">{t('filters.any')}</option>
            {phenomena.map((p) => (
              <PhenomenonOption
                key={p.code}
                code={p.code}
                label={termLabel(p, i18n.language, p.code)}
                prefix={p.parentCode ? '\u00a0\u00a0' : ''}
              />
            ))}
          </select>
        </label>
      )}
      {has('country') && (
        <label className="filter">
          <span>{t('filters.country')}</span>
          <select value={filters.country ?? ''} onChange={(e) => setFilters({ country: e.target.value || undefined })}>
            <option value="">{t('filters.any')}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {has('channel') && (
        <label className="filter">
          <span>{t('filters.channel')}</span>
          <select
            value={filters.channel ?? ''}
            onChange={(e) =>
              setFilters({ channel: (e.target.value || undefined) as (typeof CHANNEL_CODES)[number] | undefined })
            }
          >
            <option value="">{t('filters.any')}</option>
            {CHANNEL_CODES.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {has('direction') && (
        <label className="filter">
          <span>{t('filters.direction')}</span>
          <select
            value={filters.direction ?? ''}
            onChange={(e) =>
              setFilters({ direction: (e.target.value || undefined) as 'incoming' | 'outgoing' | undefined })
            }
          >
            <option value="">{t('filters.any')}</option>
            <option value="incoming">{t('requests:directionShort.incoming')}</option>
            <option value="outgoing">{t('requests:directionShort.outgoing')}</option>
          </select>
        </label>
      )}
      {has('status') && config.statuses && (
        <label className="filter">
          <span>{t(config.statusLabel ?? 'filters.status')}</span>
          <select value={filters.status ?? ''} onChange={(e) => setFilters({ status: e.target.value || undefined })}>
            <option value="">{t('filters.any')}</option>
            {config.statuses.map(([value, key]) => (
              <option key={value} value={value}>
                {t(key)}
              </option>
            ))}
          </select>
        </label>
      )}
      {showPost && (
        <label className="filter">
          <span>{t('filters.post')}</span>
          <select value={filters.post ?? ''} onChange={(e) => setFilters({ post: e.target.value || undefined })}>
            <option value="">{t('filters.any')}</option>
            <option value="own">{t('filters.ownPost')}</option>
            {(posts ?? []).map((p) => (
              <option key={p.postId} value={p.postId}>
                {p.postName || p.postId}
              </option>
            ))}
            {filters.post && filters.post !== 'own' && !posts?.some((p) => p.postId === filters.post) && (
              <option value={filters.post}>{filters.post}</option>
            )}
          </select>
        </label>
      )}
      {has('overdue') && (
        <label className="filter filter--check">
          <input
            type="checkbox"
            checked={filters.overdue ?? false}
            onChange={(e) => setFilters({ overdue: e.target.checked })}
          />
          <span>{t(config.kind === 'engagement' ? 'filters.followUpDue' : 'filters.overdue')}</span>
        </label>
      )}
      <label className="filter">
        <span>{t('filters.sort')}</span>
        <select value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
          {!config.timeless && <option value="newest">{t('filters.sortNewest')}</option>}
          {!config.timeless && <option value="oldest">{t('filters.sortOldest')}</option>}
          <option value="title">{t('filters.sortTitle')}</option>
          {has('overdue') && <option value="due">{t(config.dueSortLabel ?? 'filters.sortDue')}</option>}
        </select>
      </label>
      <p className="filters__count">
        {/* "1,000+": the list counts no further than that unless asked (record-page-store.ts, `more`). */}
        <span aria-live="polite">
          {more ? t('filters.countMore', { count: total }) : t('filters.count', { count: total })}
        </span>
        {more && (
          <button type="button" className="link-button" onClick={() => void countAll()} disabled={counting}>
            {counting ? t('filters.counting') : t('filters.countAll')}
          </button>
        )}

        {active && (
          <button type="button" className="link-button" onClick={clearFilters}>
            {t('filters.clear')}
          </button>
        )}
      </p>
      {zone && SHOWS_TIMES.includes(config.kind) && (
        <p className="filters__zone">{tClock('zone.allTimes', { city: zoneCity(timeZone, i18n.language) })}</p>
      )}
    </div>
  );
}

/** The kinds whose list rows show a time of day (on the post's clock); the others show days or none. */
const SHOWS_TIMES: readonly KindConfig['kind'][] = ['request', 'engagement'];
