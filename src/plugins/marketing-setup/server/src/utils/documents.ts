import type { Core } from '@strapi/strapi';

/**
 * The document service for one of the plugin's content types. `strapi develop` writes the host app's
 * generated types, and with them Strapi types params and results by the host's registry: a plugin uid
 * passed as a string resolves to the union of every content type, and no field of ours type-checks. The
 * plugin's documents are loose records here; the write rules check what is written.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: Strapi types the service by the host's generated registry
export const documents = (strapi: Core.Strapi, uid: string) => strapi.documents(uid as any) as any;
