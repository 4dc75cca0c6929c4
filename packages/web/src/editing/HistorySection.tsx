import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  DOCUMENT_STATUSES,
  EVALUATION_TYPES,
  FUNDING_SOURCES,
  LEVELS,
  SCENARIO_TYPES,
  formatDate,
  formatDateTime,
  formatNumber,
  type Language,
} from '@ariadne/domain';
import { asApiError, type ApiError } from '../api.ts';
import { Badge } from '../components/Badge.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { i18n, useLanguage } from '../i18n.ts';
import {
  areaLabel,
  disaggregationLabel,
  documentStatusLabel,
  fundingSourceLabel,
  fundingStatusLabel,
  indicatorLevelLabel,
  levelLabel,
  measureLabel,
  recommendationSourceLabel,
  recommendationStrengthLabel,
  tagLabel,
} from '../labels.ts';
import { evaluationTypeLabel, frequencyLabel, principleLabel, riskCategoryLabel, scenarioTypeLabel } from '../pages/strategy/vocabulary.ts';
import { editingApi, type DocumentRef, type ElementKind, type PlanChange, type PlanVersion } from './api.ts';
import '../strategy.css';

type Props = { participant: string; strategyId: string; document: DocumentRef };

type Changes = { from: number | null; to: number; changes: PlanChange[] };

type Loaded<T> = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; data: T };

const KIND_ORDER: readonly ElementKind[] = [
  'strategy',
  'action_plan',
  'goal',
  'objective',
  'activity',
  'indicator',
  'risk',
  'recommendation',
];
const CHANGE_ORDER: readonly PlanChange['change'][] = ['added', 'removed', 'changed', 'moved'];

const KIND_KEYS = {
  strategy: 'app.editor.kinds.strategy',
  action_plan: 'app.editor.kinds.action_plan',
  goal: 'app.editor.kinds.goal',
  objective: 'app.editor.kinds.objective',
  activity: 'app.editor.kinds.activity',
  indicator: 'app.editor.kinds.indicator',
  risk: 'app.editor.kinds.risk',
  recommendation: 'app.editor.kinds.recommendation',
} as const satisfies Record<ElementKind, string>;

const FIELD_KEYS: Readonly<Record<string, string>> = {
  id: 'app.editor.history.field.id',
  title: 'app.editor.history.field.title',
  periodStart: 'app.editor.history.field.periodStart',
  periodEnd: 'app.editor.history.field.periodEnd',
  status: 'app.editor.history.field.status',
  adoptedBy: 'app.editor.history.field.adoptedBy',
  adoptedOn: 'app.editor.history.field.adoptedOn',
  situationAnalysis: 'app.editor.history.field.situationAnalysis',
  principles: 'app.editor.history.field.principles',
  monitoring: 'app.editor.history.field.monitoring',
  estimatedTotalCost: 'app.editor.history.field.estimatedTotalCost',
  contingency: 'app.editor.history.field.contingency',
  area: 'app.editor.history.field.area',
  label: 'app.editor.history.field.label',
  objective: 'app.editor.history.field.objective',
  lead: 'app.editor.history.field.lead',
  partners: 'app.editor.history.field.partners',
  start: 'app.editor.history.field.start',
  end: 'app.editor.history.field.end',
  level: 'app.editor.history.field.level',
  tags: 'app.editor.history.field.tags',
  costs: 'app.editor.history.field.costs',
  recommendations: 'app.editor.history.field.recommendations',
  name: 'app.editor.history.field.name',
  measure: 'app.editor.history.field.measure',
  unit: 'app.editor.history.field.unit',
  scale: 'app.editor.history.field.scale',
  baseline: 'app.editor.history.field.baseline',
  target: 'app.editor.history.field.target',
  milestones: 'app.editor.history.field.milestones',
  meansOfVerification: 'app.editor.history.field.meansOfVerification',
  disaggregation: 'app.editor.history.field.disaggregation',
  description: 'app.editor.history.field.description',
  category: 'app.editor.history.field.category',
  likelihood: 'app.editor.history.field.likelihood',
  impact: 'app.editor.history.field.impact',
  mitigation: 'app.editor.history.field.mitigation',
  owner: 'app.editor.history.field.owner',
  source: 'app.editor.history.field.source',
  reference: 'app.editor.history.field.reference',
  year: 'app.editor.history.field.year',
  text: 'app.editor.history.field.text',
  strength: 'app.editor.history.field.strength',
  parent: 'app.editor.history.field.parent',
  position: 'app.editor.history.field.position',
  amount: 'app.editor.history.field.amount',
  funder: 'app.editor.history.field.funder',
  value: 'app.editor.history.field.value',
  body: 'app.editor.history.field.body',
  reportingFrequency: 'app.editor.history.field.reportingFrequency',
  reportsTo: 'app.editor.history.field.reportsTo',
  evaluations: 'app.editor.history.field.evaluations',
  type: 'app.editor.history.field.type',
  scenarios: 'app.editor.history.field.scenarios',
  minimumServices: 'app.editor.history.field.minimumServices',
  reserveFunds: 'app.editor.history.field.reserveFunds',
};

