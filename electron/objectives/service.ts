import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Objective } from '../../shared/objectives/schema';
import {
  computeProgress,
  countedSpan,
  metricFigures,
  monthsOf,
  type ObjectivesProgress,
} from '../../shared/objectives/progress';
import { currentNetworkConfig } from '../network-config';
import { localToday } from '../records/period';
import { dashboard } from '../reports/dashboard';

// Progress of the objectives in force (issue 14, item 1). HQ: the objectives of its latest published
// configuration, over every post's records. A post: those of the configuration it applied, over its own records,
// leaving out objectives scoped to another post. Every figure is a dashboard's (electron/reports/dashboard.ts):
// one dashboard per month of the period so far, under the scope's filters. No record is read here.

export interface ObjectivesDeps {
  db: Database;
  now: () => Date;
  settings: () => { timeZone: string; homeCountry: string };
}

interface Installation {
  role: 'post' | 'hq' | null;
  post_id: string | null;
}

/** The dashboard filters of an objective's scope (besides the period), at HQ or at a post. */
export function scopeFilters(
  objective: Objective,
  role: 'post' | 'hq' | null,
): { phenomenon?: string; country?: string; post?: string } {
  const s = objective.scope;
  if (s.type === 'phenomenon') return { phenomenon: s.code };
  if (s.type === 'country') return { country: s.country };
  // At a post every record is its own: a post-scoped objective (its own, see `inForce`) needs no filter.
  if (s.type === 'post' && role === 'hq') return { post: s.postId };
  return {};
}

export function createObjectivesService(deps: ObjectivesDeps) {
  const { db } = deps;
  const installation = () =>
    db.prepare<[], Installation>('SELECT role, post_id FROM installation WHERE singleton = 1').get() ?? {
      role: null,
      post_id: null,
    };

  return {
    progress(): ObjectivesProgress {
      const now = deps.now();
      const settings = deps.settings();
      const today = localToday(now, settings.timeZone);
      const { role, post_id } = installation();
      const config = role === null ? null : currentNetworkConfig(db);
      const objectives = (config?.objectives ?? []).filter(
        (o) => role !== 'post' || o.scope.type !== 'post' || o.scope.postId === post_id,
      );
      const figuresOf = role === 'post' ? 'post' : 'network';
      return {
        role,
        configVersion: config?.version ?? null,
        today,
        objectives: objectives.map((objective) => {
          const span = countedSpan(objective.period, today);
          const filters = scopeFilters(objective, role);
          const months = span
            ? monthsOf(span).map((m) => {
                const d = dashboard(db, { from: m.from, to: m.to, ...filters, silentDays: 45 }, settings, now);
                return { month: m.month, ...metricFigures(objective.metric, d, objective.resultKind) };
              })
            : [];
          return computeProgress(objective, today, months, figuresOf);
        }),
      };
    },
  };
}
