import { abilitiesFor, isRole, planAbilitiesFor, type Actor, type Role } from '@ariadne/domain';
import type { FastifyInstance } from 'fastify';
import type { ActiveSession } from '../auth/sessions.ts';

/** The session as the web application sees it: the user, their roles, their abilities and the CSRF token. */
export async function presentSession(app: FastifyInstance, session: ActiveSession, actor: Actor) {
  const rows = await app.database.db
    .selectFrom('memberships')
    .innerJoin('participants', 'participants.id', 'memberships.participant_id')
    .leftJoin('institutions', 'institutions.id', 'memberships.institution_id')
    .leftJoin('action_plans', 'action_plans.id', 'memberships.action_plan_id')
    .select([
      'action_plans.code as plan',
      'participants.code',
      'participants.name',
      'participants.currency',
      'memberships.role',
      'institutions.code as institution_code',
      'institutions.name as institution_name',
    ])
    .where('memberships.user_id', '=', session.user.id)
    .orderBy('participants.code')
    .orderBy('memberships.role')
    .execute();
  return {
    user: session.user,
    memberships: rows.flatMap((row) =>
      isRole(row.role)
        ? [
            {
              participant: { code: row.code, name: row.name, currency: row.currency },
              role: row.role satisfies Role,
              institution:
                row.institution_code !== null && row.institution_name !== null
                  ? { code: row.institution_code, name: row.institution_name }
                  : null,
              plan: row.plan,
            },
          ]
        : [],
    ),
    abilities: abilitiesFor(actor),
    planAbilities: planAbilitiesFor(actor),
    csrfToken: session.csrfToken,
  };
}
