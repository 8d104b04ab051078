import path from 'node:path';
import { expect } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import type { Art18Report } from '../../../shared/reports/art18';
import { exportBundle, importFiles, initHq, initPost, ok, pair } from '../exchange/helpers';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir';
import { failure } from '../logbook/helpers';

// One hand-built HQ logbook for the Article 18 tests, with the right answers written out below.
//
// HQ's settings: home country NL, clock Europe/Amsterdam (UTC+1 in winter). "Now" is 15 February 2027, when
// the 2026 statistics are due. Requests marked [MAD] were logged at the Madrid post and reach HQ through a
// real signed, encrypted export and import; every other request was logged at HQ itself.
//
// 2026 (received = incoming, sent = outgoing; dates are 2026 unless given):
//   id   dir  state channel     urgency  status             deviation  counts as
//   O1   out  DE    siena       -        answered           -          (a) DE
//   O2   out  DE    bilateral   -        refused (a) by DE  -          (a) DE; DE refused us: not (c)
//   O3   out  FR    siena       -        open               yes        (a) FR; we asked: not (d)
//   O4   out  BE    siena       -        open               -          (a) BE                     [MAD]
//   Y3   out  SE    siena       -        open               -          (a) SE; sent 31 Dec 23:30 local = 22:30Z
//   I1   in   DE    siena       urgent   answered           yes        (b) DE urgent answered; (d) DE
//   I2   in   DE    siena       urgent   open               -          (b) DE urgent
//   I3   in   DE    siena       -        answered           yes        (b) DE non-urgent answered; (d) DE
//   I4   in   DE    bilateral   -        refused (f)        -          (b) DE non-urgent; (c) DE f
//   I5   in   DE    siena       -        withdrawn          -          (b) DE non-urgent, not answered
//   I6   in   FR    siena       -        answered           -          (b) FR non-urgent answered
//   I7   in   FR    siena       urgent   refused (c)        yes        (b) FR urgent; (c) FR c; (d) FR
//   I8   in   FR    siena       -        refused (a)        -          (b) FR non-urgent; (c) FR a
//   I9   in   FR    interpol    -        refused (a)        -          (b) FR non-urgent; (c) FR a
//   I10  in   BE    siena       urgent   answered 2027-01-04 -         (b) BE urgent answered (received 30 Dec)
//   I11  in   BE    siena       -        answered           yes        (b) BE non-urgent answered; (d) BE
//   I12  in   ES    sis_sirene  -        open               -          (b) ES non-urgent
//   I13  in   ES    siena       urgent   withdrawn          -          (b) ES urgent, not answered
//   I14  in   IT    siena       -        refused (g)        -          (b) IT non-urgent; (c) IT g
//   I15  in   PL    siena       -        answered           yes        (b) PL non-urgent answered; (d) PL  [MAD]
//   Y2   in   AT    siena       -        open               -          (b) AT non-urgent; received 1 Jan 00:30
//                                                                      local = 2025-12-31 23:30Z
//   Left out, each counted once in basis.excluded:
//   O5   out  DE    mla_eio     -        open               -          judicial channel
//   I16  in   DE    mla_eio     -        answered           yes        judicial channel
//   O6   out  US    interpol    -        open               -          not a member state
//   I17  in   CO    interpol    -        answered           -          not a member state
//   I18  in   US    bilateral   -        refused (f)        -          not a member state
//   I21  in   MA    interpol    -        open               -          not a member state        [MAD]
//   O7   out  NL    siena       -        open               -          home country
//   I19  in   NL    siena       -        answered           -          home country
//   Not looked at:
//   I20  in   DE    siena       urgent   answered           yes        in the trash at HQ
//   I22  in   DE    siena       -        answered           -          imported, then trashed at HQ  [MAD]
//                                                                      (by an earlier release: HQ can no
//                                                                      longer change a post's record)
//   Y4   out  SE    siena       -        open               -          sent 2027-01-01 00:15 local = 2026-12-31
//                                                                      23:15Z: counts in 2027
//
// 2025: Y1 in AT siena, received 31 Dec 2025 23:30 local = 22:30Z, answered 2 Jan 2026 (counts as answered
// in 2025); Z1 out FR siena answered; Z2 in DE siena refused (h).
//
// 2026 basis: 29 requests dated in the year (O1-O7, Y2, Y3, I1-I19, I21), 8 left out (4 + 2 + 2), 21 counted.

