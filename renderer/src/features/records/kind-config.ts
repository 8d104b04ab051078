import type { ParseKeys } from 'i18next';
import type { ComponentType } from 'react';
import type { z } from 'zod';
import type { RecordKind } from '../../../../shared/records/kinds';
import type { Settings } from '../../../../shared/settings/schema';
import type { AnyRecord } from '../../api/records';
import type { View } from '../../app/router';
import type { FormValues } from './form-model';

/** The namespaces of the record kinds: each has the generic page's keys (title, new, empty, save...). */
export const RECORD_NAMESPACES = ['requests', 'engagements', 'results', 'organisations', 'people', 'cases'] as const;
export type RecordNamespace = (typeof RECORD_NAMESPACES)[number];
/** The namespaces the generic record page reads: its own, then every kind's (with its `kind:` prefix). */
export const RECORD_PAGE_NAMESPACES = ['records', ...RECORD_NAMESPACES] as const;
/** A key the generic record page can show: `records` keys, `common` keys, or `<kind namespace>:key`. */
export type RecordPageKey = ParseKeys<typeof RECORD_PAGE_NAMESPACES>;

export type FilterKey =
  | 'period'
  | 'phenomenon'
  | 'country'
  | 'channel'
  | 'status'
  | 'direction'
  | 'overdue'
  /** At HQ: the post the records came from (shown only when posts are enrolled). */
  | 'post';

export interface NewRecordContext {
  settings: Settings;
  now: Date;
  /** Values to start from, e.g. the organisation a new engagement is logged from. */
  preset?: FormValues;
}

/** Everything the generic list/detail page needs to know about one kind of record. */
export interface KindConfig {
  kind: RecordKind;
  view: View;
  /** The kind's namespace: `${ns}:title`, `${ns}:new`, `${ns}:empty`... */
  ns: RecordNamespace;
  schema: z.ZodType;
  empty: (ctx: NewRecordContext) => FormValues;
  fromRecord: (record: AnyRecord) => FormValues;
  /** Form values -> contract payload (dates to ISO, empty to null). */
  toCandidate: (values: FormValues) => unknown;
  Form: ComponentType;
  Row: ComponentType<{ record: AnyRecord }>;
  filters: readonly FilterKey[];
  /** i18n key of the status filter's label, where "status" means something else (purpose, kind...). */
  statusLabel?: RecordPageKey;
  /** i18n key of the "due" sort, where it is not a deadline (e.g. a follow-up date). */
  dueSortLabel?: RecordPageKey;
  /** Kinds without a moment of their own (organisations, people, cases) sort by name only. */
  timeless?: boolean;
  /** Status options for the status filter, as [value, i18n key]. */
  statuses?: readonly (readonly [string, RecordPageKey])[];
  title: (record: AnyRecord) => string;
}
