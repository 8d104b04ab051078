import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/create-backend';
import { createBackup } from '../../../electron/backup/create';
import { defaultBackupDir, listBackups } from '../../../electron/backup/index';
import { isPurged } from '../../../electron/records/purge';
import { applyRetentionRules } from '../../../electron/retention/rules';
import { DEFAULT_RETENTION } from '../../../shared/retention/rules';
import type { PersonData, PurgeOutcome, RetentionDue, RetentionView } from '../../../shared/retention/schema';
import { expectAggregatesTrue } from '../dashboard/aggregate-recount';
import { saveThroughDialog } from '../helpers/files';
import {
  caseInput,
  create,
  engagementInput,
  failure,
  organisationInput,
  personInput,
  requestInput,
  resultInput,
  useLogbook,
  useTempDirs,
  value,
  type Opened,
  type Rec,
} from '../logbook/helpers';
import { filesHolding, folderBytes } from './helpers';

// Retention and data-subject duties (issue 13, item 5) on real data folders, through the backend's channels.

const DAY = 86_400_000;
const START = '2020-01-15T10:00:00.000Z';
const MARK = {
  person: 'Ysolde-Marrowind-PERSON-6620',
  personNotes: 'prefers-meetings-at-the-harbour-PNOTES-1049',
  engagementNotes: 'she-brought-her-brother-ENOTES-3381',
};

async function due(b: Backend): Promise<RetentionDue> {
  return value<RetentionDue>(b.invoke('retention.due', {}));
}

const ids = (d: RetentionDue) => d.records.map((r) => r.id).sort();

/** A logbook started on START: an organisation, a person, an engagement with notes linking both, a request. */
async function logbook(o: Opened) {
  const b = o.backend;
  const org = await create(b, 'organisations', organisationInput({ country: 'CO' }));
  const person = await create(
    b,
    'people',
    personInput({ name: MARK.person, organisationId: org.id, notes: MARK.personNotes }),
  );
  const engagement = await create(
    b,
    'engagements',
    engagementInput({
      organisationIds: [org.id],
      personIds: [person.id],
      notes: MARK.engagementNotes,
      phenomena: ['cocaine'],
      occurredAt: '2020-01-10T10:00:00.000Z',
    }),
  );
  const request = await create(b, 'requests', requestInput({ exchangedAt: '2020-01-12T10:00:00.000Z' }));
  return { org, person, engagement, request };
}

