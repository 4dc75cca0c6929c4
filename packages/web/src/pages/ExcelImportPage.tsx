import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import {
  ACTIVITY_FIELDS,
  activityFieldKey,
  activityTagKey,
  FUNDING_SOURCES,
  FUNDING_STATUSES,
  INSTITUTION_TYPES,
  LEVELS,
  columnLetter,
  type Activity,
  type ActivityField,
  type ColumnMapping,
  type Institution as PackageInstitution,
  type SheetValue,
} from '@ariadne/domain';
import { api, asApiError, participantPath, type ApiError, type Institution, type StrategyItem } from '../api.ts';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { formatAmount } from '../format.ts';
import { useLanguage } from '../i18n.ts';
import { fundingSourceLabel, fundingStatusLabel, institutionTypeLabel, levelLabel } from '../labels.ts';
import { useParticipant } from '../session.tsx';
import { useApiData } from '../useApiData.ts';
import { findActionPlan } from './ActionPlanPage.tsx';
import '../workbook.css';

/** The largest workbook the server accepts, checked before sending. */
export const MAX_WORKBOOK_BYTES = 10 * 1024 * 1024;
/** The content type the upload is sent in, whatever the browser thinks of the file. */
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Rows of the preview shown at once. */
export const PREVIEW_PAGE_SIZE = 50;

/** `POST …/excel-import/sheets`. */
export type WorkbookSheets = {
  upload: string;
  expiresInMinutes: number;
  sheets: {
    name: string;
    hidden: boolean;
    rowCount: number;
    columnCount: number;
    headerRow: number;
    header: string[];
    sample: string[][];
    mapping: ColumnMapping;
    /** The guess for each choice of header row: 0 for none, then the sample rows. */
    mappings: ColumnMapping[];
  }[];
};

type RowIssue = { field: ActivityField; column: string | null; year?: number; path: string; message: string };
type PreviewRow = {
  row: number;
  values: Partial<Record<ActivityField, SheetValue>>;
  costByYear?: Record<string, SheetValue>;
  goal?: string | null;
  activity: Activity | null;
  issues: RowIssue[];
};
/** `POST …/excel-import/preview`. */
export type ImportPreview = {
  sheet: string;
  rows: PreviewRow[];
  unknownInstitutions: { name: string; rows: number[]; suggestions: string[] }[];
  newInstitutions: PackageInstitution[];
  issues: { path: string; message: string }[];
  summary: {
    rows: number;
    skipped: number;
    ready: number;
    withErrors: number;
    indicators: number;
    costLines: number;
    totalCost: number;
    currency: string;
  };
};
/** `POST …/excel-import/commit`. */
export type ImportedActivities = { activities: string[]; indicators: number; institutions: string[] };

type Fix = { row: number; field: ActivityField; year?: number; value: string | number | null };
type Match = string | { create: PackageInstitution };

const STEPS = ['upload', 'sheet', 'mapping', 'preview', 'result'] as const;
type Step = (typeof STEPS)[number];

const STEP_LABELS = {
  upload: 'app.workbook.import.steps.upload',
  sheet: 'app.workbook.import.steps.sheet',
  mapping: 'app.workbook.import.steps.mapping',
  preview: 'app.workbook.import.steps.preview',
  result: 'app.workbook.import.steps.result',
} as const satisfies Record<Step, string>;

/** What one column of the sheet is imported as: nothing, a field, the whole period, or the cost of a year. */
type ColumnChoice = '' | ActivityField | 'period' | `year:${number}`;

/** The year a column name speaks of (`Cost 2025`, `2025`), for the per-year cost columns. */
export function yearInHeader(header: string): number | null {
  const match = /(?:^|\D)((?:19|20|21)\d{2})(?:\D|$)/.exec(header);
  return match ? Number(match[1]) : null;
}

/** The choice of each column from a mapping. */
export function choicesFrom(mapping: ColumnMapping, columns: number): ColumnChoice[] {
  const choices: ColumnChoice[] = Array.from({ length: columns }, () => '');
  for (const field of ACTIVITY_FIELDS) {
    const column = mapping[field];
    if (column !== undefined && column < columns) choices[column] = field;
  }
  if (mapping.start !== undefined && mapping.start === mapping.end && mapping.start < columns) choices[mapping.start] = 'period';
  for (const { column, year } of mapping.costByYear ?? []) if (column < columns) choices[column] = `year:${year}`;
  return choices;
}