export const SETTINGS = { homeCountry: 'NL', timeZone: 'Europe/Amsterdam' } as const;
export const HQ_NOW = '2027-02-15T09:00:00.000Z';
const POST_NOW = '2027-01-20T10:00:00.000Z';

/** The 2026 report as worked out by hand from the table above. */
export const EXPECTED_2026: Omit<Art18Report, 'generatedAt'> = {
  year: 2026,
  timeZone: 'Europe/Amsterdam',
  // O1 O2 (DE), O3 (FR), O4 (BE), Y3 (SE).
  submitted: {
    total: 5,
    byMemberState: [
      { memberState: 'BE', count: 1 },
      { memberState: 'DE', count: 2 },
      { memberState: 'FR', count: 1 },
      { memberState: 'SE', count: 1 },
    ],
  },
  // 16 received: AT 1, BE 2, DE 5, ES 2, FR 4, IT 1, PL 1. Answered: I1 I3 (DE), I6 (FR), I10 I11 (BE),
  // I15 (PL). Refusals (I4 I7 I8 I9 I14) and withdrawals (I5 I13) are received, not answered.
  received: {
    total: 16,
    answered: 6,
    byMemberState: [
      { memberState: 'AT', receivedUrgent: 0, receivedNonUrgent: 1, answeredUrgent: 0, answeredNonUrgent: 0 },
      { memberState: 'BE', receivedUrgent: 1, receivedNonUrgent: 1, answeredUrgent: 1, answeredNonUrgent: 1 },
      { memberState: 'DE', receivedUrgent: 2, receivedNonUrgent: 3, answeredUrgent: 1, answeredNonUrgent: 1 },
      { memberState: 'ES', receivedUrgent: 1, receivedNonUrgent: 1, answeredUrgent: 0, answeredNonUrgent: 0 },
      { memberState: 'FR', receivedUrgent: 1, receivedNonUrgent: 3, answeredUrgent: 0, answeredNonUrgent: 1 },
      { memberState: 'IT', receivedUrgent: 0, receivedNonUrgent: 1, answeredUrgent: 0, answeredNonUrgent: 0 },
      { memberState: 'PL', receivedUrgent: 0, receivedNonUrgent: 1, answeredUrgent: 0, answeredNonUrgent: 1 },
    ],
  },
  // I4 (DE f), I7 (FR c), I8 I9 (FR a), I14 (IT g). Not O2 (our request) nor I18 (US).
  refusals: {
    total: 5,
    byMemberStateAndGround: [
      { memberState: 'DE', ground: 'f', count: 1 },
      { memberState: 'FR', ground: 'a', count: 2 },
      { memberState: 'FR', ground: 'c', count: 1 },
      { memberState: 'IT', ground: 'g', count: 1 },
    ],
  },
  // I1 I3 (DE), I7 (FR), I11 (BE), I15 (PL). Not O3 (outgoing), I16 (MLA), I20 (trash).
  deviations: {
    total: 5,
    byMemberState: [
      { memberState: 'BE', count: 1 },
      { memberState: 'DE', count: 2 },
      { memberState: 'FR', count: 1 },
      { memberState: 'PL', count: 1 },
    ],
  },
  basis: {
    requestsInYear: 29,
    counted: 21,
    excluded: { notAMemberState: 4, homeCountry: 2, judicialChannel: 2 },
  },
};

export interface Dataset {
  hq: Backend;
  hqDir: string;
  /** The ids HQ gave the requests, by the labels in the table above. */
  ids: Record<string, string>;
  /** Closes both backends and removes their folders (safe to call twice). */
  dispose(): void;
}

type Fields = Record<string, unknown>;

function input(label: string, fields: Fields): Fields {
  return {
    direction: 'incoming',
    counterpartAgency: 'Partner agency',
    channel: 'siena',
    subject: `Request ${label}`,
    status: 'open',
    ...fields,
  };
}

const answered = (answeredAt: string): Fields => ({ status: 'answered', answeredAt });
const refused = (refusalGround: string, answeredAt: string): Fields => ({
  status: 'refused',
  refusalGround,
  answeredAt,
});
const urgent = (urgencyGround = 'public_security'): Fields => ({ urgency: 'urgent', urgencyGround });
const out: Fields = { direction: 'outgoing' };

