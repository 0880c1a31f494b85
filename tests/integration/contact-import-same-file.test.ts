/**
 * An outside tester's import defects, through Strapi in-process (admin API and the job):
 * - a row with an earlier row's e-mail address (or VAT no.) in the same file: the dry run showed it created, the run
 *   merged it into the earlier row's contact (Alfa BV lost its name to Beta BV), and a repeated row was created
 *   twice in the dry run but unchanged in the run, so the dry run's numbers for later rows were wrong;
 * - French Type values (Entreprise, Société, Personne) were refused;
 * - a Société / Firma column beside the persons' names stored text and linked no company.
 * The job runs two rows a chunk, so earlier rows are in earlier chunks (and, after a stop, in another run).
 */
import { dist, adminClient, createOk, docs, UID, useTestApp } from '../helpers/fixtures';

const t = useTestApp({ numbering: true, masterData: true });
let admin: Awaited<ReturnType<typeof adminClient>>;

beforeAll(async () => {
  t.strapi.config.set('plugin::marketing-setup.importAutoRun', false);
  t.strapi.config.set('plugin::marketing-setup.importChunkSize', 2);
  admin = await adminClient(t.strapi, 'same-file@example.com', 'strapi-super-admin');
});

/** Each stored row of a job: outcome, the contact's No., the error. */
const jobRows = async (id: number) =>
  (
    (await t.strapi.db
      .connection('ms_import_rows')
      .where('job_id', id)
      .orderBy('row_no')
      .select('row_no', 'outcome', 'contact_no', 'error')) as any[]
  ).map((r) => ({ row: Number(r.row_no), outcome: r.outcome, no: r.contact_no ?? null, error: r.error ?? null }));

/** The dry run's rows in the job's words (error → failed, possible duplicate → created). */
const asRun = (rows: any[]) =>
  rows.map((r) => ({
    row: r.row,
    outcome: r.outcome === 'error' ? 'failed' : r.outcome === 'possibleDuplicate' ? 'created' : r.outcome,
    no: r.outcome === 'error' ? null : (r.contact?.no ?? null),
    error: r.error ?? null,
  }));

const startJob = async (csv: string) => {
  const started = await admin.post('/marketing-setup/contacts/import/jobs', { csv });
  expect(started.status).toBe(202);
  return started.body.data.id as number;
};

