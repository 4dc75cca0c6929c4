import { memo, useMemo, useState, type CSSProperties } from 'react';
import { formattingLocale } from '@ariadne/domain';
import type { OutlineActivity, StrategyOutline } from '../../editing/api.ts';
import { useLanguage } from '../../i18n.ts';
import { areaLabel } from '../../labels.ts';
import '../../strategy.css';

type Props = {
  outline: StrategyOutline;
  planId: string;
  /** The day the "today" line marks (`YYYY-MM-DD`); the reader's today when not given. */
  today?: string;
};

const DAY = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Milliseconds of a date at midnight UTC, or null for a value that is not a date. */
function dayOf(value: string | undefined): number | null {
  if (value === undefined || !DATE.test(value)) return null;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(time) ? null : time;
}

function localToday(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The unit of the axis: months for a plan of up to 15 months, quarters up to four years, years beyond. */
export type TimelineScale = 'month' | 'quarter' | 'year';

export function scaleFor(start: number, end: number): TimelineScale {
  const months = (end - start) / (DAY * 30.44);
  if (months <= 15) return 'month';
  if (months <= 48) return 'quarter';
  return 'year';
}

type Tick = { key: string; label: string; left: number; width: number };

/** The axis' divisions over [start, end) (end exclusive), each placed in percent of the period. */
function ticksFor(
  start: number,
  end: number,
  scale: TimelineScale,
  monthFormat: Intl.DateTimeFormat,
  quarterLabel: (quarter: number, year: number) => string,
): Tick[] {
  const ticks: Tick[] = [];
  const span = end - start;
  const first = new Date(start);
  let year = first.getUTCFullYear();
  let month = scale === 'month' ? first.getUTCMonth() : scale === 'quarter' ? first.getUTCMonth() - (first.getUTCMonth() % 3) : 0;
  const step = scale === 'month' ? 1 : scale === 'quarter' ? 3 : 12;
  // A plan of fifty years has fifty ticks at most; the guard keeps a broken period from looping long.
  for (let guard = 0; guard < 400; guard += 1) {
    const from = Date.UTC(year, month, 1);
    if (from >= end) break;
    const nextMonth = month + step;
    const to = Date.UTC(year + Math.floor(nextMonth / 12), nextMonth % 12, 1);
    const left = Math.max(from, start);
    const right = Math.min(to, end);
    const label =
      scale === 'month'
        ? monthFormat.format(new Date(from))
        : scale === 'quarter'
          ? quarterLabel(Math.floor(month / 3) + 1, year)
          : String(year);
    ticks.push({ key: String(from), label, left: ((left - start) / span) * 100, width: ((right - left) / span) * 100 });
    year += Math.floor(nextMonth / 12);
    month = nextMonth % 12;
  }
  return ticks;
}

type Bar = { left: number; width: number; openStart: boolean; openEnd: boolean } | null;

type Row = {
  activity: OutlineActivity;
  dates: string;
  bar: Bar;
};

type ObjectiveGroup = { id: string; title: string; rows: Row[]; span: Bar };
type GoalGroup = { id: string; title: string; area: string; objectives: ObjectiveGroup[]; span: Bar; count: number };

function spanOf(rows: readonly Row[]): Bar {
  let left = Infinity;
  let right = -Infinity;
  for (const row of rows) {
    if (row.bar === null) continue;
    left = Math.min(left, row.bar.left);
    right = Math.max(right, row.bar.left + row.bar.width);
  }
  return left === Infinity ? null : { left, width: right - left, openStart: false, openEnd: false };
}

function barStyle(bar: NonNullable<Bar>): CSSProperties {
  return { left: `${bar.left}%`, width: `${Math.max(bar.width, 0.6)}%` };
}

const TimelineRow = memo(function TimelineRow({ row, todayLeft, noDates }: { row: Row; todayLeft: number | null; noDates: string }) {
  const { activity, bar } = row;
  return (
    <tr className="timeline-activity">
      <th scope="row" className="timeline-label">
        <code>{activity.id}</code> {activity.title}
      </th>
      <td className="timeline-dates">{row.dates}</td>
      <td className="timeline-track">
        {todayLeft !== null ? <span className="timeline-today" style={{ left: `${todayLeft}%` }} aria-hidden="true" /> : null}
        {bar !== null ? (
          <span
            className={`timeline-bar${bar.openStart ? ' timeline-bar-open-start' : ''}${bar.openEnd ? ' timeline-bar-open-end' : ''}`}
            style={barStyle(bar)}
            aria-hidden="true"
          />
        ) : (
          <span className="timeline-none">{noDates}</span>
        )}
      </td>
    </tr>
  );
});

function Toggle({ expanded, controls, label, onToggle }: { expanded: boolean; controls?: string; label: string; onToggle: () => void }) {
  return (
    <>
      <button type="button" className="timeline-toggle" aria-expanded={expanded} aria-controls={controls} onClick={onToggle}>
        <span className="timeline-chevron" aria-hidden="true">
          {expanded ? '▾' : '▸'}
        </span>{' '}
        {label}
      </button>
      {/* Buttons are not printed; the group's name is. */}
      <span className="print-only" aria-hidden="true">
        {label}
      </span>
    </>
  );
}

/**
 * The action plan as a Gantt chart by goal and objective: one row per activity with its dates in
 * words and a bar from start to end across the plan's period (months, quarters or years on the axis
 * by the period's length), a line for today, goals and objectives as groups that fold, and the
 * activities without dates listed as such. A plain table, so that it reads with a screen reader and
 * on paper.
 */
export function TimelineSection({ outline, planId, today }: Props) {
  const { t, language } = useLanguage();
  const plan = outline.actionPlans.find((candidate) => candidate.id === planId);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());

  const model = useMemo(() => {
    if (plan === undefined) return null;
    const start = dayOf(plan.start);
    const endDay = dayOf(plan.end);
    if (start === null || endDay === null || endDay < start) return null;
    const end = endDay + DAY;
    const span = end - start;
    const locale = formattingLocale(language);
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const monthFormat = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    const scale = scaleFor(start, end);
    const ticks = ticksFor(start, end, scale, monthFormat, (quarter, year) => t('app.editor.timeline.quarter', { quarter, year }));
    const place = (time: number) => ((Math.min(Math.max(time, start), end) - start) / span) * 100;

    const rowOf = (activity: OutlineActivity): Row => {
      const from = dayOf(activity.start);
      const to = dayOf(activity.end);
      let dates: string;
      let bar: Bar = null;
      if (from !== null && to !== null) {
        dates = t('app.editor.timeline.range', { start: dateFormat.format(from), end: dateFormat.format(to) });
        const left = place(from);
        const right = place(to + DAY);
        bar = { left, width: Math.max(right - left, 0), openStart: from < start, openEnd: to + DAY > end };
      } else if (from !== null) {
        dates = t('app.editor.timeline.from', { start: dateFormat.format(from) });
        const left = place(from);
        bar = { left, width: 100 - left, openStart: false, openEnd: true };
      } else if (to !== null) {
        dates = t('app.editor.timeline.until', { end: dateFormat.format(to) });
        bar = { left: 0, width: place(to + DAY), openStart: true, openEnd: false };
      } else {
        dates = t('app.editor.timeline.noDates');
      }
      return { activity, dates, bar };
    };

    const byObjective = new Map<string, Row[]>();
    for (const activity of plan.activities) {
      const rows = byObjective.get(activity.objective) ?? [];
      rows.push(rowOf(activity));
      byObjective.set(activity.objective, rows);
    }
    const goals: GoalGroup[] = [];
    const placed = new Set<string>();
    for (const goal of outline.goals) {
      const objectives: ObjectiveGroup[] = [];
      for (const objective of goal.objectives) {
        const rows = byObjective.get(objective.id);
        if (rows === undefined) continue;
        placed.add(objective.id);
        objectives.push({ id: objective.id, title: objective.title, rows, span: spanOf(rows) });
      }
      if (objectives.length === 0) continue;
      goals.push({
        id: goal.id,
        title: goal.title,
        area: goal.label ?? areaLabel(goal.area),
        objectives,
        span: spanOf(objectives.flatMap((objective) => objective.rows)),
        count: objectives.reduce((total, objective) => total + objective.rows.length, 0),
      });
    }
    // Activities whose objective the outline does not list (should not happen) still show.
    const strays = [...byObjective].filter(([objective]) => !placed.has(objective)).flatMap(([, rows]) => rows);
    const undated = plan.activities.filter((activity) => dayOf(activity.start) === null && dayOf(activity.end) === null);

    const todayDay = dayOf(today ?? localToday());
    const todayLeft = todayDay !== null && todayDay >= start && todayDay < end ? ((todayDay + DAY / 2 - start) / span) * 100 : null;
    return {
      scale,
      ticks,
      goals,
      strays,
      undated,
      todayLeft,
      todayText: todayDay === null ? '' : dateFormat.format(todayDay),
      period: t('app.editor.timeline.range', { start: dateFormat.format(start), end: dateFormat.format(endDay) }),
    };
  }, [plan, outline.goals, language, t, today]);

  const headingId = `timeline-${planId.replace(/[^A-Za-z0-9_-]/g, '_')}-heading`;
  if (plan === undefined || model === null) {
    return (
      <section id="plan-timeline" className="plan-section timeline-section" aria-labelledby={headingId}>
        <h2 id={headingId}>{t('app.editor.timeline.title')}</h2>
        <p className="empty">{t('app.editor.timeline.noPeriod')}</p>
      </section>
    );
  }

  const toggle = (key: string) =>
    setCollapsed((previous) => {
      const next = new Set(previous);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const allKeys = model.goals.flatMap((goal) => [`g:${goal.id}`, ...goal.objectives.map((objective) => `o:${objective.id}`)]);
  const noDates = t('app.editor.timeline.noDatesShort');
  const todayLine =
    model.todayLeft !== null ? <span className="timeline-today" style={{ left: `${model.todayLeft}%` }} aria-hidden="true" /> : null;
  const groupBar = (bar: Bar) => (
    <td className="timeline-track timeline-group-track">
      {todayLine}
      {bar !== null ? <span className="timeline-bar timeline-bar-group" style={barStyle(bar)} aria-hidden="true" /> : null}
    </td>
  );
  const tickCount = model.ticks.length;

  return (
    <section id="plan-timeline" className="plan-section timeline-section" aria-labelledby={headingId}>
      <div className="section-head">
        <h2 id={headingId}>{t('app.editor.timeline.title')}</h2>
        <div className="button-row print-hide">
          <button type="button" className="button button-small button-secondary" onClick={() => setCollapsed(new Set())}>
            {t('app.editor.timeline.expandAll')}
          </button>
          <button type="button" className="button button-small button-secondary" onClick={() => setCollapsed(new Set(allKeys))}>
            {t('app.editor.timeline.collapseAll')}
          </button>
        </div>
      </div>
      <p className="lead">
        {t('app.editor.timeline.intro', { period: model.period, count: plan.activities.length })}{' '}
        {model.scale === 'month'
          ? t('app.editor.timeline.scaleMonths')
          : model.scale === 'quarter'
            ? t('app.editor.timeline.scaleQuarters')
            : t('app.editor.timeline.scaleYears')}
      </p>
      <p className="timeline-legend">
        {model.todayLeft !== null ? (
          <>
            <span className="timeline-legend-today" aria-hidden="true" /> {t('app.editor.timeline.todayLine', { date: model.todayText })}
          </>
        ) : (
          t('app.editor.timeline.todayOutside', { date: model.todayText })
        )}
      </p>
      {model.undated.length > 0 ? <p className="notice">{t('app.editor.timeline.undatedCount', { count: model.undated.length })}</p> : null}
      {plan.activities.length === 0 ? (
        <p className="empty">{t('app.editor.timeline.none')}</p>
      ) : (
        <div className="table-wrap timeline-wrap" tabIndex={0} role="region" aria-labelledby={`${headingId}-caption`}>
          <table className="timeline" style={{ '--timeline-ticks': tickCount } as CSSProperties}>
            <caption id={`${headingId}-caption`}>{t('app.editor.timeline.caption', { plan: plan.title })}</caption>
            <colgroup>
              <col className="timeline-col-label" />
              <col className="timeline-col-dates" />
              <col className="timeline-col-track" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{t('app.editor.timeline.activity')}</th>
                <th scope="col">{t('app.editor.timeline.dates')}</th>
                <th scope="col" className="timeline-axis-cell">
                  <span className="visually-hidden">{t('app.editor.timeline.bars')}</span>
                  <span className="timeline-axis" aria-hidden="true">
                    {model.ticks.map((tick) => (
                      <span key={tick.key} className="timeline-tick" style={{ left: `${tick.left}%`, width: `${tick.width}%` }}>
                        {tick.label}
                      </span>
                    ))}
                    {model.todayLeft !== null ? (
                      <span className="timeline-today-label" style={{ left: `${model.todayLeft}%` }}>
                        {t('app.editor.timeline.today')}
                      </span>
                    ) : null}
                  </span>
                </th>
              </tr>
            </thead>
            {model.goals.map((goal) => {
              const goalKey = `g:${goal.id}`;
              const goalOpen = !collapsed.has(goalKey);
              const goalBody = `timeline-goal-${goal.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
              return (
                <tbody key={goal.id} id={goalBody} className="timeline-goal-group">
                  <tr className="timeline-goal">
                    <th scope="rowgroup" colSpan={2}>
                      <Toggle
                        expanded={goalOpen}
                        controls={goalBody}
                        label={t('app.editor.timeline.goal', { code: goal.id, title: goal.title, area: goal.area, count: goal.count })}
                        onToggle={() => toggle(goalKey)}
                      />
                    </th>
                    {groupBar(goal.span)}
                  </tr>
                  {goalOpen
                    ? goal.objectives.map((objective) => {
                        const objectiveKey = `o:${objective.id}`;
                        const objectiveOpen = !collapsed.has(objectiveKey);
                        return [
                          <tr key={objective.id} className="timeline-objective">
                            <th scope="rowgroup" colSpan={2}>
                              <Toggle
                                expanded={objectiveOpen}
                                label={t('app.editor.timeline.objective', {
                                  code: objective.id,
                                  title: objective.title,
                                  count: objective.rows.length,
                                })}
                                onToggle={() => toggle(objectiveKey)}
                              />
                            </th>
                            {groupBar(objective.span)}
                          </tr>,
                          ...(objectiveOpen
                            ? objective.rows.map((row) => (
                                <TimelineRow key={row.activity.id} row={row} todayLeft={model.todayLeft} noDates={noDates} />
                              ))
                            : []),
                        ];
                      })
                    : null}
                </tbody>
              );
            })}
            {model.strays.length > 0 ? (
              <tbody>
                <tr className="timeline-goal">
                  <th scope="rowgroup" colSpan={3}>
                    {t('app.editor.timeline.otherActivities')}
                  </th>
                </tr>
                {model.strays.map((row) => (
                  <TimelineRow key={row.activity.id} row={row} todayLeft={model.todayLeft} noDates={noDates} />
                ))}
              </tbody>
            ) : null}
          </table>
        </div>
      )}
      {model.undated.length > 0 ? (
        <>
          <h3 id={`${headingId}-undated`}>{t('app.editor.timeline.undatedTitle')}</h3>
          <ul aria-labelledby={`${headingId}-undated`}>
            {model.undated.map((activity) => (
              <li key={activity.id}>
                <code>{activity.id}</code> {activity.title}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
