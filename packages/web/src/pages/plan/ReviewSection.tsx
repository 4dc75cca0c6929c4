import { Link, useParams } from 'react-router';
import {
  ELEMENT_SUBJECTS,
  RULE_GROUP_ORDER,
  RULE_GROUPS,
  RULE_SUBJECTS,
  formatDate,
  formatNumber,
  type RuleCode,
  type RuleSubject,
} from '@ariadne/domain';
import type { PlanReview } from '../../api.ts';
import { Badge, severityTone } from '../../components/Badge.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
import { localToday } from '../../format.ts';
import { useLanguage } from '../../i18n.ts';
import '../../insight.css';
import { ruleGroupLabel, ruleTitle, ruleWhy, severityLabel } from '../../labels.ts';
import type { ApiData } from '../../useApiData.ts';

type Finding = PlanReview['findings'][number];

/**
 * Marks the page while the browser prints, so that the print stylesheet leaves out everything but
 * the review, and opens every "why it matters" for the printed report (closing them again after).
 */
function printReview(): void {
  const root = document.documentElement;
  root.dataset.print = 'review';
  const closed = [...document.querySelectorAll<HTMLDetailsElement>('#plan-review details.why:not([open])')];
  for (const details of closed) details.open = true;
  window.addEventListener(
    'afterprint',
    () => {
      delete root.dataset.print;
      for (const details of closed) details.open = false;
    },
    { once: true },
  );
  window.print();
}

/** The kind of element a finding's subject is, when the plan editor can open it by its code; null otherwise. */
export function elementSubject(finding: Pick<Finding, 'rule' | 'subject'>): RuleSubject | null {
  if (finding.subject === null || !Object.hasOwn(RULE_SUBJECTS, finding.rule)) return null;
  const kind = RULE_SUBJECTS[finding.rule as RuleCode];
  return kind !== null && ELEMENT_SUBJECTS.includes(kind) ? kind : null;
}

/** Sorts findings under the review's groups, in the order of the seed assessment; rules the web does not know yet come last. */
export function groupFindings(findings: readonly Finding[]): { groups: { group: string; findings: Finding[] }[]; other: Finding[] } {
  const byGroup = new Map<string, Finding[]>(RULE_GROUP_ORDER.map((group) => [group, []]));
  const other: Finding[] = [];
  for (const finding of findings) {
    const group = Object.hasOwn(RULE_GROUPS, finding.rule) ? RULE_GROUPS[finding.rule as RuleCode] : undefined;
    const list = group === undefined ? undefined : byGroup.get(group);
    if (list) list.push(finding);
    else other.push(finding);
  }
  return { groups: RULE_GROUP_ORDER.map((group) => ({ group, findings: byGroup.get(group) ?? [] })), other };
}

/** The link that opens the element a finding is about in the plan editor. */
function FixLink({ finding }: { finding: Finding }) {
  const { t } = useLanguage();
  const { planId } = useParams();
  const kind = elementSubject(finding);
  if (kind === null || finding.subject === null || planId === undefined) return null;
  return (
    <p className="finding-fix print-hide">
      <Link to={`/plans/${encodeURIComponent(planId)}/elements/${encodeURIComponent(finding.subject)}`}>
        {t('app.insight.review.fix', { kind, subject: finding.subject })}
      </Link>
    </p>
  );
}

function FindingItem({ finding }: { finding: Finding }) {
  const { t } = useLanguage();
  const why = ruleWhy(finding.rule);
  return (
    <li className={`finding finding-${finding.severity}`}>
      <div className="finding-head">
        <Badge tone={severityTone(finding.severity)}>{severityLabel(finding.severity)}</Badge>
        <h4>
          <span className="rule-code">{finding.rule}</span> {ruleTitle(finding.rule)}
        </h4>
      </div>
      <p className="finding-message">{finding.message}</p>
      {finding.subject !== null ? (
        <p className="finding-subject">
          {t('app.review.subject')} <code>{finding.subject}</code>
        </p>
      ) : null}
      <FixLink finding={finding} />
      {why !== null ? (
        <details className="why">
          <summary>{t('app.review.why')}</summary>
          <p>{why}</p>
        </details>
      ) : null}
    </li>
  );
}

function FindingGroup({ id, heading, findings }: { id: string; heading: string; findings: Finding[] }) {
  const { t } = useLanguage();
  return (
    <section className="finding-group" aria-labelledby={id}>
      <h3 id={id}>{heading}</h3>
      {findings.length === 0 ? (
        <p className="empty">{t('app.review.groupEmpty')}</p>
      ) : (
        <>
          <p className="count">{t('app.review.findingCount', { count: findings.length })}</p>
          <ul className="findings">
            {findings.map((finding, index) => (
              <FindingItem key={`${finding.rule}-${finding.subject ?? ''}-${index}`} finding={finding} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The plan review: counts by severity, then each finding under its group, with why the rule matters and a print button. */
export function ReviewSection({ result, onRetry }: { result: ApiData<PlanReview>; onRetry: () => void }) {
  const { t } = useLanguage();
  return (
    <section id="plan-review" className="plan-section" aria-labelledby="plan-review-heading">
      <div className="section-head">
        <h2 id="plan-review-heading">{t('app.review.title')}</h2>
        {result.status === 'ready' ? (
          <button type="button" className="button button-secondary print-hide" onClick={printReview}>
            {t('app.review.print')}
          </button>
        ) : null}
      </div>
      <p>{t('app.review.intro')}</p>
      {result.status === 'loading' ? <Loading /> : null}
      {result.status === 'error' ? <ErrorMessage message={result.error.message} onRetry={onRetry} /> : null}
      {result.status === 'ready' ? <ReviewBody review={result.data} /> : null}
    </section>
  );
}

function ReviewBody({ review }: { review: PlanReview }) {
  const { t, language } = useLanguage();
  const { groups, other } = groupFindings(review.findings);
  return (
    <>
      <p className="print-only">{t('app.insight.review.printedOn', { plan: review.plan, date: formatDate(localToday(), language) })}</p>
      <dl className="facts severity-summary">
        <div>
          <dt>{t('app.review.summary.errors')}</dt>
          <dd data-testid="review-errors">{formatNumber(review.summary.error, language)}</dd>
        </div>
        <div>
          <dt>{t('app.review.summary.warnings')}</dt>
          <dd data-testid="review-warnings">{formatNumber(review.summary.warning, language)}</dd>
        </div>
        <div>
          <dt>{t('app.review.summary.info')}</dt>
          <dd data-testid="review-info">{formatNumber(review.summary.info, language)}</dd>
        </div>
      </dl>
      {review.findings.length === 0 ? <p className="notice notice-success">{t('app.review.none')}</p> : null}
      {groups.map(({ group, findings }) => (
        <FindingGroup key={group} id={`review-group-${group}`} heading={ruleGroupLabel(group)} findings={findings} />
      ))}
      {other.length > 0 ? <FindingGroup id="review-group-other" heading={t('app.review.otherGroup')} findings={other} /> : null}
    </>
  );
}
