import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import {
  EVALUATION_CRITERIA,
  EVALUATION_METHODS,
  EVALUATION_TYPES,
  EVALUATOR_KINDS,
  EVALUATION_KEYS,
  MANAGEMENT_RESPONSES,
  RATING_KEYS,
  RATING_SCALE,
  RECOMMENDATION_STRENGTHS,
  RESPONSE_ACTION_STATUSES,
  criterionKeys,
  evaluationMethodKey,
  evaluatorKindKey,
  type EvaluationContent,
  type EvaluationCriterion,
  type EvaluationRecordKind,
  type EvaluationType,
  type EvaluatorKind,
  type ManagementResponse,
  type RecommendationStrength,
  type ResponseActionStatus,
  type ResponseState,
} from '@ariadne/domain';
import { api, asApiError, issuesByField, type ApiError } from '../api.ts';
import { Badge, type BadgeTone } from '../components/Badge.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../components/Field.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { CheckboxGroup, Group, TextAreaField } from '../editing/forms/fields.tsx';
import { useLanguage } from '../i18n.ts';
import { recommendationStrengthLabel } from '../labels.ts';
import { useAbility, useParticipant } from '../session.tsx';
import { useApiData } from '../useApiData.ts';
import { EvidencePackLink, evaluationsPath, recordLabel } from './EvaluationsPage.tsx';
import { evaluationTypeLabel } from './strategy/vocabulary.ts';

/** A recommendation of the record in the register, with the office's management response. */
export type EvaluationRecommendation = {
  link: number;
  code: string;
  source: string;
  year: number;
  text: string;
  response: ManagementResponse | null;
  action: string;
  responsible: string | null;
  dueDate: string | null;
  actionStatus: ResponseActionStatus;
  state: ResponseState;
  overdue: boolean;
  version: number;
};

/** An evaluation or independent report as the API gives it. */
export type EvaluationDetail = {
  id: number;
  kind: EvaluationRecordKind;
  authorName: string | null;
  authorRole: 'coordinator' | 'rapporteur';
  editable: boolean;
  version: number;
  updatedAt: string;
  content: EvaluationContent;
  recommendations: EvaluationRecommendation[];
  institutions: { id: string; name: string }[];
  strategy: { id: string; title: string };
};

/** The questions of each criterion as the text being edited, one a line. */
type QuestionTexts = Record<EvaluationCriterion, string>;

function questionTexts(content: EvaluationContent): QuestionTexts {
  return Object.fromEntries(
    EVALUATION_CRITERIA.map((criterion) => [criterion, content.criteria[criterion].questions.join('\n')]),
  ) as QuestionTexts;
}

function withQuestions(content: EvaluationContent, texts: QuestionTexts): EvaluationContent {
  const criteria = { ...content.criteria };
  for (const criterion of EVALUATION_CRITERIA) {
    criteria[criterion] = {
      ...criteria[criterion],
      questions: texts[criterion]
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    };
  }
  return { ...content, criteria };
}

