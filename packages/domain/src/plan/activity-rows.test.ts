import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/catalogs.ts';
import { LANGUAGES } from '../i18n/languages.ts';
import {
  activitySheet,
  columnLetter,
  guessHeaderRow,
  guessMapping,
  mapActivityRows,
  readSheetDate,
  readSheetNumber,
  type ActivityRowsInput,
  type ColumnMapping,
  type SheetValue,
} from './activity-rows.ts';
import { PlanPackageSchema, type Activity, type Institution, type PlanPackage } from './package.ts';

const demoland = PlanPackageSchema.parse(
  JSON.parse(readFileSync(new URL('../../../server/demo/demoland.plan.json', import.meta.url), 'utf8')),
);

/** Demoland with an empty draft action plan to import into. */
function withEmptyPlan(plan: PlanPackage = demoland): PlanPackage {
  return {
    ...plan,
    actionPlans: [
      ...plan.actionPlans,
      { id: 'AP-2025', title: 'Action plan 2025', start: '2025-01-01', end: '2025-12-31', status: 'draft', activities: [] },
    ],
  };
}

const REGISTER: Institution[] = [
  ...demoland.institutions,
  { id: 'MUN-NEW', name: 'Municipality of Örnsköld', type: 'local_government', level: 'local', area: 'Örnsköld' },
];

const HEADER = [
  'Code',
  'Objective',
  'Activity',
  'Lead institution',
  'Partners',
  'Start',
  'End',
  'Cost',
  'Funding source',
  'Funding status',
  'Indicator',
  'Baseline',
  'Target',
];
const MAPPING: ColumnMapping = guessMapping(HEADER);

function read(rows: SheetValue[][], overrides: Partial<ActivityRowsInput> = {}) {
  return mapActivityRows({
    rows: [HEADER, ...rows],
    headerRow: 1,
    mapping: MAPPING,
    plan: withEmptyPlan(),
    planId: 'AP-2025',
    register: REGISTER,
    ...overrides,
  });
}

/** The problems of a result as `row 2, column C: key`, to compare at a glance. */
function problems(result: ReturnType<typeof read>): string[] {
  return result.rows.flatMap((row) => row.issues.map((issue) => `${issue.path}: ${issue.key}`));
}

describe('reading numbers', () => {
  it.each([
    [1234.5, 1234.5],
    ['1234.50', 1234.5],
    ['1,234.50', 1234.5],
    ['1.234,50', 1234.5],
    ['1 234,50', 1234.5],
    ['1\u00a0234,50 €', 1234.5],
    ['12,5', 12.5],
    ['0,125', 0.125],
    ['1.234', 1234],
    ['1,234', 1234],
    ['1.234.567', 1234567],
    ['EUR 15,000', 15000],
    ['45%', 45],
    ['(100)', -100],
    ['-3', -3],
  ])('reads %j as %j', (text, expected) => {
    expect(readSheetNumber(text)).toEqual({ ok: true, value: expected });
  });

  it.each([[''], ['  '], [null], ['-'], ['—']])('reads %j as nothing', (text) => {
    expect(readSheetNumber(text)).toEqual({ ok: true, value: null });
  });

  it.each([['abc'], ['1.2.3,4,5'], ['12,34,56'], [true], ['1e5x2']])('refuses %j', (text) => {
    expect(readSheetNumber(text).ok).toBe(false);
  });
});

