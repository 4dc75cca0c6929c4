import { fromMinorUnits, toMinorUnits, type FieldIssue, type PlanPackage } from '@ariadne/domain';

/**
 * The largest amount of money a package may hold: its minor units must stay exact through the
 * conversion to and from integers, which holds up to 15 significant digits (10 trillion less a cent).
 */
export const MAX_AMOUNT = 9_999_999_999_999.99;

// Half of a UTF-16 surrogate pair, which would come back as U+FFFD; PostgreSQL also refuses NUL.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What a package that follows the format could still hold but the database cannot keep exactly:
 * texts with NUL characters or broken surrogate pairs, amounts beyond {@link MAX_AMOUNT}, and the
 * year 0 (which PostgreSQL's dates do not have). Each issue names its JSON path, like the domain's.
 */
export function storageIssues(plan: PlanPackage): FieldIssue[] {
  const issues = textIssues(plan);

  const amount = (value: number | undefined, path: string) => {
    if (value === undefined) return;
    if (value > MAX_AMOUNT) issues.push({ path, key: 'amount_too_large', params: { maximum: MAX_AMOUNT } });
    else if (fromMinorUnits(toMinorUnits(value)) !== value) issues.push({ path, key: 'money_decimals' });
  };
  const date = (value: string | undefined, path: string) => {
    if (value?.startsWith('0000')) issues.push({ path, key: 'year_zero' });
  };

  const strategy = plan.strategy;
  date(strategy.adoptedOn, '$.strategy.adoptedOn');
  amount(strategy.estimatedTotalCost, '$.strategy.estimatedTotalCost');
  amount(strategy.contingency?.reserveFunds, '$.strategy.contingency.reserveFunds');
  plan.actionPlans.forEach((actionPlan, p) => {
    const planPath = `$.actionPlans[${p}]`;
    date(actionPlan.start, `${planPath}.start`);
    date(actionPlan.end, `${planPath}.end`);
    date(actionPlan.adoptedOn, `${planPath}.adoptedOn`);
    actionPlan.activities.forEach((activity, a) => {
      const path = `${planPath}.activities[${a}]`;
      date(activity.start, `${path}.start`);
      date(activity.end, `${path}.end`);
      activity.costs?.forEach((cost, c) => amount(cost.amount, `${path}.costs[${c}].amount`));
    });
  });
  plan.monitoring?.rounds.forEach((round, r) => {
    const roundPath = `$.monitoring.rounds[${r}]`;
    date(round.periodStart, `${roundPath}.periodStart`);
    date(round.periodEnd, `${roundPath}.periodEnd`);
    date(round.deadline, `${roundPath}.deadline`);
    round.reports.forEach((report, i) => {
      const reportPath = `${roundPath}.reports[${i}]`;
      date(report.submittedOn, `${reportPath}.submittedOn`);
      report.activities.forEach((entry, e) => {
        entry.spent?.forEach((spent, s) => amount(spent.amount, `${reportPath}.activities[${e}].spent[${s}].amount`));
      });
    });
  });
  return issues;
}

/**
 * The texts the database cannot keep exactly, anywhere in a parsed JSON value, by JSON path: it
 * runs on packages that do not follow the format too, so that these are reported with the rest.
 */
export function textIssues(value: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  collectTextIssues(value, '$', issues);
  return issues;
}

// Only values are checked: the keys that can be stored are the format's own.
function collectTextIssues(value: unknown, path: string, issues: FieldIssue[]): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000') || LONE_SURROGATE.test(value)) issues.push({ path, key: 'text_not_storable' });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => collectTextIssues(item, `${path}[${index}]`, issues));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) collectTextIssues(item, `${path}.${key}`, issues);
  }
}
