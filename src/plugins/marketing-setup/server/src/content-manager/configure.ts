/**
 * Writes the Content Manager configuration of the plugin's record types at start-up (captions, card
 * order, read-only and hidden fields, main field), through the content-manager's own service, so Strapi
 * stores it where "Configure the view" reads and writes it. What was written last is kept in the
 * plugin's store: an admin's later change of a view is never overwritten (domain decideWrite).
 */
import type { Core } from '@strapi/strapi';
import { PLUGIN } from '../content-types/fields';
import {
  buildConfiguration,
  decideWrite,
  type AttributeInfo,
  type CmConfiguration,
  type LayoutSpec,
} from '../domain/content-manager-layout';
import { LAYOUTS } from './layouts';

const STORE_KEY = 'content-manager-configuration';
const PREFIX = `plugin::${PLUGIN}.`;

/** Strapi's own fields: never in the edit form, so the plugin leaves their configuration alone. */
const SYSTEM_FIELDS = new Set([
  'id',
  'documentId',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
  'locale',
  'localizations',
]);

/** The Content Manager's service of view configurations (its own type is not exported). */
interface ContentTypesService {
  findConfiguration(contentType: { uid: string }): Promise<unknown>;
  updateConfiguration(contentType: { uid: string }, configuration: CmConfiguration): Promise<unknown>;
}

const nameOf = (uid: string) => (uid.startsWith(PREFIX) ? uid.slice(PREFIX.length) : null);

/** A type without a spec keeps Strapi's order and main field, and gets the captions. */
const specFromCurrent = (current: CmConfiguration): LayoutSpec => ({
  mainField: String(current.settings?.mainField ?? 'id'),
  list: current.layouts?.list ?? [],
  groups: [(current.layouts?.edit ?? []).flat().map((el) => el.name)],
});

export async function configureContentManager(strapi: Core.Strapi) {
  const contentManager = strapi.plugin('content-manager');
  if (!contentManager) return; // an app without the Content Manager has nothing to configure
  const service = contentManager.service('content-types') as ContentTypesService;
  const store = strapi.store({ type: 'plugin', name: PLUGIN });
  const written = ((await store.get({ key: STORE_KEY })) as Record<string, CmConfiguration> | null) ?? {};
  const mainFieldOf = (targetUid: string) => {
    const name = nameOf(targetUid);
    return name ? LAYOUTS[name]?.mainField : undefined;
  };

  const summary: Record<string, string> = {};
  for (const [uid, contentType] of Object.entries(strapi.contentTypes)) {
    const name = nameOf(uid);
    const options = contentType.pluginOptions as { 'content-manager'?: { visible?: boolean } } | undefined;
    if (!name || options?.['content-manager']?.visible === false) continue;
    const attributes = Object.fromEntries(
      Object.entries(
        contentType.attributes as Record<string, { type: string; target?: string; visible?: boolean }>,
      ).map(([field, a]): [string, AttributeInfo] => [
        field,
        { type: a.type, target: a.target, visible: SYSTEM_FIELDS.has(field) ? false : a.visible },
      ]),
    );
    const current = (await service.findConfiguration({ uid })) as CmConfiguration;
    const desired = buildConfiguration(current, LAYOUTS[name] ?? specFromCurrent(current), attributes, mainFieldOf);
    const fields = Object.keys(attributes).filter((f) => attributes[f].visible !== false);
    const decision = decideWrite(current, desired, written[uid] ?? null, fields);
    summary[name] = decision;
    if (decision === 'write') await service.updateConfiguration({ uid }, desired);
    if (decision !== 'customised') written[uid] = desired;
  }
  await store.set({ key: STORE_KEY, value: written });
  const kept = Object.entries(summary)
    .filter(([, d]) => d === 'customised')
    .map(([n]) => n);
  if (kept.length)
    strapi.log.info(`[${PLUGIN}] Content Manager views changed by an admin kept as they are: ${kept.join(', ')}`);
}
