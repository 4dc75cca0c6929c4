import { readdirSync, readFileSync } from 'node:fs';
import type { InstitutionType, Level, PlanPackage, Role } from '@ariadne/domain';
import { findStrategy, insertPublication, recordAudit, type Database, type PublicationKind } from '@ariadne/db';
import type { Transaction } from 'kysely';
import type { Schema } from '@ariadne/db';
import { hashPassword } from '../auth/passwords.ts';
import { checkPlanPackageText, importPlanPackageWith } from './importPlanPackage.ts';
import { createLocalPlanWith, linkLocalActivityWith } from './localPlans.ts';

const DEMO_PACKAGE = new URL('../../demo/demoland.plan.json', import.meta.url);

/**
 * Westmark's strategy and action plan with two years of results, all published: its indicators are
 * named as Demoland's, so that the regional picture compares them once Demoland publishes its own.
 */
const WESTMARK_PACKAGE = new URL('../../demo/westmark.plan.json', import.meta.url);

/**
 * The six MARRI Participants' strategic cycles as the regional assessment of summer 2020 describes
 * them, one plan package per strategy, all published.
 */
const MARRI_PACKAGES = new URL('../../demo/marri/', import.meta.url);

/** The Participant codes of the MARRI packages, in the order of the assessment's tables. */
export const MARRI_PARTICIPANTS = ['AL', 'BA', 'XK', 'ME', 'MK', 'RS'] as const;

/** The MARRI plan packages, checked like any import, in the order of their file names. */
export function marriPackages(): PlanPackage[] {
  return readdirSync(MARRI_PACKAGES)
    .filter((name) => name.endsWith('.plan.json'))
    .sort()
    .map((name) => checkPlanPackageText(readFileSync(new URL(name, MARRI_PACKAGES), 'utf8')));
}

/** The password of every demo account; printed at start-up, never used outside the demo. */
export const DEMO_PASSWORD = 'demoland-2021';

type DemoInstitution = { id: string; name: string; type: InstitutionType; level: Level; area?: string };
type DemoParticipant = { code: string; name: string; currency: string; locale?: string; institutions: DemoInstitution[] };

/** A second, smaller fictional Participant, so that regional users and the Participant switcher can be seen. */
const WESTMARK: DemoParticipant = {
  code: 'WM',
  name: 'Westmark',
  currency: 'EUR',
  locale: 'en',
  institutions: [
    { id: 'NCO', name: 'National Coordinator’s Office', type: 'coordination_body', level: 'national' },
    { id: 'MOI', name: 'Ministry of Internal Affairs', type: 'government', level: 'national' },
    { id: 'SWC', name: 'Centre for Social Work of Westmark', type: 'social_services', level: 'national' },
    { id: 'NGO-AS', name: 'Astra Westmark', type: 'ngo', level: 'national' },
  ],
};

/**
 * Velmora's local action plan for 2022, a draft of Demoland's strategy coordinated by the
 * Municipality of Velmora: its two activities implement activities of the national plan 2021–2022.
 */
export const DEMO_LOCAL_PLAN = {
  body: 'MUN-VEL',
  actionPlan: {
    id: 'LAP-VEL-2022',
    title: 'Local Action Plan of Velmora 2022 against Trafficking in Human Beings',
    start: '2022-01-01',
    end: '2022-12-31',
    status: 'draft',
    activities: [
      {
        id: 'LA-VEL-1',
        objective: 'O1.1',
        title: 'Set up the local anti-trafficking team of Velmora and sign its cooperation protocol',
        lead: 'MUN-VEL',
        start: '2022-01-01',
        end: '2022-06-30',
        level: 'local',
        tags: ['coordination'],
      },
      {
        id: 'LA-VEL-2',
        objective: 'O2.1',
        title: 'Hold awareness sessions in the secondary schools of Velmora',
        lead: 'MUN-VEL',
        start: '2022-03-01',
        end: '2022-12-31',
        level: 'local',
        tags: ['awareness', 'children'],
      },
    ],
  },
  links: [
    { activity: 'LA-VEL-1', national: 'A1.1.2' },
    { activity: 'LA-VEL-2', national: 'A2.1.3' },
  ],
} as const satisfies {
  body: string;
  actionPlan: PlanPackage['actionPlans'][number];
  links: readonly { activity: string; national: string }[];
};

/** Demoland's package with Velmora's local plan added as one more action plan of its strategy. */
export function withDemoLocalPlan(plan: PlanPackage): PlanPackage {
  const local = structuredClone(DEMO_LOCAL_PLAN.actionPlan) as PlanPackage['actionPlans'][number];
  return { ...plan, actionPlans: [...plan.actionPlans, local] };
}

