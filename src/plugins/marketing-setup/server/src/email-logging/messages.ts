/**
 * From a queued message to what is written: parsing with mailparser, the address book of the batch
 * (contacts and salespeople with those addresses, our domains), and — in one transaction per message —
 * the interaction log entries (one per matched contact, never twice: the unique e-mail log key) or the
 * review-list row.
 */
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { simpleParser, type AddressObject, type EmailAddress } from 'mailparser';
import {
  addressesOf,
  bodyToStore,
  classify,
  clip,
  entryMoment,
  eightBitSubject,
  logKey,
  normaliseAddress,
  normaliseMessageId,
  MESSAGE_ID_MAX,
  ourDomainsOf,
  reviewRowOf,
  type AddressBook,
  type EmailEntry,
  type MailMessage,
} from '../domain/email-logging';
import type { RecordInput } from '../domain/interactions';
import { type Write, transaction } from '../repositories/unit-of-work';
import {
  contactsWithAddresses,
  insertReviews,
  loggedKeys,
  readEmailSetup,
  salespersonAddresses,
} from '../repositories/email-logging';
import { existingIds, sourcesOfContacts, type EntrySources } from '../repositories/interaction-entries';
import { recordEntries } from '../operations/interaction-entries';
import { UID } from '../utils/uids';

export interface ParsedMail {
  message: MailMessage;
  senderName: string | null;
  /** Set when the message could not be read: it goes to the review list with this text. */
  error: string | null;
}

const flatten = (field: AddressObject | AddressObject[] | undefined): EmailAddress[] => {
  const out: EmailAddress[] = [];
  const walk = (list: EmailAddress[]) => list.forEach((a) => (a.group ? walk(a.group) : out.push(a)));
  for (const obj of field ? (Array.isArray(field) ? field : [field]) : []) walk(obj.value ?? []);
  return out;
};
const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  flatten(field)
    .map((a) => a.address ?? '')
    .filter(Boolean);

const sha256 = (data: Buffer | string) => `sha256:${crypto.createHash('sha256').update(data).digest('hex')}`;
/** A stand-in message-id for a message without one: the same source always gives the same id. */
const sourceId = (source: Buffer) => sha256(source);
/** The message-id as stored: a longer one than its columns take as its hash (domain MESSAGE_ID_MAX). */
const storedId = (id: string | null, source: Buffer) =>
  id === null ? sourceId(source) : id.length > MESSAGE_ID_MAX ? sha256(id) : id;

/** A queued message's source, parsed; a message that cannot be read keeps a stand-in id and the error. */
export async function parseMail(source: Buffer, { body = false }: { body?: boolean } = {}): Promise<ParsedMail> {
  try {
    // Without bodies logging reads headers only: parsing the header block alone skips the body's decoding
    // (about half the time). With bodies, an HTML-only message gets its text from the HTML.
    const end = source.indexOf('\r\n\r\n');
    const p = await simpleParser(body || end < 0 ? source : source.subarray(0, end + 4), {
      skipHtmlToText: !body,
      skipTextToHtml: true,
      skipImageLinks: true,
      keepCidLinks: true,
    });
    const from = flatten(p.from);
    const message: MailMessage = {
      messageId: storedId(normaliseMessageId(p.messageId), source),
      from: from.map((a) => a.address ?? '').filter(Boolean),
      to: addresses(p.to),
      cc: addresses(p.cc),
      // Raw 8-bit bytes in the Subject come out of mailparser as "�": read them in the message's charset instead.
      subject:
        (p.subject?.includes('\uFFFD') && eightBitSubject(source.subarray(0, end < 0 ? source.length : end))) ||
        (p.subject ?? null),
      date: p.date ?? null,
      ...(body ? { body: bodyToStore(p.text) } : {}),
    };
    const error = message.from.some((a) => normaliseAddress(a))
      ? null
      : 'The message has no readable sender address (From).';
    return { message, senderName: from[0]?.name || null, error };
  } catch (err) {
    return {
      message: { messageId: sourceId(source), from: [], to: [], cc: [], subject: null, date: null },
      senderName: null,
      error: `The message could not be read: ${(err as Error).message}`,
    };
  }
}

