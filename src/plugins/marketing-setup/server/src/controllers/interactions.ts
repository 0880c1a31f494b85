import type { Core } from '@strapi/strapi';
import { yup, validateYupSchema } from '@strapi/utils';
import {
  DOCUMENT_KINDS, EVALUATIONS, INFORMATION_FLOWS, INITIATED_BY, INTERACTION_CORRESPONDENCE_TYPES, isIsoDate, isTimeOfDay,
} from '../domain/interactions';
import { getService } from '../utils/services';

const amount = (label: string) => yup.number().typeError(`${label} must be a number.`).min(0, `${label} cannot be negative.`);
const oneOf = (label: string, values: readonly string[]) =>
  yup.string().oneOf([...values], `${label} must be one of: ${values.join(', ')}.`);

/** Manual logging: the contact by documentId, the kind of interaction or a template code. */
export const logBody = yup.object({
  contact: yup.string().required('Give the contact (its documentId).'),
  kind: oneOf('kind', DOCUMENT_KINDS).optional(),
  template: yup.string().optional(),
  description: yup.string().max(100).optional(),
  subject: yup.string().max(100).optional(),
  date: yup.string().test('date', (p: any) => `date "${p.value}" is not a date (use YYYY-MM-DD).`, (v) => v === undefined || isIsoDate(v)).optional(),
  time: yup.string().test('time', (p: any) => `time "${p.value}" is not a time of day (use HH:MM or HH:MM:SS).`, (v) => v === undefined || isTimeOfDay(v)).optional(),
  attemptFailed: yup.boolean().typeError('attemptFailed must be true or false.').optional(),
  cost: amount('cost').optional(),
  durationMin: amount('durationMin').optional(),
  informationFlow: oneOf('informationFlow', INFORMATION_FLOWS).optional(),
  initiatedBy: oneOf('initiatedBy', INITIATED_BY).optional(),
  evaluation: oneOf('evaluation', EVALUATIONS).optional(),
  correspondenceType: oneOf('correspondenceType', INTERACTION_CORRESPONDENCE_TYPES).optional(),
  salesperson: yup.string().optional(),
  opportunity: yup.string().optional(),
  documentNo: yup.string().max(50).optional(),
}).noUnknown().strict()
  .test('kind-or-template', 'Give the kind of interaction (e.g. outgoingCalls) or a template code.', (v: any) => !!(v?.kind || v?.template));

/** Content API of interactions; input is validated here, the timeline query in the domain. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async log(ctx: any) {
    const body = await validateYupSchema(logBody)(ctx.request.body ?? {});
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'interactions').log(body as any) };
  },
  async timeline(ctx: any) {
    ctx.body = await getService(strapi, 'interactions').timeline(ctx.params.documentId, ctx.query ?? {});
  },
});
