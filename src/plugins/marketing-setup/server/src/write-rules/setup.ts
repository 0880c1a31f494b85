import type { WriteRules } from './types';
import { assertSetupNumbers, coupleDuplicateFlags, setupDeleteViolation } from '../domain/setup';
import { emailSetupSaveRefusal, parseOurDomains } from '../domain/email-logging';
import { switchedOnGroups } from '../domain/inheritance';
import { forgetSetup, loadSetup, storedSetupRow } from '../repositories/setup';
import { catchUpWithCompanies } from '../operations/propagation';

export const setupRules: WriteRules = {
  async update(write, next) {
    // Before Strapi's own validation, which words a bound as "emailCheckIntervalSeconds must be greater than or equal to 10".
    assertSetupNumbers(write.params.data ?? {});
    const stored = await storedSetupRow(write.strapi);
    forgetSetup(write.trx);
    write.params.data = coupleDuplicateFlags(
      stored ?? { maintainDuplSearchStrings: true, autosearchForDuplicates: true },
      write.params.data ?? {},
    );
    // Our domains are stored in one written form ("cronus.com, cronus.co.uk"); a word that is no domain is refused.
    if (write.params.data.emailOurDomains !== undefined)
      write.params.data.emailOurDomains = parseOurDomains(write.params.data.emailOurDomains).join(', ') || null;
    // A host that is no host name, or the storage folder the same as the queue folder: refused here as the
    // connection test and the run refuse it (they would fail on every run).
    const refusal = emailSetupSaveRefusal(write.params.data, stored);
    if (refusal) throw refusal;
    const result = await next();
    forgetSetup(write.trx);
    // An Inherit flag switched back on: the persons that inherit its fields take their company's values again.
    if (stored) await catchUpWithCompanies(write, switchedOnGroups(stored, await loadSetup(write.strapi, write.trx)));
    return result;
  },
  async delete() {
    throw setupDeleteViolation();
  },
};
