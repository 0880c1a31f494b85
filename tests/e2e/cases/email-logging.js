'use strict';
/**
 * Browser tests of e-mail logging: the settings section (IMAP fields, Test connection against a real
 * Dovecot, Check now with the run's counts) and the Unmatched e-mails screen (create contact, link, ignore).
 * Called from admin.e2e.js, which started `dovecot` (scripts/lib/dovecot.js) and gave the app its password.
 */
const assert = require('node:assert/strict');
const { rawMessage } = require('../../../scripts/lib/dovecot');

const SETTINGS = '/admin/settings/marketing-setup/general';
const REVIEW = '/admin/settings/marketing-setup/email-review';
const QUEUE = 'CRM Queue';
const STORAGE = 'CRM Logged';

async function run({ page, baseUrl, runner, shot, rest, admin, dovecot, dismissOverlays }) {
  let n = 0;
  const mail = (m) => rawMessage({ messageId: `e2e-${++n}-${Date.now()}@test`, date: '2025-05-06T10:20:00Z', ...m });
  const panel = () => page.getByTestId('email-logging-panel');
  const folders = async () => {
    const client = await dovecot.client();
    try {
      return (await client.list()).map((f) => f.path).sort();
    } finally {
      await client.logout();
    }
  };

  await runner.test('e-mail logging set-up: IMAP fields saved, Test connection reports missing folders and creates them only when asked', async () => {
    const contact = await rest('POST', '/contacts', { data: { type: 'company', name: 'Mailtest NV', email: 'info@mailtest.example.org' } });
    assert.equal(contact.status, 201, JSON.stringify(contact.body));
    const template = await rest('POST', '/interaction-templates', { data: { code: 'EMAIL', description: 'E-mail', correspondenceType: 'email' } });
    assert.equal(template.status, 201, JSON.stringify(template.body));
    const setup = await admin('PUT', '/marketing-setup/interaction-template-setup', { emails: template.body.data.documentId });
    assert.equal(setup.status, 200, JSON.stringify(setup.body));

    await page.goto(baseUrl + SETTINGS);
    await panel().waitFor();
    await dismissOverlays(page);
    const fill = async (name, value) => page.getByTestId(`field-${name}`).fill(String(value));
    const setToggle = async (name, on) => {
      if ((await page.getByTestId(`field-${name}`).isChecked()) !== on) await page.getByTestId(`field-${name}`).click();
      assert.equal(await page.getByTestId(`field-${name}`).isChecked(), on);
    };
    await setToggle('emailLoggingEnabled', true);
    await fill('emailImapHost', '127.0.0.1');
    await fill('emailImapPort', dovecot.port);
    await setToggle('emailImapTls', false);
    await fill('emailImapUser', dovecot.user);
    await fill('emailOurDomains', 'cronus.example.com');
    await fill('emailQueueFolder', QUEUE);
    await fill('emailStorageFolder', STORAGE);
    const result = page.getByTestId('email-test-result');
    const where = `127.0.0.1:${dovecot.port}`;
    // A fresh mailbox has neither folder: Test connection says so and creates nothing.
    await page.getByTestId('email-test-connection').click();
    await result.filter({ hasText: `The folder "CRM Queue" does not exist on ${where}.` }).waitFor();
    assert.match(await result.innerText(), /The folder "CRM Logged" does not exist/);
    assert.deepEqual(await folders(), ['INBOX']);
    await shot(page, 'email-logging-test-missing-folders');
    // Created only by the explicit choice.
    const create = page.getByTestId('email-create-folders');
    assert.equal(await create.innerText(), 'Create missing folders ("CRM Queue", "CRM Logged")');
    await create.click();
    await result.filter({ hasText: 'Connected to' }).waitFor();
    const text = await result.innerText();
    assert.match(text, new RegExp(`Connected to 127\\.0\\.0\\.1:${dovecot.port}\\.`));
    assert.match(text, /Created: CRM Queue, CRM Logged\./);
    assert.match(text, /Messages waiting in the queue: 0/);
    assert.equal(await create.count(), 0);
    await shot(page, 'email-logging-test-connection');
    // A typo: said in words with the folder it likely meant.
    await fill('emailQueueFolder', 'CRM Qeue');
    await page.getByTestId('email-test-connection').click();
    await result.filter({ hasText: `The folder "CRM Qeue" does not exist on ${where}. Did you mean "CRM Queue"?` }).waitFor();
    await shot(page, 'email-logging-test-typo');
    // A typo is never offered for creation: the only missing folder has a likely meant one, so no button.
    assert.equal(await page.getByTestId('email-create-folders').count(), 0);
    assert.deepEqual(await folders(), ['CRM Logged', 'CRM Queue', 'INBOX']);
    // One click corrects it: the suggestion goes into the field and the connection is tested again.
    const use = page.getByTestId('email-use-suggestion-queue');
    assert.equal(await use.innerText(), 'Use suggested folder "CRM Queue"');
    await use.click();
    await result.filter({ hasText: 'Connected to' }).waitFor();
    assert.equal(await page.getByTestId('field-emailQueueFolder').inputValue(), QUEUE);
    assert.equal(await use.count(), 0);
    await shot(page, 'email-logging-used-suggestion');
    await page.getByTestId('settings-save').click();
    await page.getByText('The Marketing Setup was saved.').first().waitFor();
    const saved = await admin('GET', '/marketing-setup/settings');
    assert.equal(saved.body.data.emailImapPort, dovecot.port);
    // A port is a code: shown as typed, without a thousands separator ("14342", not "14,342").
    assert.equal(await page.getByTestId('field-emailImapPort').inputValue(), String(dovecot.port));
    assert.equal(saved.body.data.emailImapTls, false);
    assert.equal(saved.body.data.emailLoggingEnabled, true);
  });

  await runner.test('Check now logs the known sender and shows the counts; the unknown one is counted unmatched', async () => {
    await dovecot.append(QUEUE,
      mail({ from: 'Info <INFO@mailtest.example.org>', to: ['sales@cronus.example.com'], subject: 'Order question' }),
      mail({ from: '"Nora New" <nora@new.example.org>', to: ['sales@cronus.example.com'], subject: 'Price list please' }),
      mail({ from: 'spam@spam.example.org', to: ['sales@cronus.example.com'], subject: 'Cheap stuff' }));
    await page.getByTestId('email-run-now').click();
    await page.getByTestId('email-counts').filter({ hasText: 'Processed 3 · logged 1 · unmatched 2 · failed 0' }).waitFor();
    await page.getByTestId('link-email-review').filter({ hasText: '(2)' }).waitFor();
    assert.equal(await dovecot.count(QUEUE), 0);
    assert.equal(await dovecot.count(STORAGE), 3);
    await shot(page, 'email-logging-status');
  });

  await runner.test('Unmatched e-mails: create a contact from the sender, ignore one, link one to a contact', async () => {
    await page.getByTestId('link-email-review').click();
    await page.getByTestId('email-review-table').waitFor();
    await dismissOverlays(page);
    assert.equal(await page.getByTestId('email-review-row').count(), 2);
    await shot(page, 'email-review-list');
    // The Actions column fits: at 1440 and 1280 px wide, every row's buttons are inside the table's visible box
    // (the table scrolls sideways in its frame: a button past the frame's edge is out of the table for a user).
    const viewport = page.viewportSize();
    for (const size of [{ width: 1440, height: 900 }, { width: 1280, height: 800 }]) {
      await page.setViewportSize(size);
      await page.waitForTimeout(200);
      const boxes = await page.getByTestId('email-review-table').evaluate((table) => {
        const frame = table.parentElement.getBoundingClientRect();
        const own = table.getBoundingClientRect();
        const box = { left: Math.max(own.left, frame.left), right: Math.min(own.right, frame.right) };
        const buttons = [...table.querySelectorAll('tbody tr')].flatMap((tr) => [...tr.lastElementChild.querySelectorAll('button')]);
        return {
          box,
          scrolls: table.parentElement.scrollWidth > table.parentElement.clientWidth,
          buttons: buttons.map((b) => ({ name: b.getAttribute('aria-label') || b.innerText, ...b.getBoundingClientRect().toJSON() })),
        };
      });
      assert.equal(boxes.buttons.length, 6, JSON.stringify(boxes));
      for (const b of boxes.buttons) {
        assert.ok(b.left >= boxes.box.left - 0.5 && b.right <= boxes.box.right + 0.5,
          `at ${size.width} px "${b.name}" (${Math.round(b.left)}–${Math.round(b.right)}) is outside the table (${Math.round(boxes.box.left)}–${Math.round(boxes.box.right)})`);
      }
      assert.equal(boxes.scrolls, false, `at ${size.width} px the review table scrolls sideways`);
      // Reachable by their names (a tooltip / aria-label when they show an icon only).
      const first = page.getByTestId('email-review-row').first();
      for (const name of ['Link to contact', 'Create contact', 'Ignore']) {
        assert.equal(await first.getByRole('button', { name, exact: true }).count(), 1, `button "${name}"`);
      }
      await shot(page, `email-review-list-${size.width}`);
    }
    await page.setViewportSize(viewport);
    const row = (subject) => page.getByTestId('email-review-row').filter({ hasText: subject });
    await row('Price list please').getByTestId('email-review-create').click();
    await page.getByText('Contact Nora New was created and the e-mail logged for it.').first().waitFor();
    await row('Cheap stuff').getByTestId('email-review-ignore').click();
    // Asked first: Cancel leaves it open; Confirm ignores it.
    await page.getByRole('alertdialog').getByText('"Cheap stuff" will not be logged for any contact.', { exact: false }).waitFor();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await row('Cheap stuff').count(), 1);
    await row('Cheap stuff').getByTestId('email-review-ignore').click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('The e-mail is ignored.').first().waitFor();
    await page.getByText('No e-mails here.').waitFor();
    const contacts = await rest('GET', '/contacts?filters[email][$eq]=nora@new.example.org');
    assert.equal(contacts.body.data.length, 1);
    assert.equal(contacts.body.data[0].name, 'Nora New');

    await dovecot.append(QUEUE, mail({ from: 'someone@partner.example.org', to: ['sales@cronus.example.com'], subject: 'About Mailtest' }));
    const ran = await admin('POST', '/marketing-setup/email-logging/run', {});
    assert.equal(ran.body.data.result.unmatched, 1, JSON.stringify(ran.body));
    await page.reload();
    await row('About Mailtest').getByTestId('email-review-link').click();
    const modal = page.getByTestId('email-review-link-modal');
    await modal.waitFor();
    await shot(page, 'email-review-link');
    // Typed key by key, as a user does. (The picker also opens on text that comes without key-ups — paste,
    // autofill — but a `fill` here did not show the list in 1 of 4 full runs on a loaded machine; not yet understood.)
    await modal.getByRole('combobox').pressSequentially('Mailtest', { delay: 30 });
    await page.getByRole('option', { name: /Mailtest NV/ }).click();
    await shot(page, 'email-review-link-picked');
    await page.getByTestId('email-review-link-submit').click();
    await page.getByText('The e-mail was logged for the contact.').first().waitFor();
    const target = (await rest('GET', '/contacts?filters[name][$eq]=Mailtest%20NV')).body.data[0];
    const timeline = await admin('GET', `/marketing-setup/contacts/${target.documentId}/interactions?pageSize=100`);
    assert.ok(timeline.body.data.some((e) => e.subject === 'About Mailtest' && e.emailLogged), JSON.stringify(timeline.body));
    await page.getByText('No e-mails here.').waitFor();
    const reviews = await admin('GET', '/marketing-setup/email-reviews?status=all');
    assert.deepEqual(reviews.body.data.map((r) => [r.subject, r.reviewStatus]).sort(), [['About Mailtest', 'linked'], ['Cheap stuff', 'ignored'], ['Price list please', 'created']]);
  });

  await runner.test('Unmatched e-mails: internal mail (only our own addresses) offers Link and Ignore, not Create contact', async () => {
    await dovecot.append(QUEUE, mail({ from: 'sales@cronus.example.com', to: ['support@cronus.example.com'], subject: 'Lunch on Friday' }));
    const ran = await admin('POST', '/marketing-setup/email-logging/run', {});
    assert.equal(ran.body.data.result.unmatched, 1, JSON.stringify(ran.body));
    await page.goto(baseUrl + REVIEW);
    await dismissOverlays(page);
    const row = page.getByTestId('email-review-row').filter({ hasText: 'Lunch on Friday' });
    await row.waitFor();
    for (const name of ['Link to contact', 'Ignore']) {
      assert.equal(await row.getByRole('button', { name, exact: true }).count(), 1, `button "${name}"`);
    }
    // The server refuses it (no one outside to create a contact of), so the row does not offer it.
    assert.equal(await row.getByRole('button', { name: 'Create contact', exact: true }).count(), 0);
    assert.equal(await row.getByTestId('email-review-create').count(), 0);
    await shot(page, 'email-review-internal-mail');
    await row.getByTestId('email-review-ignore').click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('The e-mail is ignored.').first().waitFor();
  });
}

module.exports = { run };
