import fs from 'node:fs';
import path from 'node:path';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import type { ChannelInput } from '../../../shared/contract/ipc';
import type { Result } from '../../../shared/contract/result';
import type { DatasetOutcome, ExportDatasetInput } from '../../../shared/dataset/schema';
import { exportBundle, importFiles, initHq, ok, pair } from '../exchange/helpers';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir';

// An HQ logbook for the evaluation dataset tests: HQ's own records, and the Bogotá post's records imported through
// a real signed, encrypted *full* export (which carries people, notes and every free-text field to HQ). Every
// name and every piece of free text, at the post and at HQ, holds a marker string that must appear in no file of
// the dataset. HQ's clock is Europe/Amsterdam (UTC+2 in summer).
//
//   at the post (BOG, Colombia)                                       at HQ
//   org O1 (police, CO), person P1 at O1                              org O2 (customs, DE)
//   case C1 (cocaine)                                                 request R3 in DE siena, answered in 5 h,
//   engagement E1 operational, O1 + P1, C1, cocaine, 2026-05-10        urgent direct (8 hours): in time
//   request R1 out DE siena, C1, cocaine+money_laundering, 2026-05-11  request R4 in DE siena, 2026-03-31 23:30Z
//   request R2 in CO bilateral, refused (f), 2026-06-01                (= 1 April, 01:30 in Amsterdam: April)
//   result S1 seizure 120 kg, E1 + R1 + C1, cocaine, 2026-06-15       engagement E2 strategic, O2, 2026-07-01
//   engagement E3 2025-12-31 (before the period)                      request R5 in the trash
//   result S2 arrest x2 2026-07-01, linked to E3 (outside the period)
//
//   effort, budgets and work plans (issue 14)
//   activity A1 2026 operational, cocaine, CO, O1 (police),          budget 2026 €1,500,000.00, 12.5 FTE
//     Q2, 3 planned; E1 carries it out                                 activity A3 2027 training (outside the years)
//   activity A2 2026 (removed)                                       E2: 1 hour
//   budget 2026 €250,000.00, 1.5 FTE; budget 2024 (outside the years)
//   E1: 1:30, 1.5 travel days, €123.45; R1: 45 minutes

export const M = {
  hqName: 'MKR-HQNAME-Qz7',
  postName: 'MKR-POSTNAME-Vb3',
  officer: 'MKR-OFFICER-Lp9',
  org1: 'MKR-ORG1NAME-Tx2',
  org1Notes: 'MKR-ORG1NOTES-Hw5',
  org2: 'MKR-ORG2NAME-Jc8',
  person: 'MKR-PERSON-Nd4',
  personRole: 'MKR-ROLE-Kf6',
  personEmail: 'mkr-mail-rg1@example.org',
  personNotes: 'MKR-PNOTES-Zs3',
  caseReference: 'MKR-CASEREF-Wm7',
  caseName: 'MKR-CASENAME-Yb2',
  caseNotes: 'MKR-CASENOTES-Uv5',
  engagementSubject: 'MKR-ESUBJ-Gq1',
  engagementNotes: 'MKR-ENOTES-Pr8',
  requestSubject: 'MKR-RSUBJ-Dn6',
  requestAgency: 'MKR-AGENCY-Ft4',
  requestNotes: 'MKR-RNOTES-Ck9',
  requestCaseRef: 'MKR-RCASEREF-Bh3',
  nonSienaText: 'MKR-NONSIENA-Xa2',
  deviationNote: 'MKR-DEVNOTE-Le7',
  spocExemption: 'MKR-SPOCEX-Mo5',
  resultDescription: 'MKR-RESULT-Sj4',
  substance: 'MKR-SUBSTANCE-Iu1',
  hqRequestSubject: 'MKR-HQRSUBJ-Ow6',
  hqAgency: 'MKR-HQAGENCY-Ey3',
  hqNotes: 'MKR-HQNOTES-Ra8',
  activityTitle: 'MKR-ACTIVITY-Wd5',
  removedActivityTitle: 'MKR-REMOVEDACT-Qn2',
  hqActivityTitle: 'MKR-HQACTIVITY-Zp7',
} as const;

export const PERIOD = { from: '2026-01-01', to: '2026-12-31' } as const;
export const HQ_NOW = '2027-02-01T09:00:00.000Z';

