/**
 * Bad payloads for the plugin's write routes, generated with fast-check from the content-type schemas
 * (and, for the action routes, from the fields of their bodies described the same way). Every payload is
 * one base body of a route with one thing broken; the kinds are the classes of issue 12 plus wrong
 * types, unknown fields and overlong text.
 */
import fc from 'fast-check';

export type Attr = { type: string; maxLength?: number; relation?: string; [k: string]: unknown };
export type Attrs = Record<string, Attr>;

/** One write route: where it is, who calls it, how its body looks. */
export interface Target {
  name: string;
  client: 'api' | 'admin';
  method: 'post' | 'put';
  /** The path with ":id" for its record param, if it has one. */
  path: string;
  /** A record that exists (filled in once fixtures exist); malformed ids replace it for the pathId kind. */
  id?: string;
  /** Core routes take { data: {...} }; action and admin routes take the fields flat. */
  wrap: boolean;
  attributes: Attrs;
  base: Record<string, unknown>;
}

export interface Payload {
  target: string;
  kind: string;
  method: 'post' | 'put';
  client: 'api' | 'admin';
  url: string;
  body: string;
}

const CONTROL = fc.constantFrom('\u0000', '\u0001', '\u0007', '\u000b', '\u001b', '\u007f');
const TEXTISH = new Set(['string', 'text', 'email', 'uid', 'enumeration', 'relation', 'docref']);
const NUMERIC = new Set(['integer', 'biginteger', 'decimal', 'float']);
const TEMPORAL = new Set(['date', 'datetime', 'time']);

const textWithControl = fc
  .tuple(fc.string({ maxLength: 8 }), CONTROL, fc.string({ maxLength: 8 }))
  .map(([a, c, b]) => `${a}${c}${b}`);

const outOfRange = (type: string) =>
  type === 'integer' || type === 'biginteger'
    ? fc
        .constantFrom(
          2147483648,
          -2147483649,
          1e308,
          -1e308,
          1e20,
          1.5,
          '99999999999999999999999',
          '1e400',
          2 ** 53 + 0.5,
        )
        .filter((v) => type === 'integer' || !(typeof v === 'number' && Math.abs(v) <= 2 ** 63 && Number.isInteger(v)))
    : fc.constantFrom(1e308, -1e308, 2147483648, 1e9, -1e9, 100000000, '1e400', 'Infinity');

const badRelation = fc.oneof(
  fc.constantFrom(
    1.5,
    1e308,
    2147483648,
    -999999999999,
    0,
    -1,
    {},
    { foo: 1 },
    true,
    'a/b',
    'x'.repeat(65),
    '../etc',
    [{}],
    { id: 1.5 },
    { id: -3 },
    { documentId: 5 },
    { connect: [1.5] },
    { connect: [{ id: 2147483648 }] },
    { disconnect: [{}] },
    { set: ['a b'] },
    { connect: {} },
  ),
  textWithControl,
  fc.double({ noNaN: true }).filter((d) => !Number.isInteger(d) || d < 1 || d > 2147483647),
);

const unrealTemporal = (type: string) =>
  type === 'time'
    ? fc.constantFrom('24:00', '12:60', '25:61:61', 'noon', '9', '12:00:60', '')
    : fc.constantFrom(
        '2023-02-29',
        '2024-02-29T25:61:61Z',
        '2024-13-01',
        '2024-00-10',
        '2024-04-31',
        'yesterday',
        '2024-02-30T10:00:00Z',
        '31/12/2024',
        '0000-01-01',
      );

const wrongType = (type: string) =>
  type === 'boolean'
    ? fc.constantFrom<unknown>({}, [1], 'maybe', { a: true })
    : NUMERIC.has(type)
      ? fc.constantFrom<unknown>('abc', {}, [], { n: 1 }, [1, 2])
      : TEMPORAL.has(type)
        ? fc.constantFrom<unknown>({}, [], true, 12345.5)
        : type === 'enumeration'
          ? fc.constantFrom<unknown>('notAValue', {}, [], 12)
          : fc.constantFrom<unknown>({}, [], { a: 'b' }, [1, 2], true);

/** Nested arrays (or objects) `depth` deep, as JSON text (JSON.stringify of such a value overflows the stack). */
export const nestedJson = (depth: number, objects = false) =>
  objects
    ? `${'{"a":'.repeat(depth - 1)}{"leaf":1}${'}'.repeat(depth - 1)}`
    : `${'['.repeat(depth)}${']'.repeat(depth)}`;

const fieldsOf = (t: Target, pick: (a: Attr) => boolean) =>
  Object.entries(t.attributes)
    .filter(([, a]) => pick(a))
    .map(([f]) => f);

/** The body of a target with `mutate` applied to its data (the {data} object of core routes, the body itself otherwise). */
const withData = (t: Target, mutate: (d: Record<string, unknown>) => void) => {
  const data: Record<string, unknown> = JSON.parse(JSON.stringify(t.base));
  mutate(data);
  return JSON.stringify(t.wrap ? { data } : data);
};

const url = (t: Target, id = t.id) => (id === undefined ? t.path : t.path.replace(':id', id));

