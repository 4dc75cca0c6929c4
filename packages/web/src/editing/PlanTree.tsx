import { memo, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { AREAS, formatDate, formattingLocale, type Area, type Language } from '@ariadne/domain';
import { asApiError, type ApiError } from '../api.ts';
import { SelectField, TextField, focusFirstInvalid } from '../components/Field.tsx';
import { FormActions } from '../components/FormActions.tsx';
import { useLanguage } from '../i18n.ts';
import { areaLabel, documentStatusLabel } from '../labels.ts';
import { usePolicy } from '../session.tsx';
import { editingApi, type OutlineActivity, type OutlineGoal, type PlanEdit, type StrategyOutline } from './api.ts';
import { proposeActivityCode, proposeGoalCode, proposeObjectiveCode } from './codes.ts';
import { Dialog } from './Dialog.tsx';
import { ElementProblem } from './forms/fields.tsx';
import { elementIssues } from './issues.ts';
import './editor.css';

type TreeKind = 'goal' | 'objective' | 'activity';
type Direction = 'up' | 'down';
type Adding = { kind: 'goal' } | { kind: 'objective'; goal: string } | { kind: 'activity'; objective: string };
type Deleting = { kind: TreeKind; code: string; title: string; version: number; focusAfter: string | null };
type Translate = ReturnType<typeof useLanguage>['t'];
/** What every row needs to write itself, made once for the whole tree (rows hold no hooks of their own). */
type Formatters = { money: Intl.NumberFormat; date: Intl.DateTimeFormat; t: Translate };

export type PlanTreeProps = {
  participant: string;
  strategyId: string;
  outline: StrategyOutline;
  /** The action plan whose activities are shown under their objectives; none shows goals and objectives only. */
  planId?: string;
  /** Called after every change that was stored, so that the outline (and what depends on it) is read again. */
  onChanged: () => void;
};

/** The address of an element's editor. */
export function elementPath(code: string, planId: string | undefined, strategyId: string): string {
  return planId !== undefined
    ? `/plans/${encodeURIComponent(planId)}/elements/${encodeURIComponent(code)}`
    : `/strategies/${encodeURIComponent(strategyId)}/elements/${encodeURIComponent(code)}`;
}

/** Where an element would go one step up or down among its siblings, as a `move` edit. */
export function moveOf(
  outline: StrategyOutline,
  planId: string | undefined,
  kind: TreeKind,
  code: string,
  direction: Direction,
): { edit: PlanEdit; position: number; count: number } | null {
  const step = direction === 'up' ? -1 : 1;
  if (kind === 'goal') {
    const index = outline.goals.findIndex((goal) => goal.id === code);
    const target = index + step;
    if (index < 0 || target < 0 || target >= outline.goals.length) return null;
    return { edit: { op: 'move', kind, code, position: target }, position: target, count: outline.goals.length };
  }
  if (kind === 'objective') {
    const goal = outline.goals.find((candidate) => candidate.objectives.some((objective) => objective.id === code));
    if (goal === undefined) return null;
    const index = goal.objectives.findIndex((objective) => objective.id === code);
    const target = index + step;
    if (target < 0 || target >= goal.objectives.length) return null;
    return { edit: { op: 'move', kind, code, parent: goal.id, position: target }, position: target, count: goal.objectives.length };
  }
  // Activities move among those of the same objective; their position is counted in the whole plan.
  const plan = outline.actionPlans.find((candidate) => candidate.id === planId);
  const activity = plan?.activities.find((candidate) => candidate.id === code);
  if (plan === undefined || activity === undefined) return null;
  const siblings = plan.activities.filter((candidate) => candidate.objective === activity.objective);
  const index = siblings.findIndex((candidate) => candidate.id === code);
  const neighbour = siblings[index + step];
  if (neighbour === undefined) return null;
  const position = plan.activities.findIndex((candidate) => candidate.id === neighbour.id);
  return { edit: { op: 'move', kind, code, parent: plan.id, position }, position: index + step, count: siblings.length };
}

function formattersFor(language: Language, currency: string, t: Translate): Formatters {
  const locale = formattingLocale(language);
  return {
    t,
    money: new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
  };
}

function utcDate(value: string): Date {
  return new Date(`${value}T00:00:00Z`);
}

/** Why the plan cannot be changed here, in words; null when it can. */
function useReadOnlyReasons(
  outline: StrategyOutline,
  planId: string | undefined,
): { strategy: string | null; plan: string | null; role: string | null } {
  const { t, language } = useLanguage();
  const policy = usePolicy();
  const canEdit = policy.can('plan.edit');
  // A local coordinator changes their own plan's activities, not the strategy's goals and objectives.
  const canEditPlan = planId !== undefined && policy.canInPlan('plan.edit', planId);
  if (!canEdit && !canEditPlan) return { strategy: null, plan: null, role: t('app.editor.tree.readOnlyRole') };
  const { strategy } = outline;
  let strategyReason: string | null = null;
  if (!canEdit) {
    strategyReason = t('app.localPlans.tree.strategyNotYours');
  } else if (!strategy.editable) {
    if (strategy.status === 'adopted' && strategy.adoptedOn !== undefined) {
      const date = formatDate(strategy.adoptedOn, language);
      strategyReason =
        strategy.adoptedBy !== undefined && strategy.adoptedBy !== ''
          ? t('app.editor.tree.strategyAdoptedBy', { date, body: strategy.adoptedBy })
          : t('app.editor.tree.strategyAdopted', { date });
    } else {
      strategyReason = t('app.editor.tree.strategyFrozen', { status: documentStatusLabel(strategy.status) });
    }
  }
  const plan = planId === undefined ? undefined : outline.actionPlans.find((candidate) => candidate.id === planId);
  let planReason: string | null = null;
  if (plan !== undefined && !plan.editable) {
    planReason =
      plan.status === 'adopted' && plan.adoptedOn !== undefined
        ? t('app.editor.tree.planAdopted', { date: formatDate(plan.adoptedOn, language) })
        : t('app.editor.tree.planFrozen', { status: documentStatusLabel(plan.status) });
  }
  return { strategy: strategyReason, plan: planReason, role: null };
}

/** The buttons that move and delete one row; left out entirely where the row cannot be changed. */
function RowControls({ kind, code, first, last, t }: { kind: TreeKind; code: string; first: boolean; last: boolean; t: Translate }) {
  return (
    <span className="tree-controls">
      <button
        type="button"
        className="button button-small button-secondary"
        data-control="up"
        data-kind={kind}
        data-code={code}
        disabled={first}
        aria-label={t('app.editor.tree.moveUp', { code })}
        aria-keyshortcuts="Alt+ArrowUp"
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        type="button"
        className="button button-small button-secondary"
        data-control="down"
        data-kind={kind}
        data-code={code}
        disabled={last}
        aria-label={t('app.editor.tree.moveDown', { code })}
        aria-keyshortcuts="Alt+ArrowDown"
      >
        <span aria-hidden="true">↓</span>
      </button>
      <button
        type="button"
        className="button button-small button-secondary"
        data-control="delete"
        data-kind={kind}
        data-code={code}
        aria-label={t('app.editor.tree.delete', { code })}
      >
        {t('app.editor.tree.deleteShort')}
      </button>
    </span>
  );
}

type ActivityRowProps = {
  activity: OutlineActivity;
  href: string;
  lead: string | null;
  formatters: Formatters;
  editable: boolean;
  first: boolean;
  last: boolean;
};

/** One activity: code, title, lead, dates and total cost, in plain elements (a plan has hundreds). */
const ActivityRow = memo(function ActivityRow({ activity, href, lead, formatters, editable, first, last }: ActivityRowProps) {
  const { t } = formatters;
  const dates =
    activity.start !== undefined && activity.end !== undefined
      ? t('app.editor.tree.dates', {
          start: formatters.date.format(utcDate(activity.start)),
          end: formatters.date.format(utcDate(activity.end)),
        })
      : activity.start !== undefined
        ? t('app.editor.tree.from', { start: formatters.date.format(utcDate(activity.start)) })
        : t('app.editor.tree.noDates');
  return (
    <li className="tree-activity">
      <div className="tree-row" data-row={activity.id} data-kind="activity">
        <code className="tree-code">{activity.id}</code>
        <span className="tree-main">
          <a href={href} data-nav="" data-control="open" data-code={activity.id}>
            {activity.title}
          </a>
          <span className="tree-meta">
            <span>{lead ?? t('app.editor.tree.noLead')}</span>
            <span className="tree-dates">{dates}</span>
          </span>
        </span>
        <span className="tree-total num">{formatters.money.format(activity.total)}</span>
        {editable ? <RowControls kind="activity" code={activity.id} first={first} last={last} t={t} /> : null}
      </div>
    </li>
  );
});

function AddForm({
  adding,
  proposed,
  onCreate,
  onCancel,
}: {
  adding: Adding;
  proposed: string;
  onCreate: (data: { id: string; title: string; area?: Area; label?: string }) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useLanguage();
  const [code, setCode] = useState(proposed);
  const [title, setTitle] = useState('');
  const [area, setArea] = useState<Area>('prevention');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const issues = elementIssues(error);
  // The form opens on its first field, the proposed code, so that it can be kept or typed over.
  useEffect(() => form.current?.querySelector('input')?.focus(), []);
  const prefix =
    `add-${adding.kind}-${adding.kind === 'goal' ? 'new' : adding.kind === 'objective' ? adding.goal : adding.objective}`.replace(
      /[^A-Za-z0-9_-]/g,
      '_',
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onCreate({
        id: code.trim(),
        title,
        ...(adding.kind === 'goal' ? { area, ...(label.trim() !== '' ? { label: label.trim() } : {}) } : {}),
      });
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
      focusFirstInvalid(form.current);
    }
  };

  const legend =
    adding.kind === 'goal'
      ? t('app.editor.tree.newGoal')
      : adding.kind === 'objective'
        ? t('app.editor.tree.newObjective', { goal: adding.goal })
        : t('app.editor.tree.newActivity', { objective: adding.objective });

  return (
    <form
      ref={form}
      className="tree-add-form"
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <fieldset>
        <legend>{legend}</legend>
        <ElementProblem error={error} issues={issues} />
        <div className="tree-add-fields">
          <TextField
            id={`${prefix}-code`}
            label={t('app.editor.fields.code')}
            value={code}
            onChange={(event) => setCode(event.target.value)}
            error={issues.get('id')}
            autoComplete="off"
            className="input-code"
          />
          {adding.kind === 'goal' ? (
            <SelectField
              id={`${prefix}-area`}
              label={t('app.editor.fields.area')}
              value={area}
              onChange={(event) => setArea(event.target.value as Area)}
              error={issues.get('area')}
            >
              {AREAS.map((value) => (
                <option key={value} value={value}>
                  {areaLabel(value)}
                </option>
              ))}
            </SelectField>
          ) : null}
          <TextField
            id={`${prefix}-title`}
            label={t('app.editor.fields.title')}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            error={issues.get('title')}
            autoComplete="off"
            className="input-wide"
          />
          {adding.kind === 'goal' ? (
            <TextField
              id={`${prefix}-label`}
              label={t('app.editor.fields.areaLabel')}
              hint={t('app.editor.fields.areaLabelHint')}
              value={label}
              onChange={(event) => setLabel(event.target.value)}
              error={issues.get('label')}
              autoComplete="off"
            />
          ) : null}
        </div>
        <FormActions
          busy={busy}
          submitLabel={
            adding.kind === 'goal'
              ? t('app.editor.tree.addGoal')
              : adding.kind === 'objective'
                ? t('app.editor.tree.addObjective')
                : t('app.editor.tree.addActivity')
          }
          onCancel={onCancel}
        />
      </fieldset>
    </form>
  );
}

function DeleteDialog({ deleting, onDelete, onClose }: { deleting: Deleting; onDelete: () => Promise<void>; onClose: () => void }) {
  const { t } = useLanguage();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const inUse = error !== null && error.code === 'ELEMENT_IN_USE';
  const question =
    deleting.kind === 'goal'
      ? t('app.editor.tree.confirmDeleteGoal', { code: deleting.code, title: deleting.title })
      : deleting.kind === 'objective'
        ? t('app.editor.tree.confirmDeleteObjective', { code: deleting.code, title: deleting.title })
        : t('app.editor.tree.confirmDeleteActivity', { code: deleting.code, title: deleting.title });

  const confirm = async () => {
    setBusy(true);
    try {
      await onDelete();
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog id="delete-element" title={t('app.editor.tree.deleteTitle', { code: deleting.code })} onClose={onClose}>
      {inUse ? (
        <div role="alert" className="notice notice-error">
          <p>{t('app.editor.tree.inUse', { code: deleting.code })}</p>
          <ul className="references">
            {error.issues.length > 0 ? (
              error.issues.map((issue, index) => <li key={`${issue.path}-${index}`}>{issue.message}</li>)
            ) : (
              <li>{error.message}</li>
            )}
          </ul>
        </div>
      ) : (
        <>
          <p>{question}</p>
          {error !== null ? (
            <p role="alert" className="field-error">
              {error.message}
            </p>
          ) : null}
        </>
      )}
      <div className="button-row">
        {inUse ? null : (
          <button type="button" className="button button-danger" disabled={busy} onClick={() => void confirm()}>
            {t('app.editor.tree.deleteConfirm')}
          </button>
        )}
        <button type="button" className="button button-secondary" onClick={onClose} data-autofocus="">
          {inUse ? t('app.editor.tree.close') : t('app.common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}

/**
 * The plan tree: goals (with the Participant's area label) → objectives → the action plan's
 * activities, with add, edit, move and delete for those who may change the plan. Rows are plain
 * elements and the tree listens for clicks and keys once, so that a national plan of hundreds of
 * activities paints at once; moving works with the buttons or with Alt+Arrow keys on a row.
 */
export function PlanTree({ participant, strategyId, outline, planId, onChanged }: PlanTreeProps) {
  const { t, language } = useLanguage();
  const navigate = useNavigate();
  const reasons = useReadOnlyReasons(outline, planId);
  const canEdit = reasons.role === null;
  const strategyEditable = canEdit && outline.strategy.editable && reasons.strategy === null;
  const plan = planId === undefined ? undefined : outline.actionPlans.find((candidate) => candidate.id === planId);
  const planEditable = canEdit && plan !== undefined && plan.editable;

  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [adding, setAdding] = useState<Adding | null>(null);
  const [deleting, setDeleting] = useState<Deleting | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const tree = useRef<HTMLDivElement>(null);
  const focusAfter = useRef<{ code: string; control: string } | null>(null);
  // A move is planned on the outline as shown: after one, the next waits for the outline read again.
  const moving = useRef<StrategyOutline | null>(null);
  const focusAdd = useRef<string | null>(null);

  const api = useMemo(() => editingApi(participant, strategyId), [participant, strategyId]);
  const formatters = useMemo(() => formattersFor(language, outline.currency, t), [language, outline.currency, t]);
  const institutionNames = useMemo(
    () => new Map(outline.institutions.map((institution) => [institution.id, institution.name])),
    [outline.institutions],
  );
  const activitiesByObjective = useMemo(() => {
    const grouped = new Map<string, OutlineActivity[]>();
    for (const activity of plan?.activities ?? []) {
      const list = grouped.get(activity.objective);
      if (list) list.push(activity);
      else grouped.set(activity.objective, [activity]);
    }
    return grouped;
  }, [plan]);

  // After a change the outline is read again; focus goes back to the control that was used.
  useEffect(() => {
    moving.current = null;
    const wanted = focusAfter.current;
    if (wanted === null || tree.current === null) return;
    const row = tree.current.querySelector<HTMLElement>(`[data-row="${wanted.code.replace(/["\\]/g, '\\$&')}"]`);
    if (row === null) return;
    focusAfter.current = null;
    const control =
      row.querySelector<HTMLElement>(`[data-control="${wanted.control}"]:not(:disabled)`) ??
      row.querySelector<HTMLElement>('[data-control="open"]');
    control?.focus();
  }, [outline]);

  const run = async (edit: PlanEdit): Promise<string> => {
    const answer = await api.edit([edit]);
    return answer.results[0]?.code ?? '';
  };

  const move = async (kind: TreeKind, code: string, direction: Direction) => {
    const planned = moveOf(outline, planId, kind, code, direction);
    if (planned === null || moving.current !== null) return;
    moving.current = outline;
    setFailure(null);
    try {
      await run(planned.edit);
      focusAfter.current = { code, control: direction };
      setAnnouncement(t('app.editor.tree.moved', { code, position: planned.position + 1, count: planned.count }));
      onChanged();
    } catch (caught) {
      moving.current = null;
      setFailure(asApiError(caught).message);
    }
  };

  const askDelete = (kind: TreeKind, code: string) => {
    const found = findRow(outline, plan?.activities ?? [], kind, code);
    if (found === null) return;
    setDeleting({ kind, code, title: found.title, version: found.version, focusAfter: found.focusAfter });
  };

  const remove = async (target: Deleting) => {
    await run({ op: 'delete', kind: target.kind, code: target.code, version: target.version });
    setDeleting(null);
    if (target.focusAfter !== null) focusAfter.current = { code: target.focusAfter, control: 'open' };
    setAnnouncement(t('app.editor.tree.deleted', { code: target.code }));
    onChanged();
  };

  const create = async (target: Adding, data: { id: string; title: string; area?: Area; label?: string }) => {
    const edit: PlanEdit =
      target.kind === 'goal'
        ? { op: 'create', kind: 'goal', data }
        : target.kind === 'objective'
          ? { op: 'create', kind: 'objective', parent: target.goal, data: { id: data.id, title: data.title } }
          : { op: 'create', kind: 'activity', parent: planId, data: { id: data.id, objective: target.objective, title: data.title } };
    const code = (await run(edit)) || data.id;
    setAdding(null);
    if (target.kind === 'goal') setCollapsed((previous) => without(previous, code));
    focusAfter.current = { code, control: 'open' };
    setAnnouncement(target.kind === 'activity' ? t('app.editor.tree.addedActivity', { code }) : t('app.editor.tree.added', { code }));
    onChanged();
  };

  // Closing an add form without adding gives focus back to the button that opened it.
  const cancelAdding = () => {
    if (adding !== null) focusAdd.current = addKey(adding);
    setAdding(null);
  };
  useEffect(() => {
    const wanted = focusAdd.current;
    if (adding !== null || wanted === null) return;
    focusAdd.current = null;
    document.querySelector<HTMLElement>(`[data-add="${wanted.replace(/["\\]/g, '\\$&')}"]`)?.focus();
  }, [adding]);

  const toggle = (code: string) =>
    setCollapsed((previous) => (previous.has(code) ? without(previous, code) : new Set([...previous, code])));

  // One listener for the whole tree: opening an element, moving, deleting, expanding.
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    const link = target.closest<HTMLAnchorElement>('a[data-nav]');
    if (link !== null) {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      void navigate(link.getAttribute('href') ?? '/');
      return;
    }
    const button = target.closest<HTMLButtonElement>('button[data-control]');
    if (button === null || button.disabled) return;
    const code = button.dataset.code ?? '';
    const kind = button.dataset.kind as TreeKind | undefined;
    const control = button.dataset.control;
    if (control === 'toggle') toggle(code);
    else if (kind !== undefined && (control === 'up' || control === 'down')) void move(kind, code, control);
    else if (kind !== undefined && control === 'delete') askDelete(kind, code);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-row]');
    const kind = row?.dataset.kind as TreeKind | undefined;
    const code = row?.dataset.row;
    if (row === null || kind === undefined || code === undefined) return;
    const editable = kind === 'activity' ? planEditable : strategyEditable;
    if (!editable) return;
    event.preventDefault();
    void move(kind, code, event.key === 'ArrowUp' ? 'up' : 'down');
  };

  const href = (code: string) => elementPath(code, planId, strategyId);
  const showActivities = planId !== undefined;

  return (
    <section className="plan-section plan-tree" aria-labelledby="plan-tree-heading">
      <div className="section-head">
        <h2 id="plan-tree-heading">{showActivities ? t('app.editor.tree.title') : t('app.editor.tree.titleStrategy')}</h2>
        <div className="button-row print-hide">
          <button type="button" className="button button-small button-secondary" onClick={() => setCollapsed(new Set())}>
            {t('app.editor.tree.expandAll')}
          </button>
          <button
            type="button"
            className="button button-small button-secondary"
            onClick={() =>
              setCollapsed(new Set(outline.goals.flatMap((goal) => [goal.id, ...goal.objectives.map((objective) => objective.id)])))
            }
          >
            {t('app.editor.tree.collapseAll')}
          </button>
        </div>
      </div>
      {reasons.role !== null ? <p className="notice">{reasons.role}</p> : null}
      {reasons.strategy !== null ? <p className="notice">{reasons.strategy}</p> : null}
      {reasons.plan !== null ? <p className="notice">{reasons.plan}</p> : null}
      {plan?.amendment ? (
        <p className="notice notice-info">{t('app.editor.tree.amendmentOpen', { reason: plan.amendment.reason })}</p>
      ) : null}
      {!plan?.amendment && outline.strategy.amendment ? (
        <p className="notice notice-info">{t('app.editor.tree.amendmentOpen', { reason: outline.strategy.amendment.reason })}</p>
      ) : null}
      {(strategyEditable || planEditable) && showActivities ? <p className="field-hint">{t('app.editor.tree.keyboardHint')}</p> : null}
      {failure !== null ? (
        <p role="alert" className="notice notice-error">
          {failure}
        </p>
      ) : null}
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {planId !== undefined && plan === undefined ? <p className="empty">{t('app.editor.tree.planMissing', { plan: planId })}</p> : null}
      {outline.goals.length === 0 ? <p className="empty">{t('app.editor.tree.noGoals')}</p> : null}
      <div ref={tree} className="tree" onClick={onClick} onKeyDown={onKeyDown}>
        <ol className="tree-goals">
          {outline.goals.map((goal, goalIndex) => (
            <GoalBranch
              key={goal.id}
              goal={goal}
              first={goalIndex === 0}
              last={goalIndex === outline.goals.length - 1}
              collapsed={collapsed}
              href={href}
              strategyEditable={strategyEditable}
              planEditable={planEditable}
              showActivities={showActivities}
              activitiesByObjective={activitiesByObjective}
              institutionNames={institutionNames}
              formatters={formatters}
              adding={adding}
              renderAdd={(target) => (
                <AddForm
                  key={JSON.stringify(target)}
                  adding={target}
                  proposed={
                    target.kind === 'objective'
                      ? proposeObjectiveCode(outline, target.goal)
                      : target.kind === 'activity'
                        ? proposeActivityCode(outline, target.objective)
                        : proposeGoalCode(outline)
                  }
                  onCreate={(data) => create(target, data)}
                  onCancel={cancelAdding}
                />
              )}
              onAdd={setAdding}
            />
          ))}
        </ol>
      </div>
      {strategyEditable ? (
        adding?.kind === 'goal' ? (
          <AddForm adding={adding} proposed={proposeGoalCode(outline)} onCreate={(data) => create(adding, data)} onCancel={cancelAdding} />
        ) : (
          <p className="tree-add">
            <button
              type="button"
              className="button button-secondary"
              data-add={addKey({ kind: 'goal' })}
              onClick={() => setAdding({ kind: 'goal' })}
            >
              {t('app.editor.tree.addGoal')}
            </button>
          </p>
        )
      ) : null}
      {deleting !== null ? <DeleteDialog deleting={deleting} onDelete={() => remove(deleting)} onClose={() => setDeleting(null)} /> : null}
    </section>
  );
}

/** Names the button that opens an add form, so that focus can go back to it. */
function addKey(adding: Adding): string {
  return adding.kind === 'goal' ? 'goal' : adding.kind === 'objective' ? `objective:${adding.goal}` : `activity:${adding.objective}`;
}

function without(set: ReadonlySet<string>, code: string): Set<string> {
  const next = new Set(set);
  next.delete(code);
  return next;
}

/** A row's title and version, and the row that takes focus once it is deleted. */
function findRow(
  outline: StrategyOutline,
  activities: readonly OutlineActivity[],
  kind: TreeKind,
  code: string,
): { title: string; version: number; focusAfter: string | null } | null {
  if (kind === 'goal') {
    const index = outline.goals.findIndex((goal) => goal.id === code);
    const goal = outline.goals[index];
    if (goal === undefined) return null;
    return { title: goal.title, version: goal.version, focusAfter: (outline.goals[index - 1] ?? outline.goals[index + 1])?.id ?? null };
  }
  if (kind === 'objective') {
    for (const goal of outline.goals) {
      const index = goal.objectives.findIndex((objective) => objective.id === code);
      const objective = goal.objectives[index];
      if (objective !== undefined) {
        return {
          title: objective.title,
          version: objective.version,
          focusAfter: (goal.objectives[index - 1] ?? goal.objectives[index + 1])?.id ?? goal.id,
        };
      }
    }
    return null;
  }
  const activity = activities.find((candidate) => candidate.id === code);
  if (activity === undefined) return null;
  const siblings = activities.filter((candidate) => candidate.objective === activity.objective);
  const index = siblings.indexOf(activity);
  return {
    title: activity.title,
    version: activity.version,
    focusAfter: (siblings[index - 1] ?? siblings[index + 1])?.id ?? activity.objective,
  };
}

type GoalBranchProps = {
  goal: OutlineGoal;
  first: boolean;
  last: boolean;
  collapsed: ReadonlySet<string>;
  href: (code: string) => string;
  strategyEditable: boolean;
  planEditable: boolean;
  showActivities: boolean;
  activitiesByObjective: ReadonlyMap<string, OutlineActivity[]>;
  institutionNames: ReadonlyMap<string, string>;
  formatters: Formatters;
  adding: Adding | null;
  renderAdd: (adding: Adding) => ReactNode;
  onAdd: (adding: Adding) => void;
};

function Toggle({ code, open, controls }: { code: string; open: boolean; controls: string }) {
  const { t } = useLanguage();
  return (
    <button
      type="button"
      className="tree-toggle"
      data-control="toggle"
      data-code={code}
      aria-expanded={open}
      aria-controls={open ? controls : undefined}
      aria-label={open ? t('app.editor.tree.collapse', { code }) : t('app.editor.tree.expand', { code })}
    >
      <span aria-hidden="true">{open ? '▾' : '▸'}</span>
    </button>
  );
}

function domId(prefix: string, code: string): string {
  return `${prefix}-${code.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function GoalBranch(props: GoalBranchProps) {
  const { goal, first, last, collapsed, href, strategyEditable, showActivities, adding, renderAdd, onAdd } = props;
  const { t } = useLanguage();
  const open = !collapsed.has(goal.id);
  const listId = domId('goal-objectives', goal.id);
  return (
    <li className="tree-goal">
      <div className="tree-row tree-row-goal" data-row={goal.id} data-kind="goal">
        <Toggle code={goal.id} open={open} controls={listId} />
        <code className="tree-code">{goal.id}</code>
        <span className="tree-main">
          <span className="tree-area">{goal.label !== undefined && goal.label !== '' ? goal.label : areaLabel(goal.area)}</span>
          <a href={href(goal.id)} data-nav="" data-control="open" data-code={goal.id}>
            {goal.title}
          </a>
        </span>
        <span className="tree-meta">{t('app.editor.tree.objectiveCount', { count: goal.objectives.length })}</span>
        {strategyEditable ? <RowControls kind="goal" code={goal.id} first={first} last={last} t={t} /> : null}
      </div>
      {open ? (
        <div id={listId}>
          <ol className="tree-objectives">
            {goal.objectives.map((objective, index) => {
              const activities = props.activitiesByObjective.get(objective.id) ?? [];
              const objectiveOpen = !collapsed.has(objective.id);
              const activitiesId = domId('objective-activities', objective.id);
              return (
                <li key={objective.id} className="tree-objective">
                  <div className="tree-row tree-row-objective" data-row={objective.id} data-kind="objective">
                    {showActivities ? (
                      <Toggle code={objective.id} open={objectiveOpen} controls={activitiesId} />
                    ) : (
                      <span className="tree-toggle-space" />
                    )}
                    <code className="tree-code">{objective.id}</code>
                    <span className="tree-main">
                      <a href={href(objective.id)} data-nav="" data-control="open" data-code={objective.id}>
                        {objective.title}
                      </a>
                    </span>
                    <span className="tree-meta">
                      {t('app.editor.tree.indicatorCount', { count: objective.indicators.length })}
                      {showActivities ? ` · ${t('app.editor.tree.activityCount', { count: activities.length })}` : ''}
                    </span>
                    {strategyEditable ? (
                      <RowControls
                        kind="objective"
                        code={objective.id}
                        first={index === 0}
                        last={index === goal.objectives.length - 1}
                        t={t}
                      />
                    ) : null}
                  </div>
                  {showActivities && objectiveOpen ? (
                    <div id={activitiesId}>
                      {activities.length > 0 ? (
                        <ul className="tree-activities">
                          {activities.map((activity, activityIndex) => (
                            <ActivityRow
                              key={activity.id}
                              activity={activity}
                              href={href(activity.id)}
                              lead={activity.lead === undefined ? null : (props.institutionNames.get(activity.lead) ?? activity.lead)}
                              formatters={props.formatters}
                              editable={props.planEditable}
                              first={activityIndex === 0}
                              last={activityIndex === activities.length - 1}
                            />
                          ))}
                        </ul>
                      ) : (
                        <p className="empty tree-empty">{t('app.editor.tree.noActivities')}</p>
                      )}
                      {props.planEditable ? (
                        adding?.kind === 'activity' && adding.objective === objective.id ? (
                          renderAdd(adding)
                        ) : (
                          <p className="tree-add">
                            <button
                              type="button"
                              className="button button-small button-secondary"
                              data-add={addKey({ kind: 'activity', objective: objective.id })}
                              onClick={() => onAdd({ kind: 'activity', objective: objective.id })}
                            >
                              {t('app.editor.tree.addActivityTo', { objective: objective.id })}
                            </button>
                          </p>
                        )
                      ) : null}
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ol>
          {goal.objectives.length === 0 ? <p className="empty tree-empty">{t('app.editor.tree.noObjectives')}</p> : null}
          {strategyEditable ? (
            adding?.kind === 'objective' && adding.goal === goal.id ? (
              renderAdd(adding)
            ) : (
              <p className="tree-add">
                <button
                  type="button"
                  className="button button-small button-secondary"
                  data-add={addKey({ kind: 'objective', goal: goal.id })}
                  onClick={() => onAdd({ kind: 'objective', goal: goal.id })}
                >
                  {t('app.editor.tree.addObjectiveTo', { goal: goal.id })}
                </button>
              </p>
            )
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
