'use strict';
// Server entry. Strapi loads plugin entries with require() and reads only .js, so this file picks the
// compiled server: the package's own build (dist/server, made by `npm pack`) when installed from npm,
// or the host app's compiled copy (the app's tsc emits src/plugins/**) when used as a local plugin.
const fs = require('fs');
const path = require('path');

const packaged = path.join(__dirname, 'dist', 'server', 'index.js');
if (fs.existsSync(packaged)) {
  module.exports = require(packaged);
} else {
  const distSrc = (global.strapi && global.strapi.dirs && global.strapi.dirs.dist && global.strapi.dirs.dist.src)
    || path.resolve(__dirname, '../../../dist/src');
  module.exports = require(path.join(distSrc, 'plugins', 'marketing-setup', 'server', 'src', 'index.js'));
}
