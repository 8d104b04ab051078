import type { Database } from 'better-sqlite3-multiple-ciphers';
import { DEFAULT_RETENTION, RetentionRules } from '../../shared/retention/rules';

// Which retention rules are in force, first found of:
//   1. the `retention` of HQ's signed network configuration in force here: at a post the newest it applied
//      (config_applied, migration 012), at HQ the newest it published (config_published);
//   2. rules set with applyRetentionRules (retention_rules, migration 010), for a caller without a configuration;
//   3. the post's defaults (DEFAULT_RETENTION).

export interface RulesInForce {
  readonly rules: RetentionRules;
  readonly source: 'default' | 'hq';
  readonly appliedAt: string | null;
}

/** The retention of the network configuration in force here, and when it was applied (published at HQ). */
function fromNetworkConfig(db: Database): RulesInForce | undefined {
  const queries = [
    'SELECT payload, applied_at AS at FROM config_applied ORDER BY version DESC LIMIT 1',
    'SELECT payload, issued_at AS at FROM config_published ORDER BY version DESC LIMIT 1',
  ];
  for (const sql of queries) {
    let row: { payload: string; at: string } | undefined;
    try {
      row = db.prepare(sql).get() as typeof row;
    } catch {
      return undefined; // a database from before migration 012 (only the migration tests open one)
    }
    if (!row) continue;
    const parsed = RetentionRules.safeParse((JSON.parse(row.payload) as { retention?: unknown }).retention);
    if (parsed.success) return { rules: parsed.data, source: 'hq', appliedAt: row.at };
    return undefined;
  }
  return undefined;
}

export function rulesInForce(db: Database): RulesInForce {
  const configured = fromNetworkConfig(db);
  if (configured) return configured;
  const row = db.prepare('SELECT rules, applied_at FROM retention_rules WHERE singleton = 1').get() as
    { rules: string; applied_at: string } | undefined;
  if (row) {
    const parsed = RetentionRules.safeParse(JSON.parse(row.rules));
    if (parsed.success) return { rules: parsed.data, source: 'hq', appliedAt: row.applied_at };
  }
  return { rules: DEFAULT_RETENTION, source: 'default', appliedAt: null };
}

/**
 * HQ's network configuration sets the rules (`source`: e.g. "network configuration v12"); `null` goes back to
 * the post's defaults. Checked against the schema: a configuration that carries bad rules throws.
 */
export function applyRetentionRules(db: Database, rules: RetentionRules | null, source: string, at: Date): void {
  if (rules === null) {
    db.prepare('DELETE FROM retention_rules').run();
    return;
  }
  const checked = RetentionRules.parse(rules);
  db.prepare(
    `INSERT INTO retention_rules (singleton, rules, source, applied_at) VALUES (1, ?, ?, ?)
     ON CONFLICT (singleton) DO UPDATE SET rules = excluded.rules, source = excluded.source,
       applied_at = excluded.applied_at`,
  ).run(JSON.stringify(checked), source, at.toISOString());
}
