import { DOCUMENT_KINDS, KIND_GROUPS } from '../../src/plugins/marketing-setup/shared/contracts/interactions';
import {
  assertEntryValues,
  assertTemplateValues,
  isIsoDate,
  normalizeTime,
  pagination,
  parseTimelineQuery,
  withTemplateDefaults,
  type TemplateValues,
  applyEntryDefaults,
  assertEntryContact,
  entryDataOf,
} from '../../src/plugins/marketing-setup/server/src/domain/interactions';

const OUTCALL: TemplateValues = {
  id: 7,
  description: 'Outgoing call',
  unitCost: '2.50',
  unitDurationMin: 5,
  informationFlow: 'outbound',
  initiatedBy: 'us',
  correspondenceType: 'email',
  ignoreContactCorrespondenceType: false,
  groupId: 3,
};
const violation = (fn: () => unknown) => {
  try {
    fn();
  } catch (e: any) {
    return `${e.name}: ${e.message} [${e.path?.join('.')}]`;
  }
  return 'no violation';
};

describe('template defaults', () => {
  test('no values given: cost 2.50, duration 5, outbound, us, group, description, correspondence from the template', () => {
    expect(withTemplateDefaults({}, OUTCALL)).toEqual({
      description: 'Outgoing call',
      cost: 2.5,
      durationMin: 5,
      informationFlow: 'outbound',
      initiatedBy: 'us',
      correspondenceType: 'email',
      interactionGroup: 3,
    });
  });
  test("explicit values win, including a cost of 0; blank description takes the template's", () => {
    expect(
      withTemplateDefaults(
        {
          cost: 0,
          durationMin: 12,
          informationFlow: 'inbound',
          initiatedBy: 'them',
          description: '',
          interactionGroup: 9,
        },
        OUTCALL,
      ),
    ).toMatchObject({
      cost: 0,
      durationMin: 12,
      informationFlow: 'inbound',
      initiatedBy: 'them',
      description: 'Outgoing call',
      interactionGroup: 9,
    });
  });
  test("correspondence type: the contact's unless the template ignores it", () => {
    expect(withTemplateDefaults({}, OUTCALL, 'hardCopy').correspondenceType).toBe('hardCopy');
    expect(
      withTemplateDefaults({}, { ...OUTCALL, ignoreContactCorrespondenceType: true }, 'hardCopy').correspondenceType,
    ).toBe('email');
  });
  test('without a template: zero cost and duration, nothing else', () => {
    expect(withTemplateDefaults({}, null)).toEqual({
      description: null,
      cost: 0,
      durationMin: 0,
      informationFlow: null,
      initiatedBy: null,
      correspondenceType: null,
      interactionGroup: null,
    });
  });
});

describe('value checks', () => {
  test('negative or non-numeric cost and duration are refused with the field', () => {
    expect(violation(() => assertEntryValues({ cost: -0.01 }))).toBe('RuleViolation: Cost cannot be negative. [cost]');
    expect(violation(() => assertEntryValues({ durationMin: 'abc' }))).toBe(
      'RuleViolation: Duration must be a number. [durationMin]',
    );
    expect(violation(() => assertTemplateValues({ unitDurationMin: -5 }))).toBe(
      'RuleViolation: Unit duration cannot be negative. [unitDurationMin]',
    );
    expect(violation(() => assertEntryValues({ cost: 0, durationMin: '2.5' }))).toBe('no violation');
  });
  test('enumerations, dates and times', () => {
    expect(violation(() => assertEntryValues({ informationFlow: 'sideways' }))).toBe(
      'RuleViolation: Information flow must be one of: inbound, outbound. [informationFlow]',
    );
    expect(violation(() => assertEntryValues({ documentKind: 'faxes' }))).toMatch(
      /^RuleViolation: Document kind must be one of: emails, emailDrafts/,
    );
    expect(violation(() => assertEntryValues({ date: '2023-02-29' }))).toBe(
      'RuleViolation: Date "2023-02-29" is not a date (use YYYY-MM-DD). [date]',
    );
    expect(violation(() => assertEntryValues({ date: '2024-02-29', time: '23:59:59.5' }))).toBe('no violation');
    expect(violation(() => assertEntryValues({ time: '24:00' }))).toBe(
      'RuleViolation: Time "24:00" is not a time of day (use HH:MM or HH:MM:SS). [time]',
    );
  });
  test('isIsoDate and normalizeTime', () => {
    expect(['2024-01-31', '2024-1-31', '2024-04-31', '31-01-2024', 20240131].map(isIsoDate)).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(['10:15', '10:15:30', '10:15:30.5'].map(normalizeTime)).toEqual([
      '10:15:00.000',
      '10:15:30.000',
      '10:15:30.500',
    ]);
  });
});

