import type { ComponentType } from 'react';
import { AttentionPage } from '../features/attention/AttentionPage';
import { DashboardsPage } from '../features/dashboards/DashboardsPage';
import { ExchangePage } from '../features/exchange/ExchangePage';
import { OverviewPage } from '../features/overview/OverviewPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { TrashPage } from '../features/trash/TrashPage';
// Spreadsheet import (issue 14, item 5).
import { SheetImportPage } from '../features/sheet-import/SheetImportPage';
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
  // Spreadsheet import (issue 14, item 5).
  'sheet-import': SheetImportPage,
};
