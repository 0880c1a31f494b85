/**
 * Contacts as CSV (import and export), the pure part: which contact fields a file may carry, how a header
 * is recognised (the Business Central caption in English or Dutch, or the attribute name, ignoring case,
 * spaces and punctuation), how a cell becomes a value, and how CSV text is written. No Strapi, no I/O.
 */
import { fieldLabel } from './field-labels';
import { RuleViolation } from './errors';
import { CONTACT_DETAIL_FIELDS, composeName } from './contact-fields';
import { decodeWindows1252 } from './windows-1252';
import { previewText } from './text-length';
import { addressesOfField, normaliseAddress } from './email-logging';

/** Relations a file names by code (master data) or, for the company, by the company's No. */
export const CODE_RELATIONS = {
  salesperson: 'salesperson',
  territory: 'territory',
  countryRegion: 'country-region',
  language: 'language',
  salutation: 'salutation',
} as const;
export type CodeRelation = keyof typeof CODE_RELATIONS;

/** The contact fields an import may set and an export writes, in Business Central's column order. */
export const CSV_FIELDS = [
  'no',
  'type',
  'name',
  'name2',
  'searchName',
  'firstName',
  'middleName',
  'surname',
  'initials',
  'jobTitle',
  'company',
  'companyName',
  ...CONTACT_DETAIL_FIELDS,
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/** Read-only fields an export adds after the importable ones. */
export const EXPORT_ONLY_FIELDS = ['businessRelation'] as const;

const isCsvField = (f: string): f is CsvField => (CSV_FIELDS as readonly string[]).includes(f);

/** "E-Mail", "e_mail", " EMAIL " → "email"; "No." → "no"; "Country/Region Code" → "countryregioncode". */
export const normaliseHeader = (header: string) =>
  header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** Names Business Central's own exports use for the code and number columns. */
const ALIASES: Record<string, CsvField> = {
  companyno: 'company',
  bedrijfsnr: 'company',
  salespersoncode: 'salesperson',
  verkopercode: 'salesperson',
  territorycode: 'territory',
  rayoncode: 'territory',
  countryregioncode: 'countryRegion',
  landregiocode: 'countryRegion',
  languagecode: 'language',
  taalcode: 'language',
  salutationcode: 'salutation',
  aanhefcode: 'salutation',
  vatregno: 'vatRegistrationNo',
  btwnr: 'vatRegistrationNo',
  number: 'no',
  nummer: 'no',
};

const KNOWN: Map<string, CsvField> = (() => {
  const m = new Map<string, CsvField>();
  for (const f of CSV_FIELDS) {
    for (const name of [f, fieldLabel(f, 'en'), fieldLabel(f, 'nl')])
      if (!m.has(normaliseHeader(name))) m.set(normaliseHeader(name), f);
  }
  for (const [k, f] of Object.entries(ALIASES)) if (!m.has(k)) m.set(k, f);
  return m;
})();

/**
 * Headers of files people make themselves (Belgian and Dutch users: Dutch, French and English), compared as
 * normaliseHeader writes them. A synonym is a guess, so it only takes a field that no header of the file names
 * exactly (a caption, an attribute name or a code column above). Relations named here (country/region, language)
 * are still read as codes.
 */
const SYNONYMS = new Map<string, CsvField>(
  (
    [
      [
        'phoneNo',
        ['telefoon', 'telefoonnummer', 'tel', 'telnr', 'phone', 'phonenumber', 'telephone', 'telephonenumber'],
      ],
      [
        'mobilePhoneNo',
        ['gsm', 'gsmnummer', 'gsmnr', 'mobiel', 'mobielnummer', 'mobile', 'mobilephone', 'mobilenumber', 'portable'],
      ],
      ['faxNo', ['fax', 'faxnummer', 'telecopie']],
      [
        'email',
        [
          'mail',
          'emailadres',
          'emailaddress',
          'mailadres',
          'courriel',
          'adresseemail',
          'adressemail',
          'adressecourriel',
        ],
      ],
      ['homePage', ['website', 'webstek', 'site', 'siteweb', 'siteinternet', 'web', 'url', 'www']],
      ['vatRegistrationNo', ['vat', 'vatno', 'vatnumber', 'btw', 'tva', 'ntva', 'numerodetva', 'notva']],
      [
        'registrationNumber',
        ['ondernemingsnummer', 'ondernemingsnr', 'kbo', 'kbonummer', 'kbonr', 'bce', 'numerodentreprise'],
      ],
      ['address', ['straat', 'straatennummer', 'straatnr', 'rue', 'street', 'adresse']],
      ['city', ['gemeente', 'stad', 'woonplaats', 'ville', 'localite', 'commune', 'town']],
      ['postCode', ['codepostal', 'cp', 'postalcode', 'zip', 'zipcode', 'postnummer', 'postnr']],
      ['county', ['province']],
      ['countryRegion', ['land', 'country', 'pays', 'landcode', 'countrycode', 'codepays']],
      ['language', ['langue', 'languecode']],
      ['firstName', ['prenom', 'givenname', 'roepnaam']],
      ['surname', ['familienaam', 'lastname', 'familyname', 'nomdefamille']],
      [
        'companyName',
        ['firma', 'firmanaam', 'societe', 'entreprise', 'onderneming', 'organisatie', 'organisation', 'organization'],
      ],
      ['jobTitle', ['fonction', 'job']],
      ['name', ['nom', 'naamcontact', 'contactnaam', 'contactname', 'raisonsociale', 'denomination']],
    ] as [CsvField, string[]][]
  ).flatMap(([field, keys]) => keys.map((k): [string, CsvField] => [k, field])),
);

/**
 * A name column that stands beside a first-name column is the surname ("Nom" and "Prénom" in a French file):
 * as the contact's name it would lose to the name parts, which win for a person.
 */
const SURNAME_BESIDE_FIRST_NAME = new Set(['nom']);

/**
 * A company column beside a name column (`Prénom;Nom;Société`, `Naam;Firma`) names the company a person works
 * for: it is the company link (`company`, read as the company's No. or name, as a `Company` column is), so the
 * person inherits from it. Alone (a list of firms: `Firma;Straat;Gemeente`) it is the firm's own name: Company Name
 * is the plugin's (a company's is its name), so a file mapped there would refuse every row for a blank name.
 */
const COMPANY_BESIDE_A_NAME: CsvField = 'company';
const COMPANY_ALONE: CsvField = 'name';
const NAME_FIELDS = new Set<CsvField>(['name', 'firstName', 'surname']);

/**
 * The suggested field of each header (null: nothing recognised). First what a header names exactly (caption,
 * attribute name, code column), then synonyms for the fields still free; each field goes to one header only,
 * the first that names it.
 */
export function suggestMapping(headers: string[]): Record<string, CsvField | null> {
  const used = new Set<CsvField>();
  const out: Record<string, CsvField | null> = {};
  const keys = headers.map(normaliseHeader);
  headers.forEach((h, i) => {
    const f = KNOWN.get(keys[i]) ?? null;
    out[h] = f && !used.has(f) ? f : null;
    if (f) used.add(f);
  });
  const fieldOf = (k: string) => KNOWN.get(k) ?? SYNONYMS.get(k);
  const hasFirstName = keys.some((k) => fieldOf(k) === 'firstName');
  const hasName = keys.some((k) => NAME_FIELDS.has(fieldOf(k) as CsvField));
  headers.forEach((h, i) => {
    const synonym = KNOWN.has(keys[i]) ? undefined : SYNONYMS.get(keys[i]);
    if (!synonym) return;
    const f =
      hasFirstName && SURNAME_BESIDE_FIRST_NAME.has(keys[i])
        ? 'surname'
        : synonym === 'companyName'
          ? hasName
            ? COMPANY_BESIDE_A_NAME
            : COMPANY_ALONE
          : synonym;
    if (used.has(f)) return;
    out[h] = f;
    used.add(f);
  });
  return out;
}

/** A mapping header → field (null or missing: the column is skipped). */
export type Mapping = Record<string, string | null>;

/**
 * Checks a mapping against the file's headers: every mapped header must be a column of the file, every field
 * importable, no field twice, and the file must set something. Returns the mapping with skipped columns left out.
 */
export function checkMapping(headers: string[], mapping: Mapping): Record<string, CsvField> {
  const out: Record<string, CsvField> = {};
  const byField = new Map<string, string>();
  for (const [header, field] of Object.entries(mapping)) {
    if (!headers.includes(header))
      throw new RuleViolation(`The file has no column "${header}" (its columns: ${headers.join(', ')}).`, [
        'mapping',
        header,
      ]);
    if (field === null || field === '' || field === undefined) continue;
    if (!isCsvField(field))
      throw new RuleViolation(
        `Column "${header}" cannot be imported into "${field}": that is not a contact field an import may set.`,
        ['mapping', header],
      );
    if (byField.has(field))
      throw new RuleViolation(
        `Columns "${byField.get(field)}" and "${header}" are both mapped to ${fieldLabel(field)}; map one of them.`,
        ['mapping', header],
      );
    byField.set(field, header);
    out[header] = field;
  }
  if (!Object.keys(out).length)
    throw new RuleViolation('No column is mapped to a contact field, so there is nothing to import.', ['mapping']);
  return out;
}

/**
 * Option values as people write them (compared as normaliseHeader writes them: no case, accents or spaces): Business
 * Central's English and Dutch captions (what the export writes) and the French words of Belgian files.
 */
const TRUE = new Set(['true', 'yes', 'ja', 'oui', '1', 'y', 'j', 'x']);
const FALSE = new Set(['false', 'no', 'nee', 'non', '0', 'n']);
const TYPES: Record<string, string> = {
  company: 'company',
  bedrijf: 'company',
  entreprise: 'company',
  societe: 'company',
  person: 'person',
  persoon: 'person',
  personne: 'person',
};
const CORRESPONDENCE: Record<string, string> = {
  hardcopy: 'hardCopy',
  afdruk: 'hardCopy',
  papier: 'hardCopy',
  email: 'email',
  courriel: 'email',
};

/** A row of the file as the write takes it: scalar values, and the codes of the relations still to be resolved. */
export interface ImportRow {
  data: Record<string, unknown>;
  /** Relation field → code (or, for `company`, the company's No.). */
  codes: Partial<Record<CodeRelation | 'company', string>>;
}

/**
 * One record of the file (header → cell) through the mapping. A blank cell sets nothing: a new contact gets
 * its default or inherited value, a matched contact keeps its own. A value that is no value of its field is a
 * RuleViolation naming the column.
 */
export function rowToInput(record: Record<string, string | undefined>, mapping: Record<string, CsvField>): ImportRow {
  const data: Record<string, unknown> = {};
  const codes: ImportRow['codes'] = {};
  for (const [header, field] of Object.entries(mapping)) {
    const raw = record[header];
    const value = unescapeFormula(typeof raw === 'string' ? raw.trim() : '');
    if (value === '') continue;
    const key = normaliseHeader(value);
    if (field === 'type') {
      if (!TYPES[key])
        throw new RuleViolation(
          `${header}: "${value}" is not a contact type; use Company or Person (also Bedrijf or Persoon, ` +
            `Entreprise, Société or Personne).`,
          [field],
        );
      data.type = TYPES[key];
    } else if (field === 'privacyBlocked') {
      const v = key;
      if (!TRUE.has(v) && !FALSE.has(v))
        throw new RuleViolation(`${header}: "${value}" is not yes or no (also ja or nee, oui or non).`, [field]);
      data.privacyBlocked = TRUE.has(v);
    } else if (field === 'correspondenceType') {
      data.correspondenceType = CORRESPONDENCE[key] ?? value; // anything else: the write rules refuse it with their message
    } else if (field === 'company' || field in CODE_RELATIONS) {
      codes[field as CodeRelation | 'company'] = value;
    } else {
      data[field] = value;
    }
  }
  return { data, codes };
}

/**
 * A VAT Registration No. as rows and contacts are matched by it: upper case, without the spaces, dots, hyphens
 * and slashes people write it with ("be 0456.789.123" is "BE0456789123"). The repositories compare stored
 * values through the same expression (repositories/import-lookups.ts `vatKeySql`).
 */
export const vatMatchValue = (vat: string) => vat.toUpperCase().replace(/[ .\-/]/g, '');

/** Which existing contact a row updates: by No., else by VAT Registration No., else by e-mail. */
export type MatchKey = { field: 'no' | 'vatRegistrationNo' | 'email'; value: string } | null;
export const matchKeyOf = (row: ImportRow): MatchKey => {
  for (const field of ['no', 'vatRegistrationNo', 'email'] as const) {
    const v = row.data[field];
    if (typeof v === 'string' && v.trim() !== '')
      return { field, value: field === 'vatRegistrationNo' ? vatMatchValue(v) : v.trim() };
  }
  return null;
};

/**
 * The name a row without a match key is looked up by (its Name, or a person's first, middle and last name as the
 * contact's name is composed), or null. A name alone never updates a contact — two people share a name —, but a
 * contact of that name that already holds every value of the row is the contact the row stands for: the row is
 * unchanged, so a file without No., VAT no. or e-mail imported twice creates nothing the second time (`twinOf`).
 */
export function twinNameOf(row: ImportRow): string | null {
  return matchKeyOf(row) ? null : rowName(row);
}

/** A row's name as the contact's would be: its Name, or a person's first, middle and last name composed; or null. */
function rowName(row: ImportRow): string | null {
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
  const name =
    str(row.data.name) ??
    composeName({
      firstName: str(row.data.firstName),
      middleName: str(row.data.middleName),
      surname: str(row.data.surname),
    });
  return name.trim() === '' ? null : name.trim();
}

/**
 * Of the contacts with a row's name (`twinNameOf`; `current`: each as stored), the first that holds every value the
 * row sets (`unchangedBy`; a cell left blank sets nothing), or null: the row is a new contact.
 */
export function twinOf<T extends Record<string, unknown>>(data: Record<string, unknown>, current: T[]): T | null {
  const sets = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  return current.find((c) => unchangedBy(sets, c)) ?? null;
}

/** The match keys as a sentence names them. */
const KEY_WORDS = {
  no: 'the No.',
  vatRegistrationNo: 'the VAT registration no.',
  email: 'the e-mail address',
} as const;
const KEY_FIELDS = ['no', 'vatRegistrationNo', 'email'] as const;

/** A match-key value as rows are compared by it: as a lookup compares it (`lookupKey`), with its field. */
const keyText = (field: (typeof KEY_FIELDS)[number], v: string) =>
  `${field}:${lookupKey(v, field === 'vatRegistrationNo')}`;

/** Whether two cells of a field hold the same value (a No., VAT no. or e-mail address as a match compares it). */
function sameCell(field: string, a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string' && (KEY_FIELDS as readonly string[]).includes(field))
    return keyText(field as (typeof KEY_FIELDS)[number], a) === keyText(field as (typeof KEY_FIELDS)[number], b);
  return a === b;
}

/** The fields a later row sets to something an earlier row does not hold (a code compared without case). */
function fieldsBeyond(later: ImportRow, earlier: ImportRow): string[] {
  const codes = earlier.codes as Record<string, string | undefined>;
  return [
    ...Object.entries(later.data)
      .filter(([f, v]) => !sameCell(f, v, earlier.data[f]))
      .map(([f]) => f),
    ...Object.entries(later.codes)
      .filter(([f, v]) => (codes[f] ?? '').trim().toUpperCase() !== String(v).trim().toUpperCase())
      .map(([f]) => f),
  ];
}

/**
 * What a row of a file comes to because of an earlier row of the same file (`FileRows.verdict`):
 * - `repeat`: it repeats row `rowNo` (every value it sets is that row's; it may leave cells blank), which came to a
 *   contact (`outcome`): the row is "unchanged", the same contact, and nothing is written;
 * - `conflict`: it has the No., VAT registration no. or e-mail address of row `rowNo`, which created a contact,
 *   but another name or other values: refused with `message` — it is not merged into that new contact (two firms
 *   that share a mailbox, or two versions of one contact: the admin decides). A row that found a contact already
 *   in the database is no conflict: a later row with its key updates that contact again, as before;
 * - null: no earlier row of the file is in its way; it is matched against the stored contacts as any row.
 */
export type SameFileVerdict<T> =
  | { kind: 'repeat'; rowNo: number; matchedBy: (typeof KEY_FIELDS)[number] | 'name'; outcome: T }
  | { kind: 'conflict'; rowNo: number; field: string; message: string }
  | null;

interface FileRow<T> {
  rowNo: number;
  row: ImportRow;
  name: string | null;
  keys: string[];
  /** What the row came to (a contact), or null: refused. */
  outcome: T | null;
  /** Whether it created that contact (it was not in the database before the file). */
  created: boolean;
}

/** The type of the contact a row stands for or creates: without Type and without a person's shape, a company. */
const createdType = (row: ImportRow) => rowType(row) ?? 'company';

/**
 * A row's key as the earlier rows are looked up by: as `pickMatch`, by VAT no. or e-mail a row of a type only meets
 * a contact of that type (a person listed with the company's mailbox is another contact); a row without Type creates
 * a company; a No. names the contact itself, whatever its type.
 */
const typedKey = (field: string, text: string, row: ImportRow) =>
  field === 'no' ? text : `${createdType(row)}|${text}`;

/**
 * The rows of one file read so far, so a later row is judged against the earlier ones the same way in the dry run
 * (where every row is rolled back, so earlier rows are not in the database) and in the run (where they are).
 * A row whose match key (No., else VAT registration no., else e-mail address, compared as a match compares them)
 * is an earlier row's (the first not refused): the same values → `repeat` of that row; another name or other values,
 * when that row created its contact → `conflict`.
 * A row without a match key that repeats an earlier row of its name (every value it sets) → `repeat` (a line
 * repeated in a hand-made list). Anything else → null. Rows come in file order; `forgetAfter` drops the rows after
 * a row again (a chunk of the run rolled back).
 */
export class FileRows<T> {
  private readonly rows: FileRow<T>[] = [];
  private readonly byKey = new Map<string, FileRow<T>>();
  private readonly byName = new Map<string, FileRow<T>[]>();
  /** The last row number added (read or not). */
  upTo = 0;

  verdict(rowNo: number, row: ImportRow): SameFileVerdict<T> {
    const key = matchKeyOf(row);
    if (key) {
      const text = keyText(key.field, key.value);
      // A row without Type meets a contact of either type (as `pickMatch`): the earlier of the two rows.
      const earlier =
        key.field === 'no' || rowType(row)
          ? this.byKey.get(typedKey(key.field, text, row))
          : [this.byKey.get(`company|${text}`), this.byKey.get(`person|${text}`)]
              .filter((e): e is FileRow<T> => !!e)
              .sort((a, b) => a.rowNo - b.rowNo)[0];
      if (!earlier) return null;
      const beyond = fieldsBeyond(row, earlier.row);
      if (!beyond.length)
        return { kind: 'repeat', rowNo: earlier.rowNo, matchedBy: key.field, outcome: earlier.outcome! };
      // A contact that was in the database before the file: the row updates it, as any row (today's rule).
      if (!earlier.created) return null;
      const name = rowName(row);
      const theirs = `row ${earlier.rowNo}${earlier.name ? ` (${earlier.name})` : ''}`;
      const has = `Row ${rowNo} has ${KEY_WORDS[key.field]} of ${theirs}`;
      const message =
        name !== null && name !== earlier.name
          ? `${has} but another name (${name}); it is not merged into that contact. Give this row its own ` +
            `${KEY_WORDS[key.field].slice(4)} or leave it blank; if it is the same contact, give both rows one name.`
          : `${has} but other values (${beyond.map((f) => fieldLabel(f)).join(', ')}); a file gives a contact ` +
            `one row. Put these values in row ${earlier.rowNo} and leave this row out.`;
      return { kind: 'conflict', rowNo: earlier.rowNo, field: key.field, message };
    }
    const name = rowName(row);
    if (name === null) return null;
    const earlier = (this.byName.get(name.toLowerCase()) ?? []).find(
      (e) => e.outcome !== null && !fieldsBeyond(row, e.row).length,
    );
    return earlier ? { kind: 'repeat', rowNo: earlier.rowNo, matchedBy: 'name', outcome: earlier.outcome! } : null;
  }

  /**
   * Row `rowNo` (null: its cells could not be read), what it came to (null: refused) and whether that contact is new.
   * A refused row wrote nothing, so it is no row a later one repeats or runs into.
   */
  add(rowNo: number, row: ImportRow | null, outcome: T | null, created = false) {
    this.upTo = Math.max(this.upTo, rowNo);
    if (!row) return;
    const name = rowName(row);
    const keys = KEY_FIELDS.flatMap((f) => {
      const v = row.data[f];
      return typeof v === 'string' && v.trim() !== '' ? [typedKey(f, keyText(f, v), row)] : [];
    });
    const entry: FileRow<T> = { rowNo, row, name, keys: outcome === null ? [] : keys, outcome, created };
    this.rows.push(entry);
    for (const k of entry.keys) if (!this.byKey.has(k)) this.byKey.set(k, entry);
    if (name !== null) {
      const list = this.byName.get(name.toLowerCase()) ?? [];
      list.push(entry);
      this.byName.set(name.toLowerCase(), list);
    }
  }

  /**
   * The earlier row that created the company a Company cell names — by the name it gave it (any case) or by its
   * No. (`noOf` reads it from the row's outcome) — or null. The dry run writes that row again before this one, in
   * the same rolled-back transaction, so a file of companies and then their persons previews as the run links it.
   */
  createdCompanyRow(code: string, noOf: (outcome: T) => string | null): number | null {
    const wanted = code.trim().toLowerCase();
    const hit = this.rows.find(
      (e) =>
        e.created &&
        e.outcome !== null &&
        createdType(e.row) === 'company' &&
        (e.name?.toLowerCase() === wanted || noOf(e.outcome)?.toLowerCase() === wanted),
    );
    return hit ? hit.rowNo : null;
  }

  /** Forgets the rows after `rowNo`. */
  forgetAfter(rowNo: number) {
    while (this.rows.length && this.rows[this.rows.length - 1].rowNo > rowNo) {
      const entry = this.rows.pop()!;
      for (const k of entry.keys) if (this.byKey.get(k) === entry) this.byKey.delete(k);
      if (entry.name !== null) this.byName.get(entry.name.toLowerCase())?.pop();
    }
    this.upTo = Math.min(this.upTo, rowNo);
  }
}

/**
 * Whether an update row changes what a match key can find: it gives the contact a No., VAT Registration No. or
 * e-mail other than the one it has (`current`: the contact as the row found it). If not, the contacts the rows
 * after it find are the same as before it (a company's persons inherit only what the company itself changes).
 */
export const changesMatchKeys = (
  data: Record<string, unknown>,
  current: Partial<Record<'no' | 'vatRegistrationNo' | 'email', string | null>>,
): boolean =>
  (['no', 'vatRegistrationNo', 'email'] as const).some(
    (f) => data[f] !== undefined && (data[f] ?? null) !== (current[f] ?? null),
  );

const lookupKey = (v: unknown, vat = false) =>
  typeof v === 'string' && v.trim() !== '' ? (vat ? vatMatchValue(v.trim()) : v.trim()).toLowerCase() : null;
const lookupKeys = (no: unknown, vat: unknown, email: unknown, company?: unknown) =>
  [lookupKey(no), lookupKey(vat, true), lookupKey(email), lookupKey(company)].filter((k): k is string => k !== null);

/**
 * What a row looks contacts up by — the contact it updates (No., VAT Registration No., e-mail) and its company
 * (No.) — compared without case (a VAT no. as `vatMatchValue` reads it): a contact of the chunk not yet stored
 * that has one of these values must be stored before the row is read (`lookupKeysOfContact`), so the row finds
 * it as it would one by one.
 */
export const lookupKeysOfRow = (row: ImportRow): string[] => [
  ...lookupKeys(row.data.no, row.data.vatRegistrationNo, row.data.email, row.codes.company),
  ...[lookupKey(twinNameOf(row))].filter((k): k is string => k !== null),
];

/**
 * The values by which a later row could find the contact `c` (see lookupKeysOfRow; also by its name: a company
 * named in a Company cell, any contact by a row without a match key, `twinNameOf`).
 */
export const lookupKeysOfContact = (c: Record<string, unknown>): string[] => [
  ...lookupKeys(c.no, c.vatRegistrationNo, c.email),
  ...[lookupKey(c.name)].filter((k): k is string => k !== null),
];

/**
 * Whether a spreadsheet would read a cell as a formula: it starts with = or @ (or a tab or carriage return, which
 * Excel skips), or with + or - followed by anything but a phone number or a number ("+32 475 12 34 56", "-12.5").
 */
const looksLikeFormula = (s: string) => /^[=@\t\r]/.test(s) || (/^[+-]/.test(s) && !/^[+-][\d\s()./-]*$/.test(s));

/** One CSV cell: quoted when it holds a separator, quote or line break; a formula-looking cell escaped with '. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'boolean' ? (value ? 'Yes' : 'No') : String(value);
  if (looksLikeFormula(s)) s = `'${s}`;
  return /[",\r\n;\t]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The export's escape of a formula-looking cell ('=…, '@…, '+HYPERLINK…) taken off again on import, so an exported
 * file imports back unchanged ("'s-Gravenwezel" keeps its apostrophe: only what `csvCell` escapes is unescaped).
 */
export const unescapeFormula = (value: string) =>
  value.startsWith("'") && looksLikeFormula(value.slice(1)) ? value.slice(1) : value;

/** A line of cells; comma-separated unless `delimiter` says otherwise (";" for Dutch-language Excel). */
export const csvLine = (values: unknown[], delimiter: CsvDelimiter = ',') =>
  `${values.map(csvCell).join(delimiter)}\r\n`;

export type CsvDelimiter = ',' | ';' | '\t';

/**
 * Option values as Business Central's export writes them, in the export's language: Company / Bedrijf, Yes / Ja,
 * Hard Copy / Afdruk. The import reads each of them back (rowToInput: TYPES, TRUE / FALSE, CORRESPONDENCE).
 */
const OPTION_CAPTIONS: Record<'en' | 'nl', Record<string, string>> = {
  en: { company: 'Company', person: 'Person', hardCopy: 'Hard Copy', email: 'E-Mail', true: 'Yes', false: 'No' },
  nl: { company: 'Bedrijf', person: 'Persoon', hardCopy: 'Afdruk', email: 'E-mail', true: 'Ja', false: 'Nee' },
};
const OPTION_FIELDS = new Set(['type', 'correspondenceType', 'privacyBlocked']);

/** A field's value as an export writes it: option values captioned in the export's language, the rest as stored. */
export const exportValue = (field: string, value: unknown, locale: 'en' | 'nl' = 'en') =>
  OPTION_FIELDS.has(field) && value !== null && value !== undefined
    ? (OPTION_CAPTIONS[locale][String(typeof value === 'number' ? value === 1 : value)] ?? value)
    : value;

/** The byte order mark Excel needs to read UTF-8. */
export const BOM = '\uFEFF';

/** The header line of an export: the Business Central captions. */
export const exportHeader = (fields: readonly string[], locale: 'en' | 'nl' = 'en', delimiter: CsvDelimiter = ',') =>
  csvLine(
    fields.map((f) => fieldLabel(f, locale)),
    delimiter,
  );

/**
 * The most frequent of , ; and tab in the header line, outside quotes (a quoted header may hold a line break);
 * comma when there is none.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  // Character by character from the start (after a byte order mark), so a 50 MB file is not copied to find its header.
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch as CsvDelimiter))
      counts.set(ch as CsvDelimiter, counts.get(ch as CsvDelimiter)! + 1);
  }
  const [best, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
  return n > 0 ? best : ',';
}

/**
 * An uploaded file's text: UTF-16 when it starts with a UTF-16 byte order mark (Excel's "Unicode text"), UTF-8
 * (with or without a byte order mark) when its bytes are UTF-8, otherwise Windows-1252 — what Excel's plain "CSV"
 * format writes on a Belgian or Dutch Windows machine — so "Liège" stays "Liège" (UTF-16 without a byte order mark is
recognised by its NUL bytes, see utf16WithoutBom). A file whose lines are partly
 * UTF-8 and partly not (a row pasted in from another file) is refused: read either way, some of its letters would be
 * garbled (see mixedEncoding).
 */
export function decodeCsvBytes(bytes: Uint8Array): {
  text: string;
  encoding: 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
} {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  if (utf16) {
    try {
      // The decoder drops the byte order mark.
      return { text: new TextDecoder(utf16, { fatal: true }).decode(bytes), encoding: utf16 };
    } catch {
      throw new RuleViolation(
        'This file starts as UTF-16 text (Excel\'s "Unicode text") but is not readable as such. Save it as CSV UTF-8 and upload that.',
        ['file'],
      );
    }
  }
  const guessed = utf16WithoutBom(bytes);
  if (guessed && !signatureKind(bytes)) {
    try {
      const text = new TextDecoder(guessed, { fatal: true }).decode(bytes);
      // Text has no control characters but tab and line breaks; binary data read as UTF-16 has.
      // eslint-disable-next-line no-control-regex
      if (!/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) return { text, encoding: guessed };
    } catch {
      // not UTF-16 after all: binary data
    }
  }
  const kind = binaryKind(bytes);
  if (kind)
    throw new RuleViolation(
      `This file is ${kind}, not a CSV text file. Save it as CSV (in Excel: File → Save As → CSV UTF-8) and upload that.`,
      ['file'],
    );
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    const mixed = mixedEncoding(bytes);
    if (mixed) throw new RuleViolation(mixed, ['file']);
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/**
 * UTF-16 without a byte order mark, as some tools write it: in the first 4 KB every other byte is NUL (the high byte
 * of a Latin letter, digit or separator) and no byte in between is.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  const zeros = [0, 0];
  for (let i = 0; i < n; i += 1) if (bytes[i] === 0) zeros[i % 2] += 1;
  if (zeros[0] === 0 && zeros[1] >= n / 4) return 'utf-16le';
  if (zeros[1] === 0 && zeros[0] >= n / 4) return 'utf-16be';
  return null;
}

/** The length of the valid UTF-8 multi-byte sequence at `i` (2–4), or 0 when there is none. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  const cont = (k: number) => i + k < bytes.length && (bytes[i + k] & 0xc0) === 0x80;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const b1 = bytes[i + 1];
    // No overlong forms (E0 80–9F) and no surrogates (ED A0–BF).
    if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f)) return 0;
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const b1 = bytes[i + 1];
    if ((b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) return 0;
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/**
 * Why a file that is not UTF-8 is nonetheless not one Windows-1252 file, or null when it is: some line holds UTF-8
 * letters (valid multi-byte sequences such as C3 A9, "é", and no byte that is not UTF-8) while another line holds
 * bytes that are not UTF-8. Read as Windows-1252, the first would be garbled ("Café" as "CafÃ©"); read as UTF-8, the
 * second. Judged line by line: in a Windows-1252 file a whole line reads as UTF-8 letters only when each of its
 * accented capitals happens to stand before a symbol such as "©" or "»" (text garbled already), so a real Windows-1252
 * file is not taken for a mixed one. A UTF-8 byte order mark counts as a UTF-8 line.
 */
export function mixedEncoding(bytes: Uint8Array): string | null {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let line = 1;
  let lineStart = bom ? 3 : 0;
  let lineUtf8: number | null = null; // where the line's first multi-byte sequence starts
  let lineBad = false;
  let firstBadLine: number | null = null;
  let example: Utf8Example | null = null;
  const endLine = () => {
    if (lineBad) firstBadLine ??= line;
    else if (lineUtf8 !== null) example ??= { line, at: lineUtf8, start: lineStart };
  };
  for (let i = lineStart; i < bytes.length; i += 1) {
    const b = bytes[i];
    if (b === 0x0a) {
      endLine();
      line += 1;
      lineStart = i + 1;
      lineUtf8 = null;
      lineBad = false;
    } else if (b >= 0x80) {
      const n = utf8SequenceAt(bytes, i);
      if (n) {
        lineUtf8 ??= i;
        i += n - 1;
      } else lineBad = true;
    }
    if (firstBadLine !== null && example !== null) break;
  }
  endLine();
  // Assigned in endLine: TypeScript does not see it there.
  const seen = example as Utf8Example | null;
  if (firstBadLine === null || (seen === null && !bom)) return null;
  if (!seen)
    return `This file mixes two encodings: it starts as UTF-8 (a byte order mark) but line ${firstBadLine} is not UTF-8. Save it again as CSV UTF-8.`;
  return `This file mixes two encodings: line ${firstBadLine} is not UTF-8 while other lines are (e.g. "${wordAt(bytes, seen)}" on line ${seen.line}). Save it again as CSV UTF-8.`;
}

/** A UTF-8 line's first multi-byte sequence: its line number, where it is and where its line starts (byte offsets). */
type Utf8Example = { line: number; at: number; start: number };

/** The word (up to a separator, quote or space) around byte `at` of a UTF-8 line, for a message. */
function wordAt(bytes: Uint8Array, { at, start }: Utf8Example): string {
  const stop = (b: number) =>
    b === 0x0a || b === 0x0d || b === 0x2c || b === 0x3b || b === 0x09 || b === 0x22 || b === 0x20;
  let from = at;
  while (from > start && !stop(bytes[from - 1]) && at - from < 40) from -= 1;
  let to = at;
  while (to < bytes.length && !stop(bytes[to]) && to - at < 40) to += 1;
  return new TextDecoder('utf-8').decode(bytes.subarray(from, to));
}

/** Signatures of the files people upload by mistake instead of their CSV export. */
const SIGNATURES: [bytes: number[], kind: string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'a workbook or another zip archive (.xlsx, .ods)'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an Excel 97–2003 workbook (.xls)'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
];

/** What a binary file is (a NUL byte in its first 4 KB: binary of some kind), or null for text. */
function binaryKind(bytes: Uint8Array): string | null {
  return signatureKind(bytes) ?? (bytes.subarray(0, 4096).includes(0) ? 'binary data' : null);
}

/** The kind of file a known signature at the start says the bytes are (a workbook, a PDF), or null. */
const signatureKind = (bytes: Uint8Array) =>
  SIGNATURES.find(([sig]) => sig.every((b, i) => bytes[i] === b))?.[1] ?? null;

/**
 * The header line's column names as records are keyed: trimmed, the nameless columns at the end left out (Excel
 * writes "Name;Type;City;" once a cell right of the data was touched; their cells must be empty, see checkRowCells),
 * and a name that comes again numbered ("City", "City (2)"), so each column can be mapped or skipped on its own.
 * A nameless column before a named one is refused.
 */
export function readHeaders(cells: string[]): string[] {
  const names = cells.map((c) => c.trim());
  while (names.length && names[names.length - 1] === '') names.pop();
  const taken = new Set(names);
  const seen = new Set<string>();
  return names.map((h, i) => {
    if (!h)
      throw new RuleViolation(
        `Column ${i + 1} of the header line has no name; name every column (only columns at the end may go without a name, when their cells are empty).`,
        ['file'],
      );
    // A record is keyed by the column names: this one would be an object's prototype, not a column.
    if (h === '__proto__') throw new RuleViolation('A column may not be named "__proto__"; rename it.', ['file']);
    let name = h;
    for (let n = 2; seen.has(name); n += 1) {
      name = `${h} (${n})`;
      if (taken.has(name)) name = h; // "City (2)" is a column of its own: try the next number
    }
    seen.add(name);
    return name;
  });
}

/**
 * A data line may have more cells than the header has named columns only when those cells are empty (the trailing
 * separators Excel writes); fewer: the missing cells are blank.
 */
export function checkRowCells(rowNo: number, cells: string[], columns: number) {
  for (let i = columns; i < cells.length; i += 1)
    if (cells[i].trim() !== '') {
      const value = cells[i].trim();
      throw new RuleViolation(
        `Row ${rowNo} has a value in column ${i + 1} ("${previewText(value, 40)}"), but the header line names only ${columns} columns; name that column in the header line or empty the cell.`,
        ['file'],
      );
    }
}

/**
 * Where the header line starts: after a byte order mark, Excel's "sep=;" line (which names the separator) and
 * blank lines (also lines of separators only, an empty spreadsheet row), in any order: a "sep=" line after blank
 * lines still names the separator (it was read as the header line). `lines`: how many lines come before it.
 */
export function csvStart(text: string): { start: number; lines: number; delimiter: CsvDelimiter | null } {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lines = 0;
  let delimiter: CsvDelimiter | null = null;
  const SEPARATORS: Record<string, CsvDelimiter> = { ',': ',', ';': ';', '\t': '\t' };
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) break;
    const line = text.slice(start, nl).replace(/\r$/, '');
    const sep = delimiter === null ? /^sep=(.*)$/i.exec(line) : null;
    if (sep) {
      delimiter = SEPARATORS[sep[1]] ?? null;
      if (!delimiter)
        throw new RuleViolation(
          `${lines === 0 ? 'The first line' : `Line ${lines + 1}`} "${line}" names a separator this import does not read; use a comma, semicolon or tab.`,
          ['file'],
        );
    } else if (!/^[\s,;]*$/.test(line)) break;
    start = nl + 1;
    lines += 1;
  }
  return { start, lines, delimiter };
}

