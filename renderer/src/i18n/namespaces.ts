import * as attention from '../features/attention/i18n';
import * as backups from '../features/backups/i18n';
import * as cases from '../features/cases/i18n';
import * as dashboards from '../features/dashboards/i18n';
import * as engagements from '../features/engagements/i18n';
import * as exchange from '../features/exchange/i18n';
// Handover to a successor (issue 13, item 6).
import * as handover from '../features/handover/i18n';
import * as organisations from '../features/organisations/i18n';
import * as overview from '../features/overview/i18n';
import * as palette from '../features/palette/i18n';
import * as people from '../features/people/i18n';
import * as records from '../features/records/i18n';
import * as reports from '../features/reports/i18n';
import * as requests from '../features/requests/i18n';
import * as results from '../features/results/i18n';
import * as process from '../features/session/process-i18n';
import * as session from '../features/session/i18n';
import * as settings from '../features/settings/i18n';
// Spreadsheet import (issue 14, item 5).
import * as sheetImport from '../features/sheet-import/i18n';
import * as trash from '../features/trash/i18n';
// Retention and data-subject duties (issue 13, item 5).
import * as retention from '../features/retention/i18n';
// HQ's network configuration (issue 13, item 4).
import * as networkConfig from '../features/network-config/i18n';
// Effort and cost, work plans (issue 14, items 2 and 3).
import * as efficiency from '../features/efficiency/i18n';
import * as workplan from '../features/workplan/i18n';
// Objectives with progress (issue 14, item 1).
import * as objectives from '../features/objectives/i18n';
import * as datetime from '../ui/datetime/i18n';
import { en } from './en';
import * as messages from './messages';
import { nl } from './nl';

/**
 * Every namespace of the catalogue, each in its own file with English and Dutch side by side. `common` holds the
 * shared vocabulary (app chrome, nav, kinds, shared field labels, channels, validation errors, figures, periods);
 * every feature has its own namespace, so two features can use the same key without touching each other.
 */
export const NAMESPACES = {
  common: { en, nl },
  attention,
  backups,
  cases,
  dashboards,
  datetime,
  engagements,
  exchange,
  handover,
  messages,
  organisations,
  overview,
  palette,
  people,
  process,
  records,
  reports,
  requests,
  results,
  session,
  settings,
  sheetImport,
  trash,
  retention,
  networkConfig, // HQ's network configuration (issue 13, item 4)
  efficiency, // Effort and cost (issue 14, item 2)
  workplan, // Work plans (issue 14, item 3)
  objectives, // Objectives with progress (issue 14, item 1)
} as const;

export type Namespaces = typeof NAMESPACES;
export type NamespaceName = keyof Namespaces;
/** The English catalogue, namespace by namespace: the source of every key's type. */
export type Catalogue = { [N in NamespaceName]: Namespaces[N]['en'] };

type Side = 'en' | 'nl';
export function catalogue(side: Side): Record<NamespaceName, object> {
  return Object.fromEntries(Object.entries(NAMESPACES).map(([name, ns]) => [name, ns[side]])) as Record<
    NamespaceName,
    object
  >;
}
