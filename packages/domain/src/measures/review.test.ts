import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { translator } from '../i18n/catalogs.ts';
import type { PlanPackage } from '../plan/package.ts';
import { reviewPlan } from './review.ts';
import { RULE_GROUP_ORDER, RULE_GROUPS, RULES, type RuleCode } from './rules.ts';
import { activityOf, edit, indicatorOf, makeActivity, makeCost, makeIndicator, makePackage, makePlan } from './test-factories.ts';

const en = translator('en');
const clean = makePackage();

function review(pkg: PlanPackage, planId = 'AP1') {
  return reviewPlan(pkg, planId, `TL/${planId}`, en);
}

/** The subjects of the findings of one rule, in the order the review gives them. */
function subjects(pkg: PlanPackage, rule: RuleCode, planId = 'AP1'): (string | null)[] {
  return review(pkg, planId)
    .findings.filter((finding) => finding.rule === rule)
    .map((finding) => finding.subject);
}

describe('the clean test package', () => {
  it('breaks no rule, so each test below shows one rule alone', () => {
    expect(review(clean)).toEqual({ plan: 'TL/AP1', findings: [], summary: { error: 0, warning: 0, info: 0, byRule: {} } });
  });
});

describe('review rules', () => {
  it('R01 flags an objective that no activity of the plan names', () => {
    const broken = edit(clean, (p) => {
      activityOf(p, 'A5').objective = 'O4';
    });
    expect(subjects(broken, 'R01')).toEqual(['O5']);
    // Named only by an activity of another plan still counts as not named in this one.
    const elsewhere = edit(clean, (p) => {
      p.actionPlans.push(makePlan({ id: 'AP2', activities: [makeActivity({ id: 'B1', objective: 'O5' })] }));
      activityOf(p, 'A5').objective = 'O4';
    });
    expect(subjects(elsewhere, 'R01')).toEqual(['O5']);
    expect(subjects(elsewhere, 'R01', 'AP2')).toEqual(['O1', 'O2', 'O3', 'O4']);
  });

  it('R01 is quiet when one activity, however incomplete, names the objective', () => {
    const nearly = edit(clean, (p) => {
      const a5 = activityOf(p, 'A5');
      delete a5.costs;
      delete a5.indicators;
    });
    expect(subjects(nearly, 'R01')).toEqual([]);
  });

  it('R02 flags a goal without objectives, and not one with a single objective', () => {
    const broken = edit(clean, (p) => {
      p.strategy.goals.push({ id: 'G6', area: 'other', title: 'Other', objectives: [] });
    });
    expect(subjects(broken, 'R02')).toEqual(['G6']);
    expect(review(broken).findings.find((f) => f.rule === 'R02')?.severity).toBe('error');
    const nearly = edit(clean, (p) => {
      p.strategy.goals.push({ id: 'G6', area: 'other', title: 'Other', objectives: [{ id: 'O6', title: 'Six' }] });
    });
    expect(subjects(nearly, 'R02')).toEqual([]);
  });

  it('R03 flags each of the 4P areas that no goal covers, sorted', () => {
    const broken = edit(clean, (p) => {
      for (const goal of p.strategy.goals) if (goal.area !== 'children') goal.area = 'other';
    });
    expect(subjects(broken, 'R03')).toEqual(['partnership', 'prevention', 'prosecution', 'protection']);
    const onlyPrevention = edit(clean, (p) => {
      const g2 = p.strategy.goals[1];
      if (g2) g2.area = 'other';
    });
    expect(subjects(onlyPrevention, 'R03')).toEqual(['prevention']);
  });

  it('R03 counts a supporting-framework goal as covering partnership, and a partnership goal too', () => {
    expect(subjects(clean, 'R03')).toEqual([]);
    const partnership = edit(clean, (p) => {
      const g1 = p.strategy.goals[0];
      if (g1) g1.area = 'partnership';
    });
    expect(subjects(partnership, 'R03')).toEqual([]);
  });

  it('R04 flags a plan with no children goal and no activity tagged children', () => {
    const broken = edit(clean, (p) => {
      const g5 = p.strategy.goals[4];
      if (g5) g5.area = 'other';
    });
    expect(subjects(broken, 'R04')).toEqual([null]);
    const tagged = edit(broken, (p) => {
      activityOf(p, 'A5').tags = ['children'];
    });
    expect(subjects(tagged, 'R04')).toEqual([]);
  });

  it('R05 flags an activity without a lead, not one with a lead and no partners', () => {
    const broken = edit(clean, (p) => {
      delete activityOf(p, 'A2').lead;
    });
    expect(subjects(broken, 'R05')).toEqual(['A2']);
    const nearly = edit(clean, (p) => {
      activityOf(p, 'A2').partners = [];
    });
    expect(subjects(nearly, 'R05')).toEqual([]);
  });

  it('R06 flags an activity missing its start or its end', () => {
    const broken = edit(clean, (p) => {
      delete activityOf(p, 'A3').end;
      delete activityOf(p, 'A2').start;
    });
    expect(subjects(broken, 'R06')).toEqual(['A2', 'A3']);
    const oneDay = edit(clean, (p) => {
      Object.assign(activityOf(p, 'A2'), { start: '2021-05-05', end: '2021-05-05' });
    });
    expect(subjects(oneDay, 'R06')).toEqual([]);
  });

  it('R07 flags an activity that starts before or ends after the plan, not one on its very bounds', () => {
    const broken = edit(clean, (p) => {
      activityOf(p, 'A2').start = '2020-12-31';
      activityOf(p, 'A3').end = '2023-01-01';
    });
    expect(subjects(broken, 'R07')).toEqual(['A2', 'A3']);
    const bounds = edit(clean, (p) => {
      Object.assign(activityOf(p, 'A2'), { start: '2021-01-01', end: '2022-12-31' });
      delete activityOf(p, 'A3').start;
    });
    expect(subjects(bounds, 'R07')).toEqual([]);
  });

  it('R08 flags an activity without a cost line, not one with a line of 0', () => {
    const broken = edit(clean, (p) => {
      activityOf(p, 'A2').costs = [];
      delete activityOf(p, 'A1').costs;
    });
    expect(subjects(broken, 'R08')).toEqual(['A1', 'A2']);
    const zero = edit(clean, (p) => {
      activityOf(p, 'A2').costs = [makeCost({ amount: 0 })];
    });
    expect(subjects(zero, 'R08')).toEqual([]);
  });

  it('R09 flags an activity without indicators', () => {
    const broken = edit(clean, (p) => {
      activityOf(p, 'A2').indicators = [];
    });
    expect(subjects(broken, 'R09')).toEqual(['A2']);
    expect(subjects(clean, 'R09')).toEqual([]);
  });

  it('R10 flags objective and activity indicators without a baseline, a baseline of 0 is one', () => {
    const broken = edit(clean, (p) => {
      delete indicatorOf(p, 'O2-I1').baseline;
      delete indicatorOf(p, 'A2-I1').baseline;
    });
    expect(subjects(broken, 'R10')).toEqual(['A2-I1', 'O2-I1']);
    const zero = edit(clean, (p) => {
      indicatorOf(p, 'O2-I1').baseline = { value: 0, year: 2021 };
    });
    expect(subjects(zero, 'R10')).toEqual([]);
  });

  it('R10–R13 look only at indicators of the reviewed plan and of the strategy', () => {
    const otherPlan = edit(clean, (p) => {
      p.actionPlans.push(
        makePlan({
          id: 'AP2',
          activities: [makeActivity({ id: 'B1', indicators: [{ id: 'B1-I1', name: 'x', level: 'output', measure: 'number' }] })],
        }),
      );
    });
    expect(review(otherPlan).findings).toEqual([]);
    expect(subjects(otherPlan, 'R10', 'AP2')).toEqual(['B1-I1']);
  });

  it('R11 flags an indicator without a target, not one whose target equals its baseline', () => {
    const broken = edit(clean, (p) => {
      delete indicatorOf(p, 'A4-I1').target;
    });
    expect(subjects(broken, 'R11')).toEqual(['A4-I1']);
    const flat = edit(clean, (p) => {
      indicatorOf(p, 'A4-I1').target = { value: 0, year: 2022 };
    });
    expect(subjects(flat, 'R11')).toEqual([]);
  });

  it('R12 flags a number without a unit and a qualitative indicator with fewer than 2 labels', () => {
    const broken = edit(clean, (p) => {
      delete indicatorOf(p, 'A1-I1').unit;
      indicatorOf(p, 'A2-I1').unit = '';
      Object.assign(indicatorOf(p, 'A3-I1'), { measure: 'qualitative', scale: ['low'] });
      Object.assign(indicatorOf(p, 'A4-I1'), { measure: 'qualitative', scale: undefined });
    });
    expect(subjects(broken, 'R12')).toEqual(['A1-I1', 'A2-I1', 'A3-I1', 'A4-I1']);
    const nearly = edit(clean, (p) => {
      Object.assign(indicatorOf(p, 'A3-I1'), { measure: 'qualitative', scale: ['low', 'high'], unit: undefined });
      Object.assign(indicatorOf(p, 'A2-I1'), { measure: 'percentage', unit: undefined });
      Object.assign(indicatorOf(p, 'A1-I1'), { measure: 'yes_no', unit: undefined });
    });
    expect(subjects(nearly, 'R12')).toEqual([]);
  });

  it('R13 flags a target year outside the strategy period, not one on its first or last year', () => {
    const broken = edit(clean, (p) => {
      indicatorOf(p, 'O1-I1').target = { value: 5, year: 2025 };
      indicatorOf(p, 'A1-I1').target = { value: 5, year: 2020 };
    });
    expect(subjects(broken, 'R13')).toEqual(['A1-I1', 'O1-I1']);
    const bounds = edit(clean, (p) => {
      indicatorOf(p, 'O1-I1').target = { value: 5, year: 2024 };
      indicatorOf(p, 'A1-I1').target = { value: 5, year: 2021 };
    });
    expect(subjects(bounds, 'R13')).toEqual([]);
  });

  it('R14 flags an objective without indicators, not one whose only indicator is incomplete', () => {
    const broken = edit(clean, (p) => {
      const o2 = p.strategy.goals[1]?.objectives[0];
      if (o2) o2.indicators = [];
      const o3 = p.strategy.goals[2]?.objectives[0];
      if (o3) delete o3.indicators;
    });
    expect(subjects(broken, 'R14')).toEqual(['O2', 'O3']);
    const nearly = edit(clean, (p) => {
      delete indicatorOf(p, 'O2-I1').baseline;
    });
    expect(subjects(nearly, 'R14')).toEqual([]);
  });

  it('R15 flags each of the five required principles that is not declared', () => {
    const broken = edit(clean, (p) => {
      p.strategy.principles = [
        'civil_society_participation',
        'human_rights_victim_centred',
        'interdisciplinary_cross_sectoral',
        'rule_of_law',
      ];
    });
    expect(subjects(broken, 'R15')).toEqual(['government_ownership', 'sustainability']);
    const more = edit(clean, (p) => {
      p.strategy.principles = [...p.strategy.principles, 'gender_specific' as const, 'non_punishment' as const].reverse();
    });
    expect(subjects(more, 'R15')).toEqual([]);
  });

  it('R16 flags a missing or blank situation analysis', () => {
    expect(
      subjects(
        edit(clean, (p) => void delete p.strategy.situationAnalysis),
        'R16',
      ),
    ).toEqual([null]);
    expect(
      subjects(
        edit(clean, (p) => void (p.strategy.situationAnalysis = ' \n ')),
        'R16',
      ),
    ).toEqual([null]);
    expect(
      subjects(
        edit(clean, (p) => void (p.strategy.situationAnalysis = 'x')),
        'R16',
      ),
    ).toEqual([]);
  });

  it('R17 flags a strategy without risks, R18 a risk without mitigation', () => {
    expect(
      subjects(
        edit(clean, (p) => void (p.strategy.risks = [])),
        'R17',
      ),
    ).toEqual([null]);
    expect(
      subjects(
        edit(clean, (p) => void delete p.strategy.risks),
        'R17',
      ),
    ).toEqual([null]);
    const unmitigated = edit(clean, (p) => {
      p.strategy.risks = [
        { id: 'RSK2', description: 'Elections.', category: 'political', likelihood: 2, impact: 2 },
        { id: 'RSK1', description: 'Cuts.', category: 'financial', likelihood: 2, impact: 2, mitigation: '  ' },
        { id: 'RSK3', description: 'Turnover.', category: 'human_resources', likelihood: 2, impact: 2, mitigation: 'Curricula.' },
      ];
    });
    expect(subjects(unmitigated, 'R17')).toEqual([]);
    expect(subjects(unmitigated, 'R18')).toEqual(['RSK1', 'RSK2']);
    expect(subjects(clean, 'R18')).toEqual([]);
  });

  it('R19 flags no contingency plan or one without a scenario; R20 a plan without minimum services', () => {
    const none = edit(clean, (p) => void delete p.strategy.contingency);
    expect(subjects(none, 'R19')).toEqual([null]);
    expect(subjects(none, 'R20')).toEqual([]);
    const noScenario = edit(clean, (p) => void (p.strategy.contingency = { scenarios: [], minimumServices: ['shelter'] }));
    expect(subjects(noScenario, 'R19')).toEqual([null]);
    expect(subjects(noScenario, 'R20')).toEqual([]);
    const noServices = edit(clean, (p) => {
      p.strategy.contingency = { scenarios: [{ type: 'migrant_influx', description: 'Arrivals.' }], minimumServices: [] };
    });
    expect(subjects(noServices, 'R19')).toEqual([]);
    expect(subjects(noServices, 'R20')).toEqual([null]);
  });

  it('R21 flags missing arrangements, a missing body or a missing reporting frequency, once', () => {
    expect(
      subjects(
        edit(clean, (p) => void delete p.strategy.monitoring),
        'R21',
      ),
    ).toEqual([null]);
    expect(
      subjects(
        edit(clean, (p) => void delete p.strategy.monitoring?.body),
        'R21',
      ),
    ).toEqual([null]);
    expect(
      subjects(
        edit(clean, (p) => void delete p.strategy.monitoring?.reportingFrequency),
        'R21',
      ),
    ).toEqual([null]);
    const bare = edit(clean, (p) => void (p.strategy.monitoring = { body: 'NATC', reportingFrequency: 'annual' }));
    expect(subjects(bare, 'R21')).toEqual([]);
    expect(review(edit(clean, (p) => void delete p.strategy.monitoring)).summary.error).toBe(1);
  });

  it('R22 flags each of mid-term and final evaluation that is not planned', () => {
    expect(
      subjects(
        edit(clean, (p) => void delete p.strategy.monitoring),
        'R22',
      ),
    ).toEqual(['final', 'mid_term']);
    const others = edit(clean, (p) => {
      p.strategy.monitoring = {
        body: 'NATC',
        reportingFrequency: 'annual',
        evaluations: [
          { type: 'impact_analysis', year: 2024 },
          { type: 'thematic', year: 2022 },
          { type: 'mid_term', year: 2030 },
        ],
      };
    });
    expect(subjects(others, 'R22')).toEqual(['final']);
  });

  it('R23 gives the funding gap and the number of unfunded activities', () => {
    const broken = edit(clean, (p) => {
      activityOf(p, 'A2').costs = [
        makeCost({ amount: 1000 }),
        makeCost({ amount: 1234.5, status: 'unfunded' }),
        makeCost({ amount: 0.25, status: 'unfunded' }),
      ];
      activityOf(p, 'A3').costs?.push(makeCost({ amount: 100, status: 'unfunded' }));
    });
    const finding = review(broken).findings.find((f) => f.rule === 'R23');
    expect(finding).toMatchObject({ rule: 'R23', severity: 'info', subject: null });
    expect(finding?.message).toBe('1,334.75 EUR of the planned costs are unfunded, in 2 activities.');
    const pledged = edit(clean, (p) => void activityOf(p, 'A2').costs?.push(makeCost({ status: 'pledged' })));
    expect(subjects(pledged, 'R23')).toEqual([]);
  });

  it('R24 flags a state share under one half, not one of exactly one half or an empty budget', () => {
    const low = edit(clean, (p) => {
      activityOf(p, 'A2').costs = [makeCost({ source: 'donor' })];
      activityOf(p, 'A1').costs = [makeCost({ source: 'other' })];
    }); // 2,000 of 5,000 from the state budget
    expect(subjects(low, 'R24')).toEqual([null]);
    expect(review(low).findings.find((f) => f.rule === 'R24')?.message).toBe(
      'The state budget covers 40.0% of the planned costs, less than half.',
    );
    const half = edit(clean, (p) => void (activityOf(p, 'A2').costs = [makeCost({ source: 'donor', amount: 1500 })])); // 2,500 of 5,000
    expect(subjects(half, 'R24')).toEqual([]);
    const empty = makePackage({ activities: cleanWithoutCosts() });
    expect(subjects(empty, 'R24')).toEqual([]);
    expect(subjects(empty, 'R25')).toEqual([]);
    expect(subjects(empty, 'R23')).toEqual([]);
  });

  it('R25 flags an NGO-led share under 30 %, not one of exactly 30 %', () => {
    const low = edit(clean, (p) => void (activityOf(p, 'A3').costs = [makeCost({ amount: 1000 })])); // 1,000 of 4,000
    expect(subjects(low, 'R25')).toEqual([null]);
    const third = edit(clean, (p) => void (activityOf(p, 'A3').costs = [makeCost({ amount: 1500 })])); // 1,500 of 4,500 = 0.3333
    expect(subjects(third, 'R25')).toEqual([]);
    const thirty = edit(clean, (p) => {
      activityOf(p, 'A3').costs = [makeCost({ amount: 1500 })];
      activityOf(p, 'A1').costs = [makeCost({ amount: 1500 })];
    }); // 1,500 of 5,000 = 0.3
    expect(subjects(thirty, 'R25')).toEqual([]);
    // An NGO as partner does not make the activity NGO-led.
    const partner = edit(clean, (p) => {
      activityOf(p, 'A3').lead = 'MOI';
      activityOf(p, 'A3').partners = ['NGO'];
    });
    expect(subjects(partner, 'R25')).toEqual([null]);
  });

  it('R26 flags a plan with no regional or local activity or lead', () => {
    const national = edit(clean, (p) => void (activityOf(p, 'A4').lead = 'MOI'));
    expect(subjects(national, 'R26')).toEqual([null]);
    const regionalLevel = edit(national, (p) => void (activityOf(p, 'A2').level = 'regional'));
    expect(subjects(regionalLevel, 'R26')).toEqual([]);
    const entityLevel = edit(national, (p) => void (activityOf(p, 'A2').level = 'entity'));
    expect(subjects(entityLevel, 'R26')).toEqual([null]);
    const localPartner = edit(national, (p) => void (activityOf(p, 'A2').partners = ['MUN']));
    expect(subjects(localPartner, 'R26')).toEqual([null]);
  });

  it('R27 flags a plan without a capacity-building activity', () => {
    expect(
      subjects(
        edit(clean, (p) => void (activityOf(p, 'A1').tags = ['awareness'])),
        'R27',
      ),
    ).toEqual([null]);
    expect(
      subjects(
        edit(clean, (p) => void (activityOf(p, 'A5').tags = ['capacity_building', 'children'])),
        'R27',
      ),
    ).toEqual([]);
  });

  it('R28 flags a recommendation that no activity of the plan names', () => {
    const broken = edit(clean, (p) => {
      p.recommendations?.push({ id: 'REC2', source: 'us_tip', year: 2021, text: 'Prosecute.' });
      p.actionPlans.push(makePlan({ id: 'AP2', activities: [makeActivity({ id: 'B1', recommendations: ['REC2'] })] }));
    });
    expect(subjects(broken, 'R28')).toEqual(['REC2']);
    expect(subjects(broken, 'R28', 'AP2')).toEqual(['REC1']);
    const answered = edit(broken, (p) => void (activityOf(p, 'A5').recommendations = ['REC2']));
    expect(subjects(answered, 'R28')).toEqual([]);
    expect(
      subjects(
        edit(clean, (p) => void delete p.recommendations),
        'R28',
      ),
    ).toEqual([]);
  });
});

