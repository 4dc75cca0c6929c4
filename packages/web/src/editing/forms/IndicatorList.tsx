import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { INDICATOR_LEVELS, MEASURES, type IndicatorLevel, type Measure } from '@ariadne/domain';
import { asApiError, type ApiError } from '../../api.ts';
import { SelectField, TextField, focusFirstInvalid } from '../../components/Field.tsx';
import { useLanguage } from '../../i18n.ts';
import { indicatorLevelLabel, measureLabel } from '../../labels.ts';
import type { EditingApi, IndicatorSummary, StrategyOutline } from '../api.ts';
import { proposeIndicatorCode } from '../codes.ts';
import { elementIssues } from '../issues.ts';
import { ElementProblem } from './fields.tsx';

/**
 * The indicators of an objective or an activity, each a link to its editor, and (for those who may
 * change the plan) a small form that creates one and opens its editor.
 */
export function IndicatorList({
  api,
  outline,
  parent,
  indicators,
  editable,
  defaultLevel,
  hrefOf,
}: {
  api: EditingApi;
  outline: StrategyOutline;
  /** The objective or activity the indicators measure. */
  parent: string;
  indicators: readonly IndicatorSummary[];
  editable: boolean;
  defaultLevel: IndicatorLevel;
  hrefOf: (code: string) => string;
}) {
  const { t } = useLanguage();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [level, setLevel] = useState<IndicatorLevel>(defaultLevel);
  const [measure, setMeasure] = useState<Measure>('number');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const issues = elementIssues(error);

  const open = () => {
    setCode(
      proposeIndicatorCode(
        outline,
        parent,
        indicators.map((indicator) => indicator.id),
      ),
    );
    setName('');
    setError(null);
    setAdding(true);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const answer = await api.edit([{ op: 'create', kind: 'indicator', parent, data: { id: code.trim(), name, level, measure } }]);
      void navigate(hrefOf(answer.results[0]?.code ?? code.trim()));
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
      focusFirstInvalid(form.current);
    }
  };

  const prefix = `new-indicator-${parent.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <section className="panel indicator-list" aria-labelledby={`${prefix}-heading`}>
      <h2 id={`${prefix}-heading`}>{t('app.editor.indicators.title')}</h2>
      {indicators.length === 0 ? (
        <p className="empty">{t('app.editor.indicators.none')}</p>
      ) : (
        <ul className="plain-list">
          {indicators.map((indicator) => (
            <li key={indicator.id}>
              <code>{indicator.id}</code> <Link to={hrefOf(indicator.id)}>{indicator.name}</Link>{' '}
              <span className="muted">
                {t('app.editor.indicators.kind', { level: indicatorLevelLabel(indicator.level), measure: measureLabel(indicator.measure) })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {editable && !adding ? (
        <button type="button" className="button button-secondary" onClick={open}>
          {t('app.editor.indicators.add')}
        </button>
      ) : null}
      {editable && adding ? (
        <form ref={form} className="tree-add-form" noValidate onSubmit={(event) => void submit(event)}>
          <fieldset>
            <legend>{t('app.editor.indicators.new', { parent })}</legend>
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
              <TextField
                id={`${prefix}-name`}
                label={t('app.editor.indicator.name')}
                value={name}
                onChange={(event) => setName(event.target.value)}
                error={issues.get('name')}
                autoComplete="off"
                className="input-wide"
              />
              <SelectField
                id={`${prefix}-level`}
                label={t('app.editor.indicator.level')}
                value={level}
                onChange={(event) => setLevel(event.target.value as IndicatorLevel)}
                error={issues.get('level')}
              >
                {INDICATOR_LEVELS.map((value) => (
                  <option key={value} value={value}>
                    {indicatorLevelLabel(value)}
                  </option>
                ))}
              </SelectField>
              <SelectField
                id={`${prefix}-measure`}
                label={t('app.editor.indicator.measure')}
                value={measure}
                onChange={(event) => setMeasure(event.target.value as Measure)}
                error={issues.get('measure')}
              >
                {MEASURES.map((value) => (
                  <option key={value} value={value}>
                    {measureLabel(value)}
                  </option>
                ))}
              </SelectField>
            </div>
            <div className="button-row">
              <button type="submit" className="button" disabled={busy}>
                {t('app.editor.indicators.create')}
              </button>
              <button type="button" className="button button-secondary" onClick={() => setAdding(false)}>
                {t('app.common.cancel')}
              </button>
            </div>
          </fieldset>
        </form>
      ) : null}
    </section>
  );
}
