/**
 * Contacts as CSV: a UTF-8 byte order mark (Excel), the Business Central captions as header, then one line
 * per contact, read in pages by id (keyset) so a large export streams in constant memory. Relations are
 * written as the code of the record (the company as its No.), as an import reads them back.
 */
import { Readable } from 'stream';
import type { Core, Modules } from '@strapi/strapi';
import { BOM, CODE_RELATIONS, csvLine, exportHeader, exportValue, type CsvDelimiter } from '../domain/contact-csv';

const PAGE = 500;
const CONTACT = 'plugin::marketing-setup.contact';

/** A filter on contacts in Strapi's syntax (the document service's type for the contact). */
export type ContactFilter = Modules.Documents.Params.Filters.Any<typeof CONTACT>;

/** A contact as a page of the export reads it: scalars, relations as { no } or { code }. */
type ExportedContact = Record<string, unknown> & { id: number; type?: string };

export interface ExportQuery {
  /** Filters in Strapi's syntax, already narrowed to what the user may read. */
  filters: ContactFilter[];
  /** The list view's search text (`_q`), searched as the Content Manager searches it. */
  search?: string;
  fields: readonly string[];
  locale?: 'en' | 'nl';
  /** The separator of the cells (default comma). */
  delimiter?: CsvDelimiter;
}

export function exportContacts(strapi: Core.Strapi, query: ExportQuery): Readable {
  const relations = query.fields.filter((f) => f === 'company' || f in CODE_RELATIONS);
  const scalars = query.fields.filter((f) => !relations.includes(f));
  const populate = Object.fromEntries(relations.map((f) => [f, { fields: [f === 'company' ? 'no' : 'code'] }]));
  const cell = (c: ExportedContact, f: string) => {
    const related = c[f] as { no?: string; code?: string } | null | undefined;
    if (f === 'company') return c.type === 'person' ? (related?.no ?? '') : '';
    if (relations.includes(f)) return related?.code ?? '';
    return exportValue(f, c[f], query.locale);
  };
  async function* lines() {
    yield BOM + exportHeader(query.fields, query.locale, query.delimiter);
    let lastId = 0;
    for (;;) {
      const page = (await strapi.documents(CONTACT).findMany({
        filters: { $and: [...query.filters, { id: { $gt: lastId } }] },
        ...(query.search ? { _q: query.search } : {}),
        // The columns are chosen at run time; Strapi's types want them as literal attribute names.
        fields: ['id', 'type', ...scalars] as Modules.Documents.Params.Fields.Any<typeof CONTACT>,
        populate,
        sort: 'id:asc',
        limit: PAGE,
      })) as ExportedContact[];
      if (!page.length) return;
      let chunk = '';
      for (const c of page)
        chunk += csvLine(
          query.fields.map((f) => cell(c, f)),
          query.delimiter,
        );
      yield chunk;
      lastId = page[page.length - 1].id;
      if (page.length < PAGE) return;
    }
  }
  return Readable.from(lines());
}