/** Starts a download of a file the API writes, as a link the user followed. */
function download(href: string): void {
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.download = '';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

const STATE_TONES: Record<ResponseState, BadgeTone> = {
  awaiting_response: 'info',
  planned: 'neutral',
  in_progress: 'warning',
  done: 'success',
};

/** The rating scale, stated where the ratings are given. */
function RatingScale() {
  const { t } = useLanguage();
  return (
    <div className="table-wrap">
      <table className="compact">
        <caption>{t('app.evaluations.scale.intro')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('app.evaluations.scale.rating')}</th>
            <th scope="col">{t('app.evaluations.scale.meaning')}</th>
          </tr>
        </thead>
        <tbody>
          {RATING_SCALE.map((rating) => (
            <tr key={rating}>
              <th scope="row">{rating}</th>
              <td>{t(RATING_KEYS[rating])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The record as read by someone who may not change it. */
function RecordView({ detail }: { detail: EvaluationDetail }) {
  const { t } = useLanguage();
  const { content } = detail;
  const paragraphs = (value: string) =>
    value.trim() === '' ? (
      <p className="muted">{t('app.evaluations.page.empty')}</p>
    ) : (
      value.split('\n').map((line, index) => <p key={index}>{line}</p>)
    );
  return (
    <>
      <section aria-labelledby="record-criteria-heading">
        <h2 id="record-criteria-heading">{t('app.evaluations.page.criteria')}</h2>
        <RatingScale />
        {EVALUATION_CRITERIA.map((criterion) => {
          const assessment = content.criteria[criterion];
          return (
            <div key={criterion} className="panel">
              <h3>{t(criterionKeys(criterion).name)}</h3>
              <p className="muted">{t(criterionKeys(criterion).definition)}</p>
              {assessment.questions.length > 0 ? (
                <ul>
                  {assessment.questions.map((question, index) => (
                    <li key={index}>{question}</li>
                  ))}
                </ul>
              ) : null}
              <p>
                <strong>{t('app.evaluations.fields.rating')}: </strong>
                {assessment.rating === null
                  ? t('app.evaluations.list.notRated')
                  : `${assessment.rating} – ${t(RATING_KEYS[assessment.rating])}`}
              </p>
              {assessment.justification !== '' ? <p>{assessment.justification}</p> : null}
            </div>
          );
        })}
      </section>
      {detail.kind === 'independent_report' ? (
        <section aria-labelledby="record-text-heading">
          <h2 id="record-text-heading">{t('app.evaluations.fields.text')}</h2>
          {paragraphs(content.text)}
        </section>
      ) : null}
      <section aria-labelledby="record-findings-heading">
        <h2 id="record-findings-heading">{t('app.evaluations.fields.findings')}</h2>
        {paragraphs(content.findings)}
      </section>
      <section aria-labelledby="record-conclusions-heading">
        <h2 id="record-conclusions-heading">{t('app.evaluations.fields.conclusions')}</h2>
        {paragraphs(content.conclusions)}
      </section>
    </>
  );
}

/** The form of the record's author: details, terms of reference, questions and ratings, findings and conclusions. */
function RecordForm({ detail, path, onSaved }: { detail: EvaluationDetail; path: string; onSaved: () => void }) {
  const { t, language } = useLanguage();
  const [content, setContent] = useState<EvaluationContent>(detail.content);
  const [questions, setQuestions] = useState<QuestionTexts>(() => questionTexts(detail.content));
  const [version, setVersion] = useState(detail.version);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const issues = error ? issuesByField(error) : {};
  const issue = (field: string) => issues[`content.${field}`];
  const set = <K extends keyof EvaluationContent>(key: K, value: EvaluationContent[K]) => {
    setSaved(false);
    setContent((previous) => ({ ...previous, [key]: value }));
  };
  const setTerms = <K extends keyof EvaluationContent['terms']>(key: K, value: EvaluationContent['terms'][K]) =>
    set('terms', { ...content.terms, [key]: value });
  const setCriterion = (criterion: EvaluationCriterion, change: Partial<EvaluationContent['criteria'][EvaluationCriterion]>) =>
    set('criteria', { ...content.criteria, [criterion]: { ...content.criteria[criterion], ...change } });
  const isEvaluation = detail.kind === 'evaluation';

  async function save(thenDownload: boolean) {
    setBusy(true);
    setError(null);
    try {
      const answer = await api.put<{ version: number }>(path, { version, content: withQuestions(content, questions) });
      setVersion(answer.version);
      setSaved(true);
      if (thenDownload) download(`${path}/terms-of-reference.docx?language=${language}`);
      onSaved();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    void save(submitter instanceof HTMLButtonElement && submitter.value === 'terms');
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="record-form-heading">
      <h2 id="record-form-heading" className="visually-hidden">
        {t('app.evaluations.page.formTitle')}
      </h2>
      {error ? <ErrorSummary message={error.message} problems={error.issues.map((item) => item.message)} /> : null}
      <Group legend={t('app.evaluations.page.details')}>
        <TextField
          id="evaluation-title"
          label={t('app.evaluations.fields.title')}
          value={content.title}
          error={issue('title')}
          onChange={(event) => set('title', event.target.value)}
        />
        {isEvaluation ? (
          <SelectField
            id="evaluation-type"
            label={t('app.evaluations.fields.type')}
            value={content.type ?? 'final'}
            onChange={(event) => set('type', event.target.value as EvaluationType)}
          >
            {EVALUATION_TYPES.map((value) => (
              <option key={value} value={value}>
                {evaluationTypeLabel(value)}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextField
          id="evaluation-year"
          type="number"
          label={t('app.evaluations.fields.year')}
          value={content.year ?? ''}
          error={issue('year')}
          onChange={(event) => set('year', event.target.value === '' ? null : Number(event.target.value))}
        />
        <TextField
          id="evaluation-period-start"
          type="date"
          label={t('app.evaluations.fields.periodStart')}
          value={content.periodStart ?? ''}
          error={issue('periodStart')}
          onChange={(event) => set('periodStart', event.target.value === '' ? null : event.target.value)}
        />
        <TextField
          id="evaluation-period-end"
          type="date"
          label={t('app.evaluations.fields.periodEnd')}
          value={content.periodEnd ?? ''}
          error={issue('periodEnd')}
          onChange={(event) => set('periodEnd', event.target.value === '' ? null : event.target.value)}
        />
        <SelectField
          id="evaluation-evaluator-kind"
          label={t('app.evaluations.fields.evaluatorKind')}
          value={content.evaluatorKind ?? ''}
          onChange={(event) => set('evaluatorKind', event.target.value === '' ? null : (event.target.value as EvaluatorKind))}
        >
          <option value="">{t('app.evaluations.page.notSet')}</option>
          {EVALUATOR_KINDS.map((value) => (
            <option key={value} value={value}>
              {t(evaluatorKindKey(value))}
            </option>
          ))}
        </SelectField>
        <TextField
          id="evaluation-evaluator-name"
          label={t('app.evaluations.fields.evaluatorName')}
          value={content.evaluatorName ?? ''}
          onChange={(event) => set('evaluatorName', event.target.value === '' ? null : event.target.value)}
        />
      </Group>

      {isEvaluation ? (
        <section aria-labelledby="terms-heading" className="plan-section">
          <h2 id="terms-heading">{t('app.evaluations.terms.documentTitle')}</h2>
          <p>{t('app.evaluations.page.termsIntro')}</p>
          <TextAreaField
            id="terms-purpose"
            label={t('app.evaluations.terms.purpose')}
            rows={3}
            value={content.terms.purpose}
            onChange={(event) => setTerms('purpose', event.target.value)}
          />
          <TextAreaField
            id="terms-scope"
            label={t('app.evaluations.terms.scope')}
            rows={6}
            value={content.terms.scope}
            onChange={(event) => setTerms('scope', event.target.value)}
          />
          <CheckboxGroup
            id="terms-methods"
            legend={t('app.evaluations.terms.methods')}
            values={EVALUATION_METHODS}
            selected={content.terms.methods}
            labelOf={(method) => t(evaluationMethodKey(method))}
            onChange={(methods) => setTerms('methods', methods)}
          />
          <TextAreaField
            id="terms-methods-note"
            label={t('app.evaluations.page.methodsNote')}
            rows={2}
            value={content.terms.methodsNote}
            onChange={(event) => setTerms('methodsNote', event.target.value)}
          />
          <TextAreaField
            id="terms-timeline"
            label={t('app.evaluations.terms.timeline')}
            rows={3}
            value={content.terms.timeline}
            onChange={(event) => setTerms('timeline', event.target.value)}
          />
          <TextAreaField
            id="terms-deliverables"
            label={t('app.evaluations.terms.deliverables')}
            rows={4}
            value={content.terms.deliverables}
            onChange={(event) => setTerms('deliverables', event.target.value)}
          />
          <TextAreaField
            id="terms-independence"
            label={t('app.evaluations.terms.independence')}
            rows={4}
            value={content.terms.independence}
            onChange={(event) => setTerms('independence', event.target.value)}
          />
        </section>
      ) : null}

      <section aria-labelledby="criteria-heading" className="plan-section">
        <h2 id="criteria-heading">{t('app.evaluations.page.criteria')}</h2>
        <RatingScale />
        {EVALUATION_CRITERIA.map((criterion) => {
          const keys = criterionKeys(criterion);
          const assessment = content.criteria[criterion];
          return (
            <Group key={criterion} legend={t(keys.name)}>
              <p className="field-hint">{t(keys.definition)}</p>
              <TextAreaField
                id={`criterion-${criterion}-questions`}
                label={t('app.evaluations.page.questionsOf', { criterion: t(keys.name) })}
                hint={t('app.evaluations.fields.questions')}
                rows={3}
                value={questions[criterion]}
                onChange={(event) => {
                  setSaved(false);
                  setQuestions((previous) => ({ ...previous, [criterion]: event.target.value }));
                }}
              />
              <SelectField
                id={`criterion-${criterion}-rating`}
                label={t('app.evaluations.page.ratingOf', { criterion: t(keys.name) })}
                value={assessment.rating === null ? '' : String(assessment.rating)}
                error={issue(`criteria.${criterion}.rating`)}
                onChange={(event) =>
                  setCriterion(criterion, { rating: event.target.value === '' ? null : (Number(event.target.value) as 1 | 2 | 3 | 4) })
                }
              >
                <option value="">{t('app.evaluations.list.notRated')}</option>
                {RATING_SCALE.map((rating) => (
                  <option key={rating} value={rating}>
                    {`${rating} – ${t(RATING_KEYS[rating])}`}
                  </option>
                ))}
              </SelectField>
              <TextAreaField
                id={`criterion-${criterion}-justification`}
                label={t('app.evaluations.page.justificationOf', { criterion: t(keys.name) })}
                rows={3}
                value={assessment.justification}
                onChange={(event) => setCriterion(criterion, { justification: event.target.value })}
              />
            </Group>
          );
        })}
      </section>

      <section aria-labelledby="results-heading" className="plan-section">
        <h2 id="results-heading">{t('app.evaluations.page.results')}</h2>
        {!isEvaluation ? (
          <TextAreaField
            id="evaluation-text"
            label={t('app.evaluations.fields.text')}
            rows={8}
            value={content.text}
            onChange={(event) => set('text', event.target.value)}
          />
        ) : null}
        <TextAreaField
          id="evaluation-findings"
          label={t('app.evaluations.fields.findings')}
          rows={6}
          value={content.findings}
          onChange={(event) => set('findings', event.target.value)}
        />
        <TextAreaField
          id="evaluation-conclusions"
          label={t('app.evaluations.fields.conclusions')}
          rows={6}
          value={content.conclusions}
          onChange={(event) => set('conclusions', event.target.value)}
        />
      </section>

      <div className="button-row">
        <button type="submit" className="button" value="save" disabled={busy}>
          {busy ? t('app.evaluations.page.saving') : t('app.evaluations.page.save')}
        </button>
        {isEvaluation ? (
          <button type="submit" className="button button-secondary" value="terms" disabled={busy}>
            {t('app.evaluations.page.generate')}
          </button>
        ) : null}
        {saved ? <span role="status">{t('app.evaluations.page.saved')}</span> : null}
      </div>
    </form>
  );
}

/** The management response to one recommendation, as the coordinator records it. */
function ResponseForm({
  item,
  path,
  institutions,
  onSaved,
}: {
  item: EvaluationRecommendation;
  path: string;
  institutions: EvaluationDetail['institutions'];
  onSaved: () => void;
}) {
  const { t } = useLanguage();
  const [response, setResponse] = useState<ManagementResponse>(item.response ?? 'agree');
  const [action, setAction] = useState(item.action);
  const [responsible, setResponsible] = useState(item.responsible ?? '');
  const [dueDate, setDueDate] = useState(item.dueDate ?? '');
  const [actionStatus, setActionStatus] = useState<ResponseActionStatus>(item.actionStatus);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const id = `response-${item.link}`;
  const issues = error ? issuesByField(error) : {};

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.put(`${path}/recommendations/${item.link}/response`, {
        version: item.version,
        response,
        action,
        responsible: responsible === '' ? null : responsible,
        dueDate: dueDate === '' ? null : dueDate,
        actionStatus,
      });
      onSaved();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={t('app.evaluations.response.formOf', { code: item.code })}>
      {error ? <ErrorSummary message={error.message} problems={error.issues.map((entry) => entry.message)} /> : null}
      <div className="filters">
        <SelectField
          id={`${id}-response`}
          label={t('app.evaluations.response.label')}
          value={response}
          onChange={(event) => setResponse(event.target.value as ManagementResponse)}
        >
          {MANAGEMENT_RESPONSES.map((value) => (
            <option key={value} value={value}>
              {t(EVALUATION_KEYS.response[value])}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={`${id}-responsible`}
          label={t('app.evaluations.response.responsible')}
          value={responsible}
          error={issues.responsible}
          onChange={(event) => setResponsible(event.target.value)}
        >
          <option value="">{t('app.evaluations.page.notSet')}</option>
          {institutions.map((institution) => (
            <option key={institution.id} value={institution.id}>
              {institution.name}
            </option>
          ))}
        </SelectField>
        <TextField
          id={`${id}-due`}
          type="date"
          label={t('app.evaluations.response.dueDate')}
          value={dueDate}
          error={issues.dueDate}
          onChange={(event) => setDueDate(event.target.value)}
        />
        <SelectField
          id={`${id}-status`}
          label={t('app.evaluations.response.actionStatus')}
          value={actionStatus}
          onChange={(event) => setActionStatus(event.target.value as ResponseActionStatus)}
        >
          {RESPONSE_ACTION_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(EVALUATION_KEYS.actionStatus[value])}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        id={`${id}-action`}
        label={t('app.evaluations.response.action')}
        rows={2}
        value={action}
        onChange={(event) => setAction(event.target.value)}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('app.evaluations.page.saving') : t('app.evaluations.response.save')}
        </button>
      </div>
    </form>
  );
}

/** A new recommendation of the record, entering the register. */
function NewRecommendation({ path, onAdded }: { path: string; onAdded: () => void }) {
  const { t } = useLanguage();
  const [text, setText] = useState('');
  const [strength, setStrength] = useState<RecommendationStrength | ''>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      await api.post(`${path}/recommendations`, { text: text.trim(), ...(strength !== '' ? { strength } : {}) });
      setText('');
      setStrength('');
      onAdded();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="panel" aria-labelledby="new-recommendation-heading">
      <h3 id="new-recommendation-heading">{t('app.evaluations.recommendations.newTitle')}</h3>
      {error ? <ErrorMessage message={error.message} /> : null}
      <TextAreaField
        id="new-recommendation-text"
        label={t('app.evaluations.recommendations.text')}
        rows={3}
        value={text}
        error={missing ? t('issues.required') : undefined}
        onChange={(event) => setText(event.target.value)}
      />
      <SelectField
        id="new-recommendation-strength"
        label={t('app.evaluations.recommendations.strength')}
        value={strength}
        onChange={(event) => setStrength(event.target.value as RecommendationStrength | '')}
      >
        <option value="">{t('app.evaluations.page.notSet')}</option>
        {RECOMMENDATION_STRENGTHS.map((value) => (
          <option key={value} value={value}>
            {recommendationStrengthLabel(value)}
          </option>
        ))}
      </SelectField>
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {t('app.evaluations.recommendations.add')}
        </button>
      </div>
    </form>
  );
}

/** The recommendations of the record with their management responses and the follow-up of the actions. */
function Recommendations({
  detail,
  path,
  onChanged,
  strategyId,
}: {
  detail: EvaluationDetail;
  path: string;
  onChanged: () => void;
  strategyId: string;
}) {
  const { t } = useLanguage();
  const canRespond = useAbility('evaluation.respond');
  const names = new Map(detail.institutions.map((institution) => [institution.id, institution.name]));
  return (
    <section aria-labelledby="recommendations-heading" className="plan-section">
      <h2 id="recommendations-heading">{t('app.evaluations.recommendations.title')}</h2>
      <p>
        {t('app.evaluations.recommendations.intro')}{' '}
        <Link to={`/strategies/${encodeURIComponent(strategyId)}/recommendations`}>{t('app.evaluations.recommendations.register')}</Link>
      </p>
      {detail.recommendations.length === 0 ? <p className="empty">{t('app.evaluations.recommendations.none')}</p> : null}
      {detail.recommendations.map((item) => (
        <article key={item.link} className="panel" aria-labelledby={`recommendation-${item.link}`}>
          <h3 id={`recommendation-${item.link}`}>
            <code>{item.code}</code> {item.text}
          </h3>
          <p>
            <Badge tone={STATE_TONES[item.state]}>{t(EVALUATION_KEYS.actionStatus[item.state])}</Badge>{' '}
            {item.overdue ? <Badge tone="error">{t('app.evaluations.actionStatus.overdue')}</Badge> : null}
          </p>
          {item.response !== null ? (
            <dl className="facts">
              <div>
                <dt>{t('app.evaluations.response.label')}</dt>
                <dd>{t(EVALUATION_KEYS.response[item.response])}</dd>
              </div>
              <div>
                <dt>{t('app.evaluations.response.action')}</dt>
                <dd>{item.action === '' ? '—' : item.action}</dd>
              </div>
              <div>
                <dt>{t('app.evaluations.response.responsible')}</dt>
                <dd>{item.responsible === null ? '—' : (names.get(item.responsible) ?? item.responsible)}</dd>
              </div>
              <div>
                <dt>{t('app.evaluations.response.dueDate')}</dt>
                <dd>{item.dueDate ?? '—'}</dd>
              </div>
            </dl>
          ) : null}
          {canRespond ? (
            <details open={item.response === null}>
              <summary>{t('app.evaluations.response.edit')}</summary>
              <ResponseForm key={item.version} item={item} path={path} institutions={detail.institutions} onSaved={onChanged} />
            </details>
          ) : null}
        </article>
      ))}
      {detail.editable ? <NewRecommendation path={path} onAdded={onChanged} /> : null}
    </section>
  );
}

/**
 * One evaluation or independent report: its terms of reference, edited and generated as a Word
 * document; the questions, rating and justification of each criterion on the stated scale; findings
 * and conclusions; its recommendations, which enter the register, with the office's management
 * responses; and the evidence pack for the evaluator. Only the record's author (for a rapporteur's)
 * or a coordinator (for the office's own) may change it; others read it.
 */
export function EvaluationPage() {
  const { strategyId = '', evaluationId = '' } = useParams();
  const participant = useParticipant();
  const { t, language } = useLanguage();
  const canSeeFinance = useAbility('finance.view');
  const path = `${evaluationsPath(participant.code, strategyId)}/${encodeURIComponent(evaluationId)}`;
  const { result, reload } = useApiData<EvaluationDetail>(path);
  const title = result.status === 'ready' ? result.data.content.title : t('app.evaluations.page.title');

  return (
    <Page title={title}>
      <p className="print-hide">
        <Link to={`/strategies/${encodeURIComponent(strategyId)}/evaluations`}>{t('app.evaluations.page.back')}</Link>
      </p>
      {result.status === 'loading' ? <Loading /> : null}
      {result.status === 'error' ? <ErrorMessage message={result.error.message} onRetry={reload} /> : null}
      {result.status === 'ready' ? (
        <>
          <dl className="facts">
            <div>
              <dt>{t('app.evaluations.fields.kind')}</dt>
              <dd>{recordLabel(result.data.kind, result.data.content.type, t)}</dd>
            </div>
            <div>
              <dt>{t('app.evaluations.fields.author')}</dt>
              <dd>
                {result.data.authorName ?? '—'} ({t(EVALUATION_KEYS.authorRole[result.data.authorRole])})
              </dd>
            </div>
            <div>
              <dt>{t('app.evaluations.terms.strategy')}</dt>
              <dd>{result.data.strategy.title}</dd>
            </div>
          </dl>
          {!result.data.editable ? (
            <p className="notice">
              {result.data.authorRole === 'rapporteur'
                ? t('app.evaluations.page.rapporteurOnly', { author: result.data.authorName ?? '—' })
                : t('app.evaluations.page.coordinatorsOnly')}
            </p>
          ) : null}
          <div className="button-row">
            {canSeeFinance ? <EvidencePackLink participant={participant.code} strategyId={strategyId} /> : null}
            {result.data.kind === 'evaluation' && !result.data.editable ? (
              <a className="button" href={`${path}/terms-of-reference.docx?language=${language}`} download>
                {t('app.evaluations.page.downloadTerms')}
              </a>
            ) : null}
          </div>
          {result.data.editable ? (
            <RecordForm key={result.data.id} detail={result.data} path={path} onSaved={reload} />
          ) : (
            <RecordView detail={result.data} />
          )}
          <Recommendations detail={result.data} path={path} onChanged={reload} strategyId={strategyId} />
        </>
      ) : null}
    </Page>
  );
}