/** The demo accounts: one per role, as `role@demoland.example`. */
export const DEMO_ACCOUNTS: {
  email: string;
  displayName: string;
  roles: { participant: string; role: Role; institution?: string; plan?: string }[];
}[] = [
  { email: 'coordinator@demoland.example', displayName: 'Mira Kovač', roles: [{ participant: 'DL', role: 'coordinator' }] },
  { email: 'editor@demoland.example', displayName: 'Arben Hoxha', roles: [{ participant: 'DL', role: 'editor' }] },
  {
    email: 'focal.point@demoland.example',
    displayName: 'Dragan Petrović',
    roles: [{ participant: 'DL', role: 'focal_point', institution: 'POL' }],
  },
  {
    email: 'social.focal.point@demoland.example',
    displayName: 'Lejla Begović',
    roles: [{ participant: 'DL', role: 'focal_point', institution: 'MLSP' }],
  },
  { email: 'observer@demoland.example', displayName: 'Elena Stojanovska', roles: [{ participant: 'DL', role: 'observer' }] },
  { email: 'donor@demoland.example', displayName: 'Ingrid Nordahl', roles: [{ participant: 'DL', role: 'donor' }] },
  { email: 'rapporteur@demoland.example', displayName: 'Amra Hadžić', roles: [{ participant: 'DL', role: 'rapporteur' }] },
  {
    email: 'regional@demoland.example',
    displayName: 'Vesna Marković',
    roles: [
      { participant: 'DL', role: 'regional' },
      { participant: 'WM', role: 'regional' },
      ...MARRI_PARTICIPANTS.map((participant) => ({ participant, role: 'regional' as const })),
    ],
  },
  {
    email: 'local.coordinator@demoland.example',
    displayName: 'Jasmina Ristovska',
    roles: [{ participant: 'DL', role: 'local_coordinator', plan: DEMO_LOCAL_PLAN.actionPlan.id }],
  },
];

/**
 * Loads the demo data: the fictional Participant Demoland with its whole plan package (strategy,
 * action plans, institutions, recommendations, monitoring history), the smaller Westmark with its
 * published plan and results, the six MARRI Participants' strategies and action plans (published), and one account
 * per role. Running it again adds only what is missing.
 */
export async function loadDemo(database: Database): Promise<{ created: boolean }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const demoland = withDemoLocalPlan(checkPlanPackageText(readFileSync(DEMO_PACKAGE, 'utf8')));
  const westmark = checkPlanPackageText(readFileSync(WESTMARK_PACKAGE, 'utf8'));
  const marri = marriPackages();
  return database.db.transaction().execute(async (trx) => {
    let created = await ensurePlanPackage(trx, demoland);
    if (created) await markDemoLocalPlan(trx, demoland.participant.code);
    created = (await ensureParticipant(trx, WESTMARK)) || created;
    if (await ensurePlanPackage(trx, westmark)) {
      await publishPlanPackage(trx, westmark, { indicators: true });
      created = true;
    }
    for (const plan of marri) {
      // Published when imported: a publication withdrawn since stays withdrawn.
      if (await ensurePlanPackage(trx, plan)) {
        await publishPlanPackage(trx, plan);
        created = true;
      }
    }
    for (const account of DEMO_ACCOUNTS) {
      created = (await ensureAccount(trx, account, passwordHash)) || created;
    }
    return { created };
  });
}

/** Marks Velmora's plan as local and links its activities to the national ones, as the national coordinator would, audited. */
async function markDemoLocalPlan(trx: Transaction<Schema>, participant: string): Promise<void> {
  const actor = { system: 'demo' };
  const plan = DEMO_LOCAL_PLAN.actionPlan.id;
  await createLocalPlanWith(trx, { participant, plan, body: DEMO_LOCAL_PLAN.body, actor });
  for (const link of DEMO_LOCAL_PLAN.links) {
    await linkLocalActivityWith(trx, { participant, plan, activity: link.activity, national: link.national, actor });
  }
}

/** Imports the package through the importer unless its strategy is already there (as imported or as since edited). */
async function ensurePlanPackage(trx: Transaction<Schema>, plan: PlanPackage): Promise<boolean> {
  if (await findStrategy(trx, plan.participant.code, plan.strategy.id)) return false;
  await importPlanPackageWith(trx, { plan, actor: { system: 'demo' } });
  return true;
}

/**
 * Publishes a strategy just imported and each of its action plans (with their indicators when
 * asked), as its coordinator would, audited.
 */