/**
 * The line on which a quote that is never closed opens (csv-parse names the file's last line), or null. Quotes are
 * followed as CSV has them: a quote opens a cell, a doubled quote inside it is a quote, the next single one closes it.
 */
export function unclosedQuoteLine(text: string): number | null {
  let line = 1;
  let openedAt: number | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0a) line += 1;
    else if (ch === 0x22) openedAt = openedAt === null ? line : null;
  }
  return openedAt;
}

/**
 * An update row's data without the value it found its contact by, when that is the contact's own value written
 * another way ("be0456789123" for "BE 0456.789.123", an e-mail in capitals): the match does not rewrite the
 * stored form (nor, for a company's e-mail, the e-mail of every person who inherits it).
 */
export function withoutMatchedKey(
  data: Record<string, unknown>,
  key: MatchKey,
  found: Partial<Record<'no' | 'vatRegistrationNo' | 'email', string | null>>,
): Record<string, unknown> {
  if (!key || key.field === 'no') return data;
  const stored = found[key.field];
  // An e-mail found among the several addresses of the contact's field is its own too: the row does not replace them.
  const same =
    typeof stored === 'string' &&
    (key.field === 'email'
      ? stored.toLowerCase() === key.value.toLowerCase() ||
        addressesOfField(stored).includes(normaliseAddress(key.value) ?? '')
      : vatMatchValue(stored) === key.value);
  if (!same || !(key.field in data)) return data;
  const { [key.field]: _matched, ...rest } = data;
  return rest;
}

