import { contentType, enumOf, refTo, str } from './fields';

export const EMAIL_REVIEW_STATUSES = ['open', 'linked', 'created', 'ignored'] as const;

/**
 * A message of the e-mail queue that could not be logged: no known address (Business Central drops it,
 * here a person decides), or it could not be read (`error`). Kept with what logging it later needs;
 * the message itself has been moved to the storage folder. Linked / created / ignored ones stay as history.
 */
export const emailReview = contentType({
  singularName: 'email-review',
  pluralName: 'email-reviews',
  displayName: 'E-mail Review',
  description: 'E-mails of the logging queue that matched no contact, or could not be read.',
  collectionName: 'ms_email_reviews',
  // Reviewed on its own screen (Settings → Marketing Setup → Unmatched e-mails), not edited as a record.
  inContentManager: false,
  attributes: {
    messageId: str({ maxLength: 900, unique: true }),
    sender: str({ maxLength: 255 }),
    senderName: str({ maxLength: 255 }),
    toAddresses: { type: 'text' },
    ccAddresses: { type: 'text' },
    subject: str({ maxLength: 255 }),
    sentAt: { type: 'datetime' },
    reason: { type: 'text' },
    error: { type: 'text' },
    // The plain-text body, only when the setup stores bodies; the entry logged from this row gets it.
    body: { type: 'text' },
    // Not `status`: Strapi 5 reserves it for a document's draft / published state.
    reviewStatus: enumOf([...EMAIL_REVIEW_STATUSES], { default: 'open', required: true }),
    contact: refTo('contact'),
  },
});