describe('retention', () => {
  const open = useLogbook();
  const scratch = useTempDirs();

  it('uses the defaults until HQ sets rules, and lists what is past them', async () => {
    const o = open({ start: START });
    const w = await logbook(o);
    const view = await value<RetentionView>(o.backend.invoke('retention.view', {}));
    expect(view).toMatchObject({ rules: DEFAULT_RETENTION, source: 'default', appliedAt: null, holds: [] });
    expect((await due(o.backend)).records).toEqual([]);

    // Two years and a day: people (730) are due; a person's period runs from the last record linking to them.
    o.clock.advance(731 * DAY);
    expect(ids(await due(o.backend))).toEqual([w.person.id]);
    // Personal data within the engagement (notes, person link) is due as well.
    expect((await due(o.backend)).personalData).toEqual([
      expect.objectContaining({ id: w.engagement.id, parts: ['notes', 'personLinks'] }),
    ]);

    // HQ's rules: requests after 30 days, people kept, no personal-data limit.
    applyRetentionRules(
      o.backend.db,
      { kinds: { ...DEFAULT_RETENTION.kinds, request: 30, person: null }, personalData: null },
      'network configuration v3',
      o.clock.now(),
    );
    const hq = await value<RetentionView>(o.backend.invoke('retention.view', {}));
    expect(hq.source).toBe('hq');
    expect(ids(await due(o.backend))).toEqual([w.request.id]);
    expect((await due(o.backend)).personalData).toEqual([]);

    // Five years and a day: engagements, requests, the organisation is kept (null).
    applyRetentionRules(o.backend.db, null, '', o.clock.now());
    o.clock.advance((1827 - 731) * DAY);
    expect(ids(await due(o.backend))).toEqual([w.person.id, w.engagement.id, w.request.id].sort());
  });

  it("the network configuration's retention, once applied, is in force", async () => {
    const o = open({ start: START });
    const w = await logbook(o);
    o.clock.advance(40 * DAY);
    // As the network configuration stores an applied file (migration 012); only `retention` is read here.
    const retention = { kinds: { ...DEFAULT_RETENTION.kinds, request: 30 }, personalData: 730 };
    o.backend.db
      .prepare(
        `INSERT INTO config_applied (version, issued_at, expires_at, hq_name, signer, sha256, payload, applied_at)
         VALUES (3, ?, ?, 'HQ', 'key', 'x', ?, ?)`,
      )
      .run(START, '2030-01-01T00:00:00.000Z', JSON.stringify({ version: 3, retention }), o.clock.now().toISOString());
    const view = await value<RetentionView>(o.backend.invoke('retention.view', {}));
    expect(view).toMatchObject({ source: 'hq', appliedAt: o.clock.now().toISOString(), rules: retention });
    expect(ids(await due(o.backend))).toEqual([w.request.id]);
  });

  it('a person in touch is not due: the period runs from the last record linking to them', async () => {
    const o = open({ start: START });
    const w = await logbook(o);
    o.clock.advance(700 * DAY);
    await create(o.backend, 'engagements', engagementInput({ personIds: [w.person.id] }));
    o.clock.advance(100 * DAY);
    expect(ids(await due(o.backend))).toEqual([]);
  });

  it('purges what the officer confirms, only if still due; no trace in the folder; aggregates recount', async () => {
    const o = open({ start: START });
    const w = await logbook(o);
    o.clock.advance(1827 * DAY);
    const listed = await due(o.backend);
    expect(ids(listed)).toEqual([w.person.id, w.engagement.id, w.request.id].sort());
    // A record that is not due (the organisation: kept) is not purged even if asked.
    const out = await value<PurgeOutcome>(
      o.backend.invoke('retention.purge', { recordIds: [...ids(listed), w.org.id], personalDataIds: [] }),
    );
    expect(out).toMatchObject({ purged: 3, stripped: 0, compacted: true });
    expect(ids(await due(o.backend))).toEqual([]);
    for (const id of [w.person.id, w.engagement.id, w.request.id]) expect(isPurged(o.backend.db, id)).toBe(true);
    expect(isPurged(o.backend.db, w.org.id)).toBe(false);
    expectAggregatesTrue(o.backend.db, o.backend.services.settings.read().timeZone);
    const markers = Object.values(MARK);
    expect(filesHolding(folderBytes(o.dataDir, undefined, scratch()), markers)).toEqual([]);
  });

  it('a legal hold on a case keeps it, its records and their linked records', async () => {
    const o = open({ start: START });
    const w = await logbook(o);
    const kase = await create(o.backend, 'cases', caseInput());
    const held = await create(o.backend, 'requests', requestInput({ caseId: kase.id }));
    const result = await create(o.backend, 'results', resultInput({ requestIds: [held.id] }));
    const onCase = await create(
      o.backend,
      'engagements',
      engagementInput({ caseId: kase.id, personIds: [w.person.id], notes: 'held notes' }),
    );
    await value(o.backend.invoke('retention.hold', { caseId: kase.id, held: true, reason: 'Court order 2025/17' }));
    o.clock.advance(1827 * DAY);
    const listed = await due(o.backend);
    // The engagement and request without the case are due; the case, its request and engagement, the result
    // from the request and the person linked from the held engagement are kept.
    expect(ids(listed)).toEqual([w.engagement.id, w.request.id].sort());
    expect(listed.held).toBeGreaterThanOrEqual(5);
    for (const id of [kase.id, held.id, result.id, onCase.id, w.person.id]) {
      expect(listed.records.map((r) => r.id)).not.toContain(id);
      expect(listed.personalData.map((r) => r.id)).not.toContain(id);
    }
    // Asked to purge a held record anyway: it stays.
    const out = await value<PurgeOutcome>(
      o.backend.invoke('retention.purge', { recordIds: [held.id, kase.id], personalDataIds: [onCase.id] }),
    );
    expect(out).toMatchObject({ purged: 0, stripped: 0 });
    await value(o.backend.invoke('requests.get', { id: held.id }));
    // The hold lifted: they fall due.
    await value(o.backend.invoke('retention.hold', { caseId: kase.id, held: false }));
    expect(ids(await due(o.backend))).toEqual(expect.arrayContaining([kase.id, held.id, result.id, onCase.id]));
    // A hold names a case.
    await failure(o.backend.invoke('retention.hold', { caseId: w.org.id, held: true }), 'not_found');
  });

  it('strips personal data past its period from records otherwise kept, without a trace', async () => {
    const o = open({ start: START });
    const w = await logbook(o);
    o.clock.advance(731 * DAY);
    const listed = await due(o.backend);
    const out = await value<PurgeOutcome>(
      o.backend.invoke('retention.purge', {
        recordIds: ids(listed),
        personalDataIds: listed.personalData.map((p) => p.id),
      }),
    );
    expect(out).toMatchObject({ purged: 1, stripped: 1 });
    const engagement = await value<Rec>(o.backend.invoke('engagements.get', { id: w.engagement.id }));
    expect(engagement).toMatchObject({ notes: '', personIds: [], organisationIds: [w.org.id] });
    expect(engagement.revision).toBe(w.engagement.revision + 1);
    // The stripping does not start the engagement's own five years again.
    o.clock.advance((1827 - 731) * DAY);
    expect(ids(await due(o.backend))).toEqual([w.engagement.id, w.request.id].sort());
    const history = await value<{ changes: Record<string, unknown> }[]>(
      o.backend.invoke('engagements.history', { id: w.engagement.id }),
    );
    expect(JSON.stringify(history)).not.toContain(MARK.engagementNotes);
    expect(filesHolding(folderBytes(o.dataDir, undefined, scratch()), Object.values(MARK))).toEqual([]);
    expectAggregatesTrue(o.backend.db, o.backend.services.settings.read().timeZone);
  });

  it('empties the trash of the records the officer saw', async () => {
    const o = open({ start: START });
    const w = await logbook(o);
    await value(o.backend.invoke('requests.delete', { id: w.request.id }));
    await value(o.backend.invoke('people.delete', { id: w.person.id }));
    const later = await create(o.backend, 'requests', requestInput({ subject: 'trashed after the list' }));
    const out = await value<PurgeOutcome>(
      o.backend.invoke('trash.empty', { ids: [w.request.id, w.person.id, w.engagement.id] }),
    );
    // The engagement was not in the trash: it stays.
    expect(out.purged).toBe(2);
    await value(o.backend.invoke('engagements.get', { id: w.engagement.id }));
    await value(o.backend.invoke('requests.delete', { id: later.id }));
    expect((await value<Rec[]>(o.backend.invoke('trash.list', {}))).map((r) => r.id)).toEqual([later.id]);
    expect(filesHolding(folderBytes(o.dataDir, undefined, scratch()), [MARK.person, MARK.personNotes])).toEqual([]);
    expectAggregatesTrue(o.backend.db, o.backend.services.settings.read().timeZone);
  });

  it('backups made before a purge keep the data until replaced; replacing them leaves no trace', async () => {
    const o = open({ start: START });
    const w = await logbook(o);
    const dir = defaultBackupDir(o.dataDir);
    createBackup(o.backend.db, { dir, now: o.clock.now(), kind: 'auto' });
    o.clock.advance(1000);
    createBackup(o.backend.db, { dir, now: o.clock.now(), kind: 'manual', label: 'before the move' });
    o.clock.advance(1000);
    await value(o.backend.invoke('people.delete', { id: w.person.id }));
    const out = await value<PurgeOutcome>(o.backend.invoke('trash.empty', { ids: [w.person.id] }));
    expect(out.olderBackups).toBe(2);
    const markers = [MARK.person, MARK.personNotes];
    const before = filesHolding(folderBytes(o.dataDir, undefined, scratch()), markers);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((hit) => hit.startsWith('backups'))).toBe(true);

    o.clock.advance(1000);
    const replaced = await value<{ made: string; removed: number }>(o.backend.invoke('retention.replaceBackups', {}));
    expect(replaced.removed).toBe(2);
    expect(listBackups(dir).map((b) => b.fileName)).toEqual([replaced.made]);
    expect(filesHolding(folderBytes(o.dataDir, undefined, scratch()), markers)).toEqual([]);
  });
});

