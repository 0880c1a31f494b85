/**
 * The inherited relations of a contact write, resolved to numeric ids so they compare with the
 * company's: shared by the contact write rules and the propagation preview of the contacts service.
 */
import type { Write } from '../repositories/unit-of-work';
import { missingTargetViolation, readRelationChange } from '../domain/relation-input';
import { RELATION_FIELDS } from '../repositories/contacts';
import { idOfRecord } from '../repositories/records';
import { rememberedId } from './import-batch';

/**
 * Untouched relations (`{ connect: [], disconnect: [] }` from the Content Manager) are removed from `data`,
 * so they neither count as set by hand nor reach the write; `before` (flat) tells what a disconnect clears.
 */
export async function resolveRelationIds(
  write: Pick<Write, 'strapi'>,
  data: Record<string, unknown>,
  before?: Record<string, unknown> | null,
) {
  for (const [field, uid] of Object.entries(RELATION_FIELDS)) {
    const change = readRelationChange(data[field], field);
    if (change.kind === 'untouched') {
      delete data[field];
    } else if (change.kind === 'clear') {
      data[field] = null;
    } else if (change.kind === 'disconnect') {
      const current = before?.[field] ?? null;
      const named =
        current !== null &&
        (await Promise.all(change.refs.map((r) => idOfRecord(write.strapi, uid, r)))).includes(current as number);
      if (named) data[field] = null;
      else delete data[field];
    } else {
      const id = await rememberedId(uid, change.ref, () => idOfRecord(write.strapi, uid, change.ref));
      if (id === null) throw missingTargetViolation(field);
      data[field] = id;
    }
  }
}
