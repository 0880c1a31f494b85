import {
  RECORD_REQUIREMENTS,
  firstRefused,
  refusalMessage,
  type Requirement,
} from '../../src/plugins/marketing-setup/server/src/domain/record-permissions';

const allows =
  (...granted: string[]) =>
  (req: Requirement) =>
    granted.includes(`${req.record}:${req.action}`);

describe('what each admin operation needs on the contacts it touches', () => {
  test('the side panels that only show need read on the contact; the reset needs update', () => {
    for (const op of ['inheritance', 'propagationPreview', 'contactDuplicates', 'timeline'] as const) {
      expect(RECORD_REQUIREMENTS[op]).toEqual([{ record: 'contact', action: 'read' }]);
    }
    expect(RECORD_REQUIREMENTS.resetInheritance).toEqual([{ record: 'contact', action: 'update' }]);
  });

  test('a merge: update the survivor, delete the duplicate; its dry run: read both; an undo: update the survivor, create the duplicate', () => {
    expect(RECORD_REQUIREMENTS.merge).toEqual([
      { record: 'survivor', action: 'update' },
      { record: 'duplicate', action: 'delete' },
    ]);
    expect(RECORD_REQUIREMENTS.mergeDryRun).toEqual([
      { record: 'survivor', action: 'read' },
      { record: 'duplicate', action: 'read' },
    ]);
    expect(RECORD_REQUIREMENTS.undo).toEqual([
      { record: 'survivor', action: 'update' },
      { record: 'duplicate', action: 'create' },
    ]);
  });
});

describe('firstRefused', () => {
  test('all met → null', () => expect(firstRefused('merge', allows('survivor:update', 'duplicate:delete'))).toBeNull());
  test('the survivor may be changed but the duplicate not deleted → the delete is refused', () =>
    expect(firstRefused('merge', allows('survivor:update', 'duplicate:read'))).toEqual({
      record: 'duplicate',
      action: 'delete',
    }));
  test('nothing allowed → the first requirement in the table', () =>
    expect(firstRefused('merge', allows())).toEqual({ record: 'survivor', action: 'update' }));
  test('read is not update', () =>
    expect(firstRefused('resetInheritance', allows('contact:read'))).toEqual({ record: 'contact', action: 'update' }));
});

describe('refusalMessage', () => {
  test('says what may not be done to which contact, with its number', () => {
    expect(refusalMessage({ record: 'contact', action: 'read' }, 'CT000002')).toBe(
      'You may not see this contact (CT000002); your role does not allow it.',
    );
    expect(refusalMessage({ record: 'duplicate', action: 'delete' }, 'CT000009')).toBe(
      'You may not delete the duplicate contact (CT000009); your role does not allow it.',
    );
    expect(refusalMessage({ record: 'survivor', action: 'update' })).toBe(
      'You may not change the surviving contact; your role does not allow it.',
    );
  });
});
