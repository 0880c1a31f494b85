/**
 * English labels and hints of the interaction document kinds (the kinds and their groups come from
 * shared/contracts/interactions.ts; the translations live in translations/{en,nl}.json under
 * `interactions.kind.<kind>`).
 */
import { DOCUMENT_KINDS, KIND_GROUPS as GROUPED } from '../../../../shared/contracts/interactions';

/** The groups in the order of Business Central's Interaction Template Setup page. */
export const KIND_GROUPS = (['general', 'sales', 'purchases'] as const).map((group) => ({
  group,
  kinds: GROUPED[group] as string[],
}));

export const KNOWN_KINDS: readonly string[] = DOCUMENT_KINDS;

export const KIND_LABELS: Record<string, string> = {
  emails: 'E-mails',
  emailDrafts: 'E-mail drafts',
  coverSheets: 'Cover sheets',
  outgoingCalls: 'Outgoing calls',
  meetingInvitations: 'Meeting invitations',
  salesQuotes: 'Sales quotes',
  salesBlanketOrders: 'Sales blanket orders',
  salesOrderConfirmations: 'Sales order confirmations',
  salesInvoices: 'Sales invoices',
  salesDraftInvoices: 'Sales draft invoices',
  salesShipmentNotes: 'Sales shipment notes',
  salesCreditMemos: 'Sales credit memos',
  salesStatements: 'Sales statements',
  salesReminders: 'Sales reminders',
  salesReturnOrders: 'Sales return orders',
  salesReturnReceipts: 'Sales return receipts',
  salesFinanceChargeMemos: 'Sales finance charge memos',
  purchaseQuotes: 'Purchase quotes',
  purchaseBlanketOrders: 'Purchase blanket orders',
  purchaseOrders: 'Purchase orders',
  purchaseInvoices: 'Purchase invoices',
  purchaseReceipts: 'Purchase receipts',
  purchaseCreditMemos: 'Purchase credit memos',
  purchaseReturnOrders: 'Purchase return orders',
  purchaseReturnShipments: 'Purchase return shipments',
};

/** One line per kind: when an interaction of that kind is recorded. */
export const KIND_HINTS: Record<string, string> = {
  emails: 'Recorded for every e-mail logged with a contact.',
  emailDrafts: 'Recorded when an e-mail to a contact is saved as a draft.',
  coverSheets: 'Recorded when a cover sheet is sent to a contact.',
  outgoingCalls: 'Recorded when someone calls a contact from the admin.',
  meetingInvitations: 'Recorded when a contact is invited to a meeting.',
  salesQuotes: 'Recorded when a sales quote is sent to a contact.',
  salesBlanketOrders: 'Recorded when a blanket sales order is sent.',
  salesOrderConfirmations: 'Recorded when an order confirmation is sent.',
  salesInvoices: 'Recorded when a sales invoice is sent.',
  salesDraftInvoices: 'Recorded when a draft invoice is sent for review.',
  salesShipmentNotes: 'Recorded when a shipment note is sent.',
  salesCreditMemos: 'Recorded when a sales credit memo is sent.',
  salesStatements: 'Recorded when a customer statement is sent.',
  salesReminders: 'Recorded when a payment reminder is sent.',
  salesReturnOrders: 'Recorded when a sales return order is sent.',
  salesReturnReceipts: 'Recorded when a return receipt is sent.',
  salesFinanceChargeMemos: 'Recorded when a finance charge memo is sent.',
  purchaseQuotes: 'Recorded when a request for quote is sent to a vendor.',
  purchaseBlanketOrders: 'Recorded when a blanket purchase order is sent.',
  purchaseOrders: 'Recorded when a purchase order is sent to a vendor.',
  purchaseInvoices: 'Recorded when a purchase invoice is registered.',
  purchaseReceipts: 'Recorded when goods from a vendor are received.',
  purchaseCreditMemos: 'Recorded when a purchase credit memo is registered.',
  purchaseReturnOrders: 'Recorded when a purchase return order is sent.',
  purchaseReturnShipments: 'Recorded when goods are shipped back to a vendor.',
};
