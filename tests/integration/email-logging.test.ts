/**
 * E-mail logging against a real Dovecot (scripts/lib/dovecot.js): messages APPENDed over IMAP, one run
 * of the job at a time (the admin's "Check now"), results read through the admin API.
 */
import { apiToken, isPostgres, startStrapi, type TestApp } from '../helpers/strapi';
import { dist, adminClient, API, docs, http, masterData, standardNumbering, UID } from '../helpers/fixtures';
const { startDovecot, rawMessage } = require('../../scripts/lib/dovecot');

const QUEUE = 'CRM Queue';
const STORAGE = 'CRM Logged';

let app: TestApp;
let dovecot: any;
let admin: Awaited<ReturnType<typeof adminClient>>;
let api: ReturnType<typeof http>;
const c: Record<string, any> = {};
let template: any;
let n = 0;

const mail = (m: Record<string, any>) =>
  rawMessage({ messageId: `m${++n}.${Date.now()}@test`, date: '2025-03-04T09:15:30Z', ...m });
const run = async () => {
  const res = await admin.post('/marketing-setup/email-logging/run', {});
  expect(res.status).toBe(200);
  return res.body.data;
};
const timeline = async (contact: any) =>
  (await admin.get(`/marketing-setup/contacts/${contact.documentId}/interactions?pageSize=100`)).body.data;
const entries = () =>
  app.strapi.db.query('plugin::marketing-setup.interaction-log-entry').findMany({ where: { emailLogged: true } });
const reviews = async (status = 'open') =>
  (await admin.get(`/marketing-setup/email-reviews?status=${status}`)).body.data;

beforeAll(async () => {
  dovecot = await startDovecot({ user: 'crm-log', password: 'right-password' });
  app = await startStrapi();
  app.strapi.config.set('plugin::marketing-setup.emailPollMs', 0);
  app.strapi.config.set('plugin::marketing-setup.timeZone', 'UTC');
  app.strapi.config.set('plugin::marketing-setup.imapPassword', 'right-password');
  admin = await adminClient(app.strapi, 'mail@example.com', 'strapi-super-admin');
  api = http(app.strapi, await apiToken(app.strapi));
  await standardNumbering(app.strapi);
  const md = await masterData(app.strapi);
  await docs(app.strapi, UID.salesperson).update({
    documentId: md.salesperson.AB.documentId,
    data: { email: 'Annelies.Bauwens@Cronus.com' },
  });
  await docs(app.strapi, UID.salesperson).update({
    documentId: md.salesperson.JR.documentId,
    data: { email: 'jan@cronus-sales.be' },
  });
  const create = async (data: Record<string, any>) => {
    const res = await api.post(`${API}/contacts`, { data });
    expect(res.status).toBe(201);
    return res.body.data;
  };
  c.fabrikam = await create({
    type: 'company',
    name: 'Fabrikam',
    email: 'info@fabrikam.com',
    salesperson: md.salesperson.CD.documentId,
  });
  c.anna = await create({
    type: 'person',
    name: 'Anna Peeters',
    company: c.fabrikam.documentId,
    email: 'Anna.Peeters@Fabrikam.com',
  });
  c.bert = await create({
    type: 'person',
    name: 'Bert Claes',
    company: c.fabrikam.documentId,
    email: 'bert@fabrikam.com',
    email2: 'B.Claes@Private.BE',
  });
  c.litware = await create({ type: 'company', name: 'Litware', email: 'sales@litware.com' });
  template = await docs(app.strapi, 'plugin::marketing-setup.interaction-template').create({
    data: { code: 'EMAIL', description: 'E-mail', unitCost: 0, unitDurationMin: 2, correspondenceType: 'email' },
  });
});
afterAll(async () => {
  await app?.stop();
  await dovecot?.destroy();
});

test('setup: connection fields and our domains saved, the password never stored or returned', async () => {
  const res = await admin.put('/marketing-setup/settings', {
    emailLoggingEnabled: true,
    emailImapHost: '127.0.0.1',
    emailImapPort: dovecot.port,
    emailImapTls: false,
    emailImapUser: 'crm-log',
    emailQueueFolder: QUEUE,
    emailStorageFolder: STORAGE,
    emailBatchSize: 0,
    emailCheckIntervalSeconds: 60,
    emailOurDomains: 'Cronus.com; @cronus.co.uk',
  });
  expect(res.status).toBe(200);
  expect(res.body.data).toMatchObject({
    emailImapHost: '127.0.0.1',
    emailImapPort: dovecot.port,
    emailImapTls: false,
    emailOurDomains: 'cronus.com, cronus.co.uk',
  });
  expect(JSON.stringify(res.body)).not.toContain('right-password');

  const bad = await admin.put('/marketing-setup/settings', { emailOurDomains: 'cronus.com, cronus' });
  expect(bad.status).toBe(400);
  expect(bad.body.error.message).toBe('"cronus" is not a domain name (write it like cronus.com).');
  const port = await admin.put('/marketing-setup/settings', { emailImapPort: 70000 });
  expect(port.status).toBe(400);
  expect(port.body.error.message).toBe('Enter a port from 1 to 65535.');
  const password = await admin.put('/marketing-setup/settings', { emailImapPassword: 'x' });
  expect(password.status).toBe(400);

  const status = (await admin.get('/marketing-setup/email-logging')).body.data;
  expect(status).toMatchObject({
    enabled: true,
    passwordSet: true,
    passwordVariable: 'MARKETING_SETUP_IMAP_PASSWORD',
    templateSet: false,
    openReviews: 0,
  });
  expect(JSON.stringify(status)).not.toContain('right-password');
});

