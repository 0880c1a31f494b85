import { assertCodeNotBlank, hasRequiredCode } from '../../src/plugins/marketing-setup/server/src/domain/codes';

test('a code table code: blank or missing on create, blank or null on update → "Code must not be blank."', () => {
  for (const data of [{}, { code: '' }, { code: '   ' }, { code: null }, null])
    expect(() => assertCodeNotBlank('create', data)).toThrow('Code must not be blank.');
  for (const data of [{ code: '' }, { code: ' \t' }, { code: null }])
    expect(() => assertCodeNotBlank('update', data)).toThrow('Code must not be blank.');
  expect(() => assertCodeNotBlank('create', { code: 'EU' })).not.toThrow();
  expect(() => assertCodeNotBlank('update', { name: 'Europa' })).not.toThrow();
  expect(() => assertCodeNotBlank('update', { code: undefined })).not.toThrow();
  expect(hasRequiredCode({ code: { type: 'string', required: true } })).toBe(true);
  expect(hasRequiredCode({ name: { type: 'string' } })).toBe(false);
});
