// Measures generating the documents of a national-scale action plan (500 activities, 1,500
// indicators, 60 institutions, with its monitoring history) in Word and in PDF, through the API:
// the implementation report of the whole plan and the strategy and action plan document, from the
// request that starts the run to the run being done, as the coordinator waits for it. Run with `npx tsx bench/documents.ts` (embedded database on disk), or
// with DATABASE_URL for PostgreSQL. PDF needs Chromium (`ARIADNE_CHROMIUM`, else /usr/bin/chromium).
// Prints a Markdown table.
import { existsSync } from 'node:fs';
import { generatePlanPackage, NATIONAL_SCALE } from '@ariadne/db';
import { buildServer, createUser, importPlanPackage } from '@ariadne/server';
import { openBenchDatabase } from './database.ts';
import { median, quantile, timed } from './timing.ts';

const RUNS = Number(process.env.RUNS ?? 3);
const PASSWORD = 'a long benchmark passphrase';
const TARGETS = { docx: 10_000, pdf: 20_000 } as const;

type Kind = 'implementation_report' | 'plan';
const KINDS: Kind[] = ['implementation_report', 'plan'];
const NAMES: Record<Kind, string> = { implementation_report: 'implementation report, whole plan', plan: 'strategy and action plan' };

type Result = { name: string; runs: number; p50: number; p95: number; max: number; size: number; target: string };

const bench = await openBenchDatabase();
const { database, onPostgres } = bench;

const plan = generatePlanPackage({ seed: 1, scale: NATIONAL_SCALE, optional: 'all' });
const participant = plan.participant.code;
const actionPlan = [...plan.actionPlans].sort((a, b) => b.activities.length - a.activities.length)[0];
if (!actionPlan) throw new Error('the generated package has no action plan');

const results: Result[] = [];
try {
  await importPlanPackage(database, { plan, actor: { system: 'bench' } });
  await createUser(database, {
    participant,
    email: 'coordinator@bench.example',
    role: 'coordinator',
    password: PASSWORD,
    actor: { system: 'bench' },
  });
  const app = await buildServer({ database, logger: false, webDir: null, rateLimitPerMinute: 1_000_000 });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const signedIn = await fetch(`${address}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'coordinator@bench.example', password: PASSWORD }),
  });
  if (!signedIn.ok) throw new Error(`sign-in: ${signedIn.status}`);
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = ((await signedIn.json()) as { csrfToken: string }).csrfToken;
  const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
  const documents = `${address}/api/participants/${participant}/documents`;

  /** Generates a document of the whole plan and waits for it; returns its size in bytes. */
  const generate = async (kind: Kind, format: 'docx' | 'pdf'): Promise<number> => {
    const request = kind === 'implementation_report' ? { kind, scope: 'whole' } : { kind };
    const started = await fetch(documents, {
      method: 'POST',
      headers,
      body: JSON.stringify({ ...request, plan: actionPlan.id, language: 'en', format }),
    });
    if (started.status !== 202) throw new Error(`start ${format}: ${started.status} ${await started.text()}`);
    const { id } = (await started.json()) as { id: number };
    for (;;) {
      const run = (await (await fetch(`${documents}/${id}`, { headers: { cookie } })).json()) as {
        status: string;
        error: string | null;
        sizeBytes: number | null;
      };
      if (run.status === 'done') return run.sizeBytes ?? 0;
      if (run.status === 'failed') throw new Error(`${format} failed: ${run.error ?? ''}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  const formats: ('docx' | 'pdf')[] = existsSync(process.env.ARIADNE_CHROMIUM ?? '/usr/bin/chromium') ? ['docx', 'pdf'] : ['docx'];
  for (const kind of KINDS)
    for (const format of formats) {
      // The first run starts Chromium and warms the code; it is not counted.
      await generate(kind, format);
      const times: number[] = [];
      let size = 0;
      for (let run = 0; run < RUNS; run += 1) {
        times.push(
          await timed(async () => {
            size = await generate(kind, format);
          }),
        );
      }
      results.push({
        name: `${NAMES[kind]}, ${format === 'docx' ? 'Word' : 'PDF'}`,
        runs: times.length,
        p50: median(times),
        p95: quantile(times, 0.95),
        max: Math.max(...times),
        size,
        target: `< ${TARGETS[format] / 1000} s`,
      });
    }
  await app.close();
} finally {
  await bench.close();
}

console.log(
  `\nDocuments of ${actionPlan.id} (${actionPlan.activities.length} activities) on ${onPostgres ? 'PostgreSQL' : 'PGlite'}, ${RUNS} runs each after one warm-up\n`,
);
console.log('| document | runs | p50 ms | p95 ms | max ms | size KB | target |');
console.log('|---|---:|---:|---:|---:|---:|---|');
for (const result of results) {
  console.log(
    `| ${result.name} | ${result.runs} | ${result.p50.toFixed(0)} | ${result.p95.toFixed(0)} | ${result.max.toFixed(0)} | ${(result.size / 1024).toFixed(0)} | ${result.target} |`,
  );
}
