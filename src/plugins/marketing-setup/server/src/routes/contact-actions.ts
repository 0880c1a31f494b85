/** Actions on a contact beyond CRUD (content API, /api/marketing-setup/contacts/:documentId/...). */
export default {
  type: 'content-api',
  routes: [
    { method: 'POST', path: '/contacts/:documentId/reset-inheritance', handler: 'contact-actions.resetInheritance' },
    { method: 'POST', path: '/contacts/:documentId/propagation-preview', handler: 'contact-actions.propagationPreview' },
    { method: 'GET', path: '/contacts/:documentId/salutation', handler: 'contact-actions.salutation' },
    { method: 'POST', path: '/contacts/:documentId/create-as', handler: 'contact-actions.createAs' },
    { method: 'POST', path: '/contacts/:documentId/link', handler: 'contact-actions.link' },
    { method: 'POST', path: '/contacts/:documentId/find-duplicates', handler: 'contact-actions.findDuplicates' },
    { method: 'GET', path: '/contacts/:documentId/duplicates', handler: 'contact-actions.duplicates' },
  ],
};
