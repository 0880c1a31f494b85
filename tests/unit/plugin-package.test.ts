/**
 * The plugin has two entries: the published package (src/plugins/marketing-setup, built by @strapi/sdk-plugin)
 * and the host app's local entry (local/, which loads the sources). Strapi reads the plugin's name and kind
 * from the `strapi` block of whichever it loads, so the two blocks must not drift apart.
 */
import published from '../../src/plugins/marketing-setup/package.json';
import local from '../../src/plugins/marketing-setup/local/package.json';

test('the local entry declares the same plugin as the published package', () => {
  expect(local.strapi).toEqual(published.strapi);
  expect(local).not.toHaveProperty('exports'); // with an exports map Strapi would load the built bundles instead
});
