// LOG_LEVEL=error keeps tests and benchmarks quiet (Strapi's default `http` logs every request).
export default ({ env }) => ({ level: env('LOG_LEVEL', 'http') });
