import {
  addressesOf,
  assertReviewLoggable,
  assertReviewOpen,
  batchPlan,
  bodyToStore,
  classify,
  clip,
  contactFromSender,
  contactTypeOf,
  reviewActions,
  describeImapError,
  entryForLinkedContact,
  entryMoment,
  eightBitSubject,
  imapSettingsOf,
  isOurs,
  logKey,
  missingConnectionSettings,
  connectionSettingsProblem,
  creatableFolders,
  parseCreateContactBody,
  emailSetupConflict,
  emailSetupSaveRefusal,
  missingFolders,
  missingFoldersMessage,
  nearestFolder,
  nextRunAt,
  normaliseAddress,
  ownAddresses,
  addressesOfField,
  normaliseMessageId,
  ourDomainsOf,
  parseOurDomains,
  parseReviewQuery,
  reviewRowOf,
  type AddressBook,
  type MailMessage,
} from '../../src/plugins/marketing-setup/server/src/domain/email-logging';

const book: AddressBook = {
  // Anna (1) and Bert (2) at Fabrikam; Chris (3) has Bert's address as e-mail 2 too.
  contactsByAddress: new Map([
    ['anna@fabrikam.com', [1]],
    ['bert@fabrikam.com', [2, 3]],
    ['lise@litware.com', [4]],
    ['colleague@cronus.com', [9]],
  ]),
  salespersonByAddress: new Map([
    ['annelies@cronus.com', 11],
    ['jan@cronus-sales.be', 12],
  ]),
  ourDomains: ['cronus.com'],
};
const msg = (m: Partial<MailMessage>): MailMessage => ({
  messageId: 'm1@x',
  from: [],
  to: [],
  cc: [],
  subject: 'Quote',
  date: null,
  ...m,
});

describe('addresses', () => {
  test.each([
    ['Anna@Fabrikam.COM', 'anna@fabrikam.com'],
    ['  "Anna Peeters" <ANNA@fabrikam.com> ', 'anna@fabrikam.com'],
    ['mailto:bert@fabrikam.com', 'bert@fabrikam.com'],
    ['not an address', null],
    ['anna@localhost', null],
    ['', null],
    [42, null],
  ])('%p → %p', (raw, out) => expect(normaliseAddress(raw)).toBe(out));

  test('our domains: separators, @ prefix, case, duplicates; a typo is named', () => {
    expect(parseOurDomains('cronus.com; @Cronus.co.uk\n cronus.com, sales.cronus.be')).toEqual([
      'cronus.com',
      'cronus.co.uk',
      'sales.cronus.be',
    ]);
    expect(parseOurDomains(null)).toEqual([]);
    expect(parseOurDomains('  ')).toEqual([]);
    expect(() => parseOurDomains('cronus.com, cronus')).toThrow(
      '"cronus" is not a domain name (write it like cronus.com).',
    );
    expect(() => parseOurDomains('ann@cronus.com')).toThrow('is not a domain name');
  });

  test('ours = a salesperson address or at one of our domains (sub-domains too)', () => {
    expect(isOurs('annelies@cronus.com', book)).toBe(true);
    expect(isOurs('jan@cronus-sales.be', book)).toBe(true);
    expect(isOurs('info@eu.cronus.com', book)).toBe(true);
    expect(isOurs('info@notcronus.com', book)).toBe(false);
    expect(isOurs('anna@fabrikam.com', book)).toBe(false);
  });

  test('an E-mail field may hold several addresses separated by ";" (as Business Central allows)', () => {
    expect(addressesOfField('Sales@Litware.com; Dirk.Maes@Telenet.be;')).toEqual([
      'sales@litware.com',
      'dirk.maes@telenet.be',
    ]);
    expect(addressesOfField('anna@fabrikam.com')).toEqual(['anna@fabrikam.com']);
    expect(addressesOfField(null)).toEqual([]);
  });

  test("a contact's own addresses leave out its company's, in either field", () => {
    expect(ownAddresses(['SALES@LITWARE.COM; DIRK.MAES@TELENET.BE', null], ['SALES@LITWARE.COM', null])).toEqual([
      'dirk.maes@telenet.be',
    ]);
    expect(ownAddresses(['INFO@FABRIKAM.COM', 'b.claes@private.be'], ['INFO@FABRIKAM.COM', null])).toEqual([
      'b.claes@private.be',
    ]);
    expect(ownAddresses(['ANNA@FABRIKAM.COM', null], [null, null])).toEqual(['anna@fabrikam.com']);
  });

  test('every address of a message once, normalised', () => {
    expect(
      addressesOf(
        msg({
          from: ['Anna <ANNA@fabrikam.com>'],
          to: ['annelies@cronus.com', 'anna@fabrikam.com'],
          cc: ['bad', 'Bert@Fabrikam.com'],
        }),
      ),
    ).toEqual(['anna@fabrikam.com', 'annelies@cronus.com', 'bert@fabrikam.com']);
  });
});

