import type { StoreApi } from 'zustand';
import { useAttention } from '../features/attention/attention-store';
import { useDashboards } from '../features/dashboards/dashboards-store';
import { useExchange } from '../features/exchange/exchange-store';
import { resetRecordPageStores } from '../features/records/record-page-store';
import { useOverview } from '../features/overview/overview-store';
import { useSettings } from '../features/settings/settings-store';
import { useTaxonomy } from '../features/taxonomy/taxonomy-store';
import { useTrash } from '../features/trash/trash-store';
import { useToasts } from '../ui/toast-store';

// When the data locks, the app is unmounted and the app-wide stores go back to their first state, so no
// record, figure or setting stays in them for whoever opens the window next. The shell (and the browser
// test bridge) also reloads the window after every lock, which drops whatever else the page still holds.

const STORES: readonly Pick<StoreApi<object>, 'setState' | 'getInitialState'>[] = [
  useAttention,
  useDashboards,
  useExchange,
  useOverview,
  useSettings,
  useTaxonomy,
  useTrash,
  useToasts,
];

export function resetStores(): void {
  for (const store of STORES) store.setState(store.getInitialState(), true);
  resetRecordPageStores();
}
