'use strict';
/**
 * Browser tests of the interaction screens: the settings section "Interactions" (template per document
 * kind), the auto-recording rules screen and the contact's Interactions side panel, in English and Dutch.
 * Called from admin.e2e.js with what it has in scope (see run's parameter).
 */
const assert = require('node:assert/strict');

const SETTINGS = '/admin/settings/marketing-setup/general';
const RULES = '/admin/settings/marketing-setup/interaction-rules';
const INVOICE = 'api::sales-invoice.sales-invoice';
const QUOTE = 'api::sales-quote.sales-quote';
const ORDER = 'api::purchase-order.purchase-order';

/**
 * @param {{ page, baseUrl, runner, shot, rest, api, admin, http, contacts, openContact, dismissOverlays, newPage, uiLogin, login }} ctx
 *   rest / api / admin: (method, url, body?) => { status, body } against /api/marketing-setup, /api (API
 *   token) and the admin routes (admin JWT); contacts: documentIds of fabrikam and its person ann.
 */
async function run(ctx) {
  const { page, baseUrl, runner, shot, rest, api, admin, contacts, openContact, dismissOverlays } = ctx;
  const templates = {};
  /** The admin's interface language, set on the profile page (labels in the current language). */
  const setLanguage = async (language) => {
    await page.goto(`${baseUrl}/admin/me`);
    await page.getByRole('combobox', { name: /Interface language|Interfacetaal/ }).click();
    await page.getByRole('option', { name: language }).click();
    await page.getByRole('button', { name: /^(Save|Bewaar)$/ }).click();
    await page.waitForTimeout(500);
  };
  const openSettings = async () => {
    await page.goto(baseUrl + SETTINGS);
    await page.getByTestId('section-interactions').waitFor();
    await dismissOverlays(page);
  };
  const openRules = async () => {
    await page.goto(baseUrl + RULES);
    await page.getByTestId('rules-explainer').waitFor();
    await dismissOverlays(page);
  };
  const section = () => page.getByTestId('section-interactions');
  const form = () => page.getByTestId('rule-form');
  /** Picks an option of a labelled select inside `scope`. */
  const pick = async (scope, label, option) => {
    await scope.getByRole('combobox', { name: label, exact: true }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };
  const rules = async () => {
    const res = await admin('GET', '/marketing-setup/interaction-rules');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.data;
  };

  await runner.test('interactions set-up over REST: a group and the templates S_QUOTE, S_INVOICE and CALL', async () => {
    const group = await rest('POST', '/interaction-groups', { data: { code: 'SALES', description: 'Sales' } });
    assert.equal(group.status, 201, JSON.stringify(group.body));
    for (const [code, description] of [['S_QUOTE', 'Sales quote sent'], ['S_INVOICE', 'Sales invoice sent'], ['CALL', 'Phone call']]) {
      const res = await rest('POST', '/interaction-templates', {
        data: { code, description, interactionGroup: group.body.data.documentId, informationFlow: 'outbound', initiatedBy: 'us' },
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      templates[code] = res.body.data.documentId;
    }
  });

  await runner.test('settings "Interactions": the sales-quote template is saved and survives a reload; other kinds stay "Do not record"', async () => {
    await openSettings();
    assert.equal(await section().getByRole('combobox').count(), 25, 'one picker per document kind');
    assert.match(await section().getByRole('combobox', { name: 'Sales quotes', exact: true }).textContent(), /Do not record/);
    await section().getByText('Recorded when a sales quote is sent to a contact.').waitFor();
    await pick(section(), 'Sales quotes', 'S_QUOTE – Sales quote sent');
    await section().scrollIntoViewIfNeeded();
    await shot(page, 'interactions-settings-edited');
    await page.getByTestId('settings-save').click();
    await page.getByText('The Marketing Setup was saved.').first().waitFor();
    await page.reload();
    await section().waitFor();
    assert.match(await section().getByRole('combobox', { name: 'Sales quotes', exact: true }).textContent(), /S_QUOTE/);
    assert.match(await section().getByRole('combobox', { name: 'Sales invoices', exact: true }).textContent(), /Do not record/);
    assert.equal(await page.getByTestId('settings-save').isDisabled(), true, 'nothing unsaved after the reload');
    const setup = await admin('GET', '/marketing-setup/interaction-template-setup');
    assert.equal(setup.body.data.salesQuotes?.code, 'S_QUOTE');
    assert.equal(setup.body.data.salesInvoices, null);
    await section().scrollIntoViewIfNeeded();
    await shot(page, 'interactions-settings-saved');
  });

  await runner.test('settings "Interactions": an unsaved template choice is covered by the unsaved-changes guard', async () => {
    await openSettings();
    await pick(section(), 'Sales invoices', 'S_INVOICE – Sales invoice sent');
    assert.equal(await page.getByTestId('settings-save').isDisabled(), false);
    await page.getByRole('navigation').getByRole('link', { name: 'Number series' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('button', { name: 'Confirm' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.ok(page.url().endsWith(SETTINGS), 'cancel keeps the page');
    // Back to "Do not record" with the blank choice: nothing left to save.
    await pick(section(), 'Sales invoices', 'Do not record');
    assert.equal(await page.getByTestId('settings-save').isDisabled(), true);
  });

  await runner.test('settings "Interactions": a template deleted meanwhile gets the server message under its picker, nothing is saved', async () => {
    const gone = await rest('POST', '/interaction-templates', { data: { code: 'GONE', description: 'Gone soon', informationFlow: 'outbound' } });
    assert.equal(gone.status, 201, JSON.stringify(gone.body));
    await openSettings();
    await pick(section(), 'Outgoing calls', 'GONE – Gone soon');
    assert.equal((await rest('DELETE', `/interaction-templates/${gone.body.data.documentId}`)).status, 204);
    await page.getByTestId('settings-save').click();
    await section().getByText(`No interaction template ${gone.body.data.documentId}.`).waitFor();
    await page.getByText('Nothing was saved. Correct the fields marked in red and save again.').first().waitFor();
    await section().getByRole('combobox', { name: 'Outgoing calls', exact: true }).scrollIntoViewIfNeeded();
    await shot(page, 'interactions-settings-error');
    const setup = await admin('GET', '/marketing-setup/interaction-template-setup');
    assert.equal(setup.body.data.outgoingCalls, null);
    assert.equal(setup.body.data.salesQuotes?.code, 'S_QUOTE', 'the saved choice stays');
    // Choosing again clears the message; "Do not record" leaves nothing to save.
    await pick(section(), 'Outgoing calls', 'Do not record');
    assert.equal(await section().getByText(`No interaction template ${gone.body.data.documentId}.`).count(), 0);
    assert.equal(await page.getByTestId('settings-save').isDisabled(), true);
  });

  await runner.test('rules screen: the default rules are listed; deleting one asks first', async () => {
    await openRules();
    for (const uid of [QUOTE, INVOICE, ORDER]) await page.getByTestId(`rule-row-${uid}`).waitFor();
    assert.match(await page.getByTestId(`rule-row-${INVOICE}`).textContent(), /Sales Invoice.*Created.*Template for Sales invoices.*customer/);
    await shot(page, 'interaction-rules-list');
    await page.getByTestId(`rule-row-${INVOICE}`).getByRole('button', { name: 'Delete rule' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Delete the rule for Sales Invoice?').waitFor();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('The rule was deleted.').first().waitFor();
    await page.getByTestId(`rule-row-${INVOICE}`).waitFor({ state: 'detached' });
    assert.equal((await rules()).some((r) => r.contentType === INVOICE), false);
  });

  await runner.test('rules screen: a rule for sales invoices is created through the form (template, contact person, number, description)', async () => {
    await openRules();
    await page.getByTestId('rule-create').click();
    await form().getByText('Pick a record type first').first().waitFor();
    await pick(form(), 'Record type', 'Sales Invoice');
    assert.equal(await form().getByTestId('event-create').getAttribute('data-state'), 'checked', 'created is the default event');
    assert.equal(await form().getByTestId('event-publish').count(), 0, 'no "published" for a type without drafts');
    await pick(form(), 'Template', 'S_INVOICE – Sales invoice sent');
    await pick(form(), 'Contact field', 'contactPerson');
    await pick(form(), 'Document number field', 'number');
    await pick(form(), 'Description field', 'description');
    await shot(page, 'interaction-rules-create');
    await form().getByTestId('rule-submit').click();
    await page.getByText('The rule was saved.').first().waitFor();
    await page.getByTestId(`rule-row-${INVOICE}`).waitFor();
    assert.match(await page.getByTestId(`rule-row-${INVOICE}`).textContent(), /S_INVOICE – Sales invoice sent.*contactPerson/);
    const rule = (await rules()).find((r) => r.contentType === INVOICE);
    assert.deepEqual(
      [rule.events, rule.interactionTemplate?.code, rule.documentKind, rule.contactField, rule.documentNoField, rule.descriptionField, rule.required, rule.enabled],
      [['create'], 'S_INVOICE', null, 'contactPerson', 'number', 'description', false, true],
    );
    await shot(page, 'interaction-rules-list-after-create');
  });

  await runner.test('rules screen: a rule without a contact field shows the server message under the field and saves nothing', async () => {
    const before = (await rules()).length;
    await openRules();
    await page.getByTestId('rule-create').click();
    await pick(form(), 'Record type', 'Purchase Order');
    await form().getByTestId('event-publish').waitFor(); // a draft & publish type offers "Published"
    await pick(form(), 'Template', 'CALL – Phone call');
    await form().getByTestId('rule-submit').click();
    await form().getByText('Choose the field that holds the contact, customer or vendor.').waitFor();
    await shot(page, 'interaction-rules-missing-field');
    assert.equal((await rules()).length, before, 'nothing was saved');
    // Picking a field clears its message.
    await pick(form(), 'Contact field', 'vendor');
    assert.equal(await form().getByText('Choose the field that holds the contact, customer or vendor.').count(), 0);
    await form().getByRole('button', { name: 'Cancel' }).click();
    await form().waitFor({ state: 'detached' });
  });

  await runner.test("a sales invoice created over REST shows in the person's and the company's Interactions panel", async () => {
    const invoice = await api('POST', '/sales-invoices', { data: { number: 'SI-1001', contactPerson: contacts.ann, description: 'Printers, May' } });
    assert.equal(invoice.status, 201, JSON.stringify(invoice.body));
    await openContact(contacts.ann, 'interactions-panel');
    const panel = page.getByTestId('interactions-panel');
    await panel.getByTestId('interactions-count').getByText('1 interaction, newest first.').waitFor();
    assert.match(await panel.getByTestId('interaction-what').first().textContent(), /S_INVOICE · Printers, May/);
    assert.equal((await panel.getByTestId('interaction-document').first().textContent()).trim(), 'SI-1001');
    assert.equal((await panel.getByTestId('interaction-direction').first().textContent()).trim(), 'Outbound');
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'contact-person-interactions');

    // The company's timeline holds its persons' entries; a failed call logged for the company comes first.
    const call = await rest('POST', '/interactions', {
      contact: contacts.fabrikam, template: 'CALL', description: 'No answer', attemptFailed: true, date: '2099-01-02', time: '10:30',
    });
    assert.equal(call.status, 201, JSON.stringify(call.body));
    await openContact(contacts.fabrikam, 'interactions-panel');
    await panel.getByTestId('interactions-count').getByText('2 interactions, newest first.').waitFor();
    const whats = await panel.getByTestId('interaction-what').allTextContents();
    assert.deepEqual(whats, ['CALL · No answer', 'S_INVOICE · Printers, May'], 'newest first');
    assert.equal(await panel.getByTestId('interaction-failed').count(), 1);
    assert.match(await panel.getByTestId('interaction-contact').first().textContent(), /With .*Ann Jacobs/);
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'contact-company-interactions');
  });

  await runner.test('the Interactions panel pages through a long timeline (5 per page)', async () => {
    for (let day = 1; day <= 5; day += 1) {
      const res = await rest('POST', '/interactions', { contact: contacts.fabrikam, template: 'CALL', description: `Call ${day}`, date: `2098-03-0${day}` });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
    await openContact(contacts.fabrikam, 'interactions-panel');
    const panel = page.getByTestId('interactions-panel');
    await panel.getByTestId('interactions-count').getByText('7 interactions, newest first.').waitFor();
    assert.equal((await panel.getByTestId('interactions-page').textContent()).trim(), '1 of 2');
    assert.equal(await panel.getByTestId('interactions-newer').isDisabled(), true);
    assert.deepEqual(await panel.getByTestId('interaction-what').allTextContents(), [
      'CALL · No answer', 'CALL · Call 5', 'CALL · Call 4', 'CALL · Call 3', 'CALL · Call 2',
    ]);
    await panel.getByTestId('interactions-older').click();
    await panel.getByTestId('interactions-page').getByText('2 of 2').waitFor();
    assert.deepEqual(await panel.getByTestId('interaction-what').allTextContents(), ['CALL · Call 1', 'S_INVOICE · Printers, May']);
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'contact-company-interactions-page-2');
  });

  await runner.test('a role with only "Read the Marketing Setup" sees the interaction screens but cannot change them', async () => {
    const role = await admin('POST', '/admin/roles', { name: 'Settings reader', description: 'e2e: may only read the Marketing Setup' });
    assert.equal(role.status, 201, JSON.stringify(role.body));
    const granted = await admin('PUT', `/admin/roles/${role.body.data.id}/permissions`, {
      permissions: [{ action: 'plugin::marketing-setup.settings.read', subject: null, properties: {}, conditions: [] }],
    });
    assert.equal(granted.status, 200, JSON.stringify(granted.body));
    const reader = await createAdmin(ctx, role.body.data.id, { email: 'settings-reader@example.com', password: 'Reader12345!', firstname: 'Sam', lastname: 'Reader' });
    for (const [method, url, body] of [
      ['PUT', '/marketing-setup/interaction-template-setup', { salesQuotes: null }],
      ['POST', '/marketing-setup/interaction-rules', { contentType: QUOTE, events: ['create'], documentKind: 'salesQuotes', contactField: 'customer' }],
    ]) {
      const res = await ctx.http(baseUrl, method, url, { token: reader.jwt, body });
      assert.equal(res.status, 403, `${method} ${url} as reader → ${res.status}`);
    }
    assert.equal((await ctx.http(baseUrl, 'GET', '/marketing-setup/interaction-rules', { token: reader.jwt })).status, 200);

    const readerPage = await ctx.newPage();
    try {
      await ctx.uiLogin(readerPage, reader.email, reader.password);
      await readerPage.goto(baseUrl + SETTINGS);
      const readOnlySection = readerPage.getByTestId('section-interactions');
      await readOnlySection.waitFor();
      await dismissOverlays(readerPage);
      assert.equal(await readOnlySection.getByRole('combobox', { name: 'Sales quotes', exact: true }).isDisabled(), true, 'the pickers are read-only');
      await readerPage.goto(baseUrl + RULES);
      await readerPage.getByTestId(`rule-row-${INVOICE}`).waitFor();
      assert.equal(await readerPage.getByTestId('rule-create').count(), 0, 'no "New rule"');
      assert.equal(await readerPage.getByRole('button', { name: 'Delete rule' }).count(), 0, 'no delete');
      await readerPage.getByTestId(`rule-row-${INVOICE}`).getByRole('button', { name: 'Show rule' }).click();
      const readOnlyForm = readerPage.getByTestId('rule-form');
      await readOnlyForm.waitFor();
      assert.equal(await readOnlyForm.getByRole('combobox', { name: 'Contact field', exact: true }).isDisabled(), true);
      assert.equal(await readOnlyForm.getByTestId('rule-submit').count(), 0, 'nothing to save');
      await shot(readerPage, 'interaction-rules-read-only');
    } finally {
      await readerPage.context().close();
    }
  });

  await runner.test('the Dutch admin shows the interaction screens in Dutch', async () => {
    await setLanguage('Nederlands');
    try {
      await openSettings();
      await section().getByRole('heading', { name: 'Interacties' }).waitFor();
      await section().getByText('Verkoopoffertes', { exact: true }).waitFor();
      await section().getByText('Geregistreerd wanneer een verkoopofferte naar een contact wordt gestuurd.').waitFor();
      assert.match(await section().getByRole('combobox', { name: 'Verkoopfacturen', exact: true }).textContent(), /Niet registreren/);
      await section().scrollIntoViewIfNeeded();
      await shot(page, 'interactions-settings-dutch');
      await openRules();
      await page.getByRole('heading', { name: 'Regels voor automatisch registreren', level: 1 }).waitFor();
      await page.getByTestId(`rule-row-${QUOTE}`).getByText('Aangemaakt').waitFor();
      await page.getByTestId('rule-create').click();
      await form().getByText('Recordtype', { exact: true }).waitFor();
      await form().getByText('Contactveld', { exact: true }).waitFor();
      await shot(page, 'interaction-rules-dutch');
      await form().getByRole('button', { name: 'Annuleren' }).click();
      await openContact(contacts.fabrikam, 'interactions-panel');
      await page.getByRole('heading', { name: 'Interacties' }).waitFor();
      await page.getByTestId('interactions-count').getByText('7 interacties, nieuwste eerst.').waitFor();
      await page.getByTestId('interaction-failed').getByText('Poging mislukt').waitFor();
      await page.getByTestId('interactions-panel').scrollIntoViewIfNeeded();
      await shot(page, 'contact-company-interactions-dutch');
    } finally {
      await setLanguage('English');
    }
  });
}

/** An admin user with one role, registered and logged in over the admin API: { email, password, jwt }. */
async function createAdmin({ admin, http, baseUrl, login }, roleId, user) {
  const created = await admin('POST', '/admin/users', { firstname: user.firstname, lastname: user.lastname, email: user.email, roles: [roleId] });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const registered = await http(baseUrl, 'POST', '/admin/register', {
    body: {
      registrationToken: created.body.data.registrationToken,
      userInfo: { firstname: user.firstname, lastname: user.lastname, password: user.password },
    },
  });
  assert.equal(registered.status, 200, JSON.stringify(registered.body));
  return { ...user, jwt: await login(user.email, user.password) };
}

module.exports = { run, createAdmin };
