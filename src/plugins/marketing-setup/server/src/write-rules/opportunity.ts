import type { Write } from '../repositories/unit-of-work';
import type { WriteRules } from './types';
import {
  applyOpportunityRules,
  companyOfContact,
  contactChangeViolation,
  contactViolation,
  defaultCycleApplies,
  salesCycleViolation,
  salespersonFromContact,
  type ProbabilityCalculation,
  type SalesCycleRule,
} from '../domain/opportunity';
import { relationInput, type RelationRef, type RelationTarget } from '../domain/relation-input';
import { today } from '../repositories/tables';
import { loadSetup } from '../repositories/setup';
import { contactWithCompany, findOpportunity, findSalesCycle } from '../repositories/opportunities';
import { assignNumber, checkRenumber } from './numbering';

/** The sales cycle with its stages, in the shape the opportunity rules want; refuses a blocked cycle the write chooses. */
async function loadCycle(write: Write, ref: RelationRef, chosen: boolean): Promise<SalesCycleRule & { id: number }> {
  const cycle = await findSalesCycle(write.strapi, ref);
  const violation = salesCycleViolation(cycle, chosen);
  if (violation) throw violation;
  return {
    id: cycle!.id,
    calculation: cycle!.probabilityCalculation as ProbabilityCalculation,
    stages: (cycle!.stages ?? []).map((s) => ({
      stage: s.stage,
      completedPercent: Number(s.completedPercent ?? 0),
      chancesOfSuccessPercent: Number(s.chancesOfSuccessPercent ?? 0),
    })),
  };
}

/**
 * The company of the opportunity's contact (a company is its own company); the contact's salesperson goes onto
 * the write when it names none (domain `salespersonFromContact`).
 */
async function companyOf(
  write: Write,
  ref: RelationRef,
  data: Record<string, unknown>,
  before: { contact: RelationTarget | null; salesperson: RelationTarget | null } | null,
) {
  const contact = await contactWithCompany(write.strapi, ref);
  if (!contact) throw contactViolation(true);
  // Only a new contact brings its salesperson: an update naming the same contact again keeps the one chosen.
  if (!before || before.contact?.id !== contact.id) {
    const given = relationInput(data.salesperson, before?.salesperson ?? null, 'salesperson') !== undefined;
    const salesperson = salespersonFromContact(given, contact);
    if (salesperson !== undefined) data.salesperson = salesperson;
  }
  return companyOfContact(contact);
}

export const opportunityRules: WriteRules = {
  async create(write, next) {
    const data = (write.params.data ??= {});
    const contactRef = relationInput(data.contact, null, 'contact');
    if (!contactRef) throw contactViolation(false);
    data.contactCompany = await companyOf(write, contactRef, data, null);

    let cycleRef = relationInput(data.salesCycle, null, 'salesCycle');
    if (cycleRef === undefined) delete data.salesCycle;
    if (cycleRef === undefined) {
      // Default sales cycle from the setup, when set and not blocked.
      const dfltId = (await loadSetup(write.strapi, write.trx)).defaultSalesCycle as number | null;
      const dflt = dfltId ? await findSalesCycle(write.strapi, { id: dfltId }) : null;
      if (dflt && defaultCycleApplies(dflt)) {
        cycleRef = { id: dflt.id };
        data.salesCycle = dflt.id;
      }
    }
    const cycle = cycleRef ? await loadCycle(write, cycleRef, true) : null;
    write.params.data = applyOpportunityRules(null, data, cycle, today());
    await assignNumber(write, 'opportunityNos', 'Opportunity');
    return next();
  },

  async update(write, next) {
    const data = (write.params.data ??= {});
    const before = await findOpportunity(write.strapi, write.params.documentId);
    if (!before) return next();
    const contactRef = relationInput(data.contact, before.contact ?? null, 'contact');
    if (contactRef === undefined) delete data.contact;
    if (contactRef === null) throw contactViolation(false);
    if (contactRef) {
      const companyId = await companyOf(write, contactRef, data, before);
      const violation = contactChangeViolation(
        { no: before.no, opportunityStatus: before.opportunityStatus, companyId: before.contactCompany?.id ?? null },
        companyId,
      );
      if (violation) throw violation;
      data.contactCompany = companyId;
    }
    const cycleRef = relationInput(data.salesCycle, before.salesCycle ?? null, 'salesCycle');
    if (cycleRef === undefined) delete data.salesCycle;
    const effectiveCycle =
      cycleRef === undefined ? (before.salesCycle ? { id: before.salesCycle.id } : null) : cycleRef;
    const cycle = effectiveCycle ? await loadCycle(write, effectiveCycle, cycleRef !== undefined) : null;
    await checkRenumber(write, before, 'opportunityNos');
    write.params.data = applyOpportunityRules(before, data, cycle, today());
    return next();
  },
};
