import { PERMISSIONS } from '../permissions';

/** Admin routes (under /marketing-setup, admin JWT): logged-in admin + the RBAC action of the route. */
const guard = (action: string) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
});
const read = guard(PERMISSIONS.settingsRead);
const write = guard(PERMISSIONS.settingsUpdate);

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
];

/** The named router added to the plugin's routes as `admin`. */
export const adminRouter = { type: 'admin' as const, routes: adminRoutes };
