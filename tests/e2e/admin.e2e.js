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
      await save();
      await page.getByText('The Marketing Setup was saved.').first().waitFor();
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

    await runner.test('an editor without the settings action sees no link and gets 403 from the route', async () => {
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
      await uiLogin(editorPage, editor.email, editor.password);
      await editorPage.goto(`${baseUrl}/admin/settings`);
      await editorPage.waitForLoadState('networkidle');
      await dismissOverlays(editorPage);
      assert.equal(await editorPage.getByRole('link', { name: 'Configuration' }).count(), 0, 'no Configuration link');
      assert.equal(await editorPage.getByText('Marketing Setup', { exact: true }).count(), 0, 'no Marketing Setup section');
      await shot(editorPage, 'editor-settings-menu');
      await editorPage.goto(baseUrl + SETTINGS);
      await editorPage.waitForLoadState('networkidle');
      await editorPage.getByText("You don't have the permissions to access that content").waitFor();
      assert.equal(await editorPage.getByTestId('section-duplicates').count(), 0, 'the page is not shown');
      await shot(editorPage, 'editor-settings-page-direct');
      await editorPage.context().close();
      activePage = page;
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
  } catch (err) {
    runner.results.push({ name: 'set-up', ok: false, err });
    console.log('  ✗ set-up\n   ', err && err.stack ? err.stack : err);
  } finally {
    if (browser) await browser.close().catch(() => {});
    await app.stop();
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
