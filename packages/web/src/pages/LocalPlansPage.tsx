import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { formatDate, formatNumber, type DocumentStatus } from '@ariadne/domain';
import { api, asApiError, issuesByField, participantPath } from '../api.ts';
import { Badge, documentTone } from '../components/Badge.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { SelectField } from '../components/Field.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { formatShare } from '../format.ts';
import { useLanguage } from '../i18n.ts';
import { documentStatusLabel, levelLabel } from '../labels.ts';
import { useParticipant, usePolicy } from '../session.tsx';
import { useApiData } from '../useApiData.ts';

/** A body below the national level that coordinates a local plan. */
export type LocalBody = { code: string; name: string; level: string; area: string | null };

/** `GET /api/participants/{code}/local-plans`: one local plan at a glance. */
export type LocalPlanGlance = {
  plan: string;
  title: string;
  strategy: string;
  status: DocumentStatus;
  start: string;
  end: string;
  level: string;
  body: LocalBody;
  activities: number;
  shares: { completed: number | null; ongoing: number | null; delayed: number | null };
  latestRound: { id: string; deadline: string; expected: number; received: number; overdue: number } | null;
  implements: string[];
};

export type LocalPlansList = {
  today: string;
  plans: LocalPlanGlance[];
  candidates: { plans: { code: string; title: string; strategy: string }[]; bodies: LocalBody[] };
};

/** `GET /api/participants/{code}/local-plans/{plan}`. */
export type LocalPlanDetail = {
  plan: string;
  title: string;
  strategy: string;
  local: { level: string; body: LocalBody } | null;
  activities: { code: string; title: string; national: string | null }[];
  nationalActivities: { code: string; title: string; plan: string }[];
};

/** The address of a strategy's local plans, or of one of them. */
export function localPlansPath(strategyId: string, planId?: string): string {
  const base = `/strategies/${encodeURIComponent(strategyId)}/local-plans`;
  return planId === undefined ? base : `${base}/${encodeURIComponent(planId)}`;
}

function Share({ value }: { value: number | null }) {
  const { t, language } = useLanguage();
  return value === null ? <span className="muted">{t('app.localPlans.glance.none')}</span> : <>{formatShare(value, language)}</>;
}

