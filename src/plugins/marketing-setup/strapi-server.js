'use strict';
// Server entry. Strapi requires it (plain .js; a .ts entry would be ignored) and takes its export.
// - Installed from npm (this file sits in node_modules): the package's own build, dist/server, made by
//   `npm pack` (prepack): dist/server/src, next to dist/shared (the contracts it shares with the admin).
// - Local plugin in the host app (src/plugins/marketing-setup): the host app's tsc output
//   (dist/src/plugins/marketing-setup/server/src), made by `strapi build` / `strapi develop`. A
//   dist/server left over from a pack is only a fallback, so packing never changes what the app runs.
const fs = require('fs');
const path = require('path');

const packaged = path.join(__dirname, 'dist', 'server', 'src', 'index.js');
const installed = __dirname.split(path.sep).includes('node_modules');

function hostBuild() {
  const distSrc = (global.strapi && global.strapi.dirs && global.strapi.dirs.dist && global.strapi.dirs.dist.src)
    || path.resolve(__dirname, '../../../dist/src');
  return path.join(distSrc, 'plugins', 'marketing-setup', 'server', 'src', 'index.js');
}

let entry;
if (installed) {
  entry = packaged;
} else {
  const local = hostBuild();
  entry = fs.existsSync(local) || !fs.existsSync(packaged) ? local : packaged;
}
if (!fs.existsSync(entry)) {
  throw new Error(
    `strapi-plugin-marketing-setup: server build not found at ${entry}. ` +
      (installed
        ? 'The package was not built; install a packed release (npm pack runs the build).'
        : 'Run the host app build (npm run build / strapi develop) so its tsc compiles src/plugins.'),
  );
}
module.exports = require(entry);
