/**
 * E-mail logging as the admin uses it: the status (last run, counts, next run, whether the password and
 * the e-mail template are there), the connection test, a run now, and the review list of unmatched
 * messages: link to a contact, create a contact from the sender (through the document service, so every
 * contact rule runs, duplicate search included), ignore.
 */
import type { Core } from '@strapi/strapi';
import { entryForLinkedContact, normaliseAddress, type MailMessage } from '../domain/email-logging';
import { EMAIL_REVIEW_STATUSES } from '../content-types/email-review';
import {
  EmailLoggingError,
  imapPassword,
  imapSettings,
  PASSWORD_ENV,
  testConnection,
  type ImapSettings,
} from '../email-logging/connection';
import { ourAddresses, writeEntries } from '../email-logging/messages';
import { emailState, runOnce } from '../jobs/email-logging';
import { inTransaction } from '../repositories/unit-of-work';
import { notFound, validationError } from '../utils/errors';
import { joinTableOf } from '../repositories/tables';
import { UID } from '../utils/uids';

const REVIEW_FIELDS = [
  'documentId',
  'messageId',
  'sender',
  'senderName',
  'toAddresses',
  'ccAddresses',
  'subject',
  'sentAt',
  'reason',
  'error',
  'body',
  'status',
  'createdAt',
];
const splitList = (s: string | null | undefined) => (s ? s.split(/,\s*/).filter(Boolean) : []);

