/** The plugin's OpenAPI document (content API; an API token with the openapi action, e.g. full access). */
export default {
  type: 'content-api',
  routes: [{ method: 'GET', path: '/openapi.json', handler: 'openapi.find' }],
};
