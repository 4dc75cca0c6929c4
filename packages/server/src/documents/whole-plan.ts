import {
  DOCUMENT_KIND_TEXTS,
  FINANCIAL_PLAN_TEXTS,
  FUNDING_SOURCE_COLOURS,
  PLAN_REVIEW_TEXTS,
  PLAN_TEXTS,
  REPORT_TEXTS,
  stackedBarChart,
  type DocumentSubject,
  type FinancialPlanDocument,
  type Language,
  type PlanDocument,
  type PlanIndicator,
  type PlanInstitution,
  type PlanReviewDocument,
  type ResourcePlan,
} from '@ariadne/domain';
import { financeChartsSvg, renderChartSvg, type DocumentChart } from '../charts/index.ts';
import type { Block, PreparedDocument } from './blocks.ts';
import { DASH, documentFormatters, indicatorValue, paragraphsOf, type DocumentFormatters, type Logo } from './content.ts';

// The three documents about an action plan as a whole, prepared from their content (the domain's
// planDocument, planReviewDocument and financialPlanDocument) as blocks in the reader's language.

type Input<C> = { content: C; language: Language; logo: Logo | null; generatedAt: string };

type Formatters = DocumentFormatters & { institution: (institution: PlanInstitution) => string };

function formattersOf(subject: DocumentSubject, language: Language): Formatters {
  const formatters = documentFormatters(language, subject.participant.currency);
  return { ...formatters, institution: (institution) => institution.name ?? institution.id };
}

/** The cover of a document about a plan: its period, status and adoption, and when it was generated. */
function cover(subject: DocumentSubject, input: Input<unknown>, f: Formatters, title: string): Omit<PreparedDocument, 'blocks' | 'charts'> {
  const { t } = f;
  const { plan } = subject;
  const facts = [t(PLAN_TEXTS.status, { status: t(`app.documentStatus.${plan.status}`) })];
  if (plan.adoptedOn !== null) facts.push(t(PLAN_TEXTS.adoptedOn, { date: f.date(plan.adoptedOn) }));
  facts.push(t(REPORT_TEXTS.generatedOn, { date: f.date(input.generatedAt) }));
  return {
    language: input.language,
    logo: input.logo,
    participant: subject.participant.name,
    title,
    plan: plan.title,
    line: t(PLAN_TEXTS.period, { start: f.date(plan.start), end: f.date(plan.end) }),
    facts,
    contentsTitle: t(REPORT_TEXTS.contents),
    pageLabel: t(REPORT_TEXTS.page),
  };
}

/** The resource plan as a table: areas down, years across, with the totals of each row and column. */
function resourceTable(resources: ResourcePlan, f: Formatters): Block {
  const { t } = f;
  const cell = new Map(resources.cells.map((entry) => [`${entry.area}\u0000${entry.year}`, entry.amount]));
  const total = t('app.insight.finance.total');
  return {
    kind: 'table',
    headers: [t('app.finance.area'), ...resources.years.map(String), total],
    rows: [
      ...resources.areas.map((area) => [
        f.area(area),
        ...resources.years.map((year) => f.money(cell.get(`${area}\u0000${year}`) ?? 0)),
        f.money(resources.byArea[area]),
      ]),
      [total, ...resources.years.map((year) => f.money(resources.byYear[String(year)] ?? 0)), f.money(resources.total)],
    ],
    numeric: resources.years.map((_, index) => index + 1).concat(resources.years.length + 1),
    totalRow: true,
  };
}

function goalTitle(goal: { id: string; label: string | null; title: string }): string {
  return `${goal.label ?? goal.id} – ${goal.title}`;
}

function valueAt(f: Formatters, indicator: PlanIndicator, point: { value: number; year: number } | null): string {
  return point === null ? DASH : `${indicatorValue(f, indicator, point.value)} (${point.year})`;
}