/**
 * A message whose logging failed, as its review row: the reason as its error (so it is not offered for logging
 * again), without its body (which may be what failed).
 */
export const notLoggable = (mail: ParsedMail, reason: string): ParsedMail => ({
  ...mail,
  message: { ...mail.message, body: null },
  error: `The message could not be logged: ${reason}`,
});

/** Our salespeople by address (a small table: read whole once per run) and the setup's domains. */
export async function ourAddresses(strapi: Core.Strapi) {
  const salespersonByAddress = new Map<string, number>();
  for (const r of await salespersonAddresses(strapi)) {
    const a = normaliseAddress(r.email);
    if (a && !salespersonByAddress.has(a)) salespersonByAddress.set(a, r.id);
  }
  const ourDomains = ourDomainsOf((await readEmailSetup(strapi)).emailOurDomains);
  return { salespersonByAddress, ourDomains };
}

export type Ours = Awaited<ReturnType<typeof ourAddresses>>;

/** The address book of a batch of messages: one look-up for all their addresses. */
export async function addressBook(strapi: Core.Strapi, ours: Ours, messages: MailMessage[]): Promise<AddressBook> {
  const all = [...new Set(messages.flatMap(addressesOf))];
  return { ...ours, contactsByAddress: await contactsWithAddresses(strapi, all) };
}

/**
 * What the entries of a set of messages need, read in three statements instead of per entry: the keys
 * already logged, each contact with the template (the columns the entry rules take, as `known`), and
 * which of the salespeople named still exist (the rules would look each one up).
 */
export async function entryContext(write: Write, items: LogItem[], templateId: number) {
  const keys = items.flatMap(({ message, entries }) => entries.map((e) => logKey(message.messageId, e.contactId)));
  const contactIds = [...new Set(items.flatMap(({ entries }) => entries.map((e) => e.contactId)))];
  const salespersonIds = [
    ...new Set(items.flatMap(({ entries }) => entries.flatMap((e) => (e.salespersonId ? [e.salespersonId] : [])))),
  ];
  return {
    done: await loggedKeys(write.strapi, write.trx, keys),
    sources: await sourcesOfContacts(write, contactIds, { id: templateId }),
    existing: { salesperson: await existingIds(write, UID.salesperson, salespersonIds) },
  };
}
export type EntryContext = Awaited<ReturnType<typeof entryContext>>;
export type LogItem = { message: MailMessage; entries: EmailEntry[] };

/**
 * The clock an e-mail's entry is dated on: plugin config `timeZone` (env MARKETING_SETUP_TIME_ZONE, an IANA zone
 * such as "Europe/Brussels"), else the server's own zone.
 */
const timeZoneOf = (strapi: Core.Strapi) =>
  String(strapi.config.get('plugin::marketing-setup.timeZone') || Intl.DateTimeFormat().resolvedOptions().timeZone);

/**
 * Writes the entries of messages (those not logged before) in one batch (recordEntries: one
 * multi-row insert); returns how many were written per message.
 */
