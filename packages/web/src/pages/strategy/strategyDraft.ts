import {
  PRINCIPLES,
  type EvaluationType,
  type Frequency,
  type MonitoringArrangements,
  type ContingencyPlan,
  type Principle,
  type ScenarioType,
} from '@ariadne/domain';
import type { ApiIssue } from '../../api.ts';
import type { StrategyData } from '../../editing/api.ts';
import type { Conversion } from '../../editing/forms/useElementForm.ts';
import { i18n } from '../../i18n.ts';

// The strategy's fields as the form holds them (text as typed, rows with keys of their own) and
// the element they stand for (the plan package's shape, which the server stores).

/** A row of a repeated part of the form, with a key that stays while rows are added and removed. */
export type Row<T> = T & { key: number };

export type StrategyDraft = {
  title: string;
  periodStart: string;
  periodEnd: string;
  situationAnalysis: string;
  principles: Principle[];
  monitoringBody: string;
  reportingFrequency: Frequency | '';
  reportsTo: string;
  evaluations: Row<{ type: EvaluationType; year: string }>[];
  estimatedTotalCost: string;
  scenarios: Row<{ type: ScenarioType; description: string }>[];
  /** One service a line. */
  minimumServices: string;
  reserveFunds: string;
};

/** A problem the form finds before sending: the message key and the field path it belongs to. */
export type DraftProblem = 'year' | 'amount';

export type BuiltStrategy = {
  data: StrategyData;
  /** Field path (as the server would name it) → problem; nothing is sent while there is one. */
  problems: Record<string, DraftProblem>;
  /** The draft row of each evaluation and scenario sent, so that the server's issues find their row. */
  evaluationRows: number[];
  scenarioRows: number[];
};

let lastRowKey = 0;

/** A fresh key for a new row of the form (React keys only; never sent). */
export function rowKey(): number {
  lastRowKey += 1;
  return lastRowKey;
}

/** The form's fields for a stored strategy. */
export function draftFrom(data: StrategyData): StrategyDraft {
  return {
    title: data.title,
    periodStart: String(data.periodStart),
    periodEnd: String(data.periodEnd),
    situationAnalysis: data.situationAnalysis ?? '',
    principles: PRINCIPLES.filter((principle) => data.principles.includes(principle)),
    monitoringBody: data.monitoring?.body ?? '',
    reportingFrequency: data.monitoring?.reportingFrequency ?? '',
    reportsTo: data.monitoring?.reportsTo ?? '',
    evaluations: (data.monitoring?.evaluations ?? []).map((evaluation) => ({
      key: rowKey(),
      type: evaluation.type,
      year: String(evaluation.year),
    })),
    estimatedTotalCost: data.estimatedTotalCost === undefined ? '' : amountText(data.estimatedTotalCost),
    scenarios: (data.contingency?.scenarios ?? []).map((scenario) => ({
      key: rowKey(),
      type: scenario.type,
      description: scenario.description,
    })),
    minimumServices: (data.contingency?.minimumServices ?? []).join('\n'),
    reserveFunds: data.contingency?.reserveFunds === undefined ? '' : amountText(data.contingency.reserveFunds),
  };
}

/** An amount as the form shows it to be typed over: plain digits, a point and two decimals when it has cents. */
export function amountText(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
}

/** Reads a typed amount: digits with at most two decimals after a point or a comma; spaces are ignored. */
export function parseAmount(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^\d+(?:[.,]\d{1,2})?$/.test(compact)) return null;
  return Number(compact.replace(',', '.'));
}

/** Reads a typed year: four digits. */
export function parseYear(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{4}$/.test(trimmed) ? Number(trimmed) : null;
}

/**
 * Builds the strategy element from the form. Optional parts left empty are left out (the plan
 * package treats absent and empty alike); rows not filled in yet (an evaluation without a year, a
 * scenario without a description) are not sent until they are.
 */
export function buildStrategy(draft: StrategyDraft): BuiltStrategy {
  const problems: Record<string, DraftProblem> = {};
  const year = (text: string, path: string): number => {
    const value = parseYear(text);
    if (value === null) {
      problems[path] = 'year';
      return 0;
    }
    return value;
  };
  const amount = (text: string, path: string): number | undefined => {
    if (text.trim() === '') return undefined;
    const value = parseAmount(text);
    if (value === null) {
      problems[path] = 'amount';
      return undefined;
    }
    return value;
  };

  const periodStart = year(draft.periodStart, 'periodStart');
  const periodEnd = year(draft.periodEnd, 'periodEnd');

  const evaluationRows: number[] = [];
  const evaluations: { type: EvaluationType; year: number }[] = [];
  draft.evaluations.forEach((row, index) => {
    if (row.year.trim() === '') return;
    const value = year(row.year, `monitoring.evaluations[${evaluations.length}].year`);
    evaluationRows.push(index);
    evaluations.push({ type: row.type, year: value });
  });
  const monitoring: MonitoringArrangements = {
    ...(draft.monitoringBody !== '' ? { body: draft.monitoringBody } : {}),
    ...(draft.reportingFrequency !== '' ? { reportingFrequency: draft.reportingFrequency } : {}),
    ...(draft.reportsTo.trim() !== '' ? { reportsTo: draft.reportsTo } : {}),
    ...(evaluations.length > 0 ? { evaluations } : {}),
  };

  const scenarioRows: number[] = [];
  const scenarios: ContingencyPlan['scenarios'] = [];
  draft.scenarios.forEach((row, index) => {
    if (row.description.trim() === '') return;
    scenarioRows.push(index);
    scenarios.push({ type: row.type, description: row.description });
  });
  const minimumServices = draft.minimumServices
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const reserveFunds = amount(draft.reserveFunds, 'contingency.reserveFunds');
  const estimatedTotalCost = amount(draft.estimatedTotalCost, 'estimatedTotalCost');
  const hasContingency = scenarios.length > 0 || minimumServices.length > 0 || reserveFunds !== undefined;

  const data: StrategyData = {
    title: draft.title,
    periodStart,
    periodEnd,
    ...(draft.situationAnalysis.trim() !== '' ? { situationAnalysis: draft.situationAnalysis } : {}),
    principles: PRINCIPLES.filter((principle) => draft.principles.includes(principle)),
    ...(Object.keys(monitoring).length > 0 ? { monitoring } : {}),
    ...(estimatedTotalCost !== undefined ? { estimatedTotalCost } : {}),
    ...(hasContingency ? { contingency: { scenarios, minimumServices, ...(reserveFunds !== undefined ? { reserveFunds } : {}) } } : {}),
  };
  return { data, problems, evaluationRows, scenarioRows };
}

/** The form's fields as the element to send, or the problems that keep it from being sent. */
export function strategyConversion(draft: StrategyDraft): Conversion<'strategy'> {
  const built = buildStrategy(draft);
  const problems = Object.entries(built.problems);
  if (problems.length === 0) return { data: built.data };
  return {
    issues: problems.map(([path, problem]): ApiIssue => ({
      path,
      message: problem === 'year' ? i18n.t('app.editor.strategy.problems.year') : i18n.t('app.editor.strategy.problems.amount'),
    })),
  };
}
