import * as v from '../validation/content-api';

const json = (schema: unknown) => ({ 'application/json': schema });

/** Actions on a contact beyond CRUD (content API, /api/marketing-setup/contacts/:documentId/...). */
export default {
  type: 'content-api',
  routes: [
    {
      method: 'POST', path: '/contacts/:documentId/reset-inheritance', handler: 'contact-actions.resetInheritance',
      request: { params: v.contactParams, body: json(v.resetInheritanceBody) }, response: v.responses.contact,
    },
    {
      method: 'POST', path: '/contacts/:documentId/propagation-preview', handler: 'contact-actions.propagationPreview',
      request: { params: v.contactParams, body: json(v.propagationPreviewBody) }, response: v.responses.propagationPreview,
    },
    {
      method: 'GET', path: '/contacts/:documentId/salutation', handler: 'contact-actions.salutation',
      request: { params: v.contactParams, query: v.salutationQuery.shape }, response: v.responses.salutation,
    },
    {
      method: 'POST', path: '/contacts/:documentId/create-as', handler: 'contact-actions.createAs',
      request: { params: v.contactParams, body: json(v.createAsBody) }, response: v.responses.businessRelation,
    },
    {
      method: 'POST', path: '/contacts/:documentId/link', handler: 'contact-actions.link',
      request: { params: v.contactParams, body: json(v.linkBody) }, response: v.responses.businessRelation,
    },
    {
      method: 'POST', path: '/contacts/:documentId/find-duplicates', handler: 'contact-actions.findDuplicates',
      request: { params: v.contactParams, body: json(v.emptyBody) }, response: v.responses.duplicates,
    },
    {
      method: 'GET', path: '/contacts/:documentId/duplicates', handler: 'contact-actions.duplicates',
      request: { params: v.contactParams, query: v.duplicatesQuery.shape }, response: v.responses.duplicates,
    },
  ],
};