function cleanWithoutCosts() {
  return makePackage().actionPlans[0]?.activities.map((activity) => ({ ...activity, costs: [makeCost({ amount: 0 })] })) ?? [];
}

describe('review result', () => {
  const messy = edit(clean, (p) => {
    delete p.strategy.situationAnalysis;
    delete p.strategy.monitoring;
    delete activityOf(p, 'A2').lead;
    delete activityOf(p, 'A1').lead;
    activityOf(p, 'A3').costs?.push(makeCost({ status: 'unfunded', amount: 10 }));
  });

  it('sorts findings by rule, then subject, with null first', () => {
    const { findings } = review(messy);
    expect(findings.map((f) => [f.rule, f.subject])).toEqual([
      ['R05', 'A1'],
      ['R05', 'A2'],
      ['R16', null],
      ['R21', null],
      ['R22', 'final'],
      ['R22', 'mid_term'],
      ['R23', null],
    ]);
  });

  it('puts a null subject before others of the same rule and orders subjects by code points', () => {
    const odd = edit(clean, (p) => {
      p.strategy.goals.push({ id: 'Z', area: 'other', title: 'z', objectives: [] }, { id: 'a', area: 'other', title: 'a', objectives: [] });
      p.strategy.goals.push(
        { id: 'É', area: 'other', title: 'e', objectives: [] },
        { id: '😀', area: 'other', title: 'x', objectives: [] },
      );
      p.strategy.goals.push({ id: '\uff21', area: 'other', title: 'fullwidth A', objectives: [] });
    });
    expect(subjects(odd, 'R02')).toEqual(['Z', 'a', 'É', '\uff21', '😀']);
  });

  it('counts findings per severity with all three keys, and per rule only where there are findings', () => {
    expect(review(messy).summary).toEqual({ error: 3, warning: 3, info: 1, byRule: { R05: 2, R16: 1, R21: 1, R22: 2, R23: 1 } });
  });

  it('gives each finding the severity of its rule and a message in the reader language', () => {
    const severities = new Map(RULES.map((rule) => [rule.code, rule.severity]));
    for (const finding of review(messy).findings) expect(finding.severity).toBe(severities.get(finding.rule));
    const sr = reviewPlan(messy, 'AP1', 'TL/AP1', translator('sr-Cyrl'));
    expect(sr.findings[0]?.message).toBe('Активност A1 нема институцију носиоца.');
    expect(sr.findings.find((f) => f.rule === 'R23')?.message).toBe(
      'За 10,00 EUR планираних трошкова нису обезбеђена средства; то се односи на 1 активност.',
    );
    const cnr = reviewPlan(messy, 'AP1', 'TL/AP1', translator('cnr'));
    expect(cnr.findings.find((f) => f.rule === 'R22')?.message).toBe('Nije planirana završna evaluacija.');
  });

  it('fails with NOT_FOUND for a plan the package does not hold', () => {
    expect(() => review(clean, 'AP9')).toThrow(AppError);
    try {
      review(clean, 'AP9');
    } catch (error) {
      expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    }
  });
});

