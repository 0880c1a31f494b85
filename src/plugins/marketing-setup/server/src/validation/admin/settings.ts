/** Request validation of PUT /marketing-setup/settings. */
import { validateYupSchema, yup } from '@strapi/utils';
import { CORRESPONDENCE_TYPES } from '../../content-types/fields';
import { SETUP_BOOLEANS, SETUP_RELATIONS } from '../../../../shared/contracts/settings';
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
  emailBatchSize: wholeNumber().min(0, 'Enter 0 (no limit) or a positive number.'),
  emailCheckIntervalSeconds: wholeNumber().min(10, 'Check at most every 10 seconds: enter 10 or more.'),
  emailImapHost: text(255),
  emailImapPort: wholeNumber().min(1, 'Enter a port from 1 to 65535.').max(65535, 'Enter a port from 1 to 65535.'),
  emailImapUser: text(255),
  // The domain list itself is checked by the domain rule (parseOurDomains), which names a bad entry.
  emailOurDomains: text(1000),
});

export const validateSetupUpdate = validateYupSchema(setupSchema);
