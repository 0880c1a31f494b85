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
  logKey,
  normaliseAddress,
  normaliseMessageId,
  parseOurDomains,
  type AddressBook,
  type EmailEntry,
  type MailMessage,
} from '../domain/email-logging';
import type { Write } from '../repositories/unit-of-work';
import type { RecordInput } from '../services/interactions';
import { entrySourcesOf, joinContactColumns, joinTemplateColumns, type EntrySources } from '../interactions/entry-row';
import { getService } from '../utils/services';
import { columnOf, tableOf } from '../repositories/tables';
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

/** A stand-in message-id for a message without one: the same source always gives the same id. */
const sourceId = (source: Buffer) => `sha256:${crypto.createHash('sha256').update(source).digest('hex')}`;

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
      messageId: normaliseMessageId(p.messageId) ?? sourceId(source),
      from: from.map((a) => a.address ?? '').filter(Boolean),
      to: addresses(p.to),
      cc: addresses(p.cc),
      subject: p.subject ?? null,
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

const CHUNK = 500;

/** Contacts whose e-mail or e-mail 2 is one of `list` (case-insensitive: searchEmail is the upper-cased e-mail). */
async function contactsWith(knex: Knex | Knex.Transaction, strapi: Core.Strapi, list: string[]) {
  const table = tableOf(strapi, UID.contact);
  const search = columnOf(strapi, UID.contact, 'searchEmail');
  const email2 = columnOf(strapi, UID.contact, 'email2');
  const map = new Map<string, number[]>();
  for (let i = 0; i < list.length; i += CHUNK) {
    const upper = list.slice(i, i + CHUNK).map((a) => a.toUpperCase());
    const rows = await knex(table)
      .select('id', `${search} as s`, `${email2} as e2`)
      .whereIn(search, upper)
      .orWhereIn(knex.raw('UPPER(??)', [email2]) as any, upper)
      .orderBy('id');
    for (const r of rows) {
      for (const a of new Set([normaliseAddress(r.s), normaliseAddress(r.e2)])) {
        if (!a || !list.includes(a)) continue;
        const ids = map.get(a) ?? [];
        if (!ids.includes(Number(r.id))) ids.push(Number(r.id));
        map.set(a, ids);
      }
    }
  }
  return map;
}

/** Our salespeople by address (a small table: read whole once per run) and the setup's domains. */
export async function ourAddresses(strapi: Core.Strapi) {
  const table = tableOf(strapi, UID.salesperson);
  const email = columnOf(strapi, UID.salesperson, 'email');
  const rows = await strapi.db.connection(table).select('id', `${email} as email`).whereNotNull(email).orderBy('id');
  const salespersonByAddress = new Map<string, number>();
  for (const r of rows) {
    const a = normaliseAddress(r.email);
    if (a && !salespersonByAddress.has(a)) salespersonByAddress.set(a, Number(r.id));
  }
  const setup = await getService(strapi, 'setup').get();
  let ourDomains: string[] = [];
  try {
    ourDomains = parseOurDomains(setup.emailOurDomains ?? null);
  } catch {
    // Stored before the check existed: the valid part is what there is.
    ourDomains = String(setup.emailOurDomains ?? '')
      .split(/[\s,;]+/)
      .filter((d) => /^[a-z0-9.-]+\.[a-z]+$/i.test(d))
      .map((d) => d.toLowerCase());
  }
  return { salespersonByAddress, ourDomains };
}

export type Ours = Awaited<ReturnType<typeof ourAddresses>>;

/** The address book of a batch of messages: one look-up for all their addresses. */
export async function addressBook(strapi: Core.Strapi, ours: Ours, messages: MailMessage[]): Promise<AddressBook> {
  const all = [...new Set(messages.flatMap(addressesOf))];
  return { ...ours, contactsByAddress: await contactsWith(strapi.db.connection, strapi, all) };
}

/**
 * What the entries of a set of messages need, read in three statements instead of per entry: the keys
 * already logged, each contact with the template (the columns the entry rules take, as `known`), and
 * which of the salespeople named still exist (the rules would look each one up).
 */