/** The strategy and action plan, prepared for drawing. */
export function preparePlan(input: Input<PlanDocument>): PreparedDocument {
  const { content } = input;
  const f = formattersOf(content, input.language);
  const { t } = f;
  const blocks: Block[] = [];
  const charts: DocumentChart[] = [];

  // The strategy.
  blocks.push(
    { kind: 'heading', level: 1, text: t(PLAN_TEXTS.strategy), id: 'strategy' },
    { kind: 'paragraph', text: `${content.strategy.title} (${content.strategy.periodStart}–${content.strategy.periodEnd})` },
    { kind: 'paragraph', text: t(PLAN_TEXTS.status, { status: t(`app.documentStatus.${content.strategy.status}`) }) },
  );
  if (content.strategy.adoptedOn !== null) {
    blocks.push({
      kind: 'paragraph',
      text:
        content.strategy.adoptedBy === null
          ? t(PLAN_TEXTS.adoptedOn, { date: f.date(content.strategy.adoptedOn) })
          : t(PLAN_TEXTS.adoptedByOn, { body: content.strategy.adoptedBy, date: f.date(content.strategy.adoptedOn) }),
    });
  }
  if (content.situationAnalysis !== null) {
    blocks.push(
      { kind: 'heading', level: 2, text: t('app.editor.strategy.fields.situationAnalysis'), id: 'situation' },
      ...paragraphsOf(content.situationAnalysis).map((text): Block => ({ kind: 'paragraph', text })),
    );
  }
  blocks.push(
    { kind: 'heading', level: 2, text: t('app.editor.strategy.fields.principles'), id: 'principles' },
    content.principles.length === 0
      ? { kind: 'paragraph', text: t(PLAN_TEXTS.none) }
      : { kind: 'list', items: content.principles.map((principle) => t(`app.editor.strategy.principle.${principle}`)) },
    { kind: 'heading', level: 2, text: t(PLAN_TEXTS.goals), id: 'goals' },
  );
  const indicatorHeaders = [
    t(REPORT_TEXTS.code),
    t(REPORT_TEXTS.indicator),
    t(REPORT_TEXTS.baseline),
    t(PLAN_TEXTS.milestones),
    t(REPORT_TEXTS.target),
  ];
  for (const goal of content.goals) {
    blocks.push(
      { kind: 'heading', level: 3, text: goalTitle(goal) },
      { kind: 'paragraph', text: t(PLAN_TEXTS.area, { area: f.area(goal.area) }) },
    );
    for (const objective of goal.objectives) {
      blocks.push({ kind: 'heading', level: 4, text: `${objective.id} ${objective.title}` });
      if (objective.indicators.length > 0) {
        blocks.push({
          kind: 'table',
          widths: [14, 38, 16, 16, 16],
          headers: indicatorHeaders,
          rows: objective.indicators.map((indicator) => [
            indicator.id,
            indicator.name,
            valueAt(f, indicator, indicator.baseline),
            indicator.milestones.length === 0 ? DASH : indicator.milestones.map((point) => valueAt(f, indicator, point)).join('\n'),
            valueAt(f, indicator, indicator.target),
          ]),
        });
      }
    }
  }

  // The action plan's matrix.
  blocks.push(
    { kind: 'heading', level: 1, text: t(PLAN_TEXTS.actionPlan), id: 'action-plan' },
    { kind: 'paragraph', text: content.plan.title },
  );
  const matrixHeaders = [
    t(REPORT_TEXTS.code),
    t(REPORT_TEXTS.activity),
    t(REPORT_TEXTS.lead),
    t(PLAN_TEXTS.partners),
    t(PLAN_TEXTS.timeline),
    t(PLAN_TEXTS.cost),
    t(PLAN_TEXTS.indicators),
  ];
  for (const goal of content.goals) {
    blocks.push({ kind: 'heading', level: 2, text: goalTitle(goal), id: `plan-${goal.id}` });
    for (const objective of goal.objectives) {
      blocks.push({ kind: 'heading', level: 3, text: `${objective.id} ${objective.title}` });
      if (objective.activities.length === 0) {
        blocks.push({ kind: 'paragraph', text: t(PLAN_TEXTS.noActivities) });
        continue;
      }
      blocks.push({
        kind: 'table',
        headers: matrixHeaders,
        rows: objective.activities.map((activity) => [
          activity.id,
          activity.title,
          activity.lead === null ? DASH : f.institution(activity.lead),
          activity.partners.length === 0 ? DASH : activity.partners.map(f.institution).join('\n'),
          activity.start === null && activity.end === null
            ? DASH
            : `${activity.start === null ? DASH : f.date(activity.start)} – ${activity.end === null ? DASH : f.date(activity.end)}`,
          [
            f.money(activity.cost),
            ...Object.entries(activity.costBySource)
              .filter(([, amount]) => amount > 0)
              .map(([source, amount]) => `${t(`app.fundingSource.${source}`)}: ${f.money(amount)}`),
          ].join('\n'),
          activity.indicators.length === 0
            ? DASH
            : activity.indicators
                .map(
                  (indicator) =>
                    `${indicator.id} ${indicator.name}: ${valueAt(f, indicator, indicator.baseline)} → ${valueAt(f, indicator, indicator.target)}`,
                )
                .join('\n'),
        ]),
        // The cost cell holds the sources' lines too, so it wraps like text rather than as one figure.
        widths: [10, 20, 14, 16, 11, 15, 14],
      });
    }
  }

  // The resource plan.
  const finance = financeChartsSvg({ finance: content.finance, resourcePlan: content.resourcePlan, language: input.language });
  charts.push(finance.resourcePlan);
  blocks.push(
    { kind: 'heading', level: 1, text: t('app.insight.finance.resourcePlan.title'), id: 'resources' },
    resourceTable(content.resourcePlan, f),
    { kind: 'chart', chart: 0 },
  );

  // Risks and the contingency plan, when the strategy has them.
  if (content.risks.length > 0) {
    blocks.push(
      { kind: 'heading', level: 1, text: t('app.editor.strategy.risks.title'), id: 'risks' },
      {
        kind: 'table',
        widths: [10, 13, 23, 12, 12, 18, 12],
        headers: [
          t('app.editor.strategy.risks.code'),
          t('app.editor.strategy.risks.category'),
          t('app.editor.strategy.risks.description'),
          t('app.editor.strategy.risks.likelihood'),
          t('app.editor.strategy.risks.impact'),
          t('app.editor.strategy.risks.mitigation'),
          t('app.editor.strategy.risks.owner'),
        ],
        rows: content.risks.map((risk) => [
          risk.id,
          t(`app.editor.strategy.riskCategory.${risk.category}`),
          risk.description,
          `${risk.likelihood} – ${t(`app.editor.strategy.likelihood.${risk.likelihood}`)}`,
          `${risk.impact} – ${t(`app.editor.strategy.impact.${risk.impact}`)}`,
          risk.mitigation ?? DASH,
          risk.owner === null ? DASH : f.institution(risk.owner),
        ]),
      },
    );
  }
  if (content.contingency !== null) {
    const { contingency } = content;
    blocks.push({ kind: 'heading', level: 1, text: t('app.editor.strategy.fields.contingency'), id: 'contingency' });
    blocks.push({ kind: 'heading', level: 3, text: t('app.editor.strategy.fields.scenarios') });
    blocks.push(
      contingency.scenarios.length === 0
        ? { kind: 'paragraph', text: t(PLAN_TEXTS.none) }
        : {
            kind: 'table',
            headers: [t(PLAN_TEXTS.scenarioType), t(PLAN_TEXTS.scenarioDescription)],
            rows: contingency.scenarios.map((scenario) => [t(`app.editor.strategy.scenarioType.${scenario.type}`), scenario.description]),
          },
    );
    blocks.push({ kind: 'heading', level: 3, text: t('app.editor.strategy.fields.minimumServices') });
    blocks.push(
      contingency.minimumServices.length === 0
        ? { kind: 'paragraph', text: t(PLAN_TEXTS.none) }
        : { kind: 'list', items: contingency.minimumServices },
    );
    if (contingency.reserveFunds !== null) {
      blocks.push({ kind: 'paragraph', label: t('app.editor.strategy.fields.reserveFunds'), text: f.money(contingency.reserveFunds) });
    }
  }

  return { ...cover(content, input, f, t(PLAN_TEXTS.title)), blocks, charts };
}