/** Logged at HQ. */
const AT_HQ: Record<string, Fields> = {
  O1: { ...out, counterpartCountry: 'DE', exchangedAt: '2026-02-03T10:00:00Z', ...answered('2026-02-06T10:00:00Z') },
  O2: {
    ...out,
    counterpartCountry: 'DE',
    channel: 'bilateral',
    exchangedAt: '2026-04-10T10:00:00Z',
    ...refused('a', '2026-04-12T10:00:00Z'),
  },
  O3: { ...out, counterpartCountry: 'FR', exchangedAt: '2026-05-06T10:00:00Z', judicialDeviation: true },
  O5: { ...out, counterpartCountry: 'DE', channel: 'mla_eio', exchangedAt: '2026-03-01T10:00:00Z' },
  O6: { ...out, counterpartCountry: 'US', channel: 'interpol', exchangedAt: '2026-03-02T10:00:00Z' },
  O7: { ...out, counterpartCountry: 'NL', exchangedAt: '2026-03-03T10:00:00Z' },
  Y3: { ...out, counterpartCountry: 'SE', exchangedAt: '2026-12-31T23:30:00+01:00' },
  Y4: { ...out, counterpartCountry: 'SE', exchangedAt: '2027-01-01T00:15:00+01:00' },
  I1: {
    counterpartCountry: 'DE',
    exchangedAt: '2026-01-15T08:00:00Z',
    ...urgent('life_or_integrity'),
    ...answered('2026-01-15T14:00:00Z'),
    judicialDeviation: true,
  },
  I2: { counterpartCountry: 'DE', exchangedAt: '2026-02-20T08:00:00Z', ...urgent() },
  I3: {
    counterpartCountry: 'DE',
    exchangedAt: '2026-03-10T08:00:00Z',
    ...answered('2026-03-30T08:00:00Z'),
    judicialDeviation: true,
  },
  I4: {
    counterpartCountry: 'DE',
    channel: 'bilateral',
    exchangedAt: '2026-04-01T08:00:00Z',
    ...refused('f', '2026-04-03T08:00:00Z'),
  },
  I5: { counterpartCountry: 'DE', exchangedAt: '2026-05-01T08:00:00Z', status: 'withdrawn' },
  I6: { counterpartCountry: 'FR', exchangedAt: '2026-02-02T08:00:00Z', ...answered('2026-02-05T08:00:00Z') },
  I7: {
    counterpartCountry: 'FR',
    exchangedAt: '2026-06-01T08:00:00Z',
    ...urgent('deprivation_of_liberty'),
    ...refused('c', '2026-06-10T08:00:00Z'),
    judicialDeviation: true,
  },
  I8: { counterpartCountry: 'FR', exchangedAt: '2026-07-01T08:00:00Z', ...refused('a', '2026-07-02T08:00:00Z') },
  I9: {
    counterpartCountry: 'FR',
    channel: 'interpol',
    exchangedAt: '2026-08-01T08:00:00Z',
    ...refused('a', '2026-08-03T08:00:00Z'),
  },
  I10: {
    counterpartCountry: 'BE',
    exchangedAt: '2026-12-30T20:00:00Z',
    ...urgent('loses_relevance'),
    accessibility: 'indirect',
    ...answered('2027-01-04T09:00:00Z'),
  },
  I11: {
    counterpartCountry: 'BE',
    exchangedAt: '2026-09-01T08:00:00Z',
    ...answered('2026-09-25T08:00:00Z'),
    judicialDeviation: true,
  },
  I12: { counterpartCountry: 'ES', channel: 'sis_sirene', exchangedAt: '2026-10-01T08:00:00Z' },
  I13: { counterpartCountry: 'ES', exchangedAt: '2026-10-02T08:00:00Z', ...urgent(), status: 'withdrawn' },
  I14: { counterpartCountry: 'IT', exchangedAt: '2026-11-01T08:00:00Z', ...refused('g', '2026-11-02T08:00:00Z') },
  I16: {
    counterpartCountry: 'DE',
    channel: 'mla_eio',
    exchangedAt: '2026-03-05T08:00:00Z',
    ...answered('2026-04-05T08:00:00Z'),
    judicialDeviation: true,
  },
  I17: {
    counterpartCountry: 'CO',
    channel: 'interpol',
    exchangedAt: '2026-03-06T08:00:00Z',
    ...answered('2026-03-07T08:00:00Z'),
  },
  I18: {
    counterpartCountry: 'US',
    channel: 'bilateral',
    exchangedAt: '2026-03-07T08:00:00Z',
    ...refused('f', '2026-03-08T08:00:00Z'),
  },
  I19: { counterpartCountry: 'NL', exchangedAt: '2026-03-08T08:00:00Z', ...answered('2026-03-09T08:00:00Z') },
  I20: {
    counterpartCountry: 'DE',
    exchangedAt: '2026-03-09T08:00:00Z',
    ...urgent(),
    ...answered('2026-03-09T12:00:00Z'),
    judicialDeviation: true,
  },
  Y2: { counterpartCountry: 'AT', exchangedAt: '2026-01-01T00:30:00+01:00' },
  Y1: {
    counterpartCountry: 'AT',
    exchangedAt: '2025-12-31T23:30:00+01:00',
    ...answered('2026-01-02T09:00:00Z'),
  },
  Z1: { ...out, counterpartCountry: 'FR', exchangedAt: '2025-06-01T10:00:00Z', ...answered('2025-06-03T10:00:00Z') },
  Z2: { counterpartCountry: 'DE', exchangedAt: '2025-03-10T10:00:00Z', ...refused('h', '2025-03-11T10:00:00Z') },
};

