import { PERMISSIONS, PLUGIN_NAME } from '../permissions';
import { UID } from '../utils/uids';
import * as iv from './import-validation';

/** Admin routes (under /marketing-setup, admin JWT): logged-in admin + the RBAC action of the route (admin-api/policies.ts). */
const guard = (action: string) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: `plugin::${PLUGIN_NAME}.may`, config: { action } }],
});
const read = guard(PERMISSIONS.settingsRead);
const write = guard(PERMISSIONS.settingsUpdate);
const review = guard(PERMISSIONS.duplicatesReview);
const merge = guard(PERMISSIONS.duplicatesMerge);
const emails = guard(PERMISSIONS.emailsReview);
/**
 * The contact side panels (content-manager edit view) are guarded by the content manager's own
 * permissions on the contact type (the plugin's `may` policy, admin-api/policies.ts): whoever may
 * open a contact may see its inheritance and the propagation preview, whoever may update it may reset.
 */
const contactGuard = (action: 'read' | 'update' | 'create') => ({
  policies: [
    'admin::isAuthenticatedAdmin',
    {
      name: `plugin::${PLUGIN_NAME}.may`,
      config: { action: `plugin::content-manager.explorer.${action}`, subject: UID.contact },
    },
  ],
});
const contactRead = contactGuard('read');
const contactUpdate = contactGuard('update');
const contactImport = contactGuard('create');

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
/** One route: method, path, controller action, its guard; request/response schemas where it has them (OpenAPI). */
const route = (method: Method, path: string, handler: string, config: { policies: unknown[] }, schemas = {}) => ({
  method,
  path,
  handler,
  config,
  ...schemas,
});

export const adminRoutes = [
  route('GET', '/settings', 'admin-settings.find', read),
  route('PUT', '/settings', 'admin-settings.update', write),
  route('GET', '/lookups/:type', 'admin-lookups.find', read),
  route('GET', '/no-series', 'admin-no-series.find', read),
  route('POST', '/no-series', 'admin-no-series.create', write),
  route('GET', '/no-series/:documentId', 'admin-no-series.findOne', read),
  route('PUT', '/no-series/:documentId', 'admin-no-series.update', write),
  route('POST', '/no-series/:documentId/lines', 'admin-no-series.createLine', write),
  route('PUT', '/no-series-lines/:documentId', 'admin-no-series.updateLine', write),
  route('DELETE', '/no-series-lines/:documentId', 'admin-no-series.deleteLine', write),
  route('GET', '/contacts/:documentId/inheritance', 'admin-contacts.inheritance', contactRead),
  route('POST', '/contacts/:documentId/reset-inheritance', 'admin-contacts.resetInheritance', contactUpdate),
  route('POST', '/contacts/:documentId/propagation-preview', 'admin-contacts.propagationPreview', contactRead),
  route('GET', '/duplicates', 'admin-duplicates.find', review),
  route('POST', '/duplicates/:pairDocumentId/separate', 'admin-duplicates.separate', review),
  route('GET', '/contacts/:documentId/duplicates', 'admin-duplicates.contactDuplicates', contactRead),
  route('GET', '/duplicate-search-lines', 'admin-duplicates.findLines', read),
  route('POST', '/duplicate-search-lines', 'admin-duplicates.createLine', write),
  route('PUT', '/duplicate-search-lines/:documentId', 'admin-duplicates.updateLine', write),
  route('DELETE', '/duplicate-search-lines/:documentId', 'admin-duplicates.deleteLine', write),
  route('POST', '/contacts/:documentId/merge', 'admin-merge.merge', review),
  route('POST', '/merge-logs/:documentId/undo', 'admin-merge.undo', merge),
  route('GET', '/merge-logs', 'admin-merge.list', review),
  route('POST', '/duplicates/regenerate', 'admin-regeneration.start', write),
  route('GET', '/duplicates/regenerate', 'admin-regeneration.status', read),
  route('GET', '/interaction-template-setup', 'admin-interactions.templateSetup', read),
  route('PUT', '/interaction-template-setup', 'admin-interactions.updateTemplateSetup', write),
  route('GET', '/contacts/:documentId/interactions', 'admin-interactions.timeline', contactRead),
  route('GET', '/interaction-rules', 'admin-interaction-rules.find', read),
  route('POST', '/interaction-rules', 'admin-interaction-rules.create', write),
  route('GET', '/interaction-rules/content-types', 'admin-interaction-rules.contentTypes', read),
  route('PUT', '/interaction-rules/:documentId', 'admin-interaction-rules.update', write),
  route('DELETE', '/interaction-rules/:documentId', 'admin-interaction-rules.delete', write),
  route('GET', '/email-logging', 'admin-email-logging.status', read),
  route('POST', '/email-logging/test', 'admin-email-logging.test', write),
  route('POST', '/email-logging/run', 'admin-email-logging.run', write),
  route('GET', '/email-reviews', 'admin-email-logging.reviews', emails),
  route('POST', '/email-reviews/:documentId/link', 'admin-email-logging.link', emails),
  route('POST', '/email-reviews/:documentId/create-contact', 'admin-email-logging.createContact', emails),
  route('POST', '/email-reviews/:documentId/ignore', 'admin-email-logging.ignore', emails),
  // Import and export of contacts: the Content Manager's permissions on the contact type (checked again in the controller).
  route('GET', '/contacts/export', 'admin-import-export.export', contactRead, {
    request: {
      query: {
        documentIds: iv.exportQuery.shape.documentIds,
        _q: iv.exportQuery.shape._q,
        locale: iv.exportQuery.shape.locale,
      },
    },
    response: iv.importResponses.csv,
  }),
  route('POST', '/contacts/export', 'admin-import-export.export', contactRead, {
    request: { body: { 'application/json': iv.exportBody } },
    response: iv.importResponses.csv,
  }),
  route('POST', '/contacts/export/count', 'admin-import-export.exportCount', contactRead, {
    request: { body: { 'application/json': iv.exportBody } },
    response: iv.importResponses.exportCount,
  }),
  route('POST', '/contacts/import/analyse', 'admin-import-export.analyse', contactImport, {
    request: { body: { 'application/json': iv.importBody } },
    response: iv.importResponses.analyse,
  }),
  route('POST', '/contacts/import/dry-run', 'admin-import-export.dryRun', contactImport, {
    request: { body: { 'application/json': iv.importBody } },
    response: iv.importResponses.dryRun,
  }),
  route('POST', '/contacts/import/jobs', 'admin-import-export.start', contactImport, {
    request: { body: { 'application/json': iv.importBody } },
    response: iv.importResponses.job,
  }),
  route('GET', '/contacts/import/jobs', 'admin-import-export.list', contactImport, {
    response: iv.importResponses.jobs,
  }),
  route('GET', '/contacts/import/jobs/:id', 'admin-import-export.status', contactImport, {
    request: { params: iv.importJobParams },
    response: iv.importResponses.job,
  }),
  route('POST', '/contacts/import/jobs/:id/resume', 'admin-import-export.resume', contactImport, {
    request: { params: iv.importJobParams },
    response: iv.importResponses.job,
  }),
  route('POST', '/contacts/import/jobs/:id/cancel', 'admin-import-export.cancel', contactImport, {
    request: { params: iv.importJobParams },
    response: iv.importResponses.job,
  }),
  route('GET', '/contacts/import/jobs/:id/errors', 'admin-import-export.errors', contactImport, {
    request: { params: iv.importJobParams },
    response: iv.importResponses.csv,
  }),
];

/** The named router added to the plugin's routes as `admin`. */
export const adminRouter = { type: 'admin' as const, routes: adminRoutes };