export interface Fixture {
  readonly hq: Backend;
  readonly hqDir: string;
  /** The Bogotá post's data folder (its backend is closed after the export to HQ). */
  readonly postDir: string;
  /** Raw record ids by label (never to appear in the dataset). */
  readonly ids: Record<string, string>;
  dispose(): void;
}

async function created(answer: Promise<Result<unknown>>): Promise<string> {
  return ((await ok(answer)) as { id: string }).id;
}

function request(fields: Record<string, unknown>) {
  return {
    direction: 'outgoing',
    counterpartCountry: 'DE',
    counterpartAgency: M.requestAgency,
    channel: 'siena',
    exchangedAt: '2026-05-11T10:00:00.000Z',
    subject: M.requestSubject,
    status: 'open',
    notes: M.requestNotes,
    ...fields,
  } as ChannelInput<'requests.create'>;
}

export async function buildFixture(): Promise<Fixture> {
  const hqDir = makeTempDir('liaison-log-dataset-hq-');
  const postDir = makeTempDir('liaison-log-dataset-post-');
  const hq = createBackend({ dataDir: hqDir, now: () => new Date(HQ_NOW), log: (m, e) => console.error(m, e) });
  const post = createBackend({
    dataDir: postDir,
    now: () => new Date('2027-01-15T10:00:00.000Z'),
    log: () => undefined,
  });
  const dispose = () => {
    for (const b of [hq, post]) if (b.db.open) b.close();
    removeTempDir(hqDir);
    removeTempDir(postDir);
  };
  try {
    await ok(hq.call('settings.update', { homeCountry: 'NL', timeZone: 'Europe/Amsterdam' }));
    await initHq(hq, M.hqName);
    await ok(
      post.call('identity.init', {
        role: 'post',
        postId: 'BOG',
        postName: M.postName,
        officer: M.officer,
        country: 'CO',
      }),
    );
    await ok(post.call('settings.update', { timeZone: 'America/Bogota' }));
    await pair(post, hq);

    const ids: Record<string, string> = {};
    const p = post.call;
    ids['O1'] = await created(
      p('organisations.create', { name: M.org1, country: 'CO', type: 'police', notes: M.org1Notes }),
    );
    ids['P1'] = await created(
      p('people.create', {
        name: M.person,
        organisationId: ids['O1'],
        role: M.personRole,
        email: M.personEmail,
        notes: M.personNotes,
      }),
    );
    ids['C1'] = await created(
      p('cases.create', { reference: M.caseReference, name: M.caseName, phenomena: ['cocaine'], notes: M.caseNotes }),
    );
    const plan = (title: string, fields: Record<string, unknown> = {}) =>
      created(
        p('workplan.save', {
          fields: { year: 2026, title, type: 'operational', quarters: [2], plannedCount: 3, ...fields },
        }),
      );
    ids['A1'] = await plan(M.activityTitle, {
      phenomenon: 'cocaine',
      partnerCountry: 'CO',
      partnerOrganisationId: ids['O1'],
    });
    ids['A2'] = await plan(M.removedActivityTitle);
    await ok(p('workplan.remove', { id: ids['A2'] }));
    await ok(p('effort.saveBudget', { year: 2026, budgetCents: 25_000_000, fteHundredths: 150 }));
    await ok(p('effort.saveBudget', { year: 2024, budgetCents: 20_000_000, fteHundredths: 100 }));
    ids['E1'] = await created(
      p('engagements.create', {
        occurredAt: '2026-05-10T15:00:00.000Z',
        kind: 'meeting',
        subject: M.engagementSubject,
        purpose: 'operational',
        organisationIds: [ids['O1']],
        personIds: [ids['P1']],
        phenomena: ['cocaine'],
        caseId: ids['C1'],
        notes: M.engagementNotes,
        followUpOn: '2026-05-20',
        timeSpentMinutes: '1:30',
        travelDays: 1.5,
        travelCostCents: 12_345,
        plannedActivityId: ids['A1'],
      }),
    );
    ids['E3'] = await created(
      p('engagements.create', {
        occurredAt: '2025-12-31T15:00:00.000Z',
        kind: 'call',
        subject: M.engagementSubject,
        purpose: 'relationship',
        notes: M.engagementNotes,
      }),
    );
    ids['R1'] = await created(
      p(
        'requests.create',
        request({
          caseId: ids['C1'],
          caseReference: M.requestCaseRef,
          phenomena: ['cocaine', 'money_laundering'],
          deviationNote: M.deviationNote,
          spocExemption: M.spocExemption,
          timeSpentMinutes: 45,
        }),
      ),
    );
    ids['R2'] = await created(
      p(
        'requests.create',
        request({
          direction: 'incoming',
          counterpartCountry: 'CO',
          channel: 'other',
          nonSienaReason: 'other',
          nonSienaReasonText: M.nonSienaText,
          exchangedAt: '2026-06-01T14:00:00.000Z',
          status: 'refused',
          refusalGround: 'f',
          answeredAt: '2026-06-03T14:00:00.000Z',
        }),
      ),
    );
    ids['S1'] = await created(
      p('results.create', {
        kind: 'seizure',
        achievedOn: '2026-06-15',
        description: M.resultDescription,
        substance: M.substance,
        quantity: 120,
        unit: 'kg',
        phenomena: ['cocaine'],
        engagementIds: [ids['E1']],
        requestIds: [ids['R1']],
        caseId: ids['C1'],
      }),
    );
    ids['S2'] = await created(
      p('results.create', {
        kind: 'arrest',
        achievedOn: '2026-07-01',
        description: M.resultDescription,
        count: 2,
        engagementIds: [ids['E3']],
      }),
    );
    const { entry, bytes } = await exportBundle(post, 'full', { from: '2025-01-01', to: '2026-12-31' });
    await importFiles(hq, [{ name: path.basename(entry.path), bytes }]);

    const h = hq.call;
    ids['O2'] = await created(h('organisations.create', { name: M.org2, country: 'DE', type: 'customs' }));
    ids['R3'] = await created(
      h(
        'requests.create',
        request({
          direction: 'incoming',
          subject: M.hqRequestSubject,
          counterpartAgency: M.hqAgency,
          notes: M.hqNotes,
          exchangedAt: '2026-08-03T06:00:00.000Z',
          urgency: 'urgent',
          urgencyGround: 'life_or_integrity',
          accessibility: 'direct',
          status: 'answered',
          answeredAt: '2026-08-03T11:00:00.000Z',
          phenomena: ['thb'],
        }),
      ),
    );
    ids['R4'] = await created(
      h(
        'requests.create',
        request({ direction: 'incoming', exchangedAt: '2026-03-31T23:30:00.000Z', phenomena: ['thb'] }),
      ),
    );
    ids['R5'] = await created(h('requests.create', request({ exchangedAt: '2026-04-02T10:00:00.000Z' })));
    await ok(h('requests.delete', { id: ids['R5'] }));
    ids['E2'] = await created(
      h('engagements.create', {
        occurredAt: '2026-07-01T09:00:00.000Z',
        kind: 'conference',
        subject: M.engagementSubject,
        purpose: 'strategic',
        organisationIds: [ids['O2']],
        notes: M.hqNotes,
        timeSpentMinutes: 60,
      }),
    );
    await ok(h('effort.saveBudget', { year: 2026, budgetCents: 150_000_000, fteHundredths: 1250 }));
    ids['A3'] = await created(
      h('workplan.save', {
        fields: { year: 2027, title: M.hqActivityTitle, type: 'training', quarters: [1], plannedCount: 1 },
      }),
    );
    post.close();
    return { hq, hqDir, postDir, ids, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** `reports.exportDataset` as the command line calls it: into `folder` itself. */
export function exportTo(
  hq: Backend,
  folder: string,
  input: Partial<ExportDatasetInput> = {},
  signal?: AbortSignal,
): Promise<Result<DatasetOutcome>> {
  return hq.invoke(
    'reports.exportDataset',
    { ...PERIOD, placement: 'exactly', ...input },
    { files: { open: [folder] }, ...(signal ? { signal } : {}) },
  ) as Promise<Result<DatasetOutcome>>;
}

/** Every file under `dir`, with its bytes. */
export function allFiles(dir: string): { file: string; bytes: Buffer }[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const file = path.join(e.parentPath, e.name);
      return { file, bytes: fs.readFileSync(file) };
    });
}
