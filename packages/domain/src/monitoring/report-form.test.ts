import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PlanPackageSchema, type PlanPackage } from '../plan/package.ts';
import { checkReport, findingIssues, flagKey, prefilledContent, reportForm, type ReportContent } from './report-form.ts';

const demoland = PlanPackageSchema.parse(
  JSON.parse(readFileSync(new URL('../../../server/demo/demoland.plan.json', import.meta.url), 'utf8')),
);

/** Demoland with an empty draft round for the second half of 2022, as opening it would make. */
function withOpenRound(): PlanPackage {
  const rounds = demoland.monitoring?.rounds ?? [];
  return {
    ...demoland,
    monitoring: {
      rounds: [
        ...rounds,
        {
          id: '2022-H2',
          periodStart: '2022-07-01',
          periodEnd: '2022-12-31',
          deadline: '2023-01-09',
          reports: [{ institution: 'POL', status: 'draft', activities: [] }],
        },
      ],
    },
  };
}

describe('reportForm', () => {
  const form = reportForm(withOpenRound(), 'AP-2021-2022', '2022-H2', 'POL');

  it('lists the activities the institution leads or partners in the period, with the status it gave last', () => {
    const lead = form.activities.filter((activity) => activity.lead).map((activity) => activity.id);
    expect(lead).toEqual(['A5.2.3']);
    // A3.1.3 and A4.1.2 ended before July 2022: they are not on the form.
    expect(form.activities.map((activity) => activity.id)).not.toContain('A3.1.3');
    const partner = form.activities.find((activity) => activity.id === 'A4.1.3');
    expect(partner).toMatchObject({ lead: false, previousStatus: 'ongoing', planned: 86000 });
    expect(form.activities.find((activity) => activity.id === 'A5.2.3')).toMatchObject({ previousStatus: 'ongoing', planned: 14000 });
  });

  it('owes the indicators of what it leads and offers those of its partners’ activities and of its objectives', () => {
    const a413 = form.indicators.find((indicator) => indicator.id === 'A4.1.3-I1');
    expect(a413).toMatchObject({ required: false, activity: 'A4.1.3', previousValue: 3 });
    expect(form.indicators.every((indicator) => indicator.activity !== 'A5.2.3' || indicator.required)).toBe(true);
  });

  it('asks for the breakdown categories already reported, or the usual ones', () => {
    const mlsp = reportForm(demoland, 'AP-2021-2022', '2022-H1', 'MLSP');
    const o51 = mlsp.indicators.find((indicator) => indicator.id === 'O5.1-I1');
    expect(o51?.categories).toMatchObject({ sex: ['female', 'male'], age_group: ['under 14', '14-17'] });
    const o31 = reportForm(demoland, 'AP-2021-2022', '2022-H1', 'NATC').indicators.find((indicator) => indicator.id === 'O3.1-I1');
    expect(o31?.categories.nationality).toEqual(['national', 'foreign']);
  });

  it('starts an empty report from the statuses given last', () => {
    const content = prefilledContent(form);
    // A partner's activity comes prefilled only if the institution reported on it before.
    expect(content.activities.map((entry) => [entry.activity, entry.status])).toEqual([
      ['A2.2.1', 'ongoing'],
      ['A4.1.3', 'ongoing'],
      ['A5.2.3', 'ongoing'],
    ]);
    expect(content.indicatorValues).toEqual([]);
  });

  it('refuses an unknown round or institution', () => {
    expect(() => reportForm(withOpenRound(), 'AP-2021-2022', '2030-H1', 'POL')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => reportForm(withOpenRound(), 'AP-2021-2022', '2022-H2', 'NATC')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe('checkReport', () => {
  const form = reportForm(demoland, 'AP-2021-2022', '2022-H1', 'POL');
  const saved: ReportContent = { activities: form.report.activities, indicatorValues: form.report.indicatorValues ?? [] };

  it('finds nothing wrong with the accepted report of Demoland’s police', () => {
    expect(checkReport(form, saved, 'submit')).toEqual({ problems: [], flags: [] });
  });

  it('finds breakdowns that do not add up, negative counts and unknown codes', () => {
    const content: ReportContent = {
      activities: [...saved.activities, { activity: 'A9.9.9', status: 'ongoing' }],
      indicatorValues: saved.indicatorValues.map((value) =>
        value.indicator === 'A3.1.3-I1'
          ? {
              ...value,
              breakdown: [
                { dimension: 'sex', category: 'female', value: 40 },
                { dimension: 'sex', category: 'male', value: 104 },
              ],
            }
          : value.indicator === 'O4.1-I1'
            ? { ...value, value: -1 }
            : value,
      ),
    };
    const { problems } = checkReport(form, content, 'draft');
    expect(problems).toEqual([
      { target: 'A9.9.9', field: 'status', key: 'report_activity_unknown', params: { id: 'A9.9.9' } },
      { target: 'A3.1.3-I1', field: 'breakdown.sex', key: 'report_breakdown_sum', params: { dimension: 'sex', sum: 144, total: 142 } },
      { target: 'O4.1-I1', field: 'value', key: 'report_value_negative' },
    ]);
    expect(findingIssues(problems).map((issue) => issue.path)).toEqual([
      'activities[A9.9.9].status',
      'indicators[A3.1.3-I1].breakdown.sex',
      'indicators[O4.1-I1].value',
    ]);
  });

  it('refuses breakdowns the indicator does not ask for, and categories without a name', () => {
    const content: ReportContent = {
      activities: saved.activities,
      indicatorValues: [
        { indicator: 'A3.1.3-I1', value: 2, breakdown: [{ dimension: 'age_group', category: 'adult', value: 2 }] },
        { indicator: 'A4.1.2-I1', value: 2, breakdown: [{ dimension: 'sex', category: ' ', value: 2 }] },
      ],
    };
    expect(checkReport(form, content, 'draft').problems.map((problem) => problem.key)).toEqual(['report_breakdown_dimension', 'required']);
  });

  it('asks, on submitting, for every status, every owed value and the obstacles of a delayed activity', () => {
    const content: ReportContent = {
      activities: saved.activities
        .filter((entry) => entry.activity !== 'A4.1.2')
        .map((entry) => (entry.activity === 'A5.2.3' ? { activity: 'A5.2.3', status: 'delayed' } : entry)),
      indicatorValues: saved.indicatorValues.filter((value) => value.indicator !== 'A3.1.3-I1'),
    };
    expect(checkReport(form, content, 'draft').problems).toEqual([]);
    expect(checkReport(form, content, 'submit').problems).toEqual([
      { target: 'A5.2.3', field: 'obstacles', key: 'report_obstacles_needed' },
      { target: 'A4.1.2', field: 'status', key: 'report_status_missing' },
      { target: 'A3.1.3-I1', field: 'value', key: 'report_value_missing' },
    ]);
  });

  it('flags, without refusing, a count far from the last round’s and more spent than planned', () => {
    const content: ReportContent = {
      activities: saved.activities.map((entry) =>
        entry.activity === 'A4.1.2' ? { ...entry, spent: [{ source: 'donor', amount: 19000.01 }] } : entry,
      ),
      indicatorValues: saved.indicatorValues.map((value) =>
        value.indicator === 'O4.1-I1' ? { ...value, value: 200 } : value.indicator === 'A4.1.2-I1' ? { ...value } : value,
      ),
    };
    const { problems, flags } = checkReport(form, content, 'submit');
    expect(problems).toEqual([]);
    expect(flags).toEqual([
      { target: 'A4.1.2', field: 'spent', key: 'report_flag_spent_above_planned', params: { planned: 19000, spent: 19000.01 } },
      { target: 'O4.1-I1', field: 'value', key: 'report_flag_far_from_last', params: { previous: 33, value: 200 } },
    ]);
    expect(flags.map(flagKey)).toEqual(['A4.1.2:spent:report_flag_spent_above_planned', 'O4.1-I1:value:report_flag_far_from_last']);
  });

  it('flags a percentage above 100 and refuses yes/no values other than 0 and 1', () => {
    const natc = reportForm(demoland, 'AP-2021-2022', '2022-H1', 'NATC');
    const base: ReportContent = { activities: natc.report.activities, indicatorValues: natc.report.indicatorValues ?? [] };
    const percentage = natc.indicators.find((indicator) => indicator.measure === 'percentage');
    const yesNo = natc.indicators.find((indicator) => indicator.measure === 'yes_no');
    if (!percentage || !yesNo) throw new Error('Demoland’s coordination office owes a percentage and a yes/no indicator');
    const content: ReportContent = {
      activities: base.activities,
      indicatorValues: [
        ...base.indicatorValues.filter((value) => value.indicator !== percentage.id && value.indicator !== yesNo.id),
        { indicator: percentage.id, value: 104 },
        { indicator: yesNo.id, value: 2 },
      ],
    };
    const { problems, flags } = checkReport(natc, content, 'draft');
    expect(problems).toEqual([{ target: yesNo.id, field: 'value', key: 'report_value_yes_no' }]);
    expect(flags).toEqual([{ target: percentage.id, field: 'value', key: 'report_flag_percent_above_100', params: { value: 104 } }]);
  });
});
