import settings from './settings';
import lookups from './lookups';
import noSeries from './no-series';

export { adminRouter, adminRoutes } from './routes';

/** Controllers of the admin API (the settings page and number series screens). */
export const adminControllers = {
  'admin-settings': settings,
  'admin-lookups': lookups,
  'admin-no-series': noSeries,
};
