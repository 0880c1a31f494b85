/**
 * Domain events a Strapi webhook can subscribe to (Settings → Webhooks), sent once the write that caused
 * them has committed: a rolled-back merge or a refused save sends nothing. Payloads: README *Webhooks*.
 */
import type { Core } from '@strapi/strapi';
import { transaction } from './repositories/unit-of-work';

export const EVENTS = {
  contactMerged: 'marketing-setup.contact.merged',
  mergeUndone: 'marketing-setup.merge.undone',
  duplicateFound: 'marketing-setup.duplicate.found',
  interactionRecorded: 'marketing-setup.interaction.recorded',
  emailLogged: 'marketing-setup.email.logged',
} as const;
export type EventName = (typeof EVENTS)[keyof typeof EVENTS];

/** Offers the events in the webhook editor (their keys: MARKETING_SETUP_CONTACT_MERGED, …). */
export function registerWebhookEvents(strapi: Core.Strapi) {
  const store = strapi.get('webhookStore');
  for (const [key, event] of Object.entries(EVENTS)) {
    store.addAllowedEvent(`MARKETING_SETUP_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`, event);
  }
}

/**
 * Whether an enabled webhook listens to `event`, so that a payload that needs a read is built only then.
 * The runner keeps its webhooks by event (a private map in 5.54; when it is not there, assume yes).
 */
function listened(strapi: Core.Strapi, event: EventName) {
  const map = (strapi.get('webhookRunner') as { webhooksMap?: Map<string, unknown[]> }).webhooksMap;
  return !(map instanceof Map) || (map.get(event)?.length ?? 0) > 0;
}

type Payload = Record<string, unknown>;

/**
 * Emits `event` after the surrounding transaction commits (at once outside one). `payload` may be a
 * function, then called after the commit and only when a webhook listens (null: send nothing).
 */
export async function emitAfterCommit(
  strapi: Core.Strapi,
  event: EventName,
  payload: Payload | (() => Promise<Payload | null>),
) {
  const send = () => {
    if (!listened(strapi, event)) return;
    Promise.resolve(typeof payload === 'function' ? payload() : payload)
      .then((info) => info && strapi.eventHub.emit(event, info))
      .catch((err: Error) => strapi.log.error(`[marketing-setup] webhook event ${event} not sent: ${err.message}`));
  };
  if (!strapi.db.inTransaction()) return send();
  await transaction(strapi, async ({ onCommit }) => onCommit(send));
}

/**
 * Strapi's own `entry.create` / `entry.update` (webhooks, audit) for records a set-based write wrote without the
 * document service: sent after the commit, as the document service sends it, but with each record as written
 * (relations as `{ id }`) instead of a reload with every relation populated. One commit hook for the set.
 */
export async function emitEntriesWritten(
  strapi: Core.Strapi,
  uid: string,
  event: 'entry.create' | 'entry.update',
  entries: Record<string, unknown>[],
) {
  if (!entries.length) return;
  const model = strapi.getModel(uid as Parameters<typeof strapi.getModel>[0]).modelName;
  await transaction(strapi, async ({ onCommit }) =>
    onCommit(() => entries.forEach((entry) => strapi.eventHub.emit(event, { model, uid, entry }))),
  );
}

export const emitEntriesCreated = (strapi: Core.Strapi, uid: string, entries: Record<string, unknown>[]) =>
  emitEntriesWritten(strapi, uid, 'entry.create', entries);