const folderList = async () => {
  const client = await dovecot.client();
  try {
    return (await client.list()).map((f: { path: string }) => f.path).sort();
  } finally {
    await client.logout();
  }
};

test('Test connection reports missing folders (a typo with the folder it likely meant) and creates them only when asked; a wrong password is said in words', async () => {
  const where = `127.0.0.1:${dovecot.port}`;
  const res = await admin.post('/marketing-setup/email-logging/test', {});
  expect(res.status).toBe(200);
  expect(res.body.data).toEqual({
    ok: false,
    server: where,
    error: `The folder "${QUEUE}" does not exist on ${where}. The folder "${STORAGE}" does not exist on ${where}.`,
    missing: [
      { folder: QUEUE, role: 'queue', suggestion: null },
      { folder: STORAGE, role: 'storage', suggestion: null },
    ],
    folders: ['INBOX'],
  });
  expect(await folderList()).toEqual(['INBOX']);

  // The admin's explicit choice ("Create missing folders").
  const create = await admin.post('/marketing-setup/email-logging/test', { createMissing: true });
  expect(create.status).toBe(200);
  expect(create.body.data).toMatchObject({ ok: true, created: [QUEUE, STORAGE], queueMessages: 0, storageMessages: 0 });
  expect(create.body.data.folders).toEqual(expect.arrayContaining(['INBOX', QUEUE, STORAGE]));
  const again = await admin.post('/marketing-setup/email-logging/test', {});
  expect(again.body.data).toMatchObject({ ok: true, created: [] });

  // A typo in the (unsaved) form: said in words with the folder it likely meant; no folder "CRM Qeue" appears.
  const typo = await admin.post('/marketing-setup/email-logging/test', { queueFolder: 'CRM Qeue' });
  expect(typo.status).toBe(200);
  expect(typo.body.data).toMatchObject({
    ok: false,
    error: `The folder "CRM Qeue" does not exist on ${where}. Did you mean "${QUEUE}"?`,
    missing: [{ folder: 'CRM Qeue', role: 'queue', suggestion: QUEUE }],
  });
  expect(await folderList()).toEqual(['CRM Logged', 'CRM Queue', 'INBOX']);
  // Create missing folders never creates a typo (a missing folder with a likely meant one): only the others.
  const createTypo = await admin.post('/marketing-setup/email-logging/test', {
    queueFolder: 'CRM Qeue',
    storageFolder: 'Archive 2025',
    createMissing: true,
  });
  expect(createTypo.body.data).toMatchObject({
    ok: false,
    error: `The folder "CRM Qeue" does not exist on ${where}. Did you mean "${QUEUE}"?`,
    missing: [{ folder: 'CRM Qeue', role: 'queue', suggestion: QUEUE }],
    created: ['Archive 2025'],
  });
  expect(await folderList()).toEqual(['Archive 2025', 'CRM Logged', 'CRM Queue', 'INBOX']);
  const notABoolean = await admin.post('/marketing-setup/email-logging/test', { createMissing: 'maybe' });
  expect(notABoolean.status).toBe(400);
  expect(notABoolean.body.error.message).toBe('createMissing must be true or false.');

  app.strapi.config.set('plugin::marketing-setup.imapPassword', 'wrong-password');
  const wrong = await admin.post('/marketing-setup/email-logging/test', {});
  expect(wrong.status).toBe(200);
  expect(wrong.body.data).toEqual({
    ok: false,
    server: `127.0.0.1:${dovecot.port}`,
    error: `The IMAP server at 127.0.0.1:${dovecot.port} refused the user name or password.`,
  });
  // The job with the wrong password: the status says so, nothing is read.
  await dovecot.append(
    QUEUE,
    mail({ from: 'Anna.Peeters@fabrikam.com', to: ['annelies.bauwens@cronus.com'], subject: 'Waiting' }),
  );
  await admin.put('/marketing-setup/interaction-template-setup', { emails: template.documentId });
  const failed = await run();
  expect(failed.result).toMatchObject({
    status: 'error',
    processed: 0,
    error: `The IMAP server at 127.0.0.1:${dovecot.port} refused the user name or password.`,
  });
  expect(failed.status).toMatchObject({ status: 'error', lastError: failed.result.error });
  expect(await dovecot.count(QUEUE)).toBe(1);
  app.strapi.config.set('plugin::marketing-setup.imapPassword', 'right-password');

  const unsaved = await admin.post('/marketing-setup/email-logging/test', { port: 1 });
  expect(unsaved.body.data.ok).toBe(false);
  expect(unsaved.body.data.error).toBe(
    'Cannot reach the IMAP server at 127.0.0.1:1: the connection was refused (is it running, is the port right?).',
  );
  const same = await admin.post('/marketing-setup/email-logging/test', { storageFolder: QUEUE });
  expect(same.status).toBe(400);
  expect(same.body.error.message).toBe(
    'The storage folder must be another folder than the queue folder: logged messages are moved there.',
  );
  // Clean up for the next tests: the waiting message is logged there.
  await admin.put('/marketing-setup/interaction-template-setup', { emails: null });
});

