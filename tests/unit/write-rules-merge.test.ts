import {
  duplicateGoneViolation,
  undoTakenViolation,
  undoViolation,
} from '../../src/plugins/marketing-setup/server/src/domain/merge';

describe('merge and undo refusals', () => {
  const log = { duplicateNo: 'CT000002', survivorNo: 'CT000001', undoneAt: null };

  it('a merge needs its duplicate', () => {
    const v = duplicateGoneViolation();
    expect(v.message).toBe(
      'The contact to merge no longer exists: it may have been merged into another contact or deleted. Reload the duplicates and choose again.',
    );
    expect(v.path).toEqual(['duplicate']);
  });

  it('an undo runs once, and needs the survivor', () => {
    expect(undoViolation(log, true)).toBeNull();
    expect(undoViolation({ ...log, undoneAt: '2026-01-01T00:00:00.000Z' }, false)!.message).toBe(
      'The merge of CT000002 into CT000001 was already undone.',
    );
    expect(undoViolation(log, false)!.message).toBe(
      'The merge of CT000002 into CT000001 cannot be undone: contact CT000001 has been deleted or merged since.',
    );
    expect(undoTakenViolation(log, 'CT000002').message).toBe(
      'The merge of CT000002 into CT000001 cannot be undone: number CT000002 now belongs to another contact.',
    );
  });
});
