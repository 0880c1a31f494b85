import * as v from '../validation/content-api';

/** Interactions (content API, /api/marketing-setup/...): manual logging and a contact's timeline. */
export default {
  type: 'content-api',
  routes: [
    {
      method: 'POST',
      path: '/interactions',
      handler: 'interactions.log',
      request: { body: { 'application/json': v.logBody } },
      response: v.responses.entry,
    },
    {
      method: 'GET',
      path: '/contacts/:documentId/interactions',
      handler: 'interactions.timeline',
      request: { params: v.contactParams, query: v.timelineQuery.shape },
      response: v.responses.timeline,
    },
  ],
};
