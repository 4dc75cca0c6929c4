import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { edit, makeActivity, makePackage, makeReport } from '../measures/test-factories.ts';
import type { Report } from '../plan/package.ts';
import { responsibleInstitutions, roundBoard } from './board.ts';

describe('responsibleInstitutions', () => {
  const pkg = makePackage({
    activities: [
      makeActivity({ id: 'A1', lead: 'NATC', partners: ['MOI', 'NGO'], start: '2021-01-01', end: '2021-06-30' }),
      makeActivity({ id: 'A2', lead: 'MOI', start: '2021-07-01', end: '2021-12-31' }),
      makeActivity({ id: 'A3', lead: 'MUN', start: undefined, end: undefined, partners: ['NATC'] }),
      makeActivity({ id: 'A4', lead: undefined, partners: ['NGO'], start: '2022-01-01', end: '2022-03-31' }),
    ],
  });

  it('lists leads and partners of activities active in the period, with the indicators of what they lead', () => {
    expect(responsibleInstitutions(pkg, 'AP1', { start: '2021-01-01', end: '2021-06-30' })).toEqual([
      { institution: 'MOI', activities: ['A1'], indicators: [] },
      { institution: 'MUN', activities: ['A3'], indicators: ['A3-I1'] },
      { institution: 'NATC', activities: ['A1', 'A3'], indicators: ['A1-I1'] },
      { institution: 'NGO', activities: ['A1'], indicators: [] },
    ]);
  });

  it('treats an activity without dates as active over the whole plan, and overlaps by a day', () => {
    expect(responsibleInstitutions(pkg, 'AP1', { start: '2022-03-31', end: '2022-06-30' })).toEqual([
      { institution: 'MUN', activities: ['A3'], indicators: ['A3-I1'] },
      { institution: 'NATC', activities: ['A3'], indicators: [] },
      { institution: 'NGO', activities: ['A4'], indicators: [] },
    ]);
  });

  it('refuses an unknown plan', () => {
    expect(() => responsibleInstitutions(pkg, 'AP9', { start: '2021-01-01', end: '2021-12-31' })).toThrow(AppError);
  });
});

describe('roundBoard', () => {
  const empty = (institution: string): Report => ({ institution, status: 'draft', activities: [] });
  const pkg = edit(makePackage(), (draft) => {
    draft.monitoring = {
      rounds: [
        {
          id: '2021-H2',
          periodStart: '2021-07-01',
          periodEnd: '2021-12-31',
          deadline: '2022-01-10',
          reports: [
            empty('NATC'),
            makeReport('MOI', [['A2', 'ongoing']], { status: 'draft' }),
            makeReport('NGO', [['A3', 'ongoing']], { status: 'submitted', submittedOn: '2022-01-12' }),
            makeReport('MUN', [['A4', 'ongoing']], { status: 'returned', submittedOn: '2022-01-05' }),
          ],
        },
        {
          id: '2021-H1',
          periodStart: '2021-01-01',
          periodEnd: '2021-06-30',
          deadline: '2021-07-07',
          reports: [
            makeReport('NATC', [['A1', 'ongoing']], { submittedOn: '2021-07-06' }),
            makeReport('MOI', [['A2', 'ongoing']], { submittedOn: '2021-07-09' }),
            empty('NGO'),
          ],
        },
      ],
    };
  });

  it('shows each status and its counts before the deadline', () => {
    const board = roundBoard(pkg, '2021-H2', '2022-01-08');
    expect(board.round).toEqual({ id: '2021-H2', periodStart: '2021-07-01', periodEnd: '2021-12-31', deadline: '2022-01-10' });
    expect(board.institutions.map((row) => [row.institution, row.status, row.onTime])).toEqual([
      ['MOI', 'draft', null],
      ['MUN', 'returned', true],
      ['NATC', 'not_started', null],
      ['NGO', 'submitted', false],
    ]);
    expect(board.counts).toEqual({ not_started: 1, draft: 1, submitted: 1, returned: 1, accepted: 0, overdue: 0 });
    expect(board.institutions[2]?.name).toBe('National Coordinator');
  });

  it('marks as overdue what is neither submitted nor accepted after the deadline', () => {
    const board = roundBoard(pkg, '2021-H2', '2022-01-11');
    expect(board.institutions.map((row) => [row.institution, row.status, row.onTime])).toEqual([
      ['MOI', 'overdue', false],
      ['MUN', 'overdue', true],
      ['NATC', 'overdue', false],
      ['NGO', 'submitted', false],
    ]);
    expect(board.counts).toEqual({ not_started: 0, draft: 0, submitted: 1, returned: 0, accepted: 0, overdue: 3 });
    // On the deadline itself a report is not yet overdue.
    expect(roundBoard(pkg, '2021-H2', '2022-01-10').counts.overdue).toBe(0);
  });

  it('gives each institution its timeliness in this and earlier rounds', () => {
    const board = roundBoard(pkg, '2021-H2', '2022-02-01');
    const history = Object.fromEntries(board.institutions.map((row) => [row.institution, row.history]));
    expect(history.NATC).toEqual([
      { round: '2021-H1', deadline: '2021-07-07', submittedOn: '2021-07-06', onTime: true },
      { round: '2021-H2', deadline: '2022-01-10', submittedOn: null, onTime: false },
    ]);
    expect(history.MOI?.map((entry) => entry.onTime)).toEqual([false, false]);
    expect(history.NGO?.map((entry) => entry.onTime)).toEqual([false, false]);
    expect(history.MUN?.map((entry) => entry.round)).toEqual(['2021-H2']);
    // The earlier round's history does not include later rounds.
    const first = roundBoard(pkg, '2021-H1', '2022-02-01');
    expect(first.institutions.every((row) => row.history.length === 1)).toBe(true);
    expect(first.counts).toEqual({ not_started: 0, draft: 0, submitted: 0, returned: 0, accepted: 2, overdue: 1 });
  });

  it('refuses an unknown round', () => {
    expect(() => roundBoard(pkg, '2030-H1', '2022-01-01')).toThrow(AppError);
  });
});
