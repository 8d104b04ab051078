import type { Database } from 'better-sqlite3-multiple-ciphers';
import { ConfigPayload, type ReportingPeriod } from '../../shared/network-config/schema';
import { localToday } from '../records/period';

// The configuration in force, for anyone who needs it (read only). A post's is the newest one it applied; HQ's
// the newest it published. Retention (electron/retention/) reads `retention`, the dashboards read `objectives`.

interface PayloadRow {
  payload: string;
}

/** The network configuration in force here, or null when none was applied (post) or published (HQ). */
export function currentNetworkConfig(db: Database): ConfigPayload | null {
  const row =
    db.prepare<[], PayloadRow>('SELECT payload FROM config_applied ORDER BY version DESC LIMIT 1').get() ??
    db.prepare<[], PayloadRow>('SELECT payload FROM config_published ORDER BY version DESC LIMIT 1').get();
  if (!row) return null;
  // Stored only after it was verified and checked: a failure here is a damaged database, not a bad file.
  return ConfigPayload.parse(JSON.parse(row.payload));
}

/** A reporting period whose export is overdue or due within `soonDays`, and not yet made. */
export interface ExportDue extends ReportingPeriod {
  readonly overdue: boolean;
}

/**
 * Post: the reporting periods of the configuration in force whose export is due (overdue, or due within
 * `soonDays` days on the post's clock) and that no export made here covers (an export whose period contains the
 * reporting period). Periods that ended before this installation was set up are not asked for.
 */
export function exportsDue(db: Database, timeZone: string, now: Date, soonDays = 7): ExportDue[] {
  const role = db
    .prepare<[], { role: string | null; created_at: string }>(
      'SELECT role, created_at FROM installation WHERE singleton = 1',
    )
    .get();
  if (role?.role !== 'post') return [];
  const config = currentNetworkConfig(db);
  if (!config || config.calendar.length === 0) return [];
  const today = localToday(now, timeZone);
  const soon = localToday(new Date(now.getTime() + soonDays * 86_400_000), timeZone);
  const setUp = localToday(new Date(role.created_at), timeZone);
  const covered = db.prepare<[string, string], { ok: number }>(
    'SELECT 1 AS ok FROM export_log WHERE period_from <= ? AND period_to >= ? LIMIT 1',
  );
  return config.calendar
    .filter((p) => p.due <= soon && p.to >= setUp && !covered.get(p.from, p.to))
    .map((p) => ({ ...p, overdue: p.due < today }))
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}
