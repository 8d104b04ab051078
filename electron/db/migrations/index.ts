import { migration001 } from './001-information-requests';
import { migration002 } from './002-settings';
import { migration003 } from './003-logbook';
import { migration004 } from './004-exchange';
import { migration005 } from './005-dashboard-aggregates';
import { migration006 } from './006-record-origin';
import { migration007 } from './007-dashboard-deferral';
import { migration008 } from './008-list-indexes';
import { migration009 } from './009-dashboard-breakdowns';
import { migration010 } from './010-record-purge';
import { migration011 } from './011-exchange-lifecycle';
import { migration012 } from './012-network-config';
import { migration013 } from './013-handover-revocation';
import { migration014 } from './014-sheet-import';
import { migration015 } from './015-effort-workplans';
import { migration016 } from './016-dashboard-slices';
import { migration017 } from './017-effort-batch';
import { migration018 } from './018-dashboard-step-guard';
import type { Migration } from './types';

/** Every migration, in order. Append only: never edit or remove one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
  migration017,
  migration018,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
