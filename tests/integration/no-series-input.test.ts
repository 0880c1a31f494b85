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

describe('every 400 of the number series screens names a field by its caption', () => {
  // The attribute names of a series and its lines: none of them may appear in a message (it said "incrementBy must be
  // between …", "startingDate must be a real date …", "code contains a control character …"); the one-word ones
  // (code, open) are plain words too, so as the subject at the start of a message.
  const KEYS = new RegExp(
    '\\b(defaultNos|manualNos|dateOrder|lineNo|startingDate|startingNo|endingNo|warningNo|incrementBy|lastNoUsed|' +
      'lastDateUsed|allowGaps)\\b|^(code|description|series|lines|open)\\b',
  );
  const messagesOf = (res: any): string[] => [
    res.body.error.message,
    ...(res.body.error.details?.errors ?? []).map((e: any) => e.message),
  ];

  test('series and lines, create and edit: the message the admin sees', async () => {
    const { documentId: seriesId } = (await admin.post('/marketing-setup/no-series', { code: 'LBL' })).body.data;
    const withLine = await admin.post(`/marketing-setup/no-series/${seriesId}/lines`, {
      startingNo: 'L1',
      endingNo: 'L9',
    });
    const lineId = withLine.body.data.lines[0].documentId;
    const seriesUrl = '/marketing-setup/no-series';
    const linesUrl = `/marketing-setup/no-series/${seriesId}/lines`;
    const lineUrl = `/marketing-setup/no-series-lines/${lineId}`;
    const cases: ['post' | 'put', string, Record<string, unknown>, string][] = [
      // Field captions where the message names the field (they were the attribute names).
      [
        'post',
        linesUrl,
        { startingNo: 'A1', incrementBy: 99999999999 },
        'Increment-by No. must be between -2147483648 and 2147483647, not 99999999999.',
      ],
      [
        'post',
        linesUrl,
        { startingNo: 'A1', lineNo: 99999999999 },
        'Line No. must be between -2147483648 and 2147483647, not 99999999999.',
      ],
      [
        'post',
        linesUrl,
        { startingNo: 'A1', startingDate: '2023-02-30' },
        'Starting Date must be a real date (YYYY-MM-DD), not "2023-02-30".',
      ],
      [
        'put',
        lineUrl,
        { startingDate: '2023-13-01' },
        'Starting Date must be a real date (YYYY-MM-DD), not "2023-13-01".',
      ],
      [
        'put',
        lineUrl,
        { incrementBy: 2147483648 },
        'Increment-by No. must be between -2147483648 and 2147483647, not 2147483648.',
      ],
      ['post', linesUrl, { startingNo: 'A1\u0002' }, 'Starting No. contains a control character (U+0002); remove it.'],
      ['put', lineUrl, { warningNo: 'L\u00075' }, 'Warning No. contains a control character (U+0007); remove it.'],
      ['post', seriesUrl, { code: 'A\u0001' }, 'Code contains a control character (U+0001); remove it.'],
      [
        'put',
        `${seriesUrl}/${seriesId}`,
        { description: 'Bell\u0007' },
        'Description contains a control character (U+0007); remove it.',
      ],
      [
        'post',
        linesUrl,
        { startingNo: 'A1', lastDateUsed: '2020-01-01' },
        'These fields cannot be set here: Last Date Used.',
      ],
      ['put', lineUrl, { series: seriesId }, 'These fields cannot be set here: Series Code.'],
      ['post', seriesUrl, { code: 'U1', lines: [] }, 'These fields cannot be set here: Lines.'],
      // A key that is no field is named as sent.
      ['post', seriesUrl, { code: 'U2', colour: 'red' }, 'These fields cannot be set here: colour.'],
      // Messages shown under their field (the screen marks it), unchanged.
      ['post', seriesUrl, {}, 'Enter a code.'],
      ['post', seriesUrl, { code: 'X'.repeat(21) }, 'Use at most 20 characters.'],
      ['post', seriesUrl, { code: 'D1', description: 'x'.repeat(101) }, 'Use at most 100 characters.'],
      ['post', seriesUrl, { code: 'D2', defaultNos: 'maybe' }, 'Choose on or off.'],
      ['put', `${seriesUrl}/${seriesId}`, { dateOrder: 'x' }, 'Choose on or off.'],
      ['post', seriesUrl, { code: 'LBL' }, 'A number series with the code LBL already exists.'],
      ['post', linesUrl, { startingNo: 'A1', incrementBy: 0 }, 'Enter 1 or more.'],
      ['post', linesUrl, { startingNo: 'A1', incrementBy: 1.5 }, 'Enter a whole number.'],
      ['put', lineUrl, { incrementBy: 'abc' }, 'Enter a number.'],
      ['post', linesUrl, { startingNo: 'A1', lineNo: -1 }, 'Enter 0 or a positive number.'],
      ['post', linesUrl, { startingNo: 'A1', startingDate: '30-02-2023' }, 'Enter a date as YYYY-MM-DD.'],
      ['post', linesUrl, { startingNo: 5 }, 'Enter text.'],
      ['post', linesUrl, { startingNo: 'A1', open: 'yes' }, 'Choose on or off.'],
      ['post', linesUrl, { startingNo: 'ABC' }, 'The starting number must contain a number.'],
      [
        'post',
        linesUrl,
        { startingNo: 'A5', endingNo: 'A1' },
        'The starting number A5 must not be greater than the ending number A1 in the number series LBL.',
      ],
      [
        'post',
        linesUrl,
        { startingNo: 'A1', warningNo: 'A5' },
        'The number series LBL needs an ending number before a warning number can be set.',
      ],
      ['post', seriesUrl, { code: 5, defaultNos: 'x' }, 'Enter a code. (1 more below)'],
    ];
    const before = await docs(t.strapi, UID.noSeriesLine).findMany({ filters: { series: { documentId: seriesId } } });
    for (const [method, url, body, message] of cases) {
      const res = await admin[method](url, body);
      expect([method, url, body, res.status, res.body.error?.message]).toEqual([method, url, body, 400, message]);
      for (const shown of messagesOf(res)) expect([body, shown]).not.toEqual([body, expect.stringMatching(KEYS)]);
    }
    // Nothing was written.
    expect(await docs(t.strapi, UID.noSeriesLine).findMany({ filters: { series: { documentId: seriesId } } })).toEqual(
      before,
    );
    expect(
      await docs(t.strapi, UID.noSeries).findMany({ filters: { code: { $in: ['U1', 'U2', 'D1', 'D2'] } } }),
    ).toEqual([]);
  });
});
