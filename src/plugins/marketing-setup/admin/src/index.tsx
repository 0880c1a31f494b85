import { PLUGIN_ID } from './pluginId';
import { PERMISSIONS } from './permissions';
import type { StrapiApp } from '@strapi/strapi/admin';
import type { BulkActionComponent, ContentManagerPlugin } from '@strapi/content-manager/strapi-admin';
import { InheritancePanel, InteractionsPanel, PersonsPanel } from './components/contact-panels';
import { DuplicatesPanel } from './components/duplicates/DuplicatesPanel';
import { ExportBulkAction } from './components/import-export/ExportBulkAction';
import { translateHints } from './components/ContentManagerHint';
import { captionEnumColumns } from './components/ContentManagerEnumCell';
// Pure data shared with the server (the captions it stores in the Content Manager configuration).
import { contentManagerMessages } from '../../server/src/domain/field-labels';
import { CONTENT_MANAGER_TYPES } from '../../server/src/content-manager/layouts';
import { DOCUMENT_KINDS } from '../../shared/contracts/interactions';

export default {
  register(app: StrapiApp) {
    // Settings → "Marketing Setup" section with two links. `permissions` only hides the links from roles
    // without the action; the pages check it again (Page.Protect) and the admin routes enforce it.
    app.addSettingsLink(
      { id: PLUGIN_ID, intlLabel: { id: `${PLUGIN_ID}.settings.section`, defaultMessage: 'Marketing Setup' } },
      [
        {
          id: `${PLUGIN_ID}-general`,
          to: `${PLUGIN_ID}/general`,
          intlLabel: { id: `${PLUGIN_ID}.settings.link.general`, defaultMessage: 'Configuration' },
          permissions: PERMISSIONS.read,
          Component: () => import('./pages/SettingsPage'),
        },
        {
          id: `${PLUGIN_ID}-no-series`,
          to: `${PLUGIN_ID}/no-series`,
          intlLabel: { id: `${PLUGIN_ID}.settings.link.noSeries`, defaultMessage: 'Number series' },
          permissions: PERMISSIONS.read,
          Component: () => import('./pages/NoSeriesPage'),
        },
        {
          id: `${PLUGIN_ID}-duplicates`,
          to: `${PLUGIN_ID}/duplicates`,
          intlLabel: { id: `${PLUGIN_ID}.settings.link.duplicates`, defaultMessage: 'Duplicates' },
          permissions: PERMISSIONS.review,
          Component: () => import('./pages/DuplicatesPage'),
        },
        {
          id: `${PLUGIN_ID}-duplicate-search`,
          to: `${PLUGIN_ID}/duplicate-search`,
          intlLabel: { id: `${PLUGIN_ID}.settings.link.duplicateSearch`, defaultMessage: 'Duplicate search' },
          permissions: PERMISSIONS.read,
          Component: () => import('./pages/DuplicateSearchPage'),
        },
        {
          id: `${PLUGIN_ID}-interaction-rules`,
          to: `${PLUGIN_ID}/interaction-rules`,
          intlLabel: { id: `${PLUGIN_ID}.settings.link.interactionRules`, defaultMessage: 'Auto-recording rules' },
          permissions: PERMISSIONS.read,
          Component: () => import('./pages/InteractionRulesPage'),
        },
        {
          id: `${PLUGIN_ID}-email-review`,
          to: `${PLUGIN_ID}/email-review`,
          intlLabel: { id: `${PLUGIN_ID}.settings.link.emailReview`, defaultMessage: 'Unmatched e-mails' },
          permissions: PERMISSIONS.emails,
          Component: () => import('./pages/EmailReviewPage'),
        },
        {
          id: `${PLUGIN_ID}-import`,
          to: `${PLUGIN_ID}/import`,
          intlLabel: { id: `${PLUGIN_ID}.settings.link.import`, defaultMessage: 'Import' },
          permissions: [
            { action: 'plugin::content-manager.explorer.create', subject: 'plugin::marketing-setup.contact' },
          ],
          Component: () => import('./pages/ImportPage'),
        },
      ],
    );
    app.registerPlugin({ id: PLUGIN_ID, name: 'Marketing Setup' });
  },
  bootstrap(app: StrapiApp) {
    // Contact edit view side panels (Content Manager API; the content manager registers its apis in its
    // own register, so they are used here). Each panel returns null for other types and contact kinds.
    const contentManager = app.getPlugin('content-manager');
    const apis = contentManager?.apis as ContentManagerPlugin['config']['apis'] | undefined;
    apis?.addEditViewSidePanel([InheritancePanel, PersonsPanel, DuplicatesPanel, InteractionsPanel]);
    // Contact list view: selected rows → CSV.
    apis?.addBulkAction((actions: BulkActionComponent[]) => [...actions, ExportBulkAction]);
    // The field hints of the plugin's views in the admin's language (the Content Manager shows them untranslated).
    app.registerHook('Admin/CM/pages/EditView/mutate-edit-view-layout', translateHints);
    // Their list views: an option's caption, not its stored value.
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', captionEnumColumns);
  },
  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          const captions =
            locale === 'en' || locale === 'nl' ? contentManagerMessages(locale, CONTENT_MANAGER_TYPES) : {};
          // The document kind of an interaction log entry, as a Content Manager option (message id: the bare value).
          const kinds = Object.fromEntries(
            DOCUMENT_KINDS.filter((kind) => data[`interactions.kind.${kind}`]).map((kind) => [
              kind,
              data[`interactions.kind.${kind}`],
            ]),
          );
          return { data: { ...captions, ...kinds, ...prefix(data) }, locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};

const prefix = (data: Record<string, string>) =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [`${PLUGIN_ID}.${k}`, v]));
