#!/usr/bin/env node
/**
 * Browser tests of the Marketing Setup admin screens (npm run test:e2e).
 * Built app, fresh SQLite database, first admin created with the CLI, headless Debian Chromium.
 * Screenshots of every screen go to tests/e2e/artifacts (gitignored).
 */
'use strict';

const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { artifactsDir, log, ensureChromium, startApp, http, launchBrowser, createRunner } = require('./harness');

const SETTINGS = '/admin/settings/marketing-setup/general';
const NO_SERIES = '/admin/settings/marketing-setup/no-series';
const TIMEOUT = 20000;

async function main() {
  fs.rmSync(artifactsDir, { recursive: true, force: true });
  fs.mkdirSync(artifactsDir, { recursive: true });
  ensureChromium();
  // A real IMAP server for the e-mail logging screens; the app reads its password from the environment.
  const dovecot = await require('../../scripts/lib/dovecot').startDovecot({ user: 'crm-e2e', password: 'e2e-imap-secret' });
  process.env.MARKETING_SETUP_IMAP_PASSWORD = dovecot.password;
  const app = await startApp();
  const { baseUrl, admin } = app;
  let browser;
  let activePage = null;
  const runner = createRunner({
    onFailure: async (name) => {
      if (activePage) await shot(activePage, `FAILED-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)}`);
    },
  });
  let shotNo = 0;
  /**
   * The admin scrolls inside a content container, so a "full page" screenshot would only show the
   * viewport: grow the viewport to the container's height for the shot, then restore it.
   */
  const shot = async (page, name) => {
    shotNo += 1;
    const file = path.join(artifactsDir, `${String(shotNo).padStart(2, '0')}-${name}.png`);
    const viewport = page.viewportSize();
    const extra = await page.evaluate(() => {
      let max = 0;
      for (const el of document.querySelectorAll('*')) {
        const overflow = getComputedStyle(el).overflowY;
        if ((overflow === 'auto' || overflow === 'scroll') && el.scrollHeight > el.clientHeight) {
          max = Math.max(max, el.scrollHeight - el.clientHeight);
        }
      }
      return max;
    });
    if (extra > 0) await page.setViewportSize({ width: viewport.width, height: Math.min(viewport.height + extra, 6000) });
    await page.waitForTimeout(150);
    await page.screenshot({ path: file, fullPage: true });
    if (extra > 0) await page.setViewportSize(viewport);
    log('screenshot', path.relative(process.cwd(), file));
  };

  try {
    /* ---------------------------------------------------------------- API set-up (as an API consumer) */
    const login = async (email, password) => {
      const res = await http(baseUrl, 'POST', '/admin/login', { body: { email, password } });
      assert.equal(res.status, 200, `admin login of ${email}: ${JSON.stringify(res.body)}`);
      return res.body.data.token;
    };
    const adminJwt = await login(admin.email, admin.password);
    const tokenRes = await http(baseUrl, 'POST', '/admin/api-tokens', {
      token: adminJwt,
      body: { name: 'e2e', description: 'e2e REST consumer', type: 'full-access', lifespan: null },
    });
    assert.equal(tokenRes.status, 201, JSON.stringify(tokenRes.body));
    const apiToken = tokenRes.body.data.accessKey;
    const rest = (method, url, body) => http(baseUrl, method, `/api/marketing-setup${url}`, { token: apiToken, body });
    const territory = await rest('POST', '/territories', { data: { code: 'NORTH', name: 'North region' } });
    assert.equal(territory.status, 201, JSON.stringify(territory.body));
    const restSetup = async () => {
      const res = await rest('GET', '/setup?populate=defaultTerritory');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.data;
    };

    /* ---------------------------------------------------------------- browser */
    browser = await launchBrowser();
    const newPage = async () => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT);
      page.on('pageerror', (err) => log('page error:', err.message));
      // A full page load with unsaved edits triggers the browser's beforeunload prompt: leave.
      page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
      return page;
    };
    const uiLogin = async (page, email, password) => {
      await page.goto(`${baseUrl}/admin/auth/login`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password*', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Login' }).click();
      await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: TIMEOUT });
      await dismissOverlays(page);
    };
    const page = await newPage();
    activePage = page;
    await uiLogin(page, admin.email, admin.password);

    const openSettings = async () => {
      await page.goto(baseUrl + SETTINGS);
      await page.getByTestId('section-duplicates').waitFor();
      await dismissOverlays(page);
    };
    const hitInput = () => page.getByTestId('field-searchHitPercent');
    const save = () => page.getByTestId('settings-save').click();
    const toggle = (name) => page.getByTestId(`field-${name}`);

    await runner.test('the settings link is in its own section and opens the page with all sections', async () => {
      await page.goto(`${baseUrl}/admin/settings`);
      const nav = page.getByRole('navigation');
      await nav.getByText('Marketing Setup', { exact: true }).first().waitFor();
      await nav.locator('a[href$="/settings/marketing-setup/general"]').click();
      await page.getByTestId('section-duplicates').waitFor();
      for (const id of ['inheritance', 'defaults', 'numbering', 'duplicates', 'email']) {
        assert.ok(await page.getByTestId(`section-${id}`).isVisible(), `section ${id} is visible`);
      }
      assert.equal(await page.getByTestId('section-inheritance').locator('input[type=checkbox]').count(), 7);
      await shot(page, 'settings-page');
    });

    await runner.test('search hit % 75 and a default territory are saved, survive a reload and are returned by REST', async () => {
      await openSettings();
      await hitInput().fill('75');
      await page.getByTestId('section-defaults').getByRole('combobox', { name: 'Territory' }).click();
      await page.getByRole('option', { name: 'NORTH – North region' }).click();
      await shot(page, 'settings-edited');
      await save();
      await page.getByText('The Marketing Setup was saved.').waitFor();
      await shot(page, 'settings-saved');
      await page.reload();
      await page.getByTestId('section-duplicates').waitFor();
      assert.equal(await hitInput().inputValue(), '75');
      const picked = await page.getByTestId('section-defaults').getByRole('combobox', { name: 'Territory' }).textContent();
      assert.match(picked, /NORTH/);
      const setup = await restSetup();
      assert.equal(setup.searchHitPercent, 75);
      assert.equal(setup.defaultTerritory?.code, 'NORTH');
    });

    await runner.test('search hit % 0 shows the inline error and saves nothing; leaving asks about unsaved changes', async () => {
      await openSettings();
      await hitInput().fill('0');
      await save();
      const message = 'Search Hit % must be a whole number from 1 to 100.';
      await page.getByTestId('section-duplicates').getByText(message).waitFor();
      await page.getByText('Nothing was saved. Correct the fields marked in red and save again.').waitFor();
      await shot(page, 'settings-hit-percent-error');
      assert.equal((await restSetup()).searchHitPercent, 75);
      // The unsaved-changes guard: navigating away asks first.
      await page.getByRole('navigation').getByRole('link', { name: 'Number series' }).click();
      const dialog = page.getByRole('alertdialog');
      await dialog.getByRole('button', { name: 'Confirm' }).waitFor();
      assert.match(await dialog.textContent(), /leave this page|unsaved changes/);
      await shot(page, 'settings-unsaved-guard');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      assert.ok(page.url().endsWith(SETTINGS), 'cancel keeps the page');
      assert.equal(await hitInput().inputValue(), '0');
    });

    await runner.test('duplicate switches: autosearch off keeps maintain on; maintain off turns autosearch off', async () => {
      await openSettings();
      assert.equal(await toggle('maintainDuplSearchStrings').isChecked(), true);
      assert.equal(await toggle('autosearchForDuplicates').isChecked(), true);
      await toggle('autosearchForDuplicates').click();
      assert.equal(await toggle('autosearchForDuplicates').isChecked(), false);
      assert.equal(await toggle('maintainDuplSearchStrings').isChecked(), true, 'maintain stays on');
      await toggle('autosearchForDuplicates').click();
      await toggle('maintainDuplSearchStrings').click();
      assert.equal(await toggle('maintainDuplSearchStrings').isChecked(), false);
      assert.equal(await toggle('autosearchForDuplicates').isChecked(), false, 'autosearch follows maintain off');
      await page.getByTestId('coupling-note').waitFor();
      await shot(page, 'settings-duplicates-coupling');
      await save();
      await page.getByText('The Marketing Setup was saved.').waitFor();
      const setup = await restSetup();
      assert.equal(setup.maintainDuplSearchStrings, false);
      assert.equal(setup.autosearchForDuplicates, false);
      // And back: autosearch on switches maintain on again (server and screen agree).
      await toggle('autosearchForDuplicates').click();
      assert.equal(await toggle('maintainDuplSearchStrings').isChecked(), true);
      // The first save's notice may still be on screen: wait for this save's own answer instead.
      const saved = page.waitForResponse((r) => r.url().endsWith('/marketing-setup/settings') && r.request().method() === 'PUT');
      await save();
      assert.equal((await saved).status(), 200);
      const after = await restSetup();
      assert.equal(after.maintainDuplSearchStrings, true);
      assert.equal(after.autosearchForDuplicates, true);
    });

    await runner.test('number series: create a series and a line, and see the next number', async () => {
      await page.goto(baseUrl + NO_SERIES);
      await page.getByTestId('series-create').click();
      await page.getByTestId('field-code').fill('cont');
      await page.getByTestId('field-description').fill('Contacts');
      await shot(page, 'no-series-create');
      await page.getByTestId('series-create-submit').click();
      await page.getByTestId('lines-empty').waitFor();
      assert.equal((await page.getByRole('heading', { level: 1 }).textContent()).trim(), 'CONT');
      await page.getByTestId('line-create').click();
      const form = page.getByTestId('line-form');
      await form.getByTestId('field-startingNo').fill('CT000001');
      await form.getByTestId('field-endingNo').fill('CT999999');
      await form.getByTestId('field-warningNo').fill('CT999900');
      await shot(page, 'no-series-line-create');
      await form.getByTestId('line-submit').click();
      await page.getByTestId('line-row-0').waitFor();
      assert.equal((await page.getByTestId('series-next-no').textContent()).trim(), 'CT000001');
      // Edit the line: after CT000041 was used, CT000042 is next.
      await page.getByTestId('line-row-0').getByRole('button', { name: 'Edit line' }).click();
      await page.getByTestId('line-form').getByTestId('field-lastNoUsed').fill('CT41');
      await page.getByTestId('line-form').getByTestId('line-submit').click();
      await page.getByText('The line was saved.').waitFor();
      await page.getByTestId('series-next-no').getByText('CT000042').waitFor();
      assert.match(await page.getByTestId('line-row-0').textContent(), /CT000041/, 'the number took the series format');
      await shot(page, 'no-series-detail');
      await page.goto(baseUrl + NO_SERIES);
      await page.getByTestId('series-row-CONT').waitFor();
      assert.match(await page.getByTestId('series-row-CONT').textContent(), /CT000042/);
      await shot(page, 'no-series-list');
      // The settings page shows the next number of the series it points to.
      await openSettings();
      await page.getByTestId('section-numbering').getByRole('combobox', { name: 'Contact numbers' }).click();
      await page.getByRole('option', { name: 'CONT – Contacts' }).click();
      await page.getByTestId('next-contactNos').getByText('CT000042').waitFor();
      await save();
      await page.getByText('The Marketing Setup was saved.').waitFor();
      await shot(page, 'settings-numbering');
    });

    await runner.test('an editor without the settings action sees only the Import link and gets 403 from the setup routes', async () => {
      const roles = await http(baseUrl, 'GET', '/admin/roles', { token: adminJwt });
      const editorRole = roles.body.data.find((r) => r.code === 'strapi-editor');
      assert.ok(editorRole, 'the default Editor role exists');
      // The actions are registered: a super admin can grant them to a role (Roles → Plugins).
      await page.goto(`${baseUrl}/admin/settings/roles/${editorRole.id}`);
      await page.getByRole('tab', { name: 'Plugins' }).click();
      await page.getByRole('tabpanel').getByText('Marketing setup', { exact: true }).first().click();
      for (const action of ['Read the Marketing Setup', 'Change the Marketing Setup and number series', 'Review duplicate contacts', 'Merge duplicate contacts']) {
        await page.getByRole('tabpanel').getByText(action).first().waitFor();
      }
      await page.getByRole('tabpanel').getByText('Merge duplicate contacts').first().scrollIntoViewIfNeeded();
      await shot(page, 'roles-plugin-actions');
      const editor = { email: 'editor@example.com', password: 'Editor12345!', firstname: 'Eddie', lastname: 'Editor' };
      const created = await http(baseUrl, 'POST', '/admin/users', {
        token: adminJwt,
        body: { firstname: editor.firstname, lastname: editor.lastname, email: editor.email, roles: [editorRole.id] },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const registered = await http(baseUrl, 'POST', '/admin/register', {
        body: {
          registrationToken: created.body.data.registrationToken,
          userInfo: { firstname: editor.firstname, lastname: editor.lastname, password: editor.password },
        },
      });
      assert.equal(registered.status, 200, JSON.stringify(registered.body));
      const editorJwt = await login(editor.email, editor.password);
      for (const [method, url, body] of [['GET', '/marketing-setup/settings'], ['PUT', '/marketing-setup/settings', { searchHitPercent: 50 }], ['GET', '/marketing-setup/no-series']]) {
        const res = await http(baseUrl, method, url, { token: editorJwt, body });
        assert.equal(res.status, 403, `${method} ${url} as editor → ${res.status}`);
      }
      assert.equal((await restSetup()).searchHitPercent, 75, 'nothing changed');

      const editorPage = await newPage();
      activePage = editorPage;
      try {
        await uiLogin(editorPage, editor.email, editor.password);
        await editorPage.goto(`${baseUrl}/admin/settings`);
        await editorPage.waitForLoadState('networkidle');
        await dismissOverlays(editorPage);
        assert.equal(await editorPage.getByRole('link', { name: 'Configuration' }).count(), 0, 'no Configuration link');
        // An editor may create and change contacts, so the Import page is offered; nothing of the setup is.
        const links = (await editorPage.locator('a[href*="/settings/marketing-setup/"]').allTextContents()).map((t) => t.trim());
        assert.deepEqual(links, ['Import'], `the editor's Marketing Setup links: ${links.join(', ')}`);
        await shot(editorPage, 'editor-settings-menu');
        await editorPage.goto(baseUrl + SETTINGS);
        await editorPage.waitForLoadState('networkidle');
        await editorPage.getByText("You don't have the permissions to access that content").waitFor();
        assert.equal(await editorPage.getByTestId('section-duplicates').count(), 0, 'the page is not shown');
        await shot(editorPage, 'editor-settings-page-direct');
      } finally {
        await editorPage.context().close();
        activePage = page;
      }
    });

    /* ---------------------------------------------------------------- contact edit view side panels */
    const CONTACT_UID = 'plugin::marketing-setup.contact';
    const contactView = (documentId) => `${baseUrl}/admin/content-manager/collection-types/${CONTACT_UID}/${documentId}`;
    const contacts = {};
    const restContact = async (documentId) => {
      const res = await rest('GET', `/contacts/${documentId}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.data;
    };
    const openContact = async (documentId, panelTestId) => {
      await page.goto(contactView(documentId));
      await page.locator('input[name="city"]').waitFor();
      await dismissOverlays(page);
      await page.getByTestId(panelTestId).waitFor();
    };
    /** Polls the edit view's city input (the form is filled in asynchronously after a refetch). */
    const waitForCity = (value) =>
      page.waitForFunction((v) => document.querySelector('input[name="city"]')?.value === v, value, { timeout: TIMEOUT });

    await runner.test('contact set-up over REST: Fabrikam (Gent) with Ann, and Bert who moved his city to Antwerpen', async () => {
      const company = await rest('POST', '/contacts', {
        data: { type: 'company', name: 'Fabrikam', address: 'Kerkstraat 1', postCode: '9000', city: 'Gent' },
      });
      assert.equal(company.status, 201, JSON.stringify(company.body));
      contacts.fabrikam = company.body.data.documentId;
      for (const [key, name] of [['ann', 'Ann Jacobs'], ['bert', 'Bert Peeters']]) {
        const person = await rest('POST', '/contacts', { data: { type: 'person', name, company: contacts.fabrikam } });
        assert.equal(person.status, 201, JSON.stringify(person.body));
        assert.equal(person.body.data.city, 'Gent', `${name} inherits the city`);
        contacts[key] = person.body.data.documentId;
      }
      const moved = await rest('PUT', `/contacts/${contacts.bert}`, { data: { city: 'Antwerpen' } });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      const bert = await restContact(contacts.bert);
      assert.equal(bert.city, 'Antwerpen');
      assert.deepEqual(bert.inheritanceOverrides, ['address']);
      // The panel's admin route needs an admin session.
      const anonymous = await http(baseUrl, 'GET', `/marketing-setup/contacts/${contacts.bert}/inheritance`);
      assert.equal(anonymous.status, 401, `without a session → ${anonymous.status}`);
    });

    await runner.test('the panel routes follow the content-manager permissions on contacts (read: overview, update: reset)', async () => {
      const role = await http(baseUrl, 'POST', '/admin/roles', {
        token: adminJwt,
        body: { name: 'Contact reader', description: 'e2e: may only read contacts' },
      });
      assert.equal(role.status, 201, JSON.stringify(role.body));
      const reader = { email: 'reader@example.com', password: 'Reader12345!', firstname: 'Rita', lastname: 'Reader' };
      const created = await http(baseUrl, 'POST', '/admin/users', {
        token: adminJwt,
        body: { firstname: reader.firstname, lastname: reader.lastname, email: reader.email, roles: [role.body.data.id] },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const registered = await http(baseUrl, 'POST', '/admin/register', {
        body: {
          registrationToken: created.body.data.registrationToken,
          userInfo: { firstname: reader.firstname, lastname: reader.lastname, password: reader.password },
        },
      });
      assert.equal(registered.status, 200, JSON.stringify(registered.body));
      const readerJwt = await login(reader.email, reader.password);
      const asReader = (method, url, body) => http(baseUrl, method, `/marketing-setup/contacts/${contacts.bert}${url}`, { token: readerJwt, body });
      // No permissions yet: nothing.
      assert.equal((await asReader('GET', '/inheritance')).status, 403);
      // Content Manager "read" on contacts: the overview and the preview, but no reset.
      const granted = await http(baseUrl, 'PUT', `/admin/roles/${role.body.data.id}/permissions`, {
        token: adminJwt,
        body: { permissions: [{ action: 'plugin::content-manager.explorer.read', subject: CONTACT_UID, properties: { fields: ['name', 'city'] }, conditions: [] }] },
      });
      assert.equal(granted.status, 200, JSON.stringify(granted.body));
      const overview = await asReader('GET', '/inheritance');
      assert.equal(overview.status, 200, JSON.stringify(overview.body));
      assert.deepEqual(overview.body.data.overrides, ['address']);
      assert.equal(overview.body.data.company.documentId, contacts.fabrikam);
      const preview = await http(baseUrl, 'POST', `/marketing-setup/contacts/${contacts.fabrikam}/propagation-preview`, {
        token: readerJwt, body: { data: { city: 'Brugge' } },
      });
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.deepEqual(preview.body.data.map((p) => p.documentId), [contacts.ann], 'only Ann inherits the address');
      assert.equal((await asReader('POST', '/reset-inheritance', { fields: ['city'] })).status, 403);
      assert.deepEqual((await restContact(contacts.bert)).inheritanceOverrides, ['address'], 'nothing was reset');
    });

    await runner.test("a company's edit view counts its persons and previews which of them an edit would change", async () => {
      await openContact(contacts.fabrikam, 'persons-panel');
      assert.equal(await page.getByTestId('inheritance-panel').count(), 0, 'no inheritance panel on a company');
      await page.getByTestId('persons-count').getByText('2 persons work for this company.').waitFor();
      await page.locator('input[name="city"]').fill('Brugge');
      const preview = page.getByTestId('persons-preview');
      await preview.getByTestId('persons-preview-summary').getByText('Saving will change 1 person of 2:').waitFor();
      await preview.getByTestId(`persons-preview-${contacts.ann}`).getByText('City').waitFor();
      assert.equal(await preview.getByTestId(`persons-preview-${contacts.bert}`).count(), 0, 'Bert set his address by hand');
      await preview.getByTestId('persons-preview-kept').getByText('1 other person keeps the values set by hand.').waitFor();
      await page.getByTestId('persons-panel').scrollIntoViewIfNeeded();
      await shot(page, 'contact-company-persons-preview');
      // Nothing was saved: leave without saving (the full navigation's beforeunload prompt is accepted).
      assert.equal((await restContact(contacts.fabrikam)).city, 'Gent');
      assert.equal((await restContact(contacts.ann)).city, 'Gent');
    });

    await runner.test("a person's edit view shows the overridden address, and reset brings back the company's city", async () => {
      await openContact(contacts.bert, 'inheritance-panel');
      assert.equal(await page.getByTestId('persons-panel').count(), 0, 'no persons panel on a person');
      await waitForCity('Antwerpen');
      const panel = page.getByTestId('inheritance-panel');
      assert.match(await page.getByTestId('inheritance-company').textContent(), /Fabrikam/);
      const address = panel.getByTestId('inheritance-key-address');
      assert.equal(await address.getAttribute('data-state'), 'overridden');
      assert.match(await address.textContent(), /Overridden/);
      assert.equal((await address.getByTestId('value-company').textContent()).trim(), 'Kerkstraat 1, 9000 Gent');
      assert.equal((await address.getByTestId('value-person').textContent()).trim(), 'Kerkstraat 1, 9000 Antwerpen');
      assert.equal(await panel.getByTestId('inheritance-key-salesperson').getAttribute('data-state'), 'inherited');
      assert.equal(await panel.locator('[data-state="overridden"]').count(), 1, 'only the address is overridden');
      await panel.getByTestId('inheritance-reset-all').waitFor();
      await panel.scrollIntoViewIfNeeded();
      await shot(page, 'contact-person-inheritance-overridden');
      // With unsaved edits in the form a reset (which reloads the document) is held back.
      await page.locator('input[name="jobTitle"]').fill('Buyer');
      await panel.getByTestId('inheritance-unsaved').waitFor();
      assert.equal(await address.getByTestId('inheritance-reset-address').isDisabled(), true, 'reset waits for save/discard');
      await page.reload();
      await page.getByTestId('inheritance-panel').waitFor();
      await waitForCity('Antwerpen');
      assert.equal(await address.getByTestId('inheritance-reset-address').isDisabled(), false);

      await address.getByTestId('inheritance-reset-address').click();
      await page.getByText('The company value was restored.').first().waitFor();
      // The edit view reloaded the document: the form shows the company's city, and nothing is unsaved.
      await waitForCity('Gent');
      await page.waitForFunction(() => document.querySelector('[data-testid="inheritance-key-address"]')?.getAttribute('data-state') === 'inherited');
      assert.equal((await address.getByTestId('value-person').textContent()).trim(), 'Kerkstraat 1, 9000 Gent');
      assert.equal(await panel.getByTestId('inheritance-reset-all').count(), 0, 'nothing left to reset');
      assert.match(await panel.getByTestId('inheritance-summary').textContent(), /Every field is inherited/);
      await shot(page, 'contact-person-inheritance-reset');
      const bert = await restContact(contacts.bert);
      assert.equal(bert.city, 'Gent');
      assert.deepEqual(bert.inheritanceOverrides ?? [], []);
      // A reload shows the same (the form was not only patched in the browser).
      await page.reload();
      await page.locator('input[name="city"]').waitFor();
      await waitForCity('Gent');
    });

    await runner.test('"Reset all" asks first, then gives a person every company value back', async () => {
      const changed = await rest('PUT', `/contacts/${contacts.bert}`, { data: { city: 'Mechelen', phoneNo: '+32 3 123 45 67' } });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.deepEqual((await restContact(contacts.bert)).inheritanceOverrides, ['address', 'phoneNo']);
      await openContact(contacts.bert, 'inheritance-panel');
      await waitForCity('Mechelen');
      const panel = page.getByTestId('inheritance-panel');
      assert.equal(await panel.locator('[data-state="overridden"]').count(), 2);
      await panel.getByTestId('inheritance-reset-all').click();
      const dialog = page.getByRole('alertdialog');
      await dialog.getByText('The 2 fields set by hand will take the values of').waitFor();
      await shot(page, 'contact-person-reset-all-confirm');
      await dialog.getByRole('button', { name: 'Confirm' }).click();
      await page.getByText('All fields have the company values again.').first().waitFor();
      await waitForCity('Gent');
      await page.waitForFunction(() => document.querySelector('input[name="phoneNo"]')?.value === '');
      assert.equal(await panel.locator('[data-state="overridden"]').count(), 0);
      const bert = await restContact(contacts.bert);
      assert.equal(bert.city, 'Gent');
      assert.equal(bert.phoneNo, null);
      assert.deepEqual(bert.inheritanceOverrides ?? [], []);
    });

    await require('./cases/duplicates').run({ page, baseUrl, rest, runner, shot, dismissOverlays });
    await require('./cases/interactions').run({
      page, baseUrl, runner, shot, rest, http, contacts, openContact, dismissOverlays, newPage, uiLogin, login,
      api: (method, url, body) => http(baseUrl, method, `/api${url}`, { token: apiToken, body }),
      admin: (method, url, body) => http(baseUrl, method, url, { token: adminJwt, body }),
    });
    await require('./cases/email-logging').run({
      page, baseUrl, runner, shot, rest, dovecot, dismissOverlays,
      admin: (method, url, body) => http(baseUrl, method, url, { token: adminJwt, body }),
    });

    await require('./cases/contact-form').run({ page, baseUrl, rest, runner, shot, dismissOverlays });
    await require('./cases/import').run({
      page, baseUrl, rest, runner, shot, dismissOverlays,
      admin: (method, url, body) => http(baseUrl, method, url, { token: adminJwt, body }),
    });

    await runner.test('switching the admin to Dutch shows Dutch labels', async () => {
      await page.goto(`${baseUrl}/admin/me`);
      await page.getByRole('combobox', { name: 'Interface language' }).click();
      await page.getByRole('option', { name: 'Nederlands' }).click();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForTimeout(500);
      await openSettings();
      await page.getByRole('heading', { name: 'Marketinginstellingen', level: 1 }).waitFor();
      for (const label of ['Overerving', 'Standaardwaarden', 'Nummering', 'Duplicaten', 'E-mailregistratie']) {
        await page.getByRole('heading', { name: label }).waitFor();
      }
      await page.getByText('Zoekreeksen bijhouden', { exact: true }).waitFor();
      await shot(page, 'settings-dutch');
      await page.goto(baseUrl + NO_SERIES);
      await page.getByRole('heading', { name: 'Nummerreeksen', level: 1 }).waitFor();
      await shot(page, 'no-series-dutch');
    });

    await runner.test('the contact side panels are in Dutch too', async () => {
      assert.ok(contacts.bert && contacts.fabrikam, 'the contacts were created');
      await openContact(contacts.bert, 'inheritance-panel');
      await page.getByRole('heading', { name: 'Overerving' }).waitFor();
      await page.getByTestId('inheritance-key-address').getByText('Overgenomen').waitFor();
      await page.getByTestId('inheritance-summary').getByText('Elk veld wordt overgenomen.').waitFor();
      await shot(page, 'contact-person-inheritance-dutch');
      // The Content Manager's captions and choices in Dutch too.
      for (const label of ['Nr.', 'Naam 2', 'Zoeknaam', 'Functie', 'Postcode', 'Plaats', 'Telefoonnr.', 'Btw-nummer']) {
        await page.locator('label').getByText(label, { exact: true }).first().waitFor();
      }
      await page.getByRole('combobox', { name: /^Soort/ }).getByText('Persoon').waitFor();
      await shot(page, 'contact-person-edit-view-dutch');
      await openContact(contacts.fabrikam, 'persons-panel');
      await page.getByRole('heading', { name: 'Personen' }).waitFor();
      await page.getByTestId('persons-count').getByText('Er werken 2 personen voor dit bedrijf.').waitFor();
      await shot(page, 'contact-company-persons-dutch');
    });
  } catch (err) {
    runner.results.push({ name: 'set-up', ok: false, err });
    console.log('  ✗ set-up\n   ', err && err.stack ? err.stack : err);
  } finally {
    if (browser) await browser.close().catch(() => {});
    await app.stop();
    await dovecot.destroy();
  }

  const passed = runner.results.filter((r) => r.ok).length;
  const failed = runner.results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

/** Closes first-run dialogs, tours and Strapi's announcement banner that may cover the page. */
async function dismissOverlays(page) {
  const banner = page.getByRole('button', { name: 'Close the banner.' });
  if (await banner.count()) await banner.first().click().catch(() => {});
  for (let i = 0; i < 3; i += 1) {
    const dialog = page.getByRole('dialog');
    if (!(await dialog.count())) return;
    const close = dialog.getByRole('button', { name: /close|skip|dismiss|later/i }).first();
    if (await close.count()) await close.click().catch(() => {});
    else await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
  }
}

main().catch((err) => {
  console.error(err);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
