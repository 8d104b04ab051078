import type { RecordKind } from '../../shared/records/kinds';

// Effort figures for generated records (tests, the benchmark): time spent on about four in five engagements and
// requests, travel on one in ten, decided by the record's id so that the same records get the same effort.

function hash(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function withDemoEffort(
  kind: RecordKind,
  fields: unknown,
  id: string,
  activities: readonly string[] = [],
): unknown {
  if (kind !== 'engagement' && kind !== 'request') return fields;
  const h = hash(id);
  const out = { ...(fields as Record<string, unknown>) };
  if (h % 5 !== 0) out['timeSpentMinutes'] = 15 * (1 + (h % 24));
  if (h % 10 === 3) {
    out['travelDays'] = ((h >> 8) % 6) / 2;
    out['travelCostCents'] = ((h >> 4) % 200_000) + 100;
  }
  if (kind === 'engagement' && activities.length > 0 && h % 3 === 0) {
    out['plannedActivityId'] = activities[(h >> 12) % activities.length];
  }
  return out;
}
