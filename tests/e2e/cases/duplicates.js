/**
 * Browser cases of the duplicates screens: the search-string lines editor, the review screen (not a
 * duplicate; merge with the field chooser; undo from the merge log), the contact side panel and the
 * "Regenerate search strings" progress on the settings page. Called once from admin.e2e.js.
 */
'use strict';

const assert = require('node:assert/strict');
const path = require('path');
const { artifactsDir } = require('../harness');

const SETTINGS = '/admin/settings/marketing-setup/general';
const DUPLICATES = '/admin/settings/marketing-setup/duplicates';
const SEARCH_LINES = '/admin/settings/marketing-setup/duplicate-search';
const CONTACT_UID = 'plugin::marketing-setup.contact';

async function run({ page, baseUrl, rest, runner, shot, dismissOverlays }) {
  const createContact = async (data) => {
    const res = await rest('POST', '/contacts', { data });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.data;
  };
  const pairsOf = async (documentId) => {
    const res = await rest('GET', `/contacts/${documentId}/duplicates`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.data;
  };
  const goto = async (path, testId) => {
    await page.goto(baseUrl + path);
    await page.getByTestId(testId).first().waitFor();
    await dismissOverlays(page);
  };
  /** The row of the review list that holds the pair of these two contacts. */
  const pairRow = (a, b) => page.locator('tr[data-testid^="pair-"]').filter({ hasText: a.no }).filter({ hasText: b.no });

  await runner.test('the search-lines editor saves a line, shows the rule that refuses a second one inline, and deletes it', async () => {
    await goto(SETTINGS, 'section-duplicates');
    await page.getByTestId('section-duplicates').getByTestId('link-duplicate-search').click();
    await page.getByTestId('search-line-name-first').waitFor();
    assert.equal(await page.locator('tbody tr[data-testid^="search-line-"]').count(), 16);
    await shot(page, 'duplicate-search-lines');

    await page.getByTestId('search-line-create').click();
    const form = page.getByTestId('search-line-form');
    await form.getByRole('combobox', { name: 'Field', exact: true }).click();
    await page.getByRole('option', { name: 'E-mail 2' }).click();
    await form.getByTestId('field-length').fill('6');
    await shot(page, 'duplicate-search-line-new');
    await form.getByTestId('search-line-submit').click();
    await page.getByText('The search-string line was saved.').first().waitFor();
    const row = page.getByTestId('search-line-email2-first');
    await row.waitFor();
    assert.match(await row.textContent(), /E-mail 2\s*First\s*6/);
    const saved = await rest('GET', '/duplicate-search-setups?filters[field]=email2');
    assert.deepEqual(saved.body.data.map((l) => [l.field, l.part, l.length]), [['email2', 'first', 6]]);

    // A second "Name, first" line: the write rule's message appears under the field, nothing is saved.
    await page.getByTestId('search-line-create').click();
    await form.getByRole('combobox', { name: 'Field', exact: true }).click();
    await page.getByRole('option', { name: 'Name', exact: true }).click();
    await form.getByTestId('search-line-submit').click();
    await form.getByText('Name (first) is already in the search string setup.').waitFor();
    await shot(page, 'duplicate-search-line-error');
    await form.getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await rest('GET', '/duplicate-search-setups?filters[field]=name')).body.data.length, 2);

    await row.getByRole('button', { name: 'Delete line' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('The search-string line was deleted.').first().waitFor();
    await row.waitFor({ state: 'detached' });
    assert.equal((await rest('GET', '/duplicate-search-setups?filters[field]=email2')).body.data.length, 0);
  });

  const twin = { type: 'company', address: 'Industrieweg 12', postCode: '2800', city: 'Mechelen', vatRegistrationNo: 'BE0123456789' };

  await runner.test('"not a duplicate" removes the pair from the review list', async () => {
    const a = await createContact({ ...twin, name: 'Northwind Traders NV', phoneNo: '015 12 34 56' });
    const b = await createContact({ ...twin, name: 'Northwind Traders N.V.', phoneNo: '015 12 34 56' });
    assert.equal((await pairsOf(a.documentId)).length, 1, 'the two are a pair');
    await goto(DUPLICATES, 'pairs');
    const row = pairRow(a, b);
    await row.waitFor();
    await shot(page, 'duplicates-review-list');
    await row.getByRole('button', { name: 'Review' }).click();
    const review = page.getByTestId('pair-review');
    await review.waitFor();
    await review.getByTestId('breakdown-name').waitFor();
    assert.match(await review.getByTestId('pair-contact').textContent(), /Northwind Traders N\.V\./);
    await shot(page, 'duplicates-pair-review');
    await page.getByTestId('pair-separate').click();
    await page.getByText('are no longer reported as duplicates.').first().waitFor();
    await row.waitFor({ state: 'detached' });
    assert.deepEqual(await pairsOf(a.documentId), []);
    const all = await rest('GET', `/contacts/${a.documentId}/duplicates?includeSeparate=true`);
    assert.equal(all.body.data[0].separateContacts, true);
  });

  await runner.test('a person written surname first is reviewed with how alike surname and first name are', async () => {
    const home = { type: 'person', address: 'Kapelstraat 4', postCode: '9300', city: 'Aalst', mobilePhoneNo: '0475 12 34 56' };
    const a = await createContact({ ...home, name: 'Geert De Smet' });
    const b = await createContact({ ...home, name: 'De Smet Gert' });
    assert.equal((await pairsOf(a.documentId)).length, 1, 'the two are a pair');
    await goto(DUPLICATES, 'pairs');
    const row = pairRow(a, b);
    await row.waitFor();
    await row.getByRole('button', { name: 'Review' }).click();
    const review = page.getByTestId('pair-review');
    await review.getByTestId('breakdown-name').waitFor();
    assert.match(await review.getByTestId('breakdown-name-parts').textContent(), /^surname 100 % · first name 9\d(\.\d)? %$/);
    await shot(page, 'duplicates-pair-review-surname-first');
    await page.keyboard.press('Escape');
  });

  await runner.test('a duplicates pair is merged from the review screen, and the merge is undone from the merge log', async () => {
    const older = await createContact({ ...twin, vatRegistrationNo: 'BE0555444333', name: 'Tailspin Toys NV', phoneNo: '03 111 11 11' });
    const newer = await createContact({ ...twin, vatRegistrationNo: 'BE0555444333', name: 'Tailspin Toys N.V.', phoneNo: '03 999 99 99', email: 'hello@tailspin.be' });
    assert.equal((await pairsOf(older.documentId)).length, 1, 'the two are a pair');

    // The edit view of a contact with an open pair shows the duplicates panel, linking to the review.
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/${CONTACT_UID}/${older.documentId}`);
    await page.locator('input[name="city"]').waitFor();
    await dismissOverlays(page);
    const panel = page.getByTestId('duplicates-panel');
    await panel.getByTestId(`duplicates-panel-${newer.documentId}`).getByText(`${newer.no} Tailspin Toys N.V.`).waitFor();
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'contact-duplicates-panel');
    await panel.getByTestId('duplicates-panel-review').click();
    await page.getByTestId('pairs-filter').waitFor();
    const row = pairRow(older, newer);
    await row.waitFor();
    assert.equal(await page.locator('[data-testid="pairs"] tbody tr').count(), 1, 'only the pairs of that contact');

    await row.getByRole('button', { name: 'Review' }).click();
    await page.getByTestId('pair-merge-open').click();
    const merge = page.getByTestId('pair-merge');
    await merge.getByTestId('merge-fields').waitFor();
    // The older contact is kept; its phone number is replaced by the duplicate's.
    await merge.getByTestId('merge-field-phoneNo').waitFor();
    await merge.getByTestId('merge-field-phoneNo-duplicate').click();
    assert.equal(await merge.getByTestId('merge-field-phoneNo').getAttribute('data-choice'), 'duplicate');
    await merge.getByTestId('merge-moves').waitFor();
    // Captions as everywhere else, and the search strings deleted with the duplicate are not listed as moving.
    await merge.getByTestId('merge-field-phoneNo').getByText('Phone No.', { exact: true }).waitFor();
    assert.doesNotMatch(await merge.getByTestId('merge-moves').textContent(), /search string|\(contact\)/i);
    await merge.getByTestId('merge-drops').getByText(/search string/).first().waitFor();
    await shot(page, 'duplicates-merge-chooser');
    await page.getByTestId('merge-submit').click();
    await page.getByText('was merged into').first().waitFor();
    await page.getByTestId('pair-merge').waitFor({ state: 'detached' });

    const gone = await rest('GET', `/contacts/${newer.documentId}`);
    assert.equal(gone.status, 404, 'the duplicate is gone');
    const kept = (await rest('GET', `/contacts/${older.documentId}`)).body.data;
    assert.equal(kept.phoneNo, '03 999 99 99', 'the phone number was taken from the duplicate');
    assert.equal(kept.name, 'Tailspin Toys NV', 'the name was kept');

    await page.getByTestId('tab-merge-log').click();
    const log = page.getByTestId('merge-log');
    await log.waitFor();
    const entry = log.locator('tr').filter({ hasText: newer.no }).first();
    await entry.waitFor();
    assert.match(await entry.textContent(), /Merged/);
    await shot(page, 'duplicates-merge-log');
    await entry.getByTestId('merge-log-undo').click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('The merge was undone').first().waitFor();
    await entry.getByText('Undone').waitFor();
    await shot(page, 'duplicates-merge-log-undone');
    const both = await rest('GET', `/contacts?filters[vatRegistrationNo]=BE0555444333&sort=no`);
    assert.deepEqual(both.body.data.map((c) => c.name), ['Tailspin Toys NV', 'Tailspin Toys N.V.'], 'both exist again');
  });

  await runner.test('"Regenerate search strings" shows its progress reaching 100 %', async () => {
    await goto(SETTINGS, 'regenerate');
    const box = page.getByTestId('regenerate');
    await box.scrollIntoViewIfNeeded();
    await box.getByTestId('regenerate-start').click();
    const progress = box.getByTestId('regenerate-progress');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="regenerate-progress"]')?.getAttribute('data-state') === 'done',
      null,
      { timeout: 60000 },
    );
    assert.equal(await progress.getAttribute('data-percent'), '100');
    assert.match(await box.getByTestId('regenerate-text').textContent(), /^Done: \d+ contacts \(100 %\)/);
    await shot(page, 'settings-regenerate-done');
    await box.screenshot({ path: path.join(artifactsDir, 'zz-settings-regenerate-box.png') });
  });
}

module.exports = { run };
