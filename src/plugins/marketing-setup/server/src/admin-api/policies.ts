/**
 * The admin routes' permission check, with a refusal a person can act on. Strapi's `admin::hasPermissions`
 * answers every missing permission with "Policy Failed"; this policy checks the same ability (the admin's RBAC
 * permissions, as the Content Manager does) and names the permission the role lacks.
 */
import { errors } from '@strapi/utils';
import { ACTIONS, PLUGIN_NAME } from '../permissions';

export interface MayConfig {
  /** An RBAC action id, and for the Content Manager's actions the content type. */
  action: string;
  subject?: string;
}

interface PolicyContext {
  state: { userAbility?: { can(action: string, subject?: string): boolean } };
}

const CONTENT_MANAGER = /^plugin::content-manager\.explorer\.(\w+)$/;

/** What the refusal says the role lacks. */
export function refusalOf({ action }: MayConfig): string {
  const own = ACTIONS.find((a) => `plugin::${PLUGIN_NAME}.${a.uid}` === action);
  if (own) {
    return `Your role does not have the permission "${own.displayName}" (Settings → Roles → Plugins → Marketing Setup).`;
  }
  const cm = CONTENT_MANAGER.exec(action);
  if (cm) return `Your role may not ${cm[1]} contacts (Settings → Roles → Collection Types → Contact).`;
  return `Your role does not have the permission ${action}.`;
}

export const may = (ctx: PolicyContext, config: MayConfig) => {
  if (ctx.state.userAbility?.can(config.action, config.subject)) return true;
  throw new errors.PolicyError(refusalOf(config));
};

export const policies = { may };
