import type { BridgeApi } from '../../../shared/contract/api';
import type { ChannelInput } from '../../../shared/contract/ipc';
import type { Result } from '../../../shared/contract/result';
import { validRequestInput } from './backend';

// Records of every kind with unique marker strings in their text, for the tests that then search every file of
// a data folder (or its log) for them: tests/unit/session/no-plaintext.test.ts, tests/unit/logging/log-markers.test.ts.

export interface RecordMarkers {
  readonly organisation: string;
  readonly personName: string;
  readonly personNotes: string;
  readonly requestSubject: string;
  readonly requestNotes: string;
  readonly agency: string;
  readonly caseReference: string;
  readonly caseName: string;
  readonly caseNotes?: string;
}

async function must<T>(answer: Promise<Result<T>>, what: string): Promise<T> {
  const r = await answer;
  if (!r.ok) throw new Error(`${what}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** An organisation, a person in it, a request and a case, each holding its markers. */
export async function plantRecordMarkers(call: BridgeApi['invoke'], markers: RecordMarkers): Promise<void> {
  const org = await must(
    call('organisations.create', { name: markers.organisation, country: 'PE', type: 'police' }),
    'organisation',
  );
  await must(
    call('people.create', { name: markers.personName, organisationId: org.id, notes: markers.personNotes }),
    'person',
  );
  await must(
    call(
      'requests.create',
      validRequestInput({
        subject: markers.requestSubject,
        notes: markers.requestNotes,
        counterpartAgency: markers.agency,
      }) as ChannelInput<'requests.create'>,
    ),
    'request',
  );
  await must(
    call('cases.create', { reference: markers.caseReference, name: markers.caseName, notes: markers.caseNotes ?? '' }),
    'case',
  );
}
