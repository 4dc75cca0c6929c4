import { useCallback } from 'react';
import { AREAS, type Area } from '@ariadne/domain';
import { SelectField, TextField } from '../../components/Field.tsx';
import { useLanguage } from '../../i18n.ts';
import { areaLabel } from '../../labels.ts';
import type { GoalData, ObjectiveData } from '../api.ts';
import { CodeField, Group, TextAreaField } from './fields.tsx';
import { FormFrame, type Describe } from './FormFrame.tsx';
import { IndicatorList } from './IndicatorList.tsx';
import type { ElementFormProps } from './types.ts';
import { useElementForm, type Conversion } from './useElementForm.ts';

type GoalFields = { id: string; area: Area; label: string; title: string };

const goalFields = (data: GoalData): GoalFields => ({ id: data.id, area: data.area, label: data.label ?? '', title: data.title });

function goalData(fields: GoalFields): Conversion<'goal'> {
  return {
    data: { id: fields.id.trim(), area: fields.area, ...(fields.label.trim() !== '' ? { label: fields.label } : {}), title: fields.title },
  };
}

/** A goal: its thematic area, the Participant's own name for the area, its title and code. */
export function GoalForm({ api, detail, editable, onSaved, onRenamed }: ElementFormProps<'goal'>) {
  const { t } = useLanguage();
  const state = useElementForm({ api, detail, toForm: goalFields, toData: goalData, editable, onSaved, onRenamed });
  const { form, update, issues } = state;
  const set = <Key extends keyof GoalFields>(key: Key, value: GoalFields[Key]) => update((previous) => ({ ...previous, [key]: value }));
  const describe: Describe<GoalFields> = useCallback(
    (fields) => [
      { field: 'id', label: t('app.editor.fields.code'), value: fields.id },
      { field: 'area', label: t('app.editor.fields.area'), value: areaLabel(fields.area) },
      { field: 'label', label: t('app.editor.fields.areaLabel'), value: fields.label },
      { field: 'title', label: t('app.editor.fields.title'), value: fields.title },
    ],
    [t],
  );
  return (
    <FormFrame
      state={state}
      describe={describe}
      toForm={(data) => goalFields(data as GoalData)}
      isPlaced={(path) => ['id', 'area', 'label', 'title'].includes(path)}
      editable={editable}
    >
      <Group legend={t('app.editor.goal.legend')}>
        <SelectField
          id="goal-area"
          label={t('app.editor.fields.area')}
          value={form.area}
          onChange={(event) => set('area', event.target.value as Area)}
          error={issues.get('area')}
        >
          {AREAS.map((area) => (
            <option key={area} value={area}>
              {areaLabel(area)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="goal-label"
          label={t('app.editor.fields.areaLabel')}
          hint={t('app.editor.fields.areaLabelHint')}
          value={form.label}
          onChange={(event) => set('label', event.target.value)}
          error={issues.get('label')}
          autoComplete="off"
        />
        <TextAreaField
          id="goal-title"
          label={t('app.editor.fields.title')}
          rows={2}
          value={form.title}
          onChange={(event) => set('title', event.target.value)}
          error={issues.get('title')}
        />
        <CodeField id="goal-code" value={form.id} onChange={(code) => set('id', code)} error={issues.get('id')} />
      </Group>
    </FormFrame>
  );
}

type ObjectiveFields = { id: string; title: string };

const objectiveFields = (data: ObjectiveData): ObjectiveFields => ({ id: data.id, title: data.title });

function objectiveData(fields: ObjectiveFields): Conversion<'objective'> {
  return { data: { id: fields.id.trim(), title: fields.title } };
}

/** An objective: its title and code, and its outcome and impact indicators. */
export function ObjectiveForm({ api, detail, outline, editable, hrefOf, onSaved, onRenamed }: ElementFormProps<'objective'>) {
  const { t } = useLanguage();
  const state = useElementForm({ api, detail, toForm: objectiveFields, toData: objectiveData, editable, onSaved, onRenamed });
  const { form, update, issues } = state;
  const indicators = outline.goals.flatMap((goal) => goal.objectives).find((objective) => objective.id === state.code)?.indicators ?? [];
  const goal = outline.goals.find((candidate) => candidate.id === detail.parent);
  const describe: Describe<ObjectiveFields> = useCallback(
    (fields) => [
      { field: 'id', label: t('app.editor.fields.code'), value: fields.id },
      { field: 'title', label: t('app.editor.fields.title'), value: fields.title },
    ],
    [t],
  );
  return (
    <>
      {goal !== undefined ? <p className="lead">{t('app.editor.objective.ofGoal', { code: goal.id, title: goal.title })}</p> : null}
      <FormFrame
        state={state}
        describe={describe}
        toForm={(data) => objectiveFields(data as ObjectiveData)}
        isPlaced={(path) => ['id', 'title'].includes(path)}
        editable={editable}
      >
        <Group legend={t('app.editor.objective.legend')}>
          <TextAreaField
            id="objective-title"
            label={t('app.editor.fields.title')}
            rows={2}
            value={form.title}
            onChange={(event) => update((previous) => ({ ...previous, title: event.target.value }))}
            error={issues.get('title')}
          />
          <CodeField
            id="objective-code"
            value={form.id}
            onChange={(code) => update((previous) => ({ ...previous, id: code }))}
            error={issues.get('id')}
          />
        </Group>
      </FormFrame>
      <IndicatorList
        api={api}
        outline={outline}
        parent={state.code}
        indicators={indicators}
        editable={editable}
        defaultLevel="outcome"
        hrefOf={hrefOf}
      />
    </>
  );
}
