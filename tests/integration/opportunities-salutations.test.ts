import { API, docs, updateSetup, UID, useTestApp, createOk } from '../helpers/fixtures';

const t = useTestApp({ numbering: true, masterData: true });

const create = async (path: string, data: Record<string, any>) => (await createOk(t.api, path, data)).data;

describe('opportunities', () => {
  let company: any;
  let person: any;
  let cycle: any;
  beforeAll(async () => {
    company = await create('contacts', { type: 'company', name: 'Fabrikam' });
    person = await create('contacts', { type: 'person', name: 'John Smith', company: company.documentId });
    cycle = await docs(t.strapi, UID.salesCycle).create({
      data: { code: 'NEW', description: 'New customers', probabilityCalculation: 'multiply' },
    });
    for (const [stage, completed, chances] of [
      [1, 10, 50],
      [2, 40, 50],
      [3, 80, 75],
    ]) {
      await docs(t.strapi, UID.salesCycleStage).create({
        data: { salesCycle: cycle.documentId, stage, completedPercent: completed, chancesOfSuccessPercent: chances },
      });
    }
    await updateSetup(t.strapi, { defaultSalesCycle: cycle.documentId });
  });

  test('gets OP000001, its contact company and the default sales cycle', async () => {
    const opp = await create('opportunities', {
      description: 'Printers',
      contact: person.documentId,
      estimatedValue: 1000,
    });
    expect(opp).toMatchObject({
      no: 'OP000001',
      noSeries: 'OPP',
      opportunityStatus: 'notStarted',
      creationDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    const full = (
      await t.api.get(`${API}/opportunities/${opp.documentId}?populate[contactCompany]=true&populate[salesCycle]=true`)
    ).body.data;
    expect(full.contactCompany.documentId).toBe(company.documentId);
    expect(full.salesCycle.code).toBe('NEW');
  });

  test('stage activation computes probability (multiply) and current value; won is 100 % and closed', async () => {
    const opp = await create('opportunities', {
      description: 'Copiers',
      contact: person.documentId,
      estimatedValue: 2000,
    });
    const staged = (await t.api.put(`${API}/opportunities/${opp.documentId}`, { data: { currentSalesCycleStage: 2 } }))
      .body.data;
    expect(staged).toMatchObject({ opportunityStatus: 'inProgress', probabilityPercent: 20, calcdCurrentValue: 400 });
    const won = (await t.api.put(`${API}/opportunities/${opp.documentId}`, { data: { opportunityStatus: 'won' } })).body
      .data;
    expect(won).toMatchObject({
      opportunityStatus: 'won',
      probabilityPercent: 100,
      closed: true,
      calcdCurrentValue: 2000,
    });
    expect(won.dateClosed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const lost = await create('opportunities', {
      description: 'Lost one',
      contact: person.documentId,
      estimatedValue: 500,
    });
    expect(
      (await t.api.put(`${API}/opportunities/${lost.documentId}`, { data: { opportunityStatus: 'lost' } })).body.data,
    ).toMatchObject({ probabilityPercent: 0, closed: true });
  });

  test('an opportunity without contact, or with a stage outside its cycle → 400', async () => {
    const noContact = await t.api.post(`${API}/opportunities`, { data: { description: 'Nobody' } });
    expect(noContact.status).toBe(400);
    expect(noContact.body.error.message).toBe('An opportunity needs a contact.');
    const badStage = await t.api.post(`${API}/opportunities`, {
      data: { description: 'Stage 9', contact: person.documentId, currentSalesCycleStage: 9 },
    });
    expect(badStage.status).toBe(400);
  });

  test('a blocked default sales cycle is not used', async () => {
    await docs(t.strapi, UID.salesCycle).update({ documentId: cycle.documentId, data: { blocked: true } });
    const opp = await create('opportunities', { description: 'No cycle', contact: person.documentId });
    const full = (await t.api.get(`${API}/opportunities/${opp.documentId}?populate[salesCycle]=true`)).body.data;
    expect(full.salesCycle).toBeNull();
    await docs(t.strapi, UID.salesCycle).update({ documentId: cycle.documentId, data: { blocked: false } });
  });
});

describe("an opportunity takes its contact's salesperson (as Business Central does)", () => {
  const salespersonOf = async (opp: any) =>
    (await t.api.get(`${API}/opportunities/${opp.documentId}?populate[salesperson]=true`)).body.data.salesperson
      ?.code ?? null;
  let jan: any;
  let els: any;
  let nobody: any;
  beforeAll(async () => {
    const co = await create('contacts', {
      type: 'company',
      name: 'Northwind',
      salesperson: t.md.salesperson.JR.documentId,
    });
    jan = await create('contacts', { type: 'person', name: 'Jan Peeters', company: co.documentId });
    els = await create('contacts', { type: 'company', name: 'Litware', salesperson: t.md.salesperson.AB.documentId });
    nobody = await create('contacts', { type: 'company', name: 'Tailspin' });
  });

  test('none named → the contact’s; one named → that one; a contact without one → none', async () => {
    expect(await salespersonOf(await create('opportunities', { description: 'Desks', contact: jan.documentId }))).toBe(
      'JR',
    );
    const named = await create('opportunities', {
      description: 'Chairs',
      contact: jan.documentId,
      salesperson: t.md.salesperson.AB.documentId,
    });
    expect(await salespersonOf(named)).toBe('AB');
    expect(
      await salespersonOf(await create('opportunities', { description: 'Lamps', contact: nobody.documentId })),
    ).toBe(null);
  });

  test('another contact brings its salesperson; the same contact again keeps the one chosen', async () => {
    const opp = await create('opportunities', {
      description: 'Shelves',
      contact: jan.documentId,
      salesperson: t.md.salesperson.AB.documentId,
    });
    await t.api.put(`${API}/opportunities/${opp.documentId}`, {
      data: { contact: jan.documentId, description: 'Shelves 2' },
    });
    expect(await salespersonOf(opp)).toBe('AB');
    const moved = await t.api.put(`${API}/opportunities/${opp.documentId}`, { data: { contact: els.documentId } });
    expect(moved.status).toBe(200);
    expect(await salespersonOf(opp)).toBe('AB'); // Litware's salesperson is AB too
    await t.api.put(`${API}/opportunities/${opp.documentId}`, {
      data: { salesperson: t.md.salesperson.CD.documentId },
    });
    await t.api.put(`${API}/opportunities/${opp.documentId}`, { data: { contact: jan.documentId } });
    expect(await salespersonOf(opp)).toBe('JR');
  });
});

describe('salutations', () => {
  let john: any;
  beforeAll(async () => {
    const m = await docs(t.strapi, 'plugin::marketing-setup.salutation').create({
      data: { code: 'M', description: 'Male married or single' },
    });
    const formula = (salutationType: string, text: string, names: string[]) =>
      docs(t.strapi, 'plugin::marketing-setup.salutation-formula').create({
        data: {
          salutation: m.documentId,
          language: t.md.language.ENU.documentId,
          salutationType,
          text,
          ...Object.fromEntries(names.map((n, i) => [`name${i + 1}`, n])),
        },
      });
    await formula('formal', 'Dear Mr. %1 %2 %3,', ['firstName', 'middleName', 'surname']);
    await formula('informal', 'Hi %1,', ['firstName']);
    john = await create('contacts', {
      type: 'person',
      name: 'John Smith',
      salutation: m.documentId,
      language: t.md.language.ENU.documentId,
    });
  });

  test('formal and informal salutations of John Smith', async () => {
    const formal = await t.api.get(`${API}/contacts/${john.documentId}/salutation?type=formal`);
    expect(formal.body.data.salutation).toBe('Dear Mr. John Smith,');
    const informal = await t.api.get(`${API}/contacts/${john.documentId}/salutation?type=informal`);
    expect(informal.body.data.salutation).toBe('Hi John,');
  });

  test('an empty surname disappears with its space', async () => {
    const jo = await create('contacts', {
      type: 'person',
      name: 'Jo',
      salutation:
        john.salutation?.documentId ??
        (await docs(t.strapi, 'plugin::marketing-setup.salutation').findFirst({ filters: { code: 'M' } })).documentId,
      language: t.md.language.ENU.documentId,
    });
    const res = await t.api.get(`${API}/contacts/${jo.documentId}/salutation`);
    expect({ status: res.status, body: res.body }).toEqual({
      status: 200,
      body: { data: expect.objectContaining({ salutation: 'Dear Mr. Jo,' }) },
    });
  });

  test('a language without formula → 400 naming type, language and contact', async () => {
    const res = await t.api.get(`${API}/contacts/${john.documentId}/salutation?type=formal&language=FRA`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      `You have to set up the salutation formula of the type Formal in FRA language for the ${john.no} contact.`,
    );
  });
});

describe('opportunity status field name', () => {
  test('the old field name `status` is refused with a message naming `opportunityStatus`, nothing written', async () => {
    const company = await create('contacts', { type: 'company', name: 'Old Client NV' });
    const opp = await create('opportunities', { description: 'Renamed field', contact: company.documentId });
    const res = await t.api.put(`${API}/opportunities/${opp.documentId}`, { data: { status: 'won' } });
    expect([res.status, res.body.error.message, res.body.error.details.errors[0].path]).toEqual([
      400,
      'An opportunity\'s status is written as "opportunityStatus" (Strapi reserves "status" for draft/published); rename the field.',
      ['opportunityStatus'],
    ]);
    expect((await t.api.get(`${API}/opportunities/${opp.documentId}`)).body.data).toMatchObject({
      opportunityStatus: 'notStarted',
      closed: false,
    });
    const created = await t.api.post(`${API}/opportunities`, {
      data: { description: 'Old client', contact: company.documentId, status: 'won' },
    });
    expect([created.status, created.body.error.details.errors[0].path]).toEqual([400, ['opportunityStatus']]);
  });
});
