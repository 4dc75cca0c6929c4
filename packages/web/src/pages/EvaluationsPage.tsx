import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  EVALUATION_CRITERIA,
  EVALUATION_KEYS,
  RATING_KEYS,
  EVALUATION_RECORD_KINDS,
  EVALUATION_TYPES,
  criterionKeys,
  type EvaluationRecordKind,
  type EvaluationType,
} from '@ariadne/domain';
import { api, asApiError, participantPath, type ApiError } from '../api.ts';
import { Badge } from '../components/Badge.tsx';
import { SelectField } from '../components/Field.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { useLanguage } from '../i18n.ts';
import { useAbility, useParticipant } from '../session.tsx';
import { useApiData } from '../useApiData.ts';
import { evaluationTypeLabel } from './strategy/vocabulary.ts';

/** One record of the list: an evaluation or an independent report, with its ratings and follow-up. */
export type ListedEvaluation = {
  id: number;
  kind: EvaluationRecordKind;
  type: EvaluationType | null;
  title: string;
  year: number | null;
  evaluatorKind: string | null;
  evaluatorName: string | null;
  authorName: string | null;
  authorRole: 'coordinator' | 'rapporteur';
  editable: boolean;
  ratings: Record<string, number | null>;
  recommendations: number;
  awaitingResponse: number;
  overdue: number;
  updatedAt: string;
};

export type EvaluationList = {
  strategy: { id: string; title: string; periodStart: number; periodEnd: number };
  planned: { type: EvaluationType; year: number }[];
  evaluations: ListedEvaluation[];
};

/** The API path of a strategy's evaluations. */
export function evaluationsPath(participant: string, strategyId: string): string {
  return participantPath(participant, `/strategies/${encodeURIComponent(strategyId)}/evaluations`);
}

/** The link to download the evidence pack of a strategy. */
export function EvidencePackLink({ participant, strategyId }: { participant: string; strategyId: string }) {
  const { t, language } = useLanguage();
  return (
    <a className="button" href={`${evaluationsPath(participant, strategyId)}/evidence.xlsx?language=${language}`} download>
      {t('app.evaluations.list.evidence')}
    </a>
  );
}

/** What the record is: the type of an evaluation, or an independent report. */
export function recordLabel(kind: EvaluationRecordKind, type: EvaluationType | null, t: (key: string) => string): string {
  return kind === 'evaluation' && type !== null ? evaluationTypeLabel(type) : t(EVALUATION_KEYS.kinds[kind]);
}

function NewRecord({ participant, strategyId, planned }: { participant: string; strategyId: string; planned: EvaluationList['planned'] }) {
  const { t } = useLanguage();
  const navigate = useNavigate();
  const [kind, setKind] = useState<EvaluationRecordKind>('evaluation');
  const [type, setType] = useState<EvaluationType>(planned[0]?.type ?? 'mid_term');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api.post<{ id: number }>(
        evaluationsPath(participant, strategyId),
        kind === 'evaluation' ? { kind, type } : { kind },
      );
      void navigate(`/strategies/${encodeURIComponent(strategyId)}/evaluations/${created.id}`);
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="new-evaluation-heading">
      <h2 id="new-evaluation-heading">{t('app.evaluations.list.newTitle')}</h2>
      <p>{t('app.evaluations.list.newIntro')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        {error ? <ErrorMessage message={error.message} /> : null}
        <div className="filters">
          <SelectField
            id="new-evaluation-kind"
            label={t('app.evaluations.fields.kind')}
            value={kind}
            onChange={(event) => setKind(event.target.value as EvaluationRecordKind)}
          >
            {EVALUATION_RECORD_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(EVALUATION_KEYS.kinds[value])}
              </option>
            ))}
          </SelectField>
          {kind === 'evaluation' ? (
            <SelectField
              id="new-evaluation-type"
              label={t('app.evaluations.fields.type')}
              value={type}
              onChange={(event) => setType(event.target.value as EvaluationType)}
            >
              {EVALUATION_TYPES.map((value) => (
                <option key={value} value={value}>
                  {evaluationTypeLabel(value)}
                </option>
              ))}
            </SelectField>
          ) : null}
        </div>
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('app.evaluations.list.starting') : t('app.evaluations.list.start')}
          </button>
        </div>
      </form>
    </section>
  );
}

/**
 * The evaluations of a strategy and the independent reports of its rapporteur: the planned
 * evaluations, each record with its ratings by criterion and the follow-up of its recommendations,
 * the evidence pack to download, and, for coordinators and rapporteurs, a new record filled in from the plan.
 */
