import { useEffect, useRef } from 'react';
import { useLanguage } from '../../i18n.ts';

/** One field of an element, as text, in the two versions being compared. */
export type ComparedField = { field: string; label: string; mine: string; theirs: string };

/**
 * After an edit conflict: both versions side by side, field by field (this person's, and the one
 * someone else saved meanwhile), the fields that differ marked in words, and the two ways out.
 */
export function ConflictPanel({
  fields,
  onKeepMine,
  onTakeTheirs,
}: {
  fields: ComparedField[];
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const { t } = useLanguage();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const differing = fields.filter((field) => field.mine !== field.theirs).length;
  return (
    <section className="conflict notice" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading" ref={heading} tabIndex={-1}>
        {t('app.editor.conflict.title')}
      </h2>
      <p>{t('app.editor.conflict.intro', { count: differing })}</p>
      <div className="table-wrap">
        <table className="conflict-table">
          <caption className="visually-hidden">{t('app.editor.conflict.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('app.editor.conflict.field')}</th>
              <th scope="col">{t('app.editor.conflict.mine')}</th>
              <th scope="col">{t('app.editor.conflict.theirs')}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => {
              const differs = field.mine !== field.theirs;
              return (
                <tr key={field.field} className={differs ? 'conflict-differs' : undefined}>
                  <th scope="row">
                    {field.label}
                    {differs ? <span className="conflict-mark"> {t('app.editor.conflict.differs')}</span> : null}
                  </th>
                  <td className="conflict-value">
                    {field.mine === '' ? <span className="muted">{t('app.common.notSet')}</span> : field.mine}
                  </td>
                  <td className="conflict-value">
                    {field.theirs === '' ? <span className="muted">{t('app.common.notSet')}</span> : field.theirs}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="button-row">
        <button type="button" className="button" onClick={onKeepMine}>
          {t('app.editor.conflict.keepMine')}
        </button>
        <button type="button" className="button button-secondary" onClick={onTakeTheirs}>
          {t('app.editor.conflict.takeTheirs')}
        </button>
      </div>
      <p className="field-hint">{t('app.editor.conflict.hint')}</p>
    </section>
  );
}