/**
 * The type a row stands for: its Type cell; else a person when it names a company, or gives a first name or
 * surname and no name (a list of people: First Name, Surname, E-Mail); else none (a new contact gets the default).
 */
export function rowType(row: ImportRow): 'company' | 'person' | undefined {
  const { data, codes } = row;
  if (data.type === 'company' || data.type === 'person') return data.type;
  if (codes.company !== undefined) return 'person';
  if ((data.firstName !== undefined || data.surname !== undefined) && data.name === undefined) return 'person';
  return undefined;
}

/**
 * The contact a row updates among those with its match key (persons who share their company's e-mail are not
 * among them: the e-mail is the company's): none (a new contact), one, or refused when ambiguous. A row of a type
 * (`rowType`) only matches a contact of that type by VAT no. or e-mail: a person listed with the company's
 * mailbox or VAT no. is another contact, not the company to be turned into a person. (A No. names the contact
 * itself: a row that gives it another Type changes the type, under the type-change rules.)
 */
export function pickMatch<T extends { type?: string | null }>(key: MatchKey, found: T[], type?: unknown): T | null {
  if (!key || !found.length) return null;
  if (key.field !== 'no' && (type === 'company' || type === 'person')) {
    const ofType = found.filter((c) => c.type === type);
    if (ofType.length <= 1) return ofType[0] ?? null;
    found = ofType;
  }
  if (found.length > 1)
    throw new RuleViolation(
      `More than one contact has ${fieldLabel(key.field)} "${key.value}"; give the No. of the one to update.`,
      [key.field],
    );
  return found[0];
}

