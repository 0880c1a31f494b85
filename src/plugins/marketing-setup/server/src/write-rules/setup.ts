import type { WriteRules } from './types';
import { assertSetupNumbers, coupleDuplicateFlags, setupDeleteViolation } from '../domain/setup';
import { parseOurDomains } from '../domain/email-logging';
import { forgetSetup, storedSetupRow } from '../repositories/setup';

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
    const result = await next();
    forgetSetup(write.trx);
    return result;
  },
  async delete() {
    throw setupDeleteViolation();
  },
};
