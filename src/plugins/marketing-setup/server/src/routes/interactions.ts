/** Interactions (content API, /api/marketing-setup/...): manual logging and a contact's timeline. */
export default {
  type: 'content-api',
  routes: [
    { method: 'POST', path: '/interactions', handler: 'interactions.log' },
    { method: 'GET', path: '/contacts/:documentId/interactions', handler: 'interactions.timeline' },
  ],
};
