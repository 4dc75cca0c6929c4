import { describe, expect, it } from 'vitest';
import { planProgress } from '../measures/progress.ts';
import { edit, makeActivity, makePackage, makePlan, makeReport, makeRound } from '../measures/test-factories.ts';
import type { PlanPackage } from '../plan/package.ts';
import { localPlanGlance } from './glance.ts';
import { rollUpProgress } from './rollup.ts';
import { editsOutsidePlans } from './scope.ts';

/**
 * Testland's national plan AP1 (five activities, A4 at local level) and two local plans: Velmora's
 * LP-VEL (L1 implements A1, L2 implements A2) and Dunbrek's LP-DUN (D1 implements A1).
 */
function withLocalPlans(rounds: ReturnType<typeof makeRound>[] = []): PlanPackage {
  return edit(makePackage({ monitoring: { rounds } }), (draft) => {
    draft.institutions.push({ id: 'MUN-DUN', name: 'Municipality of Dunbrek', type: 'local_government', level: 'local', area: 'Dunbrek' });
    const a4 = draft.actionPlans[0]?.activities.find((activity) => activity.id === 'A4');
    if (a4) a4.level = 'local';
    draft.actionPlans.push(
      makePlan({
        id: 'LP-VEL',
        status: 'draft',
        activities: [
          makeActivity({ id: 'L1', lead: 'MUN', level: 'local', end: '2021-06-30' }),
          makeActivity({ id: 'L2', lead: 'MUN', level: 'local' }),
        ],
      }),
      makePlan({ id: 'LP-DUN', activities: [makeActivity({ id: 'D1', lead: 'MUN-DUN', level: 'local' })] }),
    );
  });
}

const AS_OF = '2021-12-31';

describe('the roll-up of local plans into the national progress overview', () => {
  const rounds = [
    makeRound('2021-H2', '2021-12-31', [
      makeReport('NATC', [['A1', 'completed']]),
      makeReport('MUN', [
        ['L2', 'completed'],
        ['A4', 'ongoing'],
      ]),
      makeReport('MUN-DUN', [['D1', 'ongoing']]),
    ]),
  ];
  const pkg = withLocalPlans(rounds);
  const national = planProgress(pkg, 'AP1', AS_OF, 'TL/AP1');
  const velmora = planProgress(pkg, 'LP-VEL', AS_OF, 'TL/LP-VEL');
  const dunbrek = planProgress(pkg, 'LP-DUN', AS_OF, 'TL/LP-DUN');
  const rollUp = rollUpProgress(pkg, 'AP1', national, [
    { ref: { plan: 'LP-VEL', body: 'MUN', level: 'local', area: 'Velmora' }, progress: velmora },
    { ref: { plan: 'LP-DUN', body: 'MUN-DUN', level: 'local', area: 'Dunbrek' }, progress: dunbrek },
  ]);

  it('counts the national activities at their own level and the local plans’ at their body’s', () => {
    expect(rollUp.byLevel.map((group) => [group.level, group.total])).toEqual([
      ['national', 4],
      ['local', 4],
    ]);
    const local = rollUp.byLevel.find((group) => group.level === 'local');
    // A4 (ongoing), L1 (ended in June, not reported: delayed), L2 (completed), D1 (ongoing).
    expect(local?.byStatus).toEqual({ not_started: 0, ongoing: 2, completed: 1, delayed: 1, cancelled: 0 });
    expect(local?.implementationRate).toBe(0.25);
    const nationalLevel = rollUp.byLevel.find((group) => group.level === 'national');
    expect(nationalLevel?.byStatus.completed).toBe(1);
  });

  it('gives each local area its plans and the same statuses as their own progress', () => {
    expect(rollUp.byArea.map((group) => [group.area, group.plans, group.total])).toEqual([
      ['Dunbrek', ['LP-DUN'], 1],
      ['Velmora', ['LP-VEL'], 2],
    ]);
    const velmoraArea = rollUp.byArea.find((group) => group.area === 'Velmora');
    expect(velmoraArea?.byStatus).toEqual(velmora.activities.byStatus);
    expect(velmoraArea?.implementationRate).toBe(velmora.activities.implementationRate);
  });

  it('adds up to the national plan and the local plans together', () => {
    const total = rollUp.byLevel.reduce((sum, group) => sum + group.total, 0);
    expect(total).toBe(national.activities.total + velmora.activities.total + dunbrek.activities.total);
    expect(rollUp.plan).toBe('TL/AP1');
    expect(rollUp.asOf).toBe(AS_OF);
  });

  it('shows the national levels alone when no local plan implements the plan', () => {
    const alone = rollUpProgress(pkg, 'AP1', national, []);
    expect(alone.byArea).toEqual([]);
    expect(alone.byLevel.map((group) => [group.level, group.total])).toEqual([
      ['national', 4],
      ['local', 1],
    ]);
  });
});

