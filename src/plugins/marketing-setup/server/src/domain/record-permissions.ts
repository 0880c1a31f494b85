/**
 * Which per-record permissions each admin-API operation on contacts needs. The admin user's rights come
 * from Strapi's RBAC (Content Manager actions on the contact type, with conditions such as "is creator");
 * the plugin's own actions (settings, duplicates.review/merge) only open the route. An operation asks
 * for the Content Manager action that the same change made in the Content Manager would need, on every
 * contact it touches — so an Author sees and changes only the contacts it may open there.
 */
export type RecordAction = 'read' | 'create' | 'update' | 'delete';

/** The contacts an operation touches, by the role they play in it. */
export type RecordRole = 'contact' | 'survivor' | 'duplicate';

export interface Requirement {
  record: RecordRole;
  action: RecordAction;
}

const need = (record: RecordRole, action: RecordAction): Requirement => ({ record, action });

export const RECORD_REQUIREMENTS = {
  /** The side panels only show: reading the contact is enough. */
  inheritance: [need('contact', 'read')],
  propagationPreview: [need('contact', 'read')],
  contactDuplicates: [need('contact', 'read')],
  timeline: [need('contact', 'read')],
  /** Writes the person's inheritable fields. */
  resetInheritance: [need('contact', 'update')],
  /** "Not a duplicate" is a judgement about two contacts: whoever may see both may make it. */
  separate: [need('survivor', 'read'), need('duplicate', 'read')],
  /** A dry run shows both contacts' values side by side. */
  mergeDryRun: [need('survivor', 'read'), need('duplicate', 'read')],
  /** The survivor takes the chosen values (an update); the duplicate disappears (a delete). */
  merge: [need('survivor', 'update'), need('duplicate', 'delete')],
  /** The survivor gets its old values back (an update); the duplicate comes back (a create). */
  undo: [need('survivor', 'update'), need('duplicate', 'create')],
} as const satisfies Record<string, readonly Requirement[]>;

export type Operation = keyof typeof RECORD_REQUIREMENTS;

const VERB: Record<RecordAction, string> = { read: 'see', create: 'create', update: 'change', delete: 'delete' };
const WHAT: Record<RecordRole, string> = {
  contact: 'this contact',
  survivor: 'the surviving contact',
  duplicate: 'the duplicate contact',
};

/** The message of a 403: what the user may not do, in words. */
export const refusalMessage = (req: Requirement, no?: string | null) =>
  `You may not ${VERB[req.action]} ${WHAT[req.record]}${no ? ` (${no})` : ''}; your role does not allow it.`;

/**
 * The first requirement of an operation that the user does not meet, or null when all are met.
 * `allowed` answers for one requirement (the permission checker on the loaded record).
 */
export function firstRefused(operation: Operation, allowed: (req: Requirement) => boolean): Requirement | null {
  for (const req of RECORD_REQUIREMENTS[operation]) if (!allowed(req)) return req;
  return null;
}
