import { useRef, useState, type FormEvent } from 'react';
import { formatDate, formatDateTime, type DocumentStatus } from '@ariadne/domain';
import { asApiError, issuesByField, type ApiError } from '../api.ts';
import { Badge, documentTone } from '../components/Badge.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { TextField, focusFirstInvalid } from '../components/Field.tsx';
import { FormActions } from '../components/FormActions.tsx';
import { useLanguage } from '../i18n.ts';
import { documentStatusLabel } from '../labels.ts';
import { useAbility } from '../session.tsx';
import { editingApi, type Amendment, type DocumentRef, type StrategyOutline } from './api.ts';
import { Dialog } from './Dialog.tsx';
import { TextAreaField } from './forms/fields.tsx';
import '../strategy.css';

type Props = {
  participant: string;
  strategyId: string;
  /** `strategy`, or the code of one of its action plans. */
  document: DocumentRef;
  outline: StrategyOutline;
  onChanged: () => void;
};

/** The document as the controls need it, whichever kind it is. */
type DocumentState = {
  isStrategy: boolean;
  status: DocumentStatus;
  version: number;
  adoptedOn?: string | undefined;
  adoptedBy?: string | undefined;
  amendment: Amendment | null;
};

type Step = 'consultation' | 'draft' | 'adopt' | 'expire' | 'supersede' | 'amend' | 'adoptAmendment' | 'withdraw';

function documentState(outline: StrategyOutline, document: DocumentRef): DocumentState | null {
  if (document === 'strategy') {
    const { status, version, adoptedOn, adoptedBy, amendment } = outline.strategy;
    return { isStrategy: true, status, version, adoptedOn, adoptedBy, amendment };
  }
  const plan = outline.actionPlans.find((candidate) => candidate.id === document);
  if (!plan) return null;
  return { isStrategy: false, status: plan.status, version: plan.version, adoptedOn: plan.adoptedOn, amendment: plan.amendment };
}

/** Today in the reader's own calendar, as `YYYY-MM-DD` (the default adoption date). */
function today(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function AdoptForm({
  id,
  isStrategy,
  explanation,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  id: string;
  isStrategy: boolean;
  explanation: string;
  submitLabel: string;
  onSubmit: (values: { adoptedOn: string; adoptedBy?: string }) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useLanguage();
  const [adoptedOn, setAdoptedOn] = useState(today);
  const [adoptedBy, setAdoptedBy] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!DATE.test(adoptedOn)) found.adoptedOn = t('issues.invalid_date');
    if (isStrategy && adoptedBy.trim() === '') found.adoptedBy = t('issues.required');
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(form.current);
      return;
    }
    setBusy(true);
    try {
      await onSubmit({ adoptedOn, ...(adoptedBy.trim() !== '' ? { adoptedBy: adoptedBy.trim() } : {}) });
    } catch (caught) {
      const error = asApiError(caught);
      setErrors(issuesByField(error));
      setFailure(error.message);
      setBusy(false);
      focusFirstInvalid(form.current);
    }
  }

  return (
    <form ref={form} noValidate onSubmit={(event) => void submit(event)}>
      <p>{explanation}</p>
      {failure ? <ErrorSummary message={failure} /> : null}
      <TextField
        id={`${id}-date`}
        type="date"
        label={t('app.editor.lifecycle.adoptedOn')}
        value={adoptedOn}
        error={errors.adoptedOn}
        aria-required="true"
        onChange={(event) => setAdoptedOn(event.target.value)}
      />
      <TextField
        id={`${id}-body`}
        label={isStrategy ? t('app.editor.lifecycle.adoptedBy') : t('app.editor.lifecycle.adoptedByOptional')}
        hint={t('app.editor.lifecycle.adoptedByHint')}
        value={adoptedBy}
        error={errors.adoptedBy}
        aria-required={isStrategy ? 'true' : undefined}
        onChange={(event) => setAdoptedBy(event.target.value)}
      />
      <FormActions busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}

function ReasonForm({ id, onSubmit, onCancel }: { id: string; onSubmit: (reason: string) => Promise<void>; onCancel: () => void }) {
  const { t } = useLanguage();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    if (reason.trim() === '') {
      setError(t('issues.required'));
      focusFirstInvalid(form.current);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      await onSubmit(reason.trim());
    } catch (caught) {
      const apiError = asApiError(caught);
      setError(issuesByField(apiError).reason);
      setFailure(apiError.message);
      setBusy(false);
    }
  }
  return (
    <form ref={form} noValidate onSubmit={(event) => void submit(event)}>
      <p>{t('app.editor.lifecycle.amendExplanation')}</p>
      {failure ? <ErrorSummary message={failure} /> : null}
      <TextAreaField
        id={`${id}-reason`}
        label={t('app.editor.lifecycle.reason')}
        hint={t('app.editor.lifecycle.reasonHint')}
        rows={3}
        value={reason}
        error={error}
        aria-required="true"
        onChange={(event) => setReason(event.target.value)}
      />
      <FormActions busy={busy} submitLabel={t('app.editor.lifecycle.amendSubmit')} onCancel={onCancel} />
    </form>
  );
}