describe('timeline query', () => {
  test('defaults: page 1 of 25, no filters', () => {
    expect(parseTimelineQuery({})).toEqual({
      page: 1,
      pageSize: 25,
      from: null,
      to: null,
      template: null,
      direction: null,
    });
  });
  test('all filters', () => {
    expect(
      parseTimelineQuery({
        page: '3',
        pageSize: '10',
        from: '2024-01-01',
        to: '2024-12-31',
        template: 'OUTCALL',
        direction: 'inbound',
      }),
    ).toEqual({
      page: 3,
      pageSize: 10,
      from: '2024-01-01',
      to: '2024-12-31',
      template: 'OUTCALL',
      direction: 'inbound',
    });
  });
  test('bad values and unknown parameters', () => {
    expect(violation(() => parseTimelineQuery({ page: '1.5' }))).toBe(
      'RuleViolation: page must be a whole number of at least 1. [page]',
    );
    expect(violation(() => parseTimelineQuery({ pageSize: '101' }))).toBe(
      'RuleViolation: pageSize can be at most 100. [pageSize]',
    );
    expect(violation(() => parseTimelineQuery({ from: '2024-02-01', to: '2024-01-01' }))).toBe(
      'RuleViolation: "from" is after "to". [from]',
    );
    expect(violation(() => parseTimelineQuery({ to: 'soon' }))).toBe(
      'RuleViolation: "to" (soon) is not a date (use YYYY-MM-DD). [to]',
    );
    expect(violation(() => parseTimelineQuery({ sort: 'date' }))).toBe(
      'RuleViolation: Unknown query parameter(s): sort. [sort]',
    );
  });
  test('pagination meta', () => {
    expect(pagination(2, 25, 51)).toEqual({ page: 2, pageSize: 25, pageCount: 3, total: 51 });
  });
});

test("document kinds: the reference's general, sales and purchase kinds, each in one group", () => {
  expect(DOCUMENT_KINDS).toHaveLength(25);
  expect([...KIND_GROUPS.general, ...KIND_GROUPS.sales, ...KIND_GROUPS.purchases]).toEqual([...DOCUMENT_KINDS]);
  expect(KIND_GROUPS.purchases).toEqual([
    'purchaseQuotes',
    'purchaseBlanketOrders',
    'purchaseOrders',
    'purchaseInvoices',
    'purchaseReceipts',
    'purchaseCreditMemos',
    'purchaseReturnOrders',
    'purchaseReturnShipments',
  ]);
});

describe('entry data of a recording', () => {
  test('what was not given is left out (the template fills it); text and flags get their empty value', () => {
    expect(entryDataOf({ contactId: 7, templateId: 3 })).toEqual({
      contact: 7,
      interactionTemplate: 3,
      documentKind: null,
      documentNo: null,
      subject: null,
      sourceUid: null,
      sourceDocumentId: null,
      attemptFailed: false,
      opportunity: null,
      evaluation: null,
      emailLogged: false,
      messageId: null,
      emailLogKey: null,
      emailBody: null,
    });
  });
  test('given values keep their names as the entry has them', () => {
    expect(
      entryDataOf({
        contactId: 7,
        documentKind: 'salesInvoices',
        documentNo: 'INV-1001',
        description: 'Invoice INV-1001',
        salespersonId: 4,
        opportunityId: 9,
        cost: 0,
        informationFlow: 'outbound',
        date: '2025-03-04',
      }),
    ).toMatchObject({
      contact: 7,
      documentKind: 'salesInvoices',
      documentNo: 'INV-1001',
      description: 'Invoice INV-1001',
      salesperson: 4,
      opportunity: 9,
      cost: 0,
      informationFlow: 'outbound',
      date: '2025-03-04',
    });
  });
});

describe('an entry needs a contact', () => {
  test('a new entry without one is refused; a change may leave it untouched but not clear it', () => {
    expect(() => assertEntryContact(true, undefined)).toThrow('An interaction log entry needs a contact.');
    expect(() => assertEntryContact(true, null)).toThrow('An interaction log entry needs a contact.');
    expect(() => assertEntryContact(true, { id: 7 })).not.toThrow();
    expect(() => assertEntryContact(false, undefined)).not.toThrow();
    expect(() => assertEntryContact(false, null)).toThrow('An interaction log entry needs a contact.');
  });
});

describe('entry defaults', () => {
  const template = {
    id: 3,
    description: 'Outgoing call',
    unitCost: '2.50',
    unitDurationMin: 5,
    informationFlow: 'outbound' as const,
    initiatedBy: 'us' as const,
    correspondenceType: null,
    ignoreContactCorrespondenceType: false,
    groupId: 2,
  };
  const contact = { salespersonId: 11, correspondenceType: 'email' };
  const now = new Date('2025-03-04T09:15:30.250Z');

  test("a new entry: the template's values, dated now, with the contact's salesperson", () => {
    const data: Record<string, unknown> = { contact: 7, description: 'Called about the offer' };
    applyEntryDefaults(data, { isCreate: true, template, contact, now });
    expect(data).toEqual({
      contact: 7,
      description: 'Called about the offer',
      cost: 2.5,
      durationMin: 5,
      informationFlow: 'outbound',
      initiatedBy: 'us',
      correspondenceType: 'email',
      interactionGroup: 2,
      date: '2025-03-04',
      time: '09:15:30.250',
      salesperson: 11,
    });
  });
  test('a salesperson given or cleared is kept; a time is stored with seconds and milliseconds', () => {
    const data: Record<string, unknown> = { salesperson: null, date: '2025-01-02', time: '14:30' };
    applyEntryDefaults(data, { isCreate: true, template: null, contact, now });
    expect(data).toMatchObject({ salesperson: null, date: '2025-01-02', time: '14:30:00.000' });
  });
  test('a change without a new template keeps its values', () => {
    const data: Record<string, unknown> = { description: 'Corrected' };
    applyEntryDefaults(data, { isCreate: false, template: null, contact: null, now });
    expect(data).toEqual({ description: 'Corrected' });
  });
});
