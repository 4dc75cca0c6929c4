import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { CARRY_OVER_FATE_KEYS, OPERATIONAL_STATUS_KEYS, formatDate, type ActivityStatus } from '@ariadne/domain';
import { api, asApiError, participantPath } from '../api.ts';
import { Badge } from '../components/Badge.tsx';
import { LanguageField, SelectField, TextField } from '../components/Field.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { localToday } from '../format.ts';
import { useLanguage } from '../i18n.ts';
import { activityStatusLabel } from '../labels.ts';
import { useAbility, useParticipant } from '../session.tsx';
import { useApiData } from '../useApiData.ts';
import '../operational.css';

/** The operational plans of an action plan, as `GET …/operational-plans` gives them. */
export type OperationalPlanList = {
  plan: { id: string; title: string; start: string; end: string; status: string };
  years: number[];
  operationalPlans: {
    year: number;
    status: 'draft' | 'adopted';
    version: number;
    due: number;
    carriedOver: number;
    createdAt: string;
    adoptedAt: string | null;
  }[];
};

/** What happened to an activity not done by the end of its year. */
export type CarryOverFate = 'completed' | 'cancelled' | 'carried_over' | 'pending';

/** The carry-over report, as `GET …/carry-over` gives it. */
export type CarryOver = {
  plan: string;
  asOf: string;
  years: {
    year: number;
    entries: {
      activity: string;
      title: string;
      lead: { id: string; name: string | null } | null;
      end: string | null;
      statusAtYearEnd: ActivityStatus;
      reason: string | null;
      fate: CarryOverFate;
      fateRound: string | null;
      statusNow: ActivityStatus;
    }[];
  }[];
};

/** The API path of an action plan's operational plans, or of one year's. */
export function operationalPath(participant: string, planId: string, year?: number): string {
  return participantPath(
    participant,
    `/action-plans/${encodeURIComponent(planId)}/operational-plans${year === undefined ? '' : `/${year}`}`,
  );
}

/** The page of an action plan's operational plans, or of one year's. */
export function operationalPage(planId: string, year?: number): string {
  return `/plans/${encodeURIComponent(planId)}/operational${year === undefined ? '' : `/${year}`}`;
}

/** The status of an operational plan as a badge. */
export function OperationalStatus({ status }: { status: 'draft' | 'adopted' }) {
  const { t } = useLanguage();
  return <Badge tone={status === 'adopted' ? 'success' : 'neutral'}>{t(OPERATIONAL_STATUS_KEYS[status])}</Badge>;
}

