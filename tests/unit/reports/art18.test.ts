import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Art18Report } from '../../../shared/reports/art18';
import { saveThroughDialog } from '../helpers/files';
import { failure, value } from '../logbook/helpers';
import { buildDataset, EXPECTED_2026, HQ_NOW, SETTINGS, type Dataset } from './dataset';

// reports.art18 on the hand-built logbook in ./dataset.ts (HQ's own requests plus the Madrid post's, imported
// through a real bundle). The table of requests and the worked-out 2026 answer are written out there.

let data: Dataset;

beforeAll(async () => {
  data = await buildDataset();
});

afterAll(() => data.dispose());

const art18 = (year: number) => value<Art18Report>(data.hq.invoke('reports.art18', { year }));

const ZERO_BASIS = {
  requestsInYear: 0,
  counted: 0,
  excluded: { notAMemberState: 0, homeCountry: 0, judicialChannel: 0 },
};

describe('reports.art18', () => {
  it('answers 2026 as worked out by hand', async () => {
    expect(await art18(2026)).toEqual({ ...EXPECTED_2026, generatedAt: HQ_NOW });
  });

  it('counts a request received on 31 December 2025 at 23:30 Amsterdam time (22:30Z) in 2025', async () => {
    // Y1 (AT, received 2025-12-31 22:30Z, answered 2 January: answered in 2025), Z1 (out FR), Z2 (DE refused h).
    expect(await art18(2025)).toEqual({
      year: 2025,
      timeZone: 'Europe/Amsterdam',
      generatedAt: HQ_NOW,
      submitted: { total: 1, byMemberState: [{ memberState: 'FR', count: 1 }] },
      received: {
        total: 2,
        answered: 1,
        byMemberState: [
          { memberState: 'AT', receivedUrgent: 0, receivedNonUrgent: 1, answeredUrgent: 0, answeredNonUrgent: 1 },
          { memberState: 'DE', receivedUrgent: 0, receivedNonUrgent: 1, answeredUrgent: 0, answeredNonUrgent: 0 },
        ],
      },
      refusals: { total: 1, byMemberStateAndGround: [{ memberState: 'DE', ground: 'h', count: 1 }] },
      deviations: { total: 0, byMemberState: [] },
      basis: { requestsInYear: 3, counted: 3, excluded: { notAMemberState: 0, homeCountry: 0, judicialChannel: 0 } },
    });
  });

  it('counts a request sent at 00:15 on 1 January 2027 Amsterdam time (still 2026 in UTC) in 2027', async () => {
    expect(await art18(2027)).toEqual({
      year: 2027,
      timeZone: 'Europe/Amsterdam',
      generatedAt: HQ_NOW,
      submitted: { total: 1, byMemberState: [{ memberState: 'SE', count: 1 }] },
      received: { total: 0, answered: 0, byMemberState: [] },
      refusals: { total: 0, byMemberStateAndGround: [] },
      deviations: { total: 0, byMemberState: [] },
      basis: { requestsInYear: 1, counted: 1, excluded: { notAMemberState: 0, homeCountry: 0, judicialChannel: 0 } },
    });
  });

  it('a year with nothing in it is all zeros', async () => {
    expect(await art18(2024)).toEqual({
      year: 2024,
      timeZone: 'Europe/Amsterdam',
      generatedAt: HQ_NOW,
      submitted: { total: 0, byMemberState: [] },
      received: { total: 0, answered: 0, byMemberState: [] },
      refusals: { total: 0, byMemberStateAndGround: [] },
      deviations: { total: 0, byMemberState: [] },
      basis: ZERO_BASIS,
    });
  });

  it("the year follows HQ's clock: on UTC the two requests around midnight change year", async () => {
    await value(data.hq.invoke('settings.update', { timeZone: 'UTC' }));
    try {
      const r2025 = await art18(2025);
      const r2026 = await art18(2026);
      // Y2 (received 2025-12-31 23:30Z) moves from 2026 into 2025.
      expect(r2025.timeZone).toBe('UTC');
      expect(r2025.received.byMemberState).toContainEqual({
        memberState: 'AT',
        receivedUrgent: 0,
        receivedNonUrgent: 2,
        answeredUrgent: 0,
        answeredNonUrgent: 1,
      });
      expect(r2025.basis).toEqual({ ...ZERO_BASIS, requestsInYear: 4, counted: 4 });
      // ... and Y4 (sent 2026-12-31 23:15Z) moves from 2027 into 2026.
      expect(r2026.received.byMemberState.map((s) => s.memberState)).toEqual(['BE', 'DE', 'ES', 'FR', 'IT', 'PL']);
      expect(r2026.received.total).toBe(EXPECTED_2026.received.total - 1);
      expect(r2026.submitted.byMemberState).toContainEqual({ memberState: 'SE', count: 2 });
      expect(r2026.submitted.total).toBe(EXPECTED_2026.submitted.total + 1);
      expect(r2026.basis.requestsInYear).toBe(EXPECTED_2026.basis.requestsInYear);
      expect((await art18(2027)).basis.requestsInYear).toBe(0);
    } finally {
      await value(data.hq.invoke('settings.update', { timeZone: SETTINGS.timeZone }));
    }
    expect(await art18(2026)).toEqual({ ...EXPECTED_2026, generatedAt: HQ_NOW });
  });

  it('only the trash keeps I20 out: restored, it counts as a German urgent answered request with a deviation', async () => {
    await value(data.hq.invoke('requests.restore', { id: data.ids['I20'] }));
    try {
      const r = await art18(2026);
      expect(r.received.byMemberState.find((s) => s.memberState === 'DE')).toEqual({
        memberState: 'DE',
        receivedUrgent: 3,
        receivedNonUrgent: 3,
        answeredUrgent: 2,
        answeredNonUrgent: 1,
      });
      expect(r.received).toMatchObject({ total: 17, answered: 7 });
      expect(r.deviations.byMemberState).toContainEqual({ memberState: 'DE', count: 3 });
      expect(r.basis).toMatchObject({ requestsInYear: 30, counted: 22 });
    } finally {
      await value(data.hq.invoke('requests.delete', { id: data.ids['I20'] }));
    }
    expect(await art18(2026)).toEqual({ ...EXPECTED_2026, generatedAt: HQ_NOW });
  });

  it('the home country is a setting: with BE as home, Belgian exchanges are left out instead', async () => {
    await value(data.hq.invoke('settings.update', { homeCountry: 'BE' }));
    try {
      const r = await art18(2026);
      // NL is now another member state: O7 (out) and I19 (in, answered) count; O4, I10, I11 (BE) do not.
      expect(r.submitted.byMemberState).toEqual([
        { memberState: 'DE', count: 2 },
        { memberState: 'FR', count: 1 },
        { memberState: 'NL', count: 1 },
        { memberState: 'SE', count: 1 },
      ]);
      expect(r.received.byMemberState.map((s) => s.memberState)).toEqual(['AT', 'DE', 'ES', 'FR', 'IT', 'NL', 'PL']);
      expect(r.received).toMatchObject({ total: 15, answered: 5 });
      expect(r.deviations.byMemberState.map((s) => s.memberState)).toEqual(['DE', 'FR', 'PL']);
      expect(r.basis).toEqual({
        requestsInYear: 29,
        counted: 20,
        excluded: { notAMemberState: 4, homeCountry: 3, judicialChannel: 2 },
      });
    } finally {
      await value(data.hq.invoke('settings.update', { homeCountry: SETTINGS.homeCountry }));
    }
  });

  it('the JSON file holds the same report', async () => {
    const saved = await saveThroughDialog(data.hq.invoke, 'reports.saveArt18', { year: 2026, format: 'json' });
    expect(saved.suggestedName).toBe('art18-statistics-2026.json');
    expect(saved.result).toMatchObject({ ok: true, value: { bytes: saved.bytes?.length } });
    expect(JSON.parse(saved.bytes?.toString('utf8') ?? '')).toEqual({
      ...EXPECTED_2026,
      generatedAt: HQ_NOW,
    });
  });

  it('refuses a year outside 2023-2100, a fraction, a string or an extra key', async () => {
    for (const input of [
      { year: 2022 },
      { year: 2101 },
      { year: 2026.5 },
      { year: '2026' },
      {},
      { year: 2026, homeCountry: 'BE' },
    ]) {
      await failure(data.hq.invoke('reports.art18', input), 'invalid_input');
    }
    await failure(data.hq.invoke('reports.saveArt18', { year: 2026, format: 'pdf' }), 'invalid_input');
    await failure(data.hq.invoke('reports.saveArt18', { year: 2022, format: 'csv' }), 'invalid_input');
  });
});
