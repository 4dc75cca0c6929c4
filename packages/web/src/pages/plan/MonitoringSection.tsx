import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { formatDate, formatNumber, type Language } from '@ariadne/domain';
import { api, asApiError, issuesByField, type ApiError, type DocumentStatus } from '../../api.ts';
import { TextField, focusFirstInvalid } from '../../components/Field.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
import { useLanguage } from '../../i18n.ts';
import { BOARD_STATUSES, boardPage, roundsPath, type BoardStatus, type PlanRounds, type RoundDraft } from '../../monitoringApi.ts';
import { useAbility } from '../../session.tsx';
import '../../monitoring.css';
import { frequencyLabel } from '../strategy/vocabulary.ts';
import { useApiData } from '../../useApiData.ts';

const BOARD_STATUS_KEYS = {
  not_started: 'app.monitoring.status.not_started',
  draft: 'app.monitoring.status.draft',
  submitted: 'app.monitoring.status.submitted',
  returned: 'app.monitoring.status.returned',
  accepted: 'app.monitoring.status.accepted',
  overdue: 'app.monitoring.status.overdue',
} as const satisfies Record<BoardStatus, string>;

/** The catalogue key of a report's place on a round's board. */
export function boardStatusKey(status: BoardStatus): string {
  return BOARD_STATUS_KEYS[status];
}

function Period({ start, end, language }: { start: string; end: string; language: Language }) {
  const { t } = useLanguage();
  return (
    <>
      {t('app.monitoring.period', {
        start: formatDate(start, language),
        end: formatDate(end, language),
      })}
    </>
  );
}

/** Why a round could not be opened, in words: a plan that is not adopted is the common case. */
function openError(error: ApiError, t: (key: string) => string): string {
  return error.code === 'DOCUMENT_NOT_ADOPTED' ? t('app.monitoring.open.notAdopted') : error.message;
}

type Proposal = { id: string; periodStart: string; periodEnd: string; deadline: string; chosen: boolean };

/**
 * Opening rounds: the rounds the plan's reporting frequency proposes (each with a deadline that can
 * be changed), or a single round with its own code and period.
 */
