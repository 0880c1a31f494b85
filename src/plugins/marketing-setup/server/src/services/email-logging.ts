/**
 * E-mail logging as the admin uses it: the status (last run, counts, next run, whether the password and
 * the e-mail template are there), the connection test, and the review list of unmatched messages: link
 * to a contact, create a contact from the sender (through the document service, so every contact rule
 * runs, duplicate search included), ignore. A run itself is the job's (jobs/email-logging.ts).
 */
import type { Core } from '@strapi/strapi';
import {
  assertReviewLoggable,
  assertReviewOpen,
  contactFromSender,
  contactTypeOf,
  entryForLinkedContact,
  parseReviewQuery,
  reviewActions,
  type ImapSettings,
  type MailMessage,
  type ReviewState,
} from '../domain/email-logging';
import { EMAIL_REVIEW_STATUSES } from '../content-types/email-review';
import {
  EmailLoggingError,
  imapPassword,
  imapSettings,
  PASSWORD_ENV,
  testConnection,
} from '../email-logging/connection';
import { ourAddresses, writeEntries, type Ours } from '../email-logging/messages';
import { inTransaction, transaction } from '../repositories/unit-of-work';
import {
  claimOpenReview,
  contactIdOf,
  countOpenReviews,
  emailTemplateId,
  readEmailSetup,
  readEmailState,
} from '../repositories/email-logging';
import { checked, notFound, validationError } from '../utils/errors';
import { UID } from '../utils/uids';
import { stampEditor } from '../repositories/contacts';

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
  'reviewStatus',
  'createdAt',
];
/** A review-list row as the document service returns it. */
interface ReviewDoc {
  documentId: string;
  messageId: string;
  sender?: string | null;
  senderName?: string | null;
  toAddresses?: string | null;
  ccAddresses?: string | null;
  subject?: string | null;
  sentAt?: string | Date | null;
  error?: string | null;
  body?: string | null;
  reviewStatus: string;
  createdAt?: string | Date | null;
  contact?: { documentId: string; no?: number | null; name?: string | null } | null;
  [field: string]: unknown;
}

const splitList = (s: string | null | undefined) => (s ? s.split(/,\s*/).filter(Boolean) : []);
const CONTACT_FIELDS = { contact: { fields: ['documentId', 'no', 'name'] } };

/** A row as the review list shows it, with the actions the server will accept on it (given our addresses now). */
const reviewView = (r: ReviewDoc, ours: Ours) => ({
  ...Object.fromEntries(REVIEW_FIELDS.map((f) => [f, r[f] ?? null])),
  sentAt: r.sentAt ? new Date(r.sentAt).toISOString() : null,
  createdAt: r.createdAt ? new Date(r.createdAt).toISOString() : null,
  contact: r.contact
    ? { documentId: r.contact.documentId, no: r.contact.no ?? null, name: r.contact.name ?? null }
    : null,
  actions: reviewActions(stateOf(r), ours),
});

const messageOf = (r: ReviewDoc): MailMessage => ({
  messageId: r.messageId,
  from: r.sender ? [r.sender] : [],
  to: splitList(r.toAddresses),
  cc: splitList(r.ccAddresses),
  subject: r.subject ?? null,
  date: r.sentAt ? new Date(r.sentAt) : null,
  body: r.body ?? null,
});

