import { PERMISSIONS } from '../permissions';
import { UID } from '../utils/uids';
import * as iv from './import-validation';

/** Admin routes (under /marketing-setup, admin JWT): logged-in admin + the RBAC action of the route. */
const guard = (action: string) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
});
const read = guard(PERMISSIONS.settingsRead);
const write = guard(PERMISSIONS.settingsUpdate);
const review = guard(PERMISSIONS.duplicatesReview);
const merge = guard(PERMISSIONS.duplicatesMerge);
const emails = guard(PERMISSIONS.emailsReview);
/**
 * The contact side panels (content-manager edit view) are guarded by the content manager's own
 * permissions on the contact type, [action, subject] as admin::hasPermissions accepts them: whoever may
 * open a contact may see its inheritance and the propagation preview, whoever may update it may reset.
 */
const contactGuard = (action: 'read' | 'update' | 'create') => ({
  policies: [
    'admin::isAuthenticatedAdmin',
    {
      name: 'admin::hasPermissions',
      config: { actions: [[`plugin::content-manager.explorer.${action}`, UID.contact]] },
    },
  ],
});
const contactRead = contactGuard('read');
const contactUpdate = contactGuard('update');
const contactImport = contactGuard('create');

export const adminRoutes = [
  { method: 'GET', path: '/settings', handler: 'admin-settings.find', config: read },
  { method: 'PUT', path: '/settings', handler: 'admin-settings.update', config: write },
  { method: 'GET', path: '/lookups/:type', handler: 'admin-lookups.find', config: read },
  { method: 'GET', path: '/no-series', handler: 'admin-no-series.find', config: read },
  { method: 'POST', path: '/no-series', handler: 'admin-no-series.create', config: write },
  { method: 'GET', path: '/no-series/:documentId', handler: 'admin-no-series.findOne', config: read },
  { method: 'PUT', path: '/no-series/:documentId', handler: 'admin-no-series.update', config: write },
  { method: 'POST', path: '/no-series/:documentId/lines', handler: 'admin-no-series.createLine', config: write },
  { method: 'PUT', path: '/no-series-lines/:documentId', handler: 'admin-no-series.updateLine', config: write },
  { method: 'DELETE', path: '/no-series-lines/:documentId', handler: 'admin-no-series.deleteLine', config: write },
  {
    method: 'GET',
    path: '/contacts/:documentId/inheritance',
    handler: 'admin-contacts.inheritance',
    config: contactRead,
  },
  {
    method: 'POST',
    path: '/contacts/:documentId/reset-inheritance',
    handler: 'admin-contacts.resetInheritance',
    config: contactUpdate,
  },
  {
    method: 'POST',
    path: '/contacts/:documentId/propagation-preview',
    handler: 'admin-contacts.propagationPreview',
    config: contactRead,
  },
  { method: 'GET', path: '/duplicates', handler: 'admin-duplicates.find', config: review },
  {
    method: 'POST',
    path: '/duplicates/:pairDocumentId/separate',
    handler: 'admin-duplicates.separate',
    config: review,
  },
  {
    method: 'GET',
    path: '/contacts/:documentId/duplicates',
    handler: 'admin-duplicates.contactDuplicates',
    config: contactRead,
  },
  { method: 'GET', path: '/duplicate-search-lines', handler: 'admin-duplicates.findLines', config: read },
  { method: 'POST', path: '/duplicate-search-lines', handler: 'admin-duplicates.createLine', config: write },
  { method: 'PUT', path: '/duplicate-search-lines/:documentId', handler: 'admin-duplicates.updateLine', config: write },
  {
    method: 'DELETE',
    path: '/duplicate-search-lines/:documentId',
    handler: 'admin-duplicates.deleteLine',
    config: write,
  },
  { method: 'POST', path: '/contacts/:documentId/merge', handler: 'admin-merge.merge', config: review },
  { method: 'POST', path: '/merge-logs/:documentId/undo', handler: 'admin-merge.undo', config: merge },
  { method: 'GET', path: '/merge-logs', handler: 'admin-merge.list', config: review },
  { method: 'POST', path: '/duplicates/regenerate', handler: 'admin-regeneration.start', config: write },
  { method: 'GET', path: '/duplicates/regenerate', handler: 'admin-regeneration.status', config: read },
  { method: 'GET', path: '/interaction-template-setup', handler: 'admin-interactions.templateSetup', config: read },
  {
    method: 'PUT',
    path: '/interaction-template-setup',
    handler: 'admin-interactions.updateTemplateSetup',
    config: write,
  },
  {
    method: 'GET',
    path: '/contacts/:documentId/interactions',
    handler: 'admin-interactions.timeline',
    config: contactRead,
  },
  { method: 'GET', path: '/interaction-rules', handler: 'admin-interaction-rules.find', config: read },
  { method: 'POST', path: '/interaction-rules', handler: 'admin-interaction-rules.create', config: write },
  {
    method: 'GET',
    path: '/interaction-rules/content-types',
    handler: 'admin-interaction-rules.contentTypes',
    config: read,
  },
  { method: 'PUT', path: '/interaction-rules/:documentId', handler: 'admin-interaction-rules.update', config: write },
  {
    method: 'DELETE',
    path: '/interaction-rules/:documentId',
    handler: 'admin-interaction-rules.delete',
    config: write,
  },
  { method: 'GET', path: '/email-logging', handler: 'admin-email-logging.status', config: read },
  { method: 'POST', path: '/email-logging/test', handler: 'admin-email-logging.test', config: write },
  { method: 'POST', path: '/email-logging/run', handler: 'admin-email-logging.run', config: write },
  { method: 'GET', path: '/email-reviews', handler: 'admin-email-logging.reviews', config: emails },
  { method: 'POST', path: '/email-reviews/:documentId/link', handler: 'admin-email-logging.link', config: emails },
  {
    method: 'POST',
    path: '/email-reviews/:documentId/create-contact',
    handler: 'admin-email-logging.createContact',
    config: emails,
  },
  { method: 'POST', path: '/email-reviews/:documentId/ignore', handler: 'admin-email-logging.ignore', config: emails },
  // Import and export of contacts: the Content Manager's permissions on the contact type (checked again in the controller).
  {
    method: 'GET',
    path: '/contacts/export',
    handler: 'admin-import-export.export',
    config: contactRead,
    request: { query: { documentIds: iv.exportQuery.shape.documentIds, locale: iv.exportQuery.shape.locale } },
    response: iv.importResponses.csv,
  },
  {
    method: 'POST',
    path: '/contacts/export',
    handler: 'admin-import-export.export',
    config: contactRead,
    request: { body: { 'application/json': iv.exportBody } },
    response: iv.importResponses.csv,
  },
  {
    method: 'POST',
    path: '/contacts/import/analyse',
    handler: 'admin-import-export.analyse',
    config: contactImport,
    request: { body: { 'application/json': iv.importBody } },
    response: iv.importResponses.analyse,
  },
  {
    method: 'POST',
    path: '/contacts/import/dry-run',
    handler: 'admin-import-export.dryRun',
    config: contactImport,
    request: { body: { 'application/json': iv.importBody } },
    response: iv.importResponses.dryRun,
  },
  {
    method: 'POST',
    path: '/contacts/import/jobs',
    handler: 'admin-import-export.start',
    config: contactImport,
    request: { body: { 'application/json': iv.importBody } },
    response: iv.importResponses.job,
  },
  {
    method: 'GET',
    path: '/contacts/import/jobs',
    handler: 'admin-import-export.list',
    config: contactImport,
    response: iv.importResponses.jobs,
  },
  {
    method: 'GET',
    path: '/contacts/import/jobs/:id',
    handler: 'admin-import-export.status',
    config: contactImport,
    request: { params: iv.importJobParams },
    response: iv.importResponses.job,
  },
  {
    method: 'POST',
    path: '/contacts/import/jobs/:id/resume',
    handler: 'admin-import-export.resume',
    config: contactImport,
    request: { params: iv.importJobParams },
    response: iv.importResponses.job,
  },
  {
    method: 'POST',
    path: '/contacts/import/jobs/:id/cancel',
    handler: 'admin-import-export.cancel',
    config: contactImport,
    request: { params: iv.importJobParams },
    response: iv.importResponses.job,
  },
  {
    method: 'GET',
    path: '/contacts/import/jobs/:id/errors',
    handler: 'admin-import-export.errors',
    config: contactImport,
    request: { params: iv.importJobParams },
    response: iv.importResponses.csv,
  },
];

/** The named router added to the plugin's routes as `admin`. */
export const adminRouter = { type: 'admin' as const, routes: adminRoutes };
