import {
  buildRecordInput,
  eventsOf,
  missingTemplateMessage,
  rulesFor,
  textOf,
  usableFields,
  validateRule,
  type ContentTypeDescription,
  type RuleDraft,
} from '../../src/plugins/marketing-setup/server/src/domain/auto-recording';
import { RuleViolation } from '../../src/plugins/marketing-setup/server/src/domain/errors';

const P = 'plugin::marketing-setup';
const quote: ContentTypeDescription = {
  uid: 'api::sales-quote.sales-quote',
  displayName: 'Sales Quote',
  draftAndPublish: false,
  attributes: {
    number: { type: 'string' },
    customer: { type: 'relation', relation: 'manyToOne', target: `${P}.customer` },
    vendor: { type: 'relation', relation: 'manyToOne', target: `${P}.vendor` },
    contactPerson: { type: 'relation', relation: 'manyToOne', target: `${P}.contact` },
    watchers: { type: 'relation', relation: 'manyToMany', target: `${P}.contact` },
    salesperson: { type: 'relation', relation: 'manyToOne', target: `${P}.salesperson` },
    description: { type: 'text' },
    lineNo: { type: 'integer' },
    amount: { type: 'decimal' },
    date: { type: 'date' },
  },
};
const order = {
  ...quote,
  uid: 'api::purchase-order.purchase-order',
  displayName: 'Purchase Order',
  draftAndPublish: true,
};
const rule = (extra: Partial<RuleDraft> = {}): RuleDraft => ({
  contentType: quote.uid,
  events: ['create'],
  documentKind: 'salesQuotes',
  contactField: 'customer',
  ...extra,
});
const violation = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof RuleViolation) return { message: e.message, path: e.path };
    throw e;
  }
  throw new Error('no RuleViolation');
};

describe('usableFields', () => {
  test('to-one relations to contact / customer / vendor serve as contact (a contact also as contact person); text and whole numbers as number / description', () => {
    expect(usableFields(quote)).toEqual([
      { name: 'number', type: 'string', usableAs: ['documentNo', 'description'] },
      { name: 'customer', type: 'relation', target: `${P}.customer`, usableAs: ['contact'] },
      { name: 'vendor', type: 'relation', target: `${P}.vendor`, usableAs: ['contact'] },
      { name: 'contactPerson', type: 'relation', target: `${P}.contact`, usableAs: ['contact', 'contactPerson'] },
      { name: 'description', type: 'text', usableAs: ['documentNo', 'description'] },
      { name: 'lineNo', type: 'integer', usableAs: ['documentNo'] },
    ]);
  });
});

describe('validateRule', () => {
  test('a valid rule: events come back unique, in the order create, update, publish', () => {
    expect(validateRule(rule({ events: ['update', 'create', 'update'] }), quote)).toEqual(['create', 'update']);
    expect(
      validateRule(
        rule({
          events: ['publish'],
          documentKind: null,
          interactionTemplate: 7,
          contactPersonField: 'contactPerson',
          documentNoField: 'number',
          descriptionField: 'description',
        }),
        order,
      ),
    ).toEqual(['publish']);
  });
  test.each([
    [{ contentType: null }, null, 'Choose the content type the rule listens to.', 'contentType'],
    [
      { contentType: 'api::gone.gone' },
      null,
      'There is no content type api::gone.gone in this application.',
      'contentType',
    ],
    [{ events: 'create' }, quote, 'Choose at least one event: create, update or publish.', 'events'],
    [{ events: ['create', 'remove'] }, quote, 'Unknown event "remove": use create, update or publish.', 'events'],
    [
      { events: ['publish'] },
      quote,
      'Sales Quote has no draft & publish, so its entries are never published: choose create or update.',
      'events',
    ],
    [
      { documentKind: null, interactionTemplate: null },
      quote,
      'Choose an interaction template or a document kind (whose template is taken from the Interaction Template Setup).',
      'interactionTemplate',
    ],
    [
      { contactField: '' },
      quote,
      'Choose the field of Sales Quote that holds the contact, customer or vendor.',
      'contactField',
    ],
    [{ contactField: 'client' }, quote, 'Sales Quote has no field "client".', 'contactField'],
    [
      { contactField: 'salesperson' },
      quote,
      'The field "salesperson" of Sales Quote cannot be used here: choose a relation (to one) to a contact, customer or vendor.',
      'contactField',
    ],
    [
      { contactField: 'watchers' },
      quote,
      'The field "watchers" of Sales Quote cannot be used here: choose a relation (to one) to a contact, customer or vendor.',
      'contactField',
    ],
    [
      { contactPersonField: 'vendor' },
      quote,
      'The field "vendor" of Sales Quote cannot be used here: choose a relation (to one) to a contact.',
      'contactPersonField',
    ],
    [
      { documentNoField: 'amount' },
      quote,
      'The field "amount" of Sales Quote cannot be used here: choose a text or whole-number field.',
      'documentNoField',
    ],
    [
      { descriptionField: 'lineNo' },
      quote,
      'The field "lineNo" of Sales Quote cannot be used here: choose a text field.',
      'descriptionField',
    ],
  ])('%j is refused', (change, ct, message, path) => {
    expect(
      violation(() => validateRule(rule(change as Partial<RuleDraft>), ct as ContentTypeDescription | null)),
    ).toEqual({ message, path: [path] });
  });
});

