/** Request validation of the admin's merge log list. */
import { validateYupSchema, yup } from '@strapi/utils';

const listQuery = yup
  .object({
    page: yup.number().integer().min(1).default(1),
    pageSize: yup.number().integer().min(1).max(100).default(25),
  })
  .noUnknown();

/** Query strings: "2" is cast to 2. */
export const validateMergeLogQuery = (query: unknown) => validateYupSchema(listQuery, { strict: false })(query ?? {});
