import { useCombobox, useMultipleSelection, type UseComboboxPropGetters, type UseComboboxState } from 'downshift';
import { useMemo, useState } from 'react';
import type { Institution } from '@ariadne/domain';
import { FieldNotes, describedBy } from '../../components/Field.tsx';
import { useLanguage } from '../../i18n.ts';
import { foldForSearch } from '../../search.ts';

/** An institution of the Participant's register as the pickers offer it. */
export type PickableInstitution = Pick<Institution, 'id' | 'name'>;

/** The institutions whose name or code contains the typed text, ignoring case and accents. */
export function matchInstitutions<I extends PickableInstitution>(institutions: readonly I[], text: string): I[] {
  const wanted = foldForSearch(text.trim());
  if (wanted === '') return [...institutions];
  return institutions.filter(
    (institution) => foldForSearch(institution.name).includes(wanted) || foldForSearch(institution.id).includes(wanted),
  );
}

/** How an institution reads in a picker: its name and code. */
export function institutionText(institution: PickableInstitution | null): string {
  return institution === null ? '' : `${institution.name} (${institution.id})`;
}

type Combobox = UseComboboxPropGetters<PickableInstitution> & Pick<UseComboboxState<PickableInstitution>, 'isOpen' | 'highlightedIndex'>;

/** The list a picker opens: the matching institutions by name and code, or that none matches. */
function PickerMenu({
  items,
  isOpen,
  highlightedIndex,
  getMenuProps,
  getItemProps,
}: Pick<Combobox, 'isOpen' | 'highlightedIndex' | 'getMenuProps' | 'getItemProps'> & { items: readonly PickableInstitution[] }) {
  const { t } = useLanguage();
  return (
    <ul className={isOpen ? 'picker-menu' : 'picker-menu picker-menu-closed'} {...getMenuProps()}>
      {isOpen
        ? items.map((institution, index) => (
            <li
              key={institution.id}
              className={index === highlightedIndex ? 'picker-option picker-option-active' : 'picker-option'}
              {...getItemProps({ item: institution, index })}
            >
              {institution.name} <code>{institution.id}</code>
            </li>
          ))
        : null}
      {isOpen && items.length === 0 ? (
        <li className="picker-empty" role="presentation">
          {t('app.editor.picker.noMatch')}
        </li>
      ) : null}
    </ul>
  );
}

type PickerProps = {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  institutions: readonly PickableInstitution[];
  /** Keeps the label for screen readers only, where a table's column header already says it. */
  hideLabel?: boolean;
};

/**
 * A searchable picker of one institution of the register (a combobox: type part of a name or a
 * code, choose with the arrow keys and Enter); the choice can be cleared.
 */
export function InstitutionPicker({
  id,
  label,
  hint,
  error,
  institutions,
  hideLabel,
  value,
  onChange,
}: PickerProps & { value: string; onChange: (code: string) => void }) {
  const { t } = useLanguage();
  const selected = useMemo(() => institutions.find((institution) => institution.id === value) ?? null, [institutions, value]);
  const [inputValue, setInputValue] = useState(institutionText(selected));
  // The chosen institution's own text lists everything, so that another can be chosen from the list.
  const items = inputValue === institutionText(selected) ? [...institutions] : matchInstitutions(institutions, inputValue);
  const { isOpen, highlightedIndex, getLabelProps, getInputProps, getMenuProps, getItemProps, getToggleButtonProps } =
    useCombobox<PickableInstitution>({
      id,
      inputId: id,
      items,
      itemToString: institutionText,
      itemToKey: (item) => item?.id ?? null,
      selectedItem: selected,
      inputValue,
      onInputValueChange: (changes) => setInputValue(changes.inputValue),
      onSelectedItemChange: (changes) => onChange(changes.selectedItem?.id ?? ''),
      stateReducer: (_state, { type, changes }) =>
        // Leaving the field with half a name typed shows the chosen institution again.
        type === useCombobox.stateChangeTypes.InputBlur && changes.selectedItem === selected
          ? { ...changes, inputValue: institutionText(selected) }
          : changes,
    });
  return (
    <div className={error ? 'field picker field-invalid' : 'field picker'}>
      <label {...getLabelProps({ className: hideLabel ? 'visually-hidden' : undefined })}>{label}</label>
      <FieldNotes id={id} hint={hint} error={error} />
      <div className="picker-control">
        <input {...getInputProps({ 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy(id, hint, error) })} />
        <button
          type="button"
          className="button button-small button-secondary picker-toggle"
          {...getToggleButtonProps({ 'aria-label': t('app.editor.picker.showAll', { field: label }) })}
        >
          <span aria-hidden="true">▾</span>
        </button>
        {selected !== null ? (
          <button
            type="button"
            className="button button-small button-secondary"
            aria-label={t('app.editor.picker.clear', { field: label })}
            onClick={() => onChange('')}
          >
            <span aria-hidden="true">×</span>
          </button>
        ) : null}
      </div>
      <PickerMenu
        items={items}
        isOpen={isOpen}
        highlightedIndex={highlightedIndex}
        getMenuProps={getMenuProps}
        getItemProps={getItemProps}
      />
    </div>
  );
}