describe('reading dates', () => {
  it.each([
    ['2025-03-31', '2025-03-31', '2025-03-31'],
    ['2025-03-31T00:00:00.000Z', '2025-03-31', '2025-03-31'],
    ['31.03.2025', '2025-03-31', '2025-03-31'],
    ['31.03.2025.', '2025-03-31', '2025-03-31'],
    ['1/4/2025', '2025-04-01', '2025-04-01'],
    ['2025-03', '2025-03-01', '2025-03-31'],
    ['02.2024', '2024-02-01', '2024-02-29'],
    ['Q2 2025', '2025-04-01', '2025-06-30'],
    ['2025 Q2', '2025-04-01', '2025-06-30'],
    ['2025-Q4', '2025-10-01', '2025-12-31'],
    ['q1/2026', '2026-01-01', '2026-03-31'],
    ['II/2025', '2025-04-01', '2025-06-30'],
    ['2. kvartal 2025', '2025-04-01', '2025-06-30'],
    ['К3 2025', '2025-07-01', '2025-09-30'],
    ['T4 2025', '2025-10-01', '2025-12-31'],
    ['H2 2025', '2025-07-01', '2025-12-31'],
    ['2025', '2025-01-01', '2025-12-31'],
    [2025, '2025-01-01', '2025-12-31'],
    [45747, '2025-03-31', '2025-03-31'],
  ])('reads %j as %s … %s', (value, start, end) => {
    expect(readSheetDate(value, 'start')).toEqual({ ok: true, value: start });
    expect(readSheetDate(value, 'end')).toEqual({ ok: true, value: end });
  });

  it.each([['31.02.2025'], ['Q5 2025'], ['soon'], ['2025-13'], [12], [true]])('refuses %j', (value) => {
    expect(readSheetDate(value, 'start').ok).toBe(false);
  });
});

describe('guessing the mapping', () => {
  it('finds the export headers of every language', () => {
    for (const language of LANGUAGES) {
      const sheet = activitySheet({ plan: demoland, planId: 'AP-2023-2024', t: translator(language) });
      const mapping = guessMapping(sheet.columns.map((column) => column.header));
      const byField = Object.fromEntries(sheet.columns.map((column, index) => [column.key, index]));
      for (const field of [
        'code',
        'objective',
        'title',
        'lead',
        'partners',
        'start',
        'end',
        'level',
        'tags',
        'costYear',
        'cost',
        'source',
        'fundingStatus',
        'funder',
        'indicator',
        'baseline',
        'target',
        'recommendations',
      ] as const) {
        expect(mapping[field], `${language} ${field}`).toBe(byField[field]);
      }
      expect(mapping.costByYear, language).toBeUndefined();
    }
  });

  it('reads the headers of planning tables in the languages of the region', () => {
    expect(guessMapping(['R.b.', 'Aktivnost', 'Nosilac', 'Partneri', 'Rok', 'Budžet (EUR)', 'Izvor finansiranja', 'Indikatori'])).toEqual({
      code: 0,
      title: 1,
      lead: 2,
      partners: 3,
      end: 4,
      cost: 5,
      source: 6,
      indicator: 7,
    });
    expect(guessMapping(['Nr.', 'Aktiviteti', 'Institucioni përgjegjës', 'Afati kohor', 'Buxheti', 'Treguesi'])).toEqual({
      code: 0,
      title: 1,
      lead: 2,
      start: 3,
      end: 3,
      cost: 4,
      indicator: 5,
    });
    expect(guessMapping(['Активност', 'Носител', '2025', 'Трошок 2026'])).toEqual({
      title: 0,
      lead: 1,
      costByYear: [
        { column: 2, year: 2025 },
        { column: 3, year: 2026 },
      ],
    });
  });

  it('finds the header row below a title', () => {
    const rows: SheetValue[][] = [
      ['Action plan 2025'],
      [null],
      ['Code', 'Activity', 'Lead institution', 'Cost'],
      ['A1', 'Train', 'MOI', 100],
    ];
    expect(guessHeaderRow(rows)).toBe(3);
  });

  it('names columns by letters', () => {
    expect([0, 2, 25, 26, 255].map(columnLetter)).toEqual(['A', 'C', 'Z', 'AA', 'IV']);
  });
});

