import { useMemo, useState } from 'react';
import { participantPath, type Institution } from '../api.ts';
import { SelectField, TextField } from '../components/Field.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { useLanguage } from '../i18n.ts';
import { institutionTypeLabel, levelLabel } from '../labels.ts';
import { useParticipant } from '../session.tsx';
import { useApiData } from '../useApiData.ts';

/** Lower-cases and strips accents, so "cacak" finds "Čačak" and "skopje" finds "Skopje". */
function normalise(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

function InstitutionTable({ institutions, participantName }: { institutions: Institution[]; participantName: string }) {
  const { t, language } = useLanguage();
  const [query, setQuery] = useState('');
  const [type, setType] = useState('');

  const types = useMemo(
    () =>
      [...new Set(institutions.map((institution) => institution.type))]
        .map((value) => ({ value, label: institutionTypeLabel(value) }))
        .sort((a, b) => a.label.localeCompare(b.label, language)),
    // The labels depend on the language as well as on the list.
    [institutions, language],
  );

  const needle = normalise(query.trim());
  const shown = institutions.filter(
    (institution) =>
      (type === '' || institution.type === type) &&
      (needle === '' || normalise(institution.name).includes(needle) || normalise(institution.code).includes(needle)),
  );
  const filtered = needle !== '' || type !== '';

  return (
    <>
      <div className="filters" role="search">
        <TextField
          id="institution-search"
          label={t('app.institutions.search')}
          hint={t('app.institutions.searchHint')}
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <SelectField
          id="institution-type"
          label={t('app.institutions.type')}
          value={type}
          onChange={(event) => setType(event.target.value)}
        >
          <option value="">{t('app.institutions.allTypes')}</option>
          {types.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </SelectField>
      </div>
      <p role="status" className="count">
        {filtered
          ? t('app.institutions.countFiltered', { shown: shown.length, total: institutions.length })
          : t('app.institutions.count', { count: institutions.length })}
      </p>
      {shown.length === 0 ? (
        <p className="empty">{filtered ? t('app.institutions.noMatch') : t('app.institutions.none')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="institutions-caption">
          <table>
            <caption id="institutions-caption">{t('app.institutions.caption', { participant: participantName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('app.institutions.code')}</th>
                <th scope="col">{t('app.institutions.name')}</th>
                <th scope="col">{t('app.institutions.type')}</th>
                <th scope="col">{t('app.institutions.level')}</th>
                <th scope="col">{t('app.institutions.area')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((institution) => (
                <tr key={institution.code}>
                  <td>
                    <code>{institution.code}</code>
                  </td>
                  <th scope="row">{institution.name}</th>
                  <td>{institutionTypeLabel(institution.type)}</td>
                  <td>{levelLabel(institution.level)}</td>
                  <td>{institution.area ?? <span className="muted">{t('app.common.notSet')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** The institutions of the current Participant, searchable by name or code and filterable by type. */
export function InstitutionsPage() {
  const participant = useParticipant();
  const { t } = useLanguage();
  const { result, reload } = useApiData<{ items: Institution[] }>(participantPath(participant.code, '/institutions'));
  return (
    <Page title={t('app.institutions.title')}>
      <p className="lead">{t('app.institutions.intro', { participant: participant.name })}</p>
      {result.status === 'loading' ? <Loading /> : null}
      {result.status === 'error' ? <ErrorMessage message={result.error.message} onRetry={reload} /> : null}
      {result.status === 'ready' ? (
        // Keyed by Participant so that switching Participant clears the search.
        <InstitutionTable key={participant.code} institutions={result.data.items} participantName={participant.name} />
      ) : null}
    </Page>
  );
}
