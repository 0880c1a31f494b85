/** Request validation of the admin's merge log list. */
import { validateYupSchema, yup } from '@strapi/utils';
import { pageFields } from './fields';

const listQuery = yup.object(pageFields(100, { page: 1, pageSize: 25 })).noUnknown();

/** Query strings: "2" is cast to 2. */
export const validateMergeLogQuery = (query: unknown) => validateYupSchema(listQuery, { strict: false })(query ?? {});
