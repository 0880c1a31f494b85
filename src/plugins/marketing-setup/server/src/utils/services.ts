import type { Core } from '@strapi/strapi';
import type { PluginServices } from '../services';

/** Typed access to the plugin's services (the content-releases pattern). */
export const getService = <K extends keyof PluginServices>(strapi: Core.Strapi, name: K): PluginServices[K] =>
  strapi.plugin('marketing-setup').service(name) as PluginServices[K];
