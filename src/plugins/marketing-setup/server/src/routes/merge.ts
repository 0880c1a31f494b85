import * as v from '../validation/content-api';

/** Merging contacts (content API, /api/marketing-setup/...). */
export default {
  type: 'content-api',
  routes: [
    {
      method: 'POST',
      path: '/contacts/:documentId/merge',
      handler: 'merge.merge',
      request: { params: { documentId: v.contactParams.documentId }, body: { 'application/json': v.mergeBody } },
      response: v.responses.merge,
    },
    {
      method: 'POST',
      path: '/merge-log/:documentId/undo',
      handler: 'merge.undo',
      request: { params: v.mergeLogParams, body: { 'application/json': v.emptyBody } },
      response: v.responses.undo,
    },
  ],
};
