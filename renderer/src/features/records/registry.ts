import type { RecordKind } from '../../../../shared/records/kinds';
import type { View } from '../../app/router';
import { caseConfig } from '../cases/case-config';
import { engagementConfig } from '../engagements/engagement-config';
import { organisationConfig } from '../organisations/organisation-config';
import { personConfig } from '../people/person-config';
import { requestConfig } from '../requests/request-config';
import { resultConfig } from '../results/result-config';
import type { KindConfig } from './kind-config';

/** Every kind of record the logbook shows, by kind and by view. */
export const KIND_CONFIGS: Partial<Record<RecordKind, KindConfig>> = {
  organisation: organisationConfig,
  person: personConfig,
  engagement: engagementConfig,
  request: requestConfig,
  result: resultConfig,
  case: caseConfig,
};

export function configForView(view: View): KindConfig | undefined {
  return Object.values(KIND_CONFIGS).find((c) => c.view === view);
}
