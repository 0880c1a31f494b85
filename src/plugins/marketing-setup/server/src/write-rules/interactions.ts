/**
 * Writes to interaction log entries, templates and the template setup. An entry gets the next entry
 * number (a row-locked counter, so parallel writers never share one), the values of its template where
 * the caller gave none, and its contact's company; callers cannot set the number or the company.
 */
import type { WriteRules } from './types';
import { assertTemplateValues } from '../domain/interactions';
import { RuleViolation } from '../domain/errors';
import { completeEntry, emitRecorded } from '../operations/interaction-entries';
import { nextEntryNo } from '../repositories/interaction-entries';

export const logEntryRules: WriteRules = {
  async create(write, next) {
    const data = (write.params.data ??= {});
    await completeEntry(write, data, true);
    data.entryNo = await nextEntryNo(write);
    const created = await next();
    await emitRecorded(write.strapi, created.id);
    return created;
  },
  async update(write, next) {
    await completeEntry(write, (write.params.data ??= {}), false);
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