/** A code of the file that names no record. */
export const unknownCode = (field: CodeRelation, code: string) =>
  new RuleViolation(`${fieldLabel(field)} "${code}" does not exist.`, [field]);

/**
 * The record a code cell names among those whose code it is without case (`records`): the one written exactly as
 * the cell, else the one alone; several that differ only in case and none exactly the cell's: refused, naming them
 * (an exported `ab` beside `AB` must come back as `ab`, never as the other). None: null.
 */
export function pickByCode(
  field: CodeRelation,
  code: string,
  records: readonly { documentId: string; code: string }[],
): string | null {
  const exact = records.find((r) => r.code === code);
  if (exact) return exact.documentId;
  if (records.length <= 1) return records[0]?.documentId ?? null;
  const codes = records.map((r) => r.code).join(', ');
  throw new RuleViolation(
    `${fieldLabel(field)} "${code}" could be ${codes}: these codes differ only in case. Write the code as it is stored.`,
    [field],
  );
}

/** A Company No. that names no contact. */
export const unknownCompany = (no: string) =>
  new RuleViolation(`${fieldLabel('company')} "${no}" does not exist (give the company's No.).`, ['company']);

/**
 * The company a row names when no contact has the cell as its No.: the one company with that name (a hand-made
 * file's Company column holds names). Two companies of that name: refused, never guessed.
 */
