import { describe, expect, it } from 'vitest';
import { ApiError } from '../api.ts';
import { outline } from '../test/editing.ts';
import { conflictingElement } from './api.ts';
import { numberOf, proposeActivityCode, proposeCode, proposeGoalCode, proposeIndicatorCode, proposeObjectiveCode } from './codes.ts';
import { activityData, costTotals, quarterEnd, quarterOf, quarterStart, type ActivityFields } from './forms/ActivityForm.tsx';
import { indicatorData, type IndicatorFields } from './forms/IndicatorEditor.tsx';
import { elementIssues, unplacedIssues } from './issues.ts';
import { formatDecimalInput, parseDecimal, sumMinor } from './numbers.ts';

describe('codes proposed for new elements', () => {
  it('follows the parent’s numbering and skips codes in use anywhere in the strategy', () => {
    const plan = outline();
    expect(numberOf('G3')).toBe('3');
    expect(numberOf('O3.2')).toBe('3.2');
    expect(numberOf('GOAL-4')).toBe('4');
    expect(proposeGoalCode(plan)).toBe('G3');
    expect(proposeObjectiveCode(plan, 'G1')).toBe('O1.3');
    expect(proposeObjectiveCode(plan, 'G2')).toBe('O2.2');
    expect(proposeActivityCode(plan, 'O1.1')).toBe('A1.1.3');
    expect(proposeActivityCode(plan, 'O1.2')).toBe('A1.2.1');
    expect(proposeIndicatorCode(plan, 'O1.1', ['O1.1-I1', 'O1.1-I2'])).toBe('O1.1-I3');
    expect(proposeCode('G', ['G1', 'G7'], new Set(['G8']))).toBe('G9');
  });
});

describe('issues of a refused edit', () => {
  it('names the element’s own fields, and keeps the rest for the summary', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Not valid.', [
      { path: 'edits[0].data.costs[1].amount', message: 'Amounts have at most two decimals.' },
      { path: 'edits[0].data.title', message: 'This field is required.' },
      { path: 'edits[0].code', message: 'No such element.' },
      { path: 'edits[1].data.title', message: 'Another edit.' },
      { path: '$.actionPlans[0].activities[2].lead', message: 'Unknown institution.' },
    ]);
    const issues = elementIssues(error);
    expect([...issues]).toEqual([
      ['costs[1].amount', 'Amounts have at most two decimals.'],
      ['title', 'This field is required.'],
      ['', 'No such element.'],
      ['actionPlans[0].activities[2].lead', 'Unknown institution.'],
    ]);
    expect(unplacedIssues(issues, (path) => path === 'title' || path.startsWith('costs['))).toEqual([
      'No such element.',
      'Unknown institution.',
    ]);
    expect(elementIssues(null).size).toBe(0);
  });

  it('reads the stored element a conflict carries', () => {
    expect(conflictingElement({ code: 'A1', kind: 'activity', version: 4, data: {} })).toEqual({
      code: 'A1',
      kind: 'activity',
      version: 4,
      data: {},
    });
    expect(conflictingElement({ code: 'A1' })).toBeUndefined();
    expect(conflictingElement(null)).toBeUndefined();
  });
});

describe('numbers as people type them', () => {
  it('reads amounts in the conventions of each language', () => {
    expect(parseDecimal('1,500.50', 'en')).toBe(1500.5);
    expect(parseDecimal('1500', 'en')).toBe(1500);
    expect(parseDecimal('1.500,50', 'bs')).toBe(1500.5);
    expect(parseDecimal('1.500', 'mk')).toBe(1500);
    expect(parseDecimal('12.5', 'sr-Latn')).toBe(12.5);
    expect(parseDecimal('1 500,5', 'sq')).toBe(1500.5);
    expect(parseDecimal('1\u202f500,5', 'sq')).toBe(1500.5);
    expect(parseDecimal('-3', 'en')).toBe(-3);
    expect(parseDecimal('', 'en')).toBeNull();
    expect(parseDecimal('12x', 'en')).toBeNull();
    expect(parseDecimal('1,2,3.4.5', 'en')).toBeNull();
  });

  it('writes numbers for a field without grouping, and adds money to the cent', () => {
    expect(formatDecimalInput(1500.5, 'en')).toBe('1500.5');
    expect(formatDecimalInput(1500.5, 'bs')).toBe('1500,5');
    expect(formatDecimalInput(undefined, 'en')).toBe('');
    expect(sumMinor([0.1, 0.2])).toBe(30);
  });
});

