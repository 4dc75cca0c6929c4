import {
  AppError,
  CONSULTATION_DECISION_KEYS,
  CONSULTATION_LOG_TEXTS,
  changeLabel,
  targetLabel,
  translator,
  type ResolutionLog,
} from '@ariadne/domain';
import { activePublications, smallCountThresholdOf } from '@ariadne/db';
import type { FastifyInstance } from 'fastify';
import { publishedConsultation } from '../commands/consultations.ts';
import { html, type Html } from './html.ts';
import { date, page, portalBase, type PortalContext } from './layout.ts';
import { portalLanguage } from './routes.ts';

// The published resolution log of a consultation, readable signed out at
// /public/{participant}/consultations/{id} in every language. Not published (or withdrawn): the
// portal's 404 page, as for an address that never existed.

/** The page of a resolution log. */
export function consultationLogPage(context: PortalContext, log: ResolutionLog): Html {
  const { t } = context;
  const { consultation, counts } = log;
  const title = t(CONSULTATION_LOG_TEXTS.title, { title: consultation.title });
  const decisions = ['accepted', 'partly_accepted', 'not_accepted', 'unresolved'] as const;
  const body = html`<h1>${title}</h1>
    <p>${t(CONSULTATION_LOG_TEXTS.intro)}</p>
    <dl>
      <dt>${t(CONSULTATION_LOG_TEXTS.document)}</dt>
      <dd>${consultation.documentTitle} (${consultation.document})</dd>
      <dt>${t(CONSULTATION_LOG_TEXTS.period)}</dt>
      <dd>${date(context, consultation.openedAt)} – ${date(context, consultation.closesOn)}</dd>
      ${
        consultation.closedAt === null
          ? ''
          : html`<dt>${t(CONSULTATION_LOG_TEXTS.closedOn)}</dt>
              <dd>${date(context, consultation.closedAt)}</dd>`
      }
      <dt>${t(CONSULTATION_LOG_TEXTS.invitees)}</dt>
      <dd>${consultation.invitees.join(', ')}</dd>
    </dl>
    <h2>${t(CONSULTATION_LOG_TEXTS.summary)}</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">${t(CONSULTATION_LOG_TEXTS.decision)}</th>
          <th scope="col">${t(CONSULTATION_LOG_TEXTS.count)}</th>
        </tr>
      </thead>
      <tbody>
        ${decisions.map(
          (decision) =>
            html`<tr>
              <th scope="row">${t(CONSULTATION_DECISION_KEYS[decision])}</th>
              <td>${counts[decision]}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${log.entries.length === 0 ? html`<p>${t(CONSULTATION_LOG_TEXTS.none)}</p>` : ''}
    ${log.entries.map((entry, index) => {
      const by = entry.institution === null ? entry.author : `${entry.author} (${entry.institution})`;
      const change = changeLabel(entry.change, t);
      return html`<section>
        <h2>${index + 1}. ${targetLabel(entry.target, t)}</h2>
        <p class="meta">${t(CONSULTATION_LOG_TEXTS.proposedBy)}: ${by}, ${date(context, entry.createdAt)}</p>
        <blockquote><p>${entry.text}</p></blockquote>
        ${
          entry.replies.length === 0
            ? ''
            : html`<h3>${t(CONSULTATION_LOG_TEXTS.replies)}</h3>
                <ul>
                  ${entry.replies.map(
                    (reply) =>
                      html`<li>
                        <strong>${reply.institution === null ? reply.author : `${reply.author} (${reply.institution})`}</strong>,
                        ${date(context, reply.createdAt)}: ${reply.text}
                      </li>`,
                  )}
                </ul>`
        }
        <dl>
          <dt>${t(CONSULTATION_LOG_TEXTS.decision)}</dt>
          <dd>${t(CONSULTATION_DECISION_KEYS[entry.decision ?? 'unresolved'])}</dd>
          ${
            entry.reason === null
              ? ''
              : html`<dt>${t(CONSULTATION_LOG_TEXTS.reason)}</dt>
                  <dd>${entry.reason}</dd>`
          }
          ${
            change === ''
              ? ''
              : html`<dt>${t(CONSULTATION_LOG_TEXTS.change)}</dt>
                  <dd>${change}</dd>`
          }
        </dl>
      </section>`;
    })}`;
  return page(context, { title, body });
}

export async function consultationPortalRoutes(app: FastifyInstance): Promise<void> {
  app.get('/public/:participant/consultations/:id', { config: { access: 'public' as const } }, async (request, reply) => {
    const { participant: code, id } = request.params as { participant: string; id: string };
    if (!/^\d{1,12}$/.test(id)) throw new AppError('NOT_FOUND', { detail: `no consultation ${id}` });
    const participant = await app.database.db
      .selectFrom('participants')
      .select(['code', 'name', 'currency'])
      .where('code', '=', code)
      .executeTakeFirst();
    if (!participant) throw new AppError('NOT_FOUND', { detail: `no Participant ${code}` });
    const view = await publishedConsultation(app.database, code, Number(id));
    const language = portalLanguage(request);
    const context: PortalContext = {
      participant,
      language,
      t: translator(language),
      publications: await activePublications(app.database.db, code),
      threshold: await smallCountThresholdOf(app.database.db, code),
      path: `${portalBase(code)}/consultations/${id}`,
    };
    return reply
      .status(200)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(consultationLogPage(context, view.log).text);
  });
}
