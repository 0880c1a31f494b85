/** Request validation of the admin API behind the contact side panels. */
import { validateYupSchema, yup } from '@strapi/utils';

const resetBody = yup
  .object({ fields: yup.array(yup.string().required()).optional() })
  .noUnknown()
  .strict();
/** The preview takes the company's edited values; only the name and the inheritable fields matter. */
const previewBody = yup.object({ data: yup.object().required('Send the edited values in data.') }).noUnknown();

export const validateResetInheritance = (body: unknown) => validateYupSchema(resetBody)(body ?? {});
export const validatePropagationPreview = (body: unknown) => validateYupSchema(previewBody)(body ?? {});
