import {
  buildConfiguration,
  contactCaption,
  contactPickerFilters,
  decideWrite,
  fieldSize,
  packRows,
  type AttributeInfo,
  type CmConfiguration,
} from '../../src/plugins/marketing-setup/server/src/domain/content-manager-layout';
import {
  enumValueLabels,
  fieldLabel,
  hasFieldLabel,
} from '../../src/plugins/marketing-setup/server/src/domain/field-labels';
import contentTypes from '../../src/plugins/marketing-setup/server/src/content-types';
import {
  CONTENT_MANAGER_TYPES,
  DUTCH_HINTS,
  LAYOUTS,
} from '../../src/plugins/marketing-setup/server/src/content-manager/layouts';

const ATTRS: Record<string, AttributeInfo> = {
  no: { type: 'string' },
  type: { type: 'enumeration' },
  name: { type: 'string' },
  postCode: { type: 'string' },
  city: { type: 'string' },
  salesperson: { type: 'relation', target: 'plugin::marketing-setup.salesperson' },
  privacyBlocked: { type: 'boolean' },
  searchEmail: { type: 'string' },
  inheritanceOverrides: { type: 'json', visible: false },
  vatRegistrationNo: { type: 'string' },
};

/** Roughly what Strapi generates: attribute names as labels, schema order, two fields a row. */
const generated = (): CmConfiguration => ({
  settings: { pageSize: 25, mainField: 'id', bulkable: true },
  metadatas: Object.fromEntries(
    Object.keys(ATTRS)
      .filter((f) => ATTRS[f].visible !== false)
      .map((f) => [
        f,
        {
          edit: { label: f, description: '', placeholder: '', visible: true, editable: true },
          list: { label: f, searchable: true, sortable: true },
        },
      ]),
  ),
  layouts: {
    list: ['id', 'no', 'type', 'name'],
    edit: [
      [
        { name: 'no', size: 6 },
        { name: 'type', size: 6 },
      ],
      [
        { name: 'name', size: 6 },
        { name: 'postCode', size: 6 },
      ],
    ],
  },
});

const SPEC = {
  mainField: 'name',
  defaultSort: { field: 'no', order: 'ASC' as const },
  list: ['no', 'name', 'city', 'inheritanceOverrides'],
  groups: [['no', 'type', 'name', 'salesperson'], ['postCode', 'city'], ['privacyBlocked']],
  readOnly: ['no'],
  hidden: ['searchEmail'],
  hints: { no: ['Given by the number series.', 'Toegekend uit de nummerreeks.'] as const },
};
const MAIN_FIELDS: Record<string, string> = { 'plugin::marketing-setup.salesperson': 'name' };
const build = (current = generated()) => buildConfiguration(current, SPEC, ATTRS, (uid) => MAIN_FIELDS[uid]);
const FIELDS = Object.keys(ATTRS).filter((f) => ATTRS[f].visible !== false);