describe('classify', () => {
  test('from a contact to one of ours → inbound, initiated by them, the recipient salesperson', () => {
    expect(classify(msg({ from: ['ANNA@Fabrikam.com'], to: ['Annelies <annelies@cronus.com>'] }), book)).toEqual({
      kind: 'log',
      entries: [{ contactId: 1, informationFlow: 'inbound', initiatedBy: 'them', salespersonId: 11 }],
    });
  });

  test("inbound to a shared mailbox of ours: no salesperson (the contact's own is used later)", () => {
    expect(classify(msg({ from: ['anna@fabrikam.com'], to: ['sales@cronus.com'] }), book)).toEqual({
      kind: 'log',
      entries: [{ contactId: 1, informationFlow: 'inbound', initiatedBy: 'them', salespersonId: null }],
    });
  });

  test('from ours to several contacts in To and Cc → one outbound entry per contact, the sender salesperson', () => {
    const v = classify(
      msg({
        from: ['jan@cronus-sales.be'],
        to: ['Lise@Litware.com', 'x@unknown.org'],
        cc: ['BERT@fabrikam.com', 'lise@litware.com'],
      }),
      book,
    );
    expect(v).toEqual({
      kind: 'log',
      entries: [4, 2, 3].map((contactId) => ({
        contactId,
        informationFlow: 'outbound',
        initiatedBy: 'us',
        salespersonId: 12,
      })),
    });
    const split = classify(
      msg({ from: ['jan@cronus-sales.be'], to: ['anna@fabrikam.com', 'x@unknown.org'], cc: ['bert@fabrikam.com'] }),
      book,
    );
    expect(split.kind === 'log' && split.entries.map((e) => e.contactId)).toEqual([1, 2, 3]);
  });

  test('a colleague entered as a contact is still ours: internal mail is not logged', () => {
    expect(classify(msg({ from: ['annelies@cronus.com'], to: ['colleague@cronus.com'] }), book)).toEqual({
      kind: 'unmatched',
      reason: 'Sent by annelies@cronus.com (ours), but no recipient is a contact.',
    });
    expect(classify(msg({ from: ['colleague@cronus.com'], to: ['anna@fabrikam.com'] }), book)).toEqual({
      kind: 'log',
      entries: [{ contactId: 1, informationFlow: 'outbound', initiatedBy: 'us', salespersonId: null }],
    });
  });

  test('nobody known → unmatched with the reason', () => {
    expect(classify(msg({ from: ['someone@new.org'], to: ['annelies@cronus.com'] }), book)).toEqual({
      kind: 'unmatched',
      reason: 'No contact has the address someone@new.org.',
    });
    expect(classify(msg({ from: [], to: ['annelies@cronus.com'] }), book)).toEqual({
      kind: 'unmatched',
      reason: 'The message has no sender address.',
    });
  });

  test('a hand-linked message takes its direction from the sender', () => {
    expect(
      entryForLinkedContact(msg({ from: ['someone@new.org'], to: ['x@y.org', 'annelies@cronus.com'] }), 7, book),
    ).toEqual({ contactId: 7, informationFlow: 'inbound', initiatedBy: 'them', salespersonId: 11 });
    expect(entryForLinkedContact(msg({ from: ['Jan@cronus-sales.be'], to: ['someone@new.org'] }), 7, book)).toEqual({
      contactId: 7,
      informationFlow: 'outbound',
      initiatedBy: 'us',
      salespersonId: 12,
    });
  });
});