describe('a data subject: everything about a person, and erasure', () => {
  const open = useLogbook();
  const scratch = useTempDirs();

  it('shows and saves everything about a person, then erases them across records', async () => {
    const o = open({ start: START });
    const w = await logbook(o);
    const mentioning = await create(
      o.backend,
      'requests',
      requestInput({ subject: `Address check on ${MARK.person}`, notes: `Asked by ${MARK.person} herself` }),
    );
    const untouched = await create(o.backend, 'cases', caseInput({ notes: `${MARK.person} is a witness` }));

    const data = await value<PersonData>(o.backend.invoke('person.data', { id: w.person.id }));
    expect(data.person).toMatchObject({
      name: MARK.person,
      notes: MARK.personNotes,
      organisation: 'Bundeskriminalamt',
    });
    expect(data.linked.map((r) => r.id)).toEqual([w.engagement.id]);
    expect(data.mentions.map((m) => [m.record.id, m.fields])).toEqual([
      [mentioning.id, ['subject', 'notes']],
      [untouched.id, ['notes']],
    ]);
    expect(data.history.map((h) => h.action)).toEqual(['create']);

    for (const format of ['json', 'csv'] as const) {
      const saved = await saveThroughDialog(o.backend.invoke, 'person.saveData', { id: w.person.id, format });
      expect(saved.result.ok).toBe(true);
      expect(saved.suggestedName).toBe(`person-data-${w.person.id.slice(0, 8)}.${format}`);
      const text = saved.bytes?.toString('utf8') ?? '';
      expect(text).toContain(MARK.person);
      expect(text).toContain(MARK.personNotes);
      if (format === 'json') expect((JSON.parse(text) as PersonData).person.id).toBe(w.person.id);
    }

    // Erasure: the officer redacts the request's mentions and leaves the case's (reviewed: kept for the file).
    const out = await value<{ purged: number; unlinked: number; redacted: number }>(
      o.backend.invoke('person.erase', { id: w.person.id, redactIn: [mentioning.id] }),
    );
    expect(out).toMatchObject({ purged: 1, unlinked: 1, redacted: 1 });
    expect(isPurged(o.backend.db, w.person.id)).toBe(true);
    const tombstone = o.backend.db
      .prepare('SELECT kind, reason FROM purged_record WHERE record_id = ?')
      .get(w.person.id);
    expect(tombstone).toEqual({ kind: 'person', reason: 'erasure' });
    const request = await value<Rec>(o.backend.invoke('requests.get', { id: mentioning.id }));
    expect(request['subject']).toBe('Address check on [erased]');
    expect(request['notes']).toBe('Asked by [erased] herself');
    expect((await value<Rec>(o.backend.invoke('engagements.get', { id: w.engagement.id })))['personIds']).toEqual([]);
    await failure(o.backend.invoke('person.data', { id: w.person.id }), 'not_found');
    expect(o.backend.services.store.search('Marrowind', 10).map((r) => r.id)).toEqual([untouched.id]);

    // Nothing of the person is left but the mention the officer chose to keep (the case's notes).
    expect(filesHolding(folderBytes(o.dataDir, undefined, scratch()), [MARK.personNotes])).toEqual([]);
  });
});