describe('eventsOf / rulesFor', () => {
  test('create, update and publish fire their event; a create or update that publishes a draft & publish type also fires publish', () => {
    expect(eventsOf('create', {}, false)).toEqual(['create']);
    expect(eventsOf('update', { status: 'published' }, false)).toEqual(['update']);
    expect(eventsOf('create', { status: 'published' }, true)).toEqual(['create', 'publish']);
    expect(eventsOf('create', { status: 'draft' }, true)).toEqual(['create']);
    expect(eventsOf('publish', {}, true)).toEqual(['publish']);
    expect(eventsOf('delete', {}, true)).toEqual([]);
    expect(eventsOf('findMany', undefined, false)).toEqual([]);
  });
  test('a rule fires once when any of its events fired; disabled rules never', () => {
    const rules = [
      { id: 1, events: ['create', 'publish'], enabled: true },
      { id: 2, events: ['update'], enabled: true },
      { id: 3, events: ['create'], enabled: false },
    ];
    expect(rulesFor(rules, ['create', 'publish']).map((r) => r.id)).toEqual([1]);
    expect(rulesFor(rules, ['update']).map((r) => r.id)).toEqual([2]);
    expect(rulesFor(rules, [])).toEqual([]);
  });
});

describe('contact and record input', () => {
  test("number and description from the document; blank description → null (the template's is used)", () => {
    const doc = { documentId: 'q1', number: 'SQ1001', description: '   ', lineNo: 7 };
    expect(
      buildRecordInput(
        { documentKind: 'salesQuotes', documentNoField: 'number', descriptionField: 'description' },
        doc,
        { uid: quote.uid, contactId: 5, templateId: 9 },
      ),
    ).toEqual({
      contactId: 5,
      templateId: 9,
      documentKind: 'salesQuotes',
      documentNo: 'SQ1001',
      description: null,
      sourceUid: quote.uid,
      sourceDocumentId: 'q1',
    });
    expect(
      buildRecordInput({ documentNoField: 'lineNo' }, doc, { uid: quote.uid, contactId: 5, templateId: 9 }),
    ).toMatchObject({ documentKind: null, documentNo: '7', description: null });
  });
  test("text is trimmed and cut to the entry field's length", () => {
    expect(textOf('  Printers  ', 100)).toBe('Printers');
    expect(textOf('x'.repeat(120), 100)).toHaveLength(100);
    expect(textOf(null, 10)).toBeNull();
  });
  test('the message of a required rule names the kind, or the missing template', () => {
    expect(missingTemplateMessage('Sales Quote', 'salesQuotes')).toMatch(
      /no interaction template is set for the document kind "salesQuotes"/,
    );
    expect(missingTemplateMessage('Sales Quote', null)).toMatch(/the rule's interaction template no longer exists/);
  });
});