/** The translated name of an element kind. */
function kindLabel(kind: string): string {
  return Object.hasOwn(KIND_KEYS, kind) ? i18n.t(KIND_KEYS[kind as ElementKind]) : kind;
}

/** The translated name of a field: `costs[1].amount` reads as "Costs [1].amount" with the known part translated. */
export function fieldLabel(field: string): string {
  const match = /^([A-Za-z]+)(.*)$/.exec(field);
  if (!match) return field;
  const [, head = '', rest = ''] = match;
  const key = Object.hasOwn(FIELD_KEYS, head) ? FIELD_KEYS[head] : undefined;
  return key === undefined ? field : `${i18n.t(key)}${rest === '' ? '' : ` ${rest}`}`;
}

const LONG_TEXT = 300;

/** A recorded value in words: translated where it is one of the plan's closed lists, lists joined, long text shortened. */
export function describeValue(field: string, value: unknown, language: Language): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    return i18n.t('app.audit.empty');
  }
  const head = /^[A-Za-z]+/.exec(field)?.[0] ?? field;
  if (typeof value === 'string') {
    const known = (list: readonly string[]) => list.includes(value);
    switch (head) {
      case 'area':
        return areaLabel(value);
      case 'status':
        return known(DOCUMENT_STATUSES) ? documentStatusLabel(value) : fundingStatusLabel(value);
      case 'level':
        return known(LEVELS) ? levelLabel(value) : indicatorLevelLabel(value);
      case 'category':
        return riskCategoryLabel(value);
      case 'strength':
        return recommendationStrengthLabel(value);
      case 'source':
        return known(FUNDING_SOURCES) ? fundingSourceLabel(value) : recommendationSourceLabel(value);
      case 'measure':
        return measureLabel(value);
      case 'tags':
        return tagLabel(value);
      case 'disaggregation':
        return disaggregationLabel(value);
      case 'principles':
        return principleLabel(value);
      case 'reportingFrequency':
        return frequencyLabel(value);
      case 'type':
        return known(SCENARIO_TYPES) ? scenarioTypeLabel(value) : known(EVALUATION_TYPES) ? evaluationTypeLabel(value) : value;
      case 'adoptedOn':
      case 'start':
      case 'end':
        return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value, language) : value;
      default:
        return value.length > LONG_TEXT ? `${value.slice(0, LONG_TEXT)}…` : value;
    }
  }
  if (typeof value === 'number') return head === 'year' || /year/i.test(field) ? String(value) : formatNumber(value, language);
  if (typeof value === 'boolean') return value ? i18n.t('app.common.yes') : i18n.t('app.common.no');
  if (Array.isArray(value)) {
    const separator = value.every((item) => typeof item !== 'object' || item === null) ? ', ' : '; ';
    return value.map((item) => describeValue(`${field}[]`, item, language)).join(separator);
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => `${fieldLabel(key)}: ${describeValue(key, inner, language)}`)
      .join(', ');
  }
  return String(value);
}

function sortChanges(changes: readonly PlanChange[]): PlanChange[] {
  const rank = (kind: string) => {
    const index = KIND_ORDER.indexOf(kind as ElementKind);
    return index < 0 ? KIND_ORDER.length : index;
  };
  return [...changes].sort((a, b) => rank(a.kind) - rank(b.kind) || a.code.localeCompare(b.code, 'en', { numeric: true }));
}

