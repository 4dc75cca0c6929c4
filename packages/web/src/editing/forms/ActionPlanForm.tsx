import { useCallback } from 'react';
import { useLanguage } from '../../i18n.ts';
import type { ActionPlanData } from '../api.ts';
import { CodeField, DateRangeFields, Group, TextAreaField } from './fields.tsx';
import { FormFrame, type Describe } from './FormFrame.tsx';
import type { ElementFormProps } from './types.ts';
import { useElementForm, type Conversion } from './useElementForm.ts';

type ActionPlanFields = { id: string; title: string; start: string; end: string };

const actionPlanFields = (data: ActionPlanData): ActionPlanFields => ({ id: data.id, title: data.title, start: data.start, end: data.end });

function actionPlanData(fields: ActionPlanFields): Conversion<'action_plan'> {
  return { data: { id: fields.id.trim(), title: fields.title, start: fields.start, end: fields.end } };
}

/** An action plan's own details: title, code and period (its status changes through the life cycle). */
export function ActionPlanForm({ api, detail, editable, onSaved, onRenamed }: ElementFormProps<'action_plan'>) {
  const { t } = useLanguage();
  const state = useElementForm({ api, detail, toForm: actionPlanFields, toData: actionPlanData, editable, onSaved, onRenamed });
  const { form, update, issues } = state;
  const set = <Key extends keyof ActionPlanFields>(key: Key, value: ActionPlanFields[Key]) =>
    update((previous) => ({ ...previous, [key]: value }));
  const describe: Describe<ActionPlanFields> = useCallback(
    (fields) => [
      { field: 'id', label: t('app.editor.fields.code'), value: fields.id },
      { field: 'title', label: t('app.editor.fields.title'), value: fields.title },
      { field: 'start', label: t('app.editor.activity.start'), value: fields.start },
      { field: 'end', label: t('app.editor.activity.end'), value: fields.end },
    ],
    [t],
  );
  return (
    <FormFrame
      state={state}
      describe={describe}
      toForm={(data) => actionPlanFields(data as ActionPlanData)}
      isPlaced={(path) => ['id', 'title', 'start', 'end'].includes(path)}
      editable={editable}
    >
      <Group legend={t('app.editor.actionPlan.legend')}>
        <TextAreaField
          id="plan-title"
          label={t('app.editor.fields.title')}
          rows={2}
          value={form.title}
          onChange={(event) => set('title', event.target.value)}
          error={issues.get('title')}
        />
        {/* The plan's code is its address (`DL/AP-2023-2024`) on the command line and in links: it is kept. */}
        <CodeField id="plan-code" value={form.id} error={issues.get('id')} />
        <DateRangeFields
          id="plan"
          start={form.start}
          end={form.end}
          errors={{ start: issues.get('start'), end: issues.get('end') }}
          onChange={set}
        />
      </Group>
    </FormFrame>
  );
}
