import settings from './settings';
import lookups from './lookups';
import noSeries from './no-series';
import contacts from './contacts';
import duplicates from './duplicates';
import merge from './merge';
import regeneration from './regeneration';
import interactions from './interactions';
import interactionRules from './interaction-rules';
import emailLogging from './email-logging';
import importExport from './import-export';

export { adminRouter, adminRoutes } from './routes';

/** Controllers of the admin API (the settings page, number series screens and contact side panels). */
export const adminControllers = {
  'admin-settings': settings,
  'admin-lookups': lookups,
  'admin-no-series': noSeries,
  'admin-contacts': contacts,
  'admin-duplicates': duplicates,
  'admin-merge': merge,
  'admin-regeneration': regeneration,
  'admin-interactions': interactions,
  'admin-interaction-rules': interactionRules,
  'admin-email-logging': emailLogging,
  'admin-import-export': importExport,
};
