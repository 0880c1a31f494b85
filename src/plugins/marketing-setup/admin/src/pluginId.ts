export const PLUGIN_ID = 'marketing-setup';

/** Paths of the plugin's settings pages (relative to the admin router's basename). */
export const PATHS = {
  settings: '/settings/marketing-setup/general',
  noSeries: '/settings/marketing-setup/no-series',
  duplicates: '/settings/marketing-setup/duplicates',
  duplicateSearch: '/settings/marketing-setup/duplicate-search',
  interactionRules: '/settings/marketing-setup/interaction-rules',
  emailReview: '/settings/marketing-setup/email-review',
} as const;