describe('mapping rows to activities', () => {
  it('makes an activity of each row, with its cost line and indicator, and defaults', () => {
    const result = read([
      [
        'A9.1',
        'O1.1',
        'Train labour inspectors',
        'ministry of labour and social policy',
        'State Labour Inspectorate; moi',
        'Q2 2025',
        'Q4 2025',
        '12.500,00',
        'Donors',
        'pledged',
        'Inspectors trained',
        '0',
        '40',
      ],
      [null, 'O1.2 — whatever the title says', 'Second activity', 'MOJ', null, '2025-02-01', null, 3000, null, null, null, null, null],
    ]);
    expect(problems(result)).toEqual([]);
    expect(result.activities).toEqual([
      {
        id: 'A9.1',
        objective: 'O1.1',
        title: 'Train labour inspectors',
        lead: 'MLSP',
        partners: ['SLI', 'MOI'],
        start: '2025-04-01',
        end: '2025-12-31',
        costs: [{ year: 2025, amount: 12500, source: 'donor', status: 'pledged' }],
        indicators: [
          {
            id: 'A9.1-I1',
            name: 'Inspectors trained',
            level: 'output',
            measure: 'number',
            baseline: { value: 0, year: 2024 },
            target: { value: 40, year: 2025 },
          },
        ],
      },
      {
        id: 'A1.2.4',
        objective: 'O1.2',
        title: 'Second activity',
        lead: 'MOJ',
        start: '2025-02-01',
        costs: [{ year: 2025, amount: 3000, source: 'state_budget', status: 'unfunded' }],
      },
    ]);
    expect(result.summary).toEqual({ rows: 2, skipped: 0, ready: 2, withErrors: 0, indicators: 1, costLines: 2, totalCost: 15500 });
  });

  it('skips empty rows and makes codes that are free', () => {
    const result = read([
      [null, 'O1.1', 'One', null, null, null, null, null, null, null, null, null, null],
      [null, null, '  ', null, null, null, null, null, null, null, null, null, null],
      [],
      [null, 'O1.1', 'Two', null, null, null, null, null, null, null, null, null, null],
    ]);
    expect(problems(result)).toEqual([]);
    // A1.1.1 … A1.1.3 are Demoland's; A1.1.4 … A1.1.6 too (in the other plan).
    expect(result.activities.map((activity) => activity.id)).toEqual(['A1.1.7', 'A1.1.8']);
    expect(result.summary.skipped).toBe(2);
    expect(result.rows.map((row) => row.row)).toEqual([2, 5]);
  });

  it('reads a period from one column, cost lines from lines of a cell, indicators from lines', () => {
    const header = [
      'Activity',
      'Objective',
      'Timeframe',
      'Cost',
      'Cost year',
      'Funding source',
      'Funding status',
      'Funder',
      'Indicator',
      'Baseline',
      'Target',
    ];
    const result = mapActivityRows({
      rows: [
        header,
        [
          'Campaign',
          'O2.1',
          'Q1 – Q3 2025',
          '1000\n2.500,50',
          '2025\n2026',
          'State budget\nDonors',
          'secured',
          'MOI\nDON-NDA',
          'Spots aired\nPeople reached (%)',
          '0\n10 (2023)',
          '12\n45',
        ],
      ],
      headerRow: 1,
      mapping: guessMapping(header),
      plan: withEmptyPlan(),
      planId: 'AP-2025',
      register: REGISTER,
    });
    expect(result.rows[0]?.issues).toEqual([]);
    expect(result.activities[0]).toMatchObject({
      start: '2025-01-01',
      end: '2025-09-30',
      costs: [
        { year: 2025, amount: 1000, source: 'state_budget', funder: 'MOI', status: 'secured' },
        { year: 2026, amount: 2500.5, source: 'donor', funder: 'DON-NDA', status: 'secured' },
      ],
      indicators: [
        { name: 'Spots aired', baseline: { value: 0, year: 2024 }, target: { value: 12, year: 2025 } },
        { name: 'People reached (%)', baseline: { value: 10, year: 2023 }, target: { value: 45, year: 2025 } },
      ],
    });
  });

  it('reads costs from one column per year', () => {
    const header = ['Activity', 'Objective', 'Funding source', 'Cost 2025', 'Cost 2026'];
    const result = mapActivityRows({
      rows: [header, ['Campaign', 'O2.1', 'Donors', '1.000', null], ['Shelter', 'O3.1', 'local', 500, '7,5']],
      headerRow: 1,
      mapping: guessMapping(header),
      plan: withEmptyPlan(),
      planId: 'AP-2025',
      register: REGISTER,
    });
    expect(problems(result)).toEqual([]);
    expect(result.activities.map((activity) => activity.costs)).toEqual([
      [{ year: 2025, amount: 1000, source: 'donor', status: 'unfunded' }],
      [
        { year: 2025, amount: 500, source: 'local_budget', status: 'unfunded' },
        { year: 2026, amount: 7.5, source: 'local_budget', status: 'unfunded' },
      ],
    ]);
  });

  it('names every problem by row and column', () => {
    const result = read([
      ['A1.1.1', 'O9.9', '', 'Ministry of Nowhere', null, '31.02.2025', 'Q1 2025', 'a lot', null, null, null, '5', null],
      ['bad code', 'O1.1', 'Ok', null, null, '2025-06-01', '2025-01-01', '-5', 'lottery', 'maybe', 'X', 'one\ntwo', null],
      ['A9.2', 'O1.1', 'Ok', null, null, null, null, 10.555, null, null, null, null, null],
      ['A9.2', 'O1.1', 'Ok', null, null, null, null, '1\n2', null, 'secured\npledged\nunfunded', null, null, null],
    ]);
    expect(problems(result)).toEqual([
      'row 2, column A: code_in_use',
      'row 2, column B: objective_unmatched',
      'row 2, column C: required',
      'row 2, column D: institution_unmatched',
      'row 2, column F: cell_date',
      'row 2, column H: cell_number',
      'row 2, column L: indicator_name_missing',
      'row 3, column A: code_spaces',
      'row 3, column G: end_before_start',
      'row 3, column H: too_small',
      'row 3, column L: indicator_lines_mismatch',
      'row 4, column H: money_decimals',
      'row 5, column A: code_repeated',
      'row 5, column J: cost_lines_mismatch',
    ]);
    expect(result.rows[1]?.issues.find((issue) => issue.field === 'end')?.params).toEqual({ start: '2025-06-01' });
    expect(result.rows[3]?.issues[0]?.params).toEqual({ id: 'A9.2', row: 4 });
    expect(result.activities).toEqual([]);
    expect(result.summary).toMatchObject({ rows: 4, ready: 0, withErrors: 4 });
  });

  it('refuses values outside the closed lists, unknown recommendations and years', () => {
    const header = [
      'Activity',
      'Objective',
      'Level',
      'Tags',
      'Cost',
      'Cost year',
      'Funding source',
      'Funding status',
      'Recommendations answered',
    ];
    const result = mapActivityRows({
      rows: [
        header,
        ['A', 'O1.1', 'galactic', 'Children; flying', 10, 'next year', 'Donors', 'Secured', 'REC-01, REC-99'],
        ['B', 'O1.1', 'Lokalni', 'Djeca, Istraga', 10, 2026, 'Lotto', 'Maybe', 'rec-01'],
      ],
      headerRow: 1,
      mapping: guessMapping(header),
      plan: withEmptyPlan(),
      planId: 'AP-2025',
      register: REGISTER,
    });
    expect(
      result.rows.map((row) => row.issues.map((issue) => `${issue.column}: ${issue.key} ${JSON.stringify(issue.params ?? {})}`)),
    ).toEqual([
      [
        'C: cell_not_allowed {"value":"galactic"}',
        'D: cell_not_allowed {"value":"flying"}',
        'F: cell_year {}',
        'I: recommendation_unmatched {"id":"REC-99"}',
      ],
      ['G: cell_not_allowed {"value":"Lotto"}', 'H: cell_not_allowed {"value":"Maybe"}'],
    ]);
  });

  it('lists the institutions the register does not have, and takes matches and new ones', () => {
    const rows: SheetValue[][] = [
      ['A9.1', 'O1.1', 'One', 'Velmora Women’s Shelter', 'NGO Nova; Ministry of Interior', null, null, null, null, null, null, null, null],
      ['A9.2', 'O1.1', 'Two', 'ngo nova', null, null, null, null, null, null, null, null, null],
    ];
    const before = read(rows);
    expect(before.unknownInstitutions).toEqual([
      { name: 'Velmora Women’s Shelter', rows: [2], suggestions: [] },
      { name: 'NGO Nova', rows: [2, 3], suggestions: [] },
    ]);
    expect(problems(before)).toEqual([
      'row 2, column D: institution_unmatched',
      'row 2, column E: institution_unmatched',
      'row 3, column D: institution_unmatched',
    ]);

    const after = read(rows, {
      institutionMatches: {
        'Velmora Women’s Shelter': 'NGO-SH',
        'NGO Nova': { create: { id: 'NGO-NOVA', name: 'NGO Nova', type: 'ngo', level: 'national' } },
      },
    });
    expect(problems(after)).toEqual([]);
    expect(after.unknownInstitutions).toEqual([]);
    expect(after.newInstitutions).toEqual([{ id: 'NGO-NOVA', name: 'NGO Nova', type: 'ngo', level: 'national' }]);
    expect(after.activities.map((activity) => [activity.lead, activity.partners])).toEqual([
      ['NGO-SH', ['NGO-NOVA', 'MOI']],
      ['NGO-NOVA', undefined],
    ]);
  });

  it('finds institutions without regard to case or accents, by code, name or `Name (CODE)`', () => {
    const result = read([
      [
        'A9.1',
        'O1.1',
        'One',
        'MUNICIPALITY OF ORNSKOLD',
        'mun-new; Ministry of Interior (MOI)',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
      ],
    ]);
    expect(problems(result)).toEqual([]);
    expect(result.activities[0]).toMatchObject({ lead: 'MUN-NEW', partners: ['MUN-NEW', 'MOI'] });
  });

  it('refuses matches to codes that do not exist and new institutions with a taken code', () => {
    const result = read([['A9.1', 'O1.1', 'One', 'Someone', null, null, null, null, null, null, null, null, null]], {
      institutionMatches: {
        Someone: 'NOPE',
        Other: { create: { id: 'MOI', name: 'Other', type: 'ngo', level: 'local' } },
        Third: { create: { id: 'X' } },
      },
    });
    expect(result.issues.map((issue) => `${issue.path}: ${issue.key}`)).toEqual([
      'institutionMatches["Someone"]: institution_code_unknown',
      'institutionMatches["Other"].create.id: institution_code_taken',
      'institutionMatches["Third"].create.name: required',
      'institutionMatches["Third"].create.type: invalid_value',
      'institutionMatches["Third"].create.level: invalid_value',
    ]);
  });

  it('reports a name shared by several institutions', () => {
    const register = [...REGISTER, { id: 'MOI-2', name: 'Ministry of Interior', type: 'government' as const, level: 'entity' as const }];
    const result = read([['A9.1', 'O1.1', 'One', 'Ministry of Interior', null, null, null, null, null, null, null, null, null]], {
      register,
    });
    expect(result.rows[0]?.issues.map((issue) => [issue.key, issue.params])).toEqual([
      ['institution_ambiguous', { name: 'Ministry of Interior', codes: 'MOI, MOI-2' }],
    ]);
  });

  it('takes corrections of cells made in the preview', () => {
    const rows: SheetValue[][] = [['A9.1', 'O9.9', 'One', null, null, 'someday', null, 'x', null, null, null, null, null]];
    const result = read(rows, {
      fixes: [
        { row: 2, field: 'objective', value: 'O1.1' },
        { row: 2, field: 'start', value: 'Q3 2025' },
        { row: 2, field: 'cost', value: '1.500' },
        { row: 2, field: 'funder', value: 'MOI' },
      ],
    });
    expect(problems(result)).toEqual([]);
    expect(result.activities[0]).toMatchObject({ objective: 'O1.1', start: '2025-07-01', costs: [{ amount: 1500, funder: 'MOI' }] });
    expect(result.rows[0]?.values).toMatchObject({ objective: 'O1.1', start: 'Q3 2025', cost: '1.500', funder: 'MOI' });
  });

  it('requires the title column, and costs from one layout only', () => {
    const result = read([], { mapping: { code: 0, cost: 7, costByYear: [{ column: 8, year: 2025 }] } });
    expect(result.issues).toEqual([
      { path: 'mapping.title', key: 'required' },
      { path: 'mapping.costByYear', key: 'mapping_cost_twice' },
    ]);
  });
});

