/**
 * The plugin's layers, checked on the source text (README "Architecture"): domain is pure, only
 * repositories and migrations touch the database, services never reach into the write rules, and
 * nothing below the services asks Strapi for a service. A file that breaks a rule is named in the failure.
 */
import * as fs from 'fs';
import * as path from 'path';

const SERVER = path.resolve(__dirname, '../../src/plugins/marketing-setup/server/src');

const files = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    );

const all = files(SERVER).map((file) => ({
  file: path.relative(SERVER, file),
  // Comments say what code does and may name knex or getService; only code counts.
  code: fs
    .readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1'),
}));
const under = (...dirs: string[]) => all.filter(({ file }) => dirs.some((d) => file.startsWith(`${d}/`) || file === d));
const notUnder = (...dirs: string[]) => all.filter(({ file }) => !dirs.some((d) => file.startsWith(`${d}/`)));
const offenders = (set: typeof all, pattern: RegExp) => set.filter(({ code }) => pattern.test(code)).map((f) => f.file);

/**
 * Database access: a knex value import, opening a transaction (repositories/unit-of-work.ts does), the raw
 * connection, Strapi's query engine, a transaction used as a query builder, raw SQL, dialect branches.
 */
const DATA_ACCESS =
  /from 'knex'(?<!import type [^;]*from 'knex')|\bdb\.transaction\(|\bdb\.connection\b|\bdb\.query\(|\btrx\(|\.trx\(|\.raw\(|\bisPostgres\(|\bdialect\.client\b/;
const imports = (target: string) => new RegExp(`from '(\\.\\.?/)+(.*/)?${target}(/[^']*)?'`);

describe('layers of the plugin server', () => {
  it('has source files to check', () => {
    expect(all.length).toBeGreaterThan(50);
    expect(under('repositories').length).toBeGreaterThan(3);
  });

  it('domain/ imports neither Strapi nor knex nor any other layer (only shared/contracts, pure constants and types)', () => {
    const domain = path.join(SERVER, 'domain');
    const shared = path.resolve(SERVER, '../../shared/contracts');
    const leaves = under('domain').filter(({ file, code }) =>
      [...code.matchAll(/from '([^']+)'/g)].some(([, spec]) =>
        spec.startsWith('.')
          ? ![domain, shared].some((dir) => path.resolve(SERVER, path.dirname(file), spec).startsWith(dir))
          : spec.startsWith('@strapi/') || spec === 'knex',
      ),
    );
    expect(leaves.map((f) => f.file)).toEqual([]);
  });

  it('only repositories/ and migrations/ access the database', () => {
    expect(offenders(notUnder('repositories', 'migrations'), DATA_ACCESS)).toEqual([]);
  });

  it('services/ never import write-rules/ or jobs/', () => {
    expect(
      offenders(under('services'), new RegExp(`${imports('write-rules').source}|${imports('jobs').source}`)),
    ).toEqual([]);
  });

  it('nothing below the services imports them (write rules, operations, feature modules, repositories)', () => {
    const below = notUnder('services', 'controllers', 'admin-api', 'jobs', 'routes').filter(
      ({ file }) => !['bootstrap.ts', 'register.ts', 'index.ts', 'utils/services.ts'].includes(file),
    );
    expect(offenders(below, imports('services'))).toEqual([]);
  });

  it('nothing below the services asks Strapi for a service (getService)', () => {
    const below = notUnder('services', 'controllers', 'admin-api', 'jobs').filter(
      ({ file }) => !['bootstrap.ts', 'register.ts', 'index.ts', 'utils/services.ts'].includes(file),
    );
    expect(offenders(below, /\bgetService\(|strapi\.plugin\([^)]*\)\.service\(/)).toEqual([]);
  });

  it('repositories/ never import services, write rules, controllers or jobs', () => {
    const upper = ['services', 'write-rules', 'controllers', 'admin-api', 'jobs']
      .map((d) => imports(d).source)
      .join('|');
    expect(offenders(under('repositories'), new RegExp(upper))).toEqual([]);
  });
});
