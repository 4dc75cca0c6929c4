import { formatDate, isLanguage, LANGUAGE_NAMES } from '@ariadne/domain';
import { useState, type FormEvent } from 'react';
import { api, asApiError, participantPath } from '../api.ts';
import { TextField } from '../components/Field.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { useLanguage } from '../i18n.ts';
import { useParticipant } from '../session.tsx';
import { reportScopeLabel } from '../labels.ts';
import { useApiData } from '../useApiData.ts';

type PublicationKind = 'strategy' | 'action_plan' | 'indicator_set' | 'implementation_report';

type Publication = {
  id: number;
  kind: PublicationKind;
  strategy: string | null;
  plan: string | null;
  documentRun: number | null;
  publishedAt: string;
  publicPath: string;
};

/** An implementation report generated as PDF, which can be published. */
type GeneratedReport = { documentRun: number; plan: string | null; scope: string | null; language: string; generatedAt: string };

type Publications = {
  publications: Publication[];
  strategies: { code: string; title: string; plans: { code: string; title: string }[] }[];
  reports: GeneratedReport[];
  smallCountThreshold: number;
  portalPath: string;
};

/** One thing that can be published: what to send to publish it, and how to name it. */
type Candidate = {
  key: string;
  label: string;
  body:
    | { kind: 'strategy'; strategy: string }
    | { kind: 'action_plan' | 'indicator_set'; plan: string }
    | { kind: 'implementation_report'; documentRun: number };
};

type Translate = ReturnType<typeof useLanguage>['t'];

function reportCandidates(data: Publications, t: Translate, language: string): Candidate[] {
  return data.reports.map((report) => ({
    key: `implementation_report:${report.documentRun}`,
    label: t('app.portal.manage.report', {
      plan: report.plan ?? '',
      scope: reportScopeLabel(report.scope),
      language: isLanguage(report.language) ? LANGUAGE_NAMES[report.language] : report.language,
      date: formatDate(report.generatedAt, isLanguage(language) ? language : 'en'),
    }),
    body: { kind: 'implementation_report' as const, documentRun: report.documentRun },
  }));
}

function candidatesOf(data: Publications, t: Translate): Candidate[] {
  return data.strategies.flatMap((strategy) => [
    {
      key: `strategy:${strategy.code}`,
      label: t('app.portal.manage.strategy', { code: strategy.code, title: strategy.title }),
      body: { kind: 'strategy' as const, strategy: strategy.code },
    },
    ...strategy.plans.flatMap((plan) => [
      {
        key: `action_plan:${plan.code}`,
        label: t('app.portal.manage.plan', { code: plan.code, title: plan.title }),
        body: { kind: 'action_plan' as const, plan: plan.code },
      },
      {
        key: `indicator_set:${plan.code}`,
        label: t('app.portal.manage.indicators', { code: plan.code }),
        body: { kind: 'indicator_set' as const, plan: plan.code },
      },
    ]),
  ]);
}

function keyOf(publication: Publication): string {
  if (publication.kind === 'strategy') return `strategy:${publication.strategy ?? ''}`;
  if (publication.kind === 'implementation_report') return `implementation_report:${publication.documentRun ?? 0}`;
  return `${publication.kind}:${publication.plan ?? ''}`;
}

