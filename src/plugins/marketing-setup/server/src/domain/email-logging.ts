/**
 * E-mail logging (reference: Setting Up Email Logging; interaction template setup "E-mails"): which
 * contacts a message is logged for, in which direction, with which salesperson; how the addresses are
 * compared; how the setup's list of our domains is read; what an IMAP failure means to a person. Pure.
 */
import { decodeWindows1252 } from './windows-1252';
import { RuleViolation } from './errors';
import { withoutControlCharacters } from './input-guard';
import { longerThan, shortenText } from './text-length';
import { jaroWinkler } from './duplicates/jaro-winkler';

/** A parsed message as the logging needs it (addresses as written; normalised here). */
export interface MailMessage {
  messageId: string;
  from: string[];
  to: string[];
  cc: string[];
  subject: string | null;
  date: Date | null;
  /** The plain-text body (bodyToStore), only read when the setup stores bodies. */
  body?: string | null;
}

/** What the database knows of an address: the contacts with it as e-mail / e-mail 2, the salesperson with it. */
export interface AddressBook {
  contactsByAddress: Map<string, number[]>;
  salespersonByAddress: Map<string, number>;
  ourDomains: string[];
}

export interface EmailEntry {
  contactId: number;
  informationFlow: 'inbound' | 'outbound';
  initiatedBy: 'us' | 'them';
  /** The salesperson whose address took part (sender of an outbound, recipient of an inbound); null = none. */
  salespersonId: number | null;
}

export type Verdict = { kind: 'log'; entries: EmailEntry[] } | { kind: 'unmatched'; reason: string };

const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/**
 * An address in the one form addresses are compared in: trimmed, angle brackets and a "mailto:" dropped,
 * lower case (what Business Central's case-insensitive search e-mail does); null when it is not an address.
 */
export function normaliseAddress(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  let s = raw.trim();
  const angle = /<([^<>]*)>\s*$/.exec(s);
  if (angle) s = angle[1].trim();
  s = s.replace(/^mailto:/i, '').toLowerCase();
  return ADDRESS.test(s) ? s : null;
}

/** Every distinct normalised address of a list (invalid ones left out). */
export const normaliseAll = (list: readonly unknown[]): string[] => [
  ...new Set(list.map(normaliseAddress).filter((a): a is string => !!a)),
];

/**
 * The addresses an E-mail field holds, normalised: Business Central lets the field hold several separated by
 * ";" (assertEmail accepts that too), and mail from any of them is the contact's.
 */
export const addressesOfField = (raw: unknown): string[] =>
  typeof raw === 'string' ? normaliseAll(raw.split(';')) : [];

/**
 * The addresses a contact owns: those of its E-mail and E-mail 2 fields that are not its company's (a person
 * whose address is the company's mailbox, inherited or typed the same, does not own it).
 */
