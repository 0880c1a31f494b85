import type { Write } from '../repositories/unit-of-work';

/**
 * What the document service returns for a write: the stored document. Strapi types it only through the
 * host app's generated content-type registry, which a plugin cannot import, hence the loose record.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: Strapi's document type needs the host's registry
export type StoredDocument = { id: number; documentId: string } & Record<string, any>;

/**
 * A rule module for one content type: each handler orchestrates one write (load → domain rule →
 * `next()`, the write itself → repository) and returns what `next()` returned.
 */
export type WriteRules = Partial<
  Record<Write['action'], (write: Write, next: () => Promise<StoredDocument>) => Promise<StoredDocument>>
>;