describe('rule data', () => {
  it('lists R01–R28 in order, each with a group heading of the seed assessment', () => {
    expect(RULES.map((rule) => rule.code)).toEqual(Array.from({ length: 28 }, (_, i) => `R${String(i + 1).padStart(2, '0')}`));
    expect(Object.keys(RULE_GROUPS).sort()).toEqual(RULES.map((rule) => rule.code));
    for (const group of Object.values(RULE_GROUPS)) expect(RULE_GROUP_ORDER).toContain(group);
    expect(new Set(Object.values(RULE_GROUPS)).size).toBe(RULE_GROUP_ORDER.length);
  });

  it('uses the names and severities of the measures.md table', () => {
    expect(RULES.find((rule) => rule.code === 'R05')).toEqual({ code: 'R05', name: 'ACTIVITY_NO_LEAD', severity: 'error' });
    expect(RULES.filter((rule) => rule.severity === 'error').map((rule) => rule.code)).toEqual(['R02', 'R05', 'R06', 'R11', 'R21']);
    expect(RULES.filter((rule) => rule.severity === 'info').map((rule) => rule.code)).toEqual(['R23', 'R25', 'R26']);
  });
});

describe('an unusual but valid plan', () => {
  it('reviews an action plan with no activities at all', () => {
    const empty = makePackage({ activities: [] });
    expect(review(empty).findings.map((f) => [f.rule, f.subject])).toEqual([
      ['R01', 'O1'],
      ['R01', 'O2'],
      ['R01', 'O3'],
      ['R01', 'O4'],
      ['R01', 'O5'],
      ['R26', null],
      ['R27', null],
      ['R28', 'REC1'],
    ]);
  });

  it('keeps one finding per indicator even when one indicator breaks several rules', () => {
    const bad = edit(clean, (p) => {
      activityOf(p, 'A1').indicators = [makeIndicator({ id: 'X', unit: undefined, baseline: undefined, target: { value: 1, year: 2030 } })];
    });
    expect(
      review(bad)
        .findings.filter((f) => f.subject === 'X')
        .map((f) => f.rule),
    ).toEqual(['R10', 'R12', 'R13']);
  });
});
