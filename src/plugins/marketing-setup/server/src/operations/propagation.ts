/**
 * Company → person propagation, shared by the contact write rules (a company saved) and the merge
 * service (a company's persons moved to the survivor, and back on undo); and the setup rule's catching up when
 * an Inherit switch goes back on.
 */
import type { Write } from '../repositories/unit-of-work';
import type { CatchUpGroup, PropagationGroup } from '../domain/inheritance';
import {
  catchUpWithCompany,
  personsBehindCompany,
  personsReachedBy,
  propagateToPersons,
} from '../repositories/company-persons';
// The duplicate search's re-index queue: its own area, called as it is.
import { enqueueReindex } from '../duplicate-search/reindex-queue';
import { searchInputFields } from '../duplicate-search/search';

/**
 * Copies the plan to the company's persons set-based; the persons whose duplicate-search input changed
 * go to the re-index queue in one INSERT … SELECT (the set-based update ran none of their write rules).
 */
export async function propagate(write: Write, companyId: number, plan: PropagationGroup[]) {
  await propagateToPersons(write, companyId, plan);
  const reads = await searchInputFields(write);
  const searched = plan.filter((g) => Object.keys(g.values).some((f) => reads.has(f)));
  if (searched.length) await enqueueReindex(write, personsReachedBy(write, companyId, searched));
}

/**
 * An Inherit flag switched back on (domain switchedOnGroups): the persons behind their company in a group take its
 * values, set-based; those whose duplicate-search input changes are queued for re-indexing first (while the query
 * still finds them).
 */
export async function catchUpWithCompanies(write: Write, groups: CatchUpGroup[]) {
  if (!groups.length) return;
  const reads = await searchInputFields(write);
  for (const group of groups) {
    if (group.fields.some((f) => reads.has(f))) await enqueueReindex(write, personsBehindCompany(write, group));
    await catchUpWithCompany(write, group);
  }
}