describe('entry values and run plan', () => {
  test('subject clipped to 100 characters, blank → null', () => {
    expect(clip('  Quote\n  for   2025 ')).toBe('Quote for 2025');
    expect(clip('x'.repeat(120))).toBe(`${'x'.repeat(99)}…`);
    expect(clip('   ')).toBeNull();
  });
  test('date and time from the message (UTC), else now', () => {
    expect(entryMoment(new Date('2025-03-04T09:15:30+02:00'))).toEqual({ date: '2025-03-04', time: '07:15:30' });
    expect(entryMoment(null, new Date('2025-01-02T03:04:05Z'))).toEqual({ date: '2025-01-02', time: '03:04:05' });
    expect(entryMoment(new Date('nonsense'), new Date('2025-01-02T03:04:05Z')).date).toBe('2025-01-02');
    // On the clock of the plugin's time zone: Brussels in winter (+01:00) and summer (+02:00), a date past midnight.
    const brussels = (iso: string) => entryMoment(new Date(iso), undefined, 'Europe/Brussels');
    expect(brussels('2025-01-09T08:34:00Z')).toEqual({ date: '2025-01-09', time: '09:34:00' });
    expect(brussels('2025-07-09T08:34:00Z')).toEqual({ date: '2025-07-09', time: '10:34:00' });
    expect(brussels('2025-03-04T23:30:00Z')).toEqual({ date: '2025-03-05', time: '00:30:00' });
    expect(entryMoment(new Date('2025-01-09T08:34:00Z'), undefined, 'Nowhere/Town')).toEqual({
      date: '2025-01-09',
      time: '08:34:00',
    });
  });
  test('message id and key', () => {
    expect(normaliseMessageId(' <abc@host> ')).toBe('abc@host');
    expect(normaliseMessageId('')).toBeNull();
    expect(logKey('abc@host', 7)).toBe('7:abc@host');
  });
  test('batch size 0 = all, in chunks', () => {
    expect(batchPlan(0)).toEqual({ limit: Infinity, chunk: 200 });
    expect(batchPlan(25)).toEqual({ limit: 25, chunk: 25 });
    expect(batchPlan(1000)).toEqual({ limit: 1000, chunk: 200 });
  });
  test('next run after the interval (at least 10 s, default 300 s)', () => {
    const t = new Date('2025-01-01T00:00:00Z');
    expect(nextRunAt(t, 60).toISOString()).toBe('2025-01-01T00:01:00.000Z');
    expect(nextRunAt(t, null).toISOString()).toBe('2025-01-01T00:05:00.000Z');
  });
  test('a save is judged on the values it leaves (sent, else stored) and names a field it sends', () => {
    const stored = { emailImapHost: 'imap.cronus.com', emailQueueFolder: 'Queue', emailStorageFolder: 'Logged' };
    expect(emailSetupSaveRefusal({ emailStorageFolder: 'Archive' }, stored)).toBeNull();
    const storage = emailSetupSaveRefusal({ emailStorageFolder: 'Queue' }, stored);
    expect([storage?.message, storage?.path]).toEqual([
      'The storage folder must be another folder than the queue folder: logged messages are moved there.',
      ['emailStorageFolder'],
    ]);
    expect(emailSetupSaveRefusal({ emailQueueFolder: 'Logged' }, stored)?.path).toEqual(['emailQueueFolder']);
    expect(emailSetupSaveRefusal({ emailImapHost: 'bad host!' }, null)?.path).toEqual(['emailImapHost']);
    expect(emailSetupSaveRefusal({}, null)).toBeNull();
  });
  test('a host that is no host name, or the storage folder as the queue: one rule for the save, the test and the run', () => {
    expect(emailSetupConflict({ host: 'imap.cronus.com', queueFolder: 'Queue', storageFolder: 'Logged' })).toBeNull();
    for (const host of ['localhost', '10.0.0.7', '::1', '[fe80::1]', 'IMAP.Cronus.com.'])
      expect(emailSetupConflict({ host })).toBeNull();
    expect(emailSetupConflict({ host: 'bad host name!' })).toEqual({
      message: '"bad host name!" is not a host name or IP address: write it like imap.cronus.com.',
      field: 'emailImapHost',
    });
    expect(emailSetupConflict({ host: 'imap_cronus.com' })?.field).toBe('emailImapHost');
    expect(emailSetupConflict({ queueFolder: ' Logged ', storageFolder: 'Logged' })?.field).toBe('emailQueueFolder');
    expect(emailSetupConflict({ queueFolder: 'inbox', storageFolder: 'INBOX' })?.field).toBe('emailQueueFolder');
    expect(emailSetupConflict({ queueFolder: 'Queue', storageFolder: null })).toBeNull();
    const full = { host: 'bad host', user: 'log', password: 'x', queueFolder: 'Queue', storageFolder: 'Logged' };
    expect(connectionSettingsProblem(full)).toBe(
      '"bad host" is not a host name or IP address: write it like imap.cronus.com.',
    );
  });
  test('missing connection settings are named, in a sentence', () => {
    const full = { host: 'imap.cronus.com', user: 'log', password: 'x', queueFolder: 'Queue', storageFolder: 'Logged' };
    expect(connectionSettingsProblem(full)).toBeNull();
    expect(connectionSettingsProblem({ ...full, storageFolder: 'Queue' })).toBe(
      'The storage folder must be another folder than the queue folder: logged messages are moved there.',
    );
    expect(missingConnectionSettings({ host: 'h', user: 'u', queueFolder: 'Q', storageFolder: 'S' })).toEqual([
      'the password (environment variable MARKETING_SETUP_IMAP_PASSWORD)',
    ]);
    expect(connectionSettingsProblem({ ...full, host: '' })).toBe(
      'E-mail logging is not set up completely: the IMAP host is missing.',
    );
    expect(connectionSettingsProblem({ ...full, host: '', user: '', queueFolder: '' })).toBe(
      'E-mail logging is not set up completely: the IMAP host, the IMAP user and the queue folder are missing.',
    );
  });
});