describe('field captions', () => {
  test.each([
    ['no', 'No.', 'Nr.'],
    ['name2', 'Name 2', 'Naam 2'],
    ['searchName', 'Search Name', 'Zoeknaam'],
    ['postCode', 'Post Code', 'Postcode'],
    ['vatRegistrationNo', 'VAT Registration No.', 'Btw-nummer'],
    ['phoneNo', 'Phone No.', 'Telefoonnr.'],
    ['mobilePhoneNo', 'Mobile Phone No.', 'Mobiel telefoonnr.'],
    ['email2', 'E-Mail 2', 'E-mail 2'],
    ['homePage', 'Home Page', 'Homepage'],
  ])('%s is "%s" (nl "%s")', (field, en, nl) => {
    expect(fieldLabel(field)).toBe(en);
    expect(fieldLabel(field, 'nl')).toBe(nl);
  });
  test('an unknown field keeps its name', () => expect(fieldLabel('someNewField')).toBe('someNewField'));
  test('every field the Content Manager shows has a caption (no "ENTRYNO" column)', () => {
    const SYSTEM = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy']);
    const uncaptioned = CONTENT_MANAGER_TYPES.flatMap((uid) => {
      const name = uid.slice('plugin::marketing-setup.'.length);
      const { attributes } = (
        contentTypes as Record<string, { schema: { attributes: Record<string, { visible?: boolean }> } }>
      )[name].schema;
      return Object.entries(attributes)
        .filter(([f, a]) => !SYSTEM.has(f) && a.visible !== false && !hasFieldLabel(f))
        .map(([f]) => `${name}.${f}`);
    });
    expect(uncaptioned).toEqual([]);
  });
  test('every field hint has its Dutch, looked up by the English text the Content Manager stores', () => {
    for (const spec of Object.values(LAYOUTS))
      for (const [en, nl] of Object.values(spec.hints ?? {})) {
        expect(nl).not.toBe('');
        expect(DUTCH_HINTS[en]).toBe(nl);
      }
    expect(DUTCH_HINTS['A company, or a person who works for a company.']).toBe(
      'Een bedrijf, of een persoon die voor een bedrijf werkt.',
    );
  });
  test('the interaction log entry list: entry no., date, contact, description', () => {
    expect(LAYOUTS['interaction-log-entry'].list).toEqual(['entryNo', 'date', 'contact', 'description']);
    expect(fieldLabel('entryNo')).toBe('Entry No.');
    expect(fieldLabel('entryNo', 'nl')).toBe('Volgnr.');
  });
  test('enumeration values have captions in both languages', () => {
    expect(enumValueLabels('en')).toMatchObject({
      company: 'Company',
      person: 'Person',
      hardCopy: 'Hard Copy',
      inProgress: 'In Progress',
    });
    expect(enumValueLabels('nl')).toMatchObject({ company: 'Bedrijf', person: 'Persoon', notStarted: 'Niet gestart' });
  });
});

describe('packing the card into rows', () => {
  test('two text fields a row, three small ones, and every group starts a new row', () => {
    const sizes: Record<string, number> = { a: 6, b: 6, c: 6, d: 4, e: 4, f: 4, g: 4 };
    expect(
      packRows(
        [
          ['a', 'b', 'c'],
          ['d', 'e', 'f', 'g'],
        ],
        (f) => sizes[f],
      ),
    ).toEqual([
      [
        { name: 'a', size: 6 },
        { name: 'b', size: 6 },
      ],
      [{ name: 'c', size: 6 }],
      [
        { name: 'd', size: 4 },
        { name: 'e', size: 4 },
        { name: 'f', size: 4 },
      ],
      [{ name: 'g', size: 4 }],
    ]);
  });
  test('field widths follow the Content Manager defaults', () => {
    expect([
      fieldSize('string'),
      fieldSize('relation'),
      fieldSize('boolean'),
      fieldSize('date'),
      fieldSize('json'),
    ]).toEqual([6, 6, 4, 4, 12]);
  });
});

describe('the configuration the plugin writes', () => {
  test('captions, card order, read-only number, hidden system field, name as title, settings it does not manage kept', () => {
    const conf = build();
    expect(conf.settings).toEqual({
      pageSize: 25,
      bulkable: true,
      mainField: 'name',
      defaultSortBy: 'no',
      defaultSortOrder: 'ASC',
    });
    expect(conf.layouts.list).toEqual(['no', 'name', 'city']);
    expect(conf.layouts.edit.map((row) => row.map((el) => el.name))).toEqual([
      ['no', 'type'],
      ['name', 'salesperson'],
      ['postCode', 'city'],
      ['privacyBlocked'],
      // not in any group and not hidden: placed last rather than lost
      ['vatRegistrationNo'],
    ]);
    expect(conf.metadatas.no.edit).toMatchObject({
      label: 'No.',
      editable: false,
      visible: true,
      description: 'Given by the number series.',
    });
    expect(conf.metadatas.postCode).toMatchObject({
      edit: { label: 'Post Code', editable: true },
      list: { label: 'Post Code', sortable: true },
    });
    expect(conf.metadatas.searchEmail.edit).toMatchObject({ label: 'Search E-Mail', visible: false });
    expect(conf.metadatas.salesperson.edit).toMatchObject({ label: 'Salesperson', mainField: 'name' });
    expect(conf.metadatas.inheritanceOverrides).toBeUndefined();
  });
});

