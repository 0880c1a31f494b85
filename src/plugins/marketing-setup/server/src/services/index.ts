import { factories } from '@strapi/strapi';
import contentTypes from '../content-types';
import { uidOf } from '../content-types/fields';
import setup from './setup';
import numberSeries from './number-series';
import contacts from './contacts';
import businessRelations from './business-relations';
import duplicates from './duplicates';
import merge from './merge';
import duplicateRegeneration from './duplicate-regeneration';
import interactions from './interactions';
import emailLogging from './email-logging';

/** Core CRUD services for every content type (what the core controllers call) ... */
const coreServices = Object.fromEntries(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- createCoreService types uids by the host's registry, which a plugin cannot import
  Object.keys(contentTypes).map((name) => [name, factories.createCoreService(uidOf(name) as any)]),
);

/** ... plus the plugin's own capabilities. The setup service extends the single type's core service. */
export const services = {
  ...coreServices,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above; the extension's type is checked against that registry too
  setup: factories.createCoreService(uidOf('setup') as any, setup as any),
  'number-series': numberSeries,
  contacts,
  'business-relations': businessRelations,
  duplicates,
  merge,
  'duplicate-regeneration': duplicateRegeneration,
  interactions,
  'email-logging': emailLogging,
};

export type PluginServices = {
  setup: ReturnType<typeof setup>;
  'number-series': ReturnType<typeof numberSeries>;
  contacts: ReturnType<typeof contacts>;
  'business-relations': ReturnType<typeof businessRelations>;
  duplicates: ReturnType<typeof duplicates>;
  merge: ReturnType<typeof merge>;
  'duplicate-regeneration': ReturnType<typeof duplicateRegeneration>;
  interactions: ReturnType<typeof interactions>;
  'email-logging': ReturnType<typeof emailLogging>;
};
