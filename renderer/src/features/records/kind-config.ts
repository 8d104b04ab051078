import type { ComponentType } from 'react';
import type { z } from 'zod';
import type { RecordKind } from '../../../../shared/records/kinds';
import type { Settings } from '../../../../shared/settings/schema';
import type { AnyRecord } from '../../api/records';
import type { View } from '../../app/router';
import type { FormValues } from './form-model';

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
  /** i18n key prefix: `${ns}.title`, `${ns}.new`, `${ns}.empty`... */
  ns: string;
  schema: z.ZodType;
  empty: (ctx: NewRecordContext) => FormValues;
  fromRecord: (record: AnyRecord) => FormValues;
  /** Form values -> contract payload (dates to ISO, empty to null). */
  toCandidate: (values: FormValues) => unknown;
  Form: ComponentType;
  Row: ComponentType<{ record: AnyRecord }>;
  filters: readonly FilterKey[];
  /** i18n key of the status filter's label, where "status" means something else (purpose, kind...). */
  statusLabel?: string;
  /** i18n key of the "due" sort, where it is not a deadline (e.g. a follow-up date). */
  dueSortLabel?: string;
  /** Kinds without a moment of their own (organisations, people, cases) sort by name only. */
  timeless?: boolean;
  /** Status options for the status filter, as [value, i18n key]. */
  statuses?: readonly (readonly [string, string])[];
  title: (record: AnyRecord) => string;
}
