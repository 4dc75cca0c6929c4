import { useLanguage } from '../../i18n.ts';
import { impactLabel, likelihoodLabel, riskRating, riskRatingLabel, type RiskRating } from './vocabulary.ts';

/** What the heat map needs of a risk. */
export type PlacedRisk = { id: string; likelihood: number; impact: number };

const SCALE = [1, 2, 3, 4, 5] as const;
const RATINGS: readonly RiskRating[] = ['low', 'medium', 'high', 'very_high'];

/**
 * The 5×5 risk matrix as a real table: likelihood in rows (most likely first), impact in columns,
 * each cell with its rating in words, the number of risks and their codes, so that it reads the
 * same with a screen reader, in print and without colour.
 */
export function RiskHeatMap({ risks }: { risks: readonly PlacedRisk[] }) {
  const { t } = useLanguage();
  const cells = new Map<string, string[]>();
  for (const risk of risks) {
    const key = `${risk.likelihood}:${risk.impact}`;
    cells.set(key, [...(cells.get(key) ?? []), risk.id]);
  }
  return (
    <div className="heat-map-wrap">
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="risk-heat-map-caption">
        <table className="heat-map">
          <caption id="risk-heat-map-caption">{t('app.editor.strategy.heatMap.caption')}</caption>
          <thead>
            <tr>
              <td className="heat-corner">
                <span className="heat-axis">{t('app.editor.strategy.heatMap.corner')}</span>
              </td>
              {SCALE.map((impact) => (
                <th key={impact} scope="col">
                  <span className="heat-axis-name">{t('app.editor.strategy.heatMap.impact', { value: impact })}</span>
                  <span className="secondary-line">{impactLabel(impact)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...SCALE].reverse().map((likelihood) => (
              <tr key={likelihood}>
                <th scope="row">
                  <span className="heat-axis-name">{t('app.editor.strategy.heatMap.likelihood', { value: likelihood })}</span>
                  <span className="secondary-line">{likelihoodLabel(likelihood)}</span>
                </th>
                {SCALE.map((impact) => {
                  const codes = cells.get(`${likelihood}:${impact}`) ?? [];
                  const rating = riskRating(likelihood, impact);
                  return (
                    <td key={impact} className={`heat-cell heat-${rating}${codes.length > 0 ? ' heat-filled' : ''}`}>
                      <span className="heat-rating">{riskRatingLabel(rating)}</span>
                      <span className="heat-count">{t('app.editor.strategy.heatMap.count', { count: codes.length })}</span>
                      {codes.length > 0 ? <span className="heat-codes">{codes.join(', ')}</span> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="heat-legend" aria-label={t('app.editor.strategy.heatMap.legend')}>
        {RATINGS.map((rating) => (
          <li key={rating}>
            <span className={`swatch heat-${rating}`} aria-hidden="true" />
            {t('app.editor.strategy.heatMap.band', { rating: riskRatingLabel(rating), range: bandRange(rating) })}
          </li>
        ))}
      </ul>
    </div>
  );
}

function bandRange(rating: RiskRating): string {
  switch (rating) {
    case 'low':
      return '1–4';
    case 'medium':
      return '5–9';
    case 'high':
      return '10–16';
    case 'very_high':
      return '20–25';
  }
}
