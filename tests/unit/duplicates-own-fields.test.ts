import { ownFieldsForSearch } from '../../src/plugins/marketing-setup/server/src/domain/duplicates/own-fields';
import {
  buildSearchStrings,
  DEFAULT_SEARCH_SETUP,
  matchingStrings,
} from '../../src/plugins/marketing-setup/server/src/domain/duplicates';

const flags = { inheritAddressDetails: true, inheritCommunicationDetails: true };
const company = {
  address: 'Kerkstraat 1',
  postCode: '9000',
  city: 'Gent',
  phoneNo: '09 111 11 11',
  email: 'info@fabrikam.be',
};
const person = (name: string, extra: Record<string, unknown> = {}) => ({
  type: 'person',
  name,
  ...company,
  inheritanceOverrides: [],
  ...extra,
});
const strings = (c: Record<string, unknown>) =>
  buildSearchStrings(ownFieldsForSearch(c, true, flags), DEFAULT_SEARCH_SETUP);

test('two colleagues who inherit the company address and phone share no search string', () => {
  expect(matchingStrings(strings(person('Jan Peeters')), strings(person('Ann Claes')))).toBe(0);
});

test("a field set by hand (an override) is the person's own and is indexed; the address block moves as one", () => {
  const own = ownFieldsForSearch(
    person('Jan Peeters', { phoneNo: '0470 11 22 33', inheritanceOverrides: ['phoneNo', 'address'] }),
    true,
    flags,
  );
  expect(own).toMatchObject({ phoneNo: '0470 11 22 33', address: 'Kerkstraat 1', city: 'Gent', email: null });
});

test('a switched-off Inherit flag means the field is not inherited; companies and persons without company are unchanged', () => {
  expect(
    ownFieldsForSearch(person('Jan'), true, { inheritAddressDetails: false, inheritCommunicationDetails: true }),
  ).toMatchObject({ city: 'Gent', phoneNo: null });
  const c = { type: 'company', name: 'Fabrikam', ...company };
  expect(ownFieldsForSearch(c, true, flags)).toBe(c);
  expect(ownFieldsForSearch(person('Jan'), false, flags)).toMatchObject({ city: 'Gent', phoneNo: '09 111 11 11' });
});
