// Admin entry for the LOCAL plugin (this folder, registered with `resolve` in the app's config/plugins).
// Strapi's admin bundler uses package.json exports["./strapi-admin"].import for a local plugin when it is
// set, else this file (`strapi-admin.js` at the plugin root). The exports map deliberately has no
// "import" key, so a local plugin lands here and Vite compiles the TSX source with HMR.
// An INSTALLED package (node_modules) is resolved through the exports map instead ("default" →
// dist/admin/index.mjs, precompiled by esbuild during `npm pack`): Vite does not run its
// dynamic-import-vars transform on node_modules, so shipping TSX would drop the translations.
export { default } from './admin/src/index.tsx';
