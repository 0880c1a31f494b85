import type { Knex } from 'knex';

/**
 * Runs `fn` (the batch duplicate lookup of `candidateIdsOfMany`) with bitmap scans and JIT off, in the caller's
 * transaction, and puts both settings back afterwards.
 *
 * Why: the lookup counts each search string's and key's holders up to a cap (`LIMIT`) in subqueries whose values
 * come from another table, so the planner cannot see them and picks a bitmap scan — which reads every holder of
 * a common string (a town: thousands) before the limit applies, a cost that grows with the data. A plain index
 * scan stops at the cap. JIT compiled the 100-contact statement for ~450 ms it never won back. Measured on an
 * import's database at 30,000 contacts: 645 ms (JIT) / 203 ms (no JIT) → 58–90 ms per 100 contacts.
 * (The one-contact lookup of a save is left to the planner: two more round trips on every save, and binding the
 * values did not change its choice.)
 *
 * Outside a transaction (nothing to scope a setting to) `fn` runs as it is. On an error the transaction or
 * savepoint that failed takes the settings back with it (set_config(…, true) is transaction-scoped).
 */
export async function withPlainIndexScans<T>(trx: Knex | Knex.Transaction, fn: () => Promise<T>): Promise<T> {
  if (!trx.isTransaction) return fn();
  const before: { rows: { bitmap: string; jit: string }[] } = await trx.raw(
    `SELECT current_setting('enable_bitmapscan') AS bitmap, current_setting('jit') AS jit,
      set_config('enable_bitmapscan', 'off', true), set_config('jit', 'off', true)`,
  );
  const result = await fn();
  const [{ bitmap, jit }] = before.rows;
  await trx.raw(`SELECT set_config('enable_bitmapscan', ?, true), set_config('jit', ?, true)`, [bitmap, jit]);
  return result;
}
