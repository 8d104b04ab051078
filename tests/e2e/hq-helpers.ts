import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createBackend, type Backend } from '../../electron/backend/create-backend';
import { callWithFiles } from '../../electron/files/trusted';
import type { EngagementInput } from '../../shared/records/engagement';
import type { OperationalResultInput } from '../../shared/records/result';
import type { InformationRequestInput } from '../../shared/requests/schema';
import type { TestFileChooser } from './file-dialogs';
import { unwrap, type TestBackend } from './fixtures';

// A small liaison network for HQ's browser tests: three posts in three countries, each a real installation
// in its own temporary folder (set up as a post, trusting HQ's key file, enrolled at HQ), with hand-made
// engagements, requests on several channels with EU and non-EU partners, and results, exported as signed
// and encrypted bundles exactly as a post exports them. The figures HQ must show follow from these records
// alone; tests/e2e/hq-network.spec.ts writes them out.

export const HQ_NAME = 'International Police Cooperation Desk';

/** A bundle file as a post would send it. */
export interface BundleFile {
  name: string;
  bytes: Buffer;
  /** Records it carries, by kind (organisations travel with what links to them). */
  counts: Record<string, number>;
}

interface PostPlan {
  postId: string;
  postName: string;
  country: string;
  organisations: { key: string; name: string; country: string }[];
  engagements: (Omit<EngagementInput, 'organisationIds'> & { key: string; organisations: string[] })[];
  requests: (InformationRequestInput & { key: string })[];
  results: (Omit<OperationalResultInput, 'requestIds' | 'engagementIds'> & {
    requests?: string[];
    engagements?: string[];
  })[];
  /** The periods of its exports, in order (sequence 1, 2...). */
  exports: { from: string; to: string }[];
}

const request = (
  key: string,
  fields: Omit<InformationRequestInput, 'counterpartAgency' | 'status'> &
    Partial<Pick<InformationRequestInput, 'counterpartAgency' | 'status'>>,
): InformationRequestInput & { key: string } => ({
  key,
  counterpartAgency: 'Partner police',
  status: 'open',
  ...fields,
});

/**
 * The three posts. In short (all in 2026, HQ's home country NL):
 *   BOG Bogotá (CO): 3 engagements, 4 requests (DE SIENA in, ES SIENA out, CO Interpol out, FR bilateral in
 *                    refused late), 2 results; exports January–June and July–September.
 *   RBA Rabat (MA):  2 engagements, 4 requests (BE SIENA urgent in, MA Interpol out, NL bilateral in (home
 *                    country), ES judicial in), 1 result; one export.
 *   ANK Ankara (TR): 1 engagement, 3 requests (DE Interpol out, IT bilateral in open and overdue with a
 *                    judicial deviation, TR Interpol out), 1 result; one export.
 */
