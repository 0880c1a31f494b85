export default ({ env }) => ({
  'users-permissions': { config: { jwtSecret: env('JWT_SECRET') } },
  // A local plugin needs `enabled: true` as well as `resolve`, or the admin bundler skips it.
  'marketing-setup': {
    enabled: true,
    resolve: './src/plugins/marketing-setup',
    // The duplicate search's background worker: 0 = this instance does no background work.
    config: { duplicateWorkerIntervalMs: env.int('MS_DUPLICATE_WORKER_INTERVAL_MS', 2000) },
  },
});
