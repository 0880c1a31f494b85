/**
 * Opportunity rules (reference §9): status transitions, stage activation, probability and
 * calculated current value. Pure: no Strapi, no I/O; the adapter loads the sales cycle and passes `today`.
 */
import { RuleViolation } from './errors';

export type ProbabilityCalculation = 'multiply' | 'add' | 'chancesOfSuccess' | 'completed';
export type OpportunityStatus = 'notStarted' | 'inProgress' | 'won' | 'lost';
export type OpportunityPriority = 'low' | 'normal' | 'high';

export interface SalesCycleStageRule {
  stage: number;
  completedPercent: number;
  chancesOfSuccessPercent: number;
}
export interface SalesCycleRule {
  calculation: ProbabilityCalculation;
  stages: SalesCycleStageRule[];
}

const STATUSES: readonly OpportunityStatus[] = ['notStarted', 'inProgress', 'won', 'lost'];
const PRIORITIES: readonly OpportunityPriority[] = ['low', 'normal', 'high'];
const STATUS_LABEL: Record<OpportunityStatus, string> = {
  notStarted: 'Not Started',
  inProgress: 'In Progress',
  won: 'Won',
  lost: 'Lost',
};

const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;
const num = (v: unknown) => (v === null || v === undefined || v === '' ? 0 : Number(v));
const sets = (changes: Record<string, unknown>, key: string) =>
  Object.prototype.hasOwnProperty.call(changes, key) && changes[key] !== undefined;
/** BC's "no stage" is 0; we accept null or 0 and use null. */
const stageOf = (v: unknown): number | null => (v === null || v === undefined || Number(v) === 0 ? null : Number(v));
const isClosedStatus = (s: unknown) => s === 'won' || s === 'lost';

export function probability(
  method: ProbabilityCalculation,
  chancesOfSuccessPercent: number,
  completedPercent: number,
): number {
  const chances = num(chancesOfSuccessPercent);
  const completed = num(completedPercent);
  switch (method) {
    case 'multiply':
      return round2((chances * completed) / 100);
    case 'add':
      return round2((chances + completed) / 2);
    case 'chancesOfSuccess':
      return round2(chances);
    case 'completed':
      return round2(completed);
    default:
      throw new RuleViolation(`Unknown probability calculation "${method}".`, ['calculation']);
  }
}

export function currentValue(estimatedValue: number, probabilityPercent: number): number {
  return round2((num(estimatedValue) * num(probabilityPercent)) / 100);
}

