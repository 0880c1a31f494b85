/**
 * Merging a duplicate contact into a surviving one, and undoing it (reference §4.5, done better).
 * One transaction each: a refusal or a failure anywhere leaves both contacts as they were.
 *
 * A merge: the chosen fields are copied onto the survivor (a normal contact update, so its rules run),
 * every link row that points at the duplicate — found from the content-type metadata — is re-pointed
 * to the survivor, a company's moved persons inherit the survivor's values where they do not override
 * them, the duplicate is deleted (its search strings and pairs with it) and the survivor re-indexed.
 * The merge log keeps the duplicate's row and own links, the moved rows and the survivor's old values.
 */
import { EVENTS, emitAfterCommit } from '../events';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  businessRelationConflicts,
  checkMergeRequest,
  duplicateGoneViolation,
  fieldDifferences,
  singleLinkConflict,
  undoTakenViolation,
  undoViolation,
  MERGE_RELATIONS,
  type Conflict,
  type ContactType,
  type RelationLinkRow,
} from '../domain/merge';
import { propagationPlan, type InheritFlags } from '../domain/inheritance';
import { inTransaction as runInTransaction, type Write } from '../repositories/unit-of-work';
import {
  contactById,
  contactRow,
  contactTaking,
  insertContactRow,
  loadContactFlat,
  lockContactRows,
  searchStringCount,
} from '../repositories/contacts';
import { linkRows, type LinkRow } from '../repositories/business-relations';
import { findMergeLog, lockMergeLog, mergeLogPage, type MergeLogRow } from '../repositories/merge-log';
import { recordById } from '../repositories/records';
import { loadSetup } from '../repositories/setup';
import {
  countIncoming,
  linksToContact,
  moveBack,
  moveIncoming,
  ownLinkRows,
  restoreOwnLinkRows,
  type MovedLink,
} from '../repositories/join-links';
import { propagate } from '../operations/propagation';
import { recomputeBusinessRelation } from '../operations/business-relations';
import { searchDuplicates } from '../duplicate-search/search';
import { pairsOf } from '../repositories/duplicate-pairs';
import { notFound } from '../utils/errors';
import { UID } from '../utils/uids';

/** Document service `data`: typed per content type of the host's registry, which a plugin cannot import. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type DocumentData = any;
type Setup = InheritFlags & Record<string, unknown>;

export interface ContactRef {
  documentId: string;
  no: string | null;
  name: string | null;
  type: ContactType;
}
/** One kind of related record of the duplicate: moved to the survivor, or dropped (derived data, rebuilt for the survivor). */
export interface MergeMove {
  uid: string;
  attribute: string;
  displayName: string;
  count: number;
  action: 'move' | 'drop';
}
export interface MergeInput {
  duplicate: string;
  fields?: string[];
  dryRun?: boolean;
}

/** What undo needs; stored (private) in the merge log. */
interface Snapshot {
  duplicateRow: Record<string, unknown>;
  duplicateLinks: { attribute: string; rows: Record<string, unknown>[] }[];
  moved: MovedLink[];
  survivorBefore: Record<string, unknown>;
  survivorMerged: Record<string, unknown>;
}

type Flat = Record<string, unknown> & {
  id: number;
  documentId: string;
  type: ContactType;
  no: string | null;
  name: string | null;
};