/** The plan review, prepared for drawing: its counts by severity, then every finding. */
export function preparePlanReview(input: Input<PlanReviewDocument>): PreparedDocument {
  const { content } = input;
  const f = formattersOf(content, input.language);
  const { t } = f;
  const { summary } = content;
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: t(REPORT_TEXTS.summary), id: 'summary' },
    { kind: 'paragraph', text: t('app.review.intro') },
    {
      kind: 'table',
      headers: [t(PLAN_REVIEW_TEXTS.severity), t(REPORT_TEXTS.value)],
      rows: [
        [t('app.severity.error'), f.number(summary.error)],
        [t('app.severity.warning'), f.number(summary.warning)],
        [t('app.severity.info'), f.number(summary.info)],
        [t(PLAN_REVIEW_TEXTS.total), f.number(summary.total)],
      ],
      numeric: [1],
      totalRow: true,
    },
    { kind: 'heading', level: 1, text: t(PLAN_REVIEW_TEXTS.findings), id: 'findings' },
  ];
  if (content.findings.length === 0) blocks.push({ kind: 'paragraph', text: t('app.review.none') });
  else {
    blocks.push({
      kind: 'table',
      widths: [24, 12, 16, 48],
      headers: [t(PLAN_REVIEW_TEXTS.rule), t(PLAN_REVIEW_TEXTS.severity), t(PLAN_REVIEW_TEXTS.subject), t(PLAN_REVIEW_TEXTS.message)],
      rows: content.findings.map((finding) => [
        `${finding.rule} ${t(`review.${finding.rule}.title`)}`,
        t(`app.severity.${finding.severity}`),
        finding.subject ?? DASH,
        t(finding.message.key, finding.message.params),
      ]),
    });
  }
  return { ...cover(content, input, f, t(DOCUMENT_KIND_TEXTS.plan_review)), blocks, charts: [] };
}

