/** Request validation of the admin's number series screens (series and their lines). */
import { validateYupSchema, yup } from '@strapi/utils';
import { maxCharacters, strictObject, text, wholeNumber, yesNo } from './fields';

const seriesShape = {
  code: maxCharacters(yup.string().typeError('Enter a code.'), 20),
  description: text(100),
  defaultNos: yesNo(),
  manualNos: yesNo(),
  dateOrder: yesNo(),
};

export const validateSeriesCreate = validateYupSchema(
  strictObject({ ...seriesShape, code: seriesShape.code.required('Enter a code.') }),
);
export const validateSeriesUpdate = validateYupSchema(strictObject(seriesShape));

const number20 = () => text(20);
const lineShape = {
  lineNo: wholeNumber().min(0, 'Enter 0 or a positive number.'),
  startingDate: yup
    .string()
    .nullable()
    .typeError('Enter a date.')
    .matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Enter a date as YYYY-MM-DD.', excludeEmptyString: true }),
  startingNo: number20(),
  endingNo: number20(),
  warningNo: number20(),
  incrementBy: wholeNumber().min(1, 'Enter 1 or more.'),
  lastNoUsed: number20(),
  open: yesNo(),
  allowGaps: yesNo(),
};

export const validateLine = validateYupSchema(strictObject(lineShape));
