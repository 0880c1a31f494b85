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
  fieldDifferences,
  singleLinkConflict,
  MERGE_RELATIONS,
  type Conflict,
  type ContactType,
  type RelationLinkRow,
} from '../domain/merge';
import { propagationPlan } from '../domain/inheritance';
import { inTransaction as runInTransaction, type Write } from '../repositories/unit-of-work';
import { loadContactFlat, loadSetupFlat, propagate } from '../write-rules/inheritance';
import { linkRows, recomputeBusinessRelation } from '../write-rules/business-relations';
import { searchDuplicates } from '../duplicate-search/search';
import { pairsOf } from '../repositories/duplicate-pairs';
import { SEARCH_STRINGS } from '../repositories/duplicate-index';
import {
  countIncoming,
  linksToContact,
  moveBack,
  moveIncoming,
  ownLinkRows,
  restoreOwnLinkRows,
  type MovedLink,
} from '../merge/links';
import { contactRow, insertContactRow } from '../merge/contact-row';
import { notFound, validationError } from '../utils/errors';
import { isPostgres, tableOf } from '../repositories/tables';
import { getService } from '../utils/services';
import { UID } from '../utils/uids';

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
  duplicateRow: Record<string, any>;
  duplicateLinks: { attribute: string; rows: Record<string, any>[] }[];
  moved: MovedLink[];
  survivorBefore: Record<string, any>;
  survivorMerged: Record<string, any>;
}