/**
 * A searchable picker of several institutions: the chosen ones as a list with a remove button each,
 * and a combobox to add more (Backspace in the empty search moves to the last chosen one).
 */
export function InstitutionsPicker({
  id,
  label,
  hint,
  error,
  institutions,
  hideLabel,
  value,
  onChange,
}: PickerProps & { value: readonly string[]; onChange: (codes: string[]) => void }) {
  const { t } = useLanguage();
  const [inputValue, setInputValue] = useState('');
  const byCode = useMemo(() => new Map(institutions.map((institution) => [institution.id, institution])), [institutions]);
  const selectedItems = useMemo(() => value.map((code) => byCode.get(code) ?? { id: code, name: code }), [value, byCode]);
  const items = matchInstitutions(institutions, inputValue).filter((institution) => !value.includes(institution.id));

  const { getSelectedItemProps, getDropdownProps, removeSelectedItem } = useMultipleSelection<PickableInstitution>({
    selectedItems,
    itemToKey: (item) => item?.id ?? null,
    onSelectedItemsChange: (changes) => onChange((changes.selectedItems ?? []).map((item) => item.id)),
  });
  const { isOpen, highlightedIndex, getLabelProps, getInputProps, getMenuProps, getItemProps, getToggleButtonProps } =
    useCombobox<PickableInstitution>({
      id,
      inputId: id,
      items,
      itemToString: institutionText,
      itemToKey: (item) => item?.id ?? null,
      selectedItem: null,
      inputValue,
      stateReducer: (_state, { type, changes }) => {
        if (type === useCombobox.stateChangeTypes.InputKeyDownEnter || type === useCombobox.stateChangeTypes.ItemClick) {
          // Stay open after a choice, so that several can be added in a row.
          return { ...changes, isOpen: true, highlightedIndex: 0, inputValue: '' };
        }
        return changes;
      },
      onStateChange: ({ type, selectedItem, inputValue: typed }) => {
        if (type === useCombobox.stateChangeTypes.InputChange) setInputValue(typed ?? '');
        if ((type === useCombobox.stateChangeTypes.InputKeyDownEnter || type === useCombobox.stateChangeTypes.ItemClick) && selectedItem) {
          onChange([...value, selectedItem.id]);
          setInputValue('');
        }
      },
    });
  const listId = `${id}-chosen`;
  return (
    <div className={error ? 'field picker field-invalid' : 'field picker'}>
      <label {...getLabelProps({ className: hideLabel ? 'visually-hidden' : undefined })}>{label}</label>
      <FieldNotes id={id} hint={hint} error={error} />
      {selectedItems.length > 0 ? (
        <ul className="chosen" id={listId} aria-label={t('app.editor.picker.chosen', { field: label })}>
          {selectedItems.map((institution, index) => (
            <li key={institution.id} className="chosen-item">
              <span {...getSelectedItemProps({ selectedItem: institution, index })}>{institution.name}</span>{' '}
              <button
                type="button"
                className="button button-small button-secondary"
                aria-label={t('app.editor.picker.remove', { name: institution.name })}
                onClick={(event) => {
                  event.stopPropagation();
                  removeSelectedItem(institution);
                }}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="picker-control">
        <input
          {...getInputProps(
            getDropdownProps({
              preventKeyAction: isOpen,
              'aria-invalid': error ? true : undefined,
              'aria-describedby': describedBy(id, hint, error),
            }),
          )}
          placeholder={t('app.editor.picker.search')}
        />
        <button
          type="button"
          className="button button-small button-secondary picker-toggle"
          {...getToggleButtonProps({ 'aria-label': t('app.editor.picker.showAll', { field: label }) })}
        >
          <span aria-hidden="true">▾</span>
        </button>
      </div>
      <PickerMenu
        items={items}
        isOpen={isOpen}
        highlightedIndex={highlightedIndex}
        getMenuProps={getMenuProps}
        getItemProps={getItemProps}
      />
    </div>
  );
}
