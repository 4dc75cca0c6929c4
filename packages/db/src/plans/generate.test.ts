import { PlanPackageSchema, seededRandom, validatePlanPackage } from '@ariadne/domain';
import { describe, expect, it } from 'vitest';
import { generatePlanPackage, NATIONAL_SCALE } from './generate.ts';
import { storageIssues } from './storable.ts';

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

/** Every field path a JSON Schema allows (`strategy.goals[].objectives[].indicators[].baseline.source`). */
function schemaPaths(node: JsonSchema, defs: Record<string, JsonSchema>, prefix = ''): string[] {
  if (node.$ref !== undefined) {
    const target = defs[node.$ref.replace('#/$defs/', '')];
    return target ? schemaPaths(target, defs, prefix) : [];
  }
  const paths: string[] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    paths.push(path, ...schemaPaths(child, defs, path));
  }
  if (node.items !== undefined) paths.push(...schemaPaths(node.items, defs, `${prefix}[]`));
  for (const option of node.anyOf ?? []) paths.push(...schemaPaths(option, defs, prefix));
  return paths;
}

/** Every field path a package uses, in the same notation. */
function valuePaths(value: unknown, prefix = '', into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) valuePaths(item, `${prefix}[]`, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      into.add(path);
      valuePaths(child, path, into);
    }
  }
  return into;
}

describe('the package generator', () => {
  it('gives valid packages, in every mode and for many seeds', () => {
    for (const optional of ['random', 'all', 'none'] as const) {
      for (let seed = 1; seed <= 25; seed += 1) {
        const plan = generatePlanPackage({ seed, optional });
        const result = validatePlanPackage(JSON.parse(JSON.stringify(plan)));
        expect(result.ok ? [] : result.issues, `${optional} ${seed}`).toEqual([]);
        expect(storageIssues(plan), `${optional} ${seed}`).toEqual([]);
      }
    }
  });

  it('is deterministic: the same seed gives the same package, another seed another', () => {
    expect(generatePlanPackage({ seed: 7 })).toEqual(generatePlanPackage({ seed: 7 }));
    expect(generatePlanPackage({ seed: 7 })).not.toEqual(generatePlanPackage({ seed: 8 }));
    const a = seededRandom(42);
    const b = seededRandom(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('fills every field the format has, so that round trips test all of them', () => {
    const schema = PlanPackageSchema.toJSONSchema({ io: 'input' }) as JsonSchema;
    const allowed = new Set(schemaPaths(schema, schema.$defs ?? {}));
    expect(allowed.size).toBeGreaterThan(100);
    const used = valuePaths(generatePlanPackage({ seed: 3, optional: 'all' }));
    expect([...allowed].filter((path) => !used.has(path))).toEqual([]);
    expect([...used].filter((path) => !allowed.has(path))).toEqual([]);
  });

  it('gives optional fields empty as well as absent in random mode', () => {
    const texts = JSON.stringify(Array.from({ length: 5 }, (_, seed) => generatePlanPackage({ seed })));
    expect(texts).toContain('""');
    expect(texts).toContain('[]');
  });

  it('builds the national-scale package of the benchmark', () => {
    const plan = generatePlanPackage({ seed: 1, scale: NATIONAL_SCALE, optional: 'all' });
    const activities = plan.actionPlans.flatMap((actionPlan) => actionPlan.activities);
    const objectives = plan.strategy.goals.flatMap((goal) => goal.objectives);
    const indicators = objectives.flatMap((o) => o.indicators ?? []).length + activities.flatMap((a) => a.indicators ?? []).length;
    const rounds = plan.monitoring?.rounds ?? [];
    expect({
      institutions: plan.institutions.length,
      goals: plan.strategy.goals.length,
      objectives: objectives.length,
      activities: activities.length,
      indicators,
      costLines: activities.flatMap((a) => a.costs ?? []).length,
      rounds: rounds.length,
      reports: rounds.flatMap((round) => round.reports).length,
    }).toEqual({
      institutions: 60,
      goals: 6,
      objectives: 30,
      activities: 500,
      indicators: 1500,
      costLines: 2000,
      rounds: 12,
      reports: 720,
    });
    expect(validatePlanPackage(plan).ok).toBe(true);
  });
});
