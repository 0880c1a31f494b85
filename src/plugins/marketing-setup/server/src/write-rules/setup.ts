import type { WriteRules } from './types';
import { coupleDuplicateFlags } from '../domain/setup';
import { validationError } from '../utils/errors';
import { UID } from '../utils/uids';
import { getService } from '../utils/services';

export const setupRules: WriteRules = {
  async update(write, next) {
    const stored = await write.strapi.db.query(UID.setup).findOne({});
    getService(write.strapi, 'setup').forget(write.trx);
    write.params.data = coupleDuplicateFlags(stored ?? { maintainDuplSearchStrings: true, autosearchForDuplicates: true }, write.params.data ?? {});
    const result = await next();
    getService(write.strapi, 'setup').forget(write.trx);
    return result;
  },
  async delete() {
    throw validationError('The Marketing Setup cannot be deleted; change its fields instead.');
  },
};
