import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/contract/result';
import type { ObjectiveProgress, ObjectivesProgress } from '../../../../shared/objectives/progress';
import { call } from '../../api/bridge';
import { locale } from '../../i18n';
import { problemText } from '../../i18n/lookup';
import { formatPeriod } from '../../ui/period';
import { useLabels, type Labels } from '../dashboards/labels';
import './objectives.css';

/**
 * HQ's objectives on the dashboards page (and so in the periodic report, its print-out): per objective the
 * target against the actual so far, the figure per month, and a projection to the end of the period. The
 * dashboards' filters do not apply: each objective carries its own period and scope.
 */
export function ObjectivesPanel(): ReactNode {
  const { t } = useTranslation('objectives');
  const labels = useLabels();
  const [data, setData] = useState<ObjectivesProgress | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const load = useCallback(async () => {
    setError(null);
    const r = await call('objectives.progress', {});
    if (r.ok) setData(r.value);
    else setError(r.error);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="figures-section objectives-panel" aria-labelledby="dash-objectives">
      <h2 id="dash-objectives" tabIndex={-1}>
        {t('title')}
      </h2>
      {error ? (
        <p className="notice notice--error" role="alert">
          {t('loadError', { message: problemText(error) })}{' '}
          <button type="button" className="link-button" onClick={() => void load()}>
            {t('retry')}
          </button>
        </p>
      ) : !data ? (
        <p className="muted">{t('loading')}</p>
      ) : data.objectives.length === 0 ? (
        <p className="muted objectives-panel__none">
          {t('none')} {data.role === 'hq' ? t('noneHq') : t('nonePost')}
        </p>
      ) : (
        <>
          <p className="muted">
            {t(data.role === 'post' ? 'introPost' : 'introHq', {
              version: labels.number(data.configVersion ?? 0),
            })}
          </p>
          <ul className="objectives-list">
            {data.objectives.map((p) => (
              <li key={p.objective.id}>
                <ObjectiveCard progress={p} labels={labels} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ObjectiveCard({ progress: p, labels }: { progress: ObjectiveProgress; labels: Labels }): ReactNode {
  const { t, i18n } = useTranslation('objectives');
  const o = p.objective;
  const loc = locale(i18n.language);
  const share = p.kind === 'share';
  const percent = new Intl.NumberFormat(loc, { style: 'percent', maximumFractionDigits: 1 });
  const count = new Intl.NumberFormat(loc, { maximumFractionDigits: 1 });
  const points = new Intl.NumberFormat(loc, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const write = (v: number | null) => (v === null ? '—' : share ? percent.format(v / 100) : count.format(v));
  const label = i18n.language === 'nl' ? o.labelNl : o.labelEn;
  const metric =
    o.metric === 'results_count' && o.resultKind
      ? t('metric.results_count_kind', { kind: labels.resultKind(o.resultKind) })
      : t(`metric.${o.metric}`);
  const s = o.scope;
  const scope =
    s.type === 'network'
      ? t(p.figuresOf === 'post' ? 'scope.networkAtPost' : 'scope.network')
      : s.type === 'post'
        ? t('scope.post', { post: labels.post(s.postId) })
        : s.type === 'country'
          ? t('scope.country', { country: labels.country(s.country) })
          : t('scope.phenomenon', { phenomenon: labels.phenomenon(s.code) });
  const end = labels.date(o.period.to);
  const scale = Math.max(o.target, p.actual ?? 0, p.projection ?? 0, share ? 100 : 1);
  const width = (v: number | null) => `${(Math.max(0, v ?? 0) / scale) * 100}%`;

  return (
    <article className={`objective objective--${p.status}`} data-objective={o.id}>
      <header className="objective__head">
        <div>
          <h3>{label}</h3>
          <p className="muted objective__meta">
            {metric} · {scope} · {formatPeriod(o.period, loc)}
          </p>
        </div>
        <span className={`objective__status objective__status--${p.status}`}>{t(`status.${p.status}`)}</span>
      </header>

      <p className="objective__actual">
        <strong>
          {share
            ? t('actualShare', { actual: write(p.actual), target: write(o.target) })
            : t('actualCount', { actual: write(p.actual), target: write(o.target) })}
        </strong>
        {share && (
          <span className="muted">
            {' '}
            ({p.whole > 0 ? t('shareOf', { part: labels.number(p.part), whole: labels.number(p.whole) }) : t('noShare')}
            )
          </span>
        )}
      </p>
      <div
        className="objective__bar"
        role="img"
        aria-label={t('bar', { actual: write(p.actual), projection: write(p.projection), target: write(o.target) })}
      >
        <span className="objective__projection" style={{ width: width(p.projection) }} />
        <span className="objective__fill" style={{ width: width(p.actual) }} />
        <span className="objective__target" style={{ left: width(o.target) }} />
      </div>
      <p className="objective__facts muted">
        {p.through
          ? t('elapsed', {
              elapsed: labels.number(p.elapsedDays),
              total: labels.number(p.totalDays),
              through: labels.date(p.through),
            })
          : t('notStarted', { from: labels.date(o.period.from) })}
      </p>
      <p className="objective__facts">
        {p.projection === null
          ? t('projectionNone')
          : t(share ? 'projectionShare' : 'projectionCount', { end, value: write(p.projection) })}
        {share && (
          <>
            {' · '}
            {p.trendPerMonth === null ? t('trendNone') : t('trend', { value: points.format(p.trendPerMonth) })}
          </>
        )}
      </p>
      {p.byMonth.length > 0 && <Monthly progress={p} labels={labels} write={write} />}
    </article>
  );
}

/** The small monthly trend: a bar per month (the month's figure) and the same figures in a table. */
function Monthly({
  progress: p,
  labels,
  write,
}: {
  progress: ObjectiveProgress;
  labels: Labels;
  write: (v: number | null) => string;
}): ReactNode {
  const { t } = useTranslation('objectives');
  const top = Math.max(1, ...p.byMonth.map((m) => m.value ?? 0), p.kind === 'share' ? 100 : 0);
  return (
    <div className="objective__monthly">
      <div className="objective__spark" aria-hidden="true">
        {p.byMonth.map((m) => (
          <span key={m.month} title={`${labels.month(m.month)}: ${write(m.value)}`}>
            <span style={{ height: `${((m.value ?? 0) / top) * 100}%` }} />
          </span>
        ))}
      </div>
      <table className="objective__table">
        <caption className="visually-hidden">{t('monthly')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('col.month')}</th>
            <th scope="col">{t('col.value')}</th>
            <th scope="col">{t('col.cumulative')}</th>
          </tr>
        </thead>
        <tbody>
          {p.byMonth.map((m) => (
            <tr key={m.month}>
              <th scope="row">{labels.month(m.month)}</th>
              <td>{write(m.value)}</td>
              <td>{write(m.cumulative)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
