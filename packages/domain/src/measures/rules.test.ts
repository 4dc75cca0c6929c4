import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/catalogs.ts';
import type { PlanPackage } from '../plan/package.ts';
import { reviewPlan } from './review.ts';
import { ELEMENT_SUBJECTS, RULE_SUBJECTS, RULES, type RuleSubject } from './rules.ts';
import { edit, makePackage } from './test-factories.ts';

/** Every element of a package by code, with its kind. */
function elementKinds(pkg: PlanPackage): Map<string, RuleSubject> {
  const kinds = new Map<string, RuleSubject>();
  for (const goal of pkg.strategy.goals) {
    kinds.set(goal.id, 'goal');
    for (const objective of goal.objectives) {
      kinds.set(objective.id, 'objective');
      for (const indicator of objective.indicators ?? []) kinds.set(indicator.id, 'indicator');
    }
  }
  for (const plan of pkg.actionPlans) {
    for (const activity of plan.activities) {
      kinds.set(activity.id, 'activity');
      for (const indicator of activity.indicators ?? []) kinds.set(indicator.id, 'indicator');
    }
  }
  for (const risk of pkg.strategy.risks ?? []) kinds.set(risk.id, 'risk');
  for (const recommendation of pkg.recommendations ?? []) kinds.set(recommendation.id, 'recommendation');
  return kinds;
}

describe('the subjects of the rules', () => {
  it('names a kind of subject, or none, for every rule', () => {
    expect(Object.keys(RULE_SUBJECTS)).toEqual(RULES.map((rule) => rule.code));
  });

  it('matches what the findings name: an element of that kind, or no element at all', () => {
    // A package that breaks rules of every kind of subject.
    const broken = edit(makePackage(), (p) => {
      p.strategy.goals.push({ id: 'G9', area: 'other', title: 'Empty goal', objectives: [] });
      p.strategy.goals[0]?.objectives.push({ id: 'O9', title: 'Objective without activities' });
      delete p.strategy.situationAnalysis;
      const activity = p.actionPlans[0]?.activities[0];
      if (activity) {
        delete activity.lead;
        activity.indicators = [];
        activity.costs = [];
      }
      const indicator = p.strategy.goals[0]?.objectives[0]?.indicators?.[0];
      if (indicator) delete indicator.baseline;
      const risk = p.strategy.risks?.[0];
      if (risk) delete risk.mitigation;
      p.strategy.principles = [];
      p.recommendations?.push({ id: 'REC2', source: 'greta', year: 2021, text: 'Not addressed.' });
      if (p.strategy.monitoring) p.strategy.monitoring.evaluations = [];
    });
    const kinds = elementKinds(broken);
    const findings = reviewPlan(broken, 'AP1', 'TL/AP1', translator('en')).findings;
    const seen = new Set<string>();
    for (const finding of findings) {
      const kind = RULE_SUBJECTS[finding.rule as keyof typeof RULE_SUBJECTS];
      seen.add(kind ?? 'none');
      if (kind === null) expect(finding.subject, finding.rule).toBeNull();
      else if (ELEMENT_SUBJECTS.includes(kind)) expect(kinds.get(finding.subject ?? ''), `${finding.rule} ${finding.subject}`).toBe(kind);
      else expect(kinds.has(finding.subject ?? ''), `${finding.rule} ${finding.subject}`).toBe(false);
    }
    expect([...seen].sort()).toEqual(
      ['activity', 'evaluation', 'goal', 'indicator', 'none', 'objective', 'principle', 'recommendation', 'risk'].sort(),
    );
  });
});