export function ownAddresses(fields: readonly unknown[], companyFields: readonly unknown[]): string[] {
  const company = new Set(companyFields.flatMap(addressesOfField));
  return [...new Set(fields.flatMap(addressesOfField))].filter((a) => !company.has(a));
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

const DOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/** Outcome of a run as the admin shows it. */
export type RunStatus = 'ok' | 'error' | 'noTemplate' | 'disabled' | 'busy';

export interface RunResult {
  status: RunStatus;
  processed: number;
  logged: number;
  unmatched: number;
  failed: number;
  /** Messages still in the queue after the run; null when the run could not count them (it stopped before). */
  left: number | null;
  error: string | null;
}

/**
 * The setup's "our domains" (comma, semicolon, space or newline separated; "@cronus.com" = "cronus.com").
 * A word that is not a domain name is refused with its name, so a typo does not silently log nothing.
 */
export function parseOurDomains(raw: unknown): string[] {
  if (raw === null || raw === undefined) return [];
  if (typeof raw !== 'string')
    throw new RuleViolation('Our domains must be text, e.g. "cronus.com, cronus.co.uk".', 'emailOurDomains');
  const out: string[] = [];
  for (const word of raw
    .split(/[\s,;]+/)
    .map((w) => w.trim().replace(/^@/, '').toLowerCase())
    .filter(Boolean)) {
    if (!DOMAIN.test(word))
      throw new RuleViolation(`"${word}" is not a domain name (write it like cronus.com).`, 'emailOurDomains');
    if (!out.includes(word)) out.push(word);
  }
  return out;
}

/**
 * Our domains as a run uses them: a value stored before parseOurDomains checked it keeps its valid
 * words (a run does not stop on a typo the settings page would have refused).
 */
export function ourDomainsOf(raw: unknown): string[] {
  try {
    return parseOurDomains(raw ?? null);
  } catch {
    return String(raw ?? '')
      .split(/[\s,;]+/)
      .filter((d) => /^[a-z0-9.-]+\.[a-z]+$/i.test(d))
      .map((d) => d.toLowerCase());
  }
}

/** Whether an address is one of ours: a salesperson's e-mail, or at one of our domains (sub-domains included). */
export function isOurs(address: string, book: Pick<AddressBook, 'salespersonByAddress' | 'ourDomains'>): boolean {
  if (book.salespersonByAddress.has(address)) return true;
  const domain = domainOf(address);
  return book.ourDomains.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/** The addresses of a message that need a look-up (sender and every recipient), normalised. */
export const addressesOf = (m: MailMessage) => normaliseAll([...m.from, ...m.to, ...m.cc]);

const contactsOf = (addresses: string[], book: AddressBook) => {
  const ids: number[] = [];
  for (const a of addresses) for (const id of book.contactsByAddress.get(a) ?? []) if (!ids.includes(id)) ids.push(id);
  return ids;
};
const salespersonAmong = (addresses: string[], book: AddressBook) => {
  for (const a of addresses) if (book.salespersonByAddress.has(a)) return book.salespersonByAddress.get(a)!;
  return null;
};

/**
 * Which contacts a message is logged for, and how:
 * - sent by one of ours → outbound, initiated by us, one entry per contact among To and Cc, with the
 *   sending salesperson;
 * - sent by a contact (not ours) → inbound, initiated by them, an entry for that contact (every contact with
 *   that address), with the first salesperson among the recipients (none: the contact's own, filled in later);
 * - otherwise (nobody known, or only our own people) → unmatched, with the reason for the review list.
 * Our addresses win over a contact with the same address: a colleague entered as a contact is still us.
 */
export function classify(m: MailMessage, book: AddressBook): Verdict {
  const from = normaliseAll(m.from);
  const recipients = normaliseAll([...m.to, ...m.cc]);
  if (!from.length) return { kind: 'unmatched', reason: 'The message has no sender address.' };
  const sender = from[0];
  if (isOurs(sender, book)) {
    const contacts = contactsOf(
      recipients.filter((a) => !isOurs(a, book)),
      book,
    );
    if (!contacts.length)
      return { kind: 'unmatched', reason: `Sent by ${sender} (ours), but no recipient is a contact.` };
    const salespersonId = book.salespersonByAddress.get(sender) ?? null;
    return {
      kind: 'log',
      entries: contacts.map((contactId) => ({
        contactId,
        informationFlow: 'outbound',
        initiatedBy: 'us',
        salespersonId,
      })),
    };
  }
  const senders = contactsOf([sender], book);
  if (!senders.length) return { kind: 'unmatched', reason: `No contact has the address ${sender}.` };
  const salespersonId = salespersonAmong(recipients, book);
  return {
    kind: 'log',
    entries: senders.map((contactId) => ({
      contactId,
      informationFlow: 'inbound',
      initiatedBy: 'them',
      salespersonId,
    })),
  };
}

/**
 * A message from the review list linked by hand to a contact: the direction comes from the sender
 * (ours → outbound with that salesperson; anybody else → inbound, with the first of our salespeople among the recipients).
 */
export function entryForLinkedContact(m: MailMessage, contactId: number, book: AddressBook): EmailEntry {
  const sender = normaliseAll(m.from)[0];
  if (sender && isOurs(sender, book)) {
    return {
      contactId,
      informationFlow: 'outbound',
      initiatedBy: 'us',
      salespersonId: book.salespersonByAddress.get(sender) ?? null,
    };
  }
  return {
    contactId,
    informationFlow: 'inbound',
    initiatedBy: 'them',
    salespersonId: salespersonAmong(normaliseAll([...m.to, ...m.cc]), book),
  };
}

/**
 * The one-line texts of an entry and a review row (subject, sender name): control characters (a mail may carry a
 * bell or a NUL; the write rules refuse them, PostgreSQL cannot store U+0000) and runs of white space become one
 * space; at most `max` characters (100: the entry's description and subject).
 */
export const clip = (s: string | null | undefined, max = 100): string | null => {
  const t = withoutControlCharacters(s ?? '', ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!t) return null;
  return longerThan(t, max) ? `${shortenText(t, max - 1)}…` : t;
};

/** At most this many bytes (UTF-8) of a body are stored: a log, not an archive of the mailbox. */
export const BODY_MAX_BYTES = 64 * 1024;

/**
 * The plain-text body as stored (setup "Store message bodies"): control characters removed (tab and line breaks
 * kept; a body with a NUL or a bell could never be written, and its message stayed in the queue); empty → null; longer than `max` bytes →
 * cut at a character boundary, with a note of the full size so nobody takes the stored text for all of it.
 */
export function bodyToStore(text: string | null | undefined, max = BODY_MAX_BYTES): string | null {
  const t = withoutControlCharacters((text ?? '').replace(/\r\n/g, '\n')).trim();
  if (!t) return null;
  const size = Buffer.byteLength(t, 'utf8');
  if (size <= max) return t;
  const note = `\n\n[Truncated: the message body has ${Math.ceil(size / 1024)} KB; the first ${Math.floor(max / 1024)} KB are stored.]`;
  // Cut by bytes, then drop a character the cut split in two (U+FFFD at the end).
  const head = Buffer.from(t, 'utf8')
    .subarray(0, max - Buffer.byteLength(note, 'utf8'))
    .toString('utf8')
    .replace(/\uFFFD+$/, '');
  return head + note;
}

/**
 * The entry's date and time from the message's Date header (no usable date → now), on the clock of `timeZone` (an
 * IANA zone such as "Europe/Brussels"; default UTC). An interaction entry's date and time are wall-clock values, as
 * an admin types them in the form, so a mail sent at 09:34 in Brussels is an entry of 09:34, not 08:34. An unknown
 * zone counts as UTC.
 */
export function entryMoment(date: Date | null, now: Date = new Date(), timeZone = 'UTC') {
  const d = date && !Number.isNaN(date.getTime()) ? date : now;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(d);
  } catch {
    return entryMoment(d, now, 'UTC');
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}:${part('second')}`,
  };
}

/**
 * A Subject header written in raw 8-bit bytes (no =?charset?…?= encoding), as some mailers send it, read in the charset
 * the message declares in its Content-Type, else Windows-1252 — mailparser reads such bytes as UTF-8 and makes them
 * "�" ("R�union � Li�ge"). `header`: the message's header block, as bytes. Null when there is no such subject.
 */
export function eightBitSubject(header: Uint8Array): string | null {
  // One character per byte (TextDecoder's "latin1" is Windows-1252, which would turn 0x80 into "€" here).
  const text = Array.from(header, (b) => String.fromCharCode(b))
    .join('')
    .replace(/\r?\n[ \t]+/g, ' ');
  const value = /^Subject:[ \t]*(.*)$/im.exec(text)?.[1];
  if (value === undefined || !/[\x80-\xff]/.test(value)) return null;
  const bytes = Uint8Array.from(value, (ch) => ch.charCodeAt(0));
  const declared = /^Content-Type:.*?charset="?([\w.:-]+)"?/im.exec(text)?.[1];
  if (declared && !/^(windows-1252|cp1252|iso-8859-1|latin1|us-ascii)$/i.test(declared)) {
    try {
      return new TextDecoder(declared, { fatal: true }).decode(bytes).trim();
    } catch {
      // An unknown charset, or bytes it cannot hold: Windows-1252 (a superset of Latin-1's letters).
    }
  }
  return decodeWindows1252(bytes).trim();
}

/** The unique key of (message, contact): what the database's unique index holds, so nothing is logged twice. */
export const logKey = (messageId: string, contactId: number) => `${contactId}:${messageId}`;

/** A message-id as stored: angle brackets dropped, at most 900 characters (an index entry stays small). */
export function normaliseMessageId(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim().replace(/^<|>$/g, '').trim();
  return s ? shortenText(s, 900) : null;
}

/**
 * The longest message-id stored as it is. A text column of the plugin holds 255 characters on PostgreSQL (Strapi's
 * string type), and the logged entry's key is "<contact id>:<message-id>": a longer id is stored as its SHA-256
 * (the adapter hashes it), the same for the same message, so it is still logged once — before, such a message
 * failed on every run and stayed in the queue.
 */
export const MESSAGE_ID_MAX = 200;

/** A review row's subject is cut to what its column holds (255 characters on PostgreSQL). */
export const REVIEW_SUBJECT_MAX = 255;

/** Messages per run: the setup's batch size, 0 = every message in the queue (read in chunks of `chunk`). */
export const batchPlan = (batchSize: unknown, chunk = 200) => {
  const n = Number(batchSize);
  const limit = Number.isInteger(n) && n > 0 ? n : Infinity;
  return { limit, chunk: Math.min(chunk, limit) };
};

/** When the next run is due: `intervalSeconds` (at least 10, default 300) after `from`. */
export function nextRunAt(from: Date, intervalSeconds: unknown): Date {
  const n = Number(intervalSeconds);
  const s = Number.isFinite(n) && n >= 10 ? n : 300;
  return new Date(from.getTime() + s * 1000);
}

/** What the connection settings lack before anything can connect; empty = complete. */
export function missingConnectionSettings(s: {
  host?: unknown;
  user?: unknown;
  password?: unknown;
  queueFolder?: unknown;
  storageFolder?: unknown;
}) {
  const missing: string[] = [];
  if (!s.host) missing.push('the IMAP host');
  if (!s.user) missing.push('the IMAP user');
  if (!s.password) missing.push('the password (environment variable MARKETING_SETUP_IMAP_PASSWORD)');
  if (!s.queueFolder) missing.push('the queue folder');
  if (!s.storageFolder) missing.push('the storage folder');
  return missing;
}

const HOST_LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST_NAME = new RegExp(`^(?=.{1,253}$)${HOST_LABEL}(?:\\.${HOST_LABEL})*\\.?$`, 'i');
/** An IPv6 address, bracketed or not (its form is the socket's to check; letters other than a–f are not one). */
const IPV6 = /^\[?[0-9a-f]*:[0-9a-f:.]*:[0-9a-f.]*\]?$/i;

/**
 * What makes an e-mail setup unusable whatever else is filled in: a host that is no host name or IP address, or
 * the storage folder the same as the queue folder. Null when neither. One rule for the settings' save (which
 * refuses it with a 400 on `field`), the connection test and the run, so the save cannot accept what they refuse.
 */
export function emailSetupConflict(s: {
  host?: unknown;
  queueFolder?: unknown;
  storageFolder?: unknown;
}): { message: string; field: 'emailImapHost' | 'emailQueueFolder' } | null {
  const host = typeof s.host === 'string' ? s.host.trim() : '';
  if (host && !HOST_NAME.test(host) && !IPV6.test(host))
    return {
      message: `"${host}" is not a host name or IP address: write it like imap.cronus.com.`,
      field: 'emailImapHost',
    };
  const queue = typeof s.queueFolder === 'string' ? s.queueFolder.trim() : '';
  const storage = typeof s.storageFolder === 'string' ? s.storageFolder.trim() : '';
  if (queue && storage && sameFolder(queue, storage))
    return {
      message: 'The storage folder must be another folder than the queue folder: logged messages are moved there.',
      field: 'emailQueueFolder',
    };
  return null;
}

type ConnectionField = 'emailImapHost' | 'emailQueueFolder' | 'emailStorageFolder';

/**
 * A settings save's refusal of an unusable e-mail setup (emailSetupConflict) over the values it leaves — those it
 * sends, else those stored —, naming a field it sends: a storage folder sent equal to the stored queue folder is the
 * storage folder's fault. Null when the save may go through.
 */
export function emailSetupSaveRefusal(
  sent: Partial<Record<ConnectionField, unknown>>,
  stored: Partial<Record<ConnectionField, unknown>> | null,
): RuleViolation | null {
  const value = (field: ConnectionField) => (sent[field] !== undefined ? sent[field] : stored?.[field]);
  const conflict = emailSetupConflict({
    host: value('emailImapHost'),
    queueFolder: value('emailQueueFolder'),
    storageFolder: value('emailStorageFolder'),
  });
  if (!conflict) return null;
  const field =
    conflict.field === 'emailQueueFolder' && sent.emailQueueFolder === undefined
      ? 'emailStorageFolder'
      : conflict.field;
  return new RuleViolation(conflict.message, field);
}

/** What keeps the connection settings from being used, in one sentence, or null when nothing does. */
export function connectionSettingsProblem(s: Parameters<typeof missingConnectionSettings>[0]): string | null {
  const missing = missingConnectionSettings(s);
  if (missing.length) {
    const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
    return `E-mail logging is not set up completely: ${list} ${missing.length === 1 ? 'is' : 'are'} missing.`;
  }
  return emailSetupConflict(s)?.message ?? null;
}

/** An IMAP or network failure as a person reads it (imapflow sets `authenticationFailed`, node sets `code`). */
export function describeImapError(
  err: { code?: string; authenticationFailed?: boolean; message?: string; responseText?: string } | null | undefined,
  where: string,
): string {
  const code = err?.code ?? '';
  const text = `${err?.responseText ?? ''} ${err?.message ?? ''}`.trim();
  if (err?.authenticationFailed || code === 'AUTHENTICATIONFAILED' || /authenticat/i.test(text)) {
    return `The IMAP server at ${where} refused the user name or password.`;
  }
  if (code === 'ECONNREFUSED')
    return `Cannot reach the IMAP server at ${where}: the connection was refused (is it running, is the port right?).`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `Cannot reach the IMAP server at ${where}: the host name is unknown.`;
  if (
    code === 'ETIMEDOUT' ||
    code === 'ETIMEOUT' ||
    code === 'CONNECT_TIMEOUT' ||
    code === 'GREETING_TIMEOUT' ||
    /timed? ?out/i.test(text)
  ) {
    return `The IMAP server at ${where} did not answer in time.`;
  }
  if (/ssl|tls|certificate|wrong version number|EPROTO/i.test(`${code} ${text}`)) {
    // OpenSSL's own text ("806C…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/…")
    // says what went wrong in its reason part only.
    const reason = /SSL routines:[^:]*:([^:]+)/.exec(text)?.[1]?.trim() ?? (text || code);
    return `The secure (TLS) connection to ${where} failed: check the TLS setting and the port (${reason}).`;
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'NoConnection')
    return `The IMAP server at ${where} closed the connection.`;
  return `IMAP error at ${where}: ${text || code || 'unknown error'}.`;
}

/** The IMAP connection as the job and the connection test use it. */
export interface ImapSettings {
  host: string;
  port: number;
  tls: boolean;
  user: string;
  password: string;
  queueFolder: string;
  storageFolder: string;
}

/** The saved e-mail settings with `overrides` (the unsaved form of the settings page) on top; a null override keeps the saved value. */
export function imapSettingsOf(
  saved: {
    emailImapHost?: unknown;
    emailImapPort?: unknown;
    emailImapTls?: unknown;
    emailImapUser?: unknown;
    emailQueueFolder?: unknown;
    emailStorageFolder?: unknown;
  },
  password: string,
  overrides: { [K in keyof ImapSettings]?: ImapSettings[K] | null } = {},
): ImapSettings {
  const pick = (key: keyof ImapSettings, v: unknown) =>
    overrides[key] !== undefined && overrides[key] !== null ? overrides[key] : v;
  return {
    host: String(pick('host', saved.emailImapHost ?? '') ?? '').trim(),
    port: Number(pick('port', saved.emailImapPort ?? 993)),
    tls: Boolean(pick('tls', saved.emailImapTls ?? true)),
    user: String(pick('user', saved.emailImapUser ?? '') ?? '').trim(),
    password,
    queueFolder: String(pick('queueFolder', saved.emailQueueFolder ?? '') ?? '').trim(),
    storageFolder: String(pick('storageFolder', saved.emailStorageFolder ?? '') ?? '').trim(),
  };
}

/** A folder of the mailbox as the server lists it: its full path and the separator of its levels ("/", "."). */
export interface MailboxFolder {
  path: string;
  delimiter?: string | null;
}

/** A configured folder the mailbox does not have, with the existing folder it is most likely a typo of. */
export interface MissingFolder {
  folder: string;
  role: 'queue' | 'storage';
  /** The nearest existing folder (null: none is near enough to be a likely typo). */
  suggestion: string | null;
}

/** How alike two folder names must be (Jaro-Winkler, case ignored) before one is offered for the other. */
export const FOLDER_SUGGESTION_MIN = 0.8;

/** INBOX is the one name IMAP compares case-insensitively (RFC 3501 5.1); every other name as written. */
const sameFolder = (a: string, b: string) => a === b || (a.toUpperCase() === 'INBOX' && b.toUpperCase() === 'INBOX');

/**
 * The existing folder a typed name most likely meant: the most alike by Jaro-Winkler on lower case, over the
 * whole path and over its last level ("Qeue" → "INBOX.Queue" on a server that nests everything under INBOX),
 * at least FOLDER_SUGGESTION_MIN alike; a tie goes to the first in the server's list. Null when none is.
 */
export function nearestFolder(name: string, existing: readonly MailboxFolder[]): string | null {
  const want = name.toLowerCase();
  let best: string | null = null;
  let bestScore = FOLDER_SUGGESTION_MIN;
  for (const f of existing) {
    if (sameFolder(f.path, name)) continue;
    const leaf = f.delimiter ? f.path.slice(f.path.lastIndexOf(f.delimiter) + f.delimiter.length) : f.path;
    const score = Math.max(jaroWinkler(want, f.path.toLowerCase()), jaroWinkler(want, leaf.toLowerCase()));
    if (score > bestScore || (best === null && score === bestScore)) {
      best = f.path;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Which of the queue and storage folders the mailbox lacks, each with its likely meant folder. The connection
 * test reports them instead of creating them: a typo ("Qeue") would otherwise become a new, empty folder that
 * nothing is ever delivered to, and the test would say all is well.
 */
export function missingFolders(
  wanted: { queueFolder: string; storageFolder: string },
  existing: readonly MailboxFolder[],
): MissingFolder[] {
  const missing: MissingFolder[] = [];
  for (const [role, folder] of [
    ['queue', wanted.queueFolder],
    ['storage', wanted.storageFolder],
  ] as const) {
    if (existing.some((f) => sameFolder(f.path, folder))) continue;
    missing.push({ folder, role, suggestion: nearestFolder(folder, existing) });
  }
  return missing;
}

/**
 * The missing folders *Create missing folders* may create: those with no existing folder near enough to be what
 * was meant. One with a suggestion ("Qeue", "Queue" exists) is most likely a typo: creating it would make a new,
 * empty folder that nothing is delivered to, so it is left for the admin to correct.
 */
export const creatableFolders = (missing: readonly MissingFolder[]) => missing.filter((m) => !m.suggestion);

/**
 * The missing folders in words, one sentence each: 'The folder "Qeue" does not exist on imap.cronus.com:993.
 * Did you mean "Queue"?'. Null when none is missing.
 */
export function missingFoldersMessage(missing: readonly MissingFolder[], where: string): string | null {
  if (!missing.length) return null;
  return missing
    .map(
      (m) =>
        `The folder "${m.folder}" does not exist on ${where}.${m.suggestion ? ` Did you mean "${m.suggestion}"?` : ''}`,
    )
    .join(' ');
}

/** What a review-list decision reads of its row. */
export interface ReviewState {
  status: string;
  error?: string | null;
  sender?: string | null;
  senderName?: string | null;
  /** The recipients, as the review row lists them ("a@x.be, b@y.be"). */
  toAddresses?: string | null;
  ccAddresses?: string | null;
}

/** What a second action on a handled review row is told, by the row's state. */
const ALREADY: Record<string, string> = {
  linked: 'This e-mail was already linked to a contact; nothing to do.',
  created: 'A contact was already created from this e-mail; nothing to do.',
  ignored: 'This e-mail was already ignored; nothing to do.',
};

/** Only an open review row can be linked, turned into a contact or ignored. */
export function assertReviewOpen(review: ReviewState) {
  if (review.status !== 'open')
    throw new RuleViolation(
      ALREADY[review.status] ?? `This e-mail was already ${review.status}; nothing to do.`,
      'reviewStatus',
    );
}

/**
 * The body of "Create contact": only `type` and `name`, `name` text (blank: named after the sender). Anything else
 * is refused before anything is written ("Unknown field(s): extra.", as the import routes say it).
 */
export function parseCreateContactBody(body: Record<string, unknown>): { type?: unknown; name?: unknown } {
  const unknown = Object.keys(body).filter((k) => k !== 'type' && k !== 'name');
  if (unknown.length) throw new RuleViolation(`Unknown field(s): ${unknown.join(', ')}.`, unknown[0]);
  if (body.name !== undefined && body.name !== null && typeof body.name !== 'string')
    throw new RuleViolation("Name must be text (leave it out or blank to use the sender's name).", 'name');
  return { type: body.type, name: body.name };
}

/** An open row whose message could be read can be logged for a contact. */
export function assertReviewLoggable(review: ReviewState) {
  assertReviewOpen(review);
  if (review.error)
    throw new RuleViolation('This e-mail could not be read, so it cannot be logged; ignore it.', 'reviewStatus');
}

/**
 * The contact "Create contact" makes of a review row: a person (or a company) with the sender's address,
 * named as asked, else after the sender's name, else the address.
 */
export function contactFromSender(
  review: ReviewState,
  body: { type?: unknown; name?: unknown },
  ours: Pick<AddressBook, 'salespersonByAddress' | 'ourDomains'> = { salespersonByAddress: new Map(), ourDomains: [] },
) {
  assertReviewOpen(review);
  const sender = normaliseAddress(review.sender);
  if (!sender) throw new RuleViolation('This e-mail has no sender address to create a contact from.', 'sender');
  const named = typeof body.name === 'string' && body.name.trim() ? body.name.trim() : null;
  if (!isOurs(sender, ours)) return { email: sender, name: named ?? (review.senderName || sender) };
  // Sent by one of us: the contact is the person it was sent to (the first recipient who is not one of us), not
  // our own salesperson.
  const recipients = [review.toAddresses, review.ccAddresses]
    .flatMap((list) => String(list ?? '').split(','))
    .map((a) => normaliseAddress(a))
    .filter((a): a is string => !!a && !isOurs(a, ours));
  if (!recipients.length)
    throw new RuleViolation(
      'This e-mail was sent by one of us to no one outside: there is no one to create a contact from.',
      'sender',
    );
  return { email: recipients[0], name: named ?? recipients[0] };
}

/** What can be done with a review-list row: the buttons the admin shows, the routes that accept them. */
export const REVIEW_ACTIONS = ['link', 'createContact', 'ignore'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** Whether a rule lets the action through (a RuleViolation: it does not; anything else is a fault, thrown). */
const passes = (rule: () => unknown) => {
  try {
    rule();
    return true;
  } catch (err) {
    if (err instanceof RuleViolation) return false;
    throw err;
  }
};

/**
 * The actions a review row offers: those whose rule accepts the row, the same rules the actions run (so the list
 * never offers what the server then refuses). Link: an open, readable row. Create contact: that, and someone to
 * create it from (not internal mail: sent by one of us to our own addresses only). Ignore: any open row.
 */
export function reviewActions(
  review: ReviewState,
  ours: Pick<AddressBook, 'salespersonByAddress' | 'ourDomains'>,
): ReviewAction[] {
  const rules: Record<ReviewAction, () => unknown> = {
    link: () => assertReviewLoggable(review),
    createContact: () => {
      assertReviewLoggable(review);
      contactFromSender(review, {}, ours);
    },
    ignore: () => assertReviewOpen(review),
  };
  return REVIEW_ACTIONS.filter((action) => passes(rules[action]));
}

/** The contact type "Create contact" accepts (default: a person). */
export function contactTypeOf(raw: unknown): 'person' | 'company' {
  const type = raw ?? 'person';
  if (type !== 'person' && type !== 'company') throw new RuleViolation('Type must be person or company.', 'type');
  return type;
}

/** The review list's query: a status (default open, or all) and a page of 1..100 rows (default 25). */
export function parseReviewQuery(
  query: { status?: unknown; page?: unknown; pageSize?: unknown },
  statuses: readonly string[],
) {
  const status = query.status ?? 'open';
  if (status !== 'all' && !(statuses as readonly unknown[]).includes(status))
    throw new RuleViolation(`Status must be one of: ${[...statuses, 'all'].join(', ')}.`, 'status');
  const page = Math.max(1, Number.parseInt(String(query.page ?? 1), 10) || 1);
  const pageSize = Math.min(100, Math.max(1, Number.parseInt(String(query.pageSize ?? 25), 10) || 25));
  return { status: status as string, page, pageSize };
}

/** The review-list row of a message that was not logged: a read error, or the reason nobody matched. */
export function reviewRowOf(
  message: MailMessage,
  senderName: string | null,
  error: string | null,
  reason: string | null,
) {
  return {
    messageId: message.messageId,
    sender: clip(message.from[0] ?? null, 255),
    senderName: clip(senderName, 255),
    toAddresses: message.to.join(', ') || null,
    ccAddresses: message.cc.join(', ') || null,
    subject: clip(message.subject, REVIEW_SUBJECT_MAX),
    sentAt: message.date && !Number.isNaN(message.date.getTime()) ? message.date : null,
    reason: error ? null : reason,
    error,
    body: message.body ?? null,
  };
}
