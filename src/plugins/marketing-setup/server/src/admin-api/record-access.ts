import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import {
  RECORD_REQUIREMENTS,
  firstRefused,
  refusalMessage,
  type Operation,
  type RecordAction,
  type RecordRole,
  type Requirement,
} from '../domain/record-permissions';
import { forbidden, toHttpError } from '../utils/errors';
import { duplicateGoneViolation } from '../domain/merge';
import { UID } from '../utils/uids';
import { activeAdminWithRoles } from '../repositories/admin-users';
import type { StoredDocument } from '../write-rules/types';

/** The Content Manager's permission checker of one admin user on the contact type (see its services/permission-checker). */
export interface PermissionChecker {
  can: ((action: string, entity?: unknown, field?: string) => boolean) &
    Record<RecordAction, (entity?: unknown, field?: string) => boolean>;
  cannot: ((action: string, entity?: unknown, field?: string) => boolean) &
    Record<RecordAction, (entity?: unknown, field?: string) => boolean>;
  sanitizedQuery: Record<RecordAction, (query: Record<string, unknown>) => Promise<Record<string, unknown>>>;
  /** Whether the role's permissions for the action have conditions (then only a loaded record can be asked). */
  requiresEntity: Record<RecordAction, () => boolean>;
}

const notFound = (documentId: string) => new errors.NotFoundError(`No contact with documentId ${documentId}.`);

/**
 * Per-record permission checks of the admin API, made exactly as the Content Manager makes them for the
 * same user: its permission checker (conditions such as "is creator", field-level permissions) on the
 * contact loaded with its populate. One per request:
 *
 *   const access = recordAccess(strapi, ctx);
 *   const { contact } = await access.authorize('inheritance', { contact: ctx.params.documentId });
 *
 * authorize() answers 403 when the role may not do the action on the contact type at all, 404 when a
 * contact does not exist, 403 when the role may not do it on that contact; which action each operation
 * needs on which contact is the domain's table (domain/record-permissions).
 */
export function recordAccess(strapi: Core.Strapi, ctx: Context) {
  return recordAccessOf(strapi, ctx.state.userAbility);
}

