import type { RecordKind } from '../../../../shared/records/kinds';
import type { View } from '../../app/router';
import { requestConfig } from '../requests/request-config';
import type { KindConfig } from './kind-config';

/** Every kind of record the logbook shows, by kind and by view. */
export const KIND_CONFIGS: Partial<Record<RecordKind, KindConfig>> = {
  request: requestConfig,
};

export function configForView(view: View): KindConfig | undefined {
  return Object.values(KIND_CONFIGS).find((c) => c.view === view);
}
