'use strict';
// Server entry of the LOCAL plugin: the host app registers this folder (config/plugins.ts,
// `resolve: './src/plugins/marketing-setup/local'`). Strapi loads it because this folder's package.json
// has no exports map (a plain .js file; a .ts entry would be ignored). It returns the host app's tsc
// output of ../server/src (dist/src/plugins/marketing-setup/server/src), made by `strapi build` /
// `strapi develop` / compileStrapi, so tests and the app share one module graph with the sources.
// The published package does not use this file: its entry is package.json exports["./strapi-server"]
// of the plugin folder (dist/server, built by @strapi/sdk-plugin during `npm pack`).
const fs = require('fs');
const path = require('path');

const distSrc = (global.strapi && global.strapi.dirs && global.strapi.dirs.dist && global.strapi.dirs.dist.src)
  || path.resolve(__dirname, '../../../../dist/src');
const entry = path.join(distSrc, 'plugins', 'marketing-setup', 'server', 'src', 'index.js');
if (!fs.existsSync(entry)) {
  throw new Error(
    `marketing-setup (local plugin): server build not found at ${entry}. ` +
      'Run the host app build (npm run build / strapi develop) so its tsc compiles src/plugins.',
  );
}
module.exports = require(entry);
