import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';

let server: TestServer;
let observer: Client;
let focalPoint: Client;

beforeAll(async () => {
  server = await startTestServer();
  observer = await signInAs(server.app, demoEmail('observer'));
  focalPoint = await signInAs(server.app, demoEmail('focal_point'));
});
afterAll(async () => server?.close());

const PLAN = '/api/participants/DL/action-plans/AP-2021-2022';

type Series = {
  plan: string;
  strategy: string;
  asOf: string;
  indicator: { id: string; measure: string; baseline: unknown; target: unknown; milestones: unknown; disaggregation: string[] };
  owner: { kind: string; id: string };
  rounds: {
    id: string;
    value: number | null;
    reports: number;
    milestone: number | null;
    breakdown: { dimension: string; categories: { category: string; value: number }[] }[];
  }[];
  actual: number | null;
  actualRound: string | null;
  progress: number | null;
  expected: number | null;
  status: string;
};

type Reports = {
  activity: { id: string; lead: unknown; partners: unknown };
  planned: { year: number; amount: number }[];
  plannedTotal: number;
  spentTotal: number;
  rounds: {
    id: string;
    reports: {
      institution: string;
      reportStatus: string;
      counted: boolean;
      status: string;
      spentTotal: number;
      obstacles: string | null;
    }[];
    spent: number;
    cumulativeSpent: number;
    cumulativePlanned: number;
  }[];
};

describe('the series of an indicator', () => {
  it('gives an objective indicator round by round from accepted reports, with its milestone, breakdowns and status', async () => {
    const response = await observer.request('GET', `${PLAN}/indicators/O3.1-I1/series?asOf=2022-12-31`);
    expect(response.statusCode).toBe(200);
    const series = response.json() as Series;
    expect(series).toMatchObject({
      plan: 'AP-2021-2022',
      strategy: 'NS-2021-2024',
      asOf: '2022-12-31',
      indicator: {
        id: 'O3.1-I1',
        measure: 'number',
        baseline: { value: 64, year: 2020 },
        target: { value: 110, year: 2024 },
        milestones: [{ value: 85, year: 2022 }],
        disaggregation: ['sex', 'age_group', 'exploitation', 'nationality'],
      },
      owner: { kind: 'objective', id: 'O3.1' },
    });
    expect(series.rounds.map((round) => [round.id, round.value, round.reports, round.milestone])).toEqual([
      ['2021-H1', 66, 1, null],
      ['2021-H2', 71, 1, null],
      ['2022-H1', 78, 1, 85],
    ]);
    expect(
      series.rounds[2]?.breakdown.map((dimension) => [dimension.dimension, dimension.categories.map((c) => [c.category, c.value])]),
    ).toEqual([
      [
        'sex',
        [
          ['female', 46],
          ['male', 32],
        ],
      ],
      [
        'age_group',
        [
          ['adult', 51],
          ['child', 27],
        ],
      ],
      [
        'exploitation',
        [
          ['sexual exploitation', 37],
          ['labour exploitation', 26],
          ['forced begging', 10],
          ['forced criminality', 5],
        ],
      ],
    ]);
    // Progress (78 − 64) / (110 − 64) = 0.3043; expected 730 / 1461 = 0.4997; 0.3043 ≥ 0.4997 − 0.25: at risk.
    expect(series).toMatchObject({ actual: 78, actualRound: '2022-H1', progress: 0.3043, expected: 0.4997, status: 'at_risk' });
  });

  it('gives an activity indicator of the plan, and refuses one not listed for it', async () => {
    const response = await focalPoint.request('GET', `${PLAN}/indicators/A3.1.3-I1/series?asOf=2021-12-31`);
    expect(response.statusCode).toBe(200);
    const series = response.json() as Series;
    expect(series.owner).toEqual({ kind: 'activity', id: 'A3.1.3' });
    expect(series.rounds.map((round) => round.value)).toEqual([38, 97, 142]);
    expect(series.rounds[1]?.breakdown).toEqual([
      {
        dimension: 'sex',
        categories: [
          { category: 'female', value: 26, reports: 1 },
          { category: 'male', value: 71, reports: 1 },
        ],
      },
    ]);
    // As of 2021-12-31 the 2022-H1 round does not count yet: 97 of 150, from 0.
    expect(series).toMatchObject({ actual: 97, actualRound: '2021-H2', progress: 0.6467 });

    expect((await observer.request('GET', `${PLAN}/indicators/NO-SUCH/series`)).statusCode).toBe(404);
    expect((await observer.request('GET', '/api/participants/DL/action-plans/NO-PLAN/indicators/O3.1-I1/series')).statusCode).toBe(404);
    expect((await observer.request('GET', `${PLAN}/indicators/O3.1-I1/series?asOf=2022-02-30`)).statusCode).toBe(400);
  });
});

describe('the reports on an activity', () => {
  it('lists each round’s reports and adds up money planned and spent', async () => {
    const response = await observer.request('GET', `${PLAN}/activities/A3.1.3/reports`);
    expect(response.statusCode).toBe(200);
    const reports = response.json() as Reports;
    expect(reports.activity).toMatchObject({
      id: 'A3.1.3',
      lead: { id: 'POL' },
      partners: [{ id: 'MOI' }, { id: 'IO-RMO' }, { id: 'NATC' }],
    });
    expect(reports.planned).toEqual([
      { year: 2021, amount: 11000 },
      { year: 2022, amount: 9000 },
    ]);
    expect(
      reports.rounds.map((round) => [
        round.id,
        round.reports.map((r) => `${r.institution}:${r.status}`),
        round.spent,
        round.cumulativeSpent,
        round.cumulativePlanned,
      ]),
    ).toEqual([
      ['2021-H1', ['POL:ongoing'], 3900, 3900, 11000],
      ['2021-H2', ['POL:ongoing'], 6100, 10000, 11000],
      ['2022-H1', ['POL:completed'], 4800, 14800, 20000],
    ]);
    expect(reports).toMatchObject({ plannedTotal: 20000, spentTotal: 14800 });
  });

  it('shows a returned report without counting its money', async () => {
    const reports = (await observer.request('GET', `${PLAN}/activities/A2.2.1/reports`)).json() as Reports;
    const [first, second, third] = reports.rounds;
    expect(first?.reports.map((r) => [r.institution, r.counted])).toEqual([
      ['SLI', true],
      ['POL', true],
    ]);
    expect(second?.reports).toMatchObject([
      {
        institution: 'SLI',
        reportStatus: 'returned',
        counted: false,
        spentTotal: 8200,
        obstacles: 'Only 11 inspectors cover the agriculture sector nationwide.',
      },
    ]);
    expect([second?.spent, second?.cumulativeSpent, third?.spent, third?.cumulativeSpent]).toEqual([0, 6900, 16100, 23000]);
    expect((await observer.request('GET', `${PLAN}/activities/A9.9.9/reports`)).statusCode).toBe(404);
  });
});