export const NETWORK: PostPlan[] = [
  {
    postId: 'BOG',
    postName: 'Bogotá',
    country: 'CO',
    organisations: [
      { key: 'dijin', name: 'Policía Nacional de Colombia – DIJIN', country: 'CO' },
      { key: 'dea', name: 'DEA Bogotá Country Office', country: 'US' },
    ],
    engagements: [
      {
        key: 'BE1',
        occurredAt: '2026-02-10T14:00:00.000Z',
        kind: 'meeting',
        subject: 'Container intelligence for the port of Buenaventura',
        purpose: 'operational',
        organisations: ['dijin'],
        phenomena: ['cocaine'],
      },
      {
        key: 'BE2',
        occurredAt: '2026-05-12T14:00:00.000Z',
        kind: 'visit',
        subject: 'Courtesy visit to the DIJIN leadership',
        purpose: 'relationship',
        organisations: ['dijin'],
        phenomena: ['cocaine'],
      },
      {
        key: 'BE3',
        occurredAt: '2026-08-20T14:00:00.000Z',
        kind: 'call',
        subject: 'Cash couriers on the Bogotá–Madrid route',
        purpose: 'operational',
        organisations: ['dea'],
        phenomena: ['money_laundering'],
      },
    ],
    requests: [
      request('BR1', {
        direction: 'incoming',
        counterpartCountry: 'DE',
        counterpartAgency: 'Bundeskriminalamt',
        channel: 'siena',
        exchangedAt: '2026-03-03T10:00:00.000Z',
        subject: 'Crew list of the bulk carrier Santa Rosa',
        status: 'answered',
        answeredAt: '2026-03-05T10:00:00.000Z',
        phenomena: ['cocaine'],
      }),
      request('BR2', {
        direction: 'outgoing',
        counterpartCountry: 'ES',
        counterpartAgency: 'Policía Nacional',
        channel: 'siena',
        exchangedAt: '2026-04-14T09:00:00.000Z',
        subject: 'Container route through Algeciras',
        status: 'answered',
        answeredAt: '2026-04-20T09:00:00.000Z',
        phenomena: ['cocaine'],
      }),
      request('BR3', {
        direction: 'outgoing',
        counterpartCountry: 'CO',
        counterpartAgency: 'Policía Nacional de Colombia',
        channel: 'interpol',
        exchangedAt: '2026-06-02T15:00:00.000Z',
        subject: 'Criminal record of a Colombian broker',
        phenomena: ['cocaine'],
      }),
      request('BR4', {
        direction: 'incoming',
        counterpartCountry: 'FR',
        counterpartAgency: 'OFAST',
        channel: 'bilateral',
        nonSienaReason: 'third_party',
        exchangedAt: '2026-07-07T08:00:00.000Z',
        subject: 'Bank accounts of a money-exchange office',
        status: 'refused',
        refusalGround: 'f',
        // 13 days: past the 7-day limit.
        answeredAt: '2026-07-20T08:00:00.000Z',
        phenomena: ['money_laundering'],
      }),
    ],
    results: [
      {
        kind: 'seizure',
        achievedOn: '2026-04-30',
        description: '500 kg of cocaine seized in Algeciras',
        substance: 'cocaine',
        quantity: 500,
        unit: 'kg',
        phenomena: ['cocaine'],
        requests: ['BR2'],
        engagements: ['BE1'],
      },
      {
        kind: 'arrest',
        achievedOn: '2026-08-01',
        description: 'Two crew members arrested in Hamburg',
        count: 2,
        phenomena: ['cocaine'],
        requests: ['BR1'],
      },
    ],
    exports: [
      { from: '2026-01-01', to: '2026-06-30' },
      { from: '2026-07-01', to: '2026-09-30' },
    ],
  },
  {
    postId: 'RBA',
    postName: 'Rabat',
    country: 'MA',
    organisations: [{ key: 'dgsn', name: 'Direction Générale de la Sûreté Nationale', country: 'MA' }],
    engagements: [
      {
        key: 'RE1',
        occurredAt: '2026-03-15T10:00:00.000Z',
        kind: 'meeting',
        subject: 'Hashish shipments across the Strait',
        purpose: 'operational',
        organisations: ['dgsn'],
        phenomena: ['cannabis'],
      },
      {
        key: 'RE2',
        occurredAt: '2026-09-10T10:00:00.000Z',
        kind: 'training',
        subject: 'Training on forged travel documents',
        purpose: 'capacity_building',
        organisations: ['dgsn'],
        phenomena: ['migrant_smuggling'],
      },
    ],
    requests: [
      request('RR1', {
        direction: 'incoming',
        counterpartCountry: 'BE',
        counterpartAgency: 'Federale Politie',
        channel: 'siena',
        urgency: 'urgent',
        urgencyGround: 'life_or_integrity',
        exchangedAt: '2026-02-20T08:00:00.000Z',
        subject: 'Whereabouts of a kidnapped courier',
        status: 'answered',
        // 4 hours: within the 8-hour limit.
        answeredAt: '2026-02-20T12:00:00.000Z',
        phenomena: ['cannabis'],
      }),
      request('RR2', {
        direction: 'outgoing',
        counterpartCountry: 'MA',
        counterpartAgency: 'DGSN',
        channel: 'interpol',
        exchangedAt: '2026-05-05T10:00:00.000Z',
        subject: 'Owner of a go-fast boat',
        status: 'answered',
        answeredAt: '2026-05-12T10:00:00.000Z',
        phenomena: ['cannabis'],
      }),
      request('RR3', {
        direction: 'incoming',
        counterpartCountry: 'NL',
        counterpartAgency: 'Politie Rotterdam',
        channel: 'bilateral',
        exchangedAt: '2026-06-18T10:00:00.000Z',
        subject: 'Smuggled migrants on a ferry to Rotterdam',
        status: 'answered',
        answeredAt: '2026-06-19T10:00:00.000Z',
        phenomena: ['migrant_smuggling'],
      }),
      request('RR4', {
        direction: 'incoming',
        counterpartCountry: 'ES',
        counterpartAgency: 'Audiencia Nacional',
        channel: 'mla_eio',
        exchangedAt: '2026-09-15T10:00:00.000Z',
        subject: 'Letter rogatory on a hashish network',
        phenomena: ['cannabis'],
      }),
    ],
    results: [
      {
        kind: 'seizure',
        achievedOn: '2026-05-20',
        description: 'Go-fast boat with 2 t of hashish intercepted',
        substance: 'hashish',
        quantity: 2000,
        unit: 'kg',
        phenomena: ['cannabis'],
        requests: ['RR2'],
        engagements: ['RE1'],
      },
    ],
    exports: [{ from: '2026-01-01', to: '2026-09-30' }],
  },
  {
    postId: 'ANK',
    postName: 'Ankara',
    country: 'TR',
    organisations: [{ key: 'tnp', name: 'Turkish National Police – KOM', country: 'TR' }],
    engagements: [
      {
        key: 'AE1',
        occurredAt: '2026-04-08T09:00:00.000Z',
        kind: 'meeting',
        subject: 'Smuggling routes over the Aegean',
        purpose: 'operational',
        organisations: ['tnp'],
        phenomena: ['migrant_smuggling'],
      },
    ],
    requests: [
      request('AR1', {
        direction: 'outgoing',
        counterpartCountry: 'DE',
        counterpartAgency: 'Bundespolizei',
        channel: 'interpol',
        nonSienaReason: 'urgency',
        exchangedAt: '2026-01-20T10:00:00.000Z',
        subject: 'Phone numbers of a smuggling organiser',
        status: 'answered',
        answeredAt: '2026-01-27T10:00:00.000Z',
        phenomena: ['migrant_smuggling'],
      }),
      request('AR2', {
        direction: 'incoming',
        counterpartCountry: 'IT',
        counterpartAgency: 'Polizia di Stato',
        channel: 'bilateral',
        nonSienaReason: 'incident',
        exchangedAt: '2026-04-22T10:00:00.000Z',
        subject: 'Boat registration for a landing in Calabria',
        judicialDeviation: true,
        deviationNote: 'Awaiting the investigating judge',
        phenomena: ['migrant_smuggling'],
      }),
      request('AR3', {
        direction: 'outgoing',
        counterpartCountry: 'TR',
        counterpartAgency: 'Jandarma',
        channel: 'interpol',
        exchangedAt: '2026-07-30T10:00:00.000Z',
        subject: 'Safe houses near Izmir',
        status: 'answered',
        answeredAt: '2026-08-03T10:00:00.000Z',
        phenomena: ['migrant_smuggling'],
      }),
    ],
    results: [
      {
        kind: 'hvt_identified',
        achievedOn: '2026-08-15',
        description: 'Organiser of the Aegean crossings identified',
        count: 1,
        phenomena: ['migrant_smuggling'],
        requests: ['AR1'],
      },
    ],
    exports: [{ from: '2026-01-01', to: '2026-09-30' }],
  },
];

