import type { Database } from 'better-sqlite3-multiple-ciphers';
import { DEFAULT_RETENTION, RetentionRules } from '../../shared/retention/rules';

// Which retention rules are in force: those HQ's signed network configuration set (retention_rules, migration
// 010), else the post's defaults (DEFAULT_RETENTION). The network configuration calls applyRetentionRules when
// a configuration is applied; nothing else writes the table.

export interface RulesInForce {
  readonly rules: RetentionRules;
  readonly source: 'default' | 'hq';
  readonly appliedAt: string | null;
}

export function rulesInForce(db: Database): RulesInForce {
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