export async function entryContext(write: Write, items: LogItem[], templateId: number) {
  const { strapi, trx } = write;
  const keyColumn = columnOf(strapi, UID.interactionLogEntry, 'emailLogKey');
  const keys = items.flatMap(({ message, entries }) => entries.map((e) => logKey(message.messageId, e.contactId)));
  const contactIds = [...new Set(items.flatMap(({ entries }) => entries.map((e) => e.contactId)))];
  const salespersonIds = [
    ...new Set(items.flatMap(({ entries }) => entries.flatMap((e) => (e.salespersonId ? [e.salespersonId] : [])))),
  ];
  const done = new Set<string>();
  const sources = new Map<number, EntrySources>();
  const salespeople = new Set<number>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await trx(tableOf(strapi, UID.interactionLogEntry))
      .whereIn(keyColumn, keys.slice(i, i + CHUNK))
      .select(`${keyColumn} as k`);
    for (const r of rows) done.add(r.k);
  }
  for (let i = 0; i < contactIds.length; i += CHUNK) {
    const q = joinContactColumns(write, trx(`${tableOf(strapi, UID.contact)} as c`)).whereIn(
      'c.id',
      contactIds.slice(i, i + CHUNK),
    );
    for (const row of await joinTemplateColumns(write, q, { id: templateId }))
      sources.set(Number(row.c_id), entrySourcesOf(row));
  }
  for (let i = 0; i < salespersonIds.length; i += CHUNK) {
    for (const r of await trx(tableOf(strapi, UID.salesperson))
      .whereIn('id', salespersonIds.slice(i, i + CHUNK))
      .select('id'))
      salespeople.add(Number(r.id));
  }
  return { done, sources, existing: { salesperson: salespeople } };
}
export type EntryContext = Awaited<ReturnType<typeof entryContext>>;
export type LogItem = { message: MailMessage; entries: EmailEntry[] };

/**
 * Writes the entries of messages (those not logged before) in one batch (interactions.recordMany: one
 * multi-row insert); returns how many were written per message.
 */
export async function writeEntries(write: Write, items: LogItem[], templateId: number, context?: EntryContext) {
  const { strapi } = write;
  const { done, sources, existing } = context ?? (await entryContext(write, items, templateId));
  const batch: { input: RecordInput & { templateId: number }; known?: EntrySources }[] = [];
  const owner: number[] = [];
  items.forEach(({ message, entries }, i) => {
    const { date, time } = entryMoment(message.date);
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
  const written = await getService(strapi, 'interactions').recordMany(write, batch, existing);
  const keyOwner = new Map(batch.map((b, j) => [b.input.emailLogKey, owner[j]]));
  const counts = items.map(() => 0);
  for (const entry of written) counts[keyOwner.get(entry.emailLogKey)!] += 1;
  return counts;
}

/**
 * Review-list rows for messages, once per message-id: one read of the ids already there and one
 * multi-row insert (ON CONFLICT DO NOTHING on the unique message-id, for a writer outside the job's
 * lock); returns per message whether its row is new.
 */
export async function addToReview(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  items: { mail: ParsedMail; reason: string | null }[],
) {
  const uid = UID.emailReview;
  const table = tableOf(strapi, uid);
  const col = (a: string) => columnOf(strapi, uid, a);
  const ids = [...new Set(items.map(({ mail }) => mail.message.messageId))];
  const seen = new Set<string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const r of await trx(table)
      .whereIn(col('messageId'), ids.slice(i, i + CHUNK))
      .select(`${col('messageId')} as m`))
      seen.add(r.m);
  }
  const now = new Date();
  const attributes = strapi.db.metadata.get(uid as any).attributes as any;
  const isNew = items.map(({ mail }) => !seen.has(mail.message.messageId) && !!seen.add(mail.message.messageId));
  const rows = items
    .filter((_, i) => isNew[i])
    .map(({ mail, reason }) => ({
      [col('documentId')]: attributes.documentId.default(),
      [col('messageId')]: mail.message.messageId,
      [col('sender')]: clip(mail.message.from[0] ?? null, 255),
      [col('senderName')]: clip(mail.senderName, 255),
      [col('toAddresses')]: mail.message.to.join(', ') || null,
      [col('ccAddresses')]: mail.message.cc.join(', ') || null,
      [col('subject')]: clip(mail.message.subject, 998),
      [col('sentAt')]: mail.message.date && !Number.isNaN(mail.message.date.getTime()) ? mail.message.date : null,
      [col('reason')]: mail.error ? null : reason,
      [col('error')]: mail.error,
      [col('body')]: mail.message.body ?? null,
      [col('status')]: 'open',
      [col('createdAt')]: now,
      [col('updatedAt')]: now,
      [col('publishedAt')]: now,
    }));
  // 16 columns a row: 200 rows per insert stay within SQLite's compound-SELECT and bind limits.
  for (let i = 0; i < rows.length; i += 200)
    await trx(table)
      .insert(rows.slice(i, i + 200))
      .onConflict(col('messageId'))
      .ignore();
  return isNew;
}

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
  return (await strapi.db.transaction(({ trx }) => handleIn(strapi, trx, [mail], book, templateId)))[0];
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
  return strapi.db.transaction(({ trx }) => handleIn(strapi, trx, mails, book, templateId));
}
