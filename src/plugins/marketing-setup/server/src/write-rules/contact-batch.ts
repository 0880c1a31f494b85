/**
 * The new contacts of an import chunk, created set-based with the create rule's own steps: each contact is
 * planned by `planContactCreate` (the input checks of the document-service middleware, company, relations,
 * field rules, defaults or inheritance, its number from the chunk's block) — in memory, nothing written —
 * and the planned contacts are inserted together (repositories/contact-insert.ts); then what follows a
 * create, for all of them at once: the companies' links to themselves (one insert), the persons' business
 * relation (one read of the link rows), the duplicate search (held back for the batch). Strapi's document service is not
 * called for them, so Strapi's `entry.create` event (webhooks) is sent from here after the commit, with the contact as
 * written (relations as { id }), not re-read with every relation populated (README, Import).
 *
 * Runs inside the chunk's import batch (operations/import-batch.ts), which draws the numbers and holds the
 * search back.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Write } from '../repositories/unit-of-work';
import { emitEntriesCreated, emitEntriesWritten } from '../events';
import type { AttributeSpec } from '../domain/write-values';
import { splitForInsert, splitForUpdate, type InsertSplit } from '../domain/set-based-insert';
import { canInsertSetBased, insertContacts } from '../repositories/contact-insert';
import { linkAllToThemselves, RELATION_FIELDS, updateContactRow } from '../repositories/contacts';
import type { ContactRow } from '../repositories/duplicate-contacts';
import { assertWriteInput } from '../utils/scalar-types';
import { UID } from '../utils/uids';
import { recomputeNewPersons } from '../operations/business-relations';
import {
  afterContactCreate,
  afterContactUpdate,
  planContactCreate,
  planContactUpdate,
  type PlannedContact,
} from './contact';

/** A written row as Strapi's events carry it here: its links as `{ id }` (null: unlinked). */
const asWritten = (row: ContactRow, links: Record<string, number | null>) => ({
  ...row,
  ...Object.fromEntries(Object.entries(links).map(([field, id]) => [field, id === null ? null : { id }])),
});

/** A contact planned for the set-based insert. */
export interface PlannedInsert extends InsertSplit {
  planned: PlannedContact;
}

const contactWrite = (strapi: Core.Strapi, trx: Knex.Transaction, data: Record<string, unknown>): Write => ({
  strapi,
  trx,
  uid: UID.contact,
  action: 'create',
  params: { data },
});

/**
 * Plans a new contact: throws the refusal the document service would give (the input checks, then the
 * rules); null when its values need Strapi's own write (a value its validation could refuse, a relation not
 * written set-based) — the caller gives the number back and writes it through the document service.
 */
export async function planBatchCreate(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  data: Record<string, unknown>,
): Promise<PlannedInsert | null> {
  const contentType = strapi.contentType(UID.contact) as unknown as Parameters<typeof assertWriteInput>[0];
  assertWriteInput(contentType, { data });
  const write = contactWrite(strapi, trx, data);
  if (!canInsertSetBased(write, ['company', ...Object.keys(RELATION_FIELDS)])) return null;
  const planned = await planContactCreate(write);
  const split = splitForInsert(
    contentType.attributes as Record<string, AttributeSpec>,
    planned.fields,
    planned.company?.id ?? null,
  );
  return split && { ...split, planned };
}

/** Inserts planned contacts (in order) and runs what follows each create; returns them as stored. */
export async function insertPlannedContacts(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  plans: PlannedInsert[],
): Promise<ContactRow[]> {
  const write = contactWrite(strapi, trx, {});
  const created = await insertContacts(write, plans);
  await linkAllToThemselves(
    write,
    created.filter((_, i) => plans[i].planned.type === 'company').map((c) => c.id),
  );
  await recomputeNewPersons(
    write,
    created.flatMap((c, i) => {
      const company = plans[i].planned.company;
      return plans[i].planned.type === 'person' && company ? [{ id: c.id, companyId: company.id }] : [];
    }),
  );
  for (let i = 0; i < created.length; i += 1)
    await afterContactCreate(write, created[i], plans[i].planned, { setBased: true });
  await emitEntriesCreated(
    strapi,
    UID.contact,
    created.map((row, i) => asWritten(row, plans[i].links)),
  );
  return created;
}

/**
 * An import row's update of an existing contact without the document service: the update rule's own steps
 * (`planContactUpdate`: checks, relations, field rules, inheritance), the row written through Strapi's query
 * engine (its validation-free update: so only values `splitForUpdate` judges safe, updatedAt set by Strapi's
 * timestamps, the `*Update` lifecycles), then what follows an update (`afterContactUpdate`: propagation to the
 * company's persons, linked customers/vendors, the duplicate search) and Strapi's `entry.update` after the
 * commit with the contact as written. Null — nothing written — when the row needs the document service: it
 * changes the type, the company or the No., or a value Strapi's validation must judge.
 */
export async function updateDirect(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  documentId: string,
  data: Record<string, unknown>,
): Promise<ContactRow | null> {
  if ('type' in data || 'company' in data || 'no' in data) return null;
  const contentType = strapi.contentType(UID.contact) as unknown as Parameters<typeof assertWriteInput>[0];
  assertWriteInput(contentType, { data });
  const write: Write = { strapi, trx, uid: UID.contact, action: 'update', params: { documentId, data } };
  if (!canInsertSetBased(write, Object.keys(RELATION_FIELDS))) return null;
  // The plan writes nothing here: the row changes neither type nor company (checked above).
  const planned = await planContactUpdate(write);
  if (!planned) return null;
  const split = splitForUpdate(contentType.attributes as Record<string, AttributeSpec>, planned.fields);
  if (!split) return null;
  const updated = (await updateContactRow(write, planned.before.id, { ...split.values, ...split.links })) as ContactRow;
  await afterContactUpdate(write, planned, updated);
  await emitEntriesWritten(strapi, UID.contact, 'entry.update', [asWritten(updated, split.links)]);
  return updated;
}
