import { Fragment, useEffect, useRef, useState, type FormEvent } from 'react';
import { ROLES, formatDateTime, isRole, type Role } from '@ariadne/domain';
import { api, asApiError, issuesByField, participantPath, type Institution, type UserItem } from '../api.ts';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { SelectField, TextField, focusFirstInvalid } from '../components/Field.tsx';
import { FormActions } from '../components/FormActions.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { useLanguage } from '../i18n.ts';
import { roleLabel } from '../labels.ts';
import { useAbility, useParticipant, useSignedInSession } from '../session.tsx';
import { useApiData } from '../useApiData.ts';
import { LocalPlanField } from './LocalPlansPage.tsx';

type Created = { user: UserItem; oneTimePassword: string };
type FormErrors = Partial<Record<'email' | 'displayName' | 'role' | 'institution' | 'plan', string>>;

function AddUserForm({ onCreated, onCancel }: { onCreated: (created: Created) => void; onCancel: () => void }) {
  const participant = useParticipant();
  const { t } = useLanguage();
  const institutions = useApiData<{ items: Institution[] }>(participantPath(participant.code, '/institutions'));
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [institution, setInstitution] = useState('');
  const [plan, setPlan] = useState('');
  const [errors, setErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const needsInstitution = role === 'focal_point';
  const needsPlan = role === 'local_coordinator';

  // The form replaces the button that opened it: focus moves to its first field.
  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const found: FormErrors = {};
    if (email.trim() === '') found.email = t('issues.required');
    if (displayName.trim() === '') found.displayName = t('issues.required');
    if (role === '') found.role = t('issues.required');
    if (needsInstitution && institution === '') found.institution = t('issues.required');
    if (needsPlan && plan === '') found.plan = t('issues.required');
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFailure(t('errors.VALIDATION_FAILED'));
      focusFirstInvalid(form.current);
      return;
    }
    setBusy(true);
    try {
      const created = await api.post<Created>(participantPath(participant.code, '/users'), {
        email: email.trim(),
        displayName: displayName.trim(),
        role,
        ...(needsInstitution ? { institution } : {}),
        ...(needsPlan ? { plan } : {}),
      });
      onCreated(created);
    } catch (error) {
      const apiError = asApiError(error);
      const fields = issuesByField(apiError);
      // The server names the clash by code; the e-mail address is the field that clashes.
      if (apiError.code === 'ALREADY_EXISTS' && fields.email === undefined) fields.email = apiError.message;
      setErrors({
        email: fields.email,
        displayName: fields.displayName,
        role: fields.role,
        institution: fields.institution,
        plan: fields.plan,
      });
      setFailure(apiError.message);
      setBusy(false);
      focusFirstInvalid(form.current);
    }
  }

  return (
    <section className="panel" aria-labelledby="add-user-heading">
      <h2 id="add-user-heading">{t('app.users.add.title')}</h2>
      {failure ? <ErrorSummary message={failure} /> : null}
      <form ref={form} noValidate onSubmit={(event) => void onSubmit(event)}>
        <TextField
          id="new-user-email"
          label={t('app.users.add.email')}
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={email}
          error={errors.email}
          aria-required="true"
          onChange={(event) => setEmail(event.target.value)}
        />
        <TextField
          id="new-user-name"
          label={t('app.users.add.name')}
          autoComplete="off"
          value={displayName}
          error={errors.displayName}
          aria-required="true"
          onChange={(event) => setDisplayName(event.target.value)}
        />
        <SelectField
          id="new-user-role"
          label={t('app.users.add.role')}
          value={role}
          error={errors.role}
          aria-required="true"
          onChange={(event) => setRole(isRole(event.target.value) ? event.target.value : '')}
        >
          <option value="">{t('app.users.add.chooseRole')}</option>
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {roleLabel(value)}
            </option>
          ))}
        </SelectField>
        {needsInstitution ? (
          institutions.result.status === 'ready' ? (
            <SelectField
              id="new-user-institution"
              label={t('app.users.add.institution')}
              hint={t('app.users.add.institutionHint', { role: roleLabel('focal_point') })}
              value={institution}
              error={errors.institution}
              aria-required="true"
              onChange={(event) => setInstitution(event.target.value)}
            >
              <option value="">{t('app.users.add.chooseInstitution')}</option>
              {institutions.result.data.items.map((item) => (
                <option key={item.code} value={item.code}>
                  {t('app.users.add.institutionOption', { name: item.name, code: item.code })}
                </option>
              ))}
            </SelectField>
          ) : institutions.result.status === 'error' ? (
            <ErrorMessage message={institutions.result.error.message} onRetry={institutions.reload} />
          ) : (
            <Loading />
          )
        ) : null}
        {needsPlan ? <LocalPlanField value={plan} error={errors.plan} onChange={setPlan} /> : null}
        <FormActions busy={busy} submitLabel={t('app.users.add.submit')} busyLabel={t('app.users.add.submitting')} onCancel={onCancel} />
      </form>
    </section>
  );
}