/** The same checks for an admin user's ability outside a request (an import job runs after its request). */
export function recordAccessOf(strapi: Core.Strapi, userAbility: unknown) {
  const cm = strapi.plugin('content-manager');
  const checker: PermissionChecker = cm.service('permission-checker').create({ userAbility, model: UID.contact });

  // The Content Manager's findOne populate: conditions on the creator or on relations see the same record as there.
  const cmPopulate = async () =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the Content Manager's service has no exported type
    (cm.service('populate-builder') as any)(UID.contact).populateDeep(Infinity).countRelations().build();
  const load = async (documentId: string) =>
    strapi
      .documents(UID.contact)
      .findOne({ documentId, populate: await cmPopulate() }) as Promise<StoredDocument | null>;

  /** A create has no record yet: the role's right to create contacts decides. */
  const allowed = (req: Requirement, entity: StoredDocument | null | undefined) =>
    req.action === 'create' ? !checker.cannot.create() : !checker.cannot[req.action](entity);

  return {
    checker,
    load,

    /** Loads the contacts an operation touches (by role) after checking the user's permission on each; returns them. */
    async authorize(operation: Operation, documentIds: Partial<Record<RecordRole, string>>) {
      const typeRefused = firstRefused(operation, (req) => !checker.cannot[req.action]());
      if (typeRefused) throw forbidden(refusalMessage(typeRefused));
      const records: Partial<Record<RecordRole, StoredDocument>> = {};
      for (const req of RECORD_REQUIREMENTS[operation] as readonly Requirement[]) {
        if (req.action !== 'create') {
          const documentId = documentIds[req.record];
          if (!documentId) continue; // not part of this request: the operation's own validation answers
          const record = records[req.record] ?? (await load(documentId));
          // The contact in the URL: 404. The duplicate named in the body: 400, as over REST (it may have been merged away).
          if (!record) throw req.record === 'duplicate' ? toHttpError(duplicateGoneViolation()) : notFound(documentId);
          records[req.record] = record;
        }
        if (!allowed(req, records[req.record])) throw forbidden(refusalMessage(req, records[req.record]?.no));
      }
      return records;
    },

    /**
     * Whether the user may update the contact `documentId` (loaded as the Content Manager loads it, so a
     * condition such as "is creator" sees the same record): an import's update row asks this.
     */
    async mayUpdate(documentId: string) {
      const entity = await load(documentId);
      return !!entity && !checker.cannot.update(entity);
    },

    /** Whether the user may read the contact `documentId` (loaded as the Content Manager loads it). */
    async mayReadDocument(documentId: string) {
      const entity = await load(documentId);
      return !!entity && !checker.cannot.read(entity);
    },

    /** Whether the user may read this (loaded) contact; for contacts an operation only shows. */
    mayRead: (entity: StoredDocument | null | undefined) => !!entity && !checker.cannot.read(entity),

    /** Field-level permissions: which of these fields of the contact the user may read (what sanitizeOutput would keep). */
    readable: (entity: StoredDocument, fields: readonly string[]) =>
      fields.filter((f) => !checker.cannot.read(entity, f)),

    /**
     * Field-level read permissions on several contacts a list shows: a function answering, for a contact, which of
     * `fields` the user may not read (what sanitizeOutput would drop). Without read conditions the fields are the
     * same for every contact and nothing is loaded; with conditions the contacts are loaded as the Content Manager
     * loads them, in one query. A contact not found (or not given) hides every field.
     */
    async hiddenFields(documentIds: readonly (string | null | undefined)[], fields: readonly string[]) {
      const all: ReadonlySet<string> = new Set(fields);
      if (!checker.requiresEntity.read()) {
        const hidden: ReadonlySet<string> = new Set(fields.filter((f) => checker.cannot.read(undefined, f)));
        return (documentId: string | null | undefined): ReadonlySet<string> => (documentId ? hidden : all);
      }
      const ids = [...new Set(documentIds.filter((id): id is string => !!id))];
      const rows = ids.length
        ? ((await strapi.documents(UID.contact).findMany({
            filters: { documentId: { $in: ids } },
            populate: await cmPopulate(),
          })) as StoredDocument[])
        : [];
      const byId = new Map<string, ReadonlySet<string>>(
        rows.map((r) => [r.documentId as string, new Set(fields.filter((f) => checker.cannot.read(r, f)))]),
      );
      return (documentId: string | null | undefined): ReadonlySet<string> =>
        (documentId && byId.get(documentId)) || all;
    },

    /** Field-level permissions: whether the user may change this field of the contact. */
    mayUpdateField: (entity: StoredDocument, field: string) => !checker.cannot.update(entity, field),

    /** Whether the user reads every contact (no condition such as "is creator"): then no contact need be loaded to ask. */
    async readsEveryContact() {
      return !checker.cannot.read() && (await this.readFilters()) === null;
    },

    /**
     * Filters matching the contacts the user may read (the conditions of its read permissions as a query),
     * to narrow a list to them; null when every contact is readable. A role that may read no contact at all: 403.
     */
    async readFilters(): Promise<Record<string, unknown> | null> {
      if (checker.cannot.read())
        throw forbidden('Your role may not read contacts, so it cannot list them or their duplicates.');
      const query = await checker.sanitizedQuery.read({});
      const filters = query.filters as Record<string, unknown> | undefined;
      return filters && Object.keys(filters).length ? filters : null;
    },
  };
}

export type RecordAccess = ReturnType<typeof recordAccess>;

/**
 * The rights an import's rows are checked with (contact-csv/rows.ts `RowAccess`): the contact a row updates, the
 * company a row names — each company asked once, as a file names the same few companies again and again — and the
 * read conditions as a filter, once per import.
 */
export function importRowAccess(records: RecordAccess) {
  const readable = new Map<string, Promise<boolean>>();
  // A role that reads every contact reads this one too: asked once per import.
  let everyContact: Promise<boolean> | null = null;
  const readsEvery = () => (everyContact ??= records.readsEveryContact());
  // The same as a filter (for a lookup that finds several contacts): null for every contact, 'none' for none.
  let scope: Promise<Record<string, unknown> | null | 'none'> | null = null;
  const readScope = async () => {
    if (await readsEvery()) return null;
    return records.checker.cannot.read() ? ('none' as const) : records.readFilters();
  };
  return {
    mayUpdate: records.mayUpdate,
    mayRead: async (documentId: string) => {
      if (await readsEvery()) return true;
      if (!readable.has(documentId)) readable.set(documentId, records.mayReadDocument(documentId));
      return readable.get(documentId)!;
    },
    readScope: () => (scope ??= readScope()),
  };
}

/**
 * The ability of admin user `userId` as the admin's authentication builds it for a request (null: the user is
 * gone or inactive), for work that runs after the request: an import job checks its rows with its creator's rights.
 */
export async function abilityOfAdmin(strapi: Core.Strapi, userId: number): Promise<unknown | null> {
  const user = await activeAdminWithRoles(strapi, userId);
  if (!user) return null;
  return strapi.service('admin::permission').engine.generateUserAbility(user);
}
