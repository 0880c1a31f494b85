/** A company record used by the duplicate-search unit tests. */
export const FABRIKAM = {
  type: 'company',
  name: 'Fabrikam NV',
  address: 'Kerkstraat 12',
  city: 'Antwerpen',
  postCode: '2000',
  phoneNo: '03 123 45 67',
  vatRegistrationNo: 'BE 0123.456.749',
  email: 'info@fabrikam.be',
};
