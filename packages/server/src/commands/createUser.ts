import { randomInt } from 'node:crypto';
import { AppError, type FieldIssue, type Role } from '@ariadne/domain';
import { recordAudit, type AuditActor, type Database } from '@ariadne/db';
import { hashPassword } from '../auth/passwords.ts';

export type CreateUserOptions = {
  participant: string;
  email: string;
  displayName?: string;
  role: Role;
  /** The institution a focal point reports for (its code); required for focal points, refused for others. */
  institution?: string | null;
  /** The local plan a local coordinator coordinates (its action plan's code); required for them, refused for others. */
  plan?: string | null;
  actor: AuditActor;
  /** A chosen password (the demo); otherwise a one-time password is generated and must be changed at first sign-in. */
  password?: string;
};

export type CreatedUser = { userId: number; oneTimePassword: string | null };

// No 0/O, 1/l/I: the password is read aloud or copied from paper.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A random one-time password of four groups, e.g. `k7pm-x2qa-…`, about 98 bits. */
export function oneTimePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g += 1) {
    let group = '';
    for (let i = 0; i < 5; i += 1) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** Creates an account with one role in one Participant, audited with the account's details. */
export async function createUser(database: Database, options: CreateUserOptions): Promise<CreatedUser> {
  const email = options.email.trim().toLowerCase();
  const issues: FieldIssue[] = [];
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) issues.push({ path: 'email', key: 'invalid_email' });
  if (options.role === 'focal_point' && !options.institution) issues.push({ path: 'institution', key: 'required' });
  if (options.role !== 'focal_point' && options.institution) issues.push({ path: 'institution', key: 'invalid' });
  if (options.role === 'local_coordinator' && !options.plan) issues.push({ path: 'plan', key: 'local_coordinator_needs_plan' });
  if (options.role !== 'local_coordinator' && options.plan) issues.push({ path: 'plan', key: 'invalid' });
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { issues });

  const generated = options.password === undefined ? oneTimePassword() : null;
  const passwordHash = await hashPassword(options.password ?? generated ?? '');
  const displayName = options.displayName?.trim() || email.split('@')[0] || email;

  return database.db.transaction().execute(async (trx) => {
    const participant = await trx
      .selectFrom('participants')
      .select(['id', 'code'])
      .where('code', '=', options.participant)
      .executeTakeFirst();
    if (!participant) {
      throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'participant', key: 'invalid_value' }] });
    }
    let institutionId: number | null = null;
    if (options.institution) {
      const institution = await trx
        .selectFrom('institutions')
        .select('id')
        .where('participant_id', '=', participant.id)
        .where('code', '=', options.institution)
        .executeTakeFirst();
      if (!institution) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'institution', key: 'invalid_value' }] });
      institutionId = institution.id;
    }
    let planId: number | null = null;
    if (options.plan) {
      const local = await trx
        .selectFrom('local_plans')
        .innerJoin('action_plans', 'action_plans.id', 'local_plans.action_plan_id')
        .select('action_plans.id')
        .where('local_plans.participant_id', '=', participant.id)
        .where('action_plans.code', '=', options.plan)
        .executeTakeFirst();
      if (!local)
        throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'plan', key: 'local_plan_not_local', params: { id: options.plan } }] });
      planId = local.id;
    }
    const existing = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (existing) throw new AppError('ALREADY_EXISTS', { issues: [{ path: 'email', key: 'email_taken' }], detail: email });

    const user = await trx
      .insertInto('users')
      .values({
        email,
        display_name: displayName,
        password_hash: passwordHash,
        must_change_password: generated !== null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('memberships')
      .values({
        user_id: user.id,
        participant_id: participant.id,
        role: options.role,
        institution_id: institutionId,
        action_plan_id: planId,
      })
      .execute();
    await recordAudit(trx, {
      actor: options.actor,
      participantId: participant.id,
      action: 'user.create',
      entity: 'user',
      entityId: user.id,
      after: {
        email,
        displayName,
        role: options.role,
        institution: options.institution ?? null,
        ...(options.plan ? { plan: options.plan } : {}),
      },
    });
    return { userId: user.id, oneTimePassword: generated };
  });
}
