/**
 * The Content Manager's view of the plugin's records, as Business Central shows them: captions instead
 * of attribute names, the card's field order, computed fields read-only or hidden, the name as title.
 * Pure: the adapter (content-manager/configure.ts) reads and writes Strapi's stored configuration.
 *
 * The stored configuration is the admin's to change (Content Manager → Configure the view). The plugin
 * writes it once, and again after an upgrade only while the admin has not changed what the plugin wrote
 * (`decideWrite`).
 */
import { fieldLabel } from './field-labels';

export type Hint = readonly [en: string, nl: string];

/** How one record type is shown in the Content Manager. */
export interface LayoutSpec {
  /** The field that titles a record and names it in relation pickers and chips. */
  mainField: string;
  defaultSort?: { field: string; order: 'ASC' | 'DESC' };
  /** List view columns. */
  list: string[];
  /** Edit view, in card order; every group starts on a new row (General, Address, Communication …). */
  groups: string[][];
  /** Computed or system fields the form shows but does not let anyone change. */
  readOnly?: string[];
  /** Fields the form does not show at all (REST still has them). */
  hidden?: string[];
  /**
   * One-line help under a field, in English and Dutch. The English one is stored as the field's
   * description; the Content Manager shows that text as it is, so the admin swaps in the Dutch one
   * (admin/src/components/ContentManagerHint.tsx).
   */
  hints?: Record<string, Hint>;
}

export interface AttributeInfo {
  type: string;
  /** Target UID of a relation. */
  target?: string;
  /** `visible: false` in the schema: never part of the Content Manager's model. */
  visible?: boolean;
}

export interface EditMeta {
  label?: string;
  description?: string;
  placeholder?: string;
  visible?: boolean;
  editable?: boolean;
  mainField?: string;
}
export interface ListMeta {
  label?: string;
  searchable?: boolean;
  sortable?: boolean;
}
export interface CmConfiguration {
  settings: Record<string, unknown>;
  metadatas: Record<string, { edit?: EditMeta; list?: ListMeta }>;
  layouts: { list: string[]; edit: { name: string; size: number }[][] };
}

const ROW = 12;
const FULL_WIDTH = new Set(['json', 'richtext', 'blocks', 'component', 'dynamiczone']);
const SMALL = new Set(['boolean', 'integer', 'biginteger', 'decimal', 'float', 'date', 'time']);

/** The Content Manager's default width of a field of this type (it refuses a full-width type at another size). */
export const fieldSize = (type: string): number => (FULL_WIDTH.has(type) ? 12 : SMALL.has(type) ? 4 : 6);

/** Packs the groups into rows of at most 12 columns; each group starts a new row. */
export function packRows(groups: string[][], sizeOf: (field: string) => number): { name: string; size: number }[][] {
  const rows: { name: string; size: number }[][] = [];
  for (const group of groups) {
    let row: { name: string; size: number }[] = [];
    for (const name of group) {
      const size = sizeOf(name);
      if (row.length && row.reduce((sum, el) => sum + el.size, 0) + size > ROW) {
        rows.push(row);
        row = [];
      }
      row.push({ name, size });
    }
    if (row.length) rows.push(row);
  }
  return rows;
}

/**
 * The configuration the plugin wants for a record type, built on the stored one (so settings the plugin
 * does not manage, such as page size, stay as they are).
 * @param relationMainField the field that names a record of the relation's target type
 */
