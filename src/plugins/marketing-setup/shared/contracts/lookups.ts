/**
 * Contract of the admin API's master-data pickers (GET /marketing-setup/lookups/:type), shared by the
 * server (admin-api/lookups.ts) and the admin UI. Types and constants only: no Strapi import.
 */

/** Master-data types the admin can pick from, and the field that names an entry of each. */
export const LOOKUP_TYPES = {
  salesperson: 'name',
  territory: 'name',
  'country-region': 'name',
  language: 'name',
  salutation: 'description',
  'sales-cycle': 'description',
  'no-series': 'description',
  'business-relation': 'description',
} as const;
export type LookupType = keyof typeof LOOKUP_TYPES;

/** How the admin API returns a referenced record. */
export interface RecordRef {
  documentId: string;
  code: string;
  name: string | null;
}

export interface LookupResponse {
  data: RecordRef[];
  meta: { total: number; limit: number };
}
