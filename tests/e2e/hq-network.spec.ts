import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test, unwrap } from './fixtures';
import { buildNetwork, SCREENSHOTS, shootWhole } from './hq-helpers';
import { countOf, gotoView, recordPage } from './logbook/helpers';

// Headquarters end to end: three posts (Bogotá, Rabat, Ankara; tests/e2e/hq-helpers.ts) export their
// records; HQ imports the four bundle files through the Exchange page, reads the dashboards per post,
// narrows them by period, phenomenon, partner country, post and channel, opens the records behind a
// figure, downloads the Article 18 statistics and prints the periodic report to PDF.
//
// Every number below follows from the posts' records alone (all in 2026; HQ's home country is NL):
//   engagements 6 (4 operational), requests 11, results 4
//   by post: Bogotá 3 / 4 / 2, Rabat 2 / 4 / 1, Ankara 1 / 3 / 1
//   channels: SIENA 3, Interpol 4, bilateral 3, MLA / EIO 1. Exchanges with EU member states: 6 (the NL
//     request is the home country's and the ES one judicial); 3 of them through SIENA
//   answered incoming requests with a Directive deadline: 3, of which 2 in time (the FR one took 13 days);
//     response times 4 h, 24 h, 48 h, 312 h: median 36.0 h, 90th percentile 232.8 h = 9.7 days
//   open past the deadline: 1 (IT, received 22 April)
//   results: 2 seizures, 1 arrest, 1 high value target identified

const YEAR = { from: '2026-01-01', to: '2026-12-31' } as const;

function screen(page: Page) {
  const filters = page.getByRole('search', { name: 'Dashboard filters' });
  const region = (name: string) => page.getByRole('region', { name, exact: true });
  return {
    filters,
    from: filters.getByLabel('From'),
    to: filters.getByLabel('To (inclusive)'),
    select: (name: 'Phenomenon' | 'Partner country' | 'Post' | 'Channel') =>
      filters.getByRole('combobox', { name, exact: true }),
    showing: page.locator('.figures-showing'),
    body: page.locator('.figures-body'),
    activity: region('Activity'),
    channels: region('Channel use'),
    timeliness: region('Timeliness'),
    results: region('Results'),
    completeness: region('Completeness of post exports'),
  };
}

/** The value of the key figure labelled `label` (exactly) inside `scope`. */
function kpi(scope: Locator, label: string): Locator {
  return scope
    .locator('.kpi')
    .filter({ has: scope.page().locator('.kpi__label').getByText(label, { exact: true }) })
    .locator('.kpi__value');
}

/** The cells (not the row header) of the row whose header is `name` in the table captioned `table`. */
function cells(scope: Locator, table: string, name: string): Locator {
  return scope
    .getByRole('table', { name: table, exact: true })
    .getByRole('row')
    .filter({ has: scope.page().getByRole('rowheader', { name, exact: true }) })
    .getByRole('cell');
}

/** Waits until the figures on screen answer the filters chosen (no stale figures from before). */
async function settled(page: Page, showing: string | RegExp): Promise<void> {
  const s = screen(page);
  await expect(s.showing).toHaveText(showing);
  await expect(s.body).not.toHaveClass(/is-stale/);
  await expect(s.body).toHaveAttribute('aria-busy', 'false');
}

async function activityIs(page: Page, engagements: number, requests: number, results: number): Promise<void> {
  const { activity } = screen(page);
  await expect(kpi(activity, 'Engagements')).toHaveText(String(engagements));
  await expect(kpi(activity, 'Information requests')).toHaveText(String(requests));
  await expect(kpi(activity, 'Results')).toHaveText(String(results));
}