async function publishPlanPackage(trx: Transaction<Schema>, plan: PlanPackage, options: { indicators?: boolean } = {}): Promise<void> {
  const strategy = await findStrategy(trx, plan.participant.code, plan.strategy.id);
  if (!strategy) throw new Error(`${plan.participant.code}/${plan.strategy.id} was not imported`);
  const items: { kind: PublicationKind; plan: string | null; title: string }[] = [
    { kind: 'strategy', plan: null, title: plan.strategy.title },
    ...plan.actionPlans.map((actionPlan) => ({ kind: 'action_plan' as const, plan: actionPlan.id, title: actionPlan.title })),
    ...(options.indicators
      ? plan.actionPlans.map((actionPlan) => ({ kind: 'indicator_set' as const, plan: actionPlan.id, title: actionPlan.title }))
      : []),
  ];
  for (const item of items) {
    const { publication, created } = await insertPublication(trx, strategy.participantId, {
      ...item,
      strategyId: strategy.id,
      documentRunId: null,
      publishedBy: null,
    });
    if (!created) continue;
    await recordAudit(trx, {
      actor: { system: 'demo' },
      participantId: strategy.participantId,
      action: 'publication.published',
      entity: 'publication',
      entityId: publication.id,
      after: { kind: publication.kind, strategy: publication.strategy, plan: publication.plan, documentRun: publication.documentRun },
    });
  }
}

async function ensureParticipant(trx: Transaction<Schema>, participant: DemoParticipant): Promise<boolean> {
  const existing = await trx.selectFrom('participants').select('id').where('code', '=', participant.code).executeTakeFirst();
  if (existing) return false;
  const row = await trx
    .insertInto('participants')
    .values({ code: participant.code, name: participant.name, currency: participant.currency, locale: participant.locale ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('institutions')
    .values(
      participant.institutions.map((institution) => ({
        participant_id: row.id,
        code: institution.id,
        name: institution.name,
        type: institution.type,
        level: institution.level,
        area: institution.area ?? null,
      })),
    )
    .execute();
  await recordAudit(trx, {
    actor: { system: 'demo' },
    participantId: row.id,
    action: 'participant.create',
    entity: 'participant',
    entityId: participant.code,
    after: { name: participant.name, currency: participant.currency, institutions: participant.institutions.length },
  });
  return true;
}

/**
 * Creates the account with its memberships, or gives an existing one the memberships it lacks (a
 * demo database from before the MARRI Participants were added).
 */
async function ensureAccount(trx: Transaction<Schema>, account: (typeof DEMO_ACCOUNTS)[number], passwordHash: string): Promise<boolean> {
  const existing = await trx.selectFrom('users').select('id').where('email', '=', account.email).executeTakeFirst();
  const user =
    existing ??
    (await trx
      .insertInto('users')
      .values({ email: account.email, display_name: account.displayName, password_hash: passwordHash })
      .returning('id')
      .executeTakeFirstOrThrow());
  const held = existing
    ? await trx
        .selectFrom('memberships')
        .innerJoin('participants', 'participants.id', 'memberships.participant_id')
        .select(['participants.code', 'memberships.role'])
        .where('memberships.user_id', '=', user.id)
        .execute()
    : [];
  let created = existing === undefined;
  for (const membership of account.roles) {
    if (held.some((row) => row.code === membership.participant && row.role === membership.role)) continue;
    const participant = await trx
      .selectFrom('participants')
      .select('id')
      .where('code', '=', membership.participant)
      .executeTakeFirstOrThrow();
    // A local coordinator's plan; a demo database from before it was added has none, and no such account.
    const plan = membership.plan
      ? await trx
          .selectFrom('action_plans')
          .select('id')
          .where('participant_id', '=', participant.id)
          .where('code', '=', membership.plan)
          .executeTakeFirst()
      : null;
    if (plan === undefined) continue;
    const institution = membership.institution
      ? await trx
          .selectFrom('institutions')
          .select('id')
          .where('participant_id', '=', participant.id)
          .where('code', '=', membership.institution)
          .executeTakeFirstOrThrow()
      : null;
    await trx
      .insertInto('memberships')
      .values({
        user_id: user.id,
        participant_id: participant.id,
        role: membership.role,
        institution_id: institution?.id ?? null,
        action_plan_id: plan?.id ?? null,
      })
      .execute();
    await recordAudit(trx, {
      actor: { system: 'demo' },
      participantId: participant.id,
      action: 'user.create',
      entity: 'user',
      entityId: user.id,
      after: {
        email: account.email,
        role: membership.role,
        institution: membership.institution ?? null,
        ...(membership.plan ? { plan: membership.plan } : {}),
      },
    });
    created = true;
  }
  return created;
}
