import type { RecordKind } from '../../shared/records/kinds';
import type { ExportLevel } from '../../shared/exchange/formats';

// What leaves the laptop at each level of detail. People are personal data and free text may hold it,
// so below "full" both stay behind. Aggregates travel at every level.

/** Free-text fields, per kind, that only a full export carries. */
const FREE_TEXT: Record<RecordKind, readonly string[]> = {
  organisation: ['notes'],
  person: [],
  engagement: ['notes'],
  request: ['notes', 'nonSienaReasonText', 'deviationNote', 'spocExemption'],
  result: [],
  case: ['notes'],
};

/** Links to people, per kind, removed with the people themselves. */
const PERSON_LINKS: Record<RecordKind, readonly string[]> = {
  organisation: [],
  person: [],
  engagement: ['personIds'],
  request: [],
  result: [],
  case: [],
};

export function carriesRecords(level: ExportLevel): boolean {
  return level !== 'aggregate';
}

export function carriesKind(level: ExportLevel, kind: RecordKind): boolean {
  if (level === 'aggregate') return false;
  return kind !== 'person' || level === 'full';
}

/** The fields of a record as they leave at this level. Removed fields are absent, not blanked. */
export function fieldsForLevel(
  level: ExportLevel,
  kind: RecordKind,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  if (level === 'full') return fields;
  const dropped = new Set([...FREE_TEXT[kind], ...PERSON_LINKS[kind]]);
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !dropped.has(key)));
}

/** For the preview: what stays behind at this level. */
export function leftOut(level: ExportLevel): Record<string, string[]> {
  if (level === 'full') return {};
  if (level === 'aggregate') return { '*': ['every record: only counts leave'] };
  const out: Record<string, string[]> = { person: ['*'] };
  for (const kind of Object.keys(FREE_TEXT) as RecordKind[]) {
    const fields = [...FREE_TEXT[kind], ...PERSON_LINKS[kind]];
    if (fields.length > 0) out[kind] = fields;
  }
  return out;
}