describe('when the plugin writes the configuration', () => {
  test('first start: Strapi generated it, the plugin never wrote it → write', () => {
    expect(decideWrite(generated(), build(), null, FIELDS)).toBe('write');
  });
  test('already what the plugin wants → unchanged', () => {
    const desired = build();
    expect(decideWrite(desired, build(desired), desired, FIELDS)).toBe('unchanged');
  });
  test('an admin renamed a label → kept, even when a new plugin version wants another layout', () => {
    const written = build();
    const customised: CmConfiguration = JSON.parse(JSON.stringify(written));
    customised.metadatas.city.edit!.label = 'Town';
    const upgraded = buildConfiguration(
      customised,
      { ...SPEC, groups: [['name', 'no']] },
      ATTRS,
      (uid) => MAIN_FIELDS[uid],
    );
    expect(decideWrite(customised, upgraded, written, FIELDS)).toBe('customised');
  });
  test('an admin moved a field → kept', () => {
    const written = build();
    const moved: CmConfiguration = JSON.parse(JSON.stringify(written));
    moved.layouts.edit = [
      [{ name: 'city', size: 6 }],
      ...moved.layouts.edit.map((r) => r.filter((el) => el.name !== 'city')),
    ].filter((r) => r.length);
    const upgraded = buildConfiguration(moved, { ...SPEC, readOnly: [] }, ATTRS, (uid) => MAIN_FIELDS[uid]);
    expect(decideWrite(moved, upgraded, written, FIELDS)).toBe('customised');
  });
  test('untouched since the plugin wrote it, and a new field appended by Strapi since → the new layout is written', () => {
    const written = build();
    const attrs = { ...ATTRS, county: { type: 'string' } };
    const synced: CmConfiguration = JSON.parse(JSON.stringify(written));
    synced.layouts.edit.push([{ name: 'county', size: 6 }]);
    synced.metadatas.county = { edit: { label: 'county', visible: true, editable: true }, list: { label: 'county' } };
    const upgraded = buildConfiguration(
      synced,
      {
        ...SPEC,
        groups: [
          ['no', 'type', 'name', 'salesperson'],
          ['postCode', 'city', 'county'],
        ],
      },
      attrs,
      (uid) => MAIN_FIELDS[uid],
    );
    expect(decideWrite(synced, upgraded, written, [...FIELDS, 'county'])).toBe('write');
    expect(upgraded.metadatas.county.edit!.label).toBe('County');
  });
});

describe('contact pickers', () => {
  test("a person's company picker: companies only, the search text in name or number", () => {
    expect(contactPickerFilters(' CT0001 ', true)).toEqual([
      { type: 'company' },
      { $or: [{ name: { $containsi: 'CT0001' } }, { no: { $containsi: 'CT0001' } }] },
    ]);
  });
  test('other contact pickers: every contact; no search → no filter', () => {
    expect(contactPickerFilters('fab', false)).toEqual([
      { $or: [{ name: { $containsi: 'fab' } }, { no: { $containsi: 'fab' } }] },
    ]);
    expect(contactPickerFilters(undefined, false)).toEqual([]);
    expect(contactPickerFilters(['x'], true)).toEqual([{ type: 'company' }]);
  });
});

describe('how a contact is named in pickers and chips', () => {
  test('number and name; either may be missing', () => {
    expect(contactCaption('CT000001', 'Fabrikam NV')).toBe('CT000001 Fabrikam NV');
    expect(contactCaption(null, 'Fabrikam NV')).toBe('Fabrikam NV');
    expect(contactCaption('CT000002', ' ')).toBe('CT000002');
  });
});