/** The mapping from the choice of each column. */
export function mappingFrom(choices: readonly ColumnChoice[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  choices.forEach((choice, column) => {
    if (choice === '') return;
    if (choice === 'period') {
      mapping.start = column;
      mapping.end = column;
    } else if (choice.startsWith('year:')) {
      mapping.costByYear = [...(mapping.costByYear ?? []), { column, year: Number(choice.slice(5)) }];
    } else {
      mapping[choice as ActivityField] = column;
    }
  });
  return mapping;
}

function cellText(value: SheetValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

function planPath(participant: string, planId: string, rest: string): string {
  return participantPath(participant, `/action-plans/${encodeURIComponent(planId)}${rest}`);
}

/** The heading of a step, focused when the step opens so that screen readers announce it. */
function StepHeading({ id, children }: { id: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h2 id={id} ref={ref} tabIndex={-1}>
      {children}
    </h2>
  );
}

function StepList({ current }: { current: Step }) {
  const { t } = useLanguage();
  const index = STEPS.indexOf(current);
  return (
    <nav aria-label={t('app.workbook.import.steps.label')}>
      <ol className="wizard-steps">
        {STEPS.map((step, position) => (
          <li
            key={step}
            aria-current={step === current ? 'step' : undefined}
            className={position < index ? 'wizard-step-done' : step === current ? 'wizard-step-current' : undefined}
          >
            <span className="wizard-step-number">{position + 1}</span> {t(STEP_LABELS[step])}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Problems({ error }: { error: ApiError }) {
  return (
    <div role="alert" className="notice notice-error">
      <p>{error.message}</p>
      {error.issues.length > 0 ? (
        <ul className="plain-list">
          {error.issues.slice(0, 100).map((issue, index) => (
            <li key={`${index}-${issue.path}`}>
              {['file', 'sheet', 'upload', 'plan'].includes(issue.path) ? null : <code className="problem-path">{issue.path}</code>}{' '}
              {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Step 1: the file

function UploadStep({ busy, error, onUpload }: { busy: boolean; error: ApiError | null; onUpload: (file: File) => void }) {
  const { t } = useLanguage();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem =
      file === null
        ? t('app.workbook.import.chooseFile')
        : file.size > MAX_WORKBOOK_BYTES
          ? t('issues.workbook_too_large', { megabytes: MAX_WORKBOOK_BYTES / 1024 / 1024 })
          : file.size === 0
            ? t('issues.workbook_empty')
            : null;
    setFileError(problem);
    if (file === null || problem !== null) {
      input.current?.focus();
      return;
    }
    onUpload(file);
  }

  return (
    <section aria-labelledby="step-upload">
      <StepHeading id="step-upload">{t('app.workbook.import.uploadTitle')}</StepHeading>
      <p>{t('app.workbook.import.uploadIntro')}</p>
      <form noValidate onSubmit={submit} aria-busy={busy} className="narrow-form">
        <div className={fileError ? 'field field-invalid' : 'field'}>
          <label htmlFor="workbook-file">{t('app.workbook.import.file')}</label>
          <p id="workbook-file-hint" className="field-hint">
            {t('app.workbook.import.fileHint', { megabytes: MAX_WORKBOOK_BYTES / 1024 / 1024, rows: 5000 })}
          </p>
          {fileError ? (
            <p id="workbook-file-error" className="field-error" role="alert">
              {fileError}
            </p>
          ) : null}
          <input
            ref={input}
            id="workbook-file"
            name="workbook-file"
            type="file"
            accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? 'workbook-file-hint workbook-file-error' : 'workbook-file-hint'}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setFileError(null);
            }}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('app.workbook.import.uploading') : t('app.workbook.import.upload')}
        </button>
      </form>
      {error ? <Problems error={error} /> : null}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Step 2: the sheet and its header row

function SheetStep({
  sheets,
  sheet,
  headerRow,
  onChange,
  onBack,
  onNext,
}: {
  sheets: WorkbookSheets['sheets'];
  sheet: string;
  headerRow: number;
  onChange: (sheet: string, headerRow: number) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t } = useLanguage();
  const chosen = sheets.find((candidate) => candidate.name === sheet) ?? sheets[0];
  const width = Math.max(0, ...(chosen?.sample.map((row) => row.length) ?? [0]));
  return (
    <section aria-labelledby="step-sheet">
      <StepHeading id="step-sheet">{t('app.workbook.import.sheetTitle')}</StepHeading>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onNext();
        }}
      >
        <fieldset className="field">
          <legend>{t('app.workbook.import.sheet')}</legend>
          {sheets.map((candidate, index) => (
            <div className="checkbox" key={candidate.name}>
              <input
                type="radio"
                id={`sheet-${index}`}
                name="sheet"
                value={candidate.name}
                checked={candidate.name === chosen?.name}
                onChange={() => onChange(candidate.name, candidate.headerRow)}
              />
              <label htmlFor={`sheet-${index}`}>
                {t('app.workbook.import.sheetOption', { name: candidate.name, rows: candidate.rowCount })}
                {candidate.hidden ? <span className="muted"> {t('app.workbook.import.hiddenSheet')}</span> : null}
              </label>
            </div>
          ))}
        </fieldset>
        {chosen && chosen.sample.length > 0 ? (
          <>
            <div className="field">
              <label htmlFor="header-row">{t('app.workbook.import.headerRow')}</label>
              <p id="header-row-hint" className="field-hint">
                {t('app.workbook.import.headerRowHint')}
              </p>
              <select
                id="header-row"
                aria-describedby="header-row-hint"
                value={headerRow}
                onChange={(event) => onChange(chosen.name, Number(event.target.value))}
              >
                <option value={0}>{t('app.workbook.import.noHeaderRow')}</option>
                {chosen.sample.map((row, index) => (
                  <option key={index} value={index + 1}>
                    {t('app.workbook.import.rowOption', {
                      row: index + 1,
                      text: row
                        .filter((cell) => cell !== '')
                        .slice(0, 3)
                        .join(' · '),
                    })}
                  </option>
                ))}
              </select>
            </div>
            <div className="table-wrap" role="region" aria-labelledby="first-rows-caption" tabIndex={0}>
              <table className="sheet-sample">
                <caption id="first-rows-caption">{t('app.workbook.import.firstRows', { sheet: chosen.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('app.workbook.import.rowNumber')}</th>
                    {Array.from({ length: width }, (_, column) => (
                      <th scope="col" key={column}>
                        {columnLetter(column)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {chosen.sample.map((row, index) => (
                    <tr key={index} className={index + 1 === headerRow ? 'sheet-header-row' : undefined}>
                      <th scope="row">
                        {index + 1}
                        {index + 1 === headerRow ? <span className="visually-hidden"> {t('app.workbook.import.isHeaderRow')}</span> : null}
                      </th>
                      {Array.from({ length: width }, (_, column) => (
                        <td key={column}>{row[column] ?? ''}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p className="empty">{t('app.workbook.import.emptySheet')}</p>
        )}
        <div className="button-row">
          <button type="button" className="button button-secondary" onClick={onBack}>
            {t('app.workbook.import.back')}
          </button>
          <button type="submit" className="button" disabled={!chosen || chosen.rowCount <= headerRow}>
            {t('app.workbook.import.next')}
          </button>
        </div>
      </form>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Step 3: the columns

function MappingStep({
  header,
  examples,
  choices,
  onChange,
  onBack,
  onNext,
  busy,
}: {
  header: string[];
  examples: string[];
  choices: ColumnChoice[];
  onChange: (choices: ColumnChoice[]) => void;
  onBack: () => void;
  onNext: () => void;
  busy: boolean;
}) {
  const { t } = useLanguage();
  const [problems, setProblems] = useState<string[]>([]);

  function check(): string[] {
    const found: string[] = [];
    const chosen = choices.filter((choice) => choice !== '');
    if (!chosen.includes('title')) found.push(t('app.workbook.import.mappingNeedsTitle'));
    for (const field of ACTIVITY_FIELDS) {
      const count = chosen.filter((choice) => choice === field || (choice === 'period' && (field === 'start' || field === 'end'))).length;
      if (count > 1) found.push(t('app.workbook.import.mappingTwice', { field: t(activityFieldKey(field)) }));
    }
    if (chosen.includes('cost') && chosen.some((choice) => choice.startsWith('year:'))) found.push(t('issues.mapping_cost_twice'));
    return found;
  }

  return (
    <section aria-labelledby="step-mapping">
      <StepHeading id="step-mapping">{t('app.workbook.import.mappingTitle')}</StepHeading>
      <p>{t('app.workbook.import.mappingIntro')}</p>
      <form
        noValidate
        aria-busy={busy}
        onSubmit={(event) => {
          event.preventDefault();
          const found = check();
          setProblems(found);
          if (found.length === 0) onNext();
        }}
      >
        {problems.length > 0 ? (
          <div role="alert" className="notice notice-error">
            <ul className="plain-list">
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="table-wrap">
          <table className="column-mapping">
            <caption className="visually-hidden">{t('app.workbook.import.mappingCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('app.workbook.import.column')}</th>
                <th scope="col">{t('app.workbook.import.columnName')}</th>
                <th scope="col">{t('app.workbook.import.example')}</th>
                <th scope="col">{t('app.workbook.import.importAs')}</th>
              </tr>
            </thead>
            <tbody>
              {choices.map((choice, column) => {
                const name = header[column] ?? '';
                const year = yearInHeader(name);
                const id = `column-${column}`;
                return (
                  <tr key={column}>
                    <th scope="row">{columnLetter(column)}</th>
                    <td>{name}</td>
                    <td className="column-example">{examples[column] ?? ''}</td>
                    <td>
                      <label htmlFor={id} className="visually-hidden">
                        {t('app.workbook.import.importAsLabel', { column: columnLetter(column), name })}
                      </label>
                      <select
                        id={id}
                        value={choice}
                        onChange={(event) => {
                          const next = [...choices];
                          next[column] = event.target.value as ColumnChoice;
                          onChange(next);
                        }}
                      >
                        <option value="">{t('app.workbook.import.notImported')}</option>
                        {ACTIVITY_FIELDS.map((field) => (
                          <option key={field} value={field}>
                            {t(activityFieldKey(field))}
                          </option>
                        ))}
                        <option value="period">{t('app.workbook.import.period')}</option>
                        {year !== null ? (
                          <option value={`year:${year}`}>{t('app.workbook.fields.costOfYear', { year: String(year) })}</option>
                        ) : null}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="button-row">
          <button type="button" className="button button-secondary" onClick={onBack}>
            {t('app.workbook.import.back')}
          </button>
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('app.workbook.import.checking') : t('app.workbook.import.check')}
          </button>
        </div>
      </form>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Step 4: the preview, its corrections and the institutions to match

type Column = { field: ActivityField; year?: number; header: string };

/** An editor of one cell, opened from the preview to correct it. */
function CellFixer({
  field,
  row,
  label,
  initial,
  onApply,
  onCancel,
}: {
  field: ActivityField;
  row: number;
  label: string;
  initial: string;
  onApply: (value: string) => void;
  onCancel: () => void;
}) {
  const { t } = useLanguage();
  const [value, setValue] = useState(initial);
  const id = useId();
  const control = useRef<HTMLInputElement & HTMLSelectElement>(null);
  useEffect(() => {
    control.current?.focus();
  }, []);
  const options: { value: string; label: string }[] | null =
    field === 'source'
      ? FUNDING_SOURCES.map((source) => ({ value: source, label: fundingSourceLabel(source) }))
      : field === 'fundingStatus'
        ? FUNDING_STATUSES.map((status) => ({ value: status, label: fundingStatusLabel(status) }))
        : field === 'level'
          ? LEVELS.map((level) => ({ value: level, label: levelLabel(level) }))
          : null;
  return (
    <form
      className="cell-fixer"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onApply(value);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {t('app.workbook.import.fixLabel', { field: label, row })}
      </label>
      {options ? (
        <select id={id} ref={control} value={value} onChange={(event) => setValue(event.target.value)}>
          <option value="">{t('app.workbook.import.emptyValue')}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <input id={id} ref={control} type="text" value={value} onChange={(event) => setValue(event.target.value)} />
      )}
      <div className="button-row">
        <button type="submit" className="button button-small">
          {t('app.workbook.import.apply')}
        </button>
        <button type="button" className="button button-secondary button-small" onClick={onCancel}>
          {t('app.common.cancel')}
        </button>
      </div>
    </form>
  );
}

function PreviewTable({
  preview,
  columns,
  currency,
  onFix,
  onSkip,
  busy,
}: {
  preview: ImportPreview;
  columns: Column[];
  currency: string;
  onFix: (fix: Fix) => void;
  onSkip: (row: number) => void;
  busy: boolean;
}) {
  const { t, language } = useLanguage();
  const [onlyProblems, setOnlyProblems] = useState(preview.summary.withErrors > 0);
  const [page, setPage] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  const shown = onlyProblems ? preview.rows.filter((row) => row.issues.length > 0) : preview.rows;
  const pages = Math.max(1, Math.ceil(shown.length / PREVIEW_PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const rows = shown.slice(current * PREVIEW_PAGE_SIZE, (current + 1) * PREVIEW_PAGE_SIZE);
  const captionId = useId();

  return (
    <>
      <div className="checkbox">
        <input
          id="only-problems"
          type="checkbox"
          checked={onlyProblems}
          onChange={(event) => {
            setOnlyProblems(event.target.checked);
            setPage(0);
          }}
        />
        <label htmlFor="only-problems">{t('app.workbook.import.onlyProblems')}</label>
      </div>
      <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="import-preview">
          <caption id={captionId}>{t('app.workbook.import.previewCaption', { sheet: preview.sheet })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('app.workbook.import.rowNumber')}</th>
              <th scope="col">{t('app.workbook.fields.goal')}</th>
              {columns.map((column) => (
                <th scope="col" key={`${column.field}-${column.year ?? ''}`}>
                  {column.header}
                </th>
              ))}
              <th scope="col">{t('app.workbook.fields.total')}</th>
              <th scope="col">{t('app.workbook.import.rowStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length + 4}>{t('app.workbook.import.noRows')}</td>
              </tr>
            ) : null}
            {rows.map((row) => {
              const total = row.activity?.costs?.reduce((sum, line) => sum + Math.round(line.amount * 100), 0);
              return (
                <tr key={row.row} className={row.issues.length > 0 ? 'row-invalid' : undefined}>
                  <th scope="row">{row.row}</th>
                  <td>{row.goal ?? ''}</td>
                  {columns.map((column) => {
                    const key = `${row.row}-${column.field}-${column.year ?? ''}`;
                    const issues = row.issues.filter((issue) => issue.field === column.field && issue.year === column.year);
                    const raw =
                      column.year !== undefined ? cellText(row.costByYear?.[String(column.year)]) : cellText(row.values[column.field]);
                    const label = column.header;
                    // The code a row gets (made when the sheet gives none), and the tags in the reader's words.
                    const text =
                      column.field === 'code' && row.activity
                        ? row.activity.id
                        : column.field === 'tags' && row.activity?.tags
                          ? row.activity.tags.map((tag) => t(activityTagKey(tag))).join(', ')
                          : raw;
                    return (
                      <td key={key} className={issues.length > 0 ? 'cell-invalid' : undefined}>
                        {editing === key ? (
                          <CellFixer
                            field={column.field}
                            row={row.row}
                            label={label}
                            initial={raw}
                            onCancel={() => {
                              setEditing(null);
                              // Back to the button that opened the correction.
                              window.setTimeout(() => document.querySelector<HTMLElement>(`[data-fix="${key}"]`)?.focus(), 0);
                            }}
                            onApply={(value) => {
                              setEditing(null);
                              onFix({
                                row: row.row,
                                field: column.field,
                                ...(column.year !== undefined ? { year: column.year } : {}),
                                value: value === '' ? null : value,
                              });
                            }}
                          />
                        ) : (
                          <>
                            <span className="cell-value">{text}</span>
                            {issues.map((issue) => (
                              <span key={issue.message} className="cell-error">
                                {issue.message}
                              </span>
                            ))}
                            {issues.length > 0 ? (
                              <button
                                type="button"
                                className="link-button"
                                data-fix={key}
                                disabled={busy}
                                aria-label={t('app.workbook.import.fixLabel', { field: label, row: row.row })}
                                onClick={() => setEditing(key)}
                              >
                                {t('app.workbook.import.fix')}
                              </button>
                            ) : null}
                          </>
                        )}
                      </td>
                    );
                  })}
                  <td className="num">{total === undefined ? '' : formatAmount(total / 100, currency, language)}</td>
                  <td>
                    {row.issues.length === 0 ? (
                      <span className="row-ready">{t('app.workbook.import.ready')}</span>
                    ) : (
                      <>
                        <span className="row-problems">{t('app.workbook.import.rowProblems', { count: row.issues.length })}</span>
                        {row.issues
                          .filter((issue) => !columns.some((column) => column.field === issue.field && column.year === issue.year))
                          .map((issue) => (
                            <span key={issue.message} className="cell-error">
                              {issue.message}
                            </span>
                          ))}
                        <button
                          type="button"
                          className="link-button"
                          disabled={busy}
                          aria-label={t('app.workbook.import.skipLabel', { row: row.row })}
                          onClick={() => onSkip(row.row)}
                        >
                          {t('app.workbook.import.skip')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav className="button-row" aria-label={t('app.workbook.import.pages')}>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={current === 0}
            onClick={() => setPage(current - 1)}
          >
            {t('app.workbook.import.previousPage')}
          </button>
          <span aria-live="polite">{t('app.workbook.import.page', { page: current + 1, pages })}</span>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
          >
            {t('app.workbook.import.nextPage')}
          </button>
        </nav>
      ) : null}
    </>
  );
}

type MatchDraft = { kind: '' | 'existing' | 'create'; code: string; create: PackageInstitution };

function newInstitutionFrom(name: string): PackageInstitution {
  const code = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 2)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('')
    .slice(0, 12);
  return { id: code || 'NEW', name, type: 'other', level: 'national' };
}

function InstitutionMatcher({
  unknown,
  register,
  matches,
  onApply,
  busy,
}: {
  unknown: ImportPreview['unknownInstitutions'];
  register: Institution[];
  matches: Record<string, Match>;
  onApply: (matches: Record<string, Match>) => void;
  busy: boolean;
}) {
  const { t } = useLanguage();
  const [drafts, setDrafts] = useState<Record<string, MatchDraft>>(() =>
    Object.fromEntries(
      unknown.map((entry) => {
        const existing = matches[entry.name];
        const draft: MatchDraft =
          typeof existing === 'string'
            ? { kind: 'existing', code: existing, create: newInstitutionFrom(entry.name) }
            : existing
              ? { kind: 'create', code: entry.suggestions[0] ?? '', create: existing.create }
              : { kind: '', code: entry.suggestions[0] ?? '', create: newInstitutionFrom(entry.name) };
        return [entry.name, draft];
      }),
    ),
  );
  const change = (name: string, update: Partial<MatchDraft>) =>
    setDrafts((all) => {
      const before = all[name];
      return before ? { ...all, [name]: { ...before, ...update } } : all;
    });
  const changeCreate = (name: string, update: Partial<PackageInstitution>) =>
    setDrafts((all) => {
      const before = all[name];
      return before ? { ...all, [name]: { ...before, create: { ...before.create, ...update } } } : all;
    });

  return (
    <section className="panel" aria-labelledby="unknown-institutions">
      <h3 id="unknown-institutions">{t('app.workbook.import.unknownTitle', { count: unknown.length })}</h3>
      <p>{t('app.workbook.import.unknownIntro')}</p>
      <form
        noValidate
        aria-busy={busy}
        onSubmit={(event) => {
          event.preventDefault();
          const next: Record<string, Match> = { ...matches };
          for (const [name, draft] of Object.entries(drafts)) {
            if (draft.kind === 'existing' && draft.code !== '') next[name] = draft.code;
            else if (draft.kind === 'create') next[name] = { create: draft.create };
            else delete next[name];
          }
          onApply(next);
        }}
      >
        {unknown.map((entry, index) => {
          const draft = drafts[entry.name];
          if (!draft) return null;
          const base = `unknown-${index}`;
          return (
            <fieldset key={entry.name} className="institution-match">
              <legend>
                {entry.name}{' '}
                <span className="muted">
                  {t('app.workbook.import.unknownRows', { rows: entry.rows.join(', '), count: entry.rows.length })}
                </span>
              </legend>
              <div className="checkbox">
                <input
                  type="radio"
                  id={`${base}-none`}
                  name={base}
                  checked={draft.kind === ''}
                  onChange={() => change(entry.name, { kind: '' })}
                />
                <label htmlFor={`${base}-none`}>{t('app.workbook.import.matchLater')}</label>
              </div>
              <div className="checkbox">
                <input
                  type="radio"
                  id={`${base}-existing`}
                  name={base}
                  checked={draft.kind === 'existing'}
                  onChange={() => change(entry.name, { kind: 'existing' })}
                />
                <label htmlFor={`${base}-existing`}>{t('app.workbook.import.matchExisting')}</label>
              </div>
              {draft.kind === 'existing' ? (
                <div className="field match-detail">
                  <label htmlFor={`${base}-code`}>{t('app.workbook.import.registerInstitution')}</label>
                  <select id={`${base}-code`} value={draft.code} onChange={(event) => change(entry.name, { code: event.target.value })}>
                    <option value="">{t('app.workbook.import.chooseInstitution')}</option>
                    {entry.suggestions.length > 0 ? (
                      <optgroup label={t('app.workbook.import.suggestions')}>
                        {entry.suggestions.map((code) => (
                          <option key={code} value={code}>
                            {t('app.workbook.import.institutionOption', {
                              code,
                              name: register.find((i) => i.code === code)?.name ?? code,
                            })}
                          </option>
                        ))}
                      </optgroup>
                    ) : null}
                    <optgroup label={t('app.workbook.import.allInstitutions')}>
                      {register.map((institution) => (
                        <option key={institution.code} value={institution.code}>
                          {t('app.workbook.import.institutionOption', { code: institution.code, name: institution.name })}
                        </option>
                      ))}
                    </optgroup>
                  </select>
                </div>
              ) : null}
              <div className="checkbox">
                <input
                  type="radio"
                  id={`${base}-create`}
                  name={base}
                  checked={draft.kind === 'create'}
                  onChange={() => change(entry.name, { kind: 'create' })}
                />
                <label htmlFor={`${base}-create`}>{t('app.workbook.import.matchCreate')}</label>
              </div>
              {draft.kind === 'create' ? (
                <div className="match-detail match-create">
                  <div className="field">
                    <label htmlFor={`${base}-new-code`}>{t('app.institutions.code')}</label>
                    <input
                      id={`${base}-new-code`}
                      value={draft.create.id}
                      onChange={(event) => changeCreate(entry.name, { id: event.target.value })}
                    />
                  </div>
                  <div className="field">
                    <label htmlFor={`${base}-new-name`}>{t('app.institutions.name')}</label>
                    <input
                      id={`${base}-new-name`}
                      value={draft.create.name}
                      onChange={(event) => changeCreate(entry.name, { name: event.target.value })}
                    />
                  </div>
                  <div className="field">
                    <label htmlFor={`${base}-new-type`}>{t('app.institutions.type')}</label>
                    <select
                      id={`${base}-new-type`}
                      value={draft.create.type}
                      onChange={(event) => changeCreate(entry.name, { type: event.target.value as PackageInstitution['type'] })}
                    >
                      {INSTITUTION_TYPES.map((type) => (
                        <option key={type} value={type}>
                          {institutionTypeLabel(type)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor={`${base}-new-level`}>{t('app.institutions.level')}</label>
                    <select
                      id={`${base}-new-level`}
                      value={draft.create.level}
                      onChange={(event) => changeCreate(entry.name, { level: event.target.value as PackageInstitution['level'] })}
                    >
                      {LEVELS.map((level) => (
                        <option key={level} value={level}>
                          {levelLabel(level)}
                        </option>
                      ))}
                    </select>
                  </div>
                </div>
              ) : null}
            </fieldset>
          );
        })}
        <button type="submit" className="button" disabled={busy}>
          {t('app.workbook.import.applyMatches')}
        </button>
      </form>
    </section>
  );
}

function PreviewStep({
  preview,
  columns,
  register,
  matches,
  skipRows,
  busy,
  error,
  onFix,
  onSkip,
  onRestore,
  onMatches,
  onBack,
  onImport,
}: {
  preview: ImportPreview;
  columns: Column[];
  register: Institution[];
  matches: Record<string, Match>;
  skipRows: number[];
  busy: boolean;
  error: ApiError | null;
  onFix: (fix: Fix) => void;
  onSkip: (row: number) => void;
  onRestore: () => void;
  onMatches: (matches: Record<string, Match>) => void;
  onBack: () => void;
  onImport: () => void;
}) {
  const { t, language } = useLanguage();
  const { summary } = preview;
  const blocked = summary.withErrors > 0 || preview.issues.length > 0 || summary.ready === 0;
  return (
    <section aria-labelledby="step-preview">
      <StepHeading id="step-preview">{t('app.workbook.import.previewTitle')}</StepHeading>
      <p role="status" className="import-preview-summary">
        {t('app.workbook.import.summary', {
          rows: summary.rows,
          ready: summary.ready,
          errors: summary.withErrors,
          skipped: summary.skipped,
        })}{' '}
        {summary.ready > 0
          ? t('app.workbook.import.summaryCost', {
              total: formatAmount(summary.totalCost, summary.currency, language),
              indicators: summary.indicators,
            })
          : null}
      </p>
      {preview.issues.length > 0 ? (
        <div role="alert" className="notice notice-error">
          <ul className="plain-list">
            {preview.issues.map((issue) => (
              <li key={issue.path}>
                <code className="problem-path">{issue.path}</code> {issue.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {skipRows.length > 0 ? (
        <p>
          {t('app.workbook.import.skippedRows', { rows: skipRows.join(', '), count: skipRows.length })}{' '}
          <button type="button" className="link-button" onClick={onRestore} disabled={busy}>
            {t('app.workbook.import.restoreRows')}
          </button>
        </p>
      ) : null}
      {preview.unknownInstitutions.length > 0 ? (
        <InstitutionMatcher
          key={preview.unknownInstitutions.map((entry) => entry.name).join('\u0000')}
          unknown={preview.unknownInstitutions}
          register={register}
          matches={matches}
          onApply={onMatches}
          busy={busy}
        />
      ) : null}
      {preview.newInstitutions.length > 0 ? (
        <p>
          {t('app.workbook.import.newInstitutions', {
            list: preview.newInstitutions.map((institution) => `${institution.name} (${institution.id})`).join(', '),
          })}
        </p>
      ) : null}
      <PreviewTable preview={preview} columns={columns} currency={summary.currency} onFix={onFix} onSkip={onSkip} busy={busy} />
      {error ? <Problems error={error} /> : null}
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={onBack} disabled={busy}>
          {t('app.workbook.import.back')}
        </button>
        <button
          type="button"
          className="button"
          onClick={onImport}
          disabled={busy || blocked}
          aria-describedby={blocked ? 'import-blocked' : undefined}
        >
          {busy ? t('app.workbook.import.importing') : t('app.workbook.import.import', { count: summary.ready })}
        </button>
      </div>
      {blocked ? (
        <p id="import-blocked" className="muted">
          {summary.ready === 0 && summary.withErrors === 0 ? t('app.workbook.import.nothingToImport') : t('app.workbook.import.blocked')}
        </p>
      ) : null}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Step 5: the result

function ResultStep({
  planId,
  planTitle,
  imported,
  onAnother,
}: {
  planId: string;
  planTitle: string;
  imported: ImportedActivities;
  onAnother: () => void;
}) {
  const { t } = useLanguage();
  return (
    <section aria-labelledby="step-result">
      <StepHeading id="step-result">{t('app.workbook.import.resultTitle')}</StepHeading>
      <div className="notice notice-success" role="status">
        <p>{t('app.workbook.import.imported', { count: imported.activities.length, plan: planTitle, indicators: imported.indicators })}</p>
        <p className="code-list">
          {imported.activities.map((code) => (
            <code key={code}>{code}</code>
          ))}
        </p>
        {imported.institutions.length > 0 ? (
          <p>{t('app.workbook.import.createdInstitutions', { list: imported.institutions.join(', ') })}</p>
        ) : null}
      </div>
      <div className="button-row">
        <Link className="button" to={`/plans/${encodeURIComponent(planId)}`}>
          {t('app.workbook.import.openPlan')}
        </Link>
        <button type="button" className="button button-secondary" onClick={onAnother}>
          {t('app.workbook.import.another')}
        </button>
      </div>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------

function ExcelImport({ planId, planTitle }: { planId: string; planTitle: string }) {
  const participant = useParticipant();
  const { t } = useLanguage();
  const [step, setStep] = useState<Step>('upload');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [uploaded, setUploaded] = useState<WorkbookSheets | null>(null);
  const [sheetName, setSheetName] = useState('');
  const [headerRow, setHeaderRow] = useState(1);
  const [choices, setChoices] = useState<ColumnChoice[]>([]);
  const [fixes, setFixes] = useState<Fix[]>([]);
  const [matches, setMatches] = useState<Record<string, Match>>({});
  const [skipRows, setSkipRows] = useState<number[]>([]);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [imported, setImported] = useState<ImportedActivities | null>(null);
  const register = useApiData<{ items: Institution[] }>(participantPath(participant.code, '/institutions'));

  const sheet = uploaded?.sheets.find((candidate) => candidate.name === sheetName) ?? uploaded?.sheets[0];
  const width = Math.max(0, ...(sheet?.sample.map((row) => row.length) ?? [0]));
  const header = useMemo(() => (sheet && headerRow > 0 ? (sheet.sample[headerRow - 1] ?? []) : []), [sheet, headerRow]);
  const examples = useMemo(() => (sheet ? (sheet.sample[headerRow] ?? []) : []), [sheet, headerRow]);

  const columns: Column[] = useMemo(() => {
    const mapped: Column[] = [];
    const mapping = mappingFrom(choices);
    for (const field of ACTIVITY_FIELDS) {
      // The code is always shown: the one the sheet gives, or the one the import makes.
      if (field === 'code' || mapping[field] !== undefined || fixes.some((fix) => fix.field === field)) {
        mapped.push({ field, header: t(activityFieldKey(field)) });
      }
    }
    for (const { year } of mapping.costByYear ?? [])
      mapped.push({ field: 'cost', year, header: t('app.workbook.fields.costOfYear', { year: String(year) }) });
    return mapped;
  }, [choices, fixes, t]);

  function chooseSheet(name: string, row: number) {
    setSheetName(name);
    setHeaderRow(row);
  }

  function startMapping() {
    setChoices(choicesFrom(sheet?.mappings[headerRow] ?? {}, Math.max(width, header.length)));
    setFixes([]);
    setSkipRows([]);
    setMatches({});
    setStep('mapping');
  }

  async function upload(file: File) {
    setBusy(true);
    setError(null);
    try {
      const answer = await api.postFile<WorkbookSheets>(planPath(participant.code, planId, '/excel-import/sheets'), file, XLSX_TYPE);
      setUploaded(answer);
      const first = answer.sheets.find((candidate) => !candidate.hidden && candidate.rowCount > 0) ?? answer.sheets[0];
      if (first) chooseSheet(first.name, first.headerRow);
      setStep('sheet');
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  }

  function body(next: { fixes?: Fix[]; matches?: Record<string, Match>; skipRows?: number[] } = {}) {
    return {
      upload: uploaded?.upload ?? '',
      sheet: sheet?.name ?? '',
      headerRow,
      mapping: mappingFrom(choices),
      institutionMatches: next.matches ?? matches,
      fixes: next.fixes ?? fixes,
      skipRows: next.skipRows ?? skipRows,
    };
  }

  async function check(next: { fixes?: Fix[]; matches?: Record<string, Match>; skipRows?: number[] } = {}) {
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<ImportPreview>(planPath(participant.code, planId, '/excel-import/preview'), body(next));
      if (next.fixes) setFixes(next.fixes);
      if (next.matches) setMatches(next.matches);
      if (next.skipRows) setSkipRows(next.skipRows);
      setPreview(answer);
      setStep('preview');
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  }

  async function commit() {
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<ImportedActivities>(planPath(participant.code, planId, '/excel-import/commit'), body());
      setImported(answer);
      setStep('result');
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  }

  function restart() {
    setUploaded(null);
    setPreview(null);
    setImported(null);
    setError(null);
    setStep('upload');
  }

  return (
    <div className="excel-wizard">
      <StepList current={step} />
      {step === 'upload' ? <UploadStep busy={busy} error={error} onUpload={(file) => void upload(file)} /> : null}
      {step === 'sheet' && uploaded ? (
        <SheetStep
          sheets={uploaded.sheets}
          sheet={sheet?.name ?? ''}
          headerRow={headerRow}
          onChange={chooseSheet}
          onBack={restart}
          onNext={startMapping}
        />
      ) : null}
      {step === 'mapping' ? (
        <>
          <MappingStep
            header={header}
            examples={examples}
            choices={choices}
            onChange={setChoices}
            onBack={() => setStep('sheet')}
            onNext={() => void check()}
            busy={busy}
          />
          {error ? <Problems error={error} /> : null}
        </>
      ) : null}
      {step === 'preview' && preview ? (
        <PreviewStep
          preview={preview}
          columns={columns}
          register={register.result.status === 'ready' ? register.result.data.items : []}
          matches={matches}
          skipRows={skipRows}
          busy={busy}
          error={error}
          onFix={(fix) =>
            void check({ fixes: [...fixes.filter((f) => !(f.row === fix.row && f.field === fix.field && f.year === fix.year)), fix] })
          }
          onSkip={(row) => void check({ skipRows: [...skipRows, row] })}
          onRestore={() => void check({ skipRows: [] })}
          onMatches={(next) => void check({ matches: next })}
          onBack={() => setStep('mapping')}
          onImport={() => void commit()}
        />
      ) : null}
      {step === 'result' && imported ? <ResultStep planId={planId} planTitle={planTitle} imported={imported} onAnother={restart} /> : null}
    </div>
  );
}

/**
 * Imports activities from an Excel workbook into an action plan, step by step: the file, its sheet
 * and header row, what each column holds, a preview where cells are corrected and unknown
 * institutions matched or created, and the import, all or nothing.
 */
export function ExcelImportPage() {
  const { planId = '' } = useParams();
  const participant = useParticipant();
  const { t } = useLanguage();
  const strategies = useApiData<{ items: StrategyItem[] }>(participantPath(participant.code, '/strategies'));
  const found = strategies.result.status === 'ready' ? findActionPlan(strategies.result.data.items, planId) : null;
  const title = found ? t('app.workbook.import.titleFor', { plan: found.plan.title }) : t('app.workbook.import.title');
  return (
    <Page title={title}>
      <p className="print-hide">
        <Link to={`/plans/${encodeURIComponent(planId)}`}>{t('app.workbook.import.backToPlan')}</Link>
      </p>
      <p className="lead">{t('app.workbook.import.intro')}</p>
      {strategies.result.status === 'loading' ? <Loading /> : null}
      {strategies.result.status === 'error' ? <ErrorMessage message={strategies.result.error.message} onRetry={strategies.reload} /> : null}
      {strategies.result.status === 'ready' && found === null ? (
        <ErrorMessage message={t('app.workbook.import.planNotFound', { plan: planId })} />
      ) : null}
      {found ? <ExcelImport key={`${participant.code}\u0000${planId}`} planId={planId} planTitle={found.plan.title} /> : null}
    </Page>
  );
}