test.describe('headquarters and its posts', () => {
  test('HQ imports the posts’ bundles, reads the dashboards per post, filters, drills down and exports its reports', async ({
    page,
    backend,
    fileChooser,
  }, testInfo) => {
    test.slow(); // three installations with keys, four bundles, many views
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const bundles = await buildNetwork(backend, fileChooser);
    expect(bundles.map((b) => b.name)).toEqual([
      'liaison-log_BOG_2026-01-01_2026-06-30_0001.llbundle',
      'liaison-log_BOG_2026-07-01_2026-09-30_0002.llbundle',
      'liaison-log_RBA_2026-01-01_2026-09-30_0001.llbundle',
      'liaison-log_ANK_2026-01-01_2026-09-30_0001.llbundle',
    ]);
    const carried = bundles.reduce((n, b) => n + Object.values(b.counts).reduce((a, c) => a + c, 0), 0);
    // 4 organisations, 6 engagements, 11 requests, 4 results: every record crosses once.
    expect(carried).toBe(25);

    await test.step('import the four files through the Exchange page', async () => {
      await gotoView(page, 'exchange');
      await expect(page.getByRole('heading', { level: 1, name: 'Posts and imports' })).toBeVisible();
      // The officer picks the four files in the window's open dialog; the backend reads them from disk.
      const paths = bundles.map((b) => {
        const file = testInfo.outputPath('bundles', b.name);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, b.bytes);
        return file;
      });
      fileChooser.willOpen(...paths);
      await page.getByRole('button', { name: 'Choose export files and import…' }).click();
      expect(fileChooser.shown.at(-1)).toMatchObject({ multiple: true });
      await expect(page.getByRole('heading', { name: 'Import report' })).toBeFocused();
      const report = page.getByRole('table', { name: 'Outcome per file' });
      for (const b of bundles)
        await expect(report.getByRole('row').filter({ hasText: b.name })).toContainText('Imported');
      await expect(page.locator('.exchange-totals')).toContainText('4 imported, 0 already imported, 0 rejected');
      await expect(page.locator('.exchange-totals')).toContainText('25 added, 0 updated, 0 unchanged');
      await expect(page.getByRole('alert').filter({ hasText: 'Exports are missing' })).toHaveCount(0);
      const posts = page.getByRole('table', { name: 'Enrolled posts and what HQ received from them' });
      await expect(posts.getByRole('row').filter({ hasText: 'BOG' })).toContainText(/1\s?Jul\s?–\s?30\s?Sept?\s?2026/);
      await expect(posts.getByRole('row').filter({ hasText: 'RBA' })).toBeVisible();
      await expect(posts.getByRole('row').filter({ hasText: 'ANK' })).toBeVisible();
      await shootWhole(page, 'hq-01-import-report');
    });

    const s = screen(page);
    await test.step('the dashboards for the year: the network and each post', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboards' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dashboards');
      await s.from.fill(YEAR.from);
      await s.to.fill(YEAR.to);
      await settled(page, 'Figures for 1 Jan – 31 Dec 2026');

      await activityIs(page, 6, 11, 4);
      await expect(kpi(s.activity, 'Operational engagements')).toHaveText('4');
      await expect(kpi(s.activity, 'Non-operational engagements')).toHaveText('2');
      const byPost = 'Activity by post';
      await expect(cells(s.activity, byPost, 'Bogotá')).toHaveText(['3', '4', '2']);
      await expect(cells(s.activity, byPost, 'Rabat')).toHaveText(['2', '4', '1']);
      await expect(cells(s.activity, byPost, 'Ankara')).toHaveText(['1', '3', '1']);

      await expect(kpi(s.channels, 'EU exchanges through SIENA')).toHaveText('50%');
      await expect(s.channels.locator('.kpi__detail')).toHaveText('3 of 6 exchanges with EU member states');
      const mix = 'Information requests by channel';
      await expect(cells(s.channels, mix, 'SIENA (Europol)')).toHaveText(['3', '27%']);
      await expect(cells(s.channels, mix, 'Interpol I-24/7')).toHaveText(['4', '36%']);
      await expect(cells(s.channels, mix, 'Bilateral')).toHaveText(['3', '27%']);
      await expect(cells(s.channels, mix, 'Mutual legal assistance / EIO')).toHaveText(['1', '9%']);
      const reasons = 'Reasons for not using SIENA with EU member states';
      await expect(s.channels.getByRole('table', { name: reasons }).getByRole('row')).toHaveCount(4);

      await expect(kpi(s.timeliness, 'Answered within the time limit')).toHaveText('67%');
      await expect(kpi(s.timeliness, 'Median response time')).toHaveText('36.0 h');
      await expect(kpi(s.timeliness, '90th percentile response time')).toHaveText('9.7 days');
      await expect(kpi(s.timeliness, 'Open past their deadline')).toHaveText('1');
      const byUrgency = 'Answered within the Directive time limit, by urgency';
      await expect(cells(s.timeliness, byUrgency, 'Urgent')).toHaveText(['1', '1', '100%']);
      await expect(cells(s.timeliness, byUrgency, 'Not urgent')).toHaveText(['2', '1', '50%']);

      await expect(kpi(s.results, 'Results')).toHaveText('4');
      await expect(cells(s.results, 'Results by kind', 'Seizure')).toHaveText(['2', '50%']);
      await expect(cells(s.results, 'Results by post', 'Bogotá')).toHaveText(['2', '50%']);
      await expect(cells(s.results, 'Results by post', 'Rabat')).toHaveText(['1', '25%']);

      const received = 'Exports received per post';
      await expect(s.completeness.getByRole('table', { name: received }).getByRole('row')).toHaveCount(4);
      await expect(s.completeness).toContainText('Every post sent an export in the last 45 days.');
      await expect(cells(s.completeness, received, 'Bogotá').nth(1)).toHaveText(/^1 Jul 2026 – 30 Sept? 2026$/);
      await shootWhole(page, 'hq-02-dashboards-year');
    });

    await test.step('each filter changes the figures as the records say', async () => {
      // Period: the first half of the year.
      await s.to.fill('2026-06-30');
      await settled(page, 'Figures for 1 Jan – 30 Jun 2026');
      await activityIs(page, 4, 8, 2);
      await expect(cells(s.activity, 'Activity by post', 'Ankara')).toHaveText(['1', '2', '0']);
      await s.to.fill(YEAR.to);
      await settled(page, 'Figures for 1 Jan – 31 Dec 2026');

      // Phenomenon: cocaine is Bogotá's alone.
      await s.select('Phenomenon').selectOption('cocaine');
      await settled(page, 'Figures for 1 Jan – 31 Dec 2026 · Filtered on Cocaine');
      await activityIs(page, 2, 3, 2);
      await expect(s.activity.getByRole('table', { name: 'Activity by post' }).getByRole('row')).toHaveCount(2);
      await expect(kpi(s.channels, 'EU exchanges through SIENA')).toHaveText('100%');
      // A group takes in its members: drugs = cocaine and cannabis.
      await s.select('Phenomenon').selectOption('drugs');
      await settled(page, /Filtered on Drugs$/);
      await activityIs(page, 3, 6, 3);
      await s.select('Phenomenon').selectOption('');

      // Partner country: Germany. Requests with Germany, and the results they led to; no German partners met.
      await s.select('Partner country').selectOption('DE');
      await settled(page, 'Figures for 1 Jan – 31 Dec 2026 · Filtered on Germany');
      await activityIs(page, 0, 2, 2);
      await expect(s.channels.locator('.kpi__detail')).toHaveText('1 of 2 exchanges with EU member states');
      await s.select('Partner country').selectOption('');

      // Post: Rabat alone.
      await s.select('Post').selectOption('RBA');
      await settled(page, 'Figures for 1 Jan – 31 Dec 2026 · Filtered on Rabat');
      await activityIs(page, 2, 4, 1);
      await expect(
        s.channels.getByRole('table', { name: 'Information requests by channel' }).getByRole('row'),
      ).toHaveCount(5);
      await expect(s.channels.locator('.kpi__detail')).toHaveText('1 of 1 exchanges with EU member states');
      await expect(kpi(s.timeliness, 'Answered within the time limit')).toHaveText('100%');
      // With a post chosen the figures still open their lists, narrowed to that post.
      await expect(
        s.activity.getByRole('link', { name: 'Information requests: 4. Show them in the list', exact: true }),
      ).toBeVisible();
      await shootWhole(page, 'hq-03-dashboards-rabat');
      await s.select('Post').selectOption('');

      // Channel: SIENA narrows the requests only.
      await s.select('Channel').selectOption('siena');
      await settled(page, 'Figures for 1 Jan – 31 Dec 2026 · Filtered on SIENA (Europol)');
      await activityIs(page, 6, 3, 4);
      await expect(s.channels.locator('.kpi__detail')).toHaveText('3 of 3 exchanges with EU member states');
      await s.filters.getByRole('button', { name: 'Clear filters' }).click();
      await settled(page, 'Figures for 1 Jan – 31 Dec 2026');
      await activityIs(page, 6, 11, 4);
    });

    await test.step('from a figure to the records behind it', async () => {
      const list = recordPage(page);
      // SIENA in the channel mix: the three requests exchanged through it, from two posts.
      await s.channels.getByRole('link', { name: 'SIENA (Europol): 3. Show them in the list' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Information requests');
      await expect(list.filter('Channel')).toHaveValue('siena');
      await expect(list.count).toHaveText(countOf(3));
      for (const subject of [
        'Crew list of the bulk carrier Santa Rosa',
        'Container route through Algeciras',
        'Whereabouts of a kidnapped courier',
      ])
        await expect(list.row(subject)).toBeVisible();
      await shootWhole(page, 'hq-04-drill-siena');
      await page.goBack();
      await settled(page, 'Figures for 1 Jan – 31 Dec 2026');

      // The request past its deadline.
      await s.timeliness.getByRole('link', { name: 'Open past their deadline: 1. Show them in the list' }).click();
      await expect(list.count).toHaveText(countOf(1));
      await expect(list.row('Boat registration for a landing in Calabria')).toBeVisible();
      await page.goBack();
      await settled(page, 'Figures for 1 Jan – 31 Dec 2026');

      // One post's row: Rabat's four requests, and only those.
      await s.activity.getByRole('link', { name: 'Rabat, Information requests: 4. Show them in the list' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Information requests');
      await expect(list.filter('Post')).toHaveValue('RBA');
      await expect(list.count).toHaveText(countOf(4));
      await expect(list.rows).toHaveCount(4);
      for (const subject of [
        'Whereabouts of a kidnapped courier',
        'Owner of a go-fast boat',
        'Smuggled migrants on a ferry to Rotterdam',
        'Letter rogatory on a hashish network',
      ])
        await expect(list.row(subject)).toBeVisible();
      await shootWhole(page, 'hq-04b-drill-rabat-requests');
      await page.goBack();
      await settled(page, 'Figures for 1 Jan – 31 Dec 2026');

      // Results by post: Bogotá's two results.
      await s.results.getByRole('link', { name: 'Bogotá: 2. Show them in the list' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results');
      await expect(list.filter('Post')).toHaveValue('BOG');
      await expect(list.count).toHaveText(countOf(2));
      await expect(list.rows).toHaveCount(2);
      await page.goBack();
      await settled(page, 'Figures for 1 Jan – 31 Dec 2026');

      // Seizures among the results.
      await s.results.getByRole('link', { name: 'Seizure: 2. Show them in the list' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results');
      await expect(list.count).toHaveText(countOf(2));
      await expect(list.row('500 kg of cocaine seized in Algeciras')).toBeVisible();
      await expect(list.row('Go-fast boat with 2 t of hashish intercepted')).toBeVisible();
      await page.goBack();
      await settled(page, 'Figures for 1 Jan – 31 Dec 2026');
    });

    await test.step('a dashboard table as CSV', async () => {
      const group = s.activity.getByRole('group', { name: 'Export “Activity by post”' });
      const file = testInfo.outputPath('activity-by-post.csv');
      fileChooser.willSave(file);
      await group.getByRole('button', { name: 'CSV' }).click();
      await expect(page.getByText(`Saved to ${file}`)).toBeVisible();
      expect(fileChooser.shown.at(-1)).toMatchObject({ suggestedName: 'activity-by-post.csv' });
      const csv = fs.readFileSync(file, 'utf8');
      expect(csv).toBe('\uFEFFPost,Engagements,Requests,Results\r\nBogotá,3,4,2\r\nRabat,2,4,1\r\nAnkara,1,3,1\r\n');
    });

    await test.step('the Article 18 statistics for 2026', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
      await page.getByLabel('Calendar year').selectOption('2026');
      const submitted = page.getByRole('region', { name: '(a) Requests submitted to other member states' });
      await expect(submitted.getByRole('row', { name: /^Germany/ })).toContainText('1');
      await expect(submitted.getByRole('row', { name: /^Spain/ })).toContainText('1');
      await expect(submitted.getByRole('row', { name: /^Total/ })).toContainText('2');
      const received = page.getByRole('region', { name: '(b) Requests received and answered' });
      await expect(received.getByRole('row', { name: /^Total/ }).getByRole('cell')).toHaveText(['1', '3', '1', '1']);
      const refusals = page.getByRole('region', { name: /\(c\) Refusals/ });
      await expect(refusals.getByRole('row', { name: /^France/ })).toContainText('(f) National security');
      await expect(page.getByText(/^11 requests are dated in 2026 .*; 6 were exchanged/)).toBeVisible();
      await expect(
        page.getByText(/Left out: 3 with countries outside the EU, 1 with the own country, 1 through mutual/),
      ).toBeVisible();
      await shootWhole(page, 'hq-05-art18');

      const file = testInfo.outputPath('art18-statistics-2026.csv');
      fileChooser.willSave(file);
      await page.getByRole('button', { name: 'CSV' }).click();
      await expect(page.getByText(`Saved to ${file}`)).toBeVisible();
      expect(fileChooser.shown.at(-1)).toMatchObject({ suggestedName: 'art18-statistics-2026.csv' });
      const csv = fs.readFileSync(file, 'utf8');
      const sections = csv
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n\r\n');
      expect(sections.slice(0, 4)).toEqual([
        ['(a) Requests submitted', 'Member state requested,Requests submitted', 'DE,1', 'ES,1', 'Total,2'].join('\r\n'),
        [
          '(b) Requests received',
          'Requesting member state,"Received, urgent","Received, non-urgent","Answered, urgent","Answered, non-urgent"',
          'BE,1,0,1,0',
          'DE,0,1,0,1',
          'FR,0,1,0,0',
          'IT,0,1,0,0',
          'Total,1,3,1,1',
        ].join('\r\n'),
        ['(c) Refusals', 'Requesting member state,Refusal ground (Art. 6(1)),Refusals', 'FR,f,1', 'Total,,1'].join(
          '\r\n',
        ),
        [
          '(d) Deadline deviations',
          'Requesting member state,Deviations for judicial authorisation (Art. 5(2))',
          'IT,1',
          'Total,1',
        ].join('\r\n'),
      ]);
      const basis = sections[4]!.split('\r\n');
      expect(basis).toContain('Requests dated in the year,11');
      expect(basis).toContain('"Counted (other EU member state, not the judicial channel)",6');
      expect(basis).toContain('Left out: counterpart not an EU member state,3');
      expect(basis).toContain('Left out: own country,1');
      expect(basis).toContain('Left out: judicial channel (MLA / EIO),1');
    });

    await test.step('the periodic report: the second quarter for the whole network, as PDF', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboards' }).click();
      await s.from.fill('2026-04-01');
      await s.to.fill('2026-06-30');
      await settled(page, 'Figures for 1 Apr – 30 Jun 2026');
      await activityIs(page, 2, 5, 2);
      await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();

      await page.emulateMedia({ media: 'print' });
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
      await expect(s.filters).toBeHidden();
      await expect(page.getByText('Figures for 1 Apr – 30 Jun 2026')).toBeVisible();
      await expect(s.activity.getByRole('table', { name: 'Activity by post' })).toBeVisible();
      await shootWhole(page, 'hq-06-periodic-report-print');
      const file = testInfo.outputPath('hq-periodic-report.pdf');
      await page.pdf({ path: file, format: 'A4', printBackground: true });
      await page.emulateMedia({ media: 'screen' });
      const pdf = fs.readFileSync(file);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages, 'one page per view at least').toBeGreaterThanOrEqual(5);
      fs.copyFileSync(file, path.join(SCREENSHOTS, 'hq-periodic-report.pdf'));
    });

    // HQ's own records: none; everything it shows came from the posts.
    expect((await unwrap(backend.call('stats.counts', {}))).informationRequests).toBe(11);
  });
});
