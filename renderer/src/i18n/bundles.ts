import { attentionI18n } from '../features/attention/i18n';
import { backupsI18n } from '../features/backups/i18n';
import { casesI18n } from '../features/cases/i18n';
import { dashboardsI18n } from '../features/dashboards/i18n';
import { engagementsI18n } from '../features/engagements/i18n';
import { exchangeI18n } from '../features/exchange/i18n';
import { organisationsI18n } from '../features/organisations/i18n';
import { overviewI18n } from '../features/overview/i18n';
import { paletteI18n } from '../features/palette/i18n';
import { peopleI18n } from '../features/people/i18n';
import { processI18n } from '../features/session/process-i18n';
import { recordsI18n } from '../features/records/i18n';
import { reportsI18n } from '../features/reports/i18n';
import { resultsI18n } from '../features/results/i18n';
import { sessionI18n } from '../features/session/i18n';
import { settingsI18n } from '../features/settings/i18n';
import { trashI18n } from '../features/trash/i18n';
import { figuresI18n } from '../ui/i18n';
import { errorBoundaryI18n } from '../ui/error-boundary-i18n';
import type { FeatureBundle } from './bundle';

export const FEATURE_BUNDLES: readonly FeatureBundle[] = [
  attentionI18n,
  backupsI18n,
  casesI18n,
  dashboardsI18n,
  engagementsI18n,
  errorBoundaryI18n,
  exchangeI18n,
  figuresI18n,
  organisationsI18n,
  overviewI18n,
  paletteI18n,
  peopleI18n,
  processI18n,
  recordsI18n,
  reportsI18n,
  resultsI18n,
  sessionI18n,
  settingsI18n,
  trashI18n,
];
