/**
 * Reads the target of a to-one relation from document-service input, in any of the shapes Strapi 5
 * accepts: "docId", 12, { documentId }, { id }, { connect: [...] }, { set: [...] }, { disconnect }.
 * Returns undefined when the input does not touch the relation, null when it clears it.
 */
export type RelationRef = { documentId: string } | { id: number };

export function relationInput(value: unknown): RelationRef | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'string') return !value ? null : /^\d+$/.test(value) ? { id: Number(value) } : { documentId: value };
  if (typeof value === 'number') return { id: value };
  if (Array.isArray(value)) return value.length ? relationInput(value[value.length - 1]) : null;
  if (typeof value === 'object') {
    const v = value as Record<string, any>;
    if (typeof v.documentId === 'string') return { documentId: v.documentId };
    if (typeof v.id === 'number') return { id: v.id };
    if ('set' in v) return relationInput(v.set ?? null);
    if (v.connect && (!Array.isArray(v.connect) || v.connect.length)) return relationInput(v.connect);
    if (v.disconnect) return null;
  }
  return undefined;
}