describe('IMAP errors in words', () => {
  const at = '127.0.0.1:1143';
  test.each([
    [
      { authenticationFailed: true, message: 'Command failed', responseText: 'Authentication failed.' },
      'The IMAP server at 127.0.0.1:1143 refused the user name or password.',
    ],
    [
      { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' },
      'Cannot reach the IMAP server at 127.0.0.1:1143: the connection was refused (is it running, is the port right?).',
    ],
    [{ code: 'ENOTFOUND' }, 'Cannot reach the IMAP server at 127.0.0.1:1143: the host name is unknown.'],
    [{ code: 'ETIMEDOUT' }, 'The IMAP server at 127.0.0.1:1143 did not answer in time.'],
    [
      { code: 'ERR_SSL_WRONG_VERSION_NUMBER', message: 'wrong version number' },
      'The secure (TLS) connection to 127.0.0.1:1143 failed: check the TLS setting and the port (wrong version number).',
    ],
    [
      {
        code: 'ERR_SSL_WRONG_VERSION_NUMBER',
        message:
          '806C08FC777F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:355:',
      },
      'The secure (TLS) connection to 127.0.0.1:1143 failed: check the TLS setting and the port (wrong version number).',
    ],
    [{ message: 'Mailbox is locked' }, 'IMAP error at 127.0.0.1:1143: Mailbox is locked.'],
  ])('%p', (err, text) => expect(describeImapError(err, at)).toBe(text));
});

test('bodyToStore: empty → null; CRLF → LF, trimmed; over the limit cut at a character boundary with a note, within the limit', () => {
  expect(bodyToStore(null)).toBeNull();
  expect(bodyToStore('  \r\n ')).toBeNull();
  expect(bodyToStore('Hi,\r\n\r\nthanks.\r\n')).toBe('Hi,\n\nthanks.');
  const cut = bodyToStore('€'.repeat(100), 200)!; // 300 bytes, 3 per character
  expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(200);
  expect(cut).toMatch(/^€+\n\n\[Truncated: the message body has 1 KB; the first 0 KB are stored\.\]$/);
  expect(cut).not.toContain('\uFFFD');
  expect(bodyToStore('x'.repeat(64 * 1024))).toHaveLength(64 * 1024);
});

test('control characters: removed from a stored body (tab and line breaks kept), a space in a subject or sender name', () => {
  expect(bodyToStore('Ring\u0007 the bell\u0000.\r\n\tIndented\rold Mac line\u007F')).toBe(
    'Ring the bell.\n\tIndented\rold Mac line',
  );
  expect(bodyToStore('\u0000\u0007')).toBeNull();
  expect(clip('Unknown\u0007bell\u0000')).toBe('Unknown bell');
  const row = reviewRowOf(
    { messageId: 'm@x', from: ['who@x.be'], to: [], cc: [], subject: 'Unknown\u0007bell', date: null },
    'Who\u0001 Ever',
    null,
    'No contact has the address who@x.be.',
  );
  expect(row).toMatchObject({ subject: 'Unknown bell', senderName: 'Who Ever' });
});

describe('our domains as a run reads them', () => {
  test('a valid list is read as parseOurDomains reads it', () => {
    expect(ourDomainsOf('Cronus.com; @cronus.co.uk')).toEqual(['cronus.com', 'cronus.co.uk']);
    expect(ourDomainsOf(null)).toEqual([]);
    expect(ourDomainsOf(undefined)).toEqual([]);
  });
  test('a value stored before the check keeps its valid words instead of stopping the run', () => {
    expect(ourDomainsOf('Cronus.com, cronus, litware.be')).toEqual(['cronus.com', 'litware.be']);
  });
});

describe('IMAP settings', () => {
  const saved = {
    emailImapHost: ' imap.cronus.com ',
    emailImapPort: 993,
    emailImapTls: true,
    emailImapUser: 'crm-log',
    emailQueueFolder: 'CRM Queue',
    emailStorageFolder: 'CRM Logged',
  };
  test('the saved settings, trimmed, with the password from the environment', () => {
    expect(imapSettingsOf(saved, 'secret')).toEqual({
      host: 'imap.cronus.com',
      port: 993,
      tls: true,
      user: 'crm-log',
      password: 'secret',
      queueFolder: 'CRM Queue',
      storageFolder: 'CRM Logged',
    });
  });
  test('the unsaved form wins where it says something; null keeps the saved value', () => {
    expect(imapSettingsOf(saved, 'secret', { host: '127.0.0.1', port: 1143, tls: false, user: null })).toMatchObject({
      host: '127.0.0.1',
      port: 1143,
      tls: false,
      user: 'crm-log',
    });
  });
  test('nothing saved: port 993 with TLS, the rest empty', () => {
    expect(imapSettingsOf({}, '')).toEqual({
      host: '',
      port: 993,
      tls: true,
      user: '',
      password: '',
      queueFolder: '',
      storageFolder: '',
    });
  });
});

describe('review list', () => {
  test('only an open row can be decided on', () => {
    expect(() => assertReviewOpen({ status: 'open' })).not.toThrow();
    expect(() => assertReviewOpen({ status: 'ignored' })).toThrow('This e-mail was already ignored; nothing to do.');
  });
  test('a message that could not be read cannot be logged', () => {
    expect(() => assertReviewLoggable({ status: 'open', error: null })).not.toThrow();
    expect(() =>
      assertReviewLoggable({ status: 'open', error: 'The message has no readable sender address (From).' }),
    ).toThrow('This e-mail could not be read, so it cannot be logged; ignore it.');
    expect(() => assertReviewLoggable({ status: 'linked' })).toThrow(
      'This e-mail was already linked to a contact; nothing to do.',
    );
  });
  test('a contact from the sender: the name asked for, else the sender name, else the address', () => {
    const review = { status: 'open', sender: 'Lise Janssens <Lise@Litware.com>', senderName: 'Lise Janssens' };
    expect(contactFromSender(review, { name: '  Lise J.  ' })).toEqual({ email: 'lise@litware.com', name: 'Lise J.' });
    expect(contactFromSender(review, { name: ' ' })).toEqual({ email: 'lise@litware.com', name: 'Lise Janssens' });
    expect(contactFromSender({ ...review, senderName: null }, {})).toEqual({
      email: 'lise@litware.com',
      name: 'lise@litware.com',
    });
    expect(() => contactFromSender({ status: 'open', sender: 'undisclosed' }, {})).toThrow(
      'This e-mail has no sender address to create a contact from.',
    );
    expect(() => contactFromSender({ ...review, status: 'created' }, {})).toThrow('already created');
  });
  test('mail one of us sent: the contact is the first recipient outside, never our own salesperson', () => {
    const ours = { salespersonByAddress: new Map([['ab@cronus.be', 1]]), ourDomains: ['cronus.be'] };
    const sent = {
      status: 'open',
      sender: 'ab@cronus.be',
      senderName: 'Annelies Bauwens',
      toAddresses: 'jr@cronus.be, Koen.Verhoeven@Haven.be',
      ccAddresses: 'els@other.be',
    };
    expect(contactFromSender(sent, {}, ours)).toEqual({
      email: 'koen.verhoeven@haven.be',
      name: 'koen.verhoeven@haven.be',
    });
    expect(contactFromSender(sent, { name: 'Koen Verhoeven' }, ours)).toEqual({
      email: 'koen.verhoeven@haven.be',
      name: 'Koen Verhoeven',
    });
    expect(() => contactFromSender({ ...sent, toAddresses: 'jr@cronus.be', ccAddresses: null }, {}, ours)).toThrow(
      'This e-mail was sent by one of us to no one outside: there is no one to create a contact from.',
    );
  });
  test('the actions a review row offers are those its rules accept: internal mail offers no Create contact', () => {
    const ours = { salespersonByAddress: new Map([['ab@cronus.be', 1]]), ourDomains: ['cronus.be'] };
    const internal = { status: 'open', sender: 'ab@cronus.be', toAddresses: 'jr@cronus.be', ccAddresses: null };
    expect(reviewActions(internal, ours)).toEqual(['link', 'ignore']);
    // The same mail with someone outside among the recipients: a contact can be made of that one.
    expect(reviewActions({ ...internal, ccAddresses: 'els@other.be' }, ours)).toEqual([
      'link',
      'createContact',
      'ignore',
    ]);
    expect(reviewActions({ status: 'open', sender: 'lise@litware.com' }, ours)).toEqual([
      'link',
      'createContact',
      'ignore',
    ]);
    // Unreadable: only ignored; handled: nothing left to do.
    expect(
      reviewActions({ status: 'open', error: 'The message has no readable sender address (From).' }, ours),
    ).toEqual(['ignore']);
    expect(reviewActions({ status: 'linked', sender: 'lise@litware.com' }, ours)).toEqual([]);
  });
  test('the contact type: person unless company is asked for', () => {
    expect(contactTypeOf(undefined)).toBe('person');
    expect(contactTypeOf('company')).toBe('company');
    expect(() => contactTypeOf('vendor')).toThrow('Type must be person or company.');
  });
  test('the query: open by default, all or a status, pages of 1..100 rows', () => {
    const statuses = ['open', 'linked', 'created', 'ignored'];
    expect(parseReviewQuery({}, statuses)).toEqual({ status: 'open', page: 1, pageSize: 25 });
    expect(parseReviewQuery({ status: 'all', page: '3', pageSize: '500' }, statuses)).toEqual({
      status: 'all',
      page: 3,
      pageSize: 100,
    });
    expect(parseReviewQuery({ status: 'linked', page: '-2', pageSize: 'x' }, statuses)).toEqual({
      status: 'linked',
      page: 1,
      pageSize: 25,
    });
    expect(() => parseReviewQuery({ status: 'done' }, statuses)).toThrow(
      'Status must be one of: open, linked, created, ignored, all.',
    );
  });
  test('the row of an unmatched message: addresses as lists, the reason; a read error instead of a reason', () => {
    const message: MailMessage = {
      messageId: 'm1@litware.com',
      from: ['lise@litware.com'],
      to: ['sales@cronus.com', 'jan@cronus.com'],
      cc: [],
      subject: 'Order 1001',
      date: new Date('2025-03-04T09:15:30Z'),
    };
    expect(reviewRowOf(message, 'Lise Janssens', null, 'No contact has the address lise@litware.com.')).toEqual({
      messageId: 'm1@litware.com',
      sender: 'lise@litware.com',
      senderName: 'Lise Janssens',
      toAddresses: 'sales@cronus.com, jan@cronus.com',
      ccAddresses: null,
      subject: 'Order 1001',
      sentAt: new Date('2025-03-04T09:15:30Z'),
      reason: 'No contact has the address lise@litware.com.',
      error: null,
      body: null,
    });
    const unreadable = reviewRowOf(
      { ...message, from: [], date: new Date('not a date') },
      null,
      'The message has no readable sender address (From).',
      'ignored',
    );
    expect(unreadable).toMatchObject({
      sender: null,
      sentAt: null,
      reason: null,
      error: 'The message has no readable sender address (From).',
    });
  });
});

describe('a Subject in raw 8-bit bytes', () => {
  const header = (subject: string, contentType = 'text/plain; charset=iso-8859-1') =>
    Buffer.from(`From: a@b.be\r\nSubject: ${subject}\r\nContent-Type: ${contentType}\r\n`, 'latin1');
  test("is read in the message's charset, else Windows-1252", () => {
    expect(eightBitSubject(header('R\xe9union \xe0 Li\xe8ge'))).toBe('Réunion à Liège');
    expect(eightBitSubject(header('Caf\xe9 \x80 5', 'text/plain'))).toBe('Café € 5');
    // Declared UTF-8, but the bytes are not: Windows-1252.
    expect(eightBitSubject(header('Li\xe8ge', 'text/plain; charset="utf-8"'))).toBe('Liège');
  });
  test('a plain ASCII or absent subject is left to the parser', () => {
    expect(eightBitSubject(header('Meeting'))).toBeNull();
    expect(eightBitSubject(Buffer.from('From: a@b.be\r\n', 'latin1'))).toBeNull();
  });
});

describe('missing folders: reported with the folder most likely meant, never created by a test', () => {
  const at = 'imap.example.com:993';
  const flat = ['INBOX', 'Queue', 'Logged', 'Sent', 'Drafts', 'Trash'].map((path) => ({ path, delimiter: '/' }));

  test('a typo of an existing folder: missing, with the nearest one in words', () => {
    const missing = missingFolders({ queueFolder: 'Qeue', storageFolder: 'Logged' }, flat);
    expect(missing).toEqual([{ folder: 'Qeue', role: 'queue', suggestion: 'Queue' }]);
    expect(missingFoldersMessage(missing, at)).toBe(
      'The folder "Qeue" does not exist on imap.example.com:993. Did you mean "Queue"?',
    );
  });

  test('both folders there → nothing missing, no message; INBOX in any case is INBOX', () => {
    expect(missingFolders({ queueFolder: 'Queue', storageFolder: 'Logged' }, flat)).toEqual([]);
    expect(missingFolders({ queueFolder: 'inbox', storageFolder: 'Logged' }, flat)).toEqual([]);
    expect(missingFoldersMessage([], at)).toBeNull();
  });

  test('a name unlike every folder → missing without a suggestion', () => {
    const missing = missingFolders({ queueFolder: 'Queue', storageFolder: 'CRM Archive 2025' }, flat);
    expect(missing).toEqual([{ folder: 'CRM Archive 2025', role: 'storage', suggestion: null }]);
    expect(missingFoldersMessage(missing, at)).toBe(
      'The folder "CRM Archive 2025" does not exist on imap.example.com:993.',
    );
  });

  test('both missing → one sentence each, queue first', () => {
    const missing = missingFolders({ queueFolder: 'Qeue', storageFolder: 'Loged' }, flat);
    expect(missing.map((m) => [m.role, m.suggestion])).toEqual([
      ['queue', 'Queue'],
      ['storage', 'Logged'],
    ]);
    expect(missingFoldersMessage(missing, at)).toBe(
      'The folder "Qeue" does not exist on imap.example.com:993. Did you mean "Queue"? ' +
        'The folder "Loged" does not exist on imap.example.com:993. Did you mean "Logged"?',
    );
  });

  test('names differ only in case: missing (IMAP names are case-sensitive), the cased one suggested', () => {
    expect(missingFolders({ queueFolder: 'queue', storageFolder: 'Logged' }, flat)).toEqual([
      { folder: 'queue', role: 'queue', suggestion: 'Queue' },
    ]);
  });

  test('a server that nests folders under INBOX: the last level is compared too', () => {
    const nested = ['INBOX', 'INBOX.CRM Queue', 'INBOX.Sent'].map((path) => ({ path, delimiter: '.' }));
    expect(nearestFolder('CRM Qeue', nested)).toBe('INBOX.CRM Queue');
    expect(nearestFolder('CRM Queue', nested)).toBe('INBOX.CRM Queue');
  });

  test('the nearest of several, by Jaro-Winkler; no folders → no suggestion', () => {
    const folders = ['CRM Queue', 'CRM Logged', 'Queue old'].map((path) => ({ path }));
    expect(nearestFolder('CRM Loged', folders)).toBe('CRM Logged');
    expect(nearestFolder('CRM Qeueu', folders)).toBe('CRM Queue');
    expect(nearestFolder('Qeue', [])).toBeNull();
  });
});

test('Create missing folders: only the missing folders without a likely meant one', () => {
  const missing = [
    { folder: 'Qeue', role: 'queue' as const, suggestion: 'Queue' },
    { folder: 'Logged', role: 'storage' as const, suggestion: null },
  ];
  expect(creatableFolders(missing)).toEqual([missing[1]]);
  expect(creatableFolders([missing[0]])).toEqual([]);
});

test('Create contact: a wrong type or an unknown field is refused; a second action says what was done', () => {
  expect(() => parseCreateContactBody({ name: 123 })).toThrow(
    "Name must be text (leave it out or blank to use the sender's name).",
  );
  expect(() => parseCreateContactBody({ type: 'company', extra: 1 })).toThrow('Unknown field(s): extra.');
  expect(parseCreateContactBody({ type: 'company', name: '' })).toEqual({ type: 'company', name: '' });
  expect(() => assertReviewOpen({ status: 'created' })).toThrow(
    'A contact was already created from this e-mail; nothing to do.',
  );
});