const stateOf = (r: ReviewDoc): ReviewState => ({
  status: r.reviewStatus,
  error: r.error,
  sender: r.sender,
  senderName: r.senderName,
  toAddresses: r.toAddresses,
  ccAddresses: r.ccAddresses,
});

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const reviews = () => strapi.documents(UID.emailReview);

  const findReview = async (documentId: string): Promise<ReviewDoc> => {
    const r = await reviews().findOne({ documentId, populate: CONTACT_FIELDS } as never);
    if (!r) throw notFound(`No e-mail in the review list with documentId ${documentId}.`);
    return r as unknown as ReviewDoc;
  };

  /** A row as it is after an action (reloaded, with the actions it still offers). */
  const viewOf = async (documentId: string) => reviewView(await findReview(documentId), await ourAddresses(strapi));

  /**
   * What logging a review-list message needs, read before any transaction (raw reads outside it would wait
   * for a second pool connection; SQLite has one): the e-mails template and our addresses. Then `log`
   * writes the entry and closes the review row inside the caller's transaction.
   */
  const prepare = async (review: ReviewDoc) => {
    checked(() => assertReviewLoggable(stateOf(review)));
    const templateId = await emailTemplateId(strapi);
    if (!templateId)
      throw validationError('No interaction template is set up for e-mails (Interaction Template Setup → E-mails).', [
        'template',
      ]);
    const message = messageOf(review);
    const ours = await ourAddresses(strapi);
    return {
      log: (contactId: number, status: 'linked' | 'created') =>
        inTransaction(strapi, UID.interactionLogEntry, async (write) => {
          // Taken first: a second click (or a colleague's) on the same row finds it taken and logs nothing.
          if (!(await claimOpenReview(write, review.documentId, status)))
            throw validationError('This e-mail was already handled by someone else; nothing to do.', ['reviewStatus']);
          const entry = entryForLinkedContact(message, contactId, { ...ours, contactsByAddress: new Map() });
          const [logged] = await writeEntries(write, [{ message, entries: [entry] }], templateId);
          await reviews().update({
            documentId: review.documentId,
            data: { reviewStatus: status, contact: contactId },
          } as never);
          return logged;
        }),
    };
  };

  return {
    async status() {
      const [setup, state, templateId, open] = await Promise.all([
        readEmailSetup(strapi),
        readEmailState(strapi),
        emailTemplateId(strapi),
        countOpenReviews(strapi),
      ]);
      return {
        enabled: !!setup.emailLoggingEnabled,
        passwordSet: !!imapPassword(strapi),
        passwordVariable: PASSWORD_ENV,
        templateSet: !!templateId,
        openReviews: open,
        ...state,
      };
    },

    /**
     * Connects with the saved settings (or the given unsaved ones) and reports what it found; a missing queue or
     * storage folder is reported with the nearest existing one, and created only with `createMissing`.
     */
    async test({
      createMissing,
      ...overrides
    }: { [K in keyof ImapSettings]?: ImapSettings[K] | null } & { createMissing?: boolean | null }) {
      const settings = await imapSettings(strapi, overrides);
      try {
        return await testConnection(settings, { createMissing: createMissing === true });
      } catch (err) {
        if (err instanceof EmailLoggingError && !err.connection) throw validationError(err.message);
        if (err instanceof EmailLoggingError)
          return { ok: false as const, server: `${settings.host}:${settings.port}`, error: err.message };
        throw err;
      }
    },

    async reviews(query: { status?: unknown; page?: unknown; pageSize?: unknown }) {
      const { status, page, pageSize } = checked(() => parseReviewQuery(query, EMAIL_REVIEW_STATUSES));
      const filters = status === 'all' ? {} : { reviewStatus: status };
      const [rows, total, ours] = await Promise.all([
        reviews().findMany({
          filters,
          sort: [{ sentAt: 'desc' }, { id: 'desc' }],
          start: (page - 1) * pageSize,
          limit: pageSize,
          populate: CONTACT_FIELDS,
        } as never),
        reviews().count({ filters } as never),
        ourAddresses(strapi),
      ]);
      return {
        data: (rows as unknown as ReviewDoc[]).map((row) => reviewView(row, ours)),
        meta: { pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } },
      };
    },

    async link(documentId: string, contactDocumentId: unknown) {
      const review = await findReview(documentId);
      if (typeof contactDocumentId !== 'string' || !contactDocumentId)
        throw validationError('Choose the contact to link this e-mail to.', ['contact']);
      const contactId = await contactIdOf(strapi, contactDocumentId);
      if (contactId === null) throw validationError(`No contact with documentId ${contactDocumentId}.`, ['contact']);
      const logged = await (await prepare(review)).log(contactId, 'linked');
      return { logged, review: await viewOf(documentId) };
    },

    /** A person (or a company) named after the sender, with the sender's address, created by the contact rules; then logged. */
    async createContact(documentId: string, body: { type?: unknown; name?: unknown }, adminId: number | null = null) {
      const review = await findReview(documentId);
      const ours = await ourAddresses(strapi);
      const { email, name } = checked(() => contactFromSender(stateOf(review), body, ours));
      const logging = await prepare(review);
      const type = checked(() => contactTypeOf(body.type));
      const result = await transaction(strapi, async ({ trx }) => {
        const contact = (await strapi.documents(UID.contact).create({ data: { type, name, email } } as never)) as {
          documentId: string;
          no?: number | null;
          name?: string | null;
        };
        // The admin who created it owns it, as after a Content Manager create.
        if (adminId !== null)
          await stampEditor({ strapi, trx }, adminId, { created: [contact.documentId], updated: [] });
        const contactId = await contactIdOf(strapi, contact.documentId);
        const logged = await logging.log(contactId!, 'created');
        return {
          logged,
          contact: { documentId: contact.documentId, no: contact.no ?? null, name: contact.name },
        };
      });
      return { ...result, review: await viewOf(documentId) };
    },

    async ignore(documentId: string) {
      const review = await findReview(documentId);
      checked(() => assertReviewOpen(stateOf(review)));
      await transaction(strapi, async ({ trx }) => {
        if (!(await claimOpenReview({ strapi, trx }, documentId, 'ignored')))
          throw validationError('This e-mail was already handled by someone else; nothing to do.', ['reviewStatus']);
        await reviews().update({ documentId, data: { reviewStatus: 'ignored' } } as never);
      });
      return { review: await viewOf(documentId) };
    },
  };
};