describe('the sheet of an action plan', () => {
  /** What an activity keeps through a sheet: everything but the details of its indicators beyond name, baseline and target. */
  function comparable(activity: Activity): Activity {
    return {
      ...activity,
      ...(activity.indicators
        ? {
            indicators: activity.indicators.map((indicator) => ({
              id: indicator.id,
              name: indicator.name,
              level: 'output' as const,
              measure: 'number' as const,
              ...(indicator.baseline ? { baseline: { value: indicator.baseline.value, year: indicator.baseline.year } } : {}),
              ...(indicator.target ? { target: indicator.target } : {}),
            })),
          }
        : {}),
    };
  }

  for (const language of ['en', 'sq', 'sr-Cyrl', 'mk'] as const) {
    it(`reads back to the same activities (${language})`, () => {
      for (const planId of ['AP-2021-2022', 'AP-2023-2024']) {
        const original = demoland.actionPlans.find((plan) => plan.id === planId);
        if (!original) throw new Error(planId);
        const sheet = activitySheet({ plan: demoland, planId, t: translator(language), register: REGISTER });
        const header = sheet.columns.map((column) => column.header);
        // Into the same plan emptied of its activities.
        const empty: PlanPackage = {
          ...demoland,
          actionPlans: demoland.actionPlans.map((plan) => (plan.id === planId ? { ...plan, activities: [] } : plan)),
        };
        const result = mapActivityRows({
          rows: [header, ...sheet.rows],
          headerRow: 1,
          mapping: guessMapping(header),
          plan: empty,
          planId,
          register: REGISTER,
        });
        expect(problems(result)).toEqual([]);
        expect(result.activities).toEqual(original.activities.map(comparable));
      }
    });
  }

  it('writes one row per activity with the cost of each year and the total', () => {
    const sheet = activitySheet({ plan: demoland, planId: 'AP-2023-2024', t: translator('en') });
    expect(sheet.columns.map((column) => column.header)).toEqual([
      'Goal',
      'Objective',
      'Code',
      'Activity',
      'Lead institution',
      'Partners',
      'Start',
      'End',
      'Level',
      'Tags',
      'Cost 2023',
      'Cost 2024',
      'Total cost',
      'Cost year',
      'Cost',
      'Funding source',
      'Funding status',
      'Funder',
      'Indicator',
      'Baseline',
      'Target',
      'Recommendations answered',
    ]);
    const row = sheet.rows.find((cells) => cells[2] === 'A1.1.5');
    expect(row?.slice(10, 18)).toEqual([
      10000,
      16000,
      26000,
      '2023\n2024',
      '10000\n16000',
      'State budget\nDonors',
      'Pledged\nUnfunded',
      expect.stringMatching(/^Office of the National Anti-Trafficking Coordinator\n-$/),
    ]);
    expect(sheet.rows).toHaveLength(13);
  });
});
