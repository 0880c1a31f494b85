/** The admin routes' permission check (admin-api/policies.ts): the ability decides, the refusal names what is missing. */
import { may, refusalOf } from '../../src/plugins/marketing-setup/server/src/admin-api/policies';

const withAbility = (granted: string[]) => ({
  state: { userAbility: { can: (action: string, subject?: string) => granted.includes(`${action}|${subject ?? ''}`) } },
});

describe('may', () => {
  it('lets through what the ability allows, with the subject for Content Manager actions', () => {
    const config = { action: 'plugin::content-manager.explorer.update', subject: 'plugin::marketing-setup.contact' };
    expect(may(withAbility(['plugin::content-manager.explorer.update|plugin::marketing-setup.contact']), config)).toBe(
      true,
    );
    expect(() => may(withAbility(['plugin::content-manager.explorer.update|']), config)).toThrow(
      'Your role may not update contacts (Settings → Roles → Collection Types → Contact).',
    );
  });

  it('refuses without an ability (no admin), as a 403 PolicyError', () => {
    let thrown: unknown;
    try {
      may({ state: {} }, { action: 'plugin::marketing-setup.settings.read' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toMatchObject({
      name: 'PolicyError',
      message:
        'Your role does not have the permission "Read the Marketing Setup" (Settings → Roles → Plugins → Marketing Setup).',
    });
  });

  it('names an action of another plugin by its id', () => {
    expect(refusalOf({ action: 'plugin::upload.read' })).toBe(
      'Your role does not have the permission plugin::upload.read.',
    );
  });
});