function GlanceTable({ plans, strategyId, today }: { plans: LocalPlanGlance[]; strategyId: string; today: string }) {
  const { t, language } = useLanguage();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="local-plans-caption">
      <table>
        <caption id="local-plans-caption">{t('app.localPlans.glance.caption', { date: formatDate(today, language) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('app.localPlans.glance.plan')}</th>
            <th scope="col">{t('app.localPlans.glance.body')}</th>
            <th scope="col">{t('app.localPlans.glance.area')}</th>
            <th scope="col">{t('app.localPlans.glance.status')}</th>
            <th scope="col" className="num">
              {t('app.localPlans.glance.activities')}
            </th>
            <th scope="col" className="num">
              {t('app.localPlans.glance.completed')}
            </th>
            <th scope="col" className="num">
              {t('app.localPlans.glance.ongoing')}
            </th>
            <th scope="col" className="num">
              {t('app.localPlans.glance.delayed')}
            </th>
            <th scope="col">{t('app.localPlans.glance.latestRound')}</th>
            <th scope="col">{t('app.localPlans.glance.implements')}</th>
          </tr>
        </thead>
        <tbody>
          {plans.map((plan) => (
            <tr key={plan.plan}>
              <th scope="row">
                <Link to={localPlansPath(strategyId, plan.plan)}>{plan.title}</Link> <code>{plan.plan}</code>
              </th>
              <td>{plan.body.name}</td>
              <td>
                {plan.body.area ?? t('app.localPlans.glance.none')} <span className="muted">({levelLabel(plan.level)})</span>
              </td>
              <td>
                <Badge tone={documentTone(plan.status)}>{documentStatusLabel(plan.status)}</Badge>
              </td>
              <td className="num">{formatNumber(plan.activities, language)}</td>
              <td className="num">
                <Share value={plan.shares.completed} />
              </td>
              <td className="num">
                <Share value={plan.shares.ongoing} />
              </td>
              <td className="num">
                <Share value={plan.shares.delayed} />
              </td>
              <td>
                {plan.latestRound === null
                  ? t('app.localPlans.glance.noRound')
                  : t('app.localPlans.glance.round', {
                      round: plan.latestRound.id,
                      received: plan.latestRound.received,
                      expected: plan.latestRound.expected,
                      overdue: plan.latestRound.overdue,
                    })}
              </td>
              <td>
                {plan.implements.length === 0 ? (
                  <span className="muted">{t('app.localPlans.glance.none')}</span>
                ) : (
                  plan.implements.map((code, index) => (
                    <span key={code}>
                      {index > 0 ? ', ' : null}
                      <code>{code}</code>
                    </span>
                  ))
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The national coordinator marks an action plan of the strategy as the local plan of a body. */
function CreateLocalPlan({ list, strategyId, onCreated }: { list: LocalPlansList; strategyId: string; onCreated: () => void }) {
  const { t } = useLanguage();
  const participant = useParticipant();
  const plans = list.candidates.plans.filter((candidate) => candidate.strategy === strategyId);
  const [plan, setPlan] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (plan === '') found.plan = t('app.localPlans.create.choosePlan');
    if (body === '') found.body = t('app.localPlans.create.chooseBody');
    setErrors(found);
    setCreated(null);
    if (Object.keys(found).length > 0) {
      setFailure(t('app.localPlans.create.incomplete'));
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await api.post(participantPath(participant.code, '/local-plans'), { plan, body });
      setCreated(plan);
      setPlan('');
      setBody('');
      onCreated();
    } catch (caught) {
      const error = asApiError(caught);
      setErrors(issuesByField(error));
      setFailure(error.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section id="local-plans-create" className="plan-section" aria-labelledby="local-plans-create-heading">
      <h2 id="local-plans-create-heading">{t('app.localPlans.create.title')}</h2>
      <p>{t('app.localPlans.create.intro')}</p>
      {failure ? <ErrorSummary message={failure} /> : null}
      {created ? (
        <p role="status" className="notice">
          {t('app.localPlans.create.done', { plan: created })}
        </p>
      ) : null}
      {plans.length === 0 || list.candidates.bodies.length === 0 ? (
        <p className="empty">{t('app.localPlans.create.nothing')}</p>
      ) : (
        <form noValidate onSubmit={(event) => void submit(event)}>
          <SelectField
            id="plan"
            label={t('app.localPlans.create.plan')}
            value={plan}
            error={errors.plan}
            onChange={(event) => setPlan(event.target.value)}
          >
            <option value="">{t('app.localPlans.create.choosePlan')}</option>
            {plans.map((candidate) => (
              <option key={candidate.code} value={candidate.code}>
                {`${candidate.code} – ${candidate.title}`}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="body"
            label={t('app.localPlans.create.body')}
            hint={t('app.localPlans.create.bodyHint')}
            value={body}
            error={errors.body}
            onChange={(event) => setBody(event.target.value)}
          >
            <option value="">{t('app.localPlans.create.chooseBody')}</option>
            {list.candidates.bodies.map((candidate) => (
              <option key={candidate.code} value={candidate.code}>
                {`${candidate.name} (${candidate.area ?? levelLabel(candidate.level)})`}
              </option>
            ))}
          </SelectField>
          <div className="button-row">
            <button type="submit" className="button" disabled={busy}>
              {busy ? t('app.localPlans.create.busy') : t('app.localPlans.create.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/**
 * The local plans of a strategy at a glance, for the national coordinator: each plan's body, area,
 * status, activities and their progress, the reports of its latest round and the national
 * activities it implements; the coordinator marks a plan as local here.
 */
export function LocalPlansPage() {
  const { t } = useLanguage();
  const participant = useParticipant();
  const policy = usePolicy();
  const { strategyId = '' } = useParams();
  const { result, reload } = useApiData<LocalPlansList>(participantPath(participant.code, '/local-plans'));
  const title = t('app.localPlans.title');
  return (
    <Page title={title}>
      <p>
        <Link to={`/strategies/${encodeURIComponent(strategyId)}`}>{t('app.localPlans.backToStrategy', { strategy: strategyId })}</Link>
      </p>
      <p>{t('app.localPlans.intro')}</p>
      {result.status === 'loading' ? <Loading /> : null}
      {result.status === 'error' ? <ErrorMessage message={result.error.message} onRetry={reload} /> : null}
      {result.status === 'ready' ? (
        <>
          <section id="local-plans-glance" className="plan-section" aria-labelledby="local-plans-glance-heading">
            <h2 id="local-plans-glance-heading">{t('app.localPlans.glance.title')}</h2>
            {result.data.plans.filter((plan) => plan.strategy === strategyId).length === 0 ? (
              <p className="empty">{t('app.localPlans.glance.empty')}</p>
            ) : (
              <GlanceTable
                plans={result.data.plans.filter((plan) => plan.strategy === strategyId)}
                strategyId={strategyId}
                today={result.data.today}
              />
            )}
          </section>
          {policy.can('plan.adopt') ? <CreateLocalPlan list={result.data} strategyId={strategyId} onCreated={reload} /> : null}
        </>
      ) : null}
    </Page>
  );
}

/** One activity of a local plan and the national activity it implements, changed in place. */
function LinkRow({
  detail,
  activity,
  editable,
  onSaved,
}: {
  detail: LocalPlanDetail;
  activity: LocalPlanDetail['activities'][number];
  editable: boolean;
  onSaved: () => void;
}) {
  const { t } = useLanguage();
  const participant = useParticipant();
  const [national, setNational] = useState(activity.national ?? '');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const id = `link-${activity.code}`;

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    setSaved(false);
    try {
      await api.put(
        participantPath(
          participant.code,
          `/local-plans/${encodeURIComponent(detail.plan)}/activities/${encodeURIComponent(activity.code)}/link`,
        ),
        { national: national === '' ? null : national },
      );
      setSaved(true);
      onSaved();
    } catch (caught) {
      setFailure(asApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  const current = detail.nationalActivities.find((candidate) => candidate.code === activity.national);
  return (
    <tr>
      <th scope="row">
        <code>{activity.code}</code> {activity.title}
      </th>
      <td>
        {editable ? (
          <form noValidate onSubmit={(event) => void save(event)}>
            <SelectField
              id={id}
              label={t('app.localPlans.links.implements', { activity: activity.code })}
              value={national}
              onChange={(event) => setNational(event.target.value)}
            >
              <option value="">{t('app.localPlans.links.noneChosen')}</option>
              {detail.nationalActivities.map((candidate) => (
                <option key={candidate.code} value={candidate.code}>
                  {`${candidate.code} (${candidate.plan}) – ${candidate.title}`}
                </option>
              ))}
            </SelectField>
            <button type="submit" className="button button-secondary" disabled={busy}>
              {busy ? t('app.localPlans.links.saving') : t('app.localPlans.links.save')}
            </button>
            {saved ? (
              <span role="status" className="muted">
                {' '}
                {t('app.localPlans.links.saved')}
              </span>
            ) : null}
            {failure ? <ErrorSummary message={failure} /> : null}
          </form>
        ) : current ? (
          <>
            <code>{current.code}</code> {current.title}
          </>
        ) : (
          <span className="muted">{t('app.localPlans.links.noneChosen')}</span>
        )}
      </td>
    </tr>
  );
}

/** Which national activity each activity of a local plan implements: shown to all, changed by those who edit the plan. */
export function LocalActivityLinks({ detail, onSaved }: { detail: LocalPlanDetail; onSaved: () => void }) {
  const { t } = useLanguage();
  const policy = usePolicy();
  const editable = policy.canInPlan('plan.edit', detail.plan);
  return (
    <section id="local-plan-links" className="plan-section" aria-labelledby="local-plan-links-heading">
      <h2 id="local-plan-links-heading">{t('app.localPlans.links.title')}</h2>
      <p>{t('app.localPlans.links.intro')}</p>
      {detail.activities.length === 0 ? (
        <p className="empty">{t('app.localPlans.links.empty')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="local-plan-links-caption">
          <table>
            <caption id="local-plan-links-caption">{t('app.localPlans.links.caption', { plan: detail.plan })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('app.localPlans.links.activity')}</th>
                <th scope="col">{t('app.localPlans.links.national')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.activities.map((activity) => (
                <LinkRow
                  key={`${activity.code}:${activity.national ?? ''}`}
                  detail={detail}
                  activity={activity}
                  editable={editable}
                  onSaved={onSaved}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** One local plan: its body and area, and the national activities its activities implement. */
export function LocalPlanPage() {
  const { t } = useLanguage();
  const participant = useParticipant();
  const { strategyId = '', planId = '' } = useParams();
  const { result, reload } = useApiData<LocalPlanDetail>(participantPath(participant.code, `/local-plans/${encodeURIComponent(planId)}`));
  const detail = result.status === 'ready' ? result.data : null;
  return (
    <Page title={detail?.title ?? planId}>
      <p>
        <Link to={localPlansPath(strategyId)}>{t('app.localPlans.backToList')}</Link>
        {' · '}
        <Link to={`/plans/${encodeURIComponent(planId)}`}>{t('app.localPlans.openPlan')}</Link>
      </p>
      {result.status === 'loading' ? <Loading /> : null}
      {result.status === 'error' ? <ErrorMessage message={result.error.message} onRetry={reload} /> : null}
      {detail ? (
        <>
          {detail.local === null ? (
            <p className="notice">{t('app.localPlans.notLocal', { plan: detail.plan })}</p>
          ) : (
            <dl className="facts">
              <div>
                <dt>{t('app.localPlans.glance.body')}</dt>
                <dd>{detail.local.body.name}</dd>
              </div>
              <div>
                <dt>{t('app.localPlans.glance.area')}</dt>
                <dd>{detail.local.body.area ?? t('app.localPlans.glance.none')}</dd>
              </div>
              <div>
                <dt>{t('app.localPlans.level')}</dt>
                <dd>{levelLabel(detail.local.level)}</dd>
              </div>
            </dl>
          )}
          {detail.local !== null ? <LocalActivityLinks detail={detail} onSaved={reload} /> : null}
        </>
      ) : null}
    </Page>
  );
}

/** The local plan a new local coordinator will coordinate, for the form that adds a user. */
export function LocalPlanField({ value, error, onChange }: { value: string; error: string | undefined; onChange: (plan: string) => void }) {
  const { t } = useLanguage();
  const participant = useParticipant();
  const { result, reload } = useApiData<LocalPlansList>(participantPath(participant.code, '/local-plans'));
  if (result.status === 'loading') return <Loading />;
  if (result.status === 'error') return <ErrorMessage message={result.error.message} onRetry={reload} />;
  return (
    <SelectField
      id="new-user-plan"
      label={t('app.localPlans.users.plan')}
      hint={t('app.localPlans.users.planHint')}
      value={value}
      error={error}
      aria-required="true"
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">{t('app.localPlans.users.choosePlan')}</option>
      {result.data.plans.map((plan) => (
        <option key={plan.plan} value={plan.plan}>
          {t('app.localPlans.users.planOption', { plan: plan.plan, body: plan.body.name })}
        </option>
      ))}
    </SelectField>
  );
}
