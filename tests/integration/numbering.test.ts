import { startStrapi, apiToken, isPostgres, type TestApp } from '../helpers/strapi';
import {
  API,
  adminClient,
  createSeries,
  docs,
  http,
  standardNumbering,
  updateSetup,
  UID,
  counts,
} from '../helpers/fixtures';

let app: TestApp;
let api: ReturnType<typeof http>;

beforeAll(async () => {
  app = await startStrapi();
  api = http(app.strapi, await apiToken(app.strapi));
});
afterAll(async () => app?.stop());

const lineOf = async (seriesDocumentId: string) =>
  (await docs(app.strapi, UID.noSeriesLine).findMany({ filters: { series: { documentId: seriesDocumentId } } }))[0];

describe('number series through REST', () => {
  let cont: Awaited<ReturnType<typeof standardNumbering>>['cont'];
  beforeAll(async () => {
    ({ cont } = await standardNumbering(app.strapi));
  });

  test('two creates get CT000001 and CT000002 and remember the series', async () => {
    const a = await api.post(`${API}/contacts`, { data: { name: 'Fabrikam', type: 'company' } });
    expect(a.status).toBe(201);
    expect(a.body.data.no).toBe('CT000001');
    expect(a.body.data.noSeries).toBe('CONT');
    const b = await api.post(`${API}/contacts`, { data: { name: 'Contoso', type: 'company' } });
    expect(b.body.data.no).toBe('CT000002');
    expect((await lineOf(cont.series.documentId)).lastNoUsed).toBe('CT000002');
  });

  test('a manual number is refused while Manual Nos. is off, and nothing is written', async () => {
    const before = await counts(app.strapi);
    const res = await api.post(`${API}/contacts`, { data: { name: 'ACME', no: 'ACME-1' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'You may not enter numbers manually. If you want to enter numbers manually, please activate Manual Nos. in No. Series CONT.',
    );
    expect(await counts(app.strapi)).toEqual(before);
  });

  test('with Manual Nos. on, a manual number is stored without series and the line is untouched; automatic numbering skips it', async () => {
    await docs(app.strapi, UID.noSeries).update({ documentId: cont.series.documentId, data: { manualNos: true } });
    const manual = await api.post(`${API}/contacts`, { data: { name: 'ACME', no: 'ACME-1' } });
    expect(manual.status).toBe(201);
    expect(manual.body.data).toMatchObject({ no: 'ACME-1', noSeries: null });
    expect((await lineOf(cont.series.documentId)).lastNoUsed).toBe('CT000002');
    const taken = await api.post(`${API}/contacts`, { data: { name: 'Taken', no: 'CT000003' } });
    expect(taken.status).toBe(201);
    const next = await api.post(`${API}/contacts`, { data: { name: 'Next' } });
    expect(next.body.data.no).toBe('CT000004');
    await docs(app.strapi, UID.noSeries).update({ documentId: cont.series.documentId, data: { manualNos: false } });
  });

  test('Default Nos. off refuses automatic numbers', async () => {
    await docs(app.strapi, UID.noSeries).update({ documentId: cont.series.documentId, data: { defaultNos: false } });
    const series = await docs(app.strapi, UID.noSeries).findOne({ documentId: cont.series.documentId });
    expect(series.manualNos).toBe(true); // at least one of the two stays on
    const res = await api.post(`${API}/contacts`, { data: { name: 'Auto' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/not possible to assign numbers automatically from the number series CONT/);
    await docs(app.strapi, UID.noSeries).update({
      documentId: cont.series.documentId,
      data: { defaultNos: true, manualNos: false },
    });
  });
});

describe('series lines', () => {
  test('increment-by 10 continues from the last number used', async () => {
    const { series } = await createSeries(app.strapi, 'INC', {
      startingNo: 'IN000100',
      lastNoUsed: 'IN000120',
      incrementBy: 10,
    });
    await updateSetup(app.strapi, { contactNos: series.documentId });
    const res = await api.post(`${API}/contacts`, { data: { name: 'Increment' } });
    expect(res.body.data.no).toBe('IN000130');
  });

  test('the ending number closes the line, the next create is refused with the series named', async () => {
    const { series } = await createSeries(app.strapi, 'SHORT', { startingNo: 'SH01', endingNo: 'SH03' });
    await updateSetup(app.strapi, { contactNos: series.documentId });
    const nos = [];
    for (let i = 0; i < 3; i += 1)
      nos.push((await api.post(`${API}/contacts`, { data: { name: `S${i}` } })).body.data.no);
    expect(nos).toEqual(['SH01', 'SH02', 'SH03']);
    expect((await lineOf(series.documentId)).open).toBe(false);
    const res = await api.post(`${API}/contacts`, { data: { name: 'S4' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('You cannot assign new numbers from the number series SHORT.');
  });

  test('a second open line takes over when the first closes', async () => {
    const { series } = await createSeries(app.strapi, 'TWO', { startingNo: 'A1', endingNo: 'A2' });
    await docs(app.strapi, UID.noSeriesLine).create({
      data: { series: series.documentId, lineNo: 20000, startingNo: 'B01', endingNo: 'B99' },
    });
    await updateSetup(app.strapi, { contactNos: series.documentId });
    const nos = [];
    for (let i = 0; i < 3; i += 1)
      nos.push((await api.post(`${API}/contacts`, { data: { name: `T${i}` } })).body.data.no);
    expect(nos).toEqual(['A1', 'A2', 'B01']);
  });

  test('the warning number comes back in meta.warnings', async () => {
    const { series } = await createSeries(app.strapi, 'WARN', {
      startingNo: 'CW000001',
      lastNoUsed: 'CW000007',
      warningNo: 'CW000008',
      endingNo: 'CW000010',
    });
    await updateSetup(app.strapi, { contactNos: series.documentId });
    const res = await api.post(`${API}/contacts`, { data: { name: 'Warned' } });
    expect(res.status).toBe(201);
    expect(res.body.data.no).toBe('CW000008');
    expect(res.body.meta.warnings).toEqual([
      'The number series WARN will soon run out: CW000008 was assigned and the warning number is CW000008.',
    ]);
  });

  test('date order refuses a date before the last date used', async () => {
    const { series } = await createSeries(
      app.strapi,
      'DATED',
      { startingNo: 'D001', lastNoUsed: 'D005', lastDateUsed: '2999-01-01' },
      { dateOrder: true },
    );
    await updateSetup(app.strapi, { contactNos: series.documentId });
    const res = await api.post(`${API}/contacts`, { data: { name: 'Late' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/on a date before 2999-01-01/);
  });

  test('a line edit harmonises the number format: A1 and A10 become A01 and A10', async () => {
    const { line } = await createSeries(app.strapi, 'FMT', { startingNo: 'A1' });
    const updated = await docs(app.strapi, UID.noSeriesLine).update({
      documentId: line.documentId,
      data: { endingNo: 'A10' },
    });
    expect(updated).toMatchObject({ startingNo: 'A01', endingNo: 'A10' });
  });

  test('an allow-gaps line numbers from a PostgreSQL sequence (a failed write loses its number); on SQLite it stays gapless', async () => {
    const { series, line } = await createSeries(app.strapi, 'GAPS', {
      startingNo: 'G0001',
      endingNo: 'G9999',
      allowGaps: true,
    });
    await updateSetup(app.strapi, { contactNos: series.documentId });
    expect((await api.post(`${API}/contacts`, { data: { name: 'Gap 1' } })).body.data.no).toBe('G0001');
    // A write that fails after its number was drawn (a fault inside the write's transaction): the bad-input
    // guard refuses invalid data before any number is drawn, so the failure is injected here.
    app.strapi.documents.use(async (ctx: any, next: any) => {
      if (ctx.uid === UID.contact && ctx.action === 'create' && ctx.params?.data?.name === 'Gap 2 fails')
        throw new Error('injected failure');
      return next();
    });
    expect((await api.post(`${API}/contacts`, { data: { name: 'Gap 2 fails' } })).status).toBe(500);
    const third = (await api.post(`${API}/contacts`, { data: { name: 'Gap 3' } })).body.data.no;
    expect(third).toBe(isPostgres() ? 'G0003' : 'G0002');
    // Switching the line back to gapless continues after the last number the sequence gave out.
    await docs(app.strapi, UID.noSeriesLine).update({ documentId: line.documentId, data: { allowGaps: false } });
    expect((await api.post(`${API}/contacts`, { data: { name: 'Gapless again' } })).body.data.no).toBe(
      isPostgres() ? 'G0004' : 'G0003',
    );
  });

  test('Contact Nos. empty in the setup refuses an automatic number', async () => {
    await updateSetup(app.strapi, { contactNos: null });
    const res = await api.post(`${API}/contacts`, { data: { name: 'Nobody' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Contact Nos\. must have a value in the Marketing Setup/);
  });
});

describe('REST and the admin store a series the same way', () => {
  const linesOf = async (seriesDocumentId: string) =>
    (
      await docs(app.strapi, UID.noSeriesLine).findMany({
        filters: { series: { documentId: seriesDocumentId } },
        sort: ['lineNo:asc'],
      })
    ).map((l: { lineNo: number }) => l.lineNo);

  test('the code is trimmed and upper-cased, and a new line goes 10000 after the last one', async () => {
    const admin = await adminClient(app.strapi, 'numbering-admin@example.com', 'strapi-super-admin');

    const rest = await api.post(`${API}/no-series-list`, { data: { code: ' rest-a ', description: 'REST' } });
    expect(rest.status).toBe(201);
    const viaAdmin = await admin.post('/marketing-setup/no-series', { code: ' adm-a ', description: 'Admin' });
    expect(viaAdmin.status).toBe(201);
    const restSeries = await docs(app.strapi, UID.noSeries).findOne({ documentId: rest.body.data.documentId });
    const adminSeries = await docs(app.strapi, UID.noSeries).findOne({ documentId: viaAdmin.body.data.documentId });
    expect([restSeries.code, adminSeries.code]).toEqual(['REST-A', 'ADM-A']);

    const renamed = await api.put(`${API}/no-series-list/${restSeries.documentId}`, { data: { code: 'rest-b' } });
    expect(renamed.status).toBe(200);
    expect((await docs(app.strapi, UID.noSeries).findOne({ documentId: restSeries.documentId })).code).toBe('REST-B');

    for (const startingNo of ['R0001', 'R5001']) {
      const line = await api.post(`${API}/no-series-lines`, { data: { series: restSeries.documentId, startingNo } });
      expect(line.status).toBe(201);
      const adminLine = await admin.post(`/marketing-setup/no-series/${adminSeries.documentId}/lines`, { startingNo });
      expect(adminLine.status).toBe(201);
    }
    expect(await linesOf(restSeries.documentId)).toEqual([10000, 20000]);
    expect(await linesOf(adminSeries.documentId)).toEqual([10000, 20000]);
  });

  test('a blank code gets the same 400 on both paths', async () => {
    const admin = await adminClient(app.strapi, 'numbering-admin2@example.com', 'strapi-super-admin');
    const rest = await api.post(`${API}/no-series-list`, { data: { code: '   ' } });
    expect(rest.status).toBe(400);
    expect(rest.body.error.message).toBe('Enter a code.');
    const viaAdmin = await admin.put(
      `/marketing-setup/no-series/${(await createSeries(app.strapi, 'BLANK', {})).series.documentId}`,
      {
        code: '   ',
      },
    );
    expect(viaAdmin.status).toBe(400);
  });
});
