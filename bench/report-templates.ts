// Measures the Excel reporting templates on a national-scale plan through the API, in process (no
// network): a round of about 60 reports is opened on an adopted action plan of a generated package
// (500 activities, 1,500 indicators, 60 institutions), then timed are the zip of all the round's
// templates (started, followed until ready, downloaded), the largest single template, and checking
// and saving a filled template of the institution with the most activities (and the same file
// uploaded again). Run with `npx tsx bench/report-templates.ts` (embedded database on disk), and
// with DATABASE_URL for PostgreSQL. Prints a Markdown table.
import { generatePlanPackage, NATIONAL_SCALE } from '@ariadne/db';
import { reportForm, responsibleInstitutions, translator } from '@ariadne/domain';
import { buildServer, createUser, importPlanPackage } from '@ariadne/server';
import ExcelJS from 'exceljs';
import { openBenchDatabase } from './database.ts';
import { median, quantile, timed } from './timing.ts';

const RUNS = Number(process.env.RUNS ?? 5);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Result = { name: string; runs: number; p50: number; max: number; target?: string; note?: string };

const bench = await openBenchDatabase();
const { database, onPostgres } = bench;

const plan = generatePlanPackage({ seed: 1, scale: NATIONAL_SCALE, optional: 'all' });
const participant = plan.participant.code;
const actionPlan = plan.actionPlans.find((candidate) => candidate.status === 'adopted' && candidate.end >= '2025-12-31');
if (!actionPlan) throw new Error('the generated package has no adopted action plan running to 2025');
// The last round of the plan is opened here, through the API, with its draft reports.
const ROUND = { id: '2025-H2', periodStart: '2025-07-01', periodEnd: '2025-12-31' };
if (plan.monitoring) plan.monitoring.rounds = plan.monitoring.rounds.filter((round) => round.id !== ROUND.id);
const owed = responsibleInstitutions(plan, actionPlan.id, { start: ROUND.periodStart, end: ROUND.periodEnd });
const roundUrl = `/api/participants/${participant}/action-plans/${encodeURIComponent(actionPlan.id)}/rounds/${ROUND.id}`;