export function EvaluationsPage() {
  const { strategyId = '' } = useParams();
  const participant = useParticipant();
  const { t } = useLanguage();
  const canWrite = useAbility('evaluation.write');
  const canSeeFinance = useAbility('finance.view');
  const { result, reload } = useApiData<EvaluationList>(evaluationsPath(participant.code, strategyId));

  return (
    <Page title={t('app.evaluations.list.title')}>
      <p className="print-hide">
        <Link to={`/strategies/${encodeURIComponent(strategyId)}`}>{t('app.evaluations.list.back')}</Link>
      </p>
      {result.status === 'loading' ? <Loading /> : null}
      {result.status === 'error' ? <ErrorMessage message={result.error.message} onRetry={reload} /> : null}
      {result.status === 'ready' ? (
        <>
          <p className="lead">{t('app.evaluations.list.intro', { strategy: result.data.strategy.title })}</p>
          <section aria-labelledby="planned-heading">
            <h2 id="planned-heading">{t('app.evaluations.list.planned')}</h2>
            {result.data.planned.length === 0 ? (
              <p className="empty">{t('app.evaluations.list.nonePlanned')}</p>
            ) : (
              <ul>
                {result.data.planned.map((planned) => (
                  <li key={`${planned.type}-${planned.year}`}>
                    {t('app.evaluations.list.plannedItem', { type: evaluationTypeLabel(planned.type), year: planned.year })}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {canSeeFinance ? (
            <p>
              <EvidencePackLink participant={participant.code} strategyId={strategyId} />{' '}
              <span className="muted">{t('app.evaluations.list.evidenceHint')}</span>
            </p>
          ) : null}
          <section aria-labelledby="records-heading">
            <h2 id="records-heading">{t('app.evaluations.list.records')}</h2>
            {result.data.evaluations.length === 0 ? (
              <p className="empty">{t('app.evaluations.list.none')}</p>
            ) : (
              <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="records-caption">
                <table>
                  <caption id="records-caption">{t('app.evaluations.list.caption', { strategy: result.data.strategy.id })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('app.evaluations.fields.title')}</th>
                      <th scope="col">{t('app.evaluations.fields.kind')}</th>
                      <th scope="col">{t('app.evaluations.fields.author')}</th>
                      {EVALUATION_CRITERIA.map((criterion) => (
                        <th scope="col" key={criterion}>
                          {t(criterionKeys(criterion).name)}
                        </th>
                      ))}
                      <th scope="col">{t('app.evaluations.list.recommendations')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.data.evaluations.map((evaluation) => (
                      <tr key={evaluation.id}>
                        <th scope="row">
                          <Link to={`/strategies/${encodeURIComponent(strategyId)}/evaluations/${evaluation.id}`}>{evaluation.title}</Link>
                        </th>
                        <td>
                          {recordLabel(evaluation.kind, evaluation.type, t)}
                          {evaluation.year !== null ? ` (${evaluation.year})` : ''}
                        </td>
                        <td>
                          {evaluation.authorName ?? '—'}
                          <div className="muted">{t(EVALUATION_KEYS.authorRole[evaluation.authorRole])}</div>
                        </td>
                        {EVALUATION_CRITERIA.map((criterion) => {
                          const rating = evaluation.ratings[criterion];
                          return (
                            <td key={criterion} className="numeric">
                              {rating === null || rating === undefined ? (
                                <span className="muted">{t('app.evaluations.list.notRated')}</span>
                              ) : (
                                <span title={t(RATING_KEYS[rating as 1 | 2 | 3 | 4])}>{rating}</span>
                              )}
                            </td>
                          );
                        })}
                        <td>
                          {t('app.evaluations.list.recommendationCount', { count: evaluation.recommendations })}
                          {evaluation.awaitingResponse > 0 ? (
                            <div>
                              <Badge tone="info">{t('app.evaluations.list.awaiting', { count: evaluation.awaitingResponse })}</Badge>
                            </div>
                          ) : null}
                          {evaluation.overdue > 0 ? (
                            <div>
                              <Badge tone="error">{t('app.evaluations.list.overdue', { count: evaluation.overdue })}</Badge>
                            </div>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <p className="muted">{t('app.evaluations.scale.legend')}</p>
          </section>
          {canWrite ? <NewRecord participant={participant.code} strategyId={strategyId} planned={result.data.planned} /> : null}
        </>
      ) : null}
    </Page>
  );
}