export function applyOpportunityRules(
  before: Record<string, unknown> | null,
  changes: Record<string, unknown>,
  cycle: SalesCycleRule | null,
  today: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...changes };
  const old = before ?? {};
  const wasClosed = before !== null && (old.closed === true || isClosedStatus(old.opportunityStatus));

  if (sets(changes, 'opportunityStatus') && !STATUSES.includes(changes.opportunityStatus as OpportunityStatus)) {
    throw new RuleViolation(`Status must be one of ${STATUSES.join(', ')}, not "${changes.opportunityStatus}".`, [
      'opportunityStatus',
    ]);
  }
  if (
    sets(changes, 'priority') &&
    changes.priority !== null &&
    !PRIORITIES.includes(changes.priority as OpportunityPriority)
  ) {
    throw new RuleViolation(`Priority must be one of ${PRIORITIES.join(', ')}, not "${changes.priority}".`, [
      'priority',
    ]);
  }
  if (sets(changes, 'estimatedValue') && num(changes.estimatedValue) < 0) {
    throw new RuleViolation('Estimated Value must not be negative.', ['estimatedValue']);
  }

  // The creation date is the system's: the day the opportunity is created, never the caller's (an edit
  // form may send the stored value back unchanged).
  const givenCreationDate = changes.creationDate ?? null;
  if (givenCreationDate !== null && (before === null || givenCreationDate !== (old.creationDate ?? null))) {
    throw new RuleViolation(
      'The creation date is set when the opportunity is created and cannot be changed; leave creationDate out.',
      ['creationDate'],
    );
  }

  // Creation defaults.
  if (before === null) {
    out.creationDate = today;
    out.priority = changes.priority ?? 'normal';
  }

  let status = (changes.opportunityStatus ?? old.opportunityStatus ?? 'notStarted') as OpportunityStatus;
  const oldStage = stageOf(old.currentSalesCycleStage);
  let stage = sets(changes, 'currentSalesCycleStage') ? stageOf(changes.currentSalesCycleStage) : oldStage;
  if (sets(changes, 'currentSalesCycleStage')) out.currentSalesCycleStage = stage;

  if (wasClosed) {
    // A closed opportunity stays closed: its outcome and its stage are final. Other fields stay editable.
    const reopens =
      (sets(changes, 'opportunityStatus') && changes.opportunityStatus !== old.opportunityStatus) ||
      (sets(changes, 'closed') && changes.closed !== true) ||
      (sets(changes, 'currentSalesCycleStage') && stage !== oldStage);
    if (reopens) {
      const field = sets(changes, 'opportunityStatus')
        ? 'opportunityStatus'
        : sets(changes, 'closed')
          ? 'closed'
          : 'currentSalesCycleStage';
      throw new RuleViolation(
        `${old.no ? `Opportunity ${old.no}` : 'This opportunity'} is closed (${STATUS_LABEL[old.opportunityStatus as OpportunityStatus] ?? 'closed'}) and cannot be reopened or moved to another stage.`,
        [field],
      );
    }
  } else {
    if (sets(changes, 'closed') && changes.closed === true && !isClosedStatus(status)) {
      throw new RuleViolation('To close an opportunity, set its status to won or lost.', ['closed']);
    }
    if (status === 'notStarted' && sets(changes, 'opportunityStatus') && old.opportunityStatus === 'inProgress') {
      throw new RuleViolation('An opportunity in progress cannot go back to Not Started.', ['opportunityStatus']);
    }
    if (stage === null && oldStage !== null && status === 'inProgress' && sets(changes, 'currentSalesCycleStage')) {
      throw new RuleViolation('The stage of an opportunity in progress cannot be removed.', ['currentSalesCycleStage']);
    }
    // Asking for "in progress" without a stage activates the cycle's first stage, as BC's "Activate First Stage".
    if (status === 'inProgress' && stage === null) {
      if (!cycle || cycle.stages.length === 0) {
        throw new RuleViolation('An opportunity can only be started when it has a sales cycle with stages.', [
          'opportunityStatus',
        ]);
      }
      stage = Math.min(...cycle.stages.map((s) => s.stage));
      out.currentSalesCycleStage = stage;
    }
    if (stage !== null && status === 'notStarted') status = 'inProgress';
  }

  const stageRow = stage === null || wasClosed ? undefined : findStage(stage, cycle);
  const estimated = num(sets(changes, 'estimatedValue') ? changes.estimatedValue : old.estimatedValue);
  out.opportunityStatus = status;

  if (isClosedStatus(status)) {
    // Won → everything achieved (100 %); lost → nothing (0 %). Completed is 100 either way: the cycle is over.
    const won = status === 'won';
    out.closed = true;
    if (!wasClosed) out.dateClosed = changes.dateClosed ?? today;
    out.chancesOfSuccessPercent = won ? 100 : 0;
    out.completedPercent = 100;
    out.probabilityPercent = won ? 100 : 0;
  } else {
    out.closed = false;
    out.dateClosed = null;
    out.chancesOfSuccessPercent = stageRow ? round2(num(stageRow.chancesOfSuccessPercent)) : 0;
    out.completedPercent = stageRow ? round2(num(stageRow.completedPercent)) : 0;
    out.probabilityPercent =
      stageRow && cycle
        ? probability(cycle.calculation, stageRow.chancesOfSuccessPercent, stageRow.completedPercent)
        : 0;
  }
  out.calcdCurrentValue = currentValue(estimated, out.probabilityPercent as number);
  return out;
}

