import { costItems, donorView, resourcePlan, type DonorView, type ResourcePlan } from '../measures/costs.ts';
import { planFinance, type FinanceResult } from '../measures/finance.ts';
import type { PlanPackage } from '../plan/package.ts';
import { FUNDING_SOURCES, type FundingSource } from '../plan/vocabulary.ts';
import { documentSubject, sumAmounts, type DocumentSubject } from './common.ts';

// The financial plan of an action plan as a document (measures.md §1): what is planned and how
// much of it is secured, pledged or unfunded, the resource plan (area × year), the money of each
// funding source year by year, and the donor view (the activities still unfunded). Every amount
// comes from planFinance, resourcePlan, costItems and donorView.

/** The planned costs of one funding source, year by year. */
export type SourceByYear = { source: FundingSource; byYear: Record<string, number>; total: number };

/** The whole content of the financial plan document. */
export type FinancialPlanDocument = DocumentSubject & {
  finance: FinanceResult;
  resourcePlan: ResourcePlan;
  /** The years with a cost line, in order. */
  years: number[];
  /** Each of the four funding sources with its costs per year of `years` (0 where none). */
  bySourceAndYear: SourceByYear[];
  donorView: DonorView;
};

/** The financial plan of action plan `planId` as one document's content. */
export function financialPlanDocument(pkg: PlanPackage, planId: string, address: string): FinancialPlanDocument {
  const finance = planFinance(pkg, planId, address);
  const resources = resourcePlan(pkg, planId);
  const items = costItems(pkg, planId);
  const years = resources.years;
  const bySourceAndYear = FUNDING_SOURCES.map((source) => {
    const own = items.filter((item) => item.source === source);
    return {
      source,
      byYear: Object.fromEntries(
        years.map((year) => [String(year), sumAmounts(own.filter((item) => item.year === year).map((item) => item.amount))]),
      ),
      total: finance.bySource[source],
    };
  });
  return {
    ...documentSubject(pkg, planId),
    finance,
    resourcePlan: resources,
    years,
    bySourceAndYear,
    donorView: donorView(pkg, planId),
  };
}