describe('a local plan at a glance', () => {
  it('gives its activities’ shares, its latest round’s reports and the national activities it implements', () => {
    const pkg = withLocalPlans([
      makeRound('2021-H1', '2021-06-30', [makeReport('MUN', [['L1', 'ongoing']])]),
      makeRound('2021-H2', '2021-12-31', [makeReport('MUN', [['L2', 'completed']], { status: 'submitted' })]),
    ]);
    const progress = planProgress(pkg, 'LP-VEL', AS_OF, 'TL/LP-VEL');
    const glance = localPlanGlance(
      pkg,
      'LP-VEL',
      progress,
      [
        { activity: 'L2', national: 'A2', nationalPlan: 'AP1' },
        { activity: 'L1', national: 'A1', nationalPlan: 'AP1' },
        { activity: 'D1', national: 'A1', nationalPlan: 'AP1' },
      ],
      '2022-01-20',
    );
    expect(glance).toMatchObject({ plan: 'LP-VEL', status: 'draft', activities: 2, implements: ['A1', 'A2'] });
    // L1 ended in June and its only accepted word is "ongoing": delayed; L2's report is not accepted yet.
    expect(glance.shares).toEqual({ completed: 0, ongoing: 0, delayed: 0.5 });
    // MUN leads both activities and sent its report of the latest round; NATC is no one's lead here.
    expect(glance.latestRound).toEqual({ id: '2021-H2', deadline: '2021-12-31', expected: 1, received: 1, overdue: 0 });
  });

  it('counts as overdue an institution that owes a report past the deadline', () => {
    const pkg = withLocalPlans([makeRound('2021-H2', '2021-12-31', [makeReport('MUN', [], { status: 'draft' })])]);
    const glance = localPlanGlance(pkg, 'LP-DUN', planProgress(pkg, 'LP-DUN', AS_OF, 'TL/LP-DUN'), [], '2022-01-20');
    // MUN-DUN has no report in the round at all.
    expect(glance.latestRound).toEqual({ id: '2021-H2', deadline: '2021-12-31', expected: 1, received: 0, overdue: 1 });
    expect(glance.implements).toEqual([]);
  });

  it('has no round before the first one covering it', () => {
    const pkg = withLocalPlans();
    const glance = localPlanGlance(pkg, 'LP-VEL', planProgress(pkg, 'LP-VEL', AS_OF, 'TL/LP-VEL'), [], AS_OF);
    expect(glance.latestRound).toBeNull();
  });
});

describe('edits within a local coordinator’s plan', () => {
  const pkg = withLocalPlans();
  const activity = { id: 'L3', objective: 'O1', title: 'Train the municipal team', lead: 'MUN', level: 'local' };

  it('lets through the plan’s own activities, indicators and title', () => {
    expect(
      editsOutsidePlans(
        pkg,
        [
          { op: 'update', kind: 'activity', code: 'L1', version: 1, data: { ...activity, id: 'L1' } },
          { op: 'create', kind: 'activity', parent: 'LP-VEL', data: activity },
          // Under the activity created just before.
          {
            op: 'create',
            kind: 'indicator',
            parent: 'L3',
            data: { id: 'L3-I1', name: 'Teams trained', level: 'output', measure: 'number' },
          },
          {
            op: 'update',
            kind: 'action_plan',
            code: 'LP-VEL',
            version: 1,
            data: { id: 'LP-VEL', title: 'Velmora', start: '2021-01-01', end: '2022-12-31' },
          },
          { op: 'delete', kind: 'activity', code: 'L2', version: 1 },
        ],
        ['LP-VEL'],
      ),
    ).toEqual([]);
  });

  it('refuses the strategy’s elements, another plan’s, new plans and moves out of the plan', () => {
    expect(
      editsOutsidePlans(
        pkg,
        [
          { op: 'update', kind: 'goal', code: 'G1', version: 1, data: {} },
          { op: 'update', kind: 'objective', code: 'O1', version: 1, data: {} },
          { op: 'update', kind: 'activity', code: 'A1', version: 1, data: { ...activity, id: 'A1' } },
          { op: 'create', kind: 'activity', parent: 'AP1', data: activity },
          { op: 'create', kind: 'action_plan', data: { id: 'LP-NEW', title: 'New', start: '2021-01-01', end: '2021-12-31' } },
          { op: 'delete', kind: 'action_plan', code: 'LP-VEL', version: 1 },
          { op: 'move', kind: 'activity', code: 'L1', parent: 'AP1', position: 0 },
          { op: 'update', kind: 'indicator', code: 'O1-I1', version: 1, data: {} },
          { op: 'update', kind: 'activity', code: 'D1', version: 1, data: { ...activity, id: 'D1' } },
        ],
        ['LP-VEL'],
      ),
    ).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
