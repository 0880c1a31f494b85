export default ({ env }) => ({
  'users-permissions': { config: { jwtSecret: env('JWT_SECRET') } },
  // A local plugin needs `enabled: true` as well as `resolve`, or the admin bundler skips it.
  // `local/` is the plugin's entry for this app (server: this app's tsc output, admin: the TSX via Vite);
  // the plugin folder's own package.json describes the published package (@strapi/sdk-plugin build).
  'marketing-setup': {
    enabled: true,
    resolve: './src/plugins/marketing-setup/local',
    // The duplicate search's background worker: 0 = this instance does no background work.
    config: {
      duplicateWorkerIntervalMs: env.int('MS_DUPLICATE_WORKER_INTERVAL_MS', 2000),
      // E-mail logging: how often this instance looks whether a run is due (0 = never); the IMAP password (never in the database).
      emailPollMs: env.int('MS_EMAIL_POLL_MS', 5000),
      imapPassword: env('MARKETING_SETUP_IMAP_PASSWORD', ''),
      // The clock logged e-mails are dated on (an IANA zone, e.g. Europe/Brussels); empty = the server's zone.
      timeZone: env('MARKETING_SETUP_TIME_ZONE', ''),
    },
  },
});
