import type { PersonData } from '../../shared/retention/schema';
import { toCsv } from '../reports/tables';

// "Everything about this person" as a file for a data-protection officer's request: the JSON of the view, or a
// CSV of section / field / value rows (one table), both UTF-8.

export function personDataJson(data: PersonData): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

export function personDataCsv(data: PersonData): string {
  const rows: [string, string, string][] = [];
  for (const [field, value] of Object.entries(data.person)) rows.push(['person', field, value ?? '']);
  for (const r of data.linked) rows.push(['linked record', r.kind, `${r.title} (${r.occurredAt ?? ''}) ${r.id}`]);
  for (const m of data.mentions)
    rows.push(['mention', `${m.record.kind} ${m.record.id}: ${m.fields.join(', ')}`, m.excerpt]);
  for (const h of data.history) rows.push(['history', `${h.at} ${h.action} r${h.revision}`, h.fields.join(', ')]);
  rows.push(['elsewhere', 'backups', String(data.elsewhere.backups)]);
  for (const at of data.elsewhere.exportedAt) rows.push(['elsewhere', 'export', at]);
  rows.push(['generated', 'at', data.generatedAt]);
  const columns = ['section', 'field', 'value'].map((c) => ({ key: c, header: c }));
  return toCsv([{ name: 'person', columns, rows: rows.map(([section, field, value]) => ({ section, field, value })) }]);
}
