/** Request validation of PUT /marketing-setup/settings. */
import { validateYupSchema, yup } from '@strapi/utils';
import { CORRESPONDENCE_TYPES } from '../../content-types/fields';
import { SETUP_BOOLEANS, SETUP_RELATIONS } from '../../../../shared/contracts/settings';
import { SETUP_NUMBER_BOUNDS as BOUNDS } from '../../domain/setup';
import { documentRef, strictObject, text, wholeNumber, yesNo } from './fields';

const setupSchema = strictObject({
  ...Object.fromEntries(SETUP_BOOLEANS.map((f) => [f, yesNo()])),
  ...Object.fromEntries(Object.keys(SETUP_RELATIONS).map((f) => [f, documentRef()])),
  defaultFormatRegion: text(80),
  defaultCorrespondenceType: yup
    .mixed()
    .nullable()
    .oneOf([...CORRESPONDENCE_TYPES, null], 'Choose hard copy, e-mail or leave it blank.'),
  // The 1..100 rule of Search Hit % is a business rule: the domain checks it (coupleDuplicateFlags).
  searchHitPercent: yup.number().nullable().typeError('Enter a number.'),
  emailQueueFolder: text(250),
  emailStorageFolder: text(250),
  emailBatchSize: wholeNumber().min(BOUNDS.emailBatchSize.min, BOUNDS.emailBatchSize.message),
  emailCheckIntervalSeconds: wholeNumber().min(
    BOUNDS.emailCheckIntervalSeconds.min,
    BOUNDS.emailCheckIntervalSeconds.message,
  ),
  emailImapHost: text(255),
  emailImapPort: wholeNumber()
    .min(BOUNDS.emailImapPort.min, BOUNDS.emailImapPort.message)
    .max(BOUNDS.emailImapPort.max, BOUNDS.emailImapPort.message),
  emailImapUser: text(255),
  // The domain list itself is checked by the domain rule (parseOurDomains), which names a bad entry.
  emailOurDomains: text(1000),
});

export const validateSetupUpdate = validateYupSchema(setupSchema);
