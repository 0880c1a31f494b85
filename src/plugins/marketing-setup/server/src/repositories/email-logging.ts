/**
 * The data of e-mail logging: its setup fields, the state row of the job (a plain table, so every
 * instance's admin shows the same), the addresses of contacts and salespeople, the e-mails template,
 * the keys already logged and the review-list rows.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { SETUP_DEFAULTS } from '../domain/setup';
import { ownAddresses, type RunResult, type RunStatus } from '../domain/email-logging';
import { columnOf, joinTableOf, tableOf } from './tables';
import { UID } from '../utils/uids';
import type { Write } from './unit-of-work';
import { EMAIL_SETUP_FIELDS } from '../../../shared/contracts/settings';

export const EMAIL_STATE = 'ms_email_logging_state';
export const STATE_ID = 1;

/** Rows per `IN (…)` list: well within SQLite's bind limit. */
const CHUNK = 500;

export type EmailSetup = Partial<Record<(typeof EMAIL_SETUP_FIELDS)[number], unknown>>;

/** The setup's e-mail logging fields (the reference defaults before the setup exists). */
export async function readEmailSetup(strapi: Core.Strapi): Promise<EmailSetup> {
  const row = await strapi.db.query(UID.setup).findOne({ select: [...EMAIL_SETUP_FIELDS] });
  return (row as EmailSetup | null) ?? { ...SETUP_DEFAULTS };
}

/** The state row as the admin shows it. */
export async function readEmailState(strapi: Core.Strapi) {
  const r = await strapi.db.connection(EMAIL_STATE).where('id', STATE_ID).first();
  const n = (v: unknown) => Number(v ?? 0);
  return {
    status: (r?.status ?? null) as RunStatus | null,
    runningSince: (r?.running_since ?? null) as string | null,
    lastRunAt: (r?.last_run_at ?? null) as string | null,
    nextRunAt: (r?.next_run_at ?? null) as string | null,
    lastRun: {
      processed: n(r?.processed),
      logged: n(r?.logged),
      unmatched: n(r?.unmatched),
      failed: n(r?.failed),
      // -1: the run could not count them (it stopped before it read the queue).
      leftInQueue: r && Number(r.left_in_queue) < 0 ? null : n(r?.left_in_queue),
    },
    totals: {
      processed: n(r?.total_processed),
      logged: n(r?.total_logged),
      unmatched: n(r?.total_unmatched),
      failed: n(r?.total_failed),
    },
    lastError: (r?.last_error ?? null) as string | null,
  };
}

/** When the next run is due (null: never ran). */
export async function readNextRunAt(strapi: Core.Strapi): Promise<string | null> {
  const row = await strapi.db.connection(EMAIL_STATE).where('id', STATE_ID).first('next_run_at');
  return row?.next_run_at ?? null;
}

/** The state row before a run. */
export const markRunning = (strapi: Core.Strapi) =>
  strapi.db.connection(EMAIL_STATE).where('id', STATE_ID).update({ running_since: new Date().toISOString() });

/** The state row after a run: its counts, status and next run; the totals add up. */
export async function saveRunResult(strapi: Core.Strapi, result: RunResult, at: Date, nextRunAt: Date) {
  const knex = strapi.db.connection;
  await knex(EMAIL_STATE)
    .where('id', STATE_ID)
    .update({
      status: result.status,
      running_since: null,
      last_run_at: at.toISOString(),
      next_run_at: nextRunAt.toISOString(),
      processed: result.processed,
      logged: result.logged,
      unmatched: result.unmatched,
      failed: result.failed,
      left_in_queue: result.left ?? -1,
      total_processed: knex.raw('total_processed + ?', [result.processed]),
      total_logged: knex.raw('total_logged + ?', [result.logged]),
      total_unmatched: knex.raw('total_unmatched + ?', [result.unmatched]),
      total_failed: knex.raw('total_failed + ?', [result.failed]),
      last_error: result.error,
    });
}

/** The template the Interaction Template Setup names for e-mails (its id), or null. */
export async function emailTemplateId(strapi: Core.Strapi): Promise<number | null> {
  const jt = joinTableOf(strapi, UID.interactionTemplateSetup, 'emails');
  const row = await strapi.db.connection(jt.name).first(`${jt.inverseJoinColumn} as id`);
  return row?.id == null ? null : Number(row.id);
}

/** Salespeople with an e-mail address, oldest first (a small table: read whole). */
export async function salespersonAddresses(strapi: Core.Strapi): Promise<{ id: number; email: string }[]> {
  const table = tableOf(strapi, UID.salesperson);
  const email = columnOf(strapi, UID.salesperson, 'email');
  const rows = await strapi.db.connection(table).select('id', `${email} as email`).whereNotNull(email).orderBy('id');
  return rows.map((r: { id: unknown; email: string }) => ({ id: Number(r.id), email: r.email }));
}

/**
 * Contacts whose e-mail or e-mail 2 is one of `list`, or holds it among several addresses ("a@x.be; b@x.be",
 * which the E-mail field allows); case-insensitive (searchEmail is the upper-cased e-mail). A person whose
 * address is its company's (inherited, or typed the same) does not own it: mail to or from the company's
 * mailbox is the company's, not logged again for each of its persons (domain `ownAddresses`).
 */