export function companyNamed<T>(cell: string, byName: T[]): T | null {
  if (byName.length > 1)
    throw new RuleViolation(
      `More than one company is named "${cell}"; give the company's No. in the ${fieldLabel('company')} column instead.`,
      ['company'],
    );
  return byName[0] ?? null;
}

/**
 * The write's data once the row's relations are resolved: a row that names a company and gives no type is
 * a person. (Whether the company is a company is the contact write rule's to decide.)
 */
export function withRelations(
  data: Record<string, unknown>,
  relations: Partial<Record<CodeRelation | 'company', string>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data, ...relations };
  if (relations.company !== undefined && out.type === undefined) out.type = 'person';
  return out;
}

/**
 * Whether an update row changes nothing: every value it sets is the contact's own (`current`: its stored values,
 * its relations as document ids). Such a row is reported "unchanged" and not written — no updatedAt, no webhook, no
 * duplicate search — so importing a file twice, or an export back, rewrites nothing. A value the contact holds in
 * another form ("jan@X.be" for "jan@x.be", another way of writing a phone number) counts as a change: the row is
 * written and the write rules decide what is stored.
 */
export function unchangedBy(data: Record<string, unknown>, current: Record<string, unknown>): boolean {
  return Object.entries(data).every(([field, sent]) => {
    const stored = current[field];
    // A flag is stored as true / false, 1 / 0 (SQLite) or not at all (false).
    if (typeof sent === 'boolean') return sent === Boolean(stored);
    return stored !== null && stored !== undefined && String(stored) === String(sent);
  });
}

