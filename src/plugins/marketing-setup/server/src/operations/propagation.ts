/**
 * Company → person propagation, shared by the contact write rules (a company saved) and the merge
 * service (a company's persons moved to the survivor, and back on undo).
 */
import type { Write } from '../repositories/unit-of-work';
import type { PropagationGroup } from '../domain/inheritance';
import { personsReachedBy, propagateToPersons } from '../repositories/company-persons';
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
