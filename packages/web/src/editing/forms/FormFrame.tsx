import type { ReactNode } from 'react';
import '../editor.css';
import { unplacedIssues } from '../issues.ts';
import { LeaveGuard } from '../LeaveGuard.tsx';
import { AutosaveStatus } from './AutosaveStatus.tsx';
import { ConflictPanel, type ComparedField } from './ConflictPanel.tsx';
import type { ElementForm } from './useElementForm.ts';

/** A form's fields as text, for comparing two versions of it field by field. */
export type Describe<F> = (form: F) => { field: string; label: string; value: string }[];

/** Lays two descriptions of a form side by side. */
export function compareForms<F>(describe: Describe<F>, mine: F, theirs: F): ComparedField[] {
  const theirFields = new Map(describe(theirs).map((field) => [field.field, field.value]));
  return describe(mine).map((field) => ({
    field: field.field,
    label: field.label,
    mine: field.value,
    theirs: theirFields.get(field.field) ?? '',
  }));
}

/**
 * Around every element form: the saving state, the conflict panel when someone else saved the
 * element meanwhile, the guard against leaving with unsaved changes, and the fields themselves,
 * disabled when the person may only read.
 */
export function FormFrame<F>({
  state,
  describe,
  toForm,
  isPlaced,
  editable,
  children,
}: {
  state: ElementForm<F>;
  describe: Describe<F>;
  /** The form of the version someone else saved. */
  toForm: (data: unknown) => F;
  /** Whether an issue's path has a field on screen that shows it. */
  isPlaced: (path: string) => boolean;
  editable: boolean;
  children: ReactNode;
}) {
  const { autosave, issues } = state;
  return (
    <div className="element-form">
      {editable ? <AutosaveStatus autosave={autosave} unplaced={unplacedIssues(issues, isPlaced)} /> : null}
      {autosave.conflict !== null ? (
        <ConflictPanel
          fields={compareForms(describe, state.form, toForm(autosave.conflict.data))}
          onKeepMine={autosave.keepMine}
          onTakeTheirs={state.takeTheirs}
        />
      ) : null}
      {editable ? <LeaveGuard autosave={autosave} /> : null}
      <form className="element-fields" noValidate onSubmit={(event) => event.preventDefault()}>
        <fieldset disabled={!editable} className="plain-fieldset">
          {children}
        </fieldset>
      </form>
    </div>
  );
}