/** Logged at the Madrid post and imported by HQ. */
const AT_POST: Record<string, Fields> = {
  O4: { ...out, counterpartCountry: 'BE', exchangedAt: '2026-06-01T10:00:00Z' },
  I15: {
    counterpartCountry: 'PL',
    exchangedAt: '2026-06-15T08:00:00Z',
    ...answered('2026-07-01T08:00:00Z'),
    judicialDeviation: true,
  },
  I21: { counterpartCountry: 'MA', channel: 'interpol', exchangedAt: '2026-06-20T08:00:00Z' },
  I22: { counterpartCountry: 'DE', exchangedAt: '2026-06-25T08:00:00Z', ...answered('2026-06-26T08:00:00Z') },
};

/** Builds the dataset: HQ's own requests, the Madrid post's requests imported through a real bundle. */
export async function buildDataset(): Promise<Dataset> {
  const hqDir = makeTempDir('liaison-log-art18-hq-');
  const postDir = makeTempDir('liaison-log-art18-post-');
  const hq = createBackend({ dataDir: hqDir, now: () => new Date(HQ_NOW), log: () => undefined });
  const post = createBackend({ dataDir: postDir, now: () => new Date(POST_NOW), log: () => undefined });
  const dispose = () => {
    for (const b of [hq, post]) if (b.db.open) b.close();
    removeTempDir(hqDir);
    removeTempDir(postDir);
  };
  try {
    await ok(hq.call('settings.update', SETTINGS));
    await initHq(hq);
    await initPost(post, 'MAD', 'ES');
    await pair(post, hq);

    const ids: Record<string, string> = {};
    for (const [label, fields] of Object.entries(AT_HQ)) {
      const r = await ok(hq.invoke('requests.create', input(label, fields)));
      ids[label] = (r as { id: string }).id;
    }
    for (const [label, fields] of Object.entries(AT_POST)) {
      const r = await ok(post.invoke('requests.create', input(label, fields)));
      ids[label] = (r as { id: string }).id;
    }

    const { entry, bytes } = await exportBundle(post, 'pseudonymised', { from: '2026-01-01', to: '2026-12-31' });
    const report = await importFiles(hq, [{ name: path.basename(entry.path), bytes }]);
    expect(report.files.map((f) => [f.outcome, f.added])).toEqual([['imported', Object.keys(AT_POST).length]]);
    const origins = hq.db
      .prepare("SELECT origin_post AS post FROM record WHERE kind = 'request' AND origin_post IS NOT NULL")
      .all() as { post: string }[];
    expect(origins).toHaveLength(Object.keys(AT_POST).length);

    // The trash: one of HQ's own requests and one imported from the post.
    await ok(hq.invoke('requests.delete', { id: ids['I20'] }));
    // An imported record in the trash can only come from an earlier release, which let HQ trash it: written
    // here as that release's store did (HQ now refuses with record.imported_read_only).
    await failure(hq.invoke('requests.delete', { id: ids['I22'] }), 'forbidden');
    hq.db
      .prepare('UPDATE record SET deleted_at = ?, updated_at = ?, revision = revision + 1 WHERE id = ?')
      .run(HQ_NOW, HQ_NOW, ids['I22']);
    return { hq, hqDir, ids, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}