/** The financial plan, prepared for drawing: totals, the resource plan, money by source and year, and the donor view. */
export function prepareFinancialPlan(input: Input<FinancialPlanDocument>): PreparedDocument {
  const { content } = input;
  const f = formattersOf(content, input.language);
  const { t } = f;
  const { finance } = content;
  const charts = financeChartsSvg({ finance, resourcePlan: content.resourcePlan, language: input.language });
  const bySourceAndYearTitle = t(FINANCIAL_PLAN_TEXTS.bySourceAndYear);
  const bySourceAndYear: DocumentChart = {
    title: bySourceAndYearTitle,
    svg: renderChartSvg(
      stackedBarChart({
        language: input.language,
        currency: finance.currency,
        title: bySourceAndYearTitle,
        categories: content.years.map((year) => ({ key: String(year), label: String(year) })),
        series: content.bySourceAndYear.map((row) => ({
          key: row.source,
          label: t(`app.fundingSource.${row.source}`),
          colour: FUNDING_SOURCE_COLOURS[row.source] ?? '#52606d',
          values: content.years.map((year) => row.byYear[String(year)] ?? 0),
        })),
      }),
    ),
  };
  const total = t('app.insight.finance.total');
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: t(FINANCIAL_PLAN_TEXTS.totals), id: 'totals' },
    {
      kind: 'table',
      headers: [t(REPORT_TEXTS.figure), t(REPORT_TEXTS.value)],
      rows: [
        [t('app.finance.total'), f.money(finance.total)],
        [t('app.fundingStatus.secured'), f.money(finance.byStatus.secured)],
        [t('app.fundingStatus.pledged'), f.money(finance.byStatus.pledged)],
        [t('app.fundingStatus.unfunded'), f.money(finance.byStatus.unfunded)],
        [t('app.finance.stateShare'), f.percent(finance.stateShare)],
        [t('app.finance.ngoShare'), f.percent(finance.ngoShare)],
      ],
      numeric: [1],
    },
    { kind: 'chart', chart: 0 },
    { kind: 'heading', level: 1, text: t('app.insight.finance.resourcePlan.title'), id: 'resources' },
    resourceTable(content.resourcePlan, f),
    { kind: 'chart', chart: 1 },
    { kind: 'heading', level: 1, text: bySourceAndYearTitle, id: 'sources' },
    {
      kind: 'table',
      headers: [t('app.finance.source'), ...content.years.map(String), total],
      rows: [
        ...content.bySourceAndYear.map((row) => [
          t(`app.fundingSource.${row.source}`),
          ...content.years.map((year) => f.money(row.byYear[String(year)] ?? 0)),
          f.money(row.total),
        ]),
        [total, ...content.years.map((year) => f.money(finance.byYear[String(year)] ?? 0)), f.money(finance.total)],
      ],
      numeric: content.years.map((_, index) => index + 1).concat(content.years.length + 1),
      totalRow: true,
    },
    { kind: 'chart', chart: 2 },
    { kind: 'heading', level: 1, text: t('app.insight.finance.donor.title'), id: 'donors' },
  ];
  const donors = content.donorView;
  if (donors.items.length === 0) blocks.push({ kind: 'paragraph', text: t('app.finance.noUnfunded') });
  else {
    blocks.push({
      kind: 'table',
      headers: [
        t('app.insight.finance.activity'),
        t('app.insight.finance.activityTitle'),
        t('app.finance.area'),
        t('app.insight.finance.lead'),
        t('app.insight.finance.donor.totalCost'),
        t('app.insight.finance.donor.unfunded'),
      ],
      rows: [
        ...donors.items.map((item) => [
          item.activity,
          item.title,
          f.area(item.area),
          item.leadName ?? item.lead ?? DASH,
          f.money(item.totalCost),
          f.money(item.unfunded),
        ]),
        [total, '', '', '', '', f.money(donors.totalUnfunded)],
      ],
      numeric: [4, 5],
      totalRow: true,
    });
  }
  return {
    ...cover(content, input, f, t(DOCUMENT_KIND_TEXTS.financial_plan)),
    blocks,
    charts: [charts.byStatus, charts.resourcePlan, bySourceAndYear],
  };
}