function OneTimePassword({ created, onDone }: { created: Created; onDone: () => void }) {
  const { t } = useLanguage();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState(false);
  // The Clipboard API exists only in secure contexts; without it the password is selected by hand.
  const canCopy = typeof navigator !== 'undefined' && navigator.clipboard !== undefined;

  useEffect(() => heading.current?.focus(), []);

  return (
    <section className="one-time-password" aria-labelledby="otp-heading">
      <h2 id="otp-heading" ref={heading} tabIndex={-1}>
        {t('app.users.otp.title', { name: created.user.displayName })}
      </h2>
      <p>{t('app.users.otp.created', { name: created.user.displayName, email: created.user.email })}</p>
      <p className="otp-value">
        <code data-testid="one-time-password">{created.oneTimePassword}</code>
      </p>
      <p className="otp-warning">{t('app.users.otp.handOver', { name: created.user.displayName })}</p>
      <div className="button-row">
        {canCopy ? (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              void navigator.clipboard.writeText(created.oneTimePassword).then(
                () => setCopied(true),
                () => setCopied(false),
              );
            }}
          >
            {t('app.users.otp.copy')}
          </button>
        ) : null}
        <button type="button" className="button" onClick={onDone}>
          {t('app.users.otp.done')}
        </button>
      </div>
      <p role="status" className="otp-copied">
        {copied ? t('app.users.otp.copied') : ''}
      </p>
    </section>
  );
}

function ConfirmStatusChange({ user, onDone }: { user: UserItem; onDone: (changed: UserItem | null) => void }) {
  const participant = useParticipant();
  const { t } = useLanguage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  useEffect(() => confirmButton.current?.focus(), []);

  async function apply() {
    setBusy(true);
    setError(null);
    try {
      const changed = await api.patch<UserItem>(participantPath(participant.code, `/users/${user.id}`), {
        disabled: !user.disabled,
      });
      onDone(changed);
    } catch (failure) {
      setError(asApiError(failure).message);
      setBusy(false);
    }
  }

  const name = user.displayName;
  return (
    <div id={`confirm-${user.id}`} className="confirm" role="group" aria-labelledby={`confirm-${user.id}-text`}>
      <p id={`confirm-${user.id}-text`}>
        {user.disabled ? t('app.users.confirmEnable', { name }) : t('app.users.confirmDisable', { name })}
      </p>
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button ref={confirmButton} type="button" className="button button-small" disabled={busy} onClick={() => void apply()}>
          {user.disabled ? t('app.users.enableConfirm') : t('app.users.disableConfirm')}
        </button>
        <button type="button" className="button button-small button-secondary" onClick={() => onDone(null)}>
          {t('app.common.cancel')}
        </button>
      </div>
    </div>
  );
}

