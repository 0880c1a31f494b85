/**
 * Admin RBAC actions of the plugin. A super admin grants them to roles in
 * Settings → Administration panel → Roles → Plugins → Marketing Setup. The admin routes check them
 * (the `may` policy, admin-api/policies.ts, which names a missing permission) and the admin UI hides links and pages
 * without them.
 */
export const PLUGIN_NAME = 'marketing-setup';

const action = (uid: string, displayName: string, subCategory: string) => ({
  section: 'plugins' as const,
  pluginName: PLUGIN_NAME,
  subCategory,
  uid,
  displayName,
});

/** Registered through `strapi.admin.services.permission.actionProvider.registerMany` at bootstrap. */
export const ACTIONS = [
  action('settings.read', 'Read the Marketing Setup', 'settings'),
  action('settings.update', 'Change the Marketing Setup and number series', 'settings'),
  action('duplicates.review', 'Review duplicate contacts', 'duplicates'),
  action('duplicates.merge', 'Merge duplicate contacts', 'duplicates'),
  action('emails.review', 'Review unmatched e-mails (link, create contact, ignore)', 'e-mail logging'),
];

/** Full action ids, as stored in admin permissions: plugin::marketing-setup.<uid>. */
export const PERMISSIONS = {
  settingsRead: `plugin::${PLUGIN_NAME}.settings.read`,
  settingsUpdate: `plugin::${PLUGIN_NAME}.settings.update`,
  duplicatesReview: `plugin::${PLUGIN_NAME}.duplicates.review`,
  duplicatesMerge: `plugin::${PLUGIN_NAME}.duplicates.merge`,
  emailsReview: `plugin::${PLUGIN_NAME}.emails.review`,
} as const;