/** The carry-over report of an action plan as of a date: per year, what was not done by its end and what became of it; with its Word download. */
export function CarryOverSection({ participant, planId }: { participant: string; planId: string }) {
  const { t, language } = useLanguage();
  const [asOf, setAsOf] = useState(localToday());
  const [documentLanguage, setDocumentLanguage] = useState(language);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(asOf);
  const base = participantPath(participant, `/action-plans/${encodeURIComponent(planId)}/carry-over`);
  const report = useApiData<CarryOver>(`${base}?asOf=${valid ? asOf : localToday()}`);
  return (
    <section aria-labelledby="carry-over-heading" className="operational-section">
      <h2 id="carry-over-heading">{t('app.operational.carryOver.title')}</h2>
      <p>{t('app.operational.carryOver.intro')}</p>
      <div className="button-row">
        <TextField
          id="carry-over-as-of"
          type="date"
          label={t('app.operational.asOf')}
          value={asOf}
          onChange={(event) => setAsOf(event.target.value)}
        />
        <LanguageField
          id="carry-over-language"
          label={t('app.operational.documentLanguage')}
          value={documentLanguage}
          onChange={setDocumentLanguage}
        />
      </div>
      <p>
        <a
          className="button button-secondary"
          href={`${base}.docx?asOf=${valid ? asOf : localToday()}&language=${documentLanguage}`}
          download
        >
          {t('app.operational.carryOver.download')}
        </a>
      </p>
      {report.result.status === 'loading' ? <Loading /> : null}
      {report.result.status === 'error' ? <ErrorMessage message={report.result.error.message} onRetry={report.reload} /> : null}
      {report.result.status === 'ready' ? (
        report.result.data.years.length === 0 ? (
          <p>{t('app.operational.carryOver.noYears')}</p>
        ) : (
          report.result.data.years.map((year) => (
            <div key={year.year}>
              <h3>{t('app.operational.carryOver.year', { year: year.year })}</h3>
              {year.entries.length === 0 ? (
                <p>{t('app.operational.carryOver.nothingLeft')}</p>
              ) : (
                <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`carry-over-caption-${year.year}`}>
                  <table>
                    <caption id={`carry-over-caption-${year.year}`} className="visually-hidden">
                      {t('app.operational.carryOver.caption', { year: year.year })}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('app.operational.columns.activity')}</th>
                        <th scope="col">{t('app.operational.columns.lead')}</th>
                        <th scope="col">{t('app.operational.columns.atYearEnd')}</th>
                        <th scope="col">{t('app.operational.columns.reason')}</th>
                        <th scope="col">{t('app.operational.columns.fate')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {year.entries.map((entry) => (
                        <tr key={entry.activity}>
                          <th scope="row">
                            <code>{entry.activity}</code> {entry.title}
                          </th>
                          <td>{entry.lead ? (entry.lead.name ?? entry.lead.id) : '—'}</td>
                          <td>{activityStatusLabel(entry.statusAtYearEnd)}</td>
                          <td>{entry.reason ?? t('app.operational.document.noReason')}</td>
                          <td>
                            {t(CARRY_OVER_FATE_KEYS[entry.fate], { year: year.year + 1 })}
                            {entry.fateRound ? ` (${entry.fateRound})` : ''}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          ))
        )
      ) : null}
    </section>
  );
}

function CreateForm({ participant, list }: { participant: string; list: OperationalPlanList }) {
  const { t } = useLanguage();
  const navigate = useNavigate();
  const open = list.years.filter((year) => !list.operationalPlans.some((item) => item.year === year));
  const [year, setYear] = useState(String(open[0] ?? ''));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (open.length === 0) return <p>{t('app.operational.list.allYears')}</p>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await api.post(operationalPath(participant, list.plan.id), { year: Number(year) });
      void navigate(operationalPage(list.plan.id, Number(year)));
    } catch (caught) {
      setFailure(asApiError(caught).message);
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="operational-create-heading" className="operational-create">
      <h2 id="operational-create-heading">{t('app.operational.list.create')}</h2>
      <p>{t('app.operational.list.createHint')}</p>
      {failure !== null ? <ErrorMessage message={failure} /> : null}
      <SelectField
        id="operational-year"
        label={t('app.operational.list.year')}
        value={year}
        onChange={(event) => setYear(event.target.value)}
      >
        {open.map((candidate) => (
          <option key={candidate} value={candidate}>
            {candidate}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button" disabled={busy}>
        {t('app.operational.list.createButton')}
      </button>
    </form>
  );
}

/** An action plan's operational plans by year, the drafting of one for a year, and the carry-over report. */
export function OperationalPlansPage() {
  const { t, language } = useLanguage();
  const { planId = '' } = useParams();
  const participant = useParticipant();
  const canEdit = useAbility('plan.edit');
  const list = useApiData<OperationalPlanList>(operationalPath(participant.code, planId));
  const title =
    list.result.status === 'ready'
      ? t('app.operational.list.title', { plan: list.result.data.plan.title })
      : t('app.operational.list.titleShort');
  return (
    <Page title={title}>
      <p className="print-hide">
        <Link to={`/plans/${encodeURIComponent(planId)}`}>{t('app.operational.backToPlan')}</Link>
      </p>
      <p>{t('app.operational.list.intro')}</p>
      {list.result.status === 'loading' ? <Loading /> : null}
      {list.result.status === 'error' ? <ErrorMessage message={list.result.error.message} onRetry={list.reload} /> : null}
      {list.result.status === 'ready' ? (
        <>
          <section aria-labelledby="operational-years-heading">
            <h2 id="operational-years-heading">{t('app.operational.list.byYear')}</h2>
            {list.result.data.operationalPlans.length === 0 ? (
              <p>{t('app.operational.list.none')}</p>
            ) : (
              <ul className="plain-list operational-years">
                {list.result.data.operationalPlans.map((item) => (
                  <li key={item.year}>
                    <Link to={operationalPage(planId, item.year)}>{t('app.operational.list.item', { year: item.year })}</Link>{' '}
                    <OperationalStatus status={item.status} />{' '}
                    <span className="muted">
                      {t('app.operational.list.counts', { due: item.due, carried: item.carriedOver })}
                      {item.adoptedAt ? ` · ${t('app.operational.adoptedOn', { date: formatDate(item.adoptedAt, language) })}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {canEdit ? <CreateForm participant={participant.code} list={list.result.data} /> : null}
          <CarryOverSection participant={participant.code} planId={planId} />
        </>
      ) : null}
    </Page>
  );
}
