import * as v from '../validation/content-api';

type Input = { body: unknown } | { query: unknown };

/**
 * One action on a contact: `<method> /contacts/:documentId/<path>`, handled by `contact-actions.<handler>`,
 * its input (a JSON body or query parameters) and answer described for validation and OpenAPI.
 */
const action = (method: 'GET' | 'POST', path: string, handler: string, input: Input, response: unknown) => ({
  method,
  path: `/contacts/:documentId/${path}`,
  handler: `contact-actions.${handler}`,
  request: {
    params: v.contactParams,
    ...('body' in input ? { body: { 'application/json': input.body } } : { query: input.query }),
  },
  response,
});

/** Actions on a contact beyond CRUD (content API, /api/marketing-setup/contacts/:documentId/...). */
export default {
  type: 'content-api',
  routes: [
    action('POST', 'reset-inheritance', 'resetInheritance', { body: v.resetInheritanceBody }, v.responses.contact),
    action(
      'POST',
      'propagation-preview',
      'propagationPreview',
      { body: v.propagationPreviewBody },
      v.responses.propagationPreview,
    ),
    action('GET', 'salutation', 'salutation', { query: v.salutationQuery.shape }, v.responses.salutation),
    action('POST', 'create-as', 'createAs', { body: v.createAsBody }, v.responses.businessRelation),
    action('POST', 'link', 'link', { body: v.linkBody }, v.responses.businessRelation),
    action('POST', 'find-duplicates', 'findDuplicates', { body: v.emptyBody }, v.responses.duplicates),
    action('GET', 'duplicates', 'duplicates', { query: v.duplicatesQuery.shape }, v.responses.duplicates),
  ],
};
