// Admin entry of the LOCAL plugin (this folder is what the host app's config/plugins.ts resolves).
// Strapi's admin bundler takes a local plugin's package.json exports["./strapi-admin"].import when it
// exists, else this legacy `strapi-admin.js`; this folder's package.json has no exports map, so the
// host's Vite compiles the TSX source with HMR. The published package's admin entry is the plugin
// folder's exports["./strapi-admin"] (dist/admin, built by @strapi/sdk-plugin during `npm pack`).
export { default } from '../admin/src/index.tsx';