function ChangeHeading({ change }: { change: PlanChange['change'] }) {
  const { t } = useLanguage();
  switch (change) {
    case 'added':
      return <>{t('app.editor.history.change.added')}</>;
    case 'removed':
      return <>{t('app.editor.history.change.removed')}</>;
    case 'changed':
      return <>{t('app.editor.history.change.changed')}</>;
    case 'moved':
      return <>{t('app.editor.history.change.moved')}</>;
  }
}

/**
 * The changes between two versions as a readable list: what was added, removed, changed (each
 * field with its value before and after) and moved, element by element.
 */
export function ChangeList({ id, changes }: { id: string; changes: readonly PlanChange[] }) {
  const { t, language } = useLanguage();
  const sorted = useMemo(() => sortChanges(changes), [changes]);
  if (changes.length === 0) return <p className="empty">{t('app.editor.history.noChanges')}</p>;
  return (
    <div className="change-list">
      {CHANGE_ORDER.map((change) => {
        const items = sorted.filter((item) => item.change === change);
        if (items.length === 0) return null;
        return (
          <section key={change} aria-labelledby={`${id}-${change}`} className={`change-group change-${change}`}>
            <h4 id={`${id}-${change}`}>
              <ChangeHeading change={change} /> <span className="muted">({items.length})</span>
            </h4>
            <ul className="plain-list">
              {items.map((item) => (
                <li key={`${item.kind}:${item.code}`} className="change-item">
                  <p className="change-element">
                    <span className="muted">{kindLabel(item.kind)}</span> <code>{item.code}</code>
                    {item.title !== '' && item.title !== item.code ? <> – {item.title}</> : null}
                  </p>
                  {(item.change === 'changed' || item.change === 'moved') && item.fields.length > 0 ? (
                    <dl className="change-fields">
                      {item.fields.map((field) => (
                        <div key={field.field}>
                          <dt>{fieldLabel(field.field)}</dt>
                          <dd>
                            <del>
                              <span className="visually-hidden">{t('app.audit.before')}: </span>
                              {describeValue(field.field, field.before, language)}
                            </del>
                            <span aria-hidden="true"> → </span>
                            <ins>
                              <span className="visually-hidden">{t('app.audit.after')}: </span>
                              {describeValue(field.field, field.after, language)}
                            </ins>
                          </dd>
                        </div>
                      ))}
                    </dl>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

function VersionChanges({ id, loaded, onRetry }: { id: string; loaded: Loaded<Changes> | undefined; onRetry: () => void }) {
  const { t } = useLanguage();
  if (loaded === undefined || loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'error') return <ErrorMessage message={loaded.error.message} onRetry={onRetry} />;
  const { from, to, changes } = loaded.data;
  if (from === null) return <p>{t('app.editor.history.firstVersion')}</p>;
  return (
    <>
      <p className="muted">{t('app.editor.history.comparing', { from, to })}</p>
      <ChangeList id={id} changes={changes} />
    </>
  );
}

/**
 * The versions of a strategy or action plan, one per adoption or adopted amendment, with who
 * recorded it, and for each what changed from the version before; while an amendment is open, the
 * changes it holds so far.
 */
export function HistorySection({ participant, strategyId, document }: Props) {
  const { t, language } = useLanguage();
  const calls = useMemo(() => editingApi(participant, strategyId), [participant, strategyId]);
  const [versions, setVersions] = useState<Loaded<PlanVersion[]>>({ status: 'loading' });
  const [current, setCurrent] = useState<Loaded<Changes> | { status: 'none' }>({ status: 'loading' });
  const [changes, setChanges] = useState<Map<number, Loaded<Changes>>>(new Map());
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [attempt, setAttempt] = useState(0);
  const idBase = `history-${document.replace(/[^A-Za-z0-9_-]/g, '_')}`;

  useEffect(() => {
    const controller = new AbortController();
    calls
      .history(document, controller.signal)
      .then((answer) => {
        if (!controller.signal.aborted) setVersions({ status: 'ready', data: [...answer.versions].sort((a, b) => b.number - a.number) });
      })
      .catch((caught: unknown) => {
        if (!controller.signal.aborted) setVersions({ status: 'error', error: asApiError(caught) });
      });
    calls
      .changes(document, 'current', controller.signal)
      .then((answer) => {
        if (!controller.signal.aborted) setCurrent({ status: 'ready', data: answer });
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        const error = asApiError(caught);
        // No amendment is open: there is nothing "current" to compare.
        setCurrent(error.status === 404 || error.status === 409 ? { status: 'none' } : { status: 'error', error });
      });
    return () => controller.abort();
    // The language is read so that the server's messages come again in the new one.
  }, [calls, document, attempt, language]);

  const loadChanges = useCallback(
    (number: number) => {
      setChanges((previous) => new Map(previous).set(number, { status: 'loading' }));
      calls
        .changes(document, number)
        .then((answer) => setChanges((previous) => new Map(previous).set(number, { status: 'ready', data: answer })))
        .catch((caught: unknown) =>
          setChanges((previous) => new Map(previous).set(number, { status: 'error', error: asApiError(caught) })),
        );
    },
    [calls, document],
  );

  const toggle = (number: number) => {
    const next = new Set(open);
    if (next.has(number)) next.delete(number);
    else {
      next.add(number);
      const loaded = changes.get(number);
      if (loaded === undefined || loaded.status === 'error') loadChanges(number);
    }
    setOpen(next);
  };

  return (
    <section id={`${idBase}`} className="plan-section history" aria-labelledby={`${idBase}-heading`}>
      <div className="section-head">
        <h2 id={`${idBase}-heading`}>{t('app.editor.history.title')}</h2>
      </div>
      <p className="lead">{t('app.editor.history.intro')}</p>

      {current.status === 'ready' ? (
        <section className="history-current" aria-labelledby={`${idBase}-current`}>
          <h3 id={`${idBase}-current`}>{t('app.editor.history.current')}</h3>
          <p className="muted">{t('app.editor.history.currentIntro')}</p>
          <ChangeList id={`${idBase}-current-list`} changes={current.data.changes} />
        </section>
      ) : null}
      {current.status === 'error' ? <ErrorMessage message={current.error.message} onRetry={() => setAttempt((n) => n + 1)} /> : null}

      {versions.status === 'loading' ? <Loading /> : null}
      {versions.status === 'error' ? <ErrorMessage message={versions.error.message} onRetry={() => setAttempt((n) => n + 1)} /> : null}
      {versions.status === 'ready' && versions.data.length === 0 ? <p className="empty">{t('app.editor.history.none')}</p> : null}
      {versions.status === 'ready' && versions.data.length > 0 ? (
        <ol className="versions plain-list" aria-label={t('app.editor.history.listLabel')}>
          {versions.data.map((version) => {
            const expanded = open.has(version.number);
            const panelId = `${idBase}-v${version.number}-changes`;
            return (
              <li key={version.number} className="version">
                <h3 className="version-title">
                  {t('app.editor.history.version', { number: version.number })}{' '}
                  <Badge tone={version.kind === 'adoption' ? 'success' : 'info'}>
                    {version.kind === 'adoption' ? t('app.editor.history.adoption') : t('app.editor.history.amendment')}
                  </Badge>
                </h3>
                <dl className="facts version-facts">
                  <div>
                    <dt>{t('app.editor.history.adoptedOn')}</dt>
                    <dd>
                      <time dateTime={version.adoptedOn}>{formatDate(version.adoptedOn, language)}</time>
                    </dd>
                  </div>
                  <div>
                    <dt>{t('app.editor.history.adoptedBy')}</dt>
                    <dd>{version.adoptedBy ?? <span className="muted">{t('app.common.notSet')}</span>}</dd>
                  </div>
                  {version.reason ? (
                    <div className="version-reason">
                      <dt>{t('app.editor.history.reason')}</dt>
                      <dd>{version.reason}</dd>
                    </div>
                  ) : null}
                  <div>
                    <dt>{t('app.editor.history.recordedBy')}</dt>
                    <dd>
                      {t('app.editor.history.recordedByValue', {
                        who: version.recordedBy ?? t('app.audit.system'),
                        when: formatDateTime(version.recordedAt, language),
                      })}
                    </dd>
                  </div>
                </dl>
                <button
                  type="button"
                  className="button button-small button-secondary"
                  aria-expanded={expanded}
                  aria-controls={panelId}
                  onClick={() => toggle(version.number)}
                >
                  {t('app.editor.history.whatChanged', { number: version.number })}
                </button>
                <div id={panelId} hidden={!expanded} className="version-changes">
                  {expanded ? (
                    <VersionChanges id={panelId} loaded={changes.get(version.number)} onRetry={() => loadChanges(version.number)} />
                  ) : null}
                </div>
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}
