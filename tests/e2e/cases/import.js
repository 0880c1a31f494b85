'use strict';
/**
 * Browser case of the contact import: Settings → Marketing Setup → Import, upload a CSV, the suggested
 * mapping, a dry run with its counts, Run import, the progress bar until the job is done; the contacts
 * exist afterwards (checked over REST), with the accents of a file in Excel's Windows encoding. Then the dry run's
 * table of a longer file (filtered by a count badge, paged), a job cancelled from the page, and the page reloaded
 * (the latest job followed, the recent imports listed, a finished job's refused rows downloaded).
 */
const assert = require('node:assert/strict');

const IMPORT = '/admin/settings/marketing-setup/import';

async function run({ page, baseUrl, runner, shot, rest, admin, dismissOverlays }) {
  const stamp = Date.now();
  const LIST = `${baseUrl}/admin/content-manager/collection-types/plugin::marketing-setup.contact`;
  /** Contacts are numbered: when a case runs alone (E2E_ONLY=import / export), give the setup a contact series first. */
  const ensureContactSeries = async () => {
    const setup = await rest('GET', '/setup?populate=contactNos');
    if (setup.body.data?.contactNos) return;
    const series = await rest('POST', '/no-series-list', { data: { code: `IMP${stamp % 100000}`, description: 'Import e2e' } });
    assert.equal(series.status, 201, JSON.stringify(series.body));
    const line = await rest('POST', '/no-series-lines', { data: { series: series.body.data.documentId, lineNo: 10000, startingNo: 'IM00001', endingNo: 'IM99999' } });
    assert.equal(line.status, 201, JSON.stringify(line.body));
    const saved = await rest('PUT', '/setup', { data: { contactNos: series.body.data.documentId } });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
  };
  /** The export dialog's download: the CSV's lines (header first). */
  const downloadLines = async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    assert.match(download.suggestedFilename(), /^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
    return require('fs').readFileSync(await download.path(), 'utf8').split('\r\n').filter(Boolean);
  };
  await runner.test('import: upload → suggested columns → dry run counts → run → progress done', async () => {
    await ensureContactSeries();
    const csv = [
      'Name;City;E-Mail;Salesperson Code',
      `Import Alpha ${stamp};Gent;alpha${stamp}@example.org;`,
      `Import Beta ${stamp};Liège;beta${stamp}@example.org;`,
      `Import Gamma ${stamp};Leuven;gamma${stamp}@example.org;NOPE`,
    ].join('\n');
    await page.goto(baseUrl + IMPORT);
    await page.getByTestId('import-file').waitFor({ state: 'attached' });
    await dismissOverlays(page);
    // Saved as Excel's plain "CSV" does on a Belgian Windows machine (Windows-1252, not UTF-8): "Liège" must survive.
    await page.getByTestId('import-file').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'latin1') });
    await page.getByTestId('import-mapping').waitFor();
    // The suggestions are preselected, by their captions alone: Name, City, E-Mail, Salesperson Code → Salesperson.
    for (const [header, caption] of [['Name', 'Name'], ['City', 'City'], ['E-Mail', 'E-Mail'], ['Salesperson Code', 'Salesperson']]) {
      const select = page.getByTestId('import-mapping').getByRole('combobox', { name: header, exact: true });
      await select.getByText(caption, { exact: true }).waitFor();
      assert.doesNotMatch(await select.textContent(), /\(/, `no attribute name after the caption of ${header}`);
    }
    await shot(page, 'import-mapping');

    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-dry').waitFor();
    assert.equal((await page.getByTestId('import-count-created').textContent()).trim(), 'created: 2');
    assert.equal((await page.getByTestId('import-count-error').textContent()).trim(), 'error: 1');
    await page.getByText('Salesperson "NOPE" does not exist.').first().waitFor();
    await shot(page, 'import-dry-run');

    await page.getByTestId('import-run').click();
    await page.getByTestId('import-job').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="import-job-state"]')?.textContent === 'done', null, { timeout: 30000 });
    assert.equal((await page.getByTestId('import-job-counts').textContent()).trim(), '3 of 3 rows: 2 created, 0 updated, 0 unchanged, 1 failed');
    assert.equal(await page.getByTestId('import-progress').getAttribute('aria-valuenow'), '100');
    await page.getByTestId('import-errors').waitFor();
    // A second click cannot import the same file twice: Run is off until a file is chosen again.
    assert.equal(await page.getByTestId('import-run').isDisabled(), true);
    await shot(page, 'import-done');

    const found = await rest('GET', `/contacts?filters[name][$contains]=${stamp}&sort=name`);
    assert.equal(found.status, 200, JSON.stringify(found.body));
    assert.deepEqual(found.body.data.map((c) => [c.name, c.city]), [[`Import Alpha ${stamp}`, 'Gent'], [`Import Beta ${stamp}`, 'Liège']]);

    // The same file again: its rows find their contacts by e-mail and change nothing, so nothing is written.
    await page.getByTestId('import-file').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'latin1') });
    await page.getByTestId('import-mapping').waitFor();
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-dry').waitFor();
    assert.equal((await page.getByTestId('import-count-unchanged').textContent()).trim(), 'unchanged: 2');
    assert.equal((await page.getByTestId('import-count-created').textContent()).trim(), 'created: 0');
    await page.getByTestId('import-run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="import-job-state"]')?.textContent === 'done', null, { timeout: 30000 });
    assert.equal((await page.getByTestId('import-job-counts').textContent()).trim(), '3 of 3 rows: 0 created, 0 updated, 2 unchanged, 1 failed');
    const again = await rest('GET', `/contacts?filters[name][$contains]=${stamp}&sort=name`);
    assert.deepEqual(again.body.data.map((c) => c.updatedAt), found.body.data.map((c) => c.updatedAt));
  });

  await runner.test('export: contact list view → select rows → Export to CSV downloads them with Business Central captions', async () => {
    // The list searched for the two imported contacts (after the other cases it has more than a page of contacts).
    await page.goto(`${LIST}?page=1&pageSize=10&sort=no:ASC&_q=${stamp}`);
    await dismissOverlays(page);
    await page.getByText(`Import Beta ${stamp}`).first().waitFor();
    // The Type column shows the option's caption, as the edit form does, not the stored value.
    const typeCells = await page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.textContent));
    assert.ok(typeCells.every((text) => /Company|Person/.test(text) && !/\b(company|person)\b/.test(text)), JSON.stringify(typeCells));
    await page.getByRole('checkbox', { name: /select all/i }).first().click();
    const button = page.getByRole('button', { name: 'Export to CSV' });
    await button.waitFor();
    await shot(page, 'export-bulk-action');
    await button.click();
    // The dialog: the selected rows are the default choice.
    await page.getByRole('dialog').getByText('The 2 selected contacts').waitFor();
    assert.equal(await page.getByRole('radio', { name: 'The 2 selected contacts' }).getAttribute('aria-checked'), 'true');
    const lines = await downloadLines();
    assert.ok(lines[0].startsWith('\uFEFFNo.,Type,Name,'), lines[0]);
    assert.equal(lines.length, 3, `${lines.length} lines: the header and the two selected contacts`);
    for (const name of [`Import Alpha ${stamp}`, `Import Beta ${stamp}`]) assert.ok(lines.some((l) => l.includes(name)), `${name} is in the file`);
  });

  await runner.test("export: a filtered, searched list longer than a page → Export to CSV → all matching contacts, not the page", async () => {
    await ensureContactSeries();
    // 14 contacts named "Filtered …" and 2 "Other …" in one city of their own: the filter keeps 16, the search 14.
    const city = `Filterstad ${stamp}`;
    for (let i = 1; i <= 16; i++) {
      const name = i <= 14 ? `Filtered ${String(i).padStart(2, '0')} ${stamp}` : `Other ${i} ${stamp}`;
      const res = await rest('POST', '/contacts', { data: { type: 'company', name, city } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
    // The list as the Content Manager writes its URL: a page of 10, a filter on City, a search.
    const filter = `filters[$and][0][city][$eq]=${encodeURIComponent(city)}`;
    await page.goto(`${LIST}?page=1&pageSize=10&sort=name:ASC&${filter}&_q=Filtered`);
    await dismissOverlays(page);
    await page.getByText(`Filtered 01 ${stamp}`).first().waitFor();
    await page.getByRole('checkbox', { name: /select all/i }).first().click();
    await page.getByRole('button', { name: 'Export to CSV' }).click();
    // Select all took the page (10); the second choice counts every match on the server (14).
    const dialog = page.getByRole('dialog');
    await dialog.getByText('The 10 selected contacts').waitFor();
    await dialog.getByText("All contacts matching the list's current filters and search (14)").waitFor();
    await page.getByRole('radio', { name: "All contacts matching the list's current filters and search (14)" }).click();
    assert.equal(await page.getByTestId('export-scope-matching').getAttribute('aria-checked'), 'true');
    await shot(page, 'export-filtered-dialog');
    const lines = await downloadLines();
    assert.equal(lines.length, 15, `${lines.length} lines: the header and the 14 matching contacts`);
    const header = lines[0].slice(1).split(',');
    const nameAt = header.indexOf('Name');
    const cityAt = header.indexOf('City');
    const rows = lines.slice(1).map((l) => l.split(','));
    assert.deepEqual(rows.map((r) => r[nameAt]).sort(), Array.from({ length: 14 }, (_, i) => `Filtered ${String(i + 1).padStart(2, '0')} ${stamp}`));
    assert.ok(rows.every((r) => r[cityAt] === city), 'every row is in the filtered city');
  });

  await runner.test('import: the dry run of 260 rows → every error (after row 200 too) by its count badge, all rows page by page', async () => {
    await ensureContactSeries();
    // Rows 205, 210 … 260 name a salesperson that does not exist: 12 errors, all after the first 200 rows.
    const bad = (i) => i > 200 && i % 5 === 0;
    const lines = ['Name;City;Salesperson Code'];
    for (let i = 1; i <= 260; i++) lines.push(`Dry ${i} ${stamp};Gent;${bad(i) ? `NOPE${i}` : ''}`);
    await page.goto(baseUrl + IMPORT);
    await page.getByTestId('import-file').waitFor({ state: 'attached' });
    await dismissOverlays(page);
    await page.getByTestId('import-file').setInputFiles({ name: 'dry-run.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await page.getByTestId('import-mapping').waitFor();
    // The chosen file's name and row count (the browser's own input was cleared for the next choice).
    assert.equal((await page.getByTestId('import-file-name').textContent()).trim(), 'dry-run.csv — 260 rows');

    await page.getByTestId('import-dry-run').click();
    // While it runs: a line that says why it takes a while.
    await page.getByTestId('import-dry-running').waitFor();
    await page.getByTestId('import-dry').waitFor({ timeout: 120000 });
    assert.equal((await page.getByTestId('import-count-error').textContent()).trim(), 'error: 12');
    assert.equal((await page.getByTestId('import-count-created').textContent()).trim(), 'created: 248');
    const tableRows = page.getByTestId('import-dry-table').locator('tbody tr');
    // All rows, 50 a page: page 1 holds rows 1–50, the last page (6) rows 251–260.
    assert.equal(await tableRows.count(), 50);
    await page.getByTestId('import-dry-row-1').waitFor();
    await page.getByTestId('import-dry-page-next').click();
    await page.getByTestId('import-dry-row-51').waitFor();
    assert.equal(await tableRows.count(), 50);
    for (let p = 2; p < 6; p++) await page.getByTestId('import-dry-page-next').click();
    await page.getByTestId('import-dry-row-260').waitFor();
    assert.equal(await tableRows.count(), 10);
    assert.equal(await page.getByTestId('import-dry-page-next').isDisabled(), true);

    // The error badge: the 12 error rows and nothing else, each with its reason.
    await page.getByTestId('import-dry-filter-error').click();
    await page.getByTestId('import-dry-row-205').waitFor();
    assert.equal(await tableRows.count(), 12);
    for (let i = 205; i <= 260; i += 5) {
      await page.getByTestId(`import-dry-row-${i}`).getByText(`Salesperson "NOPE${i}" does not exist.`).waitFor();
    }
    assert.equal(await page.getByTestId('import-dry-page').count(), 0, 'one page: no pager');
    assert.equal(await page.getByTestId('import-dry-filter-error').getAttribute('aria-pressed'), 'true');
    await shot(page, 'import-dry-run-errors');
    // The same badge again: every row.
    await page.getByTestId('import-dry-filter-error').click();
    await page.getByTestId('import-dry-row-1').waitFor();
    assert.equal(await tableRows.count(), 50);
  });

  await runner.test('import: Cancel stops a running job after its chunk; a reload shows the latest job, the recent imports and their refused rows', async () => {
    await ensureContactSeries();
    // 3,000 rows run in 15 chunks of 200: still running when Cancel is clicked. Names of random letters, so the
    // duplicate search finds no pairs among them.
    let seed = stamp % 2147483647;
    const letters = (n) => Array.from({ length: n }, () => String.fromCharCode(97 + ((seed = (seed * 48271) % 2147483647) % 26))).join('');
    const lines = ['Name;E-Mail'];
    for (let i = 1; i <= 3000; i++) lines.push(`Stop ${letters(7)} ${letters(8)};${letters(10)}.${stamp}@example.org`);
    await page.goto(baseUrl + IMPORT);
    await page.getByTestId('import-file').waitFor({ state: 'attached' });
    await dismissOverlays(page);
    await page.getByTestId('import-file').setInputFiles({ name: 'cancel-me.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await page.getByTestId('import-mapping').waitFor();
    assert.equal((await page.getByTestId('import-file-name').textContent()).trim(), 'cancel-me.csv — 3000 rows');
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-job').waitFor();
    await page.getByTestId('import-cancel').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="import-job-state"]')?.textContent === 'cancelled', null, { timeout: 60000 });
    const counts = (await page.getByTestId('import-job-counts').textContent()).trim();
    const m = /^(\d+) of 3000 rows: (\d+) created, 0 updated, 0 unchanged, 0 failed$/.exec(counts);
    assert.ok(m, counts);
    const processed = Number(m[1]);
    assert.ok(processed < 3000 && processed % 200 === 0 && Number(m[2]) === processed, `stopped after whole chunks: ${counts}`);
    assert.equal(await page.getByTestId('import-cancel').count(), 0, 'no Cancel once cancelled');
    await page.getByTestId('import-job-cancelled').waitFor();
    const id = Number(/Import (\d+)/.exec(await page.getByTestId('import-job').locator('h2').textContent())[1]);
    await page.getByTestId(`import-recent-${id}`).getByText('cancelled', { exact: true }).waitFor();
    await shot(page, 'import-cancelled');
    // The job wrote no more after the cancel.
    const stored = await rest('GET', `/contacts?filters[email][$endsWith]=.${stamp}@example.org&filters[name][$startsWith]=Stop&pagination[pageSize]=1`);
    assert.equal(stored.status, 200, JSON.stringify(stored.body));
    assert.equal(stored.body.meta.pagination.total, processed);

    // A reload (or a second tab): the latest job is followed, with its state and counts, and listed first.
    await page.reload();
    await page.getByTestId('import-job').waitFor();
    assert.equal(await page.getByTestId('import-job-state').textContent(), 'cancelled');
    assert.equal((await page.getByTestId('import-job-counts').textContent()).trim(), counts);
    assert.match(await page.getByTestId('import-job-file').textContent(), /^cancel-me\.csv — started /);
    const recent = page.getByTestId('import-recent');
    await recent.waitFor();
    assert.match(await recent.locator('tbody tr').first().textContent(), new RegExp(`^${id}cancel-me\\.csv`));
    // An earlier job of this session with a refused row: shown from the list, its refused rows downloaded.
    const earlier = recent.locator('tbody tr', { hasText: 'contacts.csv' }).first();
    const earlierId = Number((await earlier.locator('td').first().textContent()).trim());
    await earlier.getByTestId(`import-recent-show-${earlierId}`).click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="import-job"] h2')?.textContent.startsWith(`Import ${n}:`), earlierId);
    assert.equal(await page.getByTestId('import-job-state').textContent(), 'done');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-errors').click()]);
    const errors = require('fs').readFileSync(await download.path(), 'utf8');
    assert.match(errors, /Salesperson "{1,2}NOPE"{1,2} does not exist\./); // in a quoted cell the quotes are doubled
    await shot(page, 'import-recent');
  });

  await runner.test('import: the recent imports list follows another job still running (started elsewhere) to its end, without a reload', async () => {
    await ensureContactSeries();
    // Big enough to be still running when the page has loaded (two jobs side by side: some 20 s each here).
    const file = (tag) => ['Name;E-Mail', ...Array.from({ length: 6000 }, (_, i) => `Elders ${tag}${i} ${stamp};${tag}${i}.${stamp}@example.org`)].join('\n');
    // Two jobs started over the API (another tab, a script): the page follows the newer one; the older is in the list only.
    const older = await admin('POST', '/marketing-setup/contacts/import/jobs', { csv: file('a'), fileName: 'elsewhere-a.csv' });
    assert.equal(older.status, 202, JSON.stringify(older.body));
    const newer = await admin('POST', '/marketing-setup/contacts/import/jobs', { csv: file('b'), fileName: 'elsewhere-b.csv' });
    assert.equal(newer.status, 202, JSON.stringify(newer.body));
    await page.goto(baseUrl + IMPORT);
    const row = page.getByTestId(`import-recent-${older.body.data.id}`);
    await row.getByText('running', { exact: true }).waitFor();
    await row.getByText('done', { exact: true }).waitFor({ timeout: 240000 });
    assert.match(await row.textContent(), /elsewhere-a\.csv/);
  });
}

module.exports = { run };
