/** What the duplicates admin routes return (server/src/admin-api/duplicates.ts, merge.ts, regeneration.ts). */

export interface ContactRef {
  documentId: string;
  no: string | null;
  name: string | null;
  type?: 'company' | 'person' | null;
  city?: string | null;
}

export interface FieldScore {
  field: string;
  score: number;
  weight: number;
  method: string;
  /** null with `hidden` when the role may not read the field on one of the contacts. */
  values: [string, string] | null;
  hidden?: boolean;
  /** Persons' name: how alike surname and first name are, in the best reading (either order). */
  parts?: { surname: number; firstName: number };
}

export interface Pair {
  pairDocumentId: string;
  contact: ContactRef;
  duplicateContact: ContactRef;
  matchingStrings: number;
  hitPercent: number;
  fuzzyScore: number | null;
  rules: string[];
  breakdown: FieldScore[];
}

export type { Pagination } from '../../utils/usePagedList';

/** A pair as the contact panel lists it: the other contact flattened into the row. */
export interface ContactPair extends ContactRef {
  pairDocumentId: string;
  matchingStrings: number;
  hitPercent: number;
  fuzzyScore: number | null;
  rules: string[];
}

export interface Move {
  uid: string;
  attribute: string;
  displayName: string;
  count: number;
  /** move: re-pointed to the contact kept; drop: derived data, deleted with the other contact. */
  action: 'move' | 'drop';
}

export interface DryRun {
  survivor: ContactRef;
  duplicate: ContactRef;
  differences: { field: string; survivor: unknown; duplicate: unknown; hidden?: boolean }[];
  moves: Move[];
  conflicts: { code: string; message: string }[];
}

export interface MergeResult {
  mergeLog: string;
  survivor: ContactRef;
  moves: Move[];
}

export interface MergeLogEntry {
  documentId: string;
  createdAt: string;
  survivor: ContactRef;
  duplicate: ContactRef;
  undoneAt: string | null;
}

export interface SearchLine {
  documentId: string;
  field: string;
  part: 'first' | 'last';
  length: number;
}

export interface RegenerationStatus {
  state: 'idle' | 'running' | 'done' | 'failed';
  processed: number;
  total: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

/** "CT000001 Fabrikam NV" */
export const contactTitle = (c: { no?: string | null; name?: string | null } | null | undefined) =>
  c ? [c.no, c.name].filter(Boolean).join(' ') : '';

/** A value of a contact field as text: relations as their name or code, blanks as null. */
export const valueText = (value: unknown): string | null => {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.map(valueText).filter(Boolean).join(', ') || null;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    const label = [v.code ?? v.no, v.name ?? v.description]
      .filter((x) => x !== null && x !== undefined && x !== '')
      .join(' – ');
    return label || JSON.stringify(value);
  }
  return String(value);
};

/** 0.986 → "98.6 %" */
export const percent = (score: number | null | undefined) =>
  score === null || score === undefined || Number.isNaN(Number(score))
    ? '—'
    : `${Math.round(Number(score) * 1000) / 10} %`;