export async function contactsWithAddresses(strapi: Core.Strapi, list: string[]) {
  const knex = strapi.db.connection;
  const table = tableOf(strapi, UID.contact);
  const search = columnOf(strapi, UID.contact, 'searchEmail');
  const email2 = columnOf(strapi, UID.contact, 'email2');
  const link = joinTableOf(strapi, UID.contact, 'company');
  const wanted = new Set(list);
  const map = new Map<string, number[]>();
  type Row = { id: unknown; s: unknown; e2: unknown; cs: unknown; ce2: unknown };
  const withCompany = () =>
    knex(`${table} as c`)
      .leftJoin(`${link.name} as l`, `l.${link.joinColumn}`, 'c.id')
      .leftJoin(`${table} as co`, function joinCompany() {
        this.on('co.id', `l.${link.inverseJoinColumn}`).andOn('co.id', '<>', 'c.id');
      })
      .select('c.id', `c.${search} as s`, `c.${email2} as e2`, `co.${search} as cs`, `co.${email2} as ce2`);
  const add = (rows: Row[]) => {
    for (const r of rows) {
      for (const a of ownAddresses([r.s, r.e2], [r.cs, r.ce2])) {
        if (!wanted.has(a)) continue;
        const ids = map.get(a) ?? [];
        if (!ids.includes(Number(r.id))) ids.push(Number(r.id));
        map.set(a, ids);
      }
    }
  };
  for (let i = 0; i < list.length; i += CHUNK) {
    const upper = list.slice(i, i + CHUNK).map((a) => a.toUpperCase());
    add(
      await withCompany()
        .whereIn(`c.${search}`, upper)
        .orWhereIn(knex.raw('UPPER(??)', [`c.${email2}`]) as unknown as string, upper),
    );
  }
  // Fields holding several addresses are few: read them all (the partial index of migrations/indexes.ts
  // holds exactly these rows) and let ownAddresses split them.
  if (list.length) add(await withCompany().whereRaw(`(c.?? LIKE '%;%' OR c.?? LIKE '%;%')`, [search, email2]));
  for (const ids of map.values()) ids.sort((a, b) => a - b);
  return map;
}

/** The e-mail log keys of `keys` already written. */
export async function loggedKeys(strapi: Core.Strapi, trx: Knex.Transaction, keys: string[]) {
  const keyColumn = columnOf(strapi, UID.interactionLogEntry, 'emailLogKey');
  const done = new Set<string>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows: { k: string }[] = await trx(tableOf(strapi, UID.interactionLogEntry))
      .whereIn(keyColumn, keys.slice(i, i + CHUNK))
      .select(`${keyColumn} as k`);
    for (const r of rows) done.add(r.k);
  }
  return done;
}

/** The review-list row's columns of a message that could not be logged. */
export interface ReviewRow {
  messageId: string;
  sender: string | null;
  senderName: string | null;
  toAddresses: string | null;
  ccAddresses: string | null;
  subject: string | null;
  sentAt: Date | null;
  reason: string | null;
  error: string | null;
  body: string | null;
}

/**
 * Review-list rows, once per message-id: one read of the ids already there and one multi-row insert
 * (ON CONFLICT DO NOTHING on the unique message-id, for a writer outside the job's lock); returns per
 * row whether it is new.
 */
export async function insertReviews(strapi: Core.Strapi, trx: Knex.Transaction, items: ReviewRow[]) {
  const uid = UID.emailReview;
  const table = tableOf(strapi, uid);
  const col = (a: string) => columnOf(strapi, uid, a);
  const ids = [...new Set(items.map((r) => r.messageId))];
  const seen = new Set<string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const r of (await trx(table)
      .whereIn(col('messageId'), ids.slice(i, i + CHUNK))
      .select(`${col('messageId')} as m`)) as { m: string }[])
      seen.add(r.m);
  }
  const now = new Date();
  const documentId = (strapi.db.metadata.get(uid).attributes.documentId as unknown as { default: () => string })
    .default;
  const isNew = items.map((r) => !seen.has(r.messageId) && !!seen.add(r.messageId));
  const rows = items
    .filter((_, i) => isNew[i])
    .map((r) => ({
      [col('documentId')]: documentId(),
      ...Object.fromEntries(Object.entries(r).map(([a, v]) => [col(a), v])),
      [col('reviewStatus')]: 'open',
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

/** How many messages wait in the review list. */
export const countOpenReviews = (strapi: Core.Strapi) =>
  strapi.db.query(UID.emailReview).count({ where: { reviewStatus: 'open' } });

/** The id of a contact by documentId, or null. */
export async function contactIdOf(strapi: Core.Strapi, documentId: string): Promise<number | null> {
  const row = await strapi.db.query(UID.contact).findOne({ where: { documentId }, select: ['id'] });
  return row ? Number(row.id) : null;
}

/**
 * Takes an open review row for one outcome (linked, created, ignored) inside the caller's transaction: true when this
 * call changed it from open, false when it was not open any more. On PostgreSQL a second request for the same row
 * waits for the first one's transaction and then finds it taken, so two clicks never log one e-mail twice.
 */
export async function claimOpenReview(write: Pick<Write, 'strapi' | 'trx'>, documentId: string, status: string) {
  const { strapi, trx } = write;
  const column = columnOf(strapi, UID.emailReview, 'reviewStatus');
  const changed = await trx(tableOf(strapi, UID.emailReview))
    .where(columnOf(strapi, UID.emailReview, 'documentId'), documentId)
    .where(column, 'open')
    .update({ [column]: status });
  return Number(changed) > 0;
}
