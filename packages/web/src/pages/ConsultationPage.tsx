import {
  CONSULTATION_DECISION_KEYS,
  CONSULTATION_DECISIONS,
  CONSULTATION_LOG_TEXTS,
  formatDate,
  formatDateTime,
  targetLabel,
  type ConsultationDecision,
  type ElementKind,
  type Translate,
} from '@ariadne/domain';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, asApiError, issuesByField, type ApiError } from '../api.ts';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { LanguageField, SelectField } from '../components/Field.tsx';
import { FormActions } from '../components/FormActions.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { TextAreaField } from '../editing/forms/fields.tsx';
import { useLanguage } from '../i18n.ts';
import { roleLabel } from '../labels.ts';
import { useAbility, useParticipant } from '../session.tsx';
import { useApiData } from '../useApiData.ts';
import { consultationsPath, countsText, type Consultations, type ConsultationSummary } from './ConsultationsPage.tsx';
import '../consultation.css';

// One consultation: the document's outline with the comments on each element, threaded replies,
// the commenter's own comments with their status, and for the coordinator the resolution of each
// comment, closing, the Word log and its publication on the portal.

type Target = { kind: ElementKind; code: string; parent: string | null; title: string; part: 'costs' | null };

type Comment = {
  id: number;
  parentId: number | null;
  element: string | null;
  part: 'costs' | null;
  text: string;
  author: string;
  institution: string | null;
  createdAt: string;
  mine: boolean;
  decision: ConsultationDecision | null;
  reason: string | null;
  changeElement: string | null;
  changeVersion: number | null;
  changeAmendment: number | null;
  resolvedAt: string | null;
};

export type ConsultationDetail = ConsultationSummary & {
  invitees: { id: number; userId: number | null; institution: string | null; name: string }[];
  targets: Target[];
  comments: Comment[];
  me: { invited: boolean; canComment: boolean };
  changes: {
    versions: { number: number; kind: string; adoptedOn: string }[];
    amendments: { id: number; reason: string; status: string }[];
  };
};

/** The colours of the decisions: only an aid to scanning, the words carry the meaning. */
const DECISION_BADGES: Record<ConsultationDecision | 'unresolved', string> = {
  accepted: 'badge-success',
  partly_accepted: 'badge-warning',
  not_accepted: 'badge-error',
  unresolved: 'badge-off',
};

type Act = (change: () => Promise<ConsultationDetail>) => Promise<ApiError | null>;

function keyOf(element: string | null, part: string | null): string {
  return `${element ?? ''}|${part ?? ''}`;
}

function useTranslate(): Translate {
  const { t } = useLanguage();
  return (key, params) => t(key, params);
}

function CommentForm({
  id,
  label,
  onSend,
  onCancel,
}: {
  id: string;
  label: string;
  onSend: (text: string) => Promise<ApiError | null>;
  onCancel: () => void;
}) {
  const { t } = useLanguage();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const failed = await onSend(text);
    setBusy(false);
    setError(failed);
    if (failed === null) onCancel();
  }
  const fields = error ? issuesByField(error) : {};
  return (
    <form className="consultation-form" noValidate onSubmit={(event) => void submit(event)}>
      {error && !fields.text ? <ErrorSummary message={error.message} /> : null}
      <TextAreaField
        id={id}
        label={label}
        value={text}
        rows={4}
        required
        error={fields.text}
        onChange={(event) => setText(event.target.value)}
      />
      <FormActions busy={busy} submitLabel={t('app.consultation.page.send')} onCancel={onCancel} />
    </form>
  );
}