/** What a row came to: written (created or updated), or matched to a contact whose values it already has. */
export type RowWritten = 'created' | 'updated' | 'unchanged';

/** What a dry run reports for a row the run would write: a written row with duplicates is a possible duplicate. */
export const dryRunOutcome = (written: RowWritten, duplicates: number) =>
  duplicates > 0 ? ('possibleDuplicate' as const) : written;

export type ImportState = 'running' | 'done' | 'failed' | 'cancelled';

/** The job's progress: how far the cursor is and what the rows before it came to. */
export interface ImportCounts {
  cursor: number;
  processed: number;
  created: number;
  updated: number;
  /** Rows that matched a contact and would have changed none of its values: not written. */
  unchanged: number;
  failed: number;
}

export interface ImportJobStatus extends ImportCounts {
  id: number;
  state: ImportState;
  fileName: string | null;
  total: number;
  createdAt: string | null;
  finishedAt: string | null;
  error: string | null;
  /** The running import this one waits for (import jobs run one at a time); null: it runs, or it is over. */
  waitingFor: number | null;
}

/** The one import a job waits for: `ahead` (the import that has begun) when the job has not begun itself. */
export const waitingFor = (job: { id: number; state: ImportState; cursor: number }, ahead: number | null) =>
  job.state === 'running' && job.cursor === 0 && ahead !== null && ahead !== job.id ? ahead : null;