/** The stage row for `stage`, or a RuleViolation saying why there is none. */
function findStage(stage: number, cycle: SalesCycleRule | null): SalesCycleStageRule {
  if (!cycle) {
    throw new RuleViolation(`Stage ${stage} cannot be set because the opportunity has no sales cycle.`, [
      'currentSalesCycleStage',
    ]);
  }
  const row = cycle.stages.find((s) => s.stage === Number(stage));
  if (!row) {
    const known =
      cycle.stages
        .map((s) => s.stage)
        .sort((a, b) => a - b)
        .join(', ') || 'none';
    throw new RuleViolation(`Stage ${stage} is not a stage of the opportunity's sales cycle (stages: ${known}).`, [
      'currentSalesCycleStage',
    ]);
  }
  return row;
}

/**
 * Fields renamed since an earlier release, old name → new name. Strapi 5 reserves `status` for a
 * document's draft/published state (its Content Manager showed the opportunity's status empty and
 * refused to save), so the opportunity's status is `opportunityStatus`.
 */
export const RENAMED_OPPORTUNITY_FIELDS: Readonly<Record<string, string>> = { status: 'opportunityStatus' };

/** A write naming a renamed field gets a message with the new name instead of Strapi's "Invalid key". */
export function renamedFieldViolation(data: unknown): RuleViolation | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const old = Object.keys(RENAMED_OPPORTUNITY_FIELDS).find((key) => Object.prototype.hasOwnProperty.call(data, key));
  if (!old) return null;
  const now = RENAMED_OPPORTUNITY_FIELDS[old];
  return new RuleViolation(
    `An opportunity's ${old} is written as "${now}" (Strapi reserves "${old}" for draft/published); rename the field.`,
    [now],
  );
}

/** An opportunity always has a contact that exists (`named`: the write named one, but it was not found). */
export function contactViolation(named: boolean): RuleViolation {
  return new RuleViolation(
    named ? 'The contact given for this opportunity does not exist.' : 'An opportunity needs a contact.',
    ['contact'],
  );
}

/** The company an opportunity's contact belongs to: a company is its own company; a person may have none. */
export function companyOfContact(contact: { id: number; type: unknown; company?: { id: number } | null }) {
  return contact.type === 'company' ? contact.id : (contact.company?.id ?? null);
}

/**
 * The salesperson an opportunity takes from its contact when the write names none (Business Central: validating
 * Contact No. fills in the contact's Salesperson Code); undefined = leave the write as it is.
 */
export function salespersonFromContact(
  salespersonGiven: boolean,
  contact: { salesperson?: { id: number } | null },
): number | undefined {
  return salespersonGiven ? undefined : (contact.salesperson?.id ?? undefined);
}

/** An opportunity in progress may only move to a contact of the same company. */
export function contactChangeViolation(
  opportunity: { no: string; opportunityStatus: unknown; companyId: number | null },
  newCompanyId: number | null,
): RuleViolation | null {
  if (opportunity.opportunityStatus !== 'inProgress' || newCompanyId === opportunity.companyId) return null;
  return new RuleViolation(
    `Opportunity ${opportunity.no} is in progress; its contact can only change to a contact of the same company.`,
    ['contact'],
  );
}

/**
 * Why an opportunity may not use a sales cycle, or null: it must exist, and a cycle the write chooses
 * (`chosen`) must not be blocked (one kept from before may be).
 */
export function salesCycleViolation(
  cycle: { code: string; blocked?: boolean | null } | null,
  chosen: boolean,
): RuleViolation | null {
  if (!cycle) return new RuleViolation('The sales cycle given for this opportunity does not exist.', ['salesCycle']);
  if (chosen && cycle.blocked)
    return new RuleViolation(`Sales cycle ${cycle.code} is blocked and cannot be used for new opportunities.`, [
      'salesCycle',
    ]);
  return null;
}

/** The setup's default sales cycle applies to a new opportunity that names none, unless it is blocked. */
export const defaultCycleApplies = (cycle: { blocked?: boolean | null } | null) => !!cycle && !cycle.blocked;
