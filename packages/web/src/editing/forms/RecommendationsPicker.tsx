import { useState } from 'react';
import { useLanguage } from '../../i18n.ts';
import { recommendationSourceLabel, recommendationStrengthLabel } from '../../labels.ts';
import type { StrategyOutline } from '../api.ts';
import { foldForSearch } from '../../search.ts';

type OutlineRecommendation = StrategyOutline['recommendations'][number];

const EXCERPT = 160;

/** The start of a long text, cut at a word. */
export function excerpt(text: string, length = EXCERPT): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  const space = cut.lastIndexOf(' ');
  return `${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** How a recommendation is named where it is chosen: source, reference or year, and strength. */
export function recommendationHeading(recommendation: OutlineRecommendation): string {
  const parts = [recommendationSourceLabel(recommendation.source), recommendation.reference ?? String(recommendation.year)];
  if (recommendation.strength !== undefined) parts.push(recommendationStrengthLabel(recommendation.strength));
  return parts.join(' · ');
}

/**
 * The recommendations an activity answers: a searchable list of checkboxes over the register, each
 * with its source, reference and the start of its text; the chosen ones are counted.
 */
export function RecommendationsPicker({
  id,
  recommendations,
  value,
  onChange,
  error,
}: {
  id: string;
  recommendations: readonly OutlineRecommendation[];
  value: readonly string[];
  onChange: (codes: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useLanguage();
  const [search, setSearch] = useState('');
  const wanted = foldForSearch(search.trim());
  const shown =
    wanted === ''
      ? recommendations
      : recommendations.filter((r) =>
          foldForSearch(`${r.id} ${r.reference ?? ''} ${r.text} ${recommendationSourceLabel(r.source)}`).includes(wanted),
        );
  const toggle = (code: string, checked: boolean) => {
    // Kept in the register's order, whatever the order of clicking.
    onChange(recommendations.map((r) => r.id).filter((candidate) => (candidate === code ? checked : value.includes(candidate))));
  };
  return (
    <fieldset
      className={error ? 'field recommendations field-invalid' : 'field recommendations'}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{t('app.editor.activity.recommendations')}</legend>
      <p className="field-hint">{t('app.editor.activity.recommendationsChosen', { count: value.length })}</p>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      {recommendations.length === 0 ? (
        <p className="empty">{t('app.editor.activity.noRecommendations')}</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-search`}>{t('app.editor.activity.searchRecommendations')}</label>
            <input
              id={`${id}-search`}
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              autoComplete="off"
            />
          </div>
          <ul className="recommendation-options">
            {shown.map((recommendation) => (
              <li key={recommendation.id} className="checkbox">
                <input
                  id={`${id}-${recommendation.id}`}
                  type="checkbox"
                  checked={value.includes(recommendation.id)}
                  onChange={(event) => toggle(recommendation.id, event.target.checked)}
                />
                <label htmlFor={`${id}-${recommendation.id}`}>
                  <span className="recommendation-head">
                    <code>{recommendation.id}</code> {recommendationHeading(recommendation)}
                  </span>
                  <span className="recommendation-text">{excerpt(recommendation.text)}</span>
                </label>
              </li>
            ))}
          </ul>
          {shown.length === 0 ? <p className="empty">{t('app.editor.activity.noRecommendationMatch')}</p> : null}
        </>
      )}
    </fieldset>
  );
}
