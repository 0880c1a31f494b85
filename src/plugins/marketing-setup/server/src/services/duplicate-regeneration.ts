import type { Core } from '@strapi/strapi';
import { regenerationStatus, startRegeneration, type RegenerationStatus } from '../jobs/regeneration';
import { work, workerEnabled } from '../jobs/duplicate-worker';
import { queuedCount } from '../duplicate-search/reindex-queue';

/** Bulk regeneration of the duplicate search, and the background work behind it (jobs/). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kick = () => {
    if (workerEnabled(strapi)) void work(strapi);
  };
  return {
    /** Starts a regeneration, or returns the running one; `begin` also says which of the two happened. */
    async begin(): Promise<{ started: boolean; status: RegenerationStatus }> {
      const result = await startRegeneration(strapi);
      kick();
      return result;
    },
    async start(): Promise<RegenerationStatus> {
      return (await this.begin()).status;
    },
    status(): Promise<RegenerationStatus> {
      return regenerationStatus(strapi);
    },
    /** Contacts waiting for a re-index after a set-based change (company → person propagation). */
    queued(): Promise<number> {
      return queuedCount(strapi.db.connection);
    },
    /** Does all pending background work in this process now; resolves when nothing is left (tests, scripts). */
    work(): Promise<void> {
      return work(strapi);
    },
  };
};
