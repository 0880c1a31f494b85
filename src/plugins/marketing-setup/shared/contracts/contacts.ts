/**
 * Contract of the admin API behind the contact side panels (/marketing-setup/contacts/:documentId/...),
 * shared by the server (admin-api/contacts.ts) and the admin UI (components/contact-panels).
 */
import type { RecordRef } from './lookups';

/** A field's value in the inheritance overview: relations as a RecordRef. */
export type FieldValue = string | number | boolean | RecordRef | null;

export interface ContactRef {
  documentId: string;
  no: string | null;
  name: string | null;
}

/** One override key of a person: the fields behind it, each with the person's and the company's value. */
export interface InheritanceKey {
  key: string;
  overridden: boolean;
  fields: { field: string; person: FieldValue; company: FieldValue }[];
}

/** One Inherit switch of the setup with the keys it governs. */
export interface InheritanceGroup {
  flag: string;
  enabled: boolean;
  block: boolean;
  keys: InheritanceKey[];
}

/** GET /inheritance and POST /reset-inheritance: what the side panel shows. */
export type ContactOverview =
  | { documentId: string; type: 'company'; no: string | null; name: string | null; personCount: number }
  | {
      documentId: string;
      type: 'person';
      no: string | null;
      name: string | null;
      company: ContactRef | null;
      overrides: string[];
      groups: InheritanceGroup[];
    };

/** A person whose inherited fields a company edit would change (POST /propagation-preview). */
export interface PreviewPerson {
  documentId: string;
  no: string | null;
  name: string | null;
  fields: string[];
}

/** POST /reset-inheritance */
export interface ResetInheritanceRequest {
  fields?: string[];
}
/** POST /propagation-preview: the company's edited values. */
export interface PropagationPreviewRequest {
  data: Record<string, unknown>;
}
export interface PropagationPreviewResponse {
  data: PreviewPerson[];
  meta: { personCount: number };
}
