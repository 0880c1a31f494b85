/**
 * The host app's demo documents (sales quote, sales invoice, purchase order): plain Strapi content types
 * of the app, not of the plugin, so they show what auto-recording rules do for any content type. Each
 * has a number, a customer or vendor (the plugin's), an optional contact person, a description, a date
 * and an amount. One schema builder, so the three differ only where documents really differ.
 */
const PLUGIN = 'plugin::marketing-setup';

interface DocumentType {
  singularName: string;
  pluralName: string;
  displayName: string;
  party: 'customer' | 'vendor';
  /** A purchase order is drafted, then published (sent to the vendor); quotes and invoices are saved once. */
  draftAndPublish?: boolean;
}

export const documentSchema = ({ singularName, pluralName, displayName, party, draftAndPublish = false }: DocumentType) => ({
  kind: 'collectionType',
  collectionName: singularName.replace(/-/g, '_') + 's',
  info: { singularName, pluralName, displayName, description: `Demo ${displayName.toLowerCase()} (auto-recorded as an interaction).` },
  options: { draftAndPublish },
  pluginOptions: { i18n: { localized: false } },
  attributes: {
    number: { type: 'string', required: true, maxLength: 20 },
    [party]: { type: 'relation', relation: 'manyToOne', target: `${PLUGIN}.${party}` },
    contactPerson: { type: 'relation', relation: 'manyToOne', target: `${PLUGIN}.contact` },
    description: { type: 'string', maxLength: 100 },
    date: { type: 'date' },
    amount: { type: 'decimal' },
  },
});

/** The demo document types and the rule each gets by default (seeded when no rule exists). */
export const DEMO_DOCUMENTS = [
  { uid: 'api::sales-quote.sales-quote', party: 'customer', documentKind: 'salesQuotes', events: ['create'] },
  { uid: 'api::sales-invoice.sales-invoice', party: 'customer', documentKind: 'salesInvoices', events: ['create'] },
  { uid: 'api::purchase-order.purchase-order', party: 'vendor', documentKind: 'purchaseOrders', events: ['publish'] },
] as const;
