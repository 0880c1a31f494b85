import type { Write } from '../repositories/unit-of-work';
import type { WriteRules } from './types';
import { applyOpportunityRules, type SalesCycleRule } from '../domain/opportunity';
import { relationInput } from '../domain/relation-input';
import { validationError } from '../utils/errors';
import { today } from '../repositories/tables';
import { getService } from '../utils/services';
import { UID } from '../utils/uids';
import { assignNumber, checkRenumber } from './numbering';

/** The sales cycle with its stages, in the shape the opportunity rules want; refuses a blocked cycle. */
async function loadCycle(
  write: Write,
  ref: { id: number } | { documentId: string },
  checkBlocked: boolean,
): Promise<SalesCycleRule & { id: number }> {
  const cycle = await write.strapi.db.query(UID.salesCycle).findOne({ where: ref, populate: { stages: true } });
  if (!cycle) throw validationError('The sales cycle given for this opportunity does not exist.', ['salesCycle']);
  if (checkBlocked && cycle.blocked)
    throw validationError(`Sales cycle ${cycle.code} is blocked and cannot be used for new opportunities.`, [
      'salesCycle',
    ]);
  return {
    id: cycle.id,
    calculation: cycle.probabilityCalculation,
    stages: (cycle.stages ?? []).map((s: any) => ({
      stage: s.stage,
      completedPercent: Number(s.completedPercent ?? 0),
      chancesOfSuccessPercent: Number(s.chancesOfSuccessPercent ?? 0),
    })),
  };
}

/** The contact of an opportunity, and the company it belongs to (a company is its own company). */
async function contactAndCompany(write: Write, ref: { id: number } | { documentId: string }) {
  const contact = await write.strapi.db
    .query(UID.contact)
    .findOne({ where: ref, populate: { company: { select: ['id'] } } });
  if (!contact) throw validationError('The contact given for this opportunity does not exist.', ['contact']);
  return { contact, companyId: contact.type === 'company' ? contact.id : (contact.company?.id ?? null) };
}

export const opportunityRules: WriteRules = {
  async create(write, next) {
    const data = (write.params.data ??= {});
    const contactRef = relationInput(data.contact, null, 'contact');
    if (!contactRef) throw validationError('An opportunity needs a contact.', ['contact']);
    const { companyId } = await contactAndCompany(write, contactRef);
    data.contactCompany = companyId;

    let cycleRef = relationInput(data.salesCycle, null, 'salesCycle');
    if (cycleRef === undefined) delete data.salesCycle;
    if (cycleRef === undefined) {
      // Default sales cycle from the setup, when set and not blocked.
      const setup = await getService(write.strapi, 'setup').get(write.trx);
      const dflt = setup.defaultSalesCycle
        ? await write.strapi.db.query(UID.salesCycle).findOne({ where: { id: setup.defaultSalesCycle } })
        : null;
      if (dflt && !dflt.blocked) {
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
    const before = await write.strapi.db.query(UID.opportunity).findOne({
      where: { documentId: write.params.documentId },
      populate: {
        salesCycle: { select: ['id', 'documentId'] },
        contact: { select: ['id', 'documentId'] },
        contactCompany: { select: ['id'] },
      },
    });
    if (!before) return next();
    const contactRef = relationInput(data.contact, before.contact ?? null, 'contact');
    if (contactRef === undefined) delete data.contact;
    if (contactRef === null) throw validationError('An opportunity needs a contact.', ['contact']);
    if (contactRef) {
      const { companyId } = await contactAndCompany(write, contactRef);
      const inProgress = before.opportunityStatus === 'inProgress';
      if (inProgress && companyId !== (before.contactCompany?.id ?? null)) {
        throw validationError(
          `Opportunity ${before.no} is in progress; its contact can only change to a contact of the same company.`,
          ['contact'],
        );
      }
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
