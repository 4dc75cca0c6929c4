import type { ReactNode } from 'react';

/** A row of a list edited in place; the key stays with the row while rows are added and removed. */
export type KeyedRow = { key: number };

/**
 * A list of rows edited in place under a heading: each row's fields (given by `children`), a button
 * that removes the row, and one that adds a row at the end. Read-only readers see the rows only.
 */
export function RowList<R extends KeyedRow>({
  headingId,
  heading,
  emptyText,
  rows,
  itemClassName,
  editable,
  newRow,
  addLabel,
  removeLabel,
  onChange,
  children,
}: {
  headingId: string;
  heading: string;
  /** Said when there is no row. */
  emptyText: string;
  rows: readonly R[];
  itemClassName: string;
  editable: boolean;
  newRow: () => R;
  addLabel: string;
  /** The remove button's label for the row at a 0-based index. */
  removeLabel: (index: number) => string;
  onChange: (rows: NoInfer<R>[]) => void;
  /** The fields of a row; `update` changes some of its values. */
  children: (row: NoInfer<R>, index: number, update: (values: Partial<NoInfer<R>>) => void) => ReactNode;
}) {
  return (
    <>
      <h3 className="subheading" id={headingId}>
        {heading}
      </h3>
      {rows.length === 0 ? <p className="muted">{emptyText}</p> : null}
      <ul className="rows" aria-labelledby={headingId}>
        {rows.map((row, index) => (
          <li key={row.key} className={itemClassName}>
            {children(row, index, (values) =>
              onChange(rows.map((candidate) => (candidate.key === row.key ? { ...candidate, ...values } : candidate))),
            )}
            {editable ? (
              <button
                type="button"
                className="button button-small button-secondary row-remove"
                onClick={() => onChange(rows.filter((candidate) => candidate.key !== row.key))}
              >
                {removeLabel(index)}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {editable ? (
        <button type="button" className="button button-small button-secondary" onClick={() => onChange([...rows, newRow()])}>
          {addLabel}
        </button>
      ) : null}
    </>
  );
}
