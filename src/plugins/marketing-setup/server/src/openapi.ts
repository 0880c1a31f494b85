/**
 * The plugin's OpenAPI document: Strapi's own generator (`@strapi/openapi`, as `strapi openapi generate`) run
 * over the plugin's content-API routes (their Zod request/response schemas) and its admin routes, kept to the
 * plugin's paths. Content-API paths carry the REST prefix (/api); admin paths are under /marketing-setup.
 * `npm run openapi` writes it to docs/openapi.json and server/src/openapi.json, which GET /api/marketing-setup/openapi.json serves.
 */
import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';

type Doc = {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Record<string, Record<string, unknown> | undefined>>;
  components?: { schemas?: Record<string, unknown> } & Record<string, unknown>;
  [k: string]: unknown;
};

const PLUGIN_PATH = /^\/marketing-setup(\/|$)/;

/** Strapi's generator, when the host's Strapi ships it (5.2x and later); null otherwise. */
function generator(): null | ((strapi: Core.Strapi, options: { type: 'content-api' | 'admin' }) => { document: Doc }) {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('@strapi/openapi').generate;
  } catch {
    return null;
  }
}

/** The plugin's part of the generated document of one route type, paths prefixed. */
function pluginPart(doc: Doc, prefix: string, tag: string) {
  const paths: Doc['paths'] = {};
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!PLUGIN_PATH.test(path)) continue;
    for (const op of Object.values(item)) if (op && typeof op === 'object' && 'responses' in op) op.tags = [tag];
    paths[`${prefix}${path}`] = item;
  }
  return paths;
}

/** Strapi's generator writes `publishedAt`'s default as the time of generation: left out, so the document is reproducible. */
function withoutGenerationTime<T>(node: T): T {
  if (Array.isArray(node)) node.forEach(withoutGenerationTime);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.default === 'string' && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(o.default)) delete o.default;
    Object.values(o).forEach(withoutGenerationTime);
  }
  return node;
}

/** The component schemas the plugin's paths refer to, directly or through each other (the host's others left out). */
function referencedSchemas(paths: Doc['paths'], all: Record<string, unknown>) {
  const kept: Record<string, unknown> = {};
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        const name = k === '$ref' && typeof v === 'string' ? v.match(/^#\/components\/schemas\/(.+)$/)?.[1] : undefined;
        if (name && !(name in kept) && name in all) {
          kept[name] = all[name];
          visit(all[name]);
        } else visit(v);
      }
    }
  };
  visit(paths);
  return kept;
}

type Operation = { responses?: Record<string, { description?: string; content?: Record<string, unknown> }> } & Record<
  string,
  unknown
>;

/** Admin and custom routes that answer 201 or 202, not the 200 Strapi's generator writes for every route. */
const STATUS: Record<string, '201' | '202'> = {
  'POST /api/marketing-setup/contacts/{documentId}/create-as': '201',
  'POST /marketing-setup/no-series': '201',
  'POST /marketing-setup/no-series/{documentId}/lines': '201',
  'POST /marketing-setup/duplicate-search-lines': '201',
  'POST /marketing-setup/interaction-rules': '201',
  'POST /marketing-setup/email-reviews/{documentId}/create-contact': '201',
  'POST /marketing-setup/contacts/import/jobs': '202',
  'POST /marketing-setup/contacts/import/jobs/{id}/resume': '202',
};
/** Routes whose answer is a CSV file, not JSON. */
const CSV_ANSWERS = new Set([
  'GET /marketing-setup/contacts/export',
  'POST /marketing-setup/contacts/export',
  'GET /marketing-setup/contacts/import/jobs/{id}/errors',
]);
/** Routes that also take the file as multipart/form-data (as the admin's Import screen sends it). */
const MULTIPART = new Set([
  'POST /marketing-setup/contacts/import/analyse',
  'POST /marketing-setup/contacts/import/dry-run',
  'POST /marketing-setup/contacts/import/jobs',
]);
const multipartBody = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: { type: 'string', format: 'binary', description: 'The CSV file (UTF-8, else read as Windows-1252).' },
      mapping: { type: 'string', description: 'The column mapping as JSON text: { "<header>": "<field>" }.' },
      fileName: { type: 'string', maxLength: 255 },
    },
  },
};

/**
 * What Strapi's generator cannot know from the routes' schemas: a create's 201 (core creates and the STATUS
 * routes), a 2xx for admin routes declared without a response schema, CSV answers, multipart uploads.
 */
function withAnswers(paths: Doc['paths']) {
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, value] of Object.entries(item)) {
      const op = value as Operation | undefined;
      if (!op?.responses) continue;
      const key = `${method.toUpperCase()} ${path}`;
      const coreCreate = method === 'post' && /^\/api\/marketing-setup\/[a-z-]+$/.test(path);
      // A core delete answers 204 with no body.
      const coreDelete = method === 'delete' && /^\/api\/marketing-setup\/[a-z-]+\/\{id\}$/.test(path);
      if (coreDelete && op.responses['200']) {
        delete op.responses['200'];
        op.responses['204'] = { description: 'Deleted; no body.' };
      }
      const status = STATUS[key] ?? (coreCreate ? '201' : null);
      const ok = op.responses['200'];
      if (status && ok) {
        delete op.responses['200'];
        op.responses[status] = ok;
      }
      if (!Object.keys(op.responses).some((code) => code.startsWith('2')))
        op.responses[status ?? '200'] = { description: 'The answer: { data, meta? }.' };
      if (CSV_ANSWERS.has(key)) {
        const code = Object.keys(op.responses).find((c) => c.startsWith('2'))!;
        op.responses[code] = {
          description: 'A CSV file (UTF-8 with a byte order mark).',
          content: { 'text/csv': { schema: { type: 'string' } } },
        };
      }
      const body = op.requestBody as { content?: Record<string, unknown> } | undefined;
      if (MULTIPART.has(key) && body?.content) body.content['multipart/form-data'] = multipartBody;
    }
  }
  return paths;
}

export function buildOpenApiDocument(strapi: Core.Strapi, version: string): Doc | null {
  const generate = generator();
  if (!generate) return null;
  const content = generate(strapi, { type: 'content-api' }).document;
  const admin = generate(strapi, { type: 'admin' }).document;
  const restPrefix = String(strapi.config.get('api.rest.prefix', '/api'));
  const paths = withAnswers({ ...pluginPart(content, restPrefix, 'content-api'), ...pluginPart(admin, '', 'admin') });
  return withoutGenerationTime({
    openapi: content.openapi,
    info: {
      title: 'Marketing Setup (strapi-plugin-marketing-setup)',
      version,
      description:
        'Contacts, inheritance, number series, duplicates, business relations and interactions. Content API routes ' +
        `(${restPrefix}/marketing-setup/…) take an API token or a users-permissions JWT; admin routes (/marketing-setup/…) ` +
        'take an admin JWT and the RBAC actions of Settings → Roles → Plugins → Marketing Setup.',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'content-api', description: 'REST API for API consumers' },
      { name: 'admin', description: 'Admin panel API' },
    ],
    paths,
    components: {
      schemas: referencedSchemas(paths, content.components?.schemas ?? {}),
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
    },
    security: [{ bearerAuth: [] }],
  });
}

/** The plugin package's version: the nearest package.json above this file that is the plugin's. */
export function pluginVersion(from = __dirname): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (pkg.name === 'strapi-plugin-marketing-setup') return pkg.version;
  }
  return '0.0.0';
}
