import type { WriteRules } from './types';
import { coupleDuplicateFlags } from '../domain/setup';
import { validationError } from '../utils/errors';
import { UID } from '../utils/uids';

export const setupRules: WriteRules = {
  async update(write, next) {
    const stored = await write.strapi.db.query(UID.setup).findOne({});
    write.params.data = coupleDuplicateFlags(stored ?? { maintainDuplSearchStrings: true, autosearchForDuplicates: true }, write.params.data ?? {});
    return next();
  },
  async delete() {
    throw validationError('The Marketing Setup cannot be deleted; change its fields instead.');
  },
};