type Flat = Record<string, any> & {
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
const pick = (fields: string[], from: Record<string, any>) =>
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
  const load = async (write: Write, where: Record<string, any>): Promise<Flat | null> => {
    const c = await loadContactFlat(write, where);
    return c ? ({ ...c, company: c.company?.id ?? null } as unknown as Flat) : null;
  };

  /**
   * On PostgreSQL, locks the contacts' rows (in id order, so "A into B" and "B into A" at the same
   * time queue up instead of deadlocking); a second merge of the same duplicate then finds it gone.
   */
  const lockContacts = async (write: Write, documentIds: string[]) => {
    if (isPostgres(strapi)) {
      await write
        .trx(tableOf(strapi, UID.contact))
        .select('id')
        .whereIn('document_id', documentIds)
        .orderBy('id')
        .forUpdate();
    }
  };

  /** A relation value as the admin shows it: { documentId, code, name }. */
  const displayValue = async (field: string, value: any) => {
    if (!MERGE_RELATIONS.includes(field) || value === null) return value;
    const target = (strapi.getModel(UID.contact).attributes as any)[field].target;
    const row: any = await strapi.db.query(target).findOne({ where: { id: value } });
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
    const [{ n: strings }] = await write.trx(SEARCH_STRINGS).where('contact_id', duplicate.id).count({ n: '*' });
    if (Number(strings))
      moves.push({
        uid: 'search-strings',
        attribute: 'contact',
        displayName: 'Duplicate search strings',
        count: Number(strings),
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

    const plain = (rows: any[]): RelationLinkRow[] =>
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
    const setup = await getService(strapi, 'setup').get(write.trx);
    if (!setup.maintainDuplSearchStrings) return;
    const row = await strapi.db.query(UID.contact).findOne({ where: { id } });
    if (row) await searchDuplicates(write, row, false);
  };

  return {
    merge(survivorDocumentId: string, input: MergeInput) {
      return inTransaction(async (write) => {
        await lockContacts(write, [survivorDocumentId, input.duplicate]);
        const survivor = await load(write, { documentId: survivorDocumentId });
        if (!survivor) throw notFound(`No contact with documentId ${survivorDocumentId}.`);
        const duplicate = await load(write, { documentId: input.duplicate });
        if (!duplicate)
          throw validationError(
            `No contact with documentId ${input.duplicate} to merge; it may have been merged or deleted already.`,
            ['duplicate'],
          );
        const fields = checkMergeRequest(survivor, duplicate, input.fields);
        const { links, moves, conflicts } = await planMerge(write, survivor, duplicate);

        if (input.dryRun) {
          const differences: { field: string; survivor: any; duplicate: any }[] = [];
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
            .update({ documentId: survivor.documentId, data: pick(fields, duplicate) as any });
        }
        const merged = (await load(write, { id: survivor.id }))!;

        const moved: MovedLink[] = [];
        for (const link of links) {
          const m = await moveIncoming(write, link, duplicate.id, survivor.id);
          if (m) moved.push(m);
        }
        // The company's persons came along: what they inherited from the duplicate now comes from the survivor.
        if (survivor.type === 'company')
          await propagate(write, survivor.id, propagationPlan(await loadSetupFlat(write), duplicate, merged));
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
          } as any,
        });
        const result = { mergeLog: log.documentId, survivor: refOf(merged), moves };
        await emitAfterCommit(strapi, EVENTS.contactMerged, { ...result, duplicate: refOf(duplicate), fields });
        return result;
      });
    },

    undo(mergeLogDocumentId: string) {
      return inTransaction(async (write) => {
        // Two undos of one merge at once: the second waits here, then finds it undone.
        if (isPostgres(strapi))
          await write
            .trx(tableOf(strapi, UID.mergeLog))
            .where('document_id', mergeLogDocumentId)
            .select('id')
            .forUpdate();
        const log: any = await strapi.db.query(UID.mergeLog).findOne({ where: { documentId: mergeLogDocumentId } });
        if (!log) throw notFound(`No merge log with documentId ${mergeLogDocumentId}.`);
        const what = `The merge of ${log.duplicateNo} into ${log.survivorNo}`;
        if (log.undoneAt) throw validationError(`${what} was already undone.`, []);
        const snap = log.snapshot as Snapshot;
        await lockContacts(write, [log.survivorDocumentId]);
        const survivor = await load(write, { documentId: log.survivorDocumentId });
        if (!survivor)
          throw validationError(
            `${what} cannot be undone: contact ${log.survivorNo} has been deleted or merged since.`,
            [],
          );
        const row = snap.duplicateRow;
        const taken = await strapi.db.query(UID.contact).findOne({
          where: { $or: [{ id: row.id }, { documentId: row.document_id }, ...(row.no ? [{ no: row.no }] : [])] },
          select: ['no'],
        });
        if (taken)
          throw validationError(`${what} cannot be undone: number ${row.no} now belongs to another contact.`, []);

        await insertContactRow(write, row);
        await restoreOwnLinkRows(write, snap.duplicateLinks);
        for (const link of snap.moved) await moveBack(write, link, survivor.id, row.id);
        const restored = (await load(write, { id: row.id }))!;
        // The persons that came back inherit the restored company's values again (the merge's propagation reversed).
        if (restored.type === 'company')
          await propagate(write, restored.id, propagationPlan(await loadSetupFlat(write), survivor, restored));
        // The survivor gets its old values back, except for fields someone changed after the merge.
        const back = Object.keys(snap.survivorBefore).filter((f) => same(survivor[f], snap.survivorMerged[f]));
        if (back.length)
          await strapi
            .documents(UID.contact)
            .update({ documentId: survivor.documentId, data: pick(back, snap.survivorBefore) as any });
        await recomputeBusinessRelation(write, restored.id);
        await recomputeBusinessRelation(write, survivor.id);
        await reindex(write, restored.id);
        await reindex(write, survivor.id);
        await strapi
          .documents(UID.mergeLog)
          .update({ documentId: mergeLogDocumentId, data: { undoneAt: new Date().toISOString() } as any });
        const result = { survivor: refOf((await load(write, { id: survivor.id }))!), restored: refOf(restored) };
        await emitAfterCommit(strapi, EVENTS.mergeUndone, { mergeLog: mergeLogDocumentId, ...result });
        return result;
      });
    },

    /** Merge logs, newest first, for the admin. */
    async list(page = 1, pageSize = 25) {
      const [rows, total] = await Promise.all([
        strapi.db.query(UID.mergeLog).findMany({
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          offset: (page - 1) * pageSize,
          limit: pageSize,
        }),
        strapi.db.query(UID.mergeLog).count({}),
      ]);
      const side = (r: any, s: 'survivor' | 'duplicate') => ({
        documentId: r[`${s}DocumentId`],
        no: r[`${s}No`] ?? null,
        name: r[`${s}Name`] ?? null,
        type: r.contactType,
      });
      return {
        data: rows.map((r: any) => ({
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
