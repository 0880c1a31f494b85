/**
 * Writes to interaction log entries, templates and the template setup. An entry gets the next entry
 * number (a row-locked counter, so parallel writers never share one), the values of its template where
 * the caller gave none, and its contact's company; callers cannot set the number or the company.
 */
import type { Write, WriteRules } from './types';
import {
  assertEntryValues, assertTemplateValues, normalizeTime, withTemplateDefaults, type TemplateValues,
} from '../domain/interactions';
import { RuleViolation } from '../domain/errors';
import { relationInput } from '../utils/relations';
import { columnOf, tableOf, today } from '../utils/tables';
import { UID } from '../utils/uids';
import { loadContactFlat } from './inheritance';

/** The id behind a relation input of `uid`, checked to exist; undefined = not given, null = cleared. */
export async function resolveRef(write: Write, uid: string, field: string, value: unknown, label: string) {
  const ref = relationInput(value);
  if (ref === undefined || ref === null) return ref;
  const row = await write.strapi.db.query(uid as any).findOne({ where: ref, select: ['id'] });
  if (!row) throw new RuleViolation(`The ${label} given (${'id' in ref ? ref.id : ref.documentId}) does not exist.`, field);
  return row.id as number;
}

/** A template's values as the domain wants them (group as an id). */
export async function loadTemplate(write: Write, where: Record<string, any>): Promise<(TemplateValues & { code: string; documentId: string }) | null> {
  const row = await write.strapi.db.query(UID.interactionTemplate).findOne({ where, populate: { interactionGroup: { select: ['id'] } } });
  if (!row) return null;
  return {
    id: row.id,
    documentId: row.documentId,
    code: row.code,
    description: row.description ?? null,
    unitCost: row.unitCost ?? 0,
    unitDurationMin: row.unitDurationMin ?? 0,
    informationFlow: row.informationFlow ?? null,
    initiatedBy: row.initiatedBy ?? null,
    correspondenceType: row.correspondenceType ?? null,
    ignoreContactCorrespondenceType: !!row.ignoreContactCorrespondenceType,
    groupId: row.interactionGroup?.id ?? null,
  };
}

/**
 * The next entry number: one UPDATE … RETURNING on the setup row takes its row lock until the write's
 * transaction ends (the technique of the gapless number series), so numbers are sequential and unique
 * across instances; a rolled-back write gives its number back.
 */
async function nextEntryNo(write: Write): Promise<number> {
  const table = tableOf(write.strapi, UID.interactionTemplateSetup);
  const column = columnOf(write.strapi, UID.interactionTemplateSetup, 'lastEntryNo');
  const bump = () => write.trx(table).update({ [column]: write.trx.raw('COALESCE(??, 0) + 1', [column]) }, [column]);
  let [row] = await bump();
  if (!row) {
    // The setup row is missing (deleted from the database): recreate it, continuing after the last entry.
    const entries = tableOf(write.strapi, UID.interactionLogEntry);
    const [{ max }] = await write.trx(entries).max({ max: columnOf(write.strapi, UID.interactionLogEntry, 'entryNo') });
    await write.strapi.documents(UID.interactionTemplateSetup).create({ data: {} as any });
    await write.trx(table).update({ [column]: Number(max ?? 0) });
    [row] = await bump();
  }
  return Number(row[column]);
}

/** The contact of an entry with what the entry takes from it (its company, salesperson, correspondence type). */
async function loadEntryContact(write: Write, value: unknown) {
  const ref = relationInput(value);
  if (!ref) throw new RuleViolation('An interaction log entry needs a contact.', 'contact');
  const contact = await loadContactFlat(write, ref);
  if (!contact) throw new RuleViolation(`The contact given (${'id' in ref ? ref.id : ref.documentId}) does not exist.`, 'contact');
  return contact;
}

const STRIPPED = ['entryNo', 'contactCompany'];

/** Checks and completes the data of a new or changed entry (template values, relation ids, date and time). */
async function prepareEntry(write: Write, data: Record<string, any>, isCreate: boolean) {
  for (const f of STRIPPED) delete data[f];
  assertEntryValues(data);
  const contact = isCreate || data.contact !== undefined ? await loadEntryContact(write, data.contact) : null;
  if (contact) {
    data.contact = contact.id;
    data.contactCompany = contact.company?.id ?? null;
  }
  for (const [field, uid, label] of [
    ['interactionGroup', UID.interactionGroup, 'interaction group'],
    ['salesperson', UID.salesperson, 'salesperson'],
    ['opportunity', UID.opportunity, 'opportunity'],
  ] as const) {
    const id = await resolveRef(write, uid, field, data[field], label);
    if (id !== undefined) data[field] = id;
  }
  const templateId = await resolveRef(write, UID.interactionTemplate, 'interactionTemplate', data.interactionTemplate, 'interaction template');
  if (templateId !== undefined) data.interactionTemplate = templateId;
  if (isCreate || templateId) {
    // A new entry, or a new template: the template's values where none were given.
    const template = templateId ? await loadTemplate(write, { id: templateId }) : null;
    Object.assign(data, withTemplateDefaults(data, template, contact?.correspondenceType ?? null));
  }
  if (isCreate) {
    data.date ??= today();
    data.time ??= new Date().toISOString().slice(11, 23);
    if (data.salesperson === undefined && contact?.salesperson) data.salesperson = contact.salesperson;
  }
  if (typeof data.time === 'string') data.time = normalizeTime(data.time);
}

export const logEntryRules: WriteRules = {
  async create(write, next) {
    const data = (write.params.data ??= {});
    await prepareEntry(write, data, true);
    data.entryNo = await nextEntryNo(write);
    return next();
  },
  async update(write, next) {
    await prepareEntry(write, (write.params.data ??= {}), false);
    return next();
  },
};

export const templateRules: WriteRules = {
  async create(write, next) {
    assertTemplateValues(write.params.data ?? {});
    return next();
  },
  async update(write, next) {
    assertTemplateValues(write.params.data ?? {});
    return next();
  },
};

/** The counter is the plugin's: never written through the API; the setup itself is never deleted. */
export const templateSetupRules: WriteRules = {
  async create(write, next) {
    if (write.params.data) delete write.params.data.lastEntryNo;
    return next();
  },
  async update(write, next) {
    if (write.params.data) delete write.params.data.lastEntryNo;
    return next();
  },
  async delete() {
    throw new RuleViolation('The interaction template setup cannot be deleted; clear its templates instead.');
  },
};