function Confirm({
  text,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  text: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useLanguage();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  async function confirm() {
    setBusy(true);
    setFailure(null);
    try {
      await onConfirm();
    } catch (caught) {
      setFailure(asApiError(caught));
      setBusy(false);
    }
  }
  return (
    <>
      <p>{text}</p>
      {failure ? <ErrorSummary message={failure.message} /> : null}
      <div className="button-row">
        <button type="button" className="button" disabled={busy} onClick={() => void confirm()}>
          {confirmLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('app.common.cancel')}
        </button>
      </div>
    </>
  );
}

/**
 * Where a strategy or action plan stands in its life cycle, in words, and the next steps the
 * reader's role allows: editors move a draft to consultation and back; coordinators adopt (which
 * records the date and body and freezes the version), mark it expired or superseded, and make
 * amendments, which become the next version when adopted or are withdrawn.
 */
export function LifecycleControls({ participant, strategyId, document, outline, onChanged }: Props) {
  const { t, language } = useLanguage();
  const canEdit = useAbility('plan.edit');
  const canAdopt = useAbility('plan.adopt');
  const [step, setStep] = useState<Step | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const state = documentState(outline, document);
  if (state === null) return null;

  const calls = editingApi(participant, strategyId);
  const idBase = `lifecycle-${document.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const close = () => setStep(null);
  const finish = (message: string) => {
    setStep(null);
    setDone(message);
    onChanged();
  };
  const changeStatus = async (status: DocumentStatus, adoption?: { adoptedOn: string; adoptedBy?: string }) => {
    await calls.changeStatus({ document, status, version: state.version, ...adoption });
  };

  const { status, amendment, isStrategy } = state;
  const open = status === 'draft' || status === 'consultation';
  const statusText = (() => {
    if (amendment) {
      return t('app.editor.lifecycle.state.amendment', {
        document: isStrategy ? 'strategy' : 'action_plan',
        number: amendment.number,
        reason: amendment.reason,
        date: formatDateTime(amendment.openedAt, language),
      });
    }
    switch (status) {
      case 'draft':
        return t('app.editor.lifecycle.state.draft', { document: isStrategy ? 'strategy' : 'action_plan' });
      case 'consultation':
        return t('app.editor.lifecycle.state.consultation', { document: isStrategy ? 'strategy' : 'action_plan' });
      case 'adopted': {
        const date = state.adoptedOn ? formatDate(state.adoptedOn, language) : t('app.common.notSet');
        return state.adoptedBy
          ? t('app.editor.lifecycle.state.adopted', { document: isStrategy ? 'strategy' : 'action_plan', date, body: state.adoptedBy })
          : t('app.editor.lifecycle.state.adoptedOn', { document: isStrategy ? 'strategy' : 'action_plan', date });
      }
      case 'expired':
        return t('app.editor.lifecycle.state.expired', { document: isStrategy ? 'strategy' : 'action_plan' });
      case 'superseded':
        return t('app.editor.lifecycle.state.superseded', { document: isStrategy ? 'strategy' : 'action_plan' });
    }
  })();

  const buttons: { step: Step; label: string; secondary?: boolean }[] = [];
  if (!amendment) {
    if (status === 'draft' && canEdit) buttons.push({ step: 'consultation', label: t('app.editor.lifecycle.toConsultation') });
    if (status === 'consultation' && canEdit) buttons.push({ step: 'draft', label: t('app.editor.lifecycle.toDraft'), secondary: true });
    if (open && canAdopt) buttons.push({ step: 'adopt', label: t('app.editor.lifecycle.adopt') });
    if (status === 'adopted' && canAdopt) {
      buttons.push({ step: 'amend', label: t('app.editor.lifecycle.amend') });
      buttons.push({ step: 'expire', label: t('app.editor.lifecycle.expire'), secondary: true });
      buttons.push({ step: 'supersede', label: t('app.editor.lifecycle.supersede'), secondary: true });
    }
  } else if (canAdopt) {
    buttons.push({ step: 'adoptAmendment', label: t('app.editor.lifecycle.adoptAmendment') });
    buttons.push({ step: 'withdraw', label: t('app.editor.lifecycle.withdraw'), secondary: true });
  }
  const documentKind = isStrategy ? 'strategy' : 'action_plan';

  return (
    <div className="lifecycle">
      <p className="lifecycle-status">
        <Badge tone={documentTone(status)}>{documentStatusLabel(status)}</Badge>
        {amendment ? <Badge tone="info">{t('app.editor.lifecycle.amendmentOpenShort', { number: amendment.number })}</Badge> : null}
      </p>
      <p>{statusText}</p>
      {open && !canAdopt ? <p className="muted">{t('app.editor.lifecycle.adoptionIsForCoordinators')}</p> : null}
      {done ? (
        <p role="status" className="notice notice-success">
          {done}
        </p>
      ) : null}
      {buttons.length > 0 && step === null ? (
        <div className="button-row">
          {buttons.map((button) => (
            <button
              key={button.step}
              type="button"
              className={button.secondary ? 'button button-secondary' : 'button'}
              aria-haspopup="dialog"
              onClick={() => {
                setDone(null);
                setStep(button.step);
              }}
            >
              {button.label}
            </button>
          ))}
        </div>
      ) : null}
      {step === 'consultation' || step === 'draft' ? (
        <Dialog
          id={`${idBase}-status`}
          title={step === 'consultation' ? t('app.editor.lifecycle.toConsultation') : t('app.editor.lifecycle.toDraft')}
          onClose={close}
        >
          <Confirm
            text={
              step === 'consultation'
                ? t('app.editor.lifecycle.consultationExplanation', { document: documentKind })
                : t('app.editor.lifecycle.draftExplanation', { document: documentKind })
            }
            confirmLabel={step === 'consultation' ? t('app.editor.lifecycle.toConsultation') : t('app.editor.lifecycle.toDraft')}
            onConfirm={async () => {
              await changeStatus(step);
              finish(t('app.editor.lifecycle.done.status', { status: documentStatusLabel(step) }));
            }}
            onCancel={close}
          />
        </Dialog>
      ) : null}
      {step === 'adopt' ? (
        <Dialog id={`${idBase}-adopt`} title={t('app.editor.lifecycle.adoptTitle', { document: documentKind })} onClose={close}>
          <AdoptForm
            id={`${idBase}-adopt`}
            isStrategy={isStrategy}
            explanation={t('app.editor.lifecycle.adoptExplanation', { document: documentKind })}
            submitLabel={t('app.editor.lifecycle.adoptSubmit')}
            onSubmit={async (adoption) => {
              await changeStatus('adopted', adoption);
              finish(t('app.editor.lifecycle.done.status', { status: documentStatusLabel('adopted') }));
            }}
            onCancel={close}
          />
        </Dialog>
      ) : null}
      {step === 'expire' || step === 'supersede' ? (
        <Dialog
          id={`${idBase}-end`}
          title={
            step === 'expire'
              ? t('app.editor.lifecycle.expireTitle', { document: documentKind })
              : t('app.editor.lifecycle.supersedeTitle', { document: documentKind })
          }
          onClose={close}
        >
          <Confirm
            text={
              step === 'expire'
                ? t('app.editor.lifecycle.expireExplanation', { document: documentKind })
                : t('app.editor.lifecycle.supersedeExplanation', { document: documentKind })
            }
            confirmLabel={step === 'expire' ? t('app.editor.lifecycle.expireConfirm') : t('app.editor.lifecycle.supersedeConfirm')}
            onConfirm={async () => {
              const next = step === 'expire' ? 'expired' : 'superseded';
              await changeStatus(next);
              finish(t('app.editor.lifecycle.done.status', { status: documentStatusLabel(next) }));
            }}
            onCancel={close}
          />
        </Dialog>
      ) : null}
      {step === 'amend' ? (
        <Dialog id={`${idBase}-amend`} title={t('app.editor.lifecycle.amendTitle')} onClose={close}>
          <ReasonForm
            id={`${idBase}-amend`}
            onSubmit={async (reason) => {
              await calls.openAmendment({ document, reason });
              finish(t('app.editor.lifecycle.done.amendmentOpened'));
            }}
            onCancel={close}
          />
        </Dialog>
      ) : null}
      {step === 'adoptAmendment' ? (
        <Dialog id={`${idBase}-adopt-amendment`} title={t('app.editor.lifecycle.adoptAmendmentTitle')} onClose={close}>
          <AdoptForm
            id={`${idBase}-adopt-amendment`}
            isStrategy={isStrategy}
            explanation={t('app.editor.lifecycle.adoptAmendmentExplanation')}
            submitLabel={t('app.editor.lifecycle.adoptAmendmentSubmit')}
            onSubmit={async (adoption) => {
              await calls.adoptAmendment({ document, ...adoption });
              finish(t('app.editor.lifecycle.done.amendmentAdopted'));
            }}
            onCancel={close}
          />
        </Dialog>
      ) : null}
      {step === 'withdraw' ? (
        <Dialog id={`${idBase}-withdraw`} title={t('app.editor.lifecycle.withdrawTitle')} onClose={close}>
          <Confirm
            text={t('app.editor.lifecycle.withdrawExplanation')}
            confirmLabel={t('app.editor.lifecycle.withdrawConfirm')}
            onConfirm={async () => {
              await calls.withdrawAmendment({ document });
              finish(t('app.editor.lifecycle.done.amendmentWithdrawn'));
            }}
            onCancel={close}
          />
        </Dialog>
      ) : null}
    </div>
  );
}