/** A one-click action on another person's account; says what came of it (or why it failed) beside the button. */
function UserAction({ label, labelNamed, act }: { label: string; labelNamed: string; act: () => Promise<string | null> }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  async function run() {
    setBusy(true);
    setOutcome(null);
    try {
      const text = await act();
      if (text) setOutcome({ ok: true, text });
    } catch (failure) {
      setOutcome({ ok: false, text: asApiError(failure).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className="button button-small button-secondary"
        aria-label={labelNamed}
        disabled={busy}
        onClick={() => void run()}
      >
        {label}
      </button>
      <span role={outcome && !outcome.ok ? 'alert' : 'status'} className={outcome && !outcome.ok ? 'field-error' : 'secondary-line'}>
        {outcome?.text ?? ''}
      </span>
    </>
  );
}

/** Ends every session of another person's account (a lost laptop, a shared computer), then says how many. */
function EndSessionsButton({ user }: { user: UserItem }) {
  const participant = useParticipant();
  const { t } = useLanguage();
  const name = user.displayName;
  return (
    <UserAction
      label={t('app.users.endSessions')}
      labelNamed={t('app.users.endSessionsNamed', { name })}
      act={async () => {
        const { ended } = await api.delete<{ ended: number }>(participantPath(participant.code, `/users/${user.id}/sessions`));
        return t('app.users.sessionsEnded', { name, count: ended });
      }}
    />
  );
}

/** Turns off the two-step sign-in of someone who lost their phone and recovery codes. */
function ResetSecondFactorButton({ user, onChanged }: { user: UserItem; onChanged: (user: UserItem) => void }) {
  const participant = useParticipant();
  const { t } = useLanguage();
  return (
    <UserAction
      label={t('app.users.resetSecondFactor')}
      labelNamed={t('app.users.resetSecondFactorNamed', { name: user.displayName })}
      act={async () => {
        await api.delete<undefined>(participantPath(participant.code, `/users/${user.id}/second-factor`));
        onChanged({ ...user, secondFactor: false });
        return null;
      }}
    />
  );
}

function UserRows({ users, canManage, onChanged }: { users: UserItem[]; canManage: boolean; onChanged: (user: UserItem) => void }) {
  const { t, language } = useLanguage();
  const { session } = useSignedInSession();
  const [confirming, setConfirming] = useState<number | null>(null);
  const actionButtons = useRef(new Map<number, HTMLButtonElement>());
  const returnFocusTo = useRef<number | null>(null);

  // After a confirmation closes, focus goes back to the button that opened it.
  useEffect(() => {
    if (confirming !== null || returnFocusTo.current === null) return;
    actionButtons.current.get(returnFocusTo.current)?.focus();
    returnFocusTo.current = null;
  }, [confirming, users]);

  const columns = canManage ? 6 : 5;
  return (
    <tbody>
      {users.map((user) => {
        const institutions = [...new Set(user.roles.flatMap((r) => (r.institution ? [r.institution.name] : [])))];
        const name = user.displayName;
        return (
          <Fragment key={user.id}>
            <tr>
              <th scope="row">
                {user.displayName}
                {/* The address sits under the name rather than in a column of its own, so that the
                    table fits beside the navigation at 1280 px and on a tablet. */}
                <span className="secondary-line">{user.email}</span>
              </th>
              <td>
                <ul className="plain-list">
                  {user.roles.map((r) => (
                    <li key={`${r.role}-${r.institution?.code ?? ''}`}>
                      {r.plan ? t('app.localPlans.users.roleInPlan', { role: roleLabel(r.role), plan: r.plan }) : roleLabel(r.role)}
                    </li>
                  ))}
                </ul>
              </td>
              <td>{institutions.length > 0 ? institutions.join(', ') : <span className="muted">{t('app.common.notSet')}</span>}</td>
              <td>
                <span className={user.disabled ? 'badge badge-off' : 'badge badge-on'}>
                  {user.disabled ? t('app.users.statusDisabled') : t('app.users.statusActive')}
                </span>
                {user.secondFactor ? <span className="secondary-line">{t('app.users.secondFactorOn')}</span> : null}
              </td>
              <td>
                {user.lastSignInAt ? (
                  <time dateTime={user.lastSignInAt}>{formatDateTime(user.lastSignInAt, language)}</time>
                ) : (
                  <span className="muted">{t('app.users.neverSignedIn')}</span>
                )}
              </td>
              {canManage ? (
                <td>
                  {/* Nobody disables their own account: they would lock themselves out. */}
                  {user.id === session.user.id ? (
                    <span className="muted">{t('app.users.you')}</span>
                  ) : (
                    <button
                      ref={(element) => {
                        if (element) actionButtons.current.set(user.id, element);
                        else actionButtons.current.delete(user.id);
                      }}
                      type="button"
                      className="button button-small button-secondary"
                      aria-label={user.disabled ? t('app.users.enableNamed', { name }) : t('app.users.disableNamed', { name })}
                      aria-expanded={confirming === user.id}
                      aria-controls={confirming === user.id ? `confirm-${user.id}` : undefined}
                      onClick={() => setConfirming((current) => (current === user.id ? null : user.id))}
                    >
                      {user.disabled ? t('app.users.enable') : t('app.users.disable')}
                    </button>
                  )}
                  {user.id !== session.user.id && !user.disabled ? <EndSessionsButton user={user} /> : null}
                  {user.id !== session.user.id && user.secondFactor ? <ResetSecondFactorButton user={user} onChanged={onChanged} /> : null}
                </td>
              ) : null}
            </tr>
            {canManage && confirming === user.id ? (
              <tr className="confirm-row">
                <td colSpan={columns}>
                  <ConfirmStatusChange
                    user={user}
                    onDone={(changed) => {
                      if (changed) onChanged(changed);
                      returnFocusTo.current = user.id;
                      setConfirming(null);
                    }}
                  />
                </td>
              </tr>
            ) : null}
          </Fragment>
        );
      })}
    </tbody>
  );
}

/** The users of the current Participant; with `user.manage`, adding users and disabling or enabling them. */
export function UsersPage() {
  const participant = useParticipant();
  // Keyed by Participant: an open form or a one-time password belongs to the Participant it was made in.
  return <UsersOfParticipant key={participant.code} />;
}

function UsersOfParticipant() {
  const participant = useParticipant();
  const { t } = useLanguage();
  const canManage = useAbility('user.manage');
  const { result, reload, update } = useApiData<{ items: UserItem[] }>(participantPath(participant.code, '/users'));
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  function replace(user: UserItem) {
    update((data) => ({ items: data.items.map((item) => (item.id === user.id ? user : item)) }));
  }

  return (
    <Page title={t('app.users.title')}>
      <p className="lead">{t('app.users.intro', { participant: participant.name })}</p>
      {created ? (
        <OneTimePassword
          created={created}
          onDone={() => {
            setCreated(null);
            window.setTimeout(() => addButton.current?.focus(), 0);
          }}
        />
      ) : null}
      {canManage && !adding && !created ? (
        <p>
          <button ref={addButton} type="button" className="button" onClick={() => setAdding(true)}>
            {t('app.users.addButton')}
          </button>
        </p>
      ) : null}
      {canManage && adding ? (
        <AddUserForm
          onCancel={() => {
            setAdding(false);
            window.setTimeout(() => addButton.current?.focus(), 0);
          }}
          onCreated={(result) => {
            setAdding(false);
            setCreated(result);
            update((data) => ({ items: [...data.items, result.user] }));
          }}
        />
      ) : null}
      {result.status === 'loading' ? <Loading /> : null}
      {result.status === 'error' ? <ErrorMessage message={result.error.message} onRetry={reload} /> : null}
      {result.status === 'ready' ? (
        <>
          <p className="count">{t('app.users.count', { count: result.data.items.length })}</p>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="users-caption">
            <table>
              <caption id="users-caption">{t('app.users.caption', { participant: participant.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('app.users.name')}</th>
                  <th scope="col">{t('app.users.roles')}</th>
                  <th scope="col">{t('app.users.institution')}</th>
                  <th scope="col">{t('app.users.status')}</th>
                  <th scope="col">{t('app.users.lastSignIn')}</th>
                  {canManage ? <th scope="col">{t('app.users.actions')}</th> : null}
                </tr>
              </thead>
              <UserRows users={result.data.items} canManage={canManage} onChanged={replace} />
            </table>
          </div>
        </>
      ) : null}
    </Page>
  );
}
