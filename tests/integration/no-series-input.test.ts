/**
 * What the user types on a number series is kept or refused, not rewritten: an Ending / Warning No. of another text
 * than the Starting No. is a 400 (padding alone is still harmonised), and a series with Default Nos. and Manual Nos.
 * both sent off is a 400 (it was stored with Default Nos. on). A body that is a list speaks of the number series.
 */
import { API, UID, adminClient, docs, useTestApp, type http } from '../helpers/fixtures';

const t = useTestApp();
type Client = ReturnType<typeof http>;
let admin: Client;
let series: string;
let restSeries: string;

const lines = async (documentId: string) =>
  (await docs(t.strapi, UID.noSeriesLine).findMany({ filters: { series: { documentId } } })) as any[];

beforeAll(async () => {
  admin = await adminClient(t.strapi, 'series-admin@example.com', 'strapi-super-admin');
  series = (await admin.post('/marketing-setup/no-series', { code: 'INV' })).body.data.documentId;
  restSeries = (await t.api.post(`${API}/no-series-list`, { data: { code: 'INVR' } })).body.data.documentId;
});

describe('a line whose Ending or Warning No. has another text than its Starting No.', () => {
  test('admin: 400 naming the number, nothing stored', async () => {
    const res = await admin.post(`/marketing-setup/no-series/${series}/lines`, {
      startingNo: 'INV-2024-0001',
      endingNo: 'XYZ-9999',
      warningNo: 'ABC-9000',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Ending No. "XYZ-9999" must have the form of Starting No. "INV-2024-0001" (same text, another number).',
    );
    const warning = await admin.post(`/marketing-setup/no-series/${series}/lines`, {
      startingNo: 'V1',
      endingNo: 'V9',
      warningNo: 'W5',
    });
    expect(warning.status).toBe(400);
    expect(warning.body.error.message).toBe(
      'Warning No. "W5" must have the form of Starting No. "V1" (same text, another number).',
    );
    expect(await lines(series)).toEqual([]);
  });

  test('REST: the same 400', async () => {
    const res = await t.api.post(`${API}/no-series-lines`, {
      data: { series: restSeries, startingNo: 'INV-2024-0001', endingNo: 'XYZ-9999' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Ending No. "XYZ-9999" must have the form of Starting No. "INV-2024-0001" (same text, another number).',
    );
    expect(await lines(restSeries)).toEqual([]);
  });

  test('an Ending No. changed alone to another text: 400; the padding is still harmonised', async () => {
    const res = await admin.post(`/marketing-setup/no-series/${series}/lines`, {
      startingNo: 'V1',
      endingNo: 'V90',
      warningNo: 'V5',
    });
    expect(res.status).toBe(201);
    const [line] = await lines(series);
    expect([line.startingNo, line.endingNo, line.warningNo]).toEqual(['V01', 'V90', 'V05']);
    const changed = await admin.put(`/marketing-setup/no-series-lines/${line.documentId}`, { endingNo: 'X99' });
    expect(changed.status).toBe(400);
    expect(changed.body.error.message).toBe(
      'Ending No. "X99" must have the form of Starting No. "V01" (same text, another number).',
    );
  });
});

describe('Default Nos. and Manual Nos. both off', () => {
  test('admin and REST: 400 saying a series needs one of them, nothing stored', async () => {
    const message =
      'A number series needs Default Nos. (numbers given automatically) or Manual Nos. (numbers typed by hand), or both; turn at least one of them on.';
    const res = await admin.post('/marketing-setup/no-series', { code: 'ZZ1', defaultNos: false, manualNos: false });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(message);
    const rest = await t.api.post(`${API}/no-series-list`, {
      data: { code: 'ZZ2', defaultNos: false, manualNos: false },
    });
    expect(rest.status).toBe(400);
    expect(rest.body.error.message).toBe(message);
    expect(await docs(t.strapi, UID.noSeries).findMany({ filters: { code: { $in: ['ZZ1', 'ZZ2'] } } })).toEqual([]);
    // Switching one off (the screen's toggle) still turns the other on, as in Business Central.
    const toggled = await admin.put(`/marketing-setup/no-series/${series}`, { defaultNos: false });
    expect(toggled.status).toBe(200);
    expect([toggled.body.data.defaultNos, toggled.body.data.manualNos]).toEqual([false, true]);
  });

  test('a list body: the message gives an example of a number series', async () => {
    const res = await admin.post('/marketing-setup/no-series', [{ code: 'ZZ3' }] as any);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Send the fields as one object, e.g. { "code": "CONT", "description": "Contacts", "defaultNos": true }; a list was sent.',
    );
  });
});
