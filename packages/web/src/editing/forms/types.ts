import type { EditingApi, ElementDetail, ElementKind, StrategyOutline } from '../api.ts';

/** What every element form is given by the element page. */
export type ElementFormProps<K extends ElementKind> = {
  api: EditingApi;
  detail: ElementDetail<K>;
  outline: StrategyOutline;
  /** False when the person may only read (no plan.edit, or the document is frozen). */
  editable: boolean;
  /** The address of another element's editor (an indicator's, from an activity). */
  hrefOf: (code: string) => string;
  /** After each stored change. */
  onSaved?: () => void;
  /** After a change of the element's code was stored. */
  onRenamed?: (code: string) => void;
};

/** Reads a whole year typed in a field; null when it is not one. */
export function parseYear(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{4}$/.test(trimmed) ? Number(trimmed) : null;
}

let nextRow = 0;

/** A key for a new row of a list in a form (cost lines, milestones, scale labels), stable while it lives. */
export function rowKey(): string {
  nextRow += 1;
  return `row-${nextRow}`;
}
