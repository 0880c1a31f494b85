/**
 * A record an admin writes may point only at contacts the admin's role may read. A relation to a contact shows that
 * contact's fields wherever the record is listed (an interaction entry, an opportunity, a business relation link),
 * a person inherits its company's address, phone and e-mail, and an open opportunity blocks the contact's deletion —
 * so an Author who may read only its own contacts could otherwise read, and act on, anyone's by naming their ids.
 * A contact the role may not read is answered as one that does not exist (the same message), so its existence is
 * not told either. Writes without an admin behind them (REST API tokens, jobs, code) are not narrowed here.
 */
import type { Core } from '@strapi/strapi';
import { readRelationChange } from '../domain/relation-input';
import { RuleViolation } from '../domain/errors';
import { documentIdOfRecord } from '../repositories/records';
import { UID } from '../utils/uids';
import { validationError } from '../utils/errors';
import { recordAccessOf } from './record-access';

interface AttributeLike {
  type?: string;
  target?: string;
}

/** The admin's ability of the request being served, or null (no request, or not an admin request). */
function adminAbility(strapi: Core.Strapi): unknown | null {
  const ctx = strapi.requestContext.get() as {
    state?: { userAbility?: unknown; auth?: { strategy?: { name?: string } } };
  };
  const state = ctx?.state;
  return state?.userAbility && state.auth?.strategy?.name === 'admin' ? state.userAbility : null;
}

/**
 * Refuses a write (400, as for a contact that does not exist) that sets a relation of `attributes` to a contact the
 * requesting admin may not read.
 */
export async function assertReadableContacts(
  strapi: Core.Strapi,
  attributes: Record<string, AttributeLike>,
  data: Record<string, unknown> | undefined,
) {
  if (!data || typeof data !== 'object') return;
  const fields = Object.entries(attributes)
    .filter(([name, a]) => a.type === 'relation' && a.target === UID.contact && data[name] !== undefined)
    .map(([name]) => name);
  if (!fields.length) return;
  const ability = adminAbility(strapi);
  if (!ability) return;
  const access = recordAccessOf(strapi, ability);
  if (await access.readsEveryContact()) return;
  for (const field of fields) {
    let change;
    try {
      change = readRelationChange(data[field], field);
    } catch (err) {
      if (err instanceof RuleViolation) continue; // a malformed value: the write rules answer it
      throw err;
    }
    if (change.kind !== 'set') continue;
    const documentId = await documentIdOfRecord(strapi, UID.contact, change.ref);
    if (!documentId || !(await access.mayReadDocument(documentId)))
      throw validationError(`The ${field} given does not exist.`, [field]);
  }
}
