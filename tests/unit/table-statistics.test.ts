/** When the import job asks PostgreSQL to refresh a search table's planner statistics. */
import { statisticsStale } from '../../src/plugins/marketing-setup/server/src/repositories/table-statistics';

describe('statisticsStale', () => {
  it('a table never analysed, after an import chunk of a few hundred contacts (their 4,000 search strings)', () => {
    expect(statisticsStale({ liveRows: 4000, changedSinceAnalyze: 4000, analyzed: false })).toBe(true);
  });
  it('not for a few rows, analysed or not: a small table is planned well enough', () => {
    expect(statisticsStale({ liveRows: 120, changedSinceAnalyze: 120, analyzed: false })).toBe(false);
    expect(statisticsStale({ liveRows: 499, changedSinceAnalyze: 499, analyzed: false })).toBe(false);
  });
  it('an analysed table again once it changed by more than a fifth', () => {
    expect(statisticsStale({ liveRows: 100_000, changedSinceAnalyze: 20_001, analyzed: true })).toBe(true);
    expect(statisticsStale({ liveRows: 100_000, changedSinceAnalyze: 15_000, analyzed: true })).toBe(false);
  });
});