describe('the activity form’s fields', () => {
  const fields: ActivityFields = {
    id: ' A1.1.1 ',
    objective: 'O1.1',
    title: 'Train judges',
    lead: '',
    partners: [],
    start: '2025-04-01',
    end: '',
    level: '',
    tags: [],
    costs: [
      { key: 'a', year: '2025', amount: '1,000.25', source: 'state_budget', funder: '', status: 'secured' },
      { key: 'b', year: '2026', amount: '500', source: 'donor', funder: 'DON', status: 'pledged' },
      { key: 'c', year: '2025', amount: '0.75', source: 'other', funder: '', status: 'unfunded' },
    ],
    recommendations: [],
  };

  it('sets a quarter’s first and last day', () => {
    expect(quarterStart(2025, 2)).toBe('2025-04-01');
    expect(quarterEnd(2025, 2)).toBe('2025-06-30');
    expect(quarterEnd(2024, 1)).toBe('2024-03-31');
    expect(quarterEnd(2026, 4)).toBe('2026-12-31');
    expect(quarterOf('2025-11-15')).toEqual({ year: 2025, quarter: 4 });
  });

  it('totals the cost lines per year and overall, in minor units', () => {
    expect(costTotals(fields.costs, 'en')).toEqual({
      years: [
        { year: '2025', minor: 100100 },
        { year: '2026', minor: 50000 },
      ],
      total: 150100,
    });
  });

  it('gives the activity’s data without empty optional fields', () => {
    expect(activityData(fields, 'en')).toEqual({
      data: {
        id: 'A1.1.1',
        objective: 'O1.1',
        title: 'Train judges',
        start: '2025-04-01',
        costs: [
          { year: 2025, amount: 1000.25, source: 'state_budget', status: 'secured' },
          { year: 2026, amount: 500, source: 'donor', funder: 'DON', status: 'pledged' },
          { year: 2025, amount: 0.75, source: 'other', status: 'unfunded' },
        ],
      },
    });
    const broken = {
      ...fields,
      costs: [{ key: 'a', year: '', amount: 'ten', source: 'other' as const, funder: '', status: 'secured' as const }],
    };
    expect(activityData(broken, 'en')).toEqual({
      issues: [
        { path: 'costs[0].year', message: 'This field is required.' },
        { path: 'costs[0].amount', message: 'Enter an amount such as 1500.5.' },
      ],
    });
  });
});

describe('the indicator editor’s fields', () => {
  const fields: IndicatorFields = {
    id: 'O1.1-I1',
    name: 'Shelters open',
    level: 'outcome',
    measure: 'yes_no',
    unit: 'shelters',
    scale: [],
    baseline: { value: '0', year: '2024', source: '' },
    target: { value: '', year: '' },
    milestones: [{ key: 'm', value: '1', year: '' }],
    meansOfVerification: '',
    disaggregation: [],
  };

  it('leaves out what is empty, and names what is half filled in', () => {
    expect(indicatorData({ ...fields, milestones: [] }, 'en')).toEqual({
      data: {
        id: 'O1.1-I1',
        name: 'Shelters open',
        level: 'outcome',
        measure: 'yes_no',
        unit: 'shelters',
        baseline: { value: 0, year: 2024 },
      },
    });
    expect(indicatorData(fields, 'en')).toEqual({ issues: [{ path: 'milestones[0].year', message: 'This field is required.' }] });
    expect(indicatorData({ ...fields, milestones: [], measure: 'qualitative', scale: [{ key: 's', text: 'Low' }] }, 'en')).toMatchObject({
      data: { measure: 'qualitative', scale: ['Low'] },
    });
  });
});