describe('a row against the earlier rows of its file', () => {
  test("another name with an earlier row's e-mail address is refused in the dry run and the run: Alfa BV is kept", async () => {
    const { driveImport } = require(dist('jobs/contact-import'));
    // Beta BV comes in the second chunk (two rows a chunk), read after a stop: the run reads row 1 back from the job.
    const csv = [
      'Naam;E-mail;Plaats',
      'Alfa BV;info@alfa-beta.be;Gent',
      'Gamma BV;info@gamma.be;Gent',
      'Beta BV;info@alfa-beta.be;Gent',
    ].join('\n');
    const message =
      'Row 3 has the e-mail address of row 1 (Alfa BV) but another name (Beta BV); it is not merged into that ' +
      'contact. Give this row its own e-mail address or leave it blank; if it is the same contact, give both rows one name.';

    const dry = await admin.post('/marketing-setup/contacts/import/dry-run', { csv });
    expect(dry.status).toBe(200);
    expect(dry.body.data.counts).toEqual({ created: 2, updated: 0, unchanged: 0, possibleDuplicate: 0, error: 1 });
    expect(dry.body.data.rows[2]).toEqual({ row: 3, outcome: 'error', error: message, field: 'email' });

    const id = await startJob(csv);
    expect(await driveImport(t.strapi, id, { maxChunks: 1 })).toMatchObject({ state: 'running', cursor: 2 });
    expect(await driveImport(t.strapi, id)).toMatchObject({ state: 'done', created: 2, updated: 0, failed: 1 });
    expect(await jobRows(id)).toEqual(asRun(dry.body.data.rows));
    const found = await docs(t.strapi, UID.contact).findMany({ filters: { email: 'info@alfa-beta.be' } });
    expect(found.map((c: any) => [c.name, c.city])).toEqual([['Alfa BV', 'Gent']]);
    expect(await docs(t.strapi, UID.contact).findFirst({ filters: { name: 'Beta BV' } })).toBeNull();
  });

  test("a person listed with the company's mailbox after the company is created; a second person with it is refused, in both", async () => {
    const { driveImport } = require(dist('jobs/contact-import'));
    const csv = [
      'Type;Naam;Voornaam;Achternaam;E-mail;Plaats',
      'Bedrijf;Omega Logistics;;;info@omega-logistics.be;Gent',
      'Persoon;;Anna;Maes;info@omega-logistics.be;Gent',
      ';;Bert;Claes;info@omega-logistics.be;Gent',
    ].join('\n');
    const dry = await admin.post('/marketing-setup/contacts/import/dry-run', { csv });
    expect(dry.status).toBe(200);
    expect(dry.body.data.rows.map((r: any) => [r.outcome, r.error ?? null])).toEqual([
      ['created', null],
      ['created', null],
      [
        'error',
        'Row 3 has the e-mail address of row 2 (Anna Maes) but another name (Bert Claes); it is not merged into that ' +
          'contact. Give this row its own e-mail address or leave it blank; if it is the same contact, give both rows one name.',
      ],
    ]);
    const id = await startJob(csv);
    expect(await driveImport(t.strapi, id)).toMatchObject({ state: 'done', created: 2, updated: 0, failed: 1 });
    expect(await jobRows(id)).toEqual(asRun(dry.body.data.rows));
    const holders = await docs(t.strapi, UID.contact).findMany({
      filters: { email: 'info@omega-logistics.be' },
      sort: 'no',
    });
    expect(holders.map((c: any) => [c.type, c.name])).toEqual([
      ['company', 'Omega Logistics'],
      ['person', 'Anna Maes'],
    ]);
  });

  test('persons of companies created by earlier rows (by name and by the No. the company drew) are linked in the dry run as in the run', async () => {
    const { driveImport } = require(dist('jobs/contact-import'));
    const dryFirst = await admin.post('/marketing-setup/contacts/import/dry-run', {
      csv: ['Type;Naam;Plaats', 'Bedrijf;Sigma Probe NV;Gent'].join('\n'),
    });
    const sigmaNo = dryFirst.body.data.rows[0].contact.no as string; // the next number, as row 1 below draws it
    const csv = [
      'Type;Naam;Voornaam;Achternaam;Bedrijf;Plaats',
      'Bedrijf;Sigma Tools NV;;;;Gent',
      'Persoon;;Anna;Sels;Sigma Tools NV;',
      'Bedrijf;Tau Wood NV;;;;Lier',
      `Persoon;;Bert;Wouters;${sigmaNo};`,
    ].join('\n');
    const dry = await admin.post('/marketing-setup/contacts/import/dry-run', { csv });
    expect(dry.status).toBe(200);
    expect(dry.body.data.rows.map((r: any) => [r.outcome, r.error ?? null])).toEqual([
      ['created', null],
      ['created', null],
      ['created', null],
      ['created', null],
    ]);
    const id = await startJob(csv);
    expect(await driveImport(t.strapi, id)).toMatchObject({ state: 'done', created: 4, failed: 0 });
    expect(await jobRows(id)).toEqual(asRun(dry.body.data.rows));
    const persons = await t.strapi.db.query(UID.contact).findMany({
      where: { name: { $in: ['Anna Sels', 'Bert Wouters'] } },
      populate: { company: { select: ['name'] } },
      orderBy: { name: 'asc' },
    });
    expect(persons.map((p: any) => [p.name, p.company?.name, p.city])).toEqual([
      ['Anna Sels', 'Sigma Tools NV', 'Gent'],
      ['Bert Wouters', 'Sigma Tools NV', 'Gent'],
    ]);
  });

  test('a row repeated with the same VAT no. is unchanged in both, and the dry run numbers the later rows as the run does (also after a stop)', async () => {
    const { driveImport } = require(dist('jobs/contact-import'));
    const csv = [
      'Naam;Btw-nummer;Plaats',
      'Gamma NV;BE0456.789.123;Gent',
      'Delta Bakkerij;;Lier',
      'Gamma NV;be 0456 789 123;',
      'Epsilon NV;;Mons',
      'Delta Bakkerij;;Lier',
      'Zeta NV;;Aalst',
    ].join('\n');
    const dry = await admin.post('/marketing-setup/contacts/import/dry-run', { csv });
    expect(dry.status).toBe(200);
    const rows = dry.body.data.rows;
    expect(rows.map((r: any) => r.outcome)).toEqual([
      'created',
      'created',
      'unchanged',
      'created',
      'unchanged',
      'created',
    ]);
    const nos = rows.map((r: any) => r.contact.no);
    // Four new contacts: four consecutive numbers; the repeats are the contacts of rows 1 and 2.
    const n = Number(nos[0].slice(2));
    expect(nos).toEqual([0, 1, 0, 2, 1, 3].map((d) => `CT${String(n + d).padStart(6, '0')}`));
    expect(rows[2]).toMatchObject({ matchedBy: 'vatRegistrationNo', sameAsRow: 1, contact: { name: 'Gamma NV' } });
    expect(rows[4]).toMatchObject({ matchedBy: 'name', sameAsRow: 2 });

    const id = await startJob(csv);
    // One chunk (rows 1–2), then the process "stops": the next run reads rows 1–2 back from the job.
    expect(await driveImport(t.strapi, id, { maxChunks: 1 })).toMatchObject({ state: 'running', cursor: 2 });
    expect(await driveImport(t.strapi, id)).toMatchObject({ state: 'done', created: 4, unchanged: 2, failed: 0 });
    expect(await jobRows(id)).toEqual(asRun(rows));
    expect((await docs(t.strapi, UID.contact).findMany({ filters: { name: 'Gamma NV' } })).length).toBe(1);
  });
});

