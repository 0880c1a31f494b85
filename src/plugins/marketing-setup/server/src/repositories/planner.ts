import type { Knex } from 'knex';

/**
 * Runs `fn` with PostgreSQL planner settings changed for the caller's transaction only, and puts them back
 * afterwards: the plugin's one way of steering a statement whose estimates mislead the planner. Outside a
 * transaction (nothing to scope a setting to) `fn` runs as it is. On an error the transaction or savepoint that
 * failed takes the settings back with it (set_config(…, true) is transaction-scoped).
 */
export async function withPlannerSettings<T>(
  trx: Knex | Knex.Transaction,
  settings: Record<string, string>,
  fn: () => Promise<T>,
): Promise<T> {
  if (!trx.isTransaction) return fn();
  const names = Object.keys(settings);
  const select = (expr: (i: number) => string) => `SELECT ${names.map((_, i) => expr(i)).join(', ')}`;
  const before: { rows: Record<string, string>[] } = await trx.raw(
    select((i) => `current_setting(?) AS s${i}, set_config(?, ?, true)`),
    names.flatMap((n) => [n, n, settings[n]]),
  );
  const result = await fn();
  const [previous] = before.rows;
  await trx.raw(
    select(() => 'set_config(?, ?, true)'),
    names.flatMap((n, i) => [n, previous[`s${i}`]]),
  );
  return result;
}

/**
 * The batch duplicate lookup of `candidateIdsOfMany` with bitmap scans and JIT off.
 *
 * Why: the lookup counts each search string's and key's holders up to a cap (`LIMIT`) in subqueries whose values
 * come from another table, so the planner cannot see them and picks a bitmap scan — which reads every holder of
 * a common string (a town: thousands) before the limit applies, a cost that grows with the data. A plain index
 * scan stops at the cap. JIT compiled the 100-contact statement for ~450 ms it never won back. Measured on an
 * import's database at 30,000 contacts: 645 ms (JIT) / 203 ms (no JIT) → 58–90 ms per 100 contacts.
 * (The one-contact lookup of a save is left to the planner: two more round trips on every save, and binding the
 * values did not change its choice.)
 */
export const withPlainIndexScans = <T>(trx: Knex | Knex.Transaction, fn: () => Promise<T>) =>
  withPlannerSettings(trx, { enable_bitmapscan: 'off', jit: 'off' }, fn);