const reviewView = (r: any) => ({
  ...Object.fromEntries(REVIEW_FIELDS.map((f) => [f, r[f] ?? null])),
  sentAt: r.sentAt ? new Date(r.sentAt).toISOString() : null,
  createdAt: r.createdAt ? new Date(r.createdAt).toISOString() : null,
  contact: r.contact
    ? { documentId: r.contact.documentId, no: r.contact.no ?? null, name: r.contact.name ?? null }
    : null,
});

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const templateSet = async () => {
    const jt = joinTableOf(strapi, UID.interactionTemplateSetup, 'emails');
    return !!(await strapi.db.connection(jt.name).first(jt.inverseJoinColumn));
  };

  const findReview = async (documentId: string) => {
    const r = await strapi
      .documents(UID.emailReview)
      .findOne({ documentId, populate: { contact: { fields: ['documentId', 'no', 'name'] } } as any });
    if (!r) throw notFound(`No e-mail in the review list with documentId ${documentId}.`);
    return r as any;
  };

  const messageOf = (r: any): MailMessage => ({
    messageId: r.messageId,
    from: r.sender ? [r.sender] : [],
    to: splitList(r.toAddresses),
    cc: splitList(r.ccAddresses),
    subject: r.subject ?? null,
    date: r.sentAt ? new Date(r.sentAt) : null,
    body: r.body ?? null,
  });

  /**
   * What logging a review-list message needs, read before any transaction (raw reads outside it would wait
   * for a second pool connection; SQLite has one): the e-mails template and our addresses. Then `log`
   * writes the entry and closes the review row inside the caller's transaction.
   */
  const prepare = async (review: any) => {
    if (review.status !== 'open')
      throw validationError(`This e-mail was already ${review.status}; nothing to do.`, ['status']);
    if (review.error)
      throw validationError('This e-mail could not be read, so it cannot be logged; ignore it.', ['status']);
    const jt = joinTableOf(strapi, UID.interactionTemplateSetup, 'emails');
    const template = await strapi.db.connection(jt.name).first(`${jt.inverseJoinColumn} as id`);
    if (!template?.id)
      throw validationError('No interaction template is set up for e-mails (Interaction Template Setup → E-mails).', [
        'template',
      ]);
    const message = messageOf(review);
    const ours = await ourAddresses(strapi);
    return {
      log: (contactId: number, status: 'linked' | 'created') =>
        inTransaction(strapi, UID.interactionLogEntry, async (write) => {
          const entry = entryForLinkedContact(message, contactId, { ...ours, contactsByAddress: new Map() });
          const [logged] = await writeEntries(write, [{ message, entries: [entry] }], Number(template.id));
          await strapi
            .documents(UID.emailReview)
            .update({ documentId: review.documentId, data: { status, contact: contactId } as any });
          return logged;
        }),
    };
  };

  return {
    async status() {
      const setup = await (strapi.plugin('marketing-setup').service('setup') as any).get();
      const [state, hasTemplate, open] = await Promise.all([
        emailState(strapi),
        templateSet(),
        strapi.db.query(UID.emailReview).count({ where: { status: 'open' } }),
      ]);
      return {
        enabled: !!setup.emailLoggingEnabled,
        passwordSet: !!imapPassword(strapi),
        passwordVariable: PASSWORD_ENV,
        templateSet: hasTemplate,
        openReviews: open,
        ...state,
      };
    },

    /** Connects with the saved settings (or the given unsaved ones), creates missing folders, reports what it found. */
    async test(overrides: Partial<ImapSettings>) {
      const settings = await imapSettings(strapi, overrides);
      try {
        return await testConnection(settings);
      } catch (err) {
        if (err instanceof EmailLoggingError && !err.connection) throw validationError(err.message);
        if (err instanceof EmailLoggingError)
          return { ok: false as const, server: `${settings.host}:${settings.port}`, error: err.message };
        throw err;
      }
    },

    run: () => runOnce(strapi),

    async reviews(query: { status?: unknown; page?: unknown; pageSize?: unknown }) {
      const status = query.status ?? 'open';
      if (status !== 'all' && !(EMAIL_REVIEW_STATUSES as readonly unknown[]).includes(status)) {
        throw validationError(`Status must be one of: ${[...EMAIL_REVIEW_STATUSES, 'all'].join(', ')}.`, ['status']);
      }
      const page = Math.max(1, Number.parseInt(String(query.page ?? 1), 10) || 1);
      const pageSize = Math.min(100, Math.max(1, Number.parseInt(String(query.pageSize ?? 25), 10) || 25));
      const filters = status === 'all' ? {} : { status };
      const [rows, total] = await Promise.all([
        strapi.documents(UID.emailReview).findMany({
          filters,
          sort: [{ sentAt: 'desc' }, { id: 'desc' }],
          start: (page - 1) * pageSize,
          limit: pageSize,
          populate: { contact: { fields: ['documentId', 'no', 'name'] } },
        } as any),
        strapi.documents(UID.emailReview).count({ filters } as any),
      ]);
      return {
        data: rows.map(reviewView),
        meta: { pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } },
      };
    },

    async link(documentId: string, contactDocumentId: unknown) {
      const review = await findReview(documentId);
      if (typeof contactDocumentId !== 'string' || !contactDocumentId)
        throw validationError('Choose the contact to link this e-mail to.', ['contact']);
      const contact = await strapi.db
        .query(UID.contact)
        .findOne({ where: { documentId: contactDocumentId }, select: ['id'] });
      if (!contact) throw validationError(`No contact with documentId ${contactDocumentId}.`, ['contact']);
      const logged = await (await prepare(review)).log(contact.id, 'linked');
      return { logged, review: reviewView(await findReview(documentId)) };
    },

    /** A person (or a company) named after the sender, with the sender's address, created by the contact rules; then logged. */
    async createContact(documentId: string, body: { type?: unknown; name?: unknown }) {
      const review = await findReview(documentId);
      if (review.status !== 'open')
        throw validationError(`This e-mail was already ${review.status}; nothing to do.`, ['status']);
      const email = normaliseAddress(review.sender);
      if (!email) throw validationError('This e-mail has no sender address to create a contact from.', ['sender']);
      const logging = await prepare(review);
      const type = body.type ?? 'person';
      if (type !== 'person' && type !== 'company') throw validationError('Type must be person or company.', ['type']);
      const name = typeof body.name === 'string' && body.name.trim() ? body.name.trim() : review.senderName || email;
      const result = await strapi.db.transaction(async () => {
        const contact = await strapi.documents(UID.contact).create({ data: { type, name, email } as any });
        const row = await strapi.db
          .query(UID.contact)
          .findOne({ where: { documentId: contact.documentId }, select: ['id'] });
        const logged = await logging.log(row!.id, 'created');
        return {
          logged,
          contact: { documentId: contact.documentId, no: (contact as any).no ?? null, name: (contact as any).name },
        };
      });
      return { ...result, review: reviewView(await findReview(documentId)) };
    },

    async ignore(documentId: string) {
      const review = await findReview(documentId);
      if (review.status !== 'open')
        throw validationError(`This e-mail was already ${review.status}; nothing to do.`, ['status']);
      await strapi.documents(UID.emailReview).update({ documentId, data: { status: 'ignored' } as any });
      return { review: reviewView(await findReview(documentId)) };
    },
  };
};