/** One row of a chunk, done: written (created / updated, with the contact's No.), unchanged, or refused with the rule's message. */
export interface RowDone {
  rowNo: number;
  outcome: RowWritten | 'failed';
  contactNo: string | null;
  error: string | null;
}

/** The job's counts after a chunk: the cursor past its last row, each outcome counted. */
export function advance(before: ImportCounts, done: RowDone[]): ImportCounts {
  const n = (o: RowDone['outcome']) => done.filter((d) => d.outcome === o).length;
  return {
    cursor: done.length ? done[done.length - 1].rowNo : before.cursor,
    processed: before.processed + done.length,
    created: before.created + n('created'),
    updated: before.updated + n('updated'),
    unchanged: before.unchanged + n('unchanged'),
    failed: before.failed + n('failed'),
  };
}

/** A chunk that reached the row count, or read fewer rows than it asked for, was the last one. */
export const isLastChunk = (cursor: number, read: number, total: number, size: number) =>
  cursor + read >= total || read < size;

/** A running job whose heartbeat is older than `staleMs` was left by a stopped instance (no heartbeat: stale). */
export const isStale = (heartbeatAt: string | null, now: number, staleMs: number) =>
  now - (heartbeatAt ? Date.parse(heartbeatAt) : 0) > staleMs;

/** The refused rows as CSV: the file's own columns, then the row number and the reason. */
export function errorsCsv(
  headers: string[],
  rows: { rowNo: number; cells: Record<string, string>; error: string | null }[],
  delimiter: CsvDelimiter = ',',
): string {
  let out = BOM + csvLine([...headers, 'Row', 'Error'], delimiter);
  for (const r of rows) out += csvLine([...headers.map((h) => r.cells[h] ?? ''), r.rowNo, r.error], delimiter);
  return out;
}
