import { useId, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { formatDate, type ReportStatus } from '@ariadne/domain';
import { api, asApiError } from '../api.ts';
import { Page } from '../components/Page.tsx';
import { ReportExcel } from '../components/ReportExcel.tsx';
import { EvidenceSection } from '../components/ReportEvidence.tsx';
import { ReportActivities, ReportComments, ReportIndicatorValues } from '../components/ReportContentView.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { useLanguage } from '../i18n.ts';
import { boardPage, reportPath, type ReportDetail } from '../monitoringApi.ts';
import { useAbility, useParticipant } from '../session.tsx';
import { useApiData } from '../useApiData.ts';
import { reportingCalls } from '../reportingApi.ts';
import '../monitoring.css';

const REPORT_STATUS_KEYS = {
  draft: 'app.monitoring.reportStatus.draft',
  submitted: 'app.monitoring.reportStatus.submitted',
  returned: 'app.monitoring.reportStatus.returned',
  accepted: 'app.monitoring.reportStatus.accepted',
} as const satisfies Record<ReportStatus, string>;

function CommentField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (text: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={3} value={value} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
}

type Outcome = { kind: 'done'; message: string } | { kind: 'error'; message: string } | null;

/** Accepting a submitted report, after a confirmation, or returning it with comments (at least one). */
function ReviewActions({
  report,
  path,
  onOutcome,
}: {
  report: ReportDetail;
  path: string;
  onOutcome: (outcome: Outcome, reload: boolean) => void;
}) {
  const { t } = useLanguage();
  const formId = useId();
  const [mode, setMode] = useState<'none' | 'accept' | 'return'>('none');
  const [overall, setOverall] = useState('');
  const [targeted, setTargeted] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);

  const fail = (caught: unknown) => {
    const failure = asApiError(caught);
    if (failure.code === 'EDIT_CONFLICT') onOutcome({ kind: 'error', message: t('app.monitoring.report.conflict') }, true);
    else onOutcome({ kind: 'error', message: failure.message }, failure.status === 409);
  };

  const accept = async () => {
    setBusy(true);
    try {
      await api.post(`${path}/accept`, { version: report.version });
      onOutcome({ kind: 'done', message: t('app.monitoring.report.accepted', { name: report.name }) }, true);
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };

  const sendBack = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const comments = [
      ...(overall.trim() === '' ? [] : [{ text: overall.trim() }]),
      ...Object.entries(targeted)
        .filter(([, text]) => text.trim() !== '')
        .map(([target, text]) => ({ target, text: text.trim() })),
    ];
    if (comments.length === 0) {
      setMissing(true);
      document.getElementById(`${formId}-overall`)?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    try {
      await api.post(`${path}/return`, { version: report.version, comments });
      onOutcome({ kind: 'done', message: t('app.monitoring.report.returned', { name: report.name }) }, true);
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };

  const targets = [
    ...report.activities.map((entry) => ({
      code: entry.activity,
      label: t('app.monitoring.report.commentOnActivity', { code: entry.activity }),
    })),
    ...(report.indicatorValues ?? []).map((entry) => ({
      code: entry.indicator,
      label: t('app.monitoring.report.commentOnIndicator', { code: entry.indicator }),
    })),
  ];

  return (
    <section aria-labelledby={`${formId}-heading`} className="print-hide">
      <h2 id={`${formId}-heading`}>{t('app.monitoring.report.reviewTitle')}</h2>
      {mode === 'none' ? (
        <div className="button-row">
          <button type="button" className="button" onClick={() => setMode('accept')}>
            {t('app.monitoring.report.accept')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setMode('return')}>
            {t('app.monitoring.report.return')}
          </button>
        </div>
      ) : null}
      {mode === 'accept' ? (
        <div role="group" aria-labelledby={`${formId}-confirm`}>
          <p id={`${formId}-confirm`}>{t('app.monitoring.report.confirmAccept', { name: report.name })}</p>
          <div className="button-row">
            <button type="button" className="button" disabled={busy} onClick={() => void accept()}>
              {t('app.monitoring.report.confirm')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setMode('none')}>
              {t('app.monitoring.report.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {mode === 'return' ? (
        <form onSubmit={(event) => void sendBack(event)} noValidate>
          <p>{t('app.monitoring.report.returnHint')}</p>
          {missing ? (
            <p role="alert" className="field-error">
              {t('app.monitoring.report.commentRequired')}
            </p>
          ) : null}
          <CommentField id={`${formId}-overall`} label={t('app.monitoring.report.overallComment')} value={overall} onChange={setOverall} />
          {targets.map((target) => (
            <CommentField
              key={target.code}
              id={`${formId}-${target.code}`}
              label={target.label}
              value={targeted[target.code] ?? ''}
              onChange={(text) => setTargeted((current) => ({ ...current, [target.code]: text }))}
            />
          ))}
          <div className="button-row">
            <button type="submit" className="button" disabled={busy}>
              {t('app.monitoring.report.sendBack')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setMode('none')}>
              {t('app.monitoring.report.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** One institution's report in a round, as the coordinator reads it, accepts it or returns it. */
export function ReportReviewPage() {
  const { planId = '', roundId = '', institution = '' } = useParams();
  const participant = useParticipant();
  const { t, language } = useLanguage();
  const canReview = useAbility('report.review');
  const canManage = useAbility('round.manage');
  const path = reportPath(participant.code, planId, roundId, institution);
  const report = useApiData<ReportDetail>(path);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [attempt, setAttempt] = useState(0);

  const title =
    report.result.status === 'ready'
      ? t('app.monitoring.report.title', { name: report.result.data.name, round: roundId })
      : t('app.monitoring.report.titleShort', { round: roundId });

  return (
    <Page title={title}>
      <p className="print-hide">
        <Link to={boardPage(planId, roundId)}>{t('app.monitoring.report.back')}</Link>
      </p>
      {outcome?.kind === 'done' ? (
        <p role="status" className="notice notice-success">
          {outcome.message}
        </p>
      ) : null}
      {outcome?.kind === 'error' ? <ErrorMessage message={outcome.message} /> : null}
      {report.result.status === 'loading' ? <Loading /> : null}
      {report.result.status === 'error' ? <ErrorMessage message={report.result.error.message} onRetry={report.reload} /> : null}
      {report.result.status === 'ready' ? (
        <>
          <dl className="facts">
            <div>
              <dt>{t('app.monitoring.board.status')}</dt>
              <dd>{t(REPORT_STATUS_KEYS[report.result.data.status])}</dd>
            </div>
            <div>
              <dt>{t('app.monitoring.board.submittedOn')}</dt>
              <dd>
                {report.result.data.submittedOn === null ? (
                  <span className="muted">{t('app.monitoring.board.notSubmitted')}</span>
                ) : (
                  <time dateTime={report.result.data.submittedOn}>{formatDate(report.result.data.submittedOn, language)}</time>
                )}
              </dd>
            </div>
          </dl>
          <h2>{t('app.monitoring.report.activities')}</h2>
          <ReportActivities report={report.result.data} currency={participant.currency} />
          <h2>{t('app.monitoring.report.values')}</h2>
          <ReportIndicatorValues report={report.result.data} />
          <EvidenceSection
            evidence={report.result.data.evidence ?? []}
            calls={reportingCalls(participant.code, planId, roundId, institution)}
            editable={false}
            targets={[]}
            onChanged={report.reload}
          />
          <h2>{t('app.monitoring.report.comments')}</h2>
          <ReportComments report={report.result.data} />
          {canManage ? (
            <ReportExcel
              participant={participant.code}
              plan={planId}
              round={roundId}
              institution={institution}
              canUpload={report.result.data.status === 'draft' || report.result.data.status === 'returned'}
              onUploaded={report.reload}
            />
          ) : null}
          {canReview && report.result.data.status === 'submitted' ? (
            <ReviewActions
              key={`${report.result.data.version}\u0000${attempt}`}
              report={report.result.data}
              path={path}
              onOutcome={(next, reload) => {
                setOutcome(next);
                if (reload) {
                  setAttempt((n) => n + 1);
                  report.reload();
                }
              }}
            />
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
