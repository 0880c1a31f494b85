import {
  duplicateGoneViolation,
  undoTakenViolation,
  undoViolation,
} from '../../src/plugins/marketing-setup/server/src/domain/merge';

describe('merge and undo refusals', () => {
  const log = { duplicateNo: 'CT000002', survivorNo: 'CT000001', undoneAt: null };

  it('a merge needs its duplicate', () => {
    const v = duplicateGoneViolation('abc123');
    expect(v.message).toBe('No contact with documentId abc123 to merge; it may have been merged or deleted already.');
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
