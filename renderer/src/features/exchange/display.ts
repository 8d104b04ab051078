import type { TFunction } from 'i18next';
import { RECORD_KINDS, type RecordKind } from '../../../../shared/records/kinds';
import { isKeyOf } from '../../i18n/lookup';
import { en } from './i18n';
import { locale } from '../../i18n';

// Small pieces of wording and layout shared by the sections of the exchange page.

/** 3F9A-C2D1-... as its groups of four, to show (and read out) one group at a time. */
export function fingerprintGroups(fingerprint: string): string[] {
  return fingerprint.split('-');
}

/** The first 16 hex digits of a SHA-256 in groups of four: enough to compare by eye. */
export function shortHash(sha256: string): string {
  return `${(sha256.slice(0, 16).match(/.{1,4}/g) ?? []).join(' ')}…`;
}

/** A list of numbers as the officer's language writes it: "2, 4 and 5" or "2, 4 en 5". */
export function formatList(items: readonly (string | number)[], language: string): string {
  return new Intl.ListFormat(locale(language), { type: 'conjunction' }).format(items.map(String));
}

export function formatNumber(n: number, language: string): string {
  return new Intl.NumberFormat(locale(language)).format(n);
}

/** The human name of an HQ key: the labels HQ gives them ("primary", "backup") translated, others as typed. */
export function keyLabel(t: TFunction<'exchange'>, label: string): string {
  return isKeyOf(en.keyLabel, label) ? t(`keyLabel.${label}`) : label || '—';
}

/** The title-like field of a record as it will leave: subject, name, description or reference. */
export function recordTitle(record: Record<string, unknown>): string {
  const text = (key: string) => {
    const v = record[key];
    return typeof v === 'string' && v.trim() !== '' ? v : null;
  };
  if (sampleKind(record) === 'case') {
    return [text('reference'), text('name')].filter(Boolean).join(' · ');
  }
  return text('subject') ?? text('name') ?? text('description') ?? text('reference') ?? '';
}

/**
 * The kind of a record in the export preview. The preview spreads a record's fields over its `kind`, so an
 * engagement or a result shows its own kind there (meeting, seizure...) instead: tell them apart by the
 * title field each has (engagements a subject, results a description).
 */
export function sampleKind(record: Record<string, unknown>): RecordKind {
  const kind = record['kind'];
  const known = RECORD_KINDS.find((k) => k === kind);
  if (known) return known;
  return 'description' in record && !('subject' in record) ? 'result' : 'engagement';
}