describe('French option values and company columns', () => {
  test('Type Entreprise, Société and Personne are read; a Type no language has lists the accepted words', async () => {
    const { driveImport } = require(dist('jobs/contact-import'));
    const csv =
      'Nom;Type;Ville\nMenuiserie Fr;Entreprise;Liège\nDupont Fr;Personne;Namur\nBoulangerie Fr;Société;Mons\n';
    const dry = await admin.post('/marketing-setup/contacts/import/dry-run', { csv });
    expect(dry.status).toBe(200);
    expect(dry.body.data.mapping).toEqual({ Nom: 'name', Type: 'type', Ville: 'city' });
    expect(dry.body.data.rows.map((r: any) => r.outcome)).toEqual(['created', 'created', 'created']);
    const id = await startJob(csv);
    expect(await driveImport(t.strapi, id)).toMatchObject({ state: 'done', created: 3, failed: 0 });
    const types = await Promise.all(
      ['Menuiserie Fr', 'Dupont Fr', 'Boulangerie Fr'].map(
        async (name) => (await docs(t.strapi, UID.contact).findFirst({ filters: { name } }))?.type,
      ),
    );
    expect(types).toEqual(['company', 'person', 'company']);

    const bad = await admin.post('/marketing-setup/contacts/import/dry-run', { csv: 'Nom;Type\nX;Fournisseur\n' });
    expect(bad.body.data.rows[0]).toMatchObject({
      outcome: 'error',
      error:
        'Type: "Fournisseur" is not a contact type; use Company or Person (also Bedrijf or Persoon, Entreprise, ' +
        'Société or Personne).',
    });
  });

  test('a Société column beside the names links the person to the company, which it inherits from', async () => {
    const { driveImport } = require(dist('jobs/contact-import'));
    const atelier = (
      await createOk(t.api, 'contacts', {
        type: 'company',
        name: 'Atelier Lumière SPRL',
        address: 'Rue Haute 5',
        city: 'Liège',
        postCode: '4000',
      })
    ).data;
    const csv = 'Prénom;Nom;Société\nJosé;Lefèvre;Atelier Lumière SPRL\n';
    const analysed = await admin.post('/marketing-setup/contacts/import/analyse', { csv });
    expect(analysed.body.data.suggestions).toEqual({ Prénom: 'firstName', Nom: 'surname', Société: 'company' });
    const dry = await admin.post('/marketing-setup/contacts/import/dry-run', { csv });
    expect(dry.body.data.rows[0]).toMatchObject({ outcome: 'created', contact: { name: 'José Lefèvre' } });

    const id = await startJob(csv);
    expect(await driveImport(t.strapi, id)).toMatchObject({ state: 'done', created: 1, failed: 0 });
    const jose = await docs(t.strapi, UID.contact).findFirst({
      filters: { name: 'José Lefèvre' },
      populate: { company: { fields: ['documentId'] } },
    });
    expect({
      type: jose.type,
      company: jose.company?.documentId,
      companyName: jose.companyName,
      city: jose.city,
      address: jose.address,
    }).toEqual({
      type: 'person',
      company: atelier.documentId,
      companyName: 'Atelier Lumière SPRL',
      city: 'Liège',
      address: 'Rue Haute 5',
    });
  });
});
