import { PLUGIN_ID } from '../pluginId';

/** Translation ids of the plugin are prefixed with the plugin id (see registerTrads in index.tsx). */
export const getTrad = (id: string) => `${PLUGIN_ID}.${id}`;
