import {
  applyOpportunityRules,
  currentValue,
  renamedFieldViolation,
  probability,
  type SalesCycleRule,
} from '../../src/plugins/marketing-setup/server/src/domain/opportunity';
import { violation } from '../helpers/violation';

const TODAY = '2025-03-14';

const cycle: SalesCycleRule = {
  calculation: 'multiply',
  stages: [
    { stage: 1, completedPercent: 40, chancesOfSuccessPercent: 50 },
    { stage: 2, completedPercent: 60, chancesOfSuccessPercent: 70 },
  ],
};

describe('probability', () => {
  it('multiply: chances × completed / 100 (50 × 40 → 20)', () => expect(probability('multiply', 50, 40)).toBe(20));
  it('add: the average (50, 40 → 45)', () => expect(probability('add', 50, 40)).toBe(45));
  it('chancesOfSuccess / completed: the one named', () => {
    expect(probability('chancesOfSuccess', 50, 40)).toBe(50);
    expect(probability('completed', 50, 40)).toBe(40);
  });
  it('rounds to 2 decimals', () => {
    expect(probability('multiply', 33.333, 33.333)).toBe(11.11);
    expect(probability('add', 33.335, 0)).toBe(16.67);
  });
});

describe('currentValue', () => {
  it('is estimated value × probability / 100, rounded to 2 decimals', () => {
    expect(currentValue(10000, 20)).toBe(2000);
    expect(currentValue(999.99, 33.33)).toBe(333.3);
    expect(currentValue(0, 50)).toBe(0);
  });
});

describe('applyOpportunityRules — create', () => {
  it('defaults a new opportunity to not started, normal priority, created today, 0 %', () => {
    expect(applyOpportunityRules(null, { description: 'Big deal', estimatedValue: 1000 }, cycle, TODAY)).toEqual({
      description: 'Big deal',
      estimatedValue: 1000,
      creationDate: TODAY,
      priority: 'normal',
      opportunityStatus: 'notStarted',
      closed: false,
      dateClosed: null,
      chancesOfSuccessPercent: 0,
      completedPercent: 0,
      probabilityPercent: 0,
      calcdCurrentValue: 0,
    });
  });

  it('refuses a creation date given by the caller: the system sets it (issue 12)', () => {
    const e = violation(() =>
      applyOpportunityRules(null, { description: 'Backdated', creationDate: '2020-01-01' }, cycle, TODAY),
    );
    expect(e.path).toEqual(['creationDate']);
    expect(e.message).toBe(
      'The creation date is set when the opportunity is created and cannot be changed; leave creationDate out.',
    );
  });

  it('on update, takes the stored creation date sent back unchanged but refuses another one', () => {
    const before = { no: 'OP1', opportunityStatus: 'notStarted', creationDate: '2025-01-02' };
    expect(
      applyOpportunityRules(before, { creationDate: '2025-01-02', description: 'x' }, null, TODAY).creationDate,
    ).toBe('2025-01-02');
    expect(violation(() => applyOpportunityRules(before, { creationDate: '2025-01-03' }, null, TODAY)).path).toEqual([
      'creationDate',
    ]);
  });

  it('refuses a negative estimated value', () => {
    const e = violation(() => applyOpportunityRules(null, { estimatedValue: -1 }, cycle, TODAY));
    expect(e.path).toEqual(['estimatedValue']);
    expect(e.message).toBe('Estimated Value must not be negative.');
  });

  it('refuses unknown status and priority values', () => {
    expect(violation(() => applyOpportunityRules(null, { opportunityStatus: 'pending' }, cycle, TODAY)).path).toEqual([
      'opportunityStatus',
    ]);
    expect(violation(() => applyOpportunityRules(null, { priority: 'urgent' }, cycle, TODAY)).path).toEqual([
      'priority',
    ]);
  });
});

