/**
 * Contacts as CSV: a UTF-8 byte order mark (Excel), the Business Central captions as header, then one line
 * per contact, read in pages by id (keyset) so a large export streams in constant memory. Relations are
 * written as the code of the record (the company as its No.), as an import reads them back.
 */
import { Readable } from 'stream';
import type { Core } from '@strapi/strapi';
import { BOM, CODE_RELATIONS, csvLine, exportHeader } from '../domain/contact-csv';
import { UID } from '../utils/uids';

const PAGE = 500;

export interface ExportQuery {
  /** Filters in Strapi's syntax, already narrowed to what the user may read. */
  filters: Record<string, unknown>[];
  fields: readonly string[];
  locale?: 'en' | 'nl';
}

export function exportContacts(strapi: Core.Strapi, query: ExportQuery): Readable {
  const relations = query.fields.filter((f) => f === 'company' || f in CODE_RELATIONS);
  const scalars = query.fields.filter((f) => !relations.includes(f));
  const populate = Object.fromEntries(relations.map((f) => [f, { fields: [f === 'company' ? 'no' : 'code'] }]));
  const cell = (c: any, f: string) => {
    if (f === 'company') return c.type === 'person' ? (c.company?.no ?? '') : '';
    if (relations.includes(f)) return c[f]?.code ?? '';
    return c[f];
  };
  async function* lines() {
    yield BOM + exportHeader(query.fields, query.locale);
    let lastId = 0;
    for (;;) {
      const page: any[] = await strapi.documents(UID.contact).findMany({
        filters: { $and: [...query.filters, { id: { $gt: lastId } }] } as any,
        fields: ['id', 'type', ...scalars] as any,
        populate: populate as any,
        sort: 'id:asc',
        limit: PAGE,
      } as any);
      if (!page.length) return;
      let chunk = '';
      for (const c of page) chunk += csvLine(query.fields.map((f) => cell(c, f)));
      yield chunk;
      lastId = page[page.length - 1].id;
      if (page.length < PAGE) return;
    }
  }
  return Readable.from(lines());
}
