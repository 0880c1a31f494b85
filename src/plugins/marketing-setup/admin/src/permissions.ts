/** Admin RBAC actions of the plugin (registered by the server at bootstrap, see server/src/permissions.ts). */
const action = (uid: string) => ({ action: `plugin::marketing-setup.${uid}`, subject: null });

export const PERMISSIONS = {
  /** Sees the settings links and pages. */
  read: [action('settings.read')],
  /** Saves the Marketing Setup and edits number series. */
  update: [action('settings.update')],
  /** Sees the duplicates review and marks pairs as not duplicates. */
  review: [action('duplicates.review')],
  /** Merges duplicates and undoes merges. */
  merge: [action('duplicates.merge')],
  /** Sees the unmatched e-mails and links, creates contacts from or ignores them. */
  emails: [action('emails.review')],
};
