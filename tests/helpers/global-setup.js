// Compile the TypeScript app (and the local plugin's server) once per Jest run; every integration
// test file then boots Strapi from dist/. tsc --noEmit runs first in CI because compileStrapi exits
// the process on a type error, which would hide the message inside a Jest worker.
const { compileStrapi } = require('@strapi/strapi');

module.exports = async () => {
  if (process.env.SKIP_COMPILE === 'true') return;
  await compileStrapi({ appDir: process.cwd(), ignoreDiagnostics: false });
};
