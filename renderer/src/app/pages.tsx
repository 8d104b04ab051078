import type { ComponentType } from 'react';
import { AttentionPage } from '../features/attention/AttentionPage';
import { DashboardsPage } from '../features/dashboards/DashboardsPage';
import { ExchangePage } from '../features/exchange/ExchangePage';
import { OverviewPage } from '../features/overview/OverviewPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { TrashPage } from '../features/trash/TrashPage';
// Retention and data-subject duties (issue 13, item 5).
import { PersonDataPage } from '../features/retention/PersonDataPage';
import { RetentionPage } from '../features/retention/RetentionPage';
// Spreadsheet import (issue 14, item 5).
import { SheetImportPage } from '../features/sheet-import/SheetImportPage';
// Effort and cost, work plans (issue 14, items 2 and 3).
import { EfficiencyPage } from '../features/efficiency/EfficiencyPage';
import { WorkplanPage } from '../features/workplan/WorkplanPage';
import type { View } from './router';

/**
 * Pages that are not a list of records. Each feature adds its page here; a view without a page shows
 * a short "not available" note rather than failing.
 */
export const PAGES: Partial<Record<View, ComponentType>> = {
  attention: AttentionPage,
  overview: OverviewPage,
  dashboards: DashboardsPage,
  reports: ReportsPage,
  trash: TrashPage,
  exchange: ExchangePage,
  settings: SettingsPage,
  // Retention and data-subject duties (issue 13, item 5).
  retention: RetentionPage,
  'person-data': PersonDataPage,
  // Spreadsheet import (issue 14, item 5).
  'sheet-import': SheetImportPage,
  // Effort and cost, work plans (issue 14, items 2 and 3).
  efficiency: EfficiencyPage,
  workplan: WorkplanPage,
};
