import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { formatDate, formatNumber } from '@ariadne/domain';
import { Badge, type BadgeTone } from '../components/Badge.tsx';
import { SelectField } from '../components/Field.tsx';
import { Page } from '../components/Page.tsx';
import { RemindersPanel } from '../components/RemindersPanel.tsx';
import { RoundTemplates } from '../components/RoundTemplates.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { localToday } from '../format.ts';
import { useLanguage } from '../i18n.ts';
import { BOARD_STATUSES, boardPath, reportPage, type BoardStatus, type RoundBoard } from '../monitoringApi.ts';
import { useAbility, useParticipant } from '../session.tsx';
import { useApiData } from '../useApiData.ts';
import '../monitoring.css';
import { boardStatusKey } from './plan/MonitoringSection.tsx';

const STATUS_TONES: Record<BoardStatus, BadgeTone> = {
  not_started: 'neutral',
  draft: 'info',
  submitted: 'info',
  returned: 'warning',
  accepted: 'success',
  overdue: 'error',
};

type Row = RoundBoard['institutions'][number];
type SortKey = 'institution' | 'status';

/** Orders the board's rows by institution name, or by status in the order of the board's counts (then by name). */
export function sortRows(rows: readonly Row[], key: SortKey, descending: boolean, language: string): Row[] {
  const byName = (a: Row, b: Row) => a.name.localeCompare(b.name, language) || a.institution.localeCompare(b.institution);
  const compare =
    key === 'institution'
      ? byName
      : (a: Row, b: Row) => BOARD_STATUSES.indexOf(a.status) - BOARD_STATUSES.indexOf(b.status) || byName(a, b);
  const sorted = [...rows].sort(compare);
  return descending ? sorted.reverse() : sorted;
}

function Timeliness({ onTime }: { onTime: boolean | null }) {
  const { t } = useLanguage();
  if (onTime === null) return <span className="muted">{t('app.monitoring.board.notYet')}</span>;
  return <>{onTime ? t('app.monitoring.board.onTime') : t('app.monitoring.board.late')}</>;
}

/** How an institution has kept to deadlines across rounds: "4 of 5 on time", with each round behind a disclosure. */
function History({ row }: { row: Row }) {
  const { t, language } = useLanguage();
  const judged = row.history.filter((entry) => entry.onTime !== null);
  if (row.history.length === 0) return <span className="muted">{t('app.monitoring.board.noHistory')}</span>;
  return (
    <details>
      <summary>
        {t('app.monitoring.board.historySummary', {
          onTime: judged.filter((entry) => entry.onTime === true).length,
          count: judged.length,
        })}
      </summary>
      <ul className="plain-list">
        {row.history.map((entry) => (
          <li key={entry.round}>
            <code>{entry.round}</code>{' '}
            {entry.submittedOn === null
              ? t('app.monitoring.board.historyNone', { deadline: formatDate(entry.deadline, language) })
              : t('app.monitoring.board.historyEntry', {
                  submitted: formatDate(entry.submittedOn, language),
                  deadline: formatDate(entry.deadline, language),
                })}{' '}
            <Timeliness onTime={entry.onTime} />
          </li>
        ))}
      </ul>
    </details>
  );
}

function SortButton({ label, active, descending, onSort }: { label: string; active: boolean; descending: boolean; onSort: () => void }) {
  return (
    <button type="button" className="sort-button" onClick={onSort}>
      {label}
      <span aria-hidden="true">{active ? (descending ? ' ▼' : ' ▲') : ''}</span>
    </button>
  );
}

