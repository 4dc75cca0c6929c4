import {
  activitiesByAreaChart,
  budgetExecutionChart,
  fundingBySourceChart,
  fundingByStatusChart,
  indicatorStatusChart,
  resourcePlanChart,
  translator,
  type FinanceResult,
  type Language,
  type ProgressResult,
  type ResourcePlan,
} from '@ariadne/domain';
import { renderChartSvg } from './render.ts';

// The charts of the financial plan and of progress for documents (Word, PDF): the definitions the
// page draws, with their titles inside, in the reader's language, rendered to SVG on the server.
// The titles are the page's own chart headings, so a report and the screen name a chart alike.

/** One chart of a document: its title (also drawn inside the SVG) and the SVG. */
export type DocumentChart = { title: string; svg: string };

function labels(language: Language) {
  const t = translator(language);
  return {
    t,
    area: (area: string) => t(`app.areas.${area}`),
    source: (source: string) => t(`app.fundingSource.${source}`),
    fundingStatus: (status: string) => t(`app.fundingStatus.${status}`),
    activityStatus: (status: string) => t(`app.activityStatus.${status}`),
    indicatorStatus: (status: string) => t(`app.indicatorStatus.${status}`),
  };
}

/** The financial plan's charts: the resource plan (area × year), costs by funding source and by funding status. */
export function financeChartsSvg(input: { finance: FinanceResult; resourcePlan: ResourcePlan; language: Language }): {
  resourcePlan: DocumentChart;
  bySource: DocumentChart;
  byStatus: DocumentChart;
} {
  const { t, area, source, fundingStatus } = labels(input.language);
  const texts = { language: input.language, currency: input.finance.currency };
  const resourceTitle = t('app.insight.finance.resourcePlan.chart');
  const bySourceTitle = t('app.finance.bySource');
  const byStatusTitle = t('app.finance.byStatus');
  return {
    resourcePlan: {
      title: resourceTitle,
      svg: renderChartSvg(resourcePlanChart(input.resourcePlan, { ...texts, title: resourceTitle, area })),
    },
    bySource: {
      title: bySourceTitle,
      svg: renderChartSvg(fundingBySourceChart(input.finance.bySource, { ...texts, title: bySourceTitle, name: bySourceTitle, source })),
    },
    byStatus: {
      title: byStatusTitle,
      svg: renderChartSvg(
        fundingByStatusChart(input.finance.byStatus, { ...texts, title: byStatusTitle, name: byStatusTitle, status: fundingStatus }),
      ),
    },
  };
}

/** The progress charts as of a date: activities by area and status, indicators by status, and budget execution. */
export function progressChartsSvg(input: { progress: ProgressResult; currency: string; language: Language }): {
  activitiesByArea: DocumentChart;
  indicatorStatus: DocumentChart;
  budgetExecution: DocumentChart;
} {
  const { t, area, activityStatus, indicatorStatus } = labels(input.language);
  const language = input.language;
  const activitiesTitle = t('app.insight.progress.activitiesChart');
  const indicatorsTitle = t('app.insight.progress.indicatorsChart');
  const budgetTitle = t('app.progress.execution');
  return {
    activitiesByArea: {
      title: activitiesTitle,
      svg: renderChartSvg(
        activitiesByAreaChart(input.progress.activities.byArea, { language, title: activitiesTitle, area, status: activityStatus }),
      ),
    },
    indicatorStatus: {
      title: indicatorsTitle,
      svg: renderChartSvg(
        indicatorStatusChart(input.progress.indicators, {
          language,
          title: indicatorsTitle,
          name: indicatorsTitle,
          status: indicatorStatus,
        }),
      ),
    },
    budgetExecution: {
      title: budgetTitle,
      svg: renderChartSvg(
        budgetExecutionChart(input.progress.budget, {
          language,
          currency: input.currency,
          title: budgetTitle,
          name: budgetTitle,
          planned: t('app.progress.plannedToDate'),
          spent: t('app.progress.spent'),
        }),
      ),
    },
  };
}