function ResolveForm({
  comment,
  detail,
  onSave,
  onCancel,
}: {
  comment: Comment;
  detail: ConsultationDetail;
  onSave: (body: Record<string, unknown>) => Promise<ApiError | null>;
  onCancel: () => void;
}) {
  const { t, language } = useLanguage();
  const translate = useTranslate();
  const [decision, setDecision] = useState<ConsultationDecision>(comment.decision ?? 'accepted');
  const [reason, setReason] = useState(comment.reason ?? '');
  const [element, setElement] = useState(comment.changeElement ?? '');
  const [version, setVersion] = useState(comment.changeVersion === null ? '' : String(comment.changeVersion));
  const [amendment, setAmendment] = useState(comment.changeAmendment === null ? '' : String(comment.changeAmendment));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const id = `resolve-${comment.id}`;
  const fields = error ? issuesByField(error) : {};
  const noChange = decision === 'not_accepted';
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const failed = await onSave({
      decision,
      reason,
      changeElement: noChange || element === '' ? null : element,
      changeVersion: noChange || version === '' ? null : Number(version),
      changeAmendment: noChange || amendment === '' ? null : Number(amendment),
    });
    setBusy(false);
    setError(failed);
    if (failed === null) onCancel();
  }
  return (
    <form className="consultation-form" noValidate onSubmit={(event) => void submit(event)}>
      {error ? <ErrorSummary message={error.message} /> : null}
      <SelectField
        id={`${id}-decision`}
        label={t('app.consultation.resolve.decision')}
        value={decision}
        onChange={(event) => setDecision(event.target.value as ConsultationDecision)}
      >
        {CONSULTATION_DECISIONS.map((value) => (
          <option key={value} value={value}>
            {t(CONSULTATION_DECISION_KEYS[value])}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id={`${id}-reason`}
        label={t('app.consultation.resolve.reason')}
        hint={t('app.consultation.resolve.reasonHint')}
        value={reason}
        rows={3}
        error={fields.reason}
        onChange={(event) => setReason(event.target.value)}
      />
      {noChange ? null : (
        <>
          <SelectField
            id={`${id}-element`}
            label={t('app.consultation.resolve.changeElement')}
            value={element}
            error={fields.changeElement}
            onChange={(event) => setElement(event.target.value)}
          >
            <option value="">{t('app.consultation.resolve.noElement')}</option>
            {detail.targets
              .filter((target) => target.part === null)
              .map((target) => (
                <option key={target.code} value={target.code}>
                  {targetLabel({ ...target, part: null }, translate)}
                </option>
              ))}
          </SelectField>
          {detail.changes.versions.length > 0 ? (
            <SelectField
              id={`${id}-version`}
              label={t('app.consultation.resolve.changeVersion')}
              value={version}
              error={fields.changeVersion}
              onChange={(event) => setVersion(event.target.value)}
            >
              <option value="">{t('app.consultation.resolve.noVersion')}</option>
              {detail.changes.versions.map((item) => (
                <option key={item.number} value={item.number}>
                  {t('app.consultation.resolve.version', { number: item.number, date: formatDate(item.adoptedOn, language) })}
                </option>
              ))}
            </SelectField>
          ) : null}
          {detail.changes.amendments.length > 0 ? (
            <SelectField
              id={`${id}-amendment`}
              label={t('app.consultation.resolve.changeAmendment')}
              value={amendment}
              error={fields.changeAmendment}
              onChange={(event) => setAmendment(event.target.value)}
            >
              <option value="">{t('app.consultation.resolve.noAmendment')}</option>
              {detail.changes.amendments.map((item) => (
                <option key={item.id} value={item.id}>
                  {t('app.consultation.resolve.amendment', { id: item.id, reason: item.reason })}
                </option>
              ))}
            </SelectField>
          ) : null}
        </>
      )}
      <FormActions busy={busy} submitLabel={t('app.consultation.resolve.save')} onCancel={onCancel} />
    </form>
  );
}

/** A comment's decision, reason and change, as the commenter and the coordinator read them. */
function Resolution({ comment, detail }: { comment: Comment; detail: ConsultationDetail }) {
  const { t } = useLanguage();
  const translate = useTranslate();
  const changed = detail.targets.find((target) => target.code === comment.changeElement && target.part === null);
  const changes = [
    comment.changeElement === null
      ? null
      : t(CONSULTATION_LOG_TEXTS.changeElement, { code: comment.changeElement, title: changed?.title ?? '' }),
    comment.changeVersion === null ? null : t(CONSULTATION_LOG_TEXTS.changeVersion, { number: comment.changeVersion }),
    comment.changeAmendment === null ? null : t(CONSULTATION_LOG_TEXTS.changeAmendment, { id: comment.changeAmendment }),
  ].filter((text) => text !== null);
  return (
    <dl className="consultation-resolution">
      <dt>{t(CONSULTATION_LOG_TEXTS.decision)}</dt>
      <dd>
        <span className={`badge ${DECISION_BADGES[comment.decision ?? 'unresolved']}`}>
          {translate(CONSULTATION_DECISION_KEYS[comment.decision ?? 'unresolved'])}
        </span>
      </dd>
      {comment.reason === null ? null : (
        <>
          <dt>{t(CONSULTATION_LOG_TEXTS.reason)}</dt>
          <dd>{comment.reason}</dd>
        </>
      )}
      {changes.length === 0 ? null : (
        <>
          <dt>{t(CONSULTATION_LOG_TEXTS.change)}</dt>
          <dd>{changes.join('; ')}</dd>
        </>
      )}
    </dl>
  );
}

function Thread({
  comment,
  detail,
  replies,
  canManage,
  act,
  path,
}: {
  comment: Comment;
  detail: ConsultationDetail;
  replies: Comment[];
  canManage: boolean;
  act: Act;
  path: string;
}) {
  const { t, language } = useLanguage();
  const [replying, setReplying] = useState(false);
  const [resolving, setResolving] = useState(false);
  const by = (item: Comment) =>
    item.institution === null ? item.author : t('app.consultation.page.authorOf', { name: item.author, institution: item.institution });
  return (
    <li className="consultation-comment">
      <article aria-label={t('app.consultation.page.commentBy', { name: comment.author })}>
        <p className="comment-meta">
          <strong>{by(comment)}</strong> <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt, language)}</time>
        </p>
        <p className="comment-text">{comment.text}</p>
        <Resolution comment={comment} detail={detail} />
        {replies.length > 0 ? (
          <ul className="consultation-replies" aria-label={t('app.consultation.page.repliesTo', { name: comment.author })}>
            {replies.map((reply) => (
              <li key={reply.id}>
                <p className="comment-meta">
                  <strong>{by(reply)}</strong> <time dateTime={reply.createdAt}>{formatDateTime(reply.createdAt, language)}</time>
                </p>
                <p className="comment-text">{reply.text}</p>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="button-row">
          {detail.me.canComment && !replying ? (
            <button type="button" className="button button-secondary button-small" onClick={() => setReplying(true)}>
              {t('app.consultation.page.reply')}
            </button>
          ) : null}
          {canManage && !resolving ? (
            <button type="button" className="button button-small" onClick={() => setResolving(true)}>
              {comment.decision === null ? t('app.consultation.resolve.open') : t('app.consultation.resolve.change')}
            </button>
          ) : null}
        </div>
        {replying ? (
          <CommentForm
            id={`reply-${comment.id}`}
            label={t('app.consultation.page.replyLabel', { name: comment.author })}
            onCancel={() => setReplying(false)}
            onSend={(text) => act(() => api.post<ConsultationDetail>(`${path}/comments`, { parent: comment.id, text }))}
          />
        ) : null}
        {resolving ? (
          <ResolveForm
            comment={comment}
            detail={detail}
            onCancel={() => setResolving(false)}
            onSave={(body) => act(() => api.put<ConsultationDetail>(`${path}/comments/${comment.id}/resolution`, body))}
          />
        ) : null}
      </article>
    </li>
  );
}

function TargetSection({
  target,
  label,
  detail,
  canManage,
  act,
  path,
}: {
  target: Target | null;
  label: string;
  detail: ConsultationDetail;
  canManage: boolean;
  act: Act;
  path: string;
}) {
  const { t } = useLanguage();
  const [writing, setWriting] = useState(false);
  const key = keyOf(target?.code ?? null, target?.part ?? null);
  const roots = detail.comments.filter((comment) => comment.parentId === null && keyOf(comment.element, comment.part) === key);
  const rootOf = new Map<number, number>();
  for (const comment of detail.comments) {
    rootOf.set(comment.id, comment.parentId === null ? comment.id : (rootOf.get(comment.parentId) ?? comment.parentId));
  }
  const id = `target-${key.replace(/[^A-Za-z0-9]+/g, '-')}`;
  return (
    <section
      className={
        target?.part === 'costs' || (target !== null && target.parent !== null) ? 'consultation-target nested' : 'consultation-target'
      }
      aria-labelledby={id}
    >
      <h3 id={id}>{label}</h3>
      {roots.length > 0 ? (
        <ul className="consultation-comments">
          {roots.map((comment) => (
            <Thread
              key={comment.id}
              comment={comment}
              detail={detail}
              replies={detail.comments.filter((reply) => reply.parentId !== null && rootOf.get(reply.id) === comment.id)}
              canManage={canManage}
              act={act}
              path={path}
            />
          ))}
        </ul>
      ) : null}
      {detail.me.canComment ? (
        writing ? (
          <CommentForm
            id={`${id}-comment`}
            label={t('app.consultation.page.commentLabel', { target: label })}
            onCancel={() => setWriting(false)}
            onSend={(text) =>
              act(() =>
                api.post<ConsultationDetail>(`${path}/comments`, { element: target?.code ?? null, part: target?.part ?? null, text }),
              )
            }
          />
        ) : (
          <button
            type="button"
            className="button button-secondary button-small"
            aria-label={t('app.consultation.page.commentOn', { target: label })}
            onClick={() => setWriting(true)}
          >
            {t('app.consultation.page.comment')}
          </button>
        )
      ) : null}
    </section>
  );
}

function MyComments({ detail, labelOf }: { detail: ConsultationDetail; labelOf: (comment: Comment) => string }) {
  const { t } = useLanguage();
  const mine = detail.comments.filter((comment) => comment.mine);
  if (mine.length === 0) return null;
  const byId = new Map(detail.comments.map((comment) => [comment.id, comment]));
  return (
    <section className="plan-section" aria-labelledby="my-comments-heading">
      <h2 id="my-comments-heading">{t('app.consultation.mine.title')}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('app.consultation.mine.about')}</th>
            <th scope="col">{t('app.consultation.mine.comment')}</th>
            <th scope="col">{t('app.consultation.mine.status')}</th>
          </tr>
        </thead>
        <tbody>
          {mine.map((comment) => {
            const parent = comment.parentId === null ? null : byId.get(comment.parentId);
            return (
              <tr key={comment.id}>
                <td>{labelOf(comment)}</td>
                <td>{comment.text}</td>
                <td>
                  {parent === undefined || parent !== null ? (
                    t('app.consultation.mine.reply', { name: parent?.author ?? '' })
                  ) : (
                    <>
                      {t(CONSULTATION_DECISION_KEYS[comment.decision ?? 'unresolved'])}
                      {comment.reason === null ? null : (
                        <span className="muted">{t('app.consultation.mine.reason', { reason: comment.reason })}</span>
                      )}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** The coordinator's form to invite more institutions and people while the consultation is open. */
function InviteMore({ detail, act, path, listPath }: { detail: ConsultationDetail; act: Act; path: string; listPath: string }) {
  const { t } = useLanguage();
  const list = useApiData<Consultations>(listPath);
  const [institutions, setInstitutions] = useState<string[]>([]);
  const [users, setUsers] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  if (list.result.status !== 'ready' || list.result.data.candidates === null) return null;
  const invitedInstitutions = new Set(detail.invitees.map((invitee) => invitee.institution));
  const invitedUsers = new Set(detail.invitees.map((invitee) => invitee.userId));
  const freeInstitutions = list.result.data.candidates.institutions.filter((institution) => !invitedInstitutions.has(institution.code));
  const freeUsers = list.result.data.candidates.users.filter(
    (user, index, all) => !invitedUsers.has(user.id) && all.findIndex((other) => other.id === user.id) === index,
  );
  const toggle = <V,>(values: V[], value: V, checked: boolean) => (checked ? [...values, value] : values.filter((item) => item !== value));
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setDone(false);
    const failed = await act(() => api.post<ConsultationDetail>(`${path}/invitees`, { institutions, users }));
    setBusy(false);
    setError(failed);
    if (failed === null) {
      setInstitutions([]);
      setUsers([]);
      setDone(true);
    }
  }
  return (
    <section className="plan-section" aria-labelledby="consultation-invite-heading">
      <h2 id="consultation-invite-heading">{t('app.consultation.invite.title')}</h2>
      <form noValidate onSubmit={(event) => void submit(event)}>
        {error ? <ErrorSummary message={error.message} problems={error.issues.map((issue) => issue.message)} /> : null}
        {done ? (
          <p className="notice notice-success" role="status">
            {t('app.consultation.invite.done')}
          </p>
        ) : null}
        <fieldset className="form-group">
          <legend>{t('app.consultation.open.institutions')}</legend>
          <div className="checkbox-grid">
            {freeInstitutions.map((institution) => (
              <div className="checkbox" key={institution.code}>
                <input
                  id={`invite-more-institution-${institution.code}`}
                  type="checkbox"
                  checked={institutions.includes(institution.code)}
                  onChange={(event) => setInstitutions(toggle(institutions, institution.code, event.target.checked))}
                />
                <label htmlFor={`invite-more-institution-${institution.code}`}>{institution.name}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset className="form-group">
          <legend>{t('app.consultation.open.people')}</legend>
          <div className="checkbox-grid">
            {freeUsers.map((user) => (
              <div className="checkbox" key={user.id}>
                <input
                  id={`invite-more-user-${user.id}`}
                  type="checkbox"
                  checked={users.includes(user.id)}
                  onChange={(event) => setUsers(toggle(users, user.id, event.target.checked))}
                />
                <label htmlFor={`invite-more-user-${user.id}`}>
                  {user.institution === null
                    ? t('app.consultation.open.person', { name: user.name, role: roleLabel(user.role) })
                    : t('app.consultation.open.personOf', { name: user.name, institution: user.institution })}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <div className="button-row">
          <button type="submit" className="button" disabled={busy || institutions.length + users.length === 0}>
            {t('app.consultation.invite.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function CoordinatorActions({ detail, act, path }: { detail: ConsultationDetail; act: Act; path: string }) {
  const { t, language } = useLanguage();
  const [documentLanguage, setDocumentLanguage] = useState(language);
  const [error, setError] = useState<ApiError | null>(null);
  const [confirming, setConfirming] = useState(false);
  const run = async (change: () => Promise<ConsultationDetail>) => setError(await act(change));
  return (
    <section className="plan-section" aria-labelledby="consultation-actions-heading">
      <h2 id="consultation-actions-heading">{t('app.consultation.actions.title')}</h2>
      {error ? <ErrorSummary message={error.message} /> : null}
      {detail.state === 'open' ? (
        confirming ? (
          <div className="notice" role="group" aria-label={t('app.consultation.actions.close')}>
            <p>{t('app.consultation.actions.closeConfirm')}</p>
            <div className="button-row">
              <button type="button" className="button" onClick={() => void run(() => api.post<ConsultationDetail>(`${path}/close`, {}))}>
                {t('app.consultation.actions.closeNow')}
              </button>
              <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                {t('app.common.cancel')}
              </button>
            </div>
          </div>
        ) : (
          <div className="button-row">
            <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
              {t('app.consultation.actions.close')}
            </button>
          </div>
        )
      ) : null}
      <div className="inline-fields">
        <LanguageField
          id="consultation-log-language"
          label={t('app.consultation.actions.language')}
          value={documentLanguage}
          onChange={setDocumentLanguage}
        />
        <p>
          <a className="button button-secondary" href={`${path}/log.docx?language=${encodeURIComponent(documentLanguage)}`} download>
            {t('app.consultation.actions.download')}
          </a>
        </p>
      </div>
      {detail.publishedAt === null ? (
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={() => void run(() => api.put<ConsultationDetail>(`${path}/publication`, { published: true }))}
          >
            {t('app.consultation.actions.publish')}
          </button>
        </div>
      ) : (
        <>
          <p>
            {t('app.consultation.actions.published', { date: formatDate(detail.publishedAt, language) })}{' '}
            <a href={`${detail.publicPath}?lang=${encodeURIComponent(language)}`}>{t('app.consultation.actions.publicLink')}</a>
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => void run(() => api.put<ConsultationDetail>(`${path}/publication`, { published: false }))}
            >
              {t('app.consultation.actions.withdraw')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function Consultation({
  detail,
  path,
  listPath,
  onChange,
}: {
  detail: ConsultationDetail;
  path: string;
  listPath: string;
  onChange: (detail: ConsultationDetail) => void;
}) {
  const { t, language } = useLanguage();
  const translate = useTranslate();
  const canManage = useAbility('consultation.manage');
  const canCommentAtAll = useAbility('comment.create');
  const act: Act = async (change) => {
    try {
      onChange(await change());
      return null;
    } catch (caught) {
      return asApiError(caught);
    }
  };
  const targetOf = (element: string | null, part: 'costs' | null) =>
    element === null ? null : (detail.targets.find((target) => target.code === element && target.part === part) ?? null);
  const labelOf = (target: Target | null, element: string | null, part: 'costs' | null) =>
    element === null
      ? translate(CONSULTATION_LOG_TEXTS.wholeDocument)
      : targetLabel(target ?? { kind: 'activity', code: element, title: '', part }, translate);
  return (
    <>
      <dl className="facts">
        <dt>{t('app.consultation.page.document')}</dt>
        <dd>{detail.documentTitle}</dd>
        <dt>{t('app.consultation.page.closesOn')}</dt>
        <dd>{formatDate(detail.closesOn, language)}</dd>
        <dt>{t('app.consultation.page.state')}</dt>
        <dd>{detail.state === 'open' ? t('app.consultation.state.open') : t('app.consultation.state.closed')}</dd>
        <dt>{t('app.consultation.page.invitees')}</dt>
        <dd>{detail.invitees.map((invitee) => invitee.name).join(', ')}</dd>
        <dt>{t('app.consultation.page.decisions')}</dt>
        <dd>{countsText(detail.counts, t)}</dd>
      </dl>
      {detail.state === 'closed' ? <p className="notice">{t('app.consultation.page.closedNotice')}</p> : null}
      {detail.state === 'open' && canCommentAtAll && !detail.me.invited && !canManage ? (
        <p className="notice">{t('app.consultation.page.notInvited')}</p>
      ) : null}
      {canManage ? <CoordinatorActions detail={detail} act={act} path={path} /> : null}
      {canManage && detail.state === 'open' ? <InviteMore detail={detail} act={act} path={path} listPath={listPath} /> : null}
      <MyComments detail={detail} labelOf={(comment) => labelOf(targetOf(comment.element, comment.part), comment.element, comment.part)} />
      <section className="plan-section" aria-labelledby="consultation-outline-heading">
        <h2 id="consultation-outline-heading">{t('app.consultation.page.outline')}</h2>
        <TargetSection
          target={null}
          label={translate(CONSULTATION_LOG_TEXTS.wholeDocument)}
          detail={detail}
          canManage={canManage}
          act={act}
          path={path}
        />
        {detail.targets.map((target) => (
          <TargetSection
            key={keyOf(target.code, target.part)}
            target={target}
            label={labelOf(target, target.code, target.part)}
            detail={detail}
            canManage={canManage}
            act={act}
            path={path}
          />
        ))}
        {/* Comments on elements since removed from the document. */}
        {[
          ...new Set(
            detail.comments
              .filter(
                (comment) => comment.parentId === null && comment.element !== null && targetOf(comment.element, comment.part) === null,
              )
              .map((comment) => keyOf(comment.element, comment.part)),
          ),
        ].map((key) => {
          const [element = '', part = ''] = key.split('|');
          return (
            <TargetSection
              key={key}
              target={{ kind: 'activity', code: element, parent: null, title: '', part: part === 'costs' ? 'costs' : null }}
              label={labelOf(null, element, part === 'costs' ? 'costs' : null)}
              detail={{ ...detail, me: { ...detail.me, canComment: false } }}
              canManage={canManage}
              act={act}
              path={path}
            />
          );
        })}
      </section>
    </>
  );
}

export function ConsultationPage() {
  const { t } = useLanguage();
  const { strategyId = '', consultationId = '' } = useParams();
  const participant = useParticipant();
  const path = consultationsPath(participant.code, strategyId, `/${encodeURIComponent(consultationId)}`);
  const data = useApiData<ConsultationDetail>(path);
  const title = data.result.status === 'ready' ? data.result.data.title : t('app.consultation.page.title');
  return (
    <Page title={title}>
      <p>
        <Link to={`/strategies/${encodeURIComponent(strategyId)}/consultations`}>{t('app.consultation.page.back')}</Link>
      </p>
      {data.result.status === 'loading' ? <Loading /> : null}
      {data.result.status === 'error' ? <ErrorMessage message={data.result.error.message} onRetry={data.reload} /> : null}
      {data.result.status === 'ready' ? (
        <Consultation
          detail={data.result.data}
          path={path}
          listPath={consultationsPath(participant.code, strategyId)}
          onChange={(detail) => data.update(() => detail)}
        />
      ) : null}
    </Page>
  );
}