export async function writeEntries(write: Write, items: LogItem[], templateId: number, context?: EntryContext) {
  const { done, sources, existing } = context ?? (await entryContext(write, items, templateId));
  const batch: { input: RecordInput & { templateId: number }; known?: EntrySources }[] = [];
  const owner: number[] = [];
  const zone = timeZoneOf(write.strapi);
  items.forEach(({ message, entries }, i) => {
    const { date, time } = entryMoment(message.date, undefined, zone);
    const subject = clip(message.subject);
    for (const e of entries) {
      const emailLogKey = logKey(message.messageId, e.contactId);
      if (done.has(emailLogKey)) continue;
      done.add(emailLogKey);
      owner.push(i);
      batch.push({
        input: {
          contactId: e.contactId,
          templateId,
          documentKind: 'emails',
          description: subject ?? undefined,
          subject,
          informationFlow: e.informationFlow,
          initiatedBy: e.initiatedBy,
          ...(e.salespersonId ? { salespersonId: e.salespersonId } : {}),
          date,
          time,
          correspondenceType: 'email',
          emailLogged: true,
          messageId: message.messageId,
          emailLogKey,
          emailBody: message.body ?? null,
        },
        known: sources.get(e.contactId),
      });
    }
  });
  const written = await recordEntries(write, batch, existing);
  const keyOwner = new Map(batch.map((b, j) => [b.input.emailLogKey, owner[j]]));
  const counts = items.map(() => 0);
  for (const entry of written) counts[keyOwner.get(entry.emailLogKey as string)!] += 1;
  return counts;
}

/**
 * Review-list rows for messages, once per message-id: one read of the ids already there and one
 * multi-row insert (ON CONFLICT DO NOTHING on the unique message-id, for a writer outside the job's
 * lock); returns per message whether its row is new.
 */
export const addToReview = (
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  items: { mail: ParsedMail; reason: string | null }[],
) =>
  insertReviews(
    strapi,
    trx,
    items.map(({ mail, reason }) => reviewRowOf(mail.message, mail.senderName, mail.error, reason)),
  );

export type Outcome = { logged: number; unmatched: boolean };

type Verdicts = { mail: ParsedMail; verdict: ReturnType<typeof classify> }[];

/** Messages inside the caller's transaction: their entries and their review rows, each kind in one batch. */
async function handleIn(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  mails: ParsedMail[],
  book: AddressBook,
  templateId: number,
): Promise<Outcome[]> {
  const write: Write = { strapi, trx, uid: UID.interactionLogEntry, action: 'create', params: {} };
  const verdicts: Verdicts = mails.map((mail) => ({
    mail,
    verdict: mail.error ? { kind: 'unmatched' as const, reason: mail.error } : classify(mail.message, book),
  }));
  const out: Outcome[] = mails.map(() => ({ logged: 0, unmatched: false }));
  const toLog: number[] = [];
  const toReview: number[] = [];
  verdicts.forEach(({ verdict }, i) => (verdict.kind === 'log' ? toLog : toReview).push(i));
  const logged = await writeEntries(
    write,
    toLog.map((i) => {
      const { mail, verdict } = verdicts[i];
      return { message: mail.message, entries: verdict.kind === 'log' ? verdict.entries : [] };
    }),
    templateId,
  );
  toLog.forEach((i, j) => (out[i].logged = logged[j]));
  const added = await addToReview(
    strapi,
    trx,
    toReview.map((i) => {
      const { mail, verdict } = verdicts[i];
      return { mail, reason: verdict.kind === 'unmatched' ? verdict.reason : null };
    }),
  );
  toReview.forEach((i, j) => (out[i].unmatched = added[j]));
  return out;
}

/** One message in one transaction. */
export async function handleMail(
  strapi: Core.Strapi,
  mail: ParsedMail,
  book: AddressBook,
  templateId: number,
): Promise<Outcome> {
  return (await transaction(strapi, ({ trx }) => handleIn(strapi, trx, [mail], book, templateId)))[0];
}

/**
 * A chunk of messages in one transaction (one commit and a few reads instead of several per message: the
 * throughput of a full queue). If it fails, nothing of it was written and the caller handles the messages one by one.
 */
export async function handleMails(
  strapi: Core.Strapi,
  mails: ParsedMail[],
  book: AddressBook,
  templateId: number,
): Promise<Outcome[]> {
  return transaction(strapi, ({ trx }) => handleIn(strapi, trx, mails, book, templateId));
}
