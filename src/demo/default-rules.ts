import type { Core } from '@strapi/strapi';
import { DEMO_DOCUMENTS } from './document-types';

const RULE = 'plugin::marketing-setup.interaction-rule';

/**
 * The default auto-recording rules of the demo documents: record with the template set up for the
 * document's kind (Interaction Template Setup), for the contact person if one is given, else for the
 * contact of the customer / vendor. Seeded once (a flag in the core store) and only into a database
 * without rules, so a rule an admin deleted does not come back at the next start.
 */
export async function seedDefaultRules(strapi: Core.Strapi) {
  const store = strapi.store({ type: 'app', name: 'marketing-setup-demo', key: 'default-interaction-rules' });
  if (await store.get({})) return;
  const rules = strapi.documents(RULE as any) as any;
  if ((await rules.count({})) === 0) {
    for (const d of DEMO_DOCUMENTS) {
      await rules.create({
        data: {
          contentType: d.uid, events: [...d.events], documentKind: d.documentKind, contactField: d.party,
          contactPersonField: 'contactPerson', documentNoField: 'number', descriptionField: 'description',
          required: false, enabled: true,
        },
      });
    }
  }
  await store.set({ value: { seededAt: new Date().toISOString() } });
}