test('settings refuse what the test and the run refuse (one rule): the storage folder as the queue, a host that is no host name', async () => {
  const sameFolders =
    'The storage folder must be another folder than the queue folder: logged messages are moved there.';
  for (const body of [{ emailQueueFolder: STORAGE }, { emailStorageFolder: QUEUE }]) {
    const res = await admin.put('/marketing-setup/settings', body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(sameFolders);
    expect(res.body.error.details.errors[0].path).toEqual(Object.keys(body));
  }
  const badHost = '"bad host name!" is not a host name or IP address: write it like imap.cronus.com.';
  const host = await admin.put('/marketing-setup/settings', { emailImapHost: 'bad host name!' });
  expect(host.status).toBe(400);
  expect(host.body.error.message).toBe(badHost);
  const tested = await admin.post('/marketing-setup/email-logging/test', { host: 'bad host name!' });
  expect(tested.status).toBe(400);
  expect(tested.body.error.message).toBe(badHost);
  expect((await admin.get('/marketing-setup/settings')).body.data).toMatchObject({
    emailImapHost: '127.0.0.1',
    emailQueueFolder: QUEUE,
    emailStorageFolder: STORAGE,
  });
  for (const ok of ['imap.cronus.com', '10.0.0.7', '::1', 'localhost'])
    expect((await admin.put('/marketing-setup/settings', { emailImapHost: ok })).status).toBe(200);
  await admin.put('/marketing-setup/settings', { emailImapHost: '127.0.0.1' });
});

test('no template for e-mails → nothing logged, the message stays in the queue', async () => {
  const res = await run();
  expect(res.result).toMatchObject({ status: 'noTemplate', processed: 0, logged: 0 });
  expect(res.status.lastError).toMatch(/^No interaction template is set up for e-mails/);
  expect(await dovecot.count(QUEUE)).toBe(1);
  expect(await entries()).toHaveLength(0);
});

test('inbound: from a contact to our salesperson, case-insensitive → entry for the contact, moved to storage', async () => {
  expect((await admin.put('/marketing-setup/interaction-template-setup', { emails: template.documentId })).status).toBe(
    200,
  );
  const res = await run();
  expect(res.result).toMatchObject({ status: 'ok', processed: 1, logged: 1, unmatched: 0, failed: 0, left: 0 });
  expect(await dovecot.count(QUEUE)).toBe(0);
  expect(await dovecot.count(STORAGE)).toBe(1);
  const [entry] = await timeline(c.anna);
  expect(entry).toMatchObject({
    date: '2025-03-04',
    time: '09:15:30',
    description: 'Waiting',
    subject: 'Waiting',
    informationFlow: 'inbound',
    initiatedBy: 'them',
    emailLogged: true,
    documentKind: 'emails',
    correspondenceType: 'email',
    durationMin: 2,
    interactionTemplate: { code: 'EMAIL' },
    salesperson: { code: 'AB' },
    contact: { name: 'Anna Peeters' },
    contactCompany: { name: 'Fabrikam' },
  });
  expect(entry.messageId).toMatch(/^m\d+\.\d+@test$/);
  expect(res.status).toMatchObject({
    status: 'ok',
    lastError: null,
    lastRun: { processed: 1, logged: 1, unmatched: 0, failed: 0, leftInQueue: 0 },
  });
  expect(Date.parse(res.status.nextRunAt) - Date.parse(res.status.lastRunAt)).toBe(60000);
});

test('outbound: from ours to several contacts in To and Cc → one entry per contact (e-mail 2 too), the sending salesperson', async () => {
  await dovecot.append(
    QUEUE,
    mail({
      from: 'Jan Rommens <JAN@cronus-sales.be>',
      to: ['"Anna" <anna.peeters@FABRIKAM.com>', 'stranger@nowhere.org'],
      cc: ['b.claes@private.be', 'BERT@fabrikam.com', 'colleague@cronus.com'],
      subject: 'Your quote',
    }),
  );
  const res = await run();
  expect(res.result).toMatchObject({ status: 'ok', processed: 1, logged: 2, unmatched: 0 });
  for (const who of [c.anna, c.bert]) {
    const [entry] = await timeline(who);
    expect(entry).toMatchObject({
      subject: 'Your quote',
      informationFlow: 'outbound',
      initiatedBy: 'us',
      salesperson: { code: 'JR' },
      emailLogged: true,
    });
  }
  expect(await timeline(c.bert)).toHaveLength(1);
  // The company's timeline shows its persons' e-mails with their direction.
  const company = await timeline(c.fabrikam);
  expect(company.map((e: any) => [e.contact.name, e.informationFlow]).sort()).toEqual([
    ['Anna Peeters', 'inbound'],
    ['Anna Peeters', 'outbound'],
    ['Bert Claes', 'outbound'],
  ]);
});

test('the same message twice (and again after it was logged) is logged once', async () => {
  const twice = mail({ from: 'sales@litware.com', to: ['annelies.bauwens@cronus.com'], subject: 'Order 1001' });
  await dovecot.append(QUEUE, twice, twice);
  const res = await run();
  expect(res.result).toMatchObject({ processed: 2, logged: 1 });
  await dovecot.append(QUEUE, twice);
  expect((await run()).result).toMatchObject({ processed: 1, logged: 0 });
  expect(await timeline(c.litware)).toHaveLength(1);
  expect(await dovecot.count(QUEUE)).toBe(0);
});

test('a crash between logging and the move: the next run moves it without logging it again', async () => {
  const connection = require(dist('email-logging/connection'));
  const real = connection.openQueue;
  const spy = jest.spyOn(connection, 'openQueue').mockImplementation(async (s: any) => {
    const q = await real(s);
    return {
      ...q,
      move: async () => {
        throw new Error('process killed before the move');
      },
    };
  });
  await dovecot.append(QUEUE, mail({ from: 'sales@litware.com', to: ['sales@cronus.com'], subject: 'Crash test' }));
  const crashed = await run();
  spy.mockRestore();
  expect(crashed.result).toMatchObject({
    status: 'error',
    logged: 1,
    error: 'E-mail logging failed: process killed before the move',
  });
  expect(await dovecot.count(QUEUE)).toBe(1);
  const after = await run();
  expect(after.result).toMatchObject({ status: 'ok', processed: 1, logged: 0 });
  expect(await dovecot.count(QUEUE)).toBe(0);
  expect((await timeline(c.litware)).filter((e: any) => e.subject === 'Crash test')).toHaveLength(1);
});

test('two runs at the same moment log each message once', async () => {
  const { runEmailLogging } = require(dist('jobs/email-logging'));
  for (let i = 0; i < 6; i++)
    await dovecot.append(
      QUEUE,
      mail({ from: 'info@fabrikam.com', to: ['sales@cronus.com'], subject: `Parallel ${i}` }),
    );
  const before = (await entries()).length;
  const results = await Promise.all([runEmailLogging(app.strapi), runEmailLogging(app.strapi)]);
  // PostgreSQL: the second finds the advisory lock taken; SQLite (one process): both may read, the unique key keeps one entry per message.
  expect(results.reduce((s: number, r: any) => s + r.logged, 0)).toBe(6);
  expect((await entries()).length - before).toBe(6);
  if (process.env.TEST_DB === 'postgres') expect(results.map((r: any) => r.status).sort()).toEqual(['busy', 'ok']);
  if ((await dovecot.count(QUEUE)) > 0) await run();
  expect(await dovecot.count(QUEUE)).toBe(0);
  expect((await entries()).length - before).toBe(6);
});

test('IMAP down → clear status, nothing lost; up again → logged at the next run', async () => {
  await dovecot.append(
    QUEUE,
    mail({ from: 'bert@fabrikam.com', to: ['annelies.bauwens@cronus.com'], subject: 'While down' }),
  );
  await dovecot.stop();
  const down = await run();
  expect(down.result).toMatchObject({
    status: 'error',
    processed: 0,
    // It could not count the queue: unknown, not 0.
    left: null,
    error: `Cannot reach the IMAP server at 127.0.0.1:${dovecot.port}: the connection was refused (is it running, is the port right?).`,
  });
  expect((await admin.get('/marketing-setup/email-logging')).body.data).toMatchObject({
    status: 'error',
    lastError: down.result.error,
    lastRun: { leftInQueue: null },
  });
  await dovecot.start();
  const up = await run();
  expect(up.result).toMatchObject({ status: 'ok', processed: 1, logged: 1 });
  expect((await timeline(c.bert)).map((e: any) => e.subject)).toContain('While down');
});

test('the timer runs again and again: a message that arrives after an automatic run is logged by the next one', async () => {
  const { startEmailLogging, stopEmailLogging } = require(dist('jobs/email-logging'));
  const dueNow = () =>
    app.strapi.db
      .connection('ms_email_logging_state')
      .where('id', 1)
      .update({ next_run_at: '2000-01-01T00:00:00.000Z' });
  const loggedFor = async (subject: string) => {
    for (let i = 0; i < 100; i += 1) {
      if ((await timeline(c.bert)).some((e: any) => e.subject === subject)) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  };
  app.strapi.config.set('plugin::marketing-setup.emailPollMs', 100);
  startEmailLogging(app.strapi);
  try {
    for (const subject of ['Timer one', 'Timer two', 'Timer three']) {
      await dovecot.append(QUEUE, mail({ from: 'bert@fabrikam.com', to: ['annelies.bauwens@cronus.com'], subject }));
      await dueNow();
      expect([subject, await loggedFor(subject)]).toEqual([subject, true]);
    }
  } finally {
    await stopEmailLogging(app.strapi);
    app.strapi.config.set('plugin::marketing-setup.emailPollMs', 0);
  }
  expect(await dovecot.count(QUEUE)).toBe(0);
});

test('unmatched and unreadable messages → review list; link, create contact from sender, ignore', async () => {
  await dovecot.append(
    QUEUE,
    mail({
      from: '"Nina Nieuw" <nina@newcorp.example.org>',
      to: ['annelies.bauwens@cronus.com'],
      subject: 'Interested in your product',
    }),
    mail({
      from: 'someone@partner.example.org',
      to: ['jan@cronus-sales.be'],
      cc: ['x@y.org'],
      subject: 'For Fabrikam',
    }),
    mail({ from: 'spam@spam.example.org', to: ['sales@cronus.com'], subject: 'Buy now' }),
    mail({ from: 'annelies.bauwens@cronus.com', to: ['jan@cronus-sales.be'], subject: 'Internal' }),
    'Subject: no sender\r\n\r\nbody\r\n',
  );
  const res = await run();
  expect(res.result).toMatchObject({ status: 'ok', processed: 5, logged: 0, unmatched: 5 });
  expect(await dovecot.count(QUEUE)).toBe(0);
  const list = await reviews();
  const bySubject = Object.fromEntries(list.map((r: any) => [r.subject, r]));
  expect(bySubject['Interested in your product']).toMatchObject({
    sender: 'nina@newcorp.example.org',
    senderName: 'Nina Nieuw',
    reviewStatus: 'open',
    reason: 'No contact has the address nina@newcorp.example.org.',
    error: null,
    sentAt: '2025-03-04T09:15:30.000Z',
  });
  expect(bySubject.Internal.reason).toBe('Sent by annelies.bauwens@cronus.com (ours), but no recipient is a contact.');
  // Each row says what the server accepts on it: internal mail (ours to ours only) has no one to create a contact of.
  expect(bySubject.Internal.actions).toEqual(['link', 'ignore']);
  expect(bySubject['Interested in your product'].actions).toEqual(['link', 'createContact', 'ignore']);
  expect(bySubject['no sender'].actions).toEqual(['ignore']);
  const internal = await admin.post(
    `/marketing-setup/email-reviews/${bySubject.Internal.documentId}/create-contact`,
    {},
  );
  expect(internal.status).toBe(400);
  expect(internal.body.error.message).toBe(
    'This e-mail was sent by one of us to no one outside: there is no one to create a contact from.',
  );
  expect(bySubject['no sender']).toMatchObject({
    sender: null,
    error: 'The message has no readable sender address (From).',
  });
  expect((await admin.get('/marketing-setup/email-logging')).body.data.openReviews).toBe(5);

  // Link to a contact: logged like the others (inbound: the sender is not ours; salesperson JR was a recipient).
  const linked = await admin.post(`/marketing-setup/email-reviews/${bySubject['For Fabrikam'].documentId}/link`, {
    contact: c.fabrikam.documentId,
  });
  expect(linked.status).toBe(200);
  expect(linked.body.data).toMatchObject({
    logged: 1,
    review: { reviewStatus: 'linked', contact: { name: 'Fabrikam' }, actions: [] },
  });
  const fab = (await timeline(c.fabrikam)).find((e: any) => e.subject === 'For Fabrikam');
  expect(fab).toMatchObject({
    informationFlow: 'inbound',
    initiatedBy: 'them',
    salesperson: { code: 'JR' },
    emailLogged: true,
  });
  const twice = await admin.post(`/marketing-setup/email-reviews/${bySubject['For Fabrikam'].documentId}/link`, {
    contact: c.litware.documentId,
  });
  expect(twice.status).toBe(400);
  expect(twice.body.error.message).toBe('This e-mail was already linked to a contact; nothing to do.');
  const noContact = await admin.post(`/marketing-setup/email-reviews/${bySubject['Buy now'].documentId}/link`, {
    contact: 'nope',
  });
  expect(noContact.status).toBe(400);
  expect(noContact.body.error.message).toBe('No contact with documentId nope.');

  // Create a contact from the sender: numbered by the contact rules, with the address; then logged.
  const created = await admin.post(
    `/marketing-setup/email-reviews/${bySubject['Interested in your product'].documentId}/create-contact`,
    {},
  );
  expect(created.status).toBe(201);
  expect(created.body.data).toMatchObject({
    logged: 1,
    contact: { name: 'Nina Nieuw' },
    review: { reviewStatus: 'created' },
  });
  expect(created.body.data.contact.no).toMatch(/^CT\d{6}$/);
  const nina = await docs(app.strapi, UID.contact).findOne({ documentId: created.body.data.contact.documentId });
  expect(nina).toMatchObject({
    type: 'person',
    email: 'nina@newcorp.example.org',
    searchEmail: 'NINA@NEWCORP.EXAMPLE.ORG',
  });
  // The admin who created her owns her, as after a Content Manager create.
  const owner = await app.strapi.db.query(UID.contact).findOne({
    where: { documentId: nina.documentId },
    populate: { createdBy: { select: ['email'] }, updatedBy: { select: ['email'] } },
  });
  expect([owner.createdBy?.email, owner.updatedBy?.email]).toEqual(['mail@example.com', 'mail@example.com']);
  expect(await timeline(nina)).toMatchObject([
    { subject: 'Interested in your product', informationFlow: 'inbound', salesperson: { code: 'AB' } },
  ]);
  // Her next e-mail is matched to her.
  await dovecot.append(
    QUEUE,
    mail({ from: 'NINA@newcorp.example.org', to: ['sales@cronus.com'], subject: 'Follow-up' }),
  );
  expect((await run()).result).toMatchObject({ logged: 1, unmatched: 0 });

  const unreadable = await admin.post(
    `/marketing-setup/email-reviews/${bySubject['no sender'].documentId}/create-contact`,
    {},
  );
  expect(unreadable.status).toBe(400);
  expect(unreadable.body.error.message).toBe('This e-mail has no sender address to create a contact from.');
  const ignored = await admin.post(`/marketing-setup/email-reviews/${bySubject['Buy now'].documentId}/ignore`, {});
  expect(ignored.body.data.review.reviewStatus).toBe('ignored');
  expect((await reviews()).map((r: any) => r.subject).sort()).toEqual(['Internal', 'no sender']);
  expect(await reviews('all')).toHaveLength(5);
  const badStatus = await admin.get('/marketing-setup/email-reviews?status=maybe');
  expect(badStatus.status).toBe(400);
});

test('a subject or a message-id longer than a column holds (PostgreSQL: 255) is logged, once, not failed on every run', async () => {
  const before = (await entries()).length;
  const longId = `${'x'.repeat(300)}@long.test`;
  const longMail = () =>
    rawMessage({
      messageId: longId,
      date: '2025-03-05T10:00:00Z',
      from: 'bert@fabrikam.com',
      to: ['annelies.bauwens@cronus.com'],
      subject: 'Long id',
    });
  await dovecot.append(QUEUE, longMail());
  await dovecot.append(
    QUEUE,
    mail({
      from: 'nobody@unknown-sender.example',
      to: ['annelies.bauwens@cronus.com'],
      subject: `Lang ${'onderwerp '.repeat(30)}`,
    }),
  );
  const res = await run();
  expect(res.result).toMatchObject({ status: 'ok', processed: 2, logged: 1, unmatched: 1, failed: 0, left: 0 });
  const logged = (await entries()).filter((e: any) => e.subject === 'Long id');
  expect(logged).toHaveLength(1);
  expect(logged[0].messageId).toMatch(/^sha256:[0-9a-f]{64}$/);
  const review = (await reviews()).find((r: any) => r.subject?.startsWith('Lang onderwerp'));
  expect(review.subject.length).toBe(255);
  expect((await admin.post(`/marketing-setup/email-reviews/${review.documentId}/ignore`, {})).status).toBe(200);
  // The same message again: its hashed id is the same, so it is not logged a second time.
  await dovecot.append(QUEUE, longMail());
  expect((await run()).result).toMatchObject({ processed: 1, logged: 0, failed: 0 });
  expect((await entries()).length - before).toBe(1);
});

test("mail of a company's mailbox is the company's: not logged again for each person who inherits that address", async () => {
  const carla = (
    await api.post(`${API}/contacts`, { data: { type: 'person', name: 'Carla Vos', company: c.fabrikam.documentId } })
  ).body.data;
  expect(carla.email).toBe('info@fabrikam.com'); // inherited
  await dovecot.append(
    QUEUE,
    mail({ from: 'Info@Fabrikam.com', to: ['annelies.bauwens@cronus.com'], subject: 'From the mailbox' }),
  );
  expect((await run()).result).toMatchObject({ processed: 1, logged: 1, failed: 0 });
  expect((await timeline(c.fabrikam)).filter((e: any) => e.subject === 'From the mailbox')).toHaveLength(1);
  expect((await timeline(carla)).some((e: any) => e.subject === 'From the mailbox')).toBe(false);
  // Her own address, once she has one: hers.
  await api.put(`${API}/contacts/${carla.documentId}`, { data: { email: 'carla@fabrikam.com' } });
  await dovecot.append(
    QUEUE,
    mail({ from: 'carla@fabrikam.com', to: ['annelies.bauwens@cronus.com'], subject: 'From Carla' }),
  );
  expect((await run()).result).toMatchObject({ processed: 1, logged: 1 });
  expect((await timeline(carla)).map((e: any) => e.subject)).toContain('From Carla');
});

test('an E-mail field with several addresses ("a; b"): mail from either is the contact\'s, not its company\'s list', async () => {
  const dirk = (
    await api.post(`${API}/contacts`, {
      data: {
        type: 'person',
        name: 'Dirk Maes',
        company: c.litware.documentId,
        email: 'Sales@Litware.com; Dirk.Maes@Telenet.be',
      },
    })
  ).body.data;
  expect(dirk.email).toBe('Sales@Litware.com; Dirk.Maes@Telenet.be');
  await dovecot.append(
    QUEUE,
    mail({ from: 'dirk.maes@telenet.be', to: ['jan@cronus-sales.be'], subject: 'From Dirk at home' }),
  );
  // Its company's address in the list is still the company's mailbox: logged for Litware only.
  await dovecot.append(
    QUEUE,
    mail({ from: 'sales@litware.com', to: ['jan@cronus-sales.be'], subject: 'From the sales desk' }),
  );
  expect((await run()).result).toMatchObject({ processed: 2, logged: 2, unmatched: 0, failed: 0 });
  const loggedFor = async (subject: string) =>
    (
      await app.strapi.db
        .query('plugin::marketing-setup.interaction-log-entry')
        .findMany({ where: { subject }, populate: ['contact'] })
    ).map((e: any) => e.contact?.name);
  expect(await loggedFor('From Dirk at home')).toEqual(['Dirk Maes']);
  expect(await loggedFor('From the sales desk')).toEqual(['Litware']);
});

test('two clicks on one unmatched e-mail at the same moment (Link to two contacts): one wins, the e-mail is logged once', async () => {
  await dovecot.append(
    QUEUE,
    mail({ from: 'raced@unknown-sender.example', to: ['annelies.bauwens@cronus.com'], subject: 'Raced' }),
  );
  await run();
  const row = (await reviews()).find((r: any) => r.subject === 'Raced');
  const [a, b] = await Promise.all([
    admin.post(`/marketing-setup/email-reviews/${row.documentId}/link`, { contact: c.anna.documentId }),
    admin.post(`/marketing-setup/email-reviews/${row.documentId}/link`, { contact: c.bert.documentId }),
  ]);
  expect([a.status, b.status].sort()).toEqual([200, 400]);
  const lost = a.status === 400 ? a : b;
  expect(lost.body.error.message).toMatch(
    /^This e-mail was (already linked to a contact; nothing to do|already handled by someone else; nothing to do)\.$/,
  );
  const logged = (await entries()).filter((e: any) => e.subject === 'Raced');
  expect(logged).toHaveLength(1);
});

test("an entry is dated on the plugin's clock (timeZone): a mail of 09:34 in Brussels is an entry of 09:34", async () => {
  app.strapi.config.set('plugin::marketing-setup.timeZone', 'Europe/Brussels');
  try {
    await dovecot.append(
      QUEUE,
      rawMessage({
        messageId: `tz.${Date.now()}@test`,
        date: '2025-01-09T09:34:00+01:00',
        from: 'bert@fabrikam.com',
        to: ['annelies.bauwens@cronus.com'],
        subject: 'Brussels time',
      }),
    );
    expect((await run()).result).toMatchObject({ processed: 1, logged: 1 });
    const [entry] = (await timeline(c.bert)).filter((e: any) => e.subject === 'Brussels time');
    expect([entry.date, entry.time]).toEqual(['2025-01-09', '09:34:00']);
  } finally {
    app.strapi.config.set('plugin::marketing-setup.timeZone', 'UTC');
  }
});

test('a Subject in raw ISO-8859-1 bytes (the charset only in Content-Type) is logged readable', async () => {
  const raw = Buffer.from(
    [
      'From: bert@fabrikam.com',
      'To: annelies.bauwens@cronus.com',
      `Message-ID: <latin1.${Date.now()}@test>`,
      'Date: Tue, 04 Mar 2025 10:00:00 +0000',
      'Subject: R\xe9union \xe0 Li\xe8ge',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=iso-8859-1',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Tot straks in Li\xe8ge.',
      '',
    ].join('\r\n'),
    'latin1',
  );
  await dovecot.append(QUEUE, raw);
  expect((await run()).result).toMatchObject({ processed: 1, logged: 1 });
  expect((await timeline(c.bert)).map((e: any) => e.subject)).toContain('Réunion à Liège');
});

test('message bodies: off (the default) → none stored; on → the plain text on the entry and the review row, cut at 64 KB with a note', async () => {
  expect((await admin.get('/marketing-setup/settings')).body.data.emailStoreBodies).toBe(false);
  const withBody = (subject: string, from: string, body: string) =>
    mail({ from, to: ['annelies.bauwens@cronus.com'], subject, body });
  await dovecot.append(
    QUEUE,
    withBody('Body off', 'sales@litware.com', 'Not kept.'),
    withBody('Body off, unknown', 'who@unknown.example.org', 'Not kept either.'),
  );
  expect((await run()).result).toMatchObject({ processed: 2, logged: 1, unmatched: 1 });
  const off = (await timeline(c.litware)).find((e: any) => e.subject === 'Body off');
  expect(off.emailBody).toBeNull();
  expect((await reviews()).find((r: any) => r.subject === 'Body off, unknown').body).toBeNull();

  const bad = await admin.put('/marketing-setup/settings', { emailStoreBodies: 'sometimes' });
  expect(bad.status).toBe(400);
  expect((await admin.put('/marketing-setup/settings', { emailStoreBodies: true })).body.data.emailStoreBodies).toBe(
    true,
  );
  const long = `${'é'.repeat(99)}\r\n`.repeat(400); // 80,000 bytes of UTF-8 in lines of 200
  await dovecot.append(
    QUEUE,
    withBody('Body on', 'sales@litware.com', 'Dear Annelies,\r\n\r\nPlease call me back.\r\n'),
    withBody('Body on, long', 'sales@litware.com', long),
    withBody('Body on, unknown', 'who@unknown.example.org', 'Who am I?'),
  );
  expect((await run()).result).toMatchObject({ processed: 3, logged: 2, unmatched: 1 });
  const on = await timeline(c.litware);
  expect(on.find((e: any) => e.subject === 'Body on').emailBody).toBe('Dear Annelies,\n\nPlease call me back.');
  const cut = on.find((e: any) => e.subject === 'Body on, long').emailBody as string;
  expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(64 * 1024);
  expect(cut.startsWith('éééé')).toBe(true);
  expect(cut).toMatch(/\n\n\[Truncated: the message body has 7\d KB; the first 64 KB are stored\.\]$/);
  expect(cut).not.toContain('\uFFFD');
  // An unmatched message keeps its body on the review row, and the entry logged from it gets it.
  const review = (await reviews()).find((r: any) => r.subject === 'Body on, unknown');
  expect(review.body).toBe('Who am I?');
  expect(
    (await admin.post(`/marketing-setup/email-reviews/${review.documentId}/link`, { contact: c.litware.documentId }))
      .status,
  ).toBe(200);
  expect((await timeline(c.litware)).find((e: any) => e.subject === 'Body on, unknown').emailBody).toBe('Who am I?');
  await admin.put('/marketing-setup/settings', { emailStoreBodies: false });
});

test('control characters in a stored body or a subject are removed (not a message stuck in the queue); a message that cannot be logged goes to the review list', async () => {
  await admin.put('/marketing-setup/settings', { emailStoreBodies: true });
  await dovecot.append(
    QUEUE,
    mail({ from: 'sales@litware.com', to: ['annelies.bauwens@cronus.com'], subject: 'Bell', body: 'Ring\u0007 me.' }),
    mail({ from: 'who@unknown.example.org', to: ['annelies.bauwens@cronus.com'], subject: 'Unknown\u0007bell' }),
  );
  const first = await run();
  expect(first.result).toMatchObject({ status: 'ok', processed: 2, logged: 1, unmatched: 1, failed: 0, left: 0 });
  expect((await timeline(c.litware)).find((e: any) => e.subject === 'Bell').emailBody).toBe('Ring me.');
  expect((await reviews()).map((r: any) => r.subject)).toContain('Unknown bell');
  expect(await dovecot.count(QUEUE)).toBe(0);

  // Any other failure of one message's write (here a trigger refuses its entry): to the review list with the
  // reason, moved; the others are logged and the status is not held at error.
  const knex = app.strapi.db.connection;
  const sql = isPostgres()
    ? [
        `CREATE FUNCTION ms_poison() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected entry failure'; END $$ LANGUAGE plpgsql`,
        `CREATE TRIGGER ms_poison BEFORE INSERT ON ms_interaction_log_entries FOR EACH ROW WHEN (NEW.subject = 'Poison') EXECUTE FUNCTION ms_poison()`,
      ]
    : [
        `CREATE TRIGGER ms_poison BEFORE INSERT ON ms_interaction_log_entries WHEN NEW.subject = 'Poison' BEGIN SELECT RAISE(ABORT, 'injected entry failure'); END`,
      ];
  for (const q of sql) await knex.raw(q);
  try {
    await dovecot.append(
      QUEUE,
      mail({ from: 'sales@litware.com', to: ['annelies.bauwens@cronus.com'], subject: 'Poison' }),
      mail({ from: 'sales@litware.com', to: ['annelies.bauwens@cronus.com'], subject: 'Healthy' }),
    );
    const second = await run();
    expect(second.result).toMatchObject({ status: 'ok', processed: 2, logged: 1, unmatched: 1, failed: 0, left: 0 });
    expect(second.status.status).toBe('ok');
    expect(await dovecot.count(QUEUE)).toBe(0);
    const poisoned = (await reviews()).find((r: any) => r.subject === 'Poison');
    expect(poisoned.error).toMatch(/^The message could not be logged: .*injected entry failure/);
    expect((await timeline(c.litware)).map((e: any) => e.subject)).toContain('Healthy');
  } finally {
    await knex.raw('DROP TRIGGER ms_poison' + (isPostgres() ? ' ON ms_interaction_log_entries' : ''));
    if (isPostgres()) await knex.raw('DROP FUNCTION ms_poison');
    await admin.put('/marketing-setup/settings', { emailStoreBodies: false });
  }
});

test('a run: a missing queue folder is an error that names it (not a new empty folder); a missing storage folder is created', async () => {
  const where = `127.0.0.1:${dovecot.port}`;
  expect((await admin.put('/marketing-setup/interaction-template-setup', { emails: template.documentId })).status).toBe(
    200,
  );
  expect((await admin.put('/marketing-setup/settings', { emailQueueFolder: 'CRM Qeue' })).status).toBe(200);
  const typo = await run();
  expect(typo.result).toMatchObject({
    status: 'error',
    processed: 0,
    error: `The folder "CRM Qeue" does not exist on ${where}. Did you mean "${QUEUE}"?`,
  });
  expect(typo.status).toMatchObject({ status: 'error', lastError: typo.result.error });
  expect(await folderList()).not.toContain('CRM Qeue');

  await admin.put('/marketing-setup/settings', { emailQueueFolder: QUEUE, emailStorageFolder: 'CRM Logged 2' });
  await dovecot.append(
    QUEUE,
    mail({ from: 'sales@litware.com', to: ['annelies.bauwens@cronus.com'], subject: 'Stored anew' }),
  );
  expect((await run()).result).toMatchObject({ status: 'ok', processed: 1, logged: 1 });
  expect(await dovecot.count('CRM Logged 2')).toBe(1);
  await admin.put('/marketing-setup/settings', { emailStorageFolder: STORAGE });
});

test('Create contact from an unmatched e-mail: a wrong type or an unknown field → 400, nothing written; a second action says what was done', async () => {
  await dovecot.append(
    QUEUE,
    mail({ from: 'Nora Bad <nora@payload.example.org>', to: ['annelies.bauwens@cronus.com'], subject: 'Payload' }),
  );
  await run();
  const review = (await reviews()).find((r: any) => r.subject === 'Payload');
  const contactsBefore = await app.strapi.db.query(UID.contact).count();
  const url = `/marketing-setup/email-reviews/${review.documentId}/create-contact`;
  const wrongType = await admin.post(url, { name: 123 });
  expect(wrongType.status).toBe(400);
  expect(wrongType.body.error.message).toBe("Name must be text (leave it out or blank to use the sender's name).");
  const extra = await admin.post(url, { type: 'company', extra: 1 });
  expect(extra.status).toBe(400);
  expect(extra.body.error.message).toBe('Unknown field(s): extra.');
  expect(await app.strapi.db.query(UID.contact).count()).toBe(contactsBefore);
  expect((await reviews()).some((r: any) => r.documentId === review.documentId)).toBe(true);
  const created = await admin.post(url, { name: '' });
  expect(created.status).toBe(201);
  expect(created.body.data.contact.name).toBe('Nora Bad');
  const again = await admin.post(url, {});
  expect(again.status).toBe(400);
  expect(again.body.error.message).toBe('A contact was already created from this e-mail; nothing to do.');
});
