import type { WriteRules } from './types';
import { coupleDuplicateFlags } from '../domain/setup';
import { parseOurDomains } from '../domain/email-logging';
import { validationError } from '../utils/errors';
import { UID } from '../utils/uids';
import { getService } from '../utils/services';

export const setupRules: WriteRules = {
  async update(write, next) {
    const stored = await write.strapi.db.query(UID.setup).findOne({});
    getService(write.strapi, 'setup').forget(write.trx);
    write.params.data = coupleDuplicateFlags(
      stored ?? { maintainDuplSearchStrings: true, autosearchForDuplicates: true },
      write.params.data ?? {},
    );
    // Our domains are stored in one written form ("cronus.com, cronus.co.uk"); a word that is no domain is refused.
    if (write.params.data.emailOurDomains !== undefined)
      write.params.data.emailOurDomains = parseOurDomains(write.params.data.emailOurDomains).join(', ') || null;
    const result = await next();
    getService(write.strapi, 'setup').forget(write.trx);
    return result;
  },
  async delete() {
    throw validationError('The Marketing Setup cannot be deleted; change its fields instead.');
  },
};
