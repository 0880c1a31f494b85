import type { Core } from '@strapi/strapi';

/** An active admin user with its roles (what the admin's authentication loads to build its ability), or null. */
export async function activeAdminWithRoles(strapi: Core.Strapi, id: number) {
  const user = await strapi.db.query('admin::user').findOne({ where: { id }, populate: ['roles'] });
  return user && user.isActive === true ? user : null;
}
