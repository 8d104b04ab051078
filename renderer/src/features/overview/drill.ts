import type { RecordKind } from '../../../../shared/records/kinds';
import type { RecordFilters } from '../../../../shared/records/queries';
import { routeHash, useRoute } from '../../app/router';
import type { FilterKey } from '../records/kind-config';
import { recordPageStore } from '../records/record-page-store';
import { KIND_CONFIGS } from '../records/registry';

// From a number in the overview (or a list on the attention page) to the records behind it: the kind's
// list with its filters set accordingly. Only offered where that list shows the filters, so the officer
// can see (and clear) why the list is narrowed.

const NEEDS: Partial<Record<keyof RecordFilters, FilterKey>> = {
  from: 'period',
  to: 'period',
  phenomenon: 'phenomenon',
  country: 'country',
  channel: 'channel',
  status: 'status',
  direction: 'direction',
  overdue: 'overdue',
  post: 'post',
};

export interface Drill {
  kind: RecordKind;
  filters: RecordFilters;
}

export function canDrill({ kind, filters }: Drill): boolean {
  const config = KIND_CONFIGS[kind];
  if (!config) return false;
  return (Object.keys(filters) as (keyof RecordFilters)[]).every((key) => {
    const needed = NEEDS[key];
    if (!needed || !config.filters.includes(needed)) return false;
    if (key === 'status') return config.statuses?.some(([value]) => value === filters.status) ?? false;
    return true;
  });
}

/** Where the drill-down leads, for the link's href (the click itself also sets the filters). */
export function drillHref({ kind }: Drill): string {
  const config = KIND_CONFIGS[kind];
  return config ? routeHash({ view: config.view, id: null }) : '#';
}

export function drillDown({ kind, filters }: Drill): void {
  const config = KIND_CONFIGS[kind];
  if (!config) return;
  const store = recordPageStore(config);
  store.setState({ filters: {} });
  store.getState().setFilters(filters);
  useRoute.getState().navigate(config.view);
}
