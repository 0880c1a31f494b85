export default ({ env }) => ({
  'users-permissions': { config: { jwtSecret: env('JWT_SECRET') } },
  // A local plugin needs `enabled: true` as well as `resolve`, or the admin bundler skips it.
  'marketing-setup': {
    enabled: true,
    resolve: './src/plugins/marketing-setup',
    config: {},
  },
});