describe('applyOpportunityRules — stages', () => {
  const notStarted = {
    no: 'OP000001',
    opportunityStatus: 'notStarted',
    closed: false,
    estimatedValue: 10000,
    currentSalesCycleStage: null,
  };

  it('activating a stage moves not started → in progress and computes the percentages and value', () => {
    expect(applyOpportunityRules(notStarted, { currentSalesCycleStage: 1 }, cycle, TODAY)).toMatchObject({
      currentSalesCycleStage: 1,
      opportunityStatus: 'inProgress',
      closed: false,
      chancesOfSuccessPercent: 50,
      completedPercent: 40,
      probabilityPercent: 20,
      calcdCurrentValue: 2000,
    });
  });

  it('uses the cycle calculation method (add → 45 %)', () => {
    const out = applyOpportunityRules(
      notStarted,
      { currentSalesCycleStage: 1 },
      { ...cycle, calculation: 'add' },
      TODAY,
    );
    expect(out.probabilityPercent).toBe(45);
    expect(out.calcdCurrentValue).toBe(4500);
  });

  it('status inProgress without a stage activates the first stage', () => {
    const out = applyOpportunityRules(notStarted, { opportunityStatus: 'inProgress' }, cycle, TODAY);
    expect(out.currentSalesCycleStage).toBe(1);
    expect(out.probabilityPercent).toBe(20);
  });

  it('recomputes the value when only the estimated value changes', () => {
    const inProgress = { ...notStarted, opportunityStatus: 'inProgress', currentSalesCycleStage: 2 };
    expect(applyOpportunityRules(inProgress, { estimatedValue: 5000 }, cycle, TODAY)).toMatchObject({
      opportunityStatus: 'inProgress',
      probabilityPercent: 42,
      calcdCurrentValue: 2100,
    });
  });

  it('refuses a stage that is not in the cycle', () => {
    const e = violation(() => applyOpportunityRules(notStarted, { currentSalesCycleStage: 7 }, cycle, TODAY));
    expect(e.path).toEqual(['currentSalesCycleStage']);
    expect(e.message).toBe("Stage 7 is not a stage of the opportunity's sales cycle (stages: 1, 2).");
  });

  it('refuses a stage without a sales cycle', () => {
    expect(violation(() => applyOpportunityRules(notStarted, { currentSalesCycleStage: 1 }, null, TODAY)).path).toEqual(
      ['currentSalesCycleStage'],
    );
    expect(
      violation(() => applyOpportunityRules(notStarted, { opportunityStatus: 'inProgress' }, null, TODAY)).path,
    ).toEqual(['opportunityStatus']);
  });

  it('refuses going back to not started or removing the stage once in progress', () => {
    const inProgress = { ...notStarted, opportunityStatus: 'inProgress', currentSalesCycleStage: 1 };
    expect(
      violation(() => applyOpportunityRules(inProgress, { opportunityStatus: 'notStarted' }, cycle, TODAY)).path,
    ).toEqual(['opportunityStatus']);
    expect(
      violation(() => applyOpportunityRules(inProgress, { currentSalesCycleStage: null }, cycle, TODAY)).path,
    ).toEqual(['currentSalesCycleStage']);
  });

  it('refuses closed: true without a won/lost status', () => {
    expect(violation(() => applyOpportunityRules(notStarted, { closed: true }, cycle, TODAY)).path).toEqual(['closed']);
  });
});

describe('applyOpportunityRules — closing', () => {
  const inProgress = {
    no: 'OP000001',
    opportunityStatus: 'inProgress',
    closed: false,
    estimatedValue: 10000,
    currentSalesCycleStage: 1,
  };

  it('won → 100 %, closed, date closed today, value = estimated value', () => {
    expect(applyOpportunityRules(inProgress, { opportunityStatus: 'won' }, cycle, TODAY)).toEqual({
      opportunityStatus: 'won',
      closed: true,
      dateClosed: TODAY,
      chancesOfSuccessPercent: 100,
      completedPercent: 100,
      probabilityPercent: 100,
      calcdCurrentValue: 10000,
    });
  });

  it('lost → 0 %, closed, date closed today, value 0', () => {
    expect(applyOpportunityRules(inProgress, { opportunityStatus: 'lost' }, cycle, TODAY)).toMatchObject({
      opportunityStatus: 'lost',
      closed: true,
      dateClosed: TODAY,
      probabilityPercent: 0,
      chancesOfSuccessPercent: 0,
      calcdCurrentValue: 0,
    });
  });

  it('keeps a date closed given with the closing', () => {
    expect(
      applyOpportunityRules(inProgress, { opportunityStatus: 'won', dateClosed: '2025-03-01' }, cycle, TODAY)
        .dateClosed,
    ).toBe('2025-03-01');
  });

  it('refuses reopening a closed opportunity or moving its stage', () => {
    const won = { ...inProgress, opportunityStatus: 'won', closed: true, dateClosed: '2025-03-01' };
    const e = violation(() => applyOpportunityRules(won, { opportunityStatus: 'inProgress' }, cycle, TODAY));
    expect(e.path).toEqual(['opportunityStatus']);
    expect(e.message).toBe('Opportunity OP000001 is closed (Won) and cannot be reopened or moved to another stage.');
    expect(violation(() => applyOpportunityRules(won, { closed: false }, cycle, TODAY)).path).toEqual(['closed']);
    expect(violation(() => applyOpportunityRules(won, { opportunityStatus: 'lost' }, cycle, TODAY)).path).toEqual([
      'opportunityStatus',
    ]);
    expect(violation(() => applyOpportunityRules(won, { currentSalesCycleStage: 2 }, cycle, TODAY)).path).toEqual([
      'currentSalesCycleStage',
    ]);
  });

  it('still allows editing other fields of a closed opportunity, keeping its date closed', () => {
    const won = { ...inProgress, opportunityStatus: 'won', closed: true, dateClosed: '2025-03-01' };
    const out = applyOpportunityRules(won, { description: 'Renamed', estimatedValue: 12000 }, cycle, TODAY);
    expect(out).toMatchObject({
      description: 'Renamed',
      opportunityStatus: 'won',
      closed: true,
      probabilityPercent: 100,
      calcdCurrentValue: 12000,
    });
    expect(out).not.toHaveProperty('dateClosed');
  });
});

describe('renamed fields', () => {
  it('names opportunityStatus when a write still says status', () => {
    const v = renamedFieldViolation({ description: 'x', status: 'won' });
    expect([v?.message, v?.path]).toEqual([
      'An opportunity\'s status is written as "opportunityStatus" (Strapi reserves "status" for draft/published); rename the field.',
      ['opportunityStatus'],
    ]);
  });
  it('lets every other body through', () => {
    expect([
      renamedFieldViolation({ opportunityStatus: 'won' }),
      renamedFieldViolation(null),
      renamedFieldViolation([{ status: 1 }]),
      renamedFieldViolation('status'),
    ]).toEqual([null, null, null, null]);
  });
});