function OpenRoundsDialog({
  participant,
  planId,
  proposed,
  onOpened,
  onClose,
}: {
  participant: string;
  planId: string;
  proposed: PlanRounds['proposed'];
  onOpened: (count: number) => void;
  onClose: () => void;
}) {
  const { t, language } = useLanguage();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const singleRef = useRef<HTMLFormElement>(null);
  const [proposals, setProposals] = useState<Proposal[]>(() => proposed.map((round) => ({ ...round, chosen: true })));
  const [single, setSingle] = useState<RoundDraft>({ id: '', periodStart: '', periodEnd: '', deadline: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const send = async (rounds: RoundDraft[], form: HTMLFormElement | null) => {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const answer = await api.post<{ opened: { id: string; reports: number }[] }>(roundsPath(participant, planId), { rounds });
      onOpened(answer.opened.length);
    } catch (caught) {
      const failure = asApiError(caught);
      setError(openError(failure, t));
      setFieldErrors(issuesByField(failure));
      focusFirstInvalid(form);
    } finally {
      setBusy(false);
    }
  };

  const openChosen = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const chosen = proposals.filter((proposal) => proposal.chosen);
    if (chosen.length === 0) {
      setError(t('app.monitoring.open.noneChosen'));
      return;
    }
    void send(
      chosen.map(({ id, periodStart, periodEnd, deadline }) => ({ id, periodStart, periodEnd, ...(deadline === '' ? {} : { deadline }) })),
      null,
    );
  };

  const openSingle = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (single.id.trim() === '') missing['rounds[0].id'] = t('app.monitoring.open.required');
    if (single.periodStart === '') missing['rounds[0].periodStart'] = t('app.monitoring.open.required');
    if (single.periodEnd === '') missing['rounds[0].periodEnd'] = t('app.monitoring.open.required');
    if (Object.keys(missing).length > 0) {
      setFieldErrors(missing);
      focusFirstInvalid(singleRef.current);
      return;
    }
    const { deadline, ...round } = single;
    void send([{ ...round, id: round.id.trim(), ...(deadline === undefined || deadline === '' ? {} : { deadline }) }], singleRef.current);
  };

  const change = (index: number, patch: Partial<Proposal>) =>
    setProposals((current) => current.map((proposal, i) => (i === index ? { ...proposal, ...patch } : proposal)));

  return (
    <section
      role="dialog"
      aria-labelledby={headingId}
      className="monitoring-dialog panel"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('app.monitoring.open.title')}
      </h3>
      {error !== null ? <ErrorMessage message={error} /> : null}
      {proposals.length > 0 ? (
        <form onSubmit={openChosen} noValidate>
          <fieldset>
            <legend>{t('app.monitoring.open.proposed')}</legend>
            <p className="field-hint">{t('app.monitoring.open.proposedHint')}</p>
            <ul className="plain-list proposed-rounds">
              {proposals.map((proposal, index) => (
                <li key={proposal.id}>
                  <div className="checkbox">
                    <input
                      id={`propose-${proposal.id}`}
                      type="checkbox"
                      checked={proposal.chosen}
                      onChange={(event) => change(index, { chosen: event.target.checked })}
                    />
                    <label htmlFor={`propose-${proposal.id}`}>
                      <code>{proposal.id}</code> <Period start={proposal.periodStart} end={proposal.periodEnd} language={language} />
                    </label>
                  </div>
                  <TextField
                    id={`deadline-${proposal.id}`}
                    type="date"
                    label={t('app.monitoring.open.deadlineOf', { round: proposal.id })}
                    value={proposal.deadline}
                    error={fieldErrors[`rounds[${proposals.filter((p) => p.chosen).indexOf(proposal)}].deadline`]}
                    onChange={(event) => change(index, { deadline: event.target.value })}
                  />
                </li>
              ))}
            </ul>
          </fieldset>
          <div className="button-row">
            <button type="submit" className="button" disabled={busy}>
              {t('app.monitoring.open.openChosen')}
            </button>
          </div>
        </form>
      ) : (
        <p>{t('app.monitoring.open.noProposals')}</p>
      )}
      <form ref={singleRef} onSubmit={openSingle} noValidate>
        <fieldset>
          <legend>{t('app.monitoring.open.single')}</legend>
          <TextField
            id="round-id"
            label={t('app.monitoring.open.id')}
            hint={t('app.monitoring.open.idHint')}
            value={single.id}
            error={fieldErrors['rounds[0].id']}
            onChange={(event) => setSingle({ ...single, id: event.target.value })}
          />
          <TextField
            id="round-start"
            type="date"
            label={t('app.monitoring.open.periodStart')}
            value={single.periodStart}
            error={fieldErrors['rounds[0].periodStart']}
            onChange={(event) => setSingle({ ...single, periodStart: event.target.value })}
          />
          <TextField
            id="round-end"
            type="date"
            label={t('app.monitoring.open.periodEnd')}
            value={single.periodEnd}
            error={fieldErrors['rounds[0].periodEnd']}
            onChange={(event) => setSingle({ ...single, periodEnd: event.target.value })}
          />
          <TextField
            id="round-deadline"
            type="date"
            label={t('app.monitoring.open.deadline')}
            hint={t('app.monitoring.open.deadlineHint')}
            value={single.deadline ?? ''}
            error={fieldErrors['rounds[0].deadline']}
            onChange={(event) => setSingle({ ...single, deadline: event.target.value })}
          />
        </fieldset>
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            {t('app.monitoring.open.openSingle')}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('app.monitoring.open.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The monitoring rounds of an action plan: who has reported in each, and opening new rounds. */
export function MonitoringSection({
  participant,
  planId,
  planStatus,
}: {
  participant: string;
  planId: string;
  planStatus: DocumentStatus;
}) {
  const { t, language } = useLanguage();
  const canManage = useAbility('round.manage');
  const canViewAll = useAbility('report.view_all');
  const rounds = useApiData<PlanRounds>(roundsPath(participant, planId));
  const [dialogOpen, setDialogOpen] = useState(false);
  const [opened, setOpened] = useState<number | null>(null);
  const openButton = useRef<HTMLButtonElement>(null);

  const close = () => {
    setDialogOpen(false);
    window.setTimeout(() => openButton.current?.focus(), 0);
  };

  return (
    <section aria-labelledby="monitoring-heading" className="plan-section">
      <h2 id="monitoring-heading">{t('app.monitoring.section.title')}</h2>
      <p>{t('app.monitoring.section.intro')}</p>
      {planStatus !== 'adopted' ? <p className="notice">{t('app.monitoring.open.notAdopted')}</p> : null}
      {canManage ? (
        <p className="print-hide">
          <Link to="/monitoring-settings">{t('app.monitoring.section.settings')}</Link>
        </p>
      ) : null}
      {opened !== null ? (
        <p role="status" className="notice notice-success">
          {t('app.monitoring.open.opened', { count: opened })}
        </p>
      ) : null}
      {rounds.result.status === 'loading' ? <Loading /> : null}
      {rounds.result.status === 'error' ? <ErrorMessage message={rounds.result.error.message} onRetry={rounds.reload} /> : null}
      {rounds.result.status === 'ready' ? (
        <>
          {rounds.result.data.frequency !== null ? (
            <p>{t('app.monitoring.section.frequency', { frequency: frequencyLabel(rounds.result.data.frequency) })}</p>
          ) : null}
          {rounds.result.data.rounds.length === 0 ? (
            <p>{t('app.monitoring.section.none')}</p>
          ) : (
            <div className="table-wrap monitoring-rounds" tabIndex={0} role="region" aria-labelledby="rounds-caption">
              <table>
                <caption id="rounds-caption">{t('app.monitoring.section.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('app.monitoring.round')}</th>
                    <th scope="col">{t('app.monitoring.periodHeading')}</th>
                    <th scope="col">{t('app.monitoring.deadline')}</th>
                    <th scope="col" className="num">
                      {t('app.monitoring.section.reports')}
                    </th>
                    {BOARD_STATUSES.map((status) => (
                      <th key={status} scope="col" className="num">
                        {t(boardStatusKey(status))}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rounds.result.data.rounds.map((round) => (
                    <tr key={round.id}>
                      <th scope="row">
                        {canViewAll ? (
                          <Link to={boardPage(planId, round.id)}>
                            <code>{round.id}</code>
                          </Link>
                        ) : (
                          <code>{round.id}</code>
                        )}
                      </th>
                      <td>
                        <Period start={round.periodStart} end={round.periodEnd} language={language} />
                      </td>
                      <td>
                        <time dateTime={round.deadline}>{formatDate(round.deadline, language)}</time>
                      </td>
                      <td className="num">{formatNumber(round.reports, language)}</td>
                      {BOARD_STATUSES.map((status) => (
                        <td key={status} className="num">
                          {formatNumber(round.counts[status] ?? 0, language)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {canManage && !dialogOpen ? (
            <div className="button-row print-hide">
              <button
                ref={openButton}
                type="button"
                className="button"
                onClick={() => {
                  setOpened(null);
                  setDialogOpen(true);
                }}
              >
                {t('app.monitoring.open.button')}
              </button>
            </div>
          ) : null}
          {canManage && dialogOpen ? (
            <OpenRoundsDialog
              participant={participant}
              planId={planId}
              proposed={rounds.result.data.proposed}
              onClose={close}
              onOpened={(count) => {
                setOpened(count);
                rounds.reload();
                close();
              }}
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}