const results: Result[] = [];
const about = { report: '' };
try {
  await importPlanPackage(database, { plan, actor: { system: 'bench' } });
  const password = 'a long benchmark passphrase';
  await createUser(database, {
    participant,
    email: 'coordinator@bench.example',
    role: 'coordinator',
    password,
    actor: { system: 'bench' },
  });
  const app = await buildServer({ database, logger: false, webDir: null, rateLimitPerMinute: 1_000_000 });
  await app.ready();
  const signIn = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'coordinator@bench.example', password } });
  const cookie = `ariadne_session=${signIn.cookies.find((c) => c.name === 'ariadne_session')?.value ?? ''}`;
  const headers = { cookie, 'x-csrf-token': (signIn.json() as { csrfToken: string }).csrfToken };
  const request = async (method: 'GET' | 'POST', url: string, payload?: unknown, extra: Record<string, string> = {}) => {
    const response = await app.inject({
      method,
      url,
      headers: { ...headers, ...extra },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body.slice(0, 800)}`);
    return response;
  };

  await request('POST', `/api/participants/${participant}/action-plans/${encodeURIComponent(actionPlan.id)}/rounds`, { rounds: [ROUND] });

  // All the templates of the round as one zip.
  const zipTimes: number[] = [];
  let reports = 0;
  let zipBytes = 0;
  let polls = 0;
  for (let run = 0; run < RUNS; run += 1) {
    zipTimes.push(
      await timed(async () => {
        const started = (await request('POST', `${roundUrl}/templates`)).json() as { job: string; total: number };
        reports = started.total;
        for (;;) {
          polls += 1;
          const progress = (await request('GET', `${roundUrl}/templates/${started.job}`)).json() as { ready: boolean };
          if (progress.ready) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        zipBytes = (await request('GET', `${roundUrl}/templates/${started.job}/download`)).rawPayload.length;
      }),
    );
  }
  results.push({
    name: `all templates of the round (${reports} reports), started, followed and downloaded as a zip`,
    runs: zipTimes.length,
    p50: median(zipTimes),
    max: quantile(zipTimes, 1),
    target: '< 20 s',
    note: `${(zipBytes / 1024 / 1024).toFixed(1)} MB; ${polls} progress requests answered meanwhile`,
  });

  // The institution with the most activities: the largest template and the largest upload.
  const withRound = structuredClone(plan);
  withRound.monitoring?.rounds.push({
    ...ROUND,
    deadline: ROUND.periodEnd,
    reports: owed.map((entry) => ({ institution: entry.institution, status: 'draft' as const, activities: [] })),
  });
  const forms = owed.map((entry) => reportForm(withRound, actionPlan.id, ROUND.id, entry.institution));
  const largest = forms.reduce((a, b) => (b.activities.length + b.indicators.length > a.activities.length + a.indicators.length ? b : a));
  const reportUrl = `${roundUrl}/reports/${encodeURIComponent(largest.institution)}`;
  const rows = largest.indicators.reduce((sum, indicator) => sum + 1 + Object.values(indicator.categories).flat().length, 0);
  about.report = `largest report: ${largest.institution}, ${largest.activities.length} activities, ${largest.indicators.length} indicators (${rows} indicator rows)`;

  const single: number[] = [];
  for (let run = 0; run < RUNS; run += 1) single.push(await timed(() => request('GET', `${reportUrl}/template.xlsx?language=en`)));
  results.push({
    name: 'one template, the largest report',
    runs: single.length,
    p50: median(single),
    max: quantile(single, 1),
    target: '< 300 ms',
  });

  const ongoing = translator('en')('app.activityStatus.ongoing');
  const fill = async (file: Buffer, run: number): Promise<Buffer> => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
    const [, activities, indicators] = workbook.worksheets;
    if (!activities || !indicators) throw new Error('template without its sheets');
    activities.eachRow((row, number) => {
      if (number === 1) return;
      row.getCell(6).value = ongoing;
      row.getCell(7).value = 100 + run;
      row.getCell(11).value = `Done in run ${run}`;
    });
    const measures = new Map(largest.indicators.map((indicator) => [indicator.id, indicator.measure]));
    const firstOfDimension = new Set<string>();
    indicators.eachRow((row, number) => {
      if (number === 1) return;
      const code = String(row.getCell(1).value ?? '');
      const key = String(row.getCell(10).value ?? '');
      const measure = measures.get(code);
      const total = measure === 'number' ? 10 + run : measure === 'percentage' ? 50 : measure === 'yes_no' ? 1 : 0;
      if (key === '') {
        row.getCell(7).value = total;
        return;
      }
      // The first category of each breakdown takes the whole total, the others none: they add up.
      const dimension = `${code}:${key.split(':')[0] ?? ''}`;
      row.getCell(7).value = firstOfDimension.has(dimension) ? 0 : total;
      firstOfDimension.add(dimension);
    });
    return Buffer.from(await workbook.xlsx.writeBuffer());
  };

  const uploads: number[] = [];
  const again: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const file = await fill((await request('GET', `${reportUrl}/template.xlsx?language=en`)).rawPayload, run);
    uploads.push(
      await timed(async () => {
        const answer = (await request('POST', `${reportUrl}/template`, file, { 'content-type': XLSX })).json() as { unchanged: boolean };
        if (answer.unchanged) throw new Error('a new file was taken as already applied');
      }),
    );
    again.push(
      await timed(async () => {
        const answer = (await request('POST', `${reportUrl}/template`, file, { 'content-type': XLSX })).json() as { unchanged: boolean };
        if (!answer.unchanged) throw new Error('the same file changed the report again');
      }),
    );
  }
  results.push({
    name: 'check and save a filled template (largest report)',
    runs: uploads.length,
    p50: median(uploads),
    max: quantile(uploads, 1),
    target: '< 2 s',
  });
  results.push({ name: 'the same file uploaded again (nothing changes)', runs: again.length, p50: median(again), max: quantile(again, 1) });
  await app.close();
} finally {
  await bench.close();
}

process.stdout.write(
  `database: ${onPostgres ? 'PostgreSQL' : 'PGlite (on disk)'}; round ${ROUND.id} of ${actionPlan.id}; ${about.report}\n\n`,
);
process.stdout.write('| step | runs | median (ms) | slowest (ms) | target | note |\n|---|---:|---:|---:|---|---|\n');
for (const result of results) {
  process.stdout.write(
    `| ${result.name} | ${result.runs} | ${result.p50.toFixed(0)} | ${result.max.toFixed(0)} | ${result.target ?? ''} | ${result.note ?? ''} |\n`,
  );
}
