import contact from '../../../../plugins/marketing-setup/server/src/content-types/contact';

/**
 * Benchmark baseline (bench/run.js, docs/benchmarks.md): the same attributes as the plugin's contact,
 * in a plain Strapi content type that no plugin rule touches. Comparing the two measures the cost of
 * the plugin's rules, not the cost of a 45-field schema with six relations.
 */
export default {
  kind: 'collectionType',
  collectionName: 'plain_contacts',
  info: {
    singularName: 'plain-contact',
    pluralName: 'plain-contacts',
    displayName: 'Plain contact (benchmark)',
    description: 'Benchmark baseline: the plugin contact schema without the plugin rules.',
  },
  options: { draftAndPublish: false },
  pluginOptions: { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } },
  attributes: contact.schema.attributes,
};