function Board({ board, planId }: { board: RoundBoard; planId: string }) {
  const { t, language } = useLanguage();
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('status');
  const filter = BOARD_STATUSES.find((status) => status === requested) ?? null;
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'institution', descending: false });

  const rows = useMemo(
    () =>
      sortRows(
        board.institutions.filter((row) => filter === null || row.status === filter),
        sort.key,
        sort.descending,
        language,
      ),
    [board, filter, sort, language],
  );

  const sortBy = (key: SortKey) => setSort((current) => ({ key, descending: current.key === key ? !current.descending : false }));
  const ariaSort = (key: SortKey) => (sort.key === key ? (sort.descending ? 'descending' : 'ascending') : undefined);

  return (
    <>
      <dl className="facts">
        <div>
          <dt>{t('app.monitoring.periodHeading')}</dt>
          <dd>
            {t('app.monitoring.period', {
              start: formatDate(board.round.periodStart, language),
              end: formatDate(board.round.periodEnd, language),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('app.monitoring.deadline')}</dt>
          <dd>
            <time dateTime={board.round.deadline}>{formatDate(board.round.deadline, language)}</time>
          </dd>
        </div>
      </dl>
      <h2>{t('app.monitoring.board.countsTitle')}</h2>
      <ul className="board-counts" data-testid="board-counts">
        {BOARD_STATUSES.map((status) => (
          <li key={status}>
            {t('app.monitoring.board.count', {
              status: t(boardStatusKey(status)),
              count: formatNumber(board.counts[status] ?? 0, language),
            })}
          </li>
        ))}
      </ul>
      <h2>{t('app.monitoring.board.institutionsTitle')}</h2>
      <SelectField
        id="board-filter"
        label={t('app.monitoring.board.filter')}
        value={filter ?? ''}
        onChange={(event) => {
          const next = new URLSearchParams(searchParams);
          if (event.target.value === '') next.delete('status');
          else next.set('status', event.target.value);
          setSearchParams(next, { replace: true });
        }}
      >
        <option value="">{t('app.monitoring.board.all')}</option>
        {BOARD_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(boardStatusKey(status))}
          </option>
        ))}
      </SelectField>
      <p role="status" className="muted">
        {t('app.monitoring.board.shown', { shown: rows.length, count: board.institutions.length })}
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="board-caption">
        <table>
          <caption id="board-caption">{t('app.monitoring.board.caption', { round: board.round.id })}</caption>
          <thead>
            <tr>
              <th scope="col" aria-sort={ariaSort('institution')}>
                <SortButton
                  label={t('app.monitoring.board.institution')}
                  active={sort.key === 'institution'}
                  descending={sort.descending}
                  onSort={() => sortBy('institution')}
                />
              </th>
              <th scope="col" aria-sort={ariaSort('status')}>
                <SortButton
                  label={t('app.monitoring.board.status')}
                  active={sort.key === 'status'}
                  descending={sort.descending}
                  onSort={() => sortBy('status')}
                />
              </th>
              <th scope="col">{t('app.monitoring.board.submittedOn')}</th>
              <th scope="col">{t('app.monitoring.board.timeliness')}</th>
              <th scope="col">{t('app.monitoring.board.history')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.institution}>
                <th scope="row">
                  <Link to={reportPage(planId, board.round.id, row.institution)}>{row.name}</Link>
                </th>
                <td>
                  <Badge tone={STATUS_TONES[row.status]}>{t(boardStatusKey(row.status))}</Badge>
                </td>
                <td>
                  {row.submittedOn === null ? (
                    <span className="muted">{t('app.monitoring.board.notSubmitted')}</span>
                  ) : (
                    <time dateTime={row.submittedOn}>{formatDate(row.submittedOn, language)}</time>
                  )}
                </td>
                <td>
                  <Timeliness onTime={row.onTime} />
                </td>
                <td>
                  <History row={row} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The board of one round: which institutions have reported, on time or late, and how they did before. */
export function RoundBoardPage() {
  const { planId = '', roundId = '' } = useParams();
  const participant = useParticipant();
  const { t } = useLanguage();
  const [today] = useState(localToday);
  const board = useApiData<RoundBoard>(`${boardPath(participant.code, planId, roundId)}?today=${today}`);
  const remind = useAbility('round.manage');
  return (
    <Page title={t('app.monitoring.board.title', { round: roundId })}>
      <p className="print-hide">
        <Link to={`/plans/${encodeURIComponent(planId)}?view=monitoring`}>{t('app.monitoring.backToRounds')}</Link>
      </p>
      {board.result.status === 'loading' ? <Loading /> : null}
      {board.result.status === 'error' ? <ErrorMessage message={board.result.error.message} onRetry={board.reload} /> : null}
      {board.result.status === 'ready' ? <Board board={board.result.data} planId={planId} /> : null}
      {board.result.status === 'ready' && remind ? <RoundTemplates participant={participant.code} plan={planId} round={roundId} /> : null}
      {board.result.status === 'ready' && remind ? <RemindersPanel planId={planId} roundId={roundId} /> : null}
    </Page>
  );
}
