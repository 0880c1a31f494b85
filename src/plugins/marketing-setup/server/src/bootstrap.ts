import type { Core } from '@strapi/strapi';
import { getService } from './utils/services';
import { ACTIONS } from './permissions';
import { registerWebhookEvents } from './events';
import { seedSearchSetup } from './duplicate-search/setup-lines';
import { startWorker } from './jobs/duplicate-worker';
import { startEmailLogging } from './jobs/email-logging';
import { startImportPoller } from './jobs/contact-import';
import { configureContentManager } from './content-manager/configure';
import { contactPickerMiddleware } from './content-manager/contact-picker';
import { relationLabelsMiddleware } from './content-manager/relation-labels';
import { refreshLinkRowTitles } from './operations/business-relations';
import { contentManagerBodyGuard } from './middlewares/input-guard';
import { writePriority } from './middlewares/write-priority';

export const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  // Admin RBAC actions (granted to roles in Settings → Roles → Plugins → Marketing Setup).
  await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS);
  registerWebhookEvents(strapi);
  await getService(strapi, 'setup').ensure();
  await seedSearchSetup(strapi);
  await getService(strapi, 'interactions').ensureSetup();
  // The Content Manager's views of the plugin's records (captions, card order, read-only fields).
  await configureContentManager(strapi);
  // Link rows stored before they had a title get theirs (once: a titled row is not read again).
  await refreshLinkRowTitles({ strapi }, { title: { $null: true } });
  // Bootstrap runs after the global middlewares and before the routes are mounted: this runs before the CM's route.
  // Outside the contact picker's: a contact chip it leaves unnamed (a contact the user may not read) gets no name here.
  strapi.server.use(relationLabelsMiddleware(strapi));
  strapi.server.use(contactPickerMiddleware(strapi));
  strapi.server.use(contentManagerBodyGuard);
  // Writes before background work: the duplicate worker pauses while this process serves one (utils/pacing.ts).
  strapi.server.use(writePriority);
  await startWorker(strapi);
  startEmailLogging(strapi);
  startImportPoller(strapi);
};