/** The small-count threshold: counts of victims below it are shown as "< N" in public. */
function ThresholdForm({ participant, stored, onSaved }: { participant: string; stored: number; onSaved: () => void }) {
  const { t } = useLanguage();
  const [value, setValue] = useState(String(stored));
  const [error, setError] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    setError(undefined);
    setBusy(true);
    try {
      await api.put(participantPath(participant, '/publications/small-count-threshold'), { smallCountThreshold: Number(value) });
      setSaved(true);
      onSaved();
    } catch (caught) {
      const failure = asApiError(caught);
      setError(failure.issues[0]?.message ?? failure.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="threshold-title">
      <h2 id="threshold-title">{t('app.portal.manage.thresholdTitle')}</h2>
      {saved ? (
        <p role="status" className="notice notice-success">
          {t('app.portal.manage.saved')}
        </p>
      ) : null}
      <TextField
        id="smallCountThreshold"
        type="number"
        min={0}
        max={100}
        inputMode="numeric"
        label={t('app.portal.manage.thresholdLabel')}
        hint={t('app.portal.manage.thresholdHelp')}
        error={error}
        value={value}
        onChange={(event) => {
          setSaved(false);
          setValue(event.target.value);
        }}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {t('app.portal.manage.save')}
        </button>
      </div>
    </form>
  );
}

/** What the Participant publishes on its public portal: publish or withdraw each item, and the small-count threshold. */
export function PublicationsPage() {
  const participant = useParticipant();
  const { t, language } = useLanguage();
  const path = participantPath(participant.code, '/publications');
  const data = useApiData<Publications>(path);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const act = async (key: string, work: () => Promise<unknown>) => {
    setBusy(key);
    setFailure(null);
    try {
      await work();
      data.reload();
    } catch (caught) {
      setFailure(asApiError(caught).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Page title={t('app.portal.manage.title')}>
      <p>{t('app.portal.manage.intro')}</p>
      {data.result.status === 'loading' ? <Loading /> : null}
      {data.result.status === 'error' ? <ErrorMessage message={data.result.error.message} onRetry={data.reload} /> : null}
      {failure !== null ? <ErrorMessage message={failure} /> : null}
      {data.result.status === 'ready'
        ? (() => {
            const ready = data.result.data;
            const published = new Map(ready.publications.map((publication) => [keyOf(publication), publication]));
            return (
              <>
                <p>
                  <a href={`${ready.portalPath}?lang=${encodeURIComponent(language)}`}>{t('app.portal.manage.portalLink')}</a>
                </p>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('app.portal.manage.item')}</th>
                      <th scope="col">{t('app.portal.manage.state')}</th>
                      <th scope="col">{t('app.portal.manage.address')}</th>
                      <th scope="col">{t('app.portal.manage.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...candidatesOf(ready, t), ...reportCandidates(ready, t, language)].map((candidate) => {
                      const publication = published.get(candidate.key);
                      return (
                        <tr key={candidate.key}>
                          <th scope="row">{candidate.label}</th>
                          <td>
                            {publication
                              ? t('app.portal.manage.published', { date: formatDate(publication.publishedAt, language) })
                              : t('app.portal.manage.notPublished')}
                          </td>
                          <td>
                            {publication ? (
                              <a href={`${publication.publicPath}?lang=${encodeURIComponent(language)}`}>
                                <code>{publication.publicPath}</code>
                              </a>
                            ) : null}
                          </td>
                          <td>
                            {publication ? (
                              <button
                                type="button"
                                className="button button-secondary button-small"
                                disabled={busy !== null}
                                aria-label={t('app.portal.manage.withdrawItem', { item: candidate.label })}
                                onClick={() => void act(candidate.key, () => api.delete(`${path}/${publication.id}`))}
                              >
                                {t('app.portal.manage.withdraw')}
                              </button>
                            ) : (
                              <button
                                type="button"
                                className="button button-small"
                                disabled={busy !== null}
                                aria-label={t('app.portal.manage.publishItem', { item: candidate.label })}
                                onClick={() => void act(candidate.key, () => api.post(path, candidate.body))}
                              >
                                {t('app.portal.manage.publish')}
                              </button>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
                {ready.reports.length === 0 ? <p className="muted">{t('app.portal.manage.reportsHint')}</p> : null}
                <ThresholdForm
                  key={`${participant.code}:${ready.smallCountThreshold}`}
                  participant={participant.code}
                  stored={ready.smallCountThreshold}
                  onSaved={() => undefined}
                />
              </>
            );
          })()
        : null}
    </Page>
  );
}
