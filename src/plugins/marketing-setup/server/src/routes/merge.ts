/** Merging contacts (content API, /api/marketing-setup/...). */
export default {
  type: 'content-api',
  routes: [
    { method: 'POST', path: '/contacts/:documentId/merge', handler: 'merge.merge' },
    { method: 'POST', path: '/merge-log/:documentId/undo', handler: 'merge.undo' },
  ],
};