const refOf = (c: Flat): ContactRef => ({
  documentId: c.documentId,
  no: c.no ?? null,
  name: c.name ?? null,
  type: c.type,
});
const pick = (fields: string[], from: Record<string, unknown>) =>
  Object.fromEntries(fields.map((f) => [f, from[f] ?? null]));
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** 400 listing the conflicts, in details.conflicts (and details.errors, as the admin's error handler reads). */
const conflictError = (conflicts: Conflict[]) =>
  new errors.ValidationError(
    `Resolve ${conflicts.length === 1 ? 'this conflict' : `these ${conflicts.length} conflicts`} before merging: ${conflicts.map((c) => c.message).join(' ')}`,
    { conflicts, errors: conflicts.map((c) => ({ path: ['duplicate'], message: c.message, name: 'ValidationError' })) },
  );

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const inTransaction = <T>(fn: (write: Write) => Promise<T>) => runInTransaction(strapi, UID.contact, fn);

  /** A contact as flat values (relations as ids). */
  const load = async (write: Write, where: Record<string, unknown>): Promise<Flat | null> => {
    const c = await loadContactFlat(write, where);
    return c ? ({ ...c, company: c.company?.id ?? null } as unknown as Flat) : null;
  };

  /**
   * Locks the contacts' rows (in id order, so "A into B" and "B into A" at the same time queue up
   * instead of deadlocking); a second merge of the same duplicate then finds it gone.
   */
  const lockContacts = lockContactRows;

  /** A relation value as the admin shows it: { documentId, code, name }. */
  const displayValue = async (field: string, value: unknown) => {
    if (!MERGE_RELATIONS.includes(field) || value === null) return value;
    const attributes = strapi.getModel(UID.contact).attributes as unknown as Record<string, { target: string }>;
    const row = await recordById(strapi, attributes[field].target, value as number);
    return row
      ? { documentId: row.documentId, code: row.code ?? row.no ?? null, name: row.name ?? row.description ?? null }
      : null;
  };

  /** The plan of a merge: differences, what moves, what blocks it. */
  async function planMerge(write: Write, survivor: Flat, duplicate: Flat) {
    const links = linksToContact(write);
    const moves: MergeMove[] = [];
    const conflicts: Conflict[] = [];
    for (const link of links) {
      const count = await countIncoming(write, link, duplicate.id);
      if (!count) continue;
      moves.push({ uid: link.uid, attribute: link.attribute, displayName: link.displayName, count, action: 'move' });
      if (link.single) {
        const conflict = singleLinkConflict(
          link.displayName,
          link.attribute,
          (await countIncoming(write, link, survivor.id)) > 0,
          true,
        );
        if (conflict) conflicts.push(conflict);
      }
    }
    const strings = await searchStringCount(write, duplicate.id);
    if (strings)
      moves.push({
        uid: 'search-strings',
        attribute: 'contact',
        displayName: 'Duplicate search strings',
        count: strings,
        action: 'drop',
      });
    const pairs = await pairsOf(write, duplicate.id);
    if (pairs.length)
      moves.push({
        uid: UID.contactDuplicate,
        attribute: 'contact',
        displayName: 'Contact Duplicate',
        count: pairs.length,
        action: 'drop',
      });

    const plain = (rows: LinkRow[]): RelationLinkRow[] =>
      rows.map((r) => ({
        code: r.businessRelation?.code ?? '',
        linkToTable: r.linkToTable,
        linkedNo: r.linkToTable !== 'none' ? (r[r.linkToTable]?.no ?? null) : null,
      }));
    conflicts.push(
      ...businessRelationConflicts(
        survivor.no,
        plain(await linkRows(write, { contact: { id: survivor.id } })),
        duplicate.no,
        plain(await linkRows(write, { contact: { id: duplicate.id } })),
      ),
    );
    return { links, moves, conflicts };
  }

  /** Re-indexes a contact for the duplicate search when the setup maintains the index. */
  const reindex = async (write: Write, id: number) => {
    const setup = await loadSetup(strapi, write.trx);
    if (!setup.maintainDuplSearchStrings) return;
    const row = await contactById(write, id);
    if (row) await searchDuplicates(write, row, false);
  };

  return {
    merge(survivorDocumentId: string, input: MergeInput) {
      return inTransaction(async (write) => {
        await lockContacts(write, [survivorDocumentId, input.duplicate]);
        const survivor = await load(write, { documentId: survivorDocumentId });
        if (!survivor) throw notFound(`No contact with documentId ${survivorDocumentId}.`);
        const duplicate = await load(write, { documentId: input.duplicate });
        if (!duplicate) throw duplicateGoneViolation();
        const fields = checkMergeRequest(survivor, duplicate, input.fields);
        const { links, moves, conflicts } = await planMerge(write, survivor, duplicate);

        if (input.dryRun) {
          const differences: { field: string; survivor: unknown; duplicate: unknown }[] = [];
          for (const d of fieldDifferences(survivor.type, survivor, duplicate)) {
            differences.push({
              field: d.field,
              survivor: await displayValue(d.field, d.survivor),
              duplicate: await displayValue(d.field, d.duplicate),
            });
          }
          return { survivor: refOf(survivor), duplicate: refOf(duplicate), differences, moves, conflicts };
        }
        if (conflicts.length) throw conflictError(conflicts);

        const duplicateRow = await contactRow(write, duplicate.id);
        const duplicateLinks = await ownLinkRows(write, duplicate.id);
        if (fields.length) {
          await strapi
            .documents(UID.contact)
            .update({ documentId: survivor.documentId, data: pick(fields, duplicate) as DocumentData });
        }
        const merged = (await load(write, { id: survivor.id }))!;

        const moved: MovedLink[] = [];
        for (const link of links) {
          const m = await moveIncoming(write, link, duplicate.id, survivor.id);
          if (m) moved.push(m);
        }
        // The company's persons came along: what they inherited from the duplicate now comes from the survivor.
        if (survivor.type === 'company')
          await propagate(
            write,
            survivor.id,
            propagationPlan((await loadSetup(strapi, write.trx)) as Setup, duplicate, merged),
          );
        await recomputeBusinessRelation(write, survivor.id);
        // Nothing points at the duplicate any more: its delete rules find no persons, opportunities or links to cascade.
        await strapi.documents(UID.contact).delete({ documentId: duplicate.documentId });
        await reindex(write, survivor.id);

        const snapshot: Snapshot = {
          duplicateRow,
          duplicateLinks,
          moved,
          survivorBefore: pick(fields, survivor),
          survivorMerged: pick(fields, merged),
        };
        const log = await strapi.documents(UID.mergeLog).create({
          data: {
            contactType: survivor.type,
            survivorDocumentId: survivor.documentId,
            survivorNo: survivor.no,
            survivorName: merged.name,
            duplicateDocumentId: duplicate.documentId,
            duplicateNo: duplicate.no,
            duplicateName: duplicate.name,
            fields,
            snapshot,
          } as DocumentData,
        });
        const result = { mergeLog: log.documentId, survivor: refOf(merged), moves };
        await emitAfterCommit(strapi, EVENTS.contactMerged, { ...result, duplicate: refOf(duplicate), fields });
        return result;
      });
    },

    undo(mergeLogDocumentId: string) {
      return inTransaction(async (write) => {
        // Two undos of one merge at once: the second waits here, then finds it undone.
        await lockMergeLog(write, mergeLogDocumentId);
        const log = await findMergeLog(strapi, mergeLogDocumentId);
        if (!log) throw notFound(`No merge log with documentId ${mergeLogDocumentId}.`);
        const snap = log.snapshot as Snapshot;
        await lockContacts(write, [log.survivorDocumentId]);
        const survivor = await load(write, { documentId: log.survivorDocumentId });
        const refused = undoViolation(log, !!survivor);
        if (refused || !survivor) throw refused;
        const row = snap.duplicateRow as Record<string, unknown> & {
          id: number;
          document_id: string;
          no: string | null;
        };
        if (await contactTaking(write, row.id, row.document_id, row.no)) throw undoTakenViolation(log, row.no);

        await insertContactRow(write, row);
        await restoreOwnLinkRows(write, snap.duplicateLinks);
        for (const link of snap.moved) await moveBack(write, link, survivor.id, row.id);
        const restored = (await load(write, { id: row.id }))!;
        // The persons that came back inherit the restored company's values again (the merge's propagation reversed).
        if (restored.type === 'company')
          await propagate(
            write,
            restored.id,
            propagationPlan((await loadSetup(strapi, write.trx)) as Setup, survivor, restored),
          );
        // The survivor gets its old values back, except for fields someone changed after the merge.
        const back = Object.keys(snap.survivorBefore).filter((f) => same(survivor[f], snap.survivorMerged[f]));
        if (back.length)
          await strapi
            .documents(UID.contact)
            .update({ documentId: survivor.documentId, data: pick(back, snap.survivorBefore) as DocumentData });
        await recomputeBusinessRelation(write, restored.id);
        await recomputeBusinessRelation(write, survivor.id);
        await reindex(write, restored.id);
        await reindex(write, survivor.id);
        await strapi
          .documents(UID.mergeLog)
          .update({ documentId: mergeLogDocumentId, data: { undoneAt: new Date().toISOString() } as DocumentData });
        const result = { survivor: refOf((await load(write, { id: survivor.id }))!), restored: refOf(restored) };
        await emitAfterCommit(strapi, EVENTS.mergeUndone, { mergeLog: mergeLogDocumentId, ...result });
        return result;
      });
    },

    /** Merge logs, newest first, for the admin. */
    async list(page = 1, pageSize = 25) {
      const { rows, total } = await mergeLogPage(strapi, page, pageSize);
      const side = (r: MergeLogRow, s: 'survivor' | 'duplicate') => ({
        documentId: r[`${s}DocumentId`],
        no: r[`${s}No`] ?? null,
        name: r[`${s}Name`] ?? null,
        type: r.contactType,
      });
      return {
        data: rows.map((r) => ({
          documentId: r.documentId,
          createdAt: r.createdAt,
          survivor: side(r, 'survivor'),
          duplicate: side(r, 'duplicate'),
          fields: r.fields ?? [],
          undoneAt: r.undoneAt ?? null,
        })),
        meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } },
      };
    },
  };
};