/**
 * Sets up `hq` as headquarters and builds the posts of NETWORK against it: setup, HQ's key file, enrolment,
 * records, exports. Nothing reaches HQ's records: the bundles, in the order they were made, are for the test
 * to import. The posts' folders are removed afterwards.
 */
export async function buildNetwork(hq: Pick<TestBackend, 'call'>, chooser: TestFileChooser): Promise<BundleFile[]> {
  await unwrap(hq.call('identity.init', { role: 'hq', hqName: HQ_NAME }));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-log-e2e-posts-'));
  // HQ saves its key file where the administrator picks (the window's dialog: the test's chooser).
  const keyFile = path.join(root, 'liaison-log-hq-key.json');
  chooser.willSave(keyFile);
  await unwrap(hq.call('keys.saveHqKeyFile', {}));
  const errors: unknown[] = [];
  const bundles: BundleFile[] = [];
  try {
    for (const plan of NETWORK) {
      const post = createBackend({
        dataDir: path.join(root, plan.postId),
        version: 'e2e',
        log: (message, error) => errors.push({ post: plan.postId, message, error: String(error) }),
      });
      try {
        await unwrap(
          post.call('identity.init', {
            role: 'post',
            postId: plan.postId,
            postName: plan.postName,
            officer: 'J. de Vries',
            country: plan.country,
          }),
        );
        await unwrap(callWithFiles(post.invoke, 'keys.importHq', {}, { open: [keyFile] }));
        const enrolment = path.join(root, `enrolment-${plan.postId}.json`);
        await unwrap(callWithFiles(post.invoke, 'keys.saveEnrolmentFile', {}, { save: enrolment }));
        chooser.willOpen(enrolment);
        await unwrap(hq.call('posts.enrol', {}));
        bundles.push(...(await fillAndExport(post, plan)));
      } finally {
        post.close();
      }
    }
    if (errors.length > 0) throw new Error(`A post logged internal errors: ${JSON.stringify(errors)}`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  return bundles;
}

async function fillAndExport(post: Backend, plan: PostPlan): Promise<BundleFile[]> {
  const ids = new Map<string, string>();
  const id = (key: string) => {
    const found = ids.get(key);
    if (!found) throw new Error(`${plan.postId}: no record "${key}" in the plan`);
    return found;
  };
  for (const o of plan.organisations) {
    const made = await unwrap(post.call('organisations.create', { name: o.name, country: o.country, type: 'police' }));
    ids.set(o.key, made.id);
  }
  for (const { key, organisations, ...fields } of plan.engagements) {
    const made = await unwrap(post.call('engagements.create', { ...fields, organisationIds: organisations.map(id) }));
    ids.set(key, made.id);
  }
  for (const { key, ...fields } of plan.requests) {
    ids.set(key, (await unwrap(post.call('requests.create', fields))).id);
  }
  for (const { requests = [], engagements = [], ...fields } of plan.results) {
    await unwrap(
      post.call('results.create', {
        ...fields,
        requestIds: requests.map(id),
        engagementIds: engagements.map(id),
      }),
    );
  }
  const files: BundleFile[] = [];
  for (const period of plan.exports) {
    const entry = await unwrap(post.call('exports.create', { ...period, level: 'full' }));
    files.push({ name: entry.fileName, bytes: fs.readFileSync(entry.path), counts: entry.counts });
  }
  return files;
}

export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

/**
 * A screenshot of the whole page. The app scrolls inside its content panel, which a full-page shot cannot
 * unroll, so the window grows to the panel's height for the shot and shrinks back after it.
 */
export async function shootWhole(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 820 };
  const height = await page.evaluate(() => {
    const content = document.querySelector('.content');
    const top = content ? content.getBoundingClientRect().top : 0;
    return Math.ceil(Math.max(document.documentElement.scrollHeight, top + (content ? content.scrollHeight : 0)));
  });
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(height, size.height), 8000) });
  // Focus rings on a date field's highlighted segment only distract in a picture.
  await page.evaluate(() => {
    const el = document.activeElement;
    if (el instanceof HTMLInputElement && el.type.startsWith('date')) el.blur();
  });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
  await page.setViewportSize(size);
}