/** The payload kinds that apply to a target, each an arbitrary of [kind, url, raw JSON body]. */
function kindsFor(t: Target): fc.Arbitrary<[string, string, string]>[] {
  const out: fc.Arbitrary<[string, string, string]>[] = [];
  const field = (fields: string[]) => fc.constantFrom(...fields);
  const text = fieldsOf(t, (a) => TEXTISH.has(a.type));
  const numeric = fieldsOf(t, (a) => NUMERIC.has(a.type));
  const relations = fieldsOf(t, (a) => a.type === 'relation' || a.type === 'docref');
  const temporal = fieldsOf(t, (a) => TEMPORAL.has(a.type));
  const typed = fieldsOf(
    t,
    (a) => a.type !== 'json' && a.type !== 'relation' && a.type !== 'docref' && a.type !== 'stringlist',
  );
  const limited = fieldsOf(t, (a) => typeof a.maxLength === 'number');
  if (text.length) {
    out.push(
      fc.tuple(field(text), textWithControl).map(([f, v]) => [
        'control',
        url(t),
        withData(t, (d) => {
          d[f] = v;
        }),
      ]),
    );
  }
  out.push(
    fc
      .tuple(
        fc.constantFrom('__proto__', 'constructor', 'prototype'),
        fc.integer({ min: 0, max: 3 }),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(([key, depth, v]) => {
        // Built as JSON text: an object literal would set the prototype instead of a "__proto__" key.
        const inner = `{${JSON.stringify(key)}:${JSON.stringify(v ?? null)}}`;
        const wrapped = Array.from({ length: depth }).reduce<string>((s) => `{"x":${s}}`, inner);
        const data = JSON.stringify(t.base).replace(
          /^\{/,
          () => `{"zz":${wrapped}${Object.keys(t.base).length ? ',' : ''}`,
        );
        return ['protoKey', url(t), t.wrap ? `{"data":${data}}` : data];
      }),
  );
  out.push(
    fc.tuple(fc.integer({ min: 21, max: 5000 }), fc.boolean(), fc.boolean()).map(([depth, objects, whole]) => [
      'deepNesting',
      url(t),
      whole
        ? nestedJson(depth, objects)
        : withData(t, (d) => {
            d.deep = '<deep>';
          }).replace('"<deep>"', () => nestedJson(depth, objects)),
    ]),
  );
  if (numeric.length)
    out.push(
      fc.tuple(field(numeric)).chain(([f]) =>
        outOfRange(t.attributes[f].type).map(
          (v) =>
            [
              'outOfRange',
              url(t),
              withData(t, (d) => {
                d[f] = v;
              }),
            ] as [string, string, string],
        ),
      ),
    );
  if (relations.length)
    out.push(
      fc.tuple(field(relations), badRelation).map(([f, v]) => [
        'badRelation',
        url(t),
        withData(t, (d) => {
          d[f] = v;
        }),
      ]),
    );
  if (temporal.length)
    out.push(
      field(temporal).chain((f) =>
        unrealTemporal(t.attributes[f].type).map(
          (v) =>
            [
              'badDate',
              url(t),
              withData(t, (d) => {
                d[f] = v;
              }),
            ] as [string, string, string],
        ),
      ),
    );
  if (typed.length)
    out.push(
      field(typed).chain((f) =>
        wrongType(t.attributes[f].type).map(
          (v) =>
            [
              'wrongType',
              url(t),
              withData(t, (d) => {
                d[f] = v;
              }),
            ] as [string, string, string],
        ),
      ),
    );
  if (limited.length) {
    out.push(
      fc.tuple(field(limited), fc.integer({ min: 1, max: 300 })).map(([f, extra]) => [
        'tooLong',
        url(t),
        withData(t, (d) => {
          d[f] = 'x'.repeat((t.attributes[f].maxLength as number) + extra);
        }),
      ]),
    );
  }
  out.push(
    fc
      .tuple(fc.stringMatching(/^[a-z][A-Za-z]{2,12}$/), fc.jsonValue({ maxDepth: 1 }))
      .filter(([k]) => !(k in t.attributes) && k !== 'locale')
      .map(([k, v]) => [
        'unknownField',
        url(t),
        withData(t, (d) => {
          d[`zz${k}`] = v ?? 1;
        }),
      ]),
  );
  if (t.wrap)
    out.push(
      fc.constantFrom('fr', 'nl', 'xx', 'en').map((loc) => [
        'locale',
        url(t),
        withData(t, (d) => {
          d.locale = loc;
        }),
      ]),
    );
  out.push(
    fc
      .tuple(fc.constantFrom('locale', 'filters[name][$eq]', 'populate', 'x'), textWithControl)
      .map(([key, v]) => ['queryControl', `${url(t)}?${key}=${encodeURIComponent(v)}`, withData(t, () => {})]),
  );
  if (t.id !== undefined) {
    out.push(
      fc
        .oneof(
          fc.constantFrom('%00', 'a.b', 'x'.repeat(65), '%0a', 'a%20b', '-1', '%E2%80%AE', '1e308', 'a%00b'),
          textWithControl.map(encodeURIComponent),
        )
        .map((id) => ['pathId', url(t, id), withData(t, () => {})]),
    );
  }
  return out;
}

/** `count` payloads spread over the targets, reproducible from `seed`. */
export function generatePayloads(targets: Target[], count: number, seed: number): Payload[] {
  const perTarget = targets.map((t) =>
    fc
      .oneof(...kindsFor(t))
      .map(([kind, u, body]): Payload => ({ target: t.name, kind, method: t.method, client: t.client, url: u, body })),
  );
  return fc.sample(fc.oneof(...perTarget), { seed, numRuns: count });
}