export function buildConfiguration(
  current: CmConfiguration,
  spec: LayoutSpec,
  attributes: Record<string, AttributeInfo>,
  relationMainField: (targetUid: string) => string | undefined,
): CmConfiguration {
  const inModel = (f: string) => Object.prototype.hasOwnProperty.call(attributes, f) && attributes[f].visible !== false;
  const hidden = new Set(spec.hidden ?? []);
  const readOnly = new Set(spec.readOnly ?? []);
  const placed = new Set<string>();
  const groups = spec.groups.map((g) =>
    g.filter((f) => inModel(f) && !hidden.has(f) && !placed.has(f) && placed.add(f)),
  );
  // A field the spec forgot still gets a place (last), so no field silently disappears from the form.
  const rest = Object.keys(attributes).filter((f) => inModel(f) && !hidden.has(f) && !placed.has(f));
  const edit = packRows(
    [...groups, rest].filter((g) => g.length),
    (f) => fieldSize(attributes[f].type),
  );

  const metadatas: CmConfiguration['metadatas'] = { ...current.metadatas };
  for (const [field, attribute] of Object.entries(attributes)) {
    if (attribute.visible === false) continue;
    const before = current.metadatas?.[field] ?? {};
    const label = fieldLabel(field);
    const editMeta: EditMeta = {
      ...before.edit,
      label,
      description: spec.hints?.[field]?.[0] ?? '',
      visible: !hidden.has(field),
      editable: !readOnly.has(field),
    };
    if (attribute.type === 'relation' && attribute.target) {
      const main = relationMainField(attribute.target);
      if (main) editMeta.mainField = main;
    }
    metadatas[field] = { edit: editMeta, list: { ...before.list, label } };
  }
  const settings: Record<string, unknown> = { ...current.settings, mainField: spec.mainField };
  if (spec.defaultSort) {
    settings.defaultSortBy = spec.defaultSort.field;
    settings.defaultSortOrder = spec.defaultSort.order;
  }
  return { settings, metadatas, layouts: { list: spec.list.filter(inModel), edit } };
}

/** What the plugin manages of a configuration, limited to the given fields (for comparisons). */
export function managedPart(config: CmConfiguration | null | undefined, fields: string[]) {
  const known = new Set(fields);
  const metas = config?.metadatas ?? {};
  return {
    mainField: config?.settings?.mainField ?? null,
    list: (config?.layouts?.list ?? []).filter((f) => known.has(f)),
    edit: (config?.layouts?.edit ?? [])
      .map((row) => row.filter((el) => known.has(el.name)).map((el) => `${el.name}:${el.size}`))
      .filter((row) => row.length),
    metadatas: fields.map((f) => {
      const {
        label = null,
        description = '',
        visible = null,
        editable = null,
        mainField = null,
      } = metas[f]?.edit ?? {};
      return [f, label, description, visible, editable, mainField, metas[f]?.list?.label ?? null];
    }),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export type WriteDecision = 'write' | 'unchanged' | 'customised';

/**
 * Whether the plugin (re)writes a type's configuration at start-up.
 * - 'unchanged': the stored configuration already is what the plugin wants;
 * - 'write': never written by the plugin (first start, new type), or still exactly what it wrote last
 *   time (fields added or removed by a schema change since are left out of that comparison);
 * - 'customised': an admin changed labels, order or settings the plugin wrote — left alone.
 */
export function decideWrite(
  current: CmConfiguration,
  desired: CmConfiguration,
  lastWritten: CmConfiguration | null,
  fields: string[],
): WriteDecision {
  if (same(managedPart(current, fields), managedPart(desired, fields))) return 'unchanged';
  if (!lastWritten) return 'write';
  const lastFields = new Set(Object.keys(lastWritten.metadatas ?? {}));
  const common = fields.filter((f) => lastFields.has(f));
  return same(managedPart(current, common), managedPart(lastWritten, common)) ? 'write' : 'customised';
}

/**
 * The filters of a contact picker (relation field to contacts): the search text matches the name or the
 * number, and a field that links to a company offers companies only.
 */
export function contactPickerFilters(search: unknown, companiesOnly: boolean): Record<string, unknown>[] {
  const filters: Record<string, unknown>[] = [];
  if (companiesOnly) filters.push({ type: 'company' });
  const q = typeof search === 'string' ? search.trim() : '';
  if (q) filters.push({ $or: [{ name: { $containsi: q } }, { no: { $containsi: q } }] });
  return filters;
}

/** How a contact is named in pickers and relation chips: "CT000001 Fabrikam NV" (either part may be missing). */
export const contactCaption = (no: unknown, name: unknown): string =>
  [no, name].filter((part) => typeof part === 'string' && part.trim() !== '').join(' ');

/** The chip of a linked record the user may not read (English, Dutch). */
export const NOT_VISIBLE: Hint = ['Not visible to your role', 'Niet zichtbaar voor uw rol'];

/**
 * How the Content Manager names a linked record the user may not open: by its main field (else its code) when the
 * role may read that kind of record (`readable`: its values), else "Not visible to your role". Never its id.
 */
export function hiddenRelationLabel(readable: { value: unknown; code: unknown } | null, dutch: boolean): string {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : null);
  return (readable && (text(readable.value) ?? text(readable.code))) || NOT_VISIBLE[dutch ? 1 : 0];
}
