/**
 * The document kinds of interaction logging, shared by the server (domain/interactions.ts: templates,
 * entries, validation) and the admin (the template setup and rule pages show them in these groups).
 */

/**
 * The built-in kinds an interaction can be recorded for: one template per kind in the interaction
 * template setup (reference §6.3; the service-management kinds are left out, there is no service module).
 */
export const DOCUMENT_KINDS = [
  'emails',
  'emailDrafts',
  'coverSheets',
  'outgoingCalls',
  'meetingInvitations',
  'salesQuotes',
  'salesBlanketOrders',
  'salesOrderConfirmations',
  'salesInvoices',
  'salesShipmentNotes',
  'salesCreditMemos',
  'salesStatements',
  'salesReminders',
  'salesReturnOrders',
  'salesReturnReceipts',
  'salesFinanceChargeMemos',
  'salesDraftInvoices',
  'purchaseQuotes',
  'purchaseBlanketOrders',
  'purchaseOrders',
  'purchaseInvoices',
  'purchaseReceipts',
  'purchaseCreditMemos',
  'purchaseReturnOrders',
  'purchaseReturnShipments',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const isDocumentKind = (v: unknown): v is DocumentKind => (DOCUMENT_KINDS as readonly unknown[]).includes(v);

/** The kinds grouped as the setup page groups them. */
export const KIND_GROUPS: Record<'general' | 'sales' | 'purchases', DocumentKind[]> = {
  general: DOCUMENT_KINDS.filter((k) => !k.startsWith('sales') && !k.startsWith('purchase')),
  sales: DOCUMENT_KINDS.filter((k) => k.startsWith('sales')),
  purchases: DOCUMENT_KINDS.filter((k) => k.startsWith('purchase')),
};
